"""The zone grise says who settles a tie at the line as the letters do (the engine's
reading, Result.tie): the vote, while a place the vote freed is left to the tie (found by
a review: the séance dashboard, `isgrid watch` and the séance page said « le jury doit
départager » while the letters said « le vote doit départager »).

The séance call of tests/decisions_calls.py: budget 50 000; D1 (20 000) and D2 (15 000)
retained, 15 000 left; D3 and D4 tied at the line (rank 3, 10 000 each), one fits.  The
vote refuses D2: 30 000 left, the place it freed is offered to D3 and D4, tied, left to the
vote (Result.tie(d).stage == "vote").
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance
from isgrid.engine import score
from pagetext import visible

NBSP = "\u00a0"
JURY_FR = f"ex æquo sur la ligne de financement{NBSP}: le jury doit départager"
VOTE_FR = f"ex æquo sur la ligne de financement{NBSP}: le vote doit départager"
VOTE_EN = "tied at the funding line: the vote must choose"


def grey(folder: Path, lang: str) -> dict[str, list[str]]:
    call = load_call(folder)
    return {g.id: g.reasons for g in build_seance(call, score(call), lang).zone_grise}


def test_the_zone_grise_says_the_vote_settles_a_tie_left_to_it(tmp_path: Path) -> None:
    # D4 asks 21 000: D2 refused leaves 30 000 beside D1, D3 + D4 = 31 000 do not both fit
    # (with 10 000 they would be taken together: branch tie-freed): left to the vote
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    before = grey(folder, "fr")
    assert before["D3"] == [JURY_FR]  # at the line as D4 is, never « premier … sous la ligne »
    assert before["D4"] == [JURY_FR]
    append(folder, kind="decision", dossier="D2", outcome="non retenu", stage="vote",
           by="Présidente", reason="vote")
    call = load_call(folder)
    r = score(call)
    assert r.tie(r.dossier("D3")).stage == "vote"  # type: ignore[union-attr]
    now = grey(folder, "fr")
    assert now["D3"] == now["D4"] == [VOTE_FR]
    assert grey(folder, "en")["D4"] == [VOTE_EN]
    # the séance page (the dashboard and `isgrid watch` show the same items)
    out = tmp_path / "seance.html"
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(folder), "--kind", "seance",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = visible(out.read_bytes())
    assert VOTE_FR in page and "jury doit départager" not in page


def test_three_dossiers_tied_at_the_line_are_each_at_it(tmp_path: Path) -> None:
    """The zone grise called the first of three dossiers tied at the line « premier dossier
    sous la ligne », as if the other two were not at the line as much as it (found by an
    integration review)."""
    # D5 scored as D3 and D4 (75,0, 10 000): D1 + D2 = 35 000, 15 000 left, one of three fits
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite")))
    call = load_call(folder)
    r = score(call)
    grey = {g.id: g.reasons for g in build_seance(call, r, "fr").zone_grise}
    tied = f"ex æquo sur la ligne de financement{NBSP}: le jury doit départager"
    assert grey == {"D2": ["dernier dossier au-dessus de la ligne de financement"],
                    "D3": [tied], "D4": [tied], "D5": [tied]}
    english = {g.id: g.reasons for g in build_seance(call, r, "en").zone_grise}
    assert english["D3"] == english["D4"] == english["D5"] == [
        "tied at the funding line: the jury must choose"]
    [(_, body)] = render_report(call, r, "committee", "md")
    page = body.decode("utf-8")  # the committee report's zone grise: the same words
    for did in ("D3", "D4", "D5"):
        assert f"| 3 | {did} | Projet {did} | classé | {tied} |" in page
    assert "premier dossier sous la ligne" not in page
