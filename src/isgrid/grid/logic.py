"""The combinators shared by eligibility rules and checklist verdict rules.

One rule, one place: ``all``, ``any`` and ``at_least`` are the same function,
:func:`at_least`, over outcomes ordered from worst to best, with one value for
"not known" (a missing fact, an unrated criterion).  Eligibility reads
``("fail", "pass")``; a checklist verdict reads ``("not-met", "partly", "met")``.

An unknown part makes the whole unknown only when it could change it: the
result is the k-th best outcome, computed once with every unknown part at the
worst value and once at the best; when both agree, that is the result.  So
``all`` fails as soon as one part fails, ``any`` passes as soon as one part
passes, and ``at_least: 2`` of (pass, pass, unknown) passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def at_least(need: int, outcomes: Sequence[T], order: Sequence[T], unknown: T) -> T:
    """The k-th best of ``outcomes`` (k = ``need``), or ``unknown`` when unknowns decide.

    ``all`` is ``at_least(len(outcomes), ...)`` (the worst part: an empty ``all``
    holds), ``any`` is ``at_least(1, ...)`` (the best part: an empty ``any`` fails).
    ``need`` above the number of parts gives the worst value.
    """
    if need <= 0:
        return order[-1]
    if need > len(outcomes):
        return order[0]
    rank = {o: i for i, o in enumerate(order)}
    known = sorted((rank[o] for o in outcomes if o != unknown), reverse=True)
    n_unknown = len(outcomes) - len(known)
    # unknown parts at the worst value: they come last
    low = known[need - 1] if need <= len(known) else 0
    # unknown parts at the best value: they come first
    high = len(order) - 1 if need <= n_unknown else known[need - 1 - n_unknown]
    return order[low] if low == high else unknown
