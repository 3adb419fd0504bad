"""What a dossier asks for and what the call can propose (DESIGN.md, "Money").

One function, used by the engine and by the jury's re-scoring (calibration,
sensitivity), so that the two cannot drift apart: they once did, and the
analyses stopped on a dossier whose amount could not be computed.
"""

from __future__ import annotations

from typing import Any

from ..call.model import CallConfig
from ..vocabulary import EPS


def money(facts: dict[str, Any], cfg: CallConfig) -> tuple[
        float | None, float | None, bool, bool, list[str]]:
    """``(requested, proposed, selectable, amount_unknown, flags)`` for one dossier.

    ``proposed`` is the request capped by ``funding`` (rate x eligible costs,
    cap); None when it cannot be computed.  With a budget, a dossier whose
    amount is unknown is not selectable (``amount_unknown``: the engine gives it
    ``selected: null``, status ``à vérifier``); one below ``funding.minimum`` is
    not selectable either.
    """
    funding = cfg.funding
    flags: list[str] = []
    raw = facts.get("amount_requested")
    requested = float(raw) if isinstance(raw, int | float) else None
    proposed = requested
    selectable = True
    if funding is not None and requested is not None:
        caps = [requested]
        if funding.rate is not None:
            costs = facts.get("eligible_costs")
            if isinstance(costs, int | float):
                caps.append(funding.rate * float(costs))
            else:
                proposed = None
                flags.append("unknown:eligible_costs")
        if funding.cap is not None:
            caps.append(float(funding.cap))
        if proposed is not None:
            proposed = min(caps)
    amount_unknown = False
    if cfg.budget is not None:
        if requested is None:
            selectable = False
            amount_unknown = True
            flags.append("unknown:amount_requested")
        elif proposed is None:
            selectable = False
            amount_unknown = True
    if funding is not None and funding.minimum is not None and proposed is not None \
            and proposed + EPS < funding.minimum:
        selectable = False
        flags.append("below-minimum-grant")
    return requested, proposed, selectable, amount_unknown, flags
