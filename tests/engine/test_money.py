"""Sums of money: exact decimal sums, whether amounts are whole euros or cents."""

from __future__ import annotations

import random
from decimal import Decimal

from isgrid.engine.money import Tally, add, less


def _decimal_sum(xs: list[float | int]) -> float:
    return float(sum((Decimal(repr(float(x))) if isinstance(x, float) else Decimal(x)
                      for x in xs), Decimal(0)))


def test_sums_worked_by_hand() -> None:
    # cents: 0.1 + 0.2 is 0.3 (floats alone give 0.30000000000000004)
    assert add([0.1, 0.2]) == 0.3
    # a budget of 52,100 less 27,100 and 25,000 leaves exactly 0
    assert less(52_100.0, add([27_100.0, 25_000])) == 0.0
    # whole euros: 1,800,000 - (40,000 + 36,800 + 12,000.5) = 1,711,199.5
    assert less(1_800_000, add([40_000.0, 36_800, 12_000.5])) == 1_711_199.5
    assert add([]) == 0.0
    # beyond 2**53 a float sum would lose the unit: the decimal sum keeps it
    assert add([2**53, 1, 1]) == float(2**53 + 2)
    assert add([float(2**52), float(2**52), 1.0]) == float(Decimal(2**53) + 1)


def test_a_running_tally_is_the_exact_sum_worked_by_hand() -> None:
    # cents: 0.1 + 0.2 is 0.3 whether summed at once or kept running
    t = Tally([0.1])
    t.put(0.2)
    assert t.total() == 0.3
    # a place freed: 27,100.10 taken out of 27,100.10 + 25,000.20 + 0.1 leaves 25,000.30
    t = Tally([27_100.10, 25_000.20])
    t.put(0.1)
    t.take(27_100.10)
    assert t.total() == 25_000.3
    # read beside the grants decided later (7,000 and 0.05), less one place (0.1):
    # 25,000.30 + 7,000.05 - 0.1 = 32,000.25
    later = Tally([7_000, 0.05])
    assert t.total(later, without=[0.1]) == 32_000.25
    # a copy moves apart from what it was copied from
    c = t.copy()
    c.take(25_000.2)
    assert (c.total(), t.total()) == (0.1, 25_000.3)
    assert Tally().total() == 0.0


def test_a_running_tally_reads_as_add_whatever_comes_and_goes() -> None:
    rng = random.Random(11)
    for _ in range(200):
        held = [rng.choice([rng.randrange(1, 10**6) * 1.0, rng.randrange(1, 10**8) / 100])
                for _ in range(rng.randrange(0, 40))]
        t = Tally(held)
        for _ in range(20):
            if held and rng.random() < 0.5:
                t.take(held.pop(rng.randrange(len(held))))
            else:
                held.append(rng.randrange(1, 10**8) / 100)
                t.put(held[-1])
            assert t.total() == add(held)


def test_the_whole_euro_path_is_the_decimal_sum() -> None:
    rng = random.Random(7)
    for _ in range(2_000):
        n = rng.randrange(0, 8)
        xs: list[float | int] = [
            rng.choice([float(rng.randrange(0, 10**7)), rng.randrange(0, 10**7),
                        rng.randrange(0, 10**9) / 100, -float(rng.randrange(0, 10**6))])
            for _ in range(n)]
        assert add(xs) == _decimal_sum(xs)
        if n >= 2:
            assert less(xs[0], xs[1]) == _decimal_sum([xs[0], -xs[1]])


def _decimal_capped(requested: float, costs: float | int, rate: float | None,
                    cap: float | int | None, step: float) -> float:
    """What money() computed in Decimal before the whole-amount path (the reference)."""
    from decimal import ROUND_FLOOR

    def d(x: float | int) -> Decimal:
        return Decimal(x) if isinstance(x, int) else Decimal(repr(float(x)))

    caps = [d(requested)]
    if rate is not None:
        caps.append(d(rate) * d(costs))
    if cap is not None:
        caps.append(d(cap))
    s = d(step)
    return float((min(caps) / s).to_integral_value(rounding=ROUND_FLOOR) * s)


def test_proposed_amounts_worked_by_hand() -> None:
    from isgrid.engine.money import _capper

    # 57 % of 100 is 57 exactly (the float product is 56.99999999999999, which rounded
    # down to cents would give 56.99); 55 % of 46,000 is 25,300
    assert 0.57 * 100 < 57
    assert _capper(0.57, None, 0.01)(1_000.0, 100) == 57.0
    assert _capper(0.55, None, 0.01)(30_000.0, 46_000) == 25_300.0
    # min(34,500 requested, 80 % of 43,000 = 34,400, cap 40,000) = 34,400
    assert _capper(0.8, 40_000, 0.01)(34_500.0, 43_000) == 34_400.0
    # 70 % of 12,345 = 8,641.5: to whole euros 8,641, to hundreds 8,600, to cents 8,641.5
    assert _capper(0.7, None, 1)(20_000.0, 12_345) == 8_641.0
    assert _capper(0.7, None, 100)(20_000.0, 12_345) == 8_600.0
    assert _capper(0.7, None, 0.01)(20_000.0, 12_345) == 8_641.5
    # a third: 0.333 x 1,000 = 333; the cap wins below it
    assert _capper(0.333, 300, 0.01)(5_000.0, 1_000) == 300.0
    # not whole amounts: the decimal path's turn
    assert _capper(0.5, None, 0.01)(1_000.5, 2_000) is None
    assert _capper(0.5, None, 0.01)(1_000.0, 2_000.25) is None


def test_the_whole_amount_path_is_the_decimal_computation() -> None:
    from isgrid.engine.money import _capper

    rng = random.Random(11)
    rates = [0.8, 0.55, 0.5, 0.333, 0.7, 1, 0.123456, 0.999999, 0.05]
    for _ in range(5_000):
        requested = float(rng.choice([rng.randrange(0, 10**6), rng.randrange(0, 10**12)]))
        costs: float | int = rng.choice([rng.randrange(0, 10**7),
                                         float(rng.randrange(0, 10**13))])
        rate = rng.choice([*rates, None])
        cap = rng.choice([None, rng.randrange(1, 10**6), float(rng.randrange(1, 10**6))])
        step = rng.choice([0.01, 1, 100])
        got = _capper(rate, cap, step)(requested, costs)
        assert got is not None
        assert got == _decimal_capped(requested, costs, rate, cap, step), \
            (requested, costs, rate, cap, step)


def test_a_whole_call_at_once_reads_each_dossier_as_the_decimal_rule() -> None:
    """money_many: the call's funding read once, each dossier as the reference computes it
    (the flags of one dossier never reach another)."""
    from types import SimpleNamespace
    from typing import Any, cast

    from isgrid.engine.money import money, money_many

    rng = random.Random(11)
    for rate, cap, step, minimum in [(0.8, 40_000, 0.01, None), (0.55, None, 1, 5_000),
                                     (None, 30_000, 100, None), (0.333, 300, 0.01, 250)]:
        funding = SimpleNamespace(rate=rate, cap=cap, round=step, minimum=minimum)
        cfg = cast(Any, SimpleNamespace(funding=funding, budget=1_000_000))
        facts: list[dict[str, Any]] = [
            {"amount_requested": rng.choice([float(rng.randrange(1, 10**6)), 1_000.5, None,
                                             "beaucoup"]),
             "eligible_costs": rng.choice([rng.randrange(1, 10**6), 2_500.25, None])}
            for _ in range(400)]
        got = money_many(facts, cfg)
        assert got == [money(f, cfg) for f in facts]
        for f, (requested, proposed, selectable, unknown, flags) in zip(facts, got,
                                                                        strict=True):
            raw, costs = f["amount_requested"], f["eligible_costs"]
            if not isinstance(raw, float):
                assert (requested, proposed, selectable, unknown) == (None, None, False, True)
                assert "unknown:amount_requested" in flags
                continue
            if rate is not None and costs is None:
                assert proposed is None and unknown and flags[0] == "unknown:eligible_costs"
                continue
            expected = _decimal_capped(raw, costs, rate, cap, step)
            assert proposed == expected
            below = minimum is not None and expected < minimum
            assert selectable is not below and ("below-minimum-grant" in flags) is below


def test_a_pair_asked_again_is_capped_as_the_first_time() -> None:
    """Each distinct (request, costs) pair is capped once per call: equal numbers written
    as an int or a float give what each dossier alone gives.  By hand: 80 % of 2,500 is 2,000 and 80 % of 2,600 is 2,080, under
    the request and the cap; 80 % of 2,500.01 is 2,000.008, rounded down to the cent:
    2,000.00."""
    from types import SimpleNamespace
    from typing import Any, cast

    from isgrid.engine.money import money, money_many

    funding = SimpleNamespace(rate=0.8, cap=40_000, round=0.01, minimum=None)
    cfg = cast(Any, SimpleNamespace(funding=funding, budget=1_000_000))
    facts: list[dict[str, Any]] = [
        {"amount_requested": 3_000.0, "eligible_costs": c}
        for c in (2_500, 2_600.0, 2_500.0, 2_600, 2_500.01, 2_500)]
    got = money_many(facts, cfg)
    assert got == [money(f, cfg) for f in facts]
    assert [p for _, p, *_ in got] == [2_000, 2_080, 2_000, 2_080, 2_000, 2_000]
