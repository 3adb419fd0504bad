"""The reference's reading of the séance journal, entry by entry: the stages' order,
the journal's consensus, the effective decision, the amount a retained dossier holds
and the walk that fills one freed place (docs/decisions.md)."""

from __future__ import annotations

from typing import Any

from .scoring import EPS

#: Stages in their order (docs/decisions.md): a decision of an earlier stage recorded
#: later does not replace the current one.
STAGE_ORDER = ["recevabilité", "instruction", "jury", "vote"]


def journal_consensus(spec: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``spec`` whose consensus holds the journal's values (the latest wins,
    over ``call.yaml``'s)."""
    out = dict(spec)
    cons = dict(spec.get("consensus", {}))
    for e in entries:
        if e["kind"] == "consensus":
            cons[(e["dossier"], e["criterion"])] = float(e["value"])
    out["consensus"] = cons
    return out


def effective_entry(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entry that sets a dossier's outcome, from its decisions and withdrawals in
    journal order: a later entry replaces the current one unless it is a decision of an
    earlier stage; a withdrawal always applies; a decision after a withdrawal reinstates."""
    current: dict[str, Any] | None = None
    for e in history:
        replaces = (current is None or e["kind"] == "withdrawal"
                    or current["kind"] == "withdrawal"
                    or STAGE_ORDER.index(e["stage"]) >= STAGE_ORDER.index(current["stage"]))
        if replaces:
            current = e
    return current


def granted_amount(history: list[dict[str, Any]], eff: dict[str, Any],
                   proposed: float | None) -> float | None:
    """What a dossier decided ``retenu`` (by ``eff``) holds: the decision's amount, else
    the amount of the latest ``retenu`` decision recorded before it, else the proposed one."""
    if eff.get("amount") is not None:
        return float(eff["amount"])
    earlier = [e for e in history if e["seq"] < eff["seq"]]
    for e in reversed(earlier):
        if e["kind"] == "decision" and e["outcome"] == "retenu" and e.get("amount") is not None:
            return float(e["amount"])
    return proposed


def first_that_fits(pool: list[str], rank: dict[str, int],
                    proposed: dict[str, float | None], left: float,
                    line: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The reserve dossier promoted in a freed place (one place), the one walk of the
    reference over a freed place (:func:`.journal.apply_journal`'s ``offer``): walking
    ``pool`` in rank order, a lone dossier that fits ``left`` is taken; one that does not
    fit is passed over, whatever the call's rule for the proposal (a reserve list is called
    in order « dans la limite des crédits disponibles », docs/decisions.md); several tied
    dossiers stop it with nobody taken (one place, people settle ties) -- unless they are
    the tie at the funding line nobody settled (``line``: its members still waiting), which
    are all taken together when they all fit ``left`` (branch tie-freed).  Returns (the
    dossiers taken, the tied dossiers left to people)."""
    k = 0
    while k < len(pool):
        group = [i for i in pool if rank[i] == rank[pool[k]]]
        k += len(group)
        if len(group) > 1:
            if set(group) == line and sum(float(proposed[i] or 0.0)
                                          for i in group) <= left + EPS:
                return group, []
            return [], group
        i = group[0]
        if float(proposed[i] or 0.0) <= left + EPS:
            return [i], []
    return [], []
