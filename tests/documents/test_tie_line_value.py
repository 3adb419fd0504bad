"""One funding line for one proposal: at a tie at the line, the committee report's agenda
placed the line on the tied dossiers' own total while the sentence under it said
« halfway between the last funded and the first ranked below it », and ``isgrid
sensitivity`` gave the halfway value for the same proposal (found by a review: « at 67.9
points » in the report, « 68.9 points » in sensitivity).  Both read
:func:`isgrid.analysis.zone.line_position` now.

The séance call of tests/decisions_calls.py (total = 100 x (Q1 + Q2) / 8, both jurors
alike), with D3 and D4 rated (3, 2) and D5 (2, 2): D1 100 (20 000), D2 87.5 (15 000), D3
and D4 62.5 (10 000 each), D5 and D6 50; budget 50 000: D1 and D2 take 35 000, 15 000
left, D3 and D4 tied at rank 3, one fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from decisions_calls import DOSSIERS, seance_call
from isgrid.analysis.sensitivity import analyse
from isgrid.call.load import load_call
from isgrid.documents.agenda import agenda_top, line_value
from isgrid.documents.output import render_report
from isgrid.engine import score

NBSP = "\u00a0"


def test_a_tie_at_the_line_is_halfway_in_the_report_as_in_sensitivity(
        tmp_path: Path) -> None:
    ours = dict(DOSSIERS, D3=(3, 2, *DOSSIERS["D3"][2:]), D4=(3, 2, *DOSSIERS["D4"][2:]),
                D5=(2, 2, *DOSSIERS["D5"][2:]))
    call = load_call(seance_call(tmp_path, call={"lang": "en"}, dossiers=ours))
    result = score(call)
    assert [(d.id, d.rank) for d in result.dossiers][:4] == [
        ("D1", 1), ("D2", 2), ("D3", 3), ("D4", 3)]
    assert "tie-at-line" in result.dossier("D3").flags  # type: ignore[union-attr]
    # halfway between D2 (87.5, the last funded) and D3 (62.5, tied, the first below):
    # (87.5 + 62.5) / 2 = 75.0; it read 62.5, the tied dossiers' own total
    assert line_value(call.grid.grid, result) == pytest.approx(75.0)
    assert analyse(call, result, draws=0).line_value == pytest.approx(75.0)
    # the jurors agree (D = 0): listed as near the line, where discussion changes the outcome
    near = {e.id: e for e in agenda_top(call.grid.grid, result, 20, near_floor=set())[0]}
    assert near["D3"].distance == pytest.approx(12.5)  # 75 - 62.5 (it read 0.0)
    [(_, page)] = render_report(call, result, "committee", "md", level="interne")
    text = page.decode("utf-8")
    assert "at 75.0 points: halfway between" in text
    assert "12.5 points from the funding line, the first ranked dossier below it" in text
    [(_, page)] = render_report(call, result, "committee", "md", level="interne", lang="fr")
    assert f"placée à 75,0 points{NBSP}: à mi-chemin" in page.decode("utf-8")
