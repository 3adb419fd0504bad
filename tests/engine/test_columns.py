"""Cell statistics (isgrid.engine.aggregate): the sort-free path equals the sorted one.

When every value is a multiple of 2**-10 the sums are exact, so cell_stats takes
them without sorting; the sorted path (also used for the median and for other
values) must give the very same numbers.  Both are checked against sums worked
out here in plain Python, in sorted order.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

import isgrid.engine.aggregate as columns
from isgrid.engine.aggregate import cell_stats


def _grid(n_c: int, eliminatory: tuple[int, ...] = ()) -> Any:
    crits = [SimpleNamespace(eliminatory=i in eliminatory) for i in range(n_c)]
    return SimpleNamespace(criteria=lambda: crits)


def _table(rows: list[tuple[int, int, int, float, bool]], n_d: int, n_c: int) -> Any:
    d, a, c, v, na = zip(*rows, strict=True) if rows else ((), (), (), (), ())
    return SimpleNamespace(
        dossier_ids=[f"D{i}" for i in range(n_d)], criterion_ids=[f"C{i}" for i in range(n_c)],
        dossier=np.array(d, dtype=np.int64), assessor=np.array(a, dtype=np.int64),
        criterion=np.array(c, dtype=np.int64), value=np.array(v, dtype=np.float64),
        na=np.array(na, dtype=bool))


def _both(table: Any, grid: Any, how: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = cell_stats(table, grid, how, set(), {}, None)
    with monkeypatch.context() as m:
        m.setattr(columns, "_sums_exact", lambda values, count: False)
        slow = cell_stats(table, grid, how, set(), {}, None)
    return fast, slow


def _same(x: Any, y: Any) -> bool:
    return bool(np.array_equal(x, y, equal_nan=True))


def test_hand_worked_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # one cell rated 3, 1.5, 4 and 2.5 (+ an n/a and an empty cell): mean 11/4
    rows = [(0, 0, 0, 3.0, False), (0, 1, 0, 1.5, False), (0, 2, 0, 4.0, False),
            (0, 3, 0, 2.5, False), (0, 4, 0, math.nan, True), (0, 5, 0, math.nan, False)]
    fast, slow = _both(_table(rows, 1, 2), _grid(2), "mean", monkeypatch)
    for s in (fast, slow):
        assert s.n[0, 0] == 4 and s.na[0, 0] == 1
        assert s.min[0, 0] == 1.5 and s.max[0, 0] == 4.0
        assert s.raw[0, 0] == 2.75
        assert s.n[0, 1] == 0 and math.isnan(s.raw[0, 1]) and math.isnan(s.min[0, 1])


def test_trimmed_mean_hand_worked(monkeypatch: pytest.MonkeyPatch) -> None:
    # five ratings 0, 1, 2, 3, 4: drop 0 and 4, mean of 1, 2, 3 = 2
    rows = [(0, a, 0, float(a), False) for a in range(5)]
    fast, slow = _both(_table(rows, 1, 1), _grid(1), "trimmed-mean", monkeypatch)
    assert fast.raw[0, 0] == slow.raw[0, 0] == 2.0


def test_values_that_are_not_dyadic_take_the_sorted_path() -> None:
    values = np.array([0.1, 0.2, 0.7])
    assert not columns._sums_exact(values, np.array([3]))
    assert columns._sums_exact(np.array([0.5, 0.25, 3.0]), np.array([3]))
    # sum in sorted order, as Python adds it: ((0.1 + 0.2) + 0.7) / 3
    rows = [(0, 0, 0, 0.7, False), (0, 1, 0, 0.1, False), (0, 2, 0, 0.2, False)]
    s = cell_stats(_table(rows, 1, 1), _grid(1), "mean", set(), {}, None)
    assert s.raw[0, 0] == ((0.1 + 0.2) + 0.7) / 3


def test_huge_values_are_not_summed_unsorted() -> None:
    assert not columns._sums_exact(np.array([2.0 ** 45, 1.0]), np.array([2]))


CELLS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 5), st.integers(0, 2),
                           st.sampled_from([0.0, 0.5, 1.0, 2.5, 3.0, 4.0, -1.25, math.nan]),
                           st.booleans()), max_size=60)


@settings(max_examples=80, deadline=None)
@given(rows=CELLS, how=st.sampled_from(["mean", "trimmed-mean"]),
       elim=st.sampled_from([(), (1,)]))
def test_exact_path_equals_sorted_path(rows: list[tuple[int, int, int, float, bool]],
                                       how: str, elim: tuple[int, ...]) -> None:
    rows = [(d, a, c, v, na and math.isnan(v)) for d, a, c, v, na in rows]
    table = _table(rows, 5, 3)
    mp = pytest.MonkeyPatch()
    try:
        fast, slow = _both(table, _grid(3, elim), how, mp)
    finally:
        mp.undo()
    for name in ("n", "na", "min", "max", "raw", "value"):
        assert _same(getattr(fast, name), getattr(slow, name)), name
    # and both against sums worked out in Python, in sorted order
    for di in range(5):
        for ci in range(3):
            vals = sorted(v for d, _a, c, v, na in rows
                          if d == di and c == ci and not na and not math.isnan(v))
            if not vals:
                assert math.isnan(fast.raw[di, ci])
                continue
            total = 0.0
            for x in vals:
                total += x
            if ci in elim:
                want = vals[0]
            elif how == "trimmed-mean" and len(vals) >= 5:
                want = (total - vals[0] - vals[-1]) / (len(vals) - 2)
            else:
                want = total / len(vals)
            assert fast.raw[di, ci] == want


def test_the_tables_distinct_values_decide_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real table knows its distinct values; they, not every rating, are checked."""
    rows = [(0, 0, 0, 0.7, False), (0, 1, 0, 0.1, False), (0, 2, 0, 0.2, False)]
    table = _table(rows, 1, 1)
    seen: list[Any] = []
    real = columns._sums_exact

    def spy(values: Any, count: Any) -> bool:
        seen.append(sorted(values.tolist()))
        return real(values, count)

    monkeypatch.setattr(columns, "_sums_exact", spy)
    table.distinct_values = frozenset({0.1, 0.2, 0.7})
    s = cell_stats(table, _grid(1), "mean", set(), {}, None)
    assert seen == [[0.1, 0.2, 0.7]]
    assert s.raw[0, 0] == ((0.1 + 0.2) + 0.7) / 3  # sorted sum: not dyadic
