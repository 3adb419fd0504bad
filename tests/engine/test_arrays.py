"""The ranking and the walk in array form (isgrid.engine.arrays) against the engine's
``rank`` + ``walk``: worked examples, then many seeded random rankings under every
selection rule and tie situation."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from isgrid.call.blocks import MinCount
from isgrid.engine import arrays
from isgrid.engine.rank import Entry, rank
from isgrid.engine.select import Candidate, Rules, walk

Money = tuple[Any, float | None, bool, bool, list[str]]


def _money(amount: float | None, selectable: bool = True, unknown: bool = False) -> Money:
    return (amount, amount, selectable, unknown, [])


def _arrays(keys: list[float], rankable: list[bool], ties: list[list[Any]],
            orders: list[str], money: list[Money], rules: Rules
            ) -> tuple[list[int], list[int], list[int]] | None:
    """(ranking order, ranks, selection: 1 / 0 / -1) by the array path; None when it
    does not cover the call or the draw."""
    ids = [f"D{i:03d}" for i in range(len(keys))]
    p = arrays.plan(ids, ties, orders, money, rules)
    if p is None:
        return None
    ranked = arrays.rank_draw(np.array(keys, dtype=np.float64), np.array(rankable), p)
    if ranked is None:
        return None
    order, ranks = ranked
    sel = arrays.walk_draw(order, ranks, len(keys), p)
    return order.tolist(), ranks.tolist(), sel.tolist()


def _engine(keys: list[float], rankable: list[bool], ties: list[list[Any]],
            orders: list[str], money: list[Money], rules: Rules
            ) -> tuple[list[int], list[int], list[int]]:
    """The same by the engine: ``rank``, then ``walk`` of the whole ranking; a ranked
    dossier whose amount is unknown is undecided (as ``propose`` says)."""
    ids = [f"D{i:03d}" for i in range(len(keys))]
    at = {d: i for i, d in enumerate(ids)}
    ordered = rank([Entry(ids[i], (keys[i],), ties[i]) for i in range(len(keys))
                    if rankable[i]], orders)
    order = [at[e.id] for e in ordered]
    ranks = [e.rank or 0 for e in ordered]
    sel = [0] * len(keys)
    if not rules.selecting:
        return order, ranks, [-1] * len(keys)
    w = walk([Candidate(ids[i], r, money[i][1], money[i][2]) for i, r in zip(
        order, ranks, strict=True)], rules, explain=False)
    code = {True: 1, False: 0, None: -1}
    for i in order:
        sel[i] = -1 if money[i][3] else code[w.picks[ids[i]].selected]
    return order, ranks, sel


def test_worked_example_ties_skip_and_an_undecided_tie() -> None:
    # keys: D0 80, D1 70, D2 70, D3 60, D4 90; D1 and D2 tie on key and submitted_at:
    # ranking D4 (1), D0 (2), D1 and D2 (3, tied: ids order them), D3 (5)
    keys = [80.0, 70.0, 70.0, 60.0, 90.0]
    ties = [["2016-01-01"], ["2016-02-02"], ["2016-02-02"], ["2016-01-01"], ["2016-03-03"]]
    money = [_money(30), _money(20), _money(20), _money(10), _money(40)]
    rules = Rules(budget=95, rule="skip")
    got = _arrays(keys, [True] * 5, ties, ["asc"], money, rules)
    # walk: D4 40 (spent 40), D0 30 (70); D1 + D2 = 40, 70 + 40 = 110 > 95: tied at the
    # line, undecided, the walk stops: D3 (10 would fit) is not taken
    assert got == ([4, 0, 1, 2, 3], [1, 2, 3, 3, 5], [1, -1, -1, 0, 1])
    assert got == _engine(keys, [True] * 5, ties, ["asc"], money, rules)


def test_worked_example_tie_broken_by_submitted_at_and_budget_exactly_reached() -> None:
    # D0 and D1 both 75; D1 submitted first (asc): D1 rank 1, D0 rank 2; D2 50 rank 3
    keys = [75.0, 75.0, 50.0, 40.0]
    ties = [["2016-05-01"], ["2016-01-01"], ["2016-01-01"], [None]]
    money = [_money(30000), _money(20000), _money(50000), _money(0)]
    # budget 100,000: 20,000 + 30,000 + 50,000 = 100,000 exactly reached: all three taken;
    # D3 asks 0: 100,000 + 0 <= 100,000, taken too
    got = _arrays(keys, [True] * 4, ties, ["asc"], money, Rules(budget=100000))
    assert got == ([1, 0, 2, 3], [1, 2, 3, 4], [1, 1, 1, 1])
    # budget 99,999 with rank-order: D2 (50,000 + 50,000 > 99,999) stops the walk; D3 out
    got = _arrays(keys, [True] * 4, ties, ["asc"], money, Rules(budget=99999))
    assert got == ([1, 0, 2, 3], [1, 2, 3, 4], [1, 1, 0, 0])


def test_ineligible_unknown_amount_and_partial_grant() -> None:
    keys = [90.0, 80.0, 70.0, 60.0]
    # D1 not rankable (ineligible); D2's amount unknown: ranked, undecided, never taken
    money = [_money(60), _money(10), _money(None, selectable=False, unknown=True), _money(50)]
    rules = Rules(budget=100, partial=True, minimum=30)
    got = _arrays(keys, [True, False, True, True], [[None]] * 4, ["asc"], money, rules)
    # D0 60 (spent 60); D2 skipped over (not usable); D3 50: 60 + 50 > 100, lone, what is
    # left is 40 >= minimum 30: a partial grant, taken, the walk stops
    assert got == ([0, 2, 3], [1, 2, 3], [1, 0, -1, 1])


def test_a_partial_grant_is_rounded_down_to_the_step_as_every_amount() -> None:
    keys = [90.0, 80.0, 70.0]
    money = [_money(60), _money(50), _money(5)]
    # D0 60 (spent 60); D1 50 does not fit the 45 left of 105: with step 10 it would
    # receive 40 (45 rounded down), at least the minimum 40: taken, the walk stops
    rules = Rules(budget=105, partial=True, minimum=40, step=10)
    got = _arrays(keys, [True] * 3, [[None]] * 3, ["asc"], money, rules)
    assert got == ([0, 1, 2], [1, 2, 3], [1, 1, 0])
    assert got == _engine(keys, [True] * 3, [[None]] * 3, ["asc"], money, rules)
    # minimum 42: 45 left would do, but the grant is 40 once rounded: no partial grant,
    # D1 left out and rank-order stops (D2's 5 would fit)
    rules = Rules(budget=105, partial=True, minimum=42, step=10)
    got = _arrays(keys, [True] * 3, [[None]] * 3, ["asc"], money, rules)
    assert got == ([0, 1, 2], [1, 2, 3], [1, 0, 0])
    assert got == _engine(keys, [True] * 3, [[None]] * 3, ["asc"], money, rules)


def test_calls_the_array_path_does_not_cover() -> None:
    ids = ["A", "B"]
    money = [_money(10), _money(10)]
    k = MinCount(id="m", kind="min", fact="f", value="x", count=1)
    assert arrays.plan(ids, [[1], [2]], ["asc"], money, Rules(budget=10, constraints=(k,))) \
        is None  # constraints: minimums look down the whole ranking
    assert arrays.plan(ids, None, [], money, Rules(budget=10)) is None  # ties vary
    assert arrays.plan(ids, [[1.0], [1.0 + 1e-10]], ["asc"], money, Rules(budget=10)) is None
    assert arrays.plan(ids, [[1], ["a"]], ["asc"], money, Rules(budget=10)) is None
    assert arrays.plan(ids, [[1], [2]], ["asc"], [_money(10.5), _money(3)],
                       Rules(budget=10)) is None  # not whole euros
    assert arrays.plan(ids, [[1], [2]], ["asc"], money, Rules(budget=10.5)) is None
    p = arrays.plan(ids, [[1], [2]], ["asc"], money, Rules(budget=10))
    assert p is not None
    # keys within EPS without being equal: the engine ranks that draw
    assert arrays.rank_draw(np.array([50.0, 50.0 + 5e-10]), np.array([True, True]), p) is None


RULES = [  # budget -1: a budget drawn for each ranking
    Rules(budget=None, top=None),
    Rules(budget=None, top=3),
    Rules(budget=None, top=0),
    Rules(budget=-1.0, rule="rank-order"),
    Rules(budget=-1.0, rule="skip"),
    Rules(budget=-1.0, rule="skip", top=4),
    Rules(budget=-1.0, rule="rank-order", top=2),
    Rules(budget=-1.0, rule="rank-order", partial=True, minimum=15),
    Rules(budget=-1.0, rule="skip", partial=True),
    Rules(budget=-1.0, rule="skip", partial=True, minimum=1000),
    Rules(budget=-1.0, rule="rank-order", partial=True, step=10),
    Rules(budget=-1.0, rule="skip", partial=True, minimum=10, step=10),
]


@pytest.mark.parametrize("which", range(len(RULES)))
def test_random_rankings_equal_rank_and_walk(which: int) -> None:
    rng = random.Random(which)
    covered = 0
    for _ in range(300):
        n = rng.randint(0, 30)
        levels = rng.choice([[50.0, 60.0, 70.0], [round(x * 0.5, 1) for x in range(200)],
                             [10.0, 10.0 + 2e-9, 20.0]])
        keys = [rng.choice(levels) for _ in range(n)]
        if rng.random() < 0.1 and n:
            keys[0] += 5e-10  # within EPS of an equal neighbour: the engine's draw
        rankable = [rng.random() < 0.9 for _ in range(n)]
        dates = [rng.choice(["2016-01-01", "2016-02-02", "2016-03-03", None])
                 for _ in range(n)]
        numbers = [rng.choice([1, 2, 2.0, 3, None]) for _ in range(n)]
        orders = rng.choice([["asc"], ["desc"], ["asc", "desc"], []])
        ties = [[dates[i], numbers[i]][:len(orders)] for i in range(n)]
        money = []
        for _ in range(n):
            roll = rng.random()
            if roll < 0.05:
                money.append(_money(None, selectable=False, unknown=True))
            elif roll < 0.1:
                money.append(_money(10, selectable=False))  # below the minimum grant
            else:
                money.append(_money(rng.choice([0, 5, 10, 10, 20, 35])))
        rules = RULES[which]
        if rules.budget == -1.0:
            wanted = [m[1] for m in money if m[1] is not None]
            budget = rng.choice([0, 10, 45, 100, sum(wanted[: rng.randint(0, len(wanted))])])
            rules = Rules(budget=budget, top=rules.top, rule=rules.rule,
                          partial=rules.partial, minimum=rules.minimum, step=rules.step)
        got = _arrays(keys, rankable, ties, orders, money, rules)
        want = _engine(keys, rankable, ties, orders, money, rules)
        if got is not None:
            covered += 1
            assert got == want, (keys, rankable, ties, orders, money, rules)
    assert covered > 200  # most draws take the array path
