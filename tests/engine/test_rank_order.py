"""The ranking's order: totals within EPS are equal, tie-breaks then ids decide.

The sort's first pass rounds totals to millionths; these cases sit on a rounding
edge, where the first pass and the comparison disagree, and the order must still be
the comparison's (worked by hand below).  A chain of totals within EPS of each other
is ranked as earlier versions ranked it (the reviewer's case, below)."""

from __future__ import annotations

import functools
import math
import random

from isgrid.engine.rank import Entry, compare, rank


def _order(entries: list[Entry], orders: list[str]) -> list[tuple[str, int | None, bool]]:
    return [(e.id, e.rank, e.tie) for e in rank(entries, orders)]


def test_totals_on_a_rounding_edge() -> None:
    # 10.000000505 and 10.000000495 round to two millionths and are 1e-8 apart,
    # more than EPS (1e-9): the higher total is first, whatever the tie-break
    es = [Entry("B", (10.000000495,), ["2016-01-01"]),
          Entry("A", (10.000000505,), ["2016-12-31"])]
    assert _order(es, ["asc"]) == [("A", 1, False), ("B", 2, False)]
    # 1e-13 apart on a rounding edge: equal totals (within EPS), the earlier date first
    es = [Entry("A", (10.0000005,), ["2016-12-31"]),
          Entry("B", (10.0000004999999,), ["2016-01-01"])]
    assert _order(es, ["asc"]) == [("B", 1, False), ("A", 2, False)]
    # equal totals and equal tie values: the same rank, both flagged, ids in order
    es = [Entry("Z", (7.0,), [None]), Entry("Y", (7.0 + 1e-12,), [None]),
          Entry("X", (9.0,), [None])]
    assert _order(es, ["asc"]) == [("X", 1, False), ("Y", 2, True), ("Z", 2, True)]


def test_descending_numeric_and_missing_tie_values() -> None:
    es = [Entry("A", (5.0,), [3]), Entry("B", (5.0,), [None]), Entry("C", (5.0,), [8.5])]
    # desc: the larger value first, a missing one last
    assert [i for i, _, _ in _order(es, ["desc"])] == ["C", "A", "B"]
    assert [i for i, _, _ in _order(es, ["asc"])] == ["A", "C", "B"]


def test_infinite_keys_do_not_stop_the_ranking() -> None:
    es = [Entry("A", (1.0,), []), Entry("B", (math.inf,), []), Entry("C", (-math.inf,), [])]
    assert [i for i, _, _ in _order(es, [])] == ["B", "A", "C"]


def test_random_totals_near_edges_give_the_comparison_s_order() -> None:
    rng = random.Random(5)
    orders = ["asc"]

    def by_compare(a: Entry, b: Entry) -> int:
        return compare(a, b, orders)[0]

    for _ in range(200):
        base = rng.choice([10.0000005, 3.5, 72.0000015])
        es = [Entry(f"D{i:03d}", (base + rng.choice([0.0, 1e-12, -1e-12, 1e-7, -1e-7]),),
                    [rng.choice(["2016-01-02", "2016-01-01", None])]) for i in range(12)]
        expected = sorted(es, key=functools.cmp_to_key(by_compare))
        got = rank([Entry(e.id, e.key, list(e.tie_values)) for e in es], orders)
        assert [e.id for e in got] == [e.id for e in expected]


def test_a_chain_within_eps_is_ranked_as_before() -> None:
    """D0 and D2, D2 and D1 are within EPS (1e-9) of each other, D0 and D1 are not: the
    comparison is not transitive, and the order is the one isgrid has always given
    (found with round(x, 6) keys; a faster floor once gave D1, D0, D2)."""
    es = [Entry("D0", (39.889783499,), ["2016-01-01"]),
          Entry("D1", (39.889783501,), ["2016-01-03"]),
          Entry("D2", (39.8897835,), ["2016-01-02"])]
    assert _order(es, ["asc"]) == [("D2", 1, False), ("D1", 2, False), ("D0", 3, False)]


def _python_first_pass(entries: list[Entry], orders: list[str]
                       ) -> list[tuple[str, int | None, bool]]:
    import pytest

    from isgrid.engine import rank as rank_module

    mp = pytest.MonkeyPatch()
    mp.setattr(rank_module, "_COLUMNS_FROM", 10**9)
    try:
        return _order(entries, orders)
    finally:
        mp.undo()


def _copies(entries: list[Entry]) -> list[Entry]:
    return [Entry(e.id, e.key, list(e.tie_values)) for e in entries]


def test_the_first_pass_on_columns_ranks_as_python_s_sort() -> None:
    """From 256 entries the first pass is numpy's: the ranking must be exactly the one
    Python's sort gives, on totals chained within EPS, ties of every kind, several keys."""
    rng = random.Random(11)
    for trial in range(60):
        n = rng.choice([256, 300, 700])
        width = rng.choice([1, 1, 2])
        orders = [rng.choice(["asc", "desc"]) for _ in range(rng.choice([0, 1, 2]))]
        bases = [rng.choice([10.0000005, 3.5, 72.0000015, 0.0, -0.0, math.inf])
                 for _ in range(4)]

        def key(bases: list[float] = bases, width: int = width) -> tuple[float, ...]:
            return tuple(rng.choice(bases) + rng.choice([0.0, 4e-10, -4e-10, 1e-12, 1e-7])
                         if rng.random() < 0.9 else float(rng.randrange(-3, 4))
                         for _ in range(width))

        def tie() -> object:
            return rng.choice([None, 3, 3.0, 2.5 + rng.choice([0.0, 1e-12]), -7, True,
                               "2016-01-01", "2015-12-31", "é", "Z", 10**6])

        es = [Entry(f"D{rng.randrange(10**6):06d}-{i}", key(), [tie() for _ in orders])
              for i in range(n)]
        if trial % 10 == 0:  # values with no exact float: Python's sort, same ranking
            es[0].tie_values = [2**60 + 1 for _ in orders] if orders else es[0].tie_values
        got = _order(_copies(es), orders)
        want = _python_first_pass(_copies(es), orders)
        assert got == want, trial
        assert len({i for i, _, _ in got}) == n


def test_the_first_pass_on_columns_is_used_and_gives_up_on_nan() -> None:
    from isgrid.engine.rank import _Columns

    def columns(es: list[Entry]) -> object:
        return _Columns.of([e.id for e in es], [e.key for e in es],
                           [[e.tie_values[0] for e in es]], [False])

    es = [Entry(f"D{i:04d}", (float(i % 7),), [i % 3]) for i in range(300)]
    assert columns(es) is not None
    es[5] = Entry("D0005", (math.nan,), [1])
    assert columns(es) is None
    ranked = _order(_copies(es[:4] + es[6:]), ["asc"])
    # by hand: totals 6 first (ids D0006, D0013...), within a total the tie value 0 first
    top = [i for i, r, _ in ranked if r == 1]
    assert ranked[0][0] in top and all(int(i[1:]) % 7 == 6 for i in top)
    assert min(int(i[1:]) % 3 for i in top) == int(ranked[0][0][1:]) % 3 == 0


def test_the_first_pass_on_columns_is_as_quiet_and_strict_as_python_s() -> None:
    import warnings

    import pytest

    # keys a float's range apart: numpy's subtraction overflows, silently as Python's
    es = [Entry(f"D{i:04d}", ((1e308 if i % 2 else -1e308),), []) for i in range(300)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ranked = _order(_copies(es), [])
    assert ranked[0] == ("D0001", 1, True) and ranked[150] == ("D0000", 151, True)
    # more tie values than tie-breaks: refused, as by Python's passes
    es = [Entry(f"D{i:04d}", (float(i),), [i, i]) for i in range(300)]
    with pytest.raises(ValueError):
        rank(_copies(es), ["asc"])


def test_the_rough_keys_made_by_numpy_are_python_s_round() -> None:
    """``_rounded`` gives the floats ``round(-k, 6)`` gives, bit for bit: on halves of a
    millionth as written (10.0000005, 72.0000015, 2.5e-07), their neighbours one float
    away, integers, large keys, zeros and infinities, and random totals."""
    import numpy as np

    from isgrid.engine.rank import _rounded

    rng = random.Random(3)
    edges = [10.0000005, 72.0000015, 2.5e-07, 0.0000005, 1.2345675, 3.0000025, 99.9999995]
    keys: list[float | int] = [x for e in edges for x in (e, -e, math.nextafter(e, 0.0),
                                                          math.nextafter(e, math.inf))]
    keys += [0.0, -0.0, 7, -3, 2**45 + 0.5, 1e7 + 0.0000005, math.inf, -math.inf, 1e-300]
    keys += [rng.uniform(-100, 100) for _ in range(5000)]
    keys += [round(rng.uniform(0, 20), 7) for _ in range(5000)]  # seven decimals: halves
    got = _rounded(np.array(keys, dtype=np.float64), keys)
    want = [float(round(-k, 6)) for k in keys]
    assert [x.hex() for x in got.tolist()] == [x.hex() for x in want]


def test_the_ids_positions_order_as_their_ranks_in_the_last_column() -> None:
    import numpy as np

    from isgrid.engine.rank import _positions, _ranks

    rng = random.Random(4)
    for _ in range(50):
        ids = [rng.choice(["D1", "D2", "D10", "é", "E"]) for _ in range(40)]
        first = np.array([rng.randrange(3) for _ in ids])
        by_ranks = np.lexsort([_ranks(ids), first])
        by_positions = np.lexsort([_positions(ids), first])
        assert by_ranks.tolist() == by_positions.tolist()


def test_rank_columns_by_hand() -> None:
    """The ranking on columns (what the pipeline calls, no record per dossier): worked by
    hand on a few dossiers (Python's first pass) and on 300 (numpy's)."""
    from isgrid.engine.rank import rank_columns

    # B and D: keys 1e-12 apart (equal within EPS), the same date: tied at rank 1, by
    # id; C before A at an equal key by its earlier date: A parted by tie-break 0
    got = rank_columns(["A", "B", "C", "D"], [(5.0,), (7.0,), (5.0,), (7.0 + 1e-12,)],
                       [["2016-01-02", "2016-01-01", "2016-01-01", "2016-01-01"]], ["asc"])
    assert (got.order, got.rank, got.tie, got.parted_by) == (
        [1, 3, 2, 0], [1, 1, 3, 4], [True, True, False, False], [None, None, None, 0])
    # 300 dossiers, two by key (i // 2), the odd one's text "a" first: the highest key
    # 149 holds 298 ("b") and 299 ("a"), so the order is 299, 298, 297, ...; no tie, and
    # every second dossier parted from the one above by tie-break 0
    ids = [f"D{i:03d}" for i in range(300)]
    got = rank_columns(ids, [(float(i // 2),) for i in range(300)],
                       [["a" if i % 2 else "b" for i in range(300)]], ["asc"])
    assert got.order == list(range(299, -1, -1))
    assert got.rank == list(range(1, 301)) and not any(got.tie)
    assert got.parted_by == [None if k % 2 == 0 else 0 for k in range(300)]
