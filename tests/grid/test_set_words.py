"""A grid's `set` errors in the user's words, naming the grid extended and the id or field
clearly meant; a mistyped command gets its « Did you mean » in French too (review s9, F9).

Found by a review: « pas de criterion 'VDM-6' dans la grille parente », « ne peut pas être
modifié sur un section », the hint « `isgrid grids show PARENT` » (a placeholder), no
suggestion for `critere` (`criteres`) or `plancher` (`floor`), « dans la grille parente »
for a scale the author's own file declares; `isgrid grids chek` answered in English
(« No such command 'chek'. (Did you mean one of: 'check', 'schema'?) ») and `isgrid grid`
suggested nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import FIXTURES

GRIDS = FIXTURES / "grids"
CHILD = (GRIDS / "mini-child.yaml").read_text(encoding="utf-8")
SCALE = "scales:\n  niveaux:\n    levels:\n      - {value: 0, label: Non}\n" \
    "      - {value: 1, label: Oui}\n"


def _french(tmp_path: Path, line: str) -> str:
    shutil.copy(GRIDS / "mini-scored.yaml", tmp_path)
    grid = tmp_path / "child.yaml"
    text = CHILD.replace("  criteria.I1.weight: 3\n", f"  {line}\n")
    grid.write_text(text.replace("set:\n", SCALE + "set:\n"), encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(grid)])
    assert res.exit_code == 2, res.output
    return res.output.replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(("line", "said"), [
    # the set's line is 16 (5 lines of scale before `set:`, line 10 in mini-child); its
    # value after two spaces, the key and « : »
    ("criteria.I9.weight: 3",
     "child.yaml:16:23 (set.criteria.I9.weight) : pas de critère « I9 » dans la grille "
     "mini-scored, ni ajouté par ce fichier [unknown-target]\n"
     # I1 and I2 are as near: no guess
     "  Indice : Vérifiez l'identifiant avec `isgrid grids show mini-scored`, et dans ce "
     "fichier.\n"),
    ("sections.impac.weight: 2",
     "child.yaml:16:26 (set.sections.impac.weight) : pas de section « impac » dans la grille "
     "mini-scored, ni ajoutée par ce fichier [unknown-target]\n"
     "  Indice : Vouliez-vous dire « impact » ? Les identifiants : `isgrid grids show "
     "mini-scored`, et ce fichier.\n"),
    ("scales.niveau.na: false",
     "child.yaml:16:21 (set.scales.niveau.na) : pas d'échelle « niveau » dans la grille "
     "mini-scored, ni déclarée par ce fichier [unknown-target]\n"
     "  Indice : Vouliez-vous dire « niveaux » ? Les identifiants : `isgrid grids show "
     "mini-scored`, et ce fichier.\n"),
    ("criteria.I1.plancher: 2",
     "child.yaml:16:25 (set.criteria.I1.plancher) : « plancher » ne peut pas être modifié sur "
     "un critère [bad-set-path]\n  Indice : Vouliez-vous dire « floor » ? Champs : advice, "
     "core, dimension, eliminatory, floor, from_fact, guidance, label, provenance, question, "
     "ranking_weight, rated_by, scale, secondary_dimensions, separate_condition, weight.\n"),
    ("sections.impact.poids: 2",
     "child.yaml:16:26 (set.sections.impact.poids) : « poids » ne peut pas être modifié sur une "
     "section [bad-set-path]\n  Indice : Vouliez-vous dire « weight » ? Champs : description, "
     "label, ranking_weight, weight.\n"),
])
def test_set_errors_in_french(tmp_path: Path, line: str, said: str) -> None:
    out = _french(tmp_path, line)
    assert said in out, out
    for english in ("criterion", "un section", "grille parente", "PARENT"):
        assert english not in out


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
          args: list[str]) -> str:
    """What ``main()`` writes on standard error (it frames click's errors; the CliRunner
    bypasses it)."""
    from isgrid.cli.main import main

    monkeypatch.setattr("sys.argv", ["isgrid", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    return capsys.readouterr().err.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(("args", "said"), [
    (["grids", "chek", "g.yaml"], "Erreur : La commande « chek » n'existe pas. Vouliez-vous "
                                  "dire « check » ?\n"),
    (["grid", "check", "g.yaml"], "Erreur : La commande « grid » n'existe pas. Vouliez-vous "
                                  "dire « grids » ?\n"),
    (["grids", "zzz"], "Erreur : La commande « zzz » n'existe pas.\n"),
])
def test_a_mistyped_command_in_french(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str], args: list[str],
                                      said: str) -> None:
    assert _main(monkeypatch, capsys, ["--lang", "fr", *args]).startswith(said)


def test_a_mistyped_command_in_english(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """One command clearly meant (isgrid's rule of « Did you mean »), not click's list of
    every near one (« 'check', 'schema' »)."""
    err = _main(monkeypatch, capsys, ["--lang", "en", "grids", "chek", "g.yaml"])
    assert err.startswith("Error: No such command 'chek'. Did you mean 'check'?\n"), err
