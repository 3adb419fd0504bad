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
    n_units = max((len(row) for row in table), default=0)
    pairable = 0
    values = 0
    seen: set[float] = set()
    for u in range(n_units):
        col = [row[u] for row in table if u < len(row) and row[u] is not None]
        if len(col) >= 2:
            pairable += 1
            values += len(col)
            seen.update(float(v) for v in col if v is not None)
    if pairable == 0:
        return AlphaResult(None, 0, 0, "no-data")
    if len(seen) < 2:
        return AlphaResult(None, pairable, values, "no-variation")
    import krippendorff
    import numpy as np

    dom = sorted(set(float(v) for v in domain) | seen)
    data = np.array(
        [[math.nan if v is None else float(v) for v in list(row) + [None] * (n_units - len(row))]
         for row in table],
        dtype=float,
    )
    alpha = float(krippendorff.alpha(reliability_data=data, value_domain=dom,
                                     level_of_measurement="ordinal"))
    if math.isnan(alpha):  # pragma: no cover - guarded by the checks above
        return AlphaResult(None, pairable, values, "no-variation")
    return AlphaResult(alpha, pairable, values, "too-few" if pairable < MIN_PAIRABLE else None)
