"""Combining assessors: the aggregators of DESIGN.md.

* ``mean``: the arithmetic mean (default for scored grids);
* ``median``: with an even count, the **lower** of the two middle values, so the
  result stays on the scale and errs on the side of caution (default for
  checklist and profile grids);
* ``trimmed-mean``: drops the single highest and the single lowest rating when
  there are at least five, and is the plain mean otherwise.

n/a, empty cells and conflicted assessors' ratings never reach these functions.
"""

from __future__ import annotations

from collections.abc import Sequence


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def median_low(values: Sequence[float]) -> float:
    s = sorted(values)
    return s[(len(s) - 1) // 2]


def trimmed_mean(values: Sequence[float]) -> float:
    if len(values) >= 5:
        s = sorted(values)[1:-1]
        return sum(s) / len(s)
    return mean(values)


AGGREGATORS = {"mean": mean, "median": median_low, "trimmed-mean": trimmed_mean}


def aggregate(values: Sequence[float], how: str) -> float | None:
    """The aggregate of usable ratings, or None when there are none."""
    if not values:
        return None
    return AGGREGATORS[how](values)
