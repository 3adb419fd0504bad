"""Eligibility: the grid's rules on facts, then its eliminatory criteria.

The rules here are the only ones: the engine, self-assessment and every analysis
call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..grid.facts import evaluate
from ..grid.model import Grid
from ..vocabulary import EPS


def eliminatory_state(value: float | None, scale_min: float) -> str:
    """``pass``, ``fail`` (the scale's lowest level: the condition is not met) or ``unknown``."""
    if value is None:
        return "unknown"
    return "fail" if abs(value - scale_min) < EPS else "pass"


def verdict(outcomes: Iterable[str]) -> bool | None:
    """Eligible (True), not (False: one fail), or to check (None: one unknown)."""
    outs = list(outcomes)
    return False if "fail" in outs else (None if "unknown" in outs else True)


def eligibility(grid: Grid, facts: dict[str, Any],
                eliminatory: Iterable[tuple[str, float | None, float]]
                ) -> tuple[dict[str, str], bool | None, list[str]]:
    """``(rule or criterion id -> outcome, eligible, flags)`` of one dossier.

    ``eliminatory``: ``(criterion id, its value or None, its scale's minimum)``.
    """
    out: dict[str, str] = {rule.id: evaluate(rule, facts) for rule in grid.eligibility}
    for cid, value, lowest in eliminatory:
        out[cid] = eliminatory_state(value, lowest)
    flags = [f"ineligible:{rid}" if o == "fail" else f"unknown:{rid}"
             for rid, o in out.items() if o != "pass"]
    return out, verdict(out.values()), flags

