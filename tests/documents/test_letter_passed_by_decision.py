"""A reserve dossier ranked above one the committee funded against the ranking (review
s11 rev-chair F7): its letter said « Le dernier dossier financé totalise … », the total of a
dossier ranked after it, with no reason.  It now says a dossier ranked after it was funded
by a decision of the committee, and compares it with no « last funded dossier ».

alsace-2016: AL16-01 and AL16-02 proposed, AL16-03 (4th of 5 ranked) then AL16-04 (5th) on
the reserve; the vote retains AL16-04, AL16-03 stays first on the reserve."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

PASSED = "Un dossier classé après le vôtre a été financé par une décision du comité"


def _letters(tmp_path: Path, vote: bool) -> dict[str, str]:
    folder = tmp_path / ("vote" if vote else "plain") / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    runner = CliRunner()
    if vote:
        res = runner.invoke(cli, ["--lang", "fr", "decide", str(folder), "AL16-04", "--stage",
                                  "vote", "--outcome", "retenu", "--by", "CP", "--reason", "vote",
                                  "--motivation", "Projet prioritaire pour le territoire"])
        assert res.exit_code == 0, res.output
    out = folder.parent / "lettres"
    res = runner.invoke(cli, ["--lang", "fr", "report", str(folder), "--kind", "feedback",
                              "--format", "md", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return {p.stem: p.read_text(encoding="utf-8") for p in out.glob("AL16-*.md")}


def test_a_reserve_dossier_passed_by_a_vote_is_told_why(tmp_path: Path) -> None:
    letters = _letters(tmp_path, vote=True)
    a3 = letters["AL16-03"]
    assert "Position 1 sur la liste de réserve." in a3
    assert PASSED in a3
    assert "Le dernier dossier financé" not in a3 and "dernier dossier proposé" not in a3
    # the dossiers funded, and the one ranked after the vote's choice, are not told it
    for other in ("AL16-01", "AL16-02", "AL16-04"):
        assert PASSED not in letters[other], other


def test_without_such_a_decision_nothing_is_said(tmp_path: Path) -> None:
    letters = _letters(tmp_path, vote=False)
    assert all(PASSED not in text for text in letters.values())
    assert "Position 1 sur la liste de réserve." in letters["AL16-03"]
