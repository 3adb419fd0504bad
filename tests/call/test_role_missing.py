"""A grid whose eliminatory criteria only an instructor rates (``rated_by: instructeur``),
and a call that declares jurors only (``role-missing``).

Found by a review: the French guide's call on the shipped grid ``alsace-aap-2016``
(ALS-E1 to ALS-E3 rated by the instructor) declared three jurors; ``call check`` said
« ok » with no warning, and ``score`` then left every dossier « à vérifier » with nothing
ranked and nothing saying why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from testpaths import ROOT

#: a dossier whose facts pass the grid's rules: only X1 can leave it « à vérifier »
DOSSIER = {"id": "D1", "region": "Alsace", "partners": [
    {"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]}
JURORS = [{"id": "j1", "role": "juré"}, {"id": "j2", "role": "juré"}]


def _call(tmp_path: Path, assessors: list[dict[str, str]] | None,
          ratings: list[tuple[str, str, str, int]] | None = None) -> Path:
    return make_call(tmp_path, "mini-scored",
                     call={} if assessors is None else {"assessors": assessors},
                     dossiers=[DOSSIER], ratings=ratings or [("D1", "j1", "B1", 3)])


def _role_missing(folder: Path) -> list[tuple[str, int | None, str]]:
    return [(str(w.message), w.location.line if w.location else None, w.effective_hint)
            for w in load_call(folder).warnings if w.code == "role-missing"]


def test_jurors_only_on_a_grid_an_instructor_rates(tmp_path: Path) -> None:
    folder = _call(tmp_path, JURORS)
    # call.yaml as make_call writes it: title (1), grid (2), « assessors: » (3), then the
    # list, whose first item is line 4: where the jury is declared
    assert _role_missing(folder) == [(
        "the grid's criterion X1 is rated by an instructor and the call declares none: "
        "its value stays unknown, and no dossier can be ranked", 4,
        "Declare one under `assessors:` in call.yaml ({id: i1, name: …, role: instructeur}), "
        f"then write their workbook: isgrid sheets {folder} -o fiches/ --assessor i1")]


def test_the_id_proposed_is_free(tmp_path: Path) -> None:
    """A juror already called i1: the hint proposes i2, not an id of the jury."""
    folder = _call(tmp_path, [{"id": "i1", "role": "juré"}], [("D1", "i1", "B1", 3)])
    [(_, _, hint)] = _role_missing(folder)
    assert "{id: i2, name: …, role: instructeur}" in hint and hint.endswith("--assessor i2")


def test_an_instructor_declared_is_enough(tmp_path: Path) -> None:
    """Declared, even before rating anything: nothing to say about roles (what they
    still owe is another matter)."""
    folder = _call(tmp_path, [*JURORS, {"id": "i1", "role": "instructeur"}])
    assert _role_missing(folder) == []


def test_no_jury_declared_has_no_roles_to_miss(tmp_path: Path) -> None:
    """Without ``assessors:`` the raters are known only from their ratings files and have
    no role: anyone's value of X1 counts, so no role can be said missing."""
    folder = _call(tmp_path, None, [("D1", "j1", "B1", 3), ("D1", "j1", "X1", 1)])
    assert _role_missing(folder) == []
    call = load_call(folder)
    assert [c.id for c in call.grid.grid.criteria() if c.rated_by] == ["X1"]
    # and j1's value of X1 was read (with a jury declared, a juré's would be refused)
    assert len(call.ratings) == 2


def test_score_says_it_and_the_report_names_the_role(tmp_path: Path) -> None:
    """``score`` gives the warning (in French on a French call); the dossier is « à
    vérifier » on X1 and the committee report's flag says who rates it."""
    folder = _call(tmp_path, JURORS)
    runner = CliRunner()
    res = runner.invoke(cli, ["--lang", "fr", "score", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert ("les critères" not in res.stderr and
            "le critère X1 de la grille est noté par le rôle instructeur, qu'aucun évaluateur "
            "de l'appel n'a\u00a0: sa valeur reste inconnue, et aucun dossier ne peut être "
            "classé [role-missing]") in res.stderr, res.stderr
    [d] = json.loads(res.stdout)["dossiers"]
    assert d["status"] == "à vérifier" and d["eligibility"] == {
        "region": "pass", "partners": "pass", "X1": "unknown"}
    out = tmp_path / "r.md"
    res = runner.invoke(cli, ["--lang", "fr", "report", str(folder), "--format", "md",
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "à vérifier\u00a0: Action ponctuelle exclue (X1), noté par le rôle instructeur" \
        in out.read_text(encoding="utf-8")


def test_the_french_guide_shows_the_warning_isgrid_gives(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/fr/preparer-un-appel.md shows what `call check` says of its `mon-appel` with the
    jurors only (its assessors without the instructor's line): isgrid's words, byte for
    byte, at the line the user's call.yaml has (call init's 11 lines, the guide's intake
    block, then « assessors: » at 24)."""
    guide = (ROOT / "docs" / "fr" / "preparer-un-appel.md").read_text(encoding="utf-8")
    # every fenced block with its opening line (a ```yaml block's closing fence is no
    # opening one), the untagged ones kept: isgrid's answers
    [shown] = [b for tag, b in re.findall(r"^```([^\n]*)\n(.*?)^```$", guide,
                                          flags=re.S | re.M)
               if not tag and "[role-missing]" in b]
    intake, jury = re.findall(r"^```yaml mon-appel/call.yaml\n(.*?)^```$", guide,
                              flags=re.S | re.M)
    jury = jury.partition("conflicts:")[0]  # its déport names a dossier intake brings
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(cli, ["call", "init", "mon-appel", "--grid", "alsace-aap-2016"])
    assert made.exit_code == 0, made.output
    jurors = "".join(line for line in jury.splitlines(keepends=True)
                     if "instructeur" not in line)
    assert jurors.count("role: juré") == 3
    with open("mon-appel/call.yaml", "a", encoding="utf-8") as fh:
        fh.write(intake + jurors)
    said = runner.invoke(cli, ["--lang", "fr", "call", "check", "mon-appel"]).stderr
    # after the one line saying no juror has rated yet (same place, ratings-missing)
    at = said.index("Avertissement\u00a0: mon-appel/call.yaml:24:3 (assessors)\u00a0: les "
                    "critères")
    assert said[at:].startswith(shown), said
    # with the guide's instructor, nothing to say
    call = Path("mon-appel/call.yaml")
    call.write_text(call.read_text(encoding="utf-8").replace(jurors, jury), encoding="utf-8")
    res = runner.invoke(cli, ["call", "check", "mon-appel"])
    assert res.exit_code == 0 and "role-missing" not in res.stderr, res.output
