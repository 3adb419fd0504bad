"""A criterion a role rates (alsace-aap-2016's ALS-E1, ``rated_by: instructeur``) left
unrated: ``isgrid score``'s table never cuts its id (it read « à vérifier : AL… +1 »), and
the séance pages say the role as the committee report does (« La démarche comporte une
part de risque (ALS-E1), noté par le rôle instructeur »; they said the label alone)."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.score_outputs import _flags_cell, score_table
from isgrid.engine import score
from isgrid.web.watch import iter_pages
from testpaths import EXAMPLES

NBSP = "\u00a0"


def _call(tmp_path: Path, *criteria: str) -> Path:
    """alsace-2016 without i1's ratings of AL16-03 for ``criteria`` (« oui » each)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = folder / "ratings" / "i1.csv"
    lines = ratings.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith(tuple(f"AL16-03,i1,{c}," for c in criteria))]
    assert len(kept) == len(lines) - len(criteria)
    ratings.write_text("".join(kept), encoding="utf-8")
    return folder


def test_flags_cell_never_cuts_an_id() -> None:
    flag = f"à vérifier{NBSP}: ALS-E1"  # 19 characters
    assert _flags_cell([flag], 19, {flag}) == flag  # it fits
    # with another flag: 19 + « +1 » (3) = 22 > 19: said whole past the width, then +1
    assert _flags_cell([flag, "x"], 19, {flag}) == flag + " +1"
    assert _flags_cell([flag, "x"], 19) == f"à vérifier{NBSP}: AL… +1"  # a label is cut
    assert _flags_cell(["ab", flag], 19, {flag}) == "ab +1"  # whole flags first


def test_score_table(tmp_path: Path) -> None:
    result = score(load_call(_call(tmp_path, "ALS-E1", "ALS-E2")))
    d = result.dossier("AL16-03")
    assert list(d.flags) == ["unknown:ALS-E1", "unknown:ALS-E2"]
    row = next(x for x in score_table(result, "fr").splitlines() if " AL16-03 " in x)
    assert row.endswith(f"à vérifier{NBSP}: ALS-E1 +1")
    assert "AL…" not in row


def test_seance_pages_say_the_role(tmp_path: Path) -> None:
    folder = _call(tmp_path, "ALS-E1")
    pages = {name: (data.decode("utf-8") if isinstance(data, bytes) else str(data))
             for name, data in iter_pages(folder)}
    index = pages["index.html"]
    said = "La démarche comporte une part de risque (ALS-E1), noté par le rôle instructeur"
    # the zone grise and the things to do before any decision
    assert f"recevabilité à vérifier{NBSP}: {said}" in index
    assert f"AL16-03{NBSP}: recevabilité à vérifier avant toute décision ({said})." in index
    assert f"à vérifier{NBSP}: La démarche comporte une part de risque<" not in index
    en = {name: (data.decode("utf-8") if isinstance(data, bytes) else str(data))
          for name, data in iter_pages(folder, lang="en")}["index.html"]
    assert ("eligibility to check: La démarche comporte une part de risque (ALS-E1), "
            "rated by an instructor") in en


def test_the_english_report_says_the_role_in_english(tmp_path: Path) -> None:
    """The committee report in English: the flag said « rated by the instructeur » (a
    French identifier in an English sentence); it says « rated by an instructor », and the
    jury table the roles in the same words (the common catalog's ``role.*``)."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = _call(tmp_path, "ALS-E1")
    out = tmp_path / "r.md"
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(folder), "--format", "md",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert ("to check: La démarche comporte une part de risque (ALS-E1), rated by an "
            "instructor |") in text
    assert "instructeur" not in text
    assert "| Julien Roth (Mission ESS, instruction) | instructor | 8 | - |" in text
    assert "| Hélène Schaeffer | jury member | 7 | - |" in text
