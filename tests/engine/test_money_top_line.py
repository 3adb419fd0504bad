"""With ``selection: {top: K}`` and a minimum, the funding line is where the walk stopped,
above the dossiers a minimum took below it; the committee report says the K limit
(review rev-money F9; docs/engine.md §5).

The call: tests/engine/moneycall.py with ``selection: {top: 5, reserve: 2}``.  By hand:
rural minimum first, D05 (rank 5) 20 000, D07 (7) 8 000, D10 (10) 5 000; montagne
infeasible; then the ranking: D01 (1) 20 000, D02 (2) 15 000: five dossiers, the walk
stops at D03 (rank 3).  68 000 committed, 32 000 left; reserve D03, D04; the line before
rank 3 (D05, D07, D10 funded below it, taken for the minimum).  Before: the line after
D10 (rank 11), D03 and D04 (reserve) and D08, D09 above it.
"""

from __future__ import annotations

from pathlib import Path

from moneycall import copy_call, edit, money, scored

from isgrid.call.load import load_call
from isgrid.documents.output import render_report


def test_the_line_is_where_top_stopped_the_walk(tmp_path: Path) -> None:
    folder = copy_call(tmp_path)
    edit(folder, "selection: {rule: rank-order, reserve: 2}",
         "selection: {rule: rank-order, reserve: 2, top: 5}")
    r = scored(folder)
    assert r.selection is not None
    assert set(r.selection.proposed.selected) == {"D01", "D02", "D05", "D07", "D10"}
    assert r.selection.proposed.reserve == ("D03", "D04")
    assert r.selection.line == 3
    assert r.selection.decided.line == 3
    assert money(r) == (68000, 32000)
    call = load_call(folder)
    page = render_report(call, r, "committee", "md", lang="fr")[0][1].decode()
    assert ("Règle de sélection\u00a0: ordre du classement (arrêt au premier dossier qui ne "
            "tient pas), 5 dossiers au plus · ligne de financement avant le rang 3") in page
    page = render_report(call, r, "committee", "md", lang="en")[0][1].decode()
    assert "rank order (stops at the first dossier that does not fit), 5 dossiers at most" \
        in page
