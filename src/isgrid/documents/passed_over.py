"""The dossiers a repêchage passed over (review s15 audition F7): ranked above a dossier
that a decision retained against the proposal, not retained themselves, with no decision
of their own.  The funding line after decisions is drawn under the repêché dossier (what
the walk left out above it stays above it, docs/decisions.md): these dossiers are above the
line and unfunded, the ones whose fate the committee has to justify.  The committee
report's grey zone and order of discussion list them, « classé au-dessus d'un dossier
repêché »; the letters say it to them (:mod:`.letters`).

Read from the result: the decided selection (:attr:`isgrid.engine.Result.current`), each
dossier's decision and the proposal it went against (``Decision.proposed``).
"""

from __future__ import annotations

from ..engine import Result
from ..vocabulary import Status


def lowest_repeche(result: Result) -> int | None:
    """The rank of the lowest-ranked dossier a decision retained against the proposal
    (in the decided selection); None without one."""
    now = result.current
    if now is None:
        return None
    ranks = [x.rank for i in now.selected if (x := result.dossier(i)).rank is not None
             and x.decision.outcome == Status.RETENU and x.decision.proposed != Status.RETENU]
    return max(ranks, default=None)


def passed_over(result: Result) -> tuple[str, ...]:
    """The dossiers a repêchage passed over, in rank order (the module's docstring)."""
    def make() -> tuple[str, ...]:
        lowest = lowest_repeche(result)
        if lowest is None:
            return ()
        found = [d for d in result.dossiers if d.rank is not None and d.rank < lowest
                 and d.selected is not True and d.decision.outcome is None
                 and d.status != Status.RETIRE]
        return tuple(d.id for d in sorted(found, key=lambda d: (d.rank or 0, d.id)))

    return result.once("passed-over", make)
