"""The portfolio constraints as the decided selection stands (docs/decisions.md §4).

The walk (:func:`isgrid.engine.select.walk`) meets the constraints on the jury's proposal;
decisions (a vote retaining a dossier beyond an envelope, a withdrawal taking a minimum's
dossier away) can break them afterwards.  :func:`decided_statuses` evaluates them once on
the decided selection (``Result.constraints.decided``, what the minutes state), and
:func:`broken_by` says which a decision breaks (``isgrid decide`` and ``withdraw`` warn,
``constraint-broken``).  One evaluation: :func:`isgrid.engine.select.statuses`.
Which maximum keeps a dossier out of the decided selection (:func:`decided_maxima`, what
the letters and the tables say) is the walk's own rule, :func:`isgrid.engine.select.blocker`,
on the decided selection.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..errors import Diagnostic, Location, Message
from ..messages import Count, Money
from ..vocabulary import Status
from .dossier import DossierResult
from .money import less
from .reasons import Reason, reason
from .result import Result
from .select import Choice, Constraint, ConstraintStatus, Held, blocker, statuses
from .tallies import Picked


def decided_statuses(constraints: Sequence[Constraint], proposal: Sequence[ConstraintStatus],
                     dossiers: Sequence[DossierResult], facts: Mapping[str, Any]
                     ) -> tuple[ConstraintStatus, ...]:
    """Each constraint as the decided selection stands: the ``dossiers`` selected, each with
    the money it holds (granted, else proposed) and its facts (``facts``: by dossier id).  A minimum the proposal could not meet and the
    decisions did not meet either keeps the proposal's reason (``infeasible``, ``reasons``,
    ``unusable``); a constraint the decisions break says by how much (``reasons``: « dépassée
    de 2 000 € par les décisions, 57 000 € retenus »)."""
    before = {x.id: x for x in proposal}
    held = [Held(d.id, float(d.amounts.held or 0.0), facts.get(d.id, {})) for d in dossiers
            if d.selected is True]
    out = []
    for now in statuses(constraints, held, [], {}):
        was = before.get(now.id)
        if now.met:
            out.append(now)
        elif was is not None and was.infeasible:
            out.append(dataclasses.replace(now, infeasible=True, reasons=was.reasons,
                                           unusable=was.unusable))
        else:
            out.append(dataclasses.replace(now, reasons=_breach(now)))
    return tuple(out)


def _breach(c: ConstraintStatus) -> tuple[Reason, ...]:
    """How the decisions break ``c``, as data (:mod:`.reasons`: « dépassée de 2 000 € par
    les décisions, 57 000 € retenus »)."""
    target: Any = c.target
    if isinstance(target, Mapping):  # an envelope
        top, bottom = target.get("max"), target.get("min")
        if top is not None and c.actual > top:
            return (reason("exceeded-money", over=less(c.actual, top),
                                              actual=c.actual),)
        return (reason("short-money", actual=c.actual, bound=bottom or 0),)
    n = int(c.actual)
    return (reason("exceeded" if c.kind == "max" else "short", actual=n, bound=target),)


def broken_by(before: Sequence[ConstraintStatus], after: Sequence[ConstraintStatus],
              file: str) -> list[Diagnostic]:
    """A ``constraint-broken`` warning for each constraint the decided selection met
    (``before``: :attr:`Constraints.decided` before a decision or a withdrawal) and no
    longer meets (``after``), with where it stands now."""
    met = {x.id for x in before if x.met}
    out = []
    for c in after:
        if c.met or c.id not in met:
            continue
        target: Any = c.target
        money = isinstance(target, Mapping)
        if money:
            over = target.get("max") is not None and c.actual > target["max"]
            bound = target["max"] if over else target.get("min") or 0
        else:
            over, bound = c.kind == "max", target
        value = (Money if money else Count)
        words = {"ident": c.id, "label": c.label,
                 "actual": value(c.actual if money else int(c.actual)),
                 "bound": value(bound if money else int(bound))}
        message = Message("the selection will no longer meet the constraint {ident} "
                          "({label}): {actual} retained, at most {bound}", **words) if over \
            else Message("the selection will no longer meet the constraint {ident} "
                         "({label}): {actual} retained, at least {bound}", **words)
        out.append(Diagnostic("constraint-broken", message,
                              Location(file, key_path="constraints"), severity="warning"))
    return out


def decided_maxima(result: Result) -> Callable[[DossierResult], tuple[str, ...]]:
    """For a ranked dossier not selected, the maximums (counts, envelopes' ``max_amount``;
    ids in the call's order) that taking it into the decided selection would break: the
    walk's rule (:func:`isgrid.engine.select.blocker`, each constraint alone) on what the
    decided selection holds (each selected dossier's money held, granted else proposed,
    and its facts), the dossier at its proposed amount.  Built once per result (a document
    asks for many dossiers); () for a dossier not ranked, selected, or that no money can go
    to (no amount, below the minimum grant: that is its reason).
    The facts are the ranked dossiers' (``Result.candidates``): a dossier a decision
    retained unranked counts with none."""
    rules = result.rules
    maxima = tuple(k for k in (rules.constraints if rules is not None else ())
                   if k.kind in ("max", "envelope"))
    if not maxima:
        return lambda d: ()
    cands = {c.id: c for c in result.candidates}
    # counted once, read for every dossier asked (select.blocker reads the tallies)
    held = Picked(maxima, (Held(d.id, float(d.amounts.held or 0.0),
                                cands[d.id].facts if d.id in cands else {})
                           for d in result.dossiers if d.selected is True))

    def blocking(d: DossierResult) -> tuple[str, ...]:
        c = cands.get(d.id)
        if c is None or d.selected is True or c.amount is None or not c.selectable:
            return ()
        return tuple(k.id for k in maxima
                     if blocker(c.facts, float(c.amount), (k,), held) is not None)
    return blocking


def standing_choices(result: Result) -> tuple[Choice, ...]:
    """The walk's explanations of the constraints (``constraints.choices``: a dossier taken
    for a minimum, one a maximum blocked) that the decided selection still bears out: not
    about a dossier the decisions changed (withdrawn, now retained or on the reserve when
    the walk left it out, no longer retained when it took it) nor preferring it to one
    now retained, nor a maximum the decided selection no longer reaches for it
    (:func:`decided_maxima`: a dossier of its kind withdrew, an amount was lowered).
    What the minutes, the letters and the tables say of the constraints."""
    if result.constraints is None:
        return ()
    blocking = decided_maxima(result)
    out = []
    for c in result.constraints.choices:
        if not c.why.startswith(("constraint:", "max:")):
            continue
        d = result.dossier(c.dossier)
        if d.status == Status.RETIRE or d.selected is not c.selected or (
                not c.selected and d.reserve) or any(
                result.dossier(i).selected is True for i in c.over):
            continue
        if c.why.startswith("max:") and c.why[4:] not in blocking(d):
            continue
        out.append(c)
    return tuple(out)
