"""Agreement between assessors, per criterion: Krippendorff's alpha (ordinal).

For one criterion, the reliability data has one row per assessor and one
column per dossier; a cell is that assessor's usable rating (n/a, empty cells
and the ratings of an assessor in conflict with the dossier are missing).
Alpha is computed by the ``krippendorff`` package (imported lazily) at the
ordinal level, over the scale's levels plus any half steps actually used.

alpha = 1 - D_o / D_e: 1 is perfect agreement, 0 is what chance would give,
negative values mean systematic disagreement.  It needs dossiers rated by at
least two assessors ("pairable"); with fewer than :data:`MIN_PAIRABLE` of
them the value is reported with a warning, and with none, or when every
rating is the same value (no variation: alpha is undefined), it is ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: Below this many pairable dossiers, alpha is shown with a warning.
MIN_PAIRABLE = 10


@dataclass(frozen=True)
class AlphaResult:
    """Krippendorff's alpha for one criterion, with what it rests on."""

    alpha: float | None
    pairable: int  # dossiers with at least two usable ratings
    values: int  # pairable ratings (the n of Krippendorff's coincidence matrix)
    reason: str | None  # None, "too-few", "no-data" or "no-variation"


def ordinal_alpha(
    table: Sequence[Sequence[float | None]], domain: Iterable[float] = ()
) -> AlphaResult:
    """Ordinal alpha of a coders x units table (``None`` = missing).

    ``domain`` lists the scale's values (the values actually used are added,
    e.g. half steps); levels nobody used have no weight in ordinal distances.
    """
    units: list[int] = []
    values: list[float] = []
    n_units = max((len(row) for row in table), default=0)
    for row in table:
        for u, v in enumerate(row):
            if v is not None:
                units.append(u)
                values.append(float(v))
    import numpy as np

    return ordinal_alpha_cells(np.asarray(units, dtype=np.int64),
                               np.asarray(values, dtype=np.float64), n_units, domain)


def ordinal_alpha_cells(units: Any, values: Any, n_units: int,
                        domain: Iterable[float] = ()) -> AlphaResult:
    """Ordinal alpha from the filled cells of a coders x units table.

    ``units`` (int array) and ``values`` (float array) give, for every usable
    rating, its unit (column, in ``range(n_units)``) and value; at most one
    rating per coder and unit.  Alpha only depends on how many times each value
    occurs in each unit, so the coders need not be named and no coders x units
    table is built (a national call has thousands of assessors).  The result is
    the one :func:`ordinal_alpha` gives for the same table: the same value
    counts, units in the same order, passed to ``krippendorff.alpha``.
    """
    import numpy as np

    counts = np.bincount(units, minlength=n_units) if len(units) else \
        np.zeros(n_units, dtype=np.int64)
    in_pairable = counts[units] >= 2 if len(units) else np.zeros(0, dtype=bool)
    pairable = int((counts >= 2).sum())
    n_values = int(counts[counts >= 2].sum())
    if pairable == 0:
        return AlphaResult(None, 0, 0, "no-data")
    seen = set(np.unique(values[in_pairable]).tolist())
    if len(seen) < 2:
        return AlphaResult(None, pairable, n_values, "no-variation")
    import krippendorff

    dom = sorted(set(float(v) for v in domain) | seen)
    dom_arr = np.asarray(dom, dtype=np.float64)
    # the value counts krippendorff derives from a reliability table (int, units x values);
    # a value off the domain (only possible in a unit rated once) weighs nothing either way
    idx = np.minimum(np.searchsorted(dom_arr, values), len(dom) - 1)
    hit = dom_arr[idx] == values
    n_dom = len(dom)
    value_counts = np.bincount(units[hit] * n_dom + idx[hit], minlength=n_units * n_dom) \
        .astype(np.int_).reshape(n_units, n_dom)
    alpha = float(krippendorff.alpha(value_counts=value_counts, value_domain=dom,
                                     level_of_measurement="ordinal"))
    if math.isnan(alpha):  # pragma: no cover - guarded by the checks above
        return AlphaResult(None, pairable, n_values, "no-variation")
    return AlphaResult(alpha, pairable, n_values, "too-few" if pairable < MIN_PAIRABLE else None)
