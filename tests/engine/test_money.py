"""Sums of money: exact decimal sums, whether amounts are whole euros or cents."""

from __future__ import annotations

import random
from decimal import Decimal

from isgrid.engine.money import add, less


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
