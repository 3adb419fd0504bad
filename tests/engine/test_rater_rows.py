"""Rating rows summed by rater (isgrid.engine.aggregate.rater_rows, rater_stats).

Sensitivity's draws resample each dossier's raters.  Summing every rater's rows
once, then adding up the chosen raters' sums by dossier, must give what
cell_stats gives for the chosen raters' rating rows: the same floats, cell by
cell, for every aggregator it takes, with consensus values, min_ratings,
require_consensus and eliminatory columns.  Each case is also checked against a
cell worked out by hand.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from isgrid.engine.aggregate import cell_stats, rater_rows, rater_stats


def _grid(n_c: int, eliminatory: tuple[int, ...] = ()) -> Any:
    crits = [SimpleNamespace(eliminatory=i in eliminatory) for i in range(n_c)]
    return SimpleNamespace(criteria=lambda: crits)


# Raters (groups) of a call with two criteria: each a list of (criterion, value).
# g0: C0 3, C1 1.   g1: C0 1, C1 4.   g2: C0 2.5 only.   g3: C1 0.5, and C1 1.5 again.
GROUPS = [[(0, 3.0), (1, 1.0)], [(0, 1.0), (1, 4.0)], [(0, 2.5)], [(1, 0.5), (1, 1.5)]]


def _rows(groups: list[list[tuple[int, float]]]) -> tuple[Any, Any, Any]:
    g = [i for i, rs in enumerate(groups) for _ in rs]
    c = [ci for rs in groups for ci, _ in rs]
    v = [val for rs in groups for _, val in rs]
    return (np.array(g, dtype=np.int64), np.array(c, dtype=np.int64),
            np.array(v, dtype=np.float64))


def _by_rows(groups: list[list[tuple[int, float]]], chosen: list[int], owner: list[int],
             n_d: int, grid: Any, how: str, consensus: dict[tuple[int, int], float | None],
             min_ratings: int | None, require: bool) -> Any:
    """cell_stats of the chosen groups' rating rows (each chosen group a new assessor)."""
    rows = [(o, k, ci, val) for k, (gi, o) in enumerate(zip(chosen, owner, strict=True))
            for ci, val in groups[gi]]
    d, a, c, v = zip(*rows, strict=True) if rows else ((), (), (), ())
    n_c = len(grid.criteria())
    table = SimpleNamespace(
        dossier_ids=list(range(n_d)), criterion_ids=list(range(n_c)),
        assessor_ids=list(range(len(chosen))),
        dossier=np.array(d, dtype=np.int64), assessor=np.array(a, dtype=np.int64),
        criterion=np.array(c, dtype=np.int64), value=np.array(v, dtype=np.float64),
        na=np.zeros(len(v), dtype=bool))
    return cell_stats(table, grid, how, set(), consensus, min_ratings, require,
                      extremes=False)


def _equal(a: Any, b: Any) -> None:
    for name in ("n", "raw", "value", "short", "consensus"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    if b.consensus_missing is None:
        assert a.consensus_missing is None
    else:
        assert np.array_equal(a.consensus_missing, b.consensus_missing)


def test_hand_worked_block() -> None:
    # block of 3 dossiers: D0 takes g0 and g1, D1 takes g2 twice (a resample may draw
    # a rater twice), D2 takes nobody.  Means by hand: D0 C0 (3 + 1) / 2 = 2,
    # C1 (1 + 4) / 2 = 2.5; D1 C0 (2.5 + 2.5) / 2 = 2.5, C1 no rating; D2 nothing.
    g, c, v = _rows(GROUPS)
    grid = _grid(2)
    rr = rater_rows(g, c, v, len(GROUPS), grid, "mean")
    assert rr is not None
    s = rater_stats(rr, [0, 1, 2, 2], [0, 0, 1, 1], 3, grid, "mean", {}, None)
    assert s is not None
    assert s.n.tolist() == [[2, 2], [2, 0], [0, 0]]
    assert s.value[0].tolist() == [2.0, 2.5]
    assert s.value[1, 0] == 2.5 and math.isnan(s.value[1, 1])
    assert np.isnan(s.value[2]).all()
    _equal(s, _by_rows(GROUPS, [0, 1, 2, 2], [0, 0, 1, 1], 3, grid, "mean", {}, None, False))


def test_min_max_and_a_rater_twice_in_a_cell() -> None:
    # g3 rated C1 twice (0.5 and 1.5): its sums count two ratings, its min 0.5, max 1.5.
    # D0 takes g1, g3, g3, g0, g1: C1 ratings 4, .5, 1.5, .5, 1.5, 1, 4 -> seven,
    # sum 13, min .5, max 4; trimmed mean (13 - .5 - 4) / 5 = 1.7.
    g, c, v = _rows(GROUPS)
    grid = _grid(2)
    rr = rater_rows(g, c, v, len(GROUPS), grid, "trimmed-mean")
    assert rr is not None and rr.low is not None
    chosen, owner = [1, 3, 3, 0, 1], [0] * 5
    s = rater_stats(rr, chosen, owner, 1, grid, "trimmed-mean", {}, None)
    assert s is not None
    assert s.n[0, 1] == 7 and s.min[0, 1] == 0.5 and s.max[0, 1] == 4.0
    assert s.value[0, 1] == pytest.approx(1.7, abs=1e-12)
    _equal(s, _by_rows(GROUPS, chosen, owner, 1, grid, "trimmed-mean", {}, None, False))


def test_consensus_min_ratings_and_eliminatory_column() -> None:
    # C1 eliminatory: its raw value is the minimum.  min_ratings 2: D1 (one rating of
    # C0) is short there unless a consensus value stands: D1 C0 consensus 4.
    g, c, v = _rows(GROUPS)
    grid = _grid(2, eliminatory=(1,))
    rr = rater_rows(g, c, v, len(GROUPS), grid, "mean")
    assert rr is not None and rr.low is not None  # an eliminatory column reads the minimum
    s = rater_stats(rr, [0, 1, 2], [0, 0, 1], 2, grid, "mean", {}, 2)
    assert s is not None
    assert s.raw[0, 1] == 1.0  # min(1, 4)
    assert bool(s.short[1, 0]) and math.isnan(s.value[1, 0])
    agreed = rater_stats(rr, [0, 1, 2], [0, 0, 1], 2, grid, "mean", {(1, 0): 4.0}, 2)
    assert agreed is not None
    assert not agreed.short[1, 0] and agreed.value[1, 0] == 4.0
    _equal(agreed, _by_rows(GROUPS, [0, 1, 2], [0, 0, 1], 2, grid, "mean", {(1, 0): 4.0},
                            2, False))


def test_the_rows_are_asked_where_the_order_could_matter() -> None:
    g, c, v = _rows(GROUPS)
    grid = _grid(2)
    assert rater_rows(g, c, v, len(GROUPS), grid, "median") is None  # each rating needed
    thirds = v / 3.0  # not multiples of 2**-10: sums could depend on their order
    assert rater_rows(g, c, thirds, len(GROUPS), grid, "mean") is None


@st.composite
def _cases(draw: Any) -> tuple[Any, ...]:
    n_c = draw(st.integers(1, 4))
    n_groups = draw(st.integers(1, 8))
    level = st.sampled_from([0.0, 0.5, 1.0, 1.25, 2.0, 3.0, 4.0])
    groups = [draw(st.lists(st.tuples(st.integers(0, n_c - 1), level), max_size=5))
              for _ in range(n_groups)]
    n_d = draw(st.integers(1, 5))
    per = [draw(st.integers(0, 4)) for _ in range(n_d)]
    chosen = [draw(st.integers(0, n_groups - 1)) for _ in range(sum(per))]
    owner = [d for d, k in enumerate(per) for _ in range(k)]
    elim = tuple(i for i in range(n_c) if draw(st.booleans()) and i)
    how = draw(st.sampled_from(["mean", "trimmed-mean"]))
    cons = {(d, ci): draw(level) for d in range(n_d) for ci in range(n_c)
            if draw(st.integers(0, 5)) == 0}
    return (groups, chosen, owner, n_d, _grid(n_c, elim), how, cons,
            draw(st.sampled_from([None, 1, 2, 3])), draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(_cases())
def test_random_blocks_equal_the_rating_rows(case: tuple[Any, ...]) -> None:
    groups, chosen, owner, n_d, grid, how, cons, min_ratings, require = case
    g, c, v = _rows(groups)
    rr = rater_rows(g, c, v, len(groups), grid, how)
    assert rr is not None
    s = rater_stats(rr, chosen, owner, n_d, grid, how, cons, min_ratings, require)
    assert s is not None
    _equal(s, _by_rows(groups, chosen, owner, n_d, grid, how, cons, min_ratings, require))
