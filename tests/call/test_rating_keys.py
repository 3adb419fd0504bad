"""One key of a rating, (dossier × assessors + assessor) × criteria + criterion, asked by
the loader's duplicate check and by a scenario's new ratings files (review data21, item 7:
call/decided_scenario restated it)."""

from __future__ import annotations

import numpy as np

from isgrid.call.decided_scenario import _repeats
from isgrid.call.ratings import Part, RatingTable, duplicate_rows, rating_keys
from isgrid.errors import Collector


def _table(rows: list[tuple[int, int, int]]) -> RatingTable:
    """Two dossiers, three assessors, two criteria; ``rows``: (dossier, assessor, criterion)."""
    table = RatingTable(["D1", "D2"], ["C1", "C2"], ["j1", "j2", "j3"])
    d, a, c = (list(x) for x in zip(*rows, strict=True)) if rows else ([], [], [])
    table.add(Part(d, a, c, [3.0] * len(rows), [False] * len(rows),
                   range(2, 2 + len(rows)), 0, None))
    table.files.append("ratings/j.csv")
    table.finish()
    return table


def test_the_key_of_each_rating_worked_out_by_hand() -> None:
    # 3 assessors, 2 criteria: (d × 3 + a) × 2 + c
    # (0,0,0) → 0; (0,2,1) → (0+2)×2+1 = 5; (1,0,0) → (3+0)×2+0 = 6; (1,2,1) → (3+2)×2+1 = 11
    table = _table([(0, 0, 0), (0, 2, 1), (1, 0, 0), (1, 2, 1)])
    assert rating_keys(table).tolist() == [0, 5, 6, 11]
    assert rating_keys(table).dtype == np.int64
    # other rows in the same ids: (1,1,0) → (3+1)×2+0 = 8
    assert rating_keys(table, [1], [1], [0]).tolist() == [8]


def test_the_loader_and_a_scenario_see_the_same_repeats() -> None:
    twice = _table([(0, 1, 0), (1, 1, 1), (0, 1, 0)])  # rows 2 and 4 rate the same
    diags = Collector()
    duplicate_rows(twice, diags)
    assert [d.code for d in diags.items] == ["duplicate-rating"]
    empty = [np.empty(0, dtype=np.int32)] * 3
    assert _repeats(empty, twice)
    once = _table([(0, 1, 0), (1, 1, 1), (0, 1, 1)])
    diags = Collector()
    duplicate_rows(once, diags)
    assert diags.items == []
    assert not _repeats(empty, once)
    # a kept row of the same juror (j2) that the new file rates again: (1,1,1)
    kept = [np.array([1, 0]), np.array([1, 2]), np.array([1, 1])]
    assert _repeats(kept, once)
    assert not _repeats([np.array([0]), np.array([2]), np.array([0])], once)  # j3's own
