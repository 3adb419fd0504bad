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
from isgrid.call.journal import append
from isgrid.call.load import load_call
from isgrid.cli import cli
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
    assert before["D3"] == ["premier dossier sous la ligne de financement", JURY_FR]
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
