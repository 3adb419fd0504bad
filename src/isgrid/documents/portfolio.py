"""The portfolio constraints (call.yaml's ``constraints``) and the ``top`` limit in the
documents' words: why the walk left out a ranked dossier above the line, or took one
before better-ranked ones, and how each constraint stands (docs/decisions.md §4).

Nothing here walks: the reading is the engine's.  The walk records, for each ranked
dossier it took or left out, a typed choice (:class:`isgrid.engine.select.Choice`,
``Result.constraints.choices``): ``max:<id>`` (blocked by a maximum count or an
envelope's ``max_amount``), ``constraint:<id>`` (taken for a minimum, ``over`` the
better-ranked dossiers it passed), ``rank``, ``budget``, ``line``, ``top``, ``tie``; and each
constraint's status (``Result.constraints.items``).  Those are the **proposal's**; once
something is decided, the documents say what the decided selection still bears out
(:func:`isgrid.engine.portfolio.standing_choices`: a maximum that still keeps the dossier
out, a minimum's dossier still retained before a better-ranked one still left out) and
each constraint as the decided selection stands (``Result.constraints.decided``).  A
dossier whose own decision changed it is told by its decision, never by the proposal's
reason (:func:`portfolio_why`); one left out after the decisions while the money left
covers it is told the maximum that keeps it out, if one does (``decided``).

A dossier the walk left out because ``top`` places were taken is the walk's record
(``Result.selection.beyond_top``; its choice's ``why`` is ``top``, not ``line``, the
money's): :func:`portfolio_why` says it (kind ``top``), inferring nothing; how the
decided selection stands against ``top`` is :func:`over_top`'s.

What every table asks for each dossier (the standing choices by dossier, the decided
maximums, the dossiers a minimum passed over) is worked out once per result and kept by it
(:meth:`isgrid.engine.result.Result.once`), never in this module: two results rendered at
once (two threads of a server) each keep their own.

The codes :func:`portfolio_codes` gives are shown beside the engine's flags by every
table of flags (:func:`.text.shown_flags`: the committee report, the séance board,
``isgrid score`` and ``isgrid decisions``): ``max:<id>`` « plafond scop », and
``constraint:<id>`` « minimum rural » for a dossier taken before better-ranked ones.
They are not the engine's flags (the result JSON's ``flags`` keep the walk's own).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..call.blocks import Envelope, MaxCount, MinCount
from ..engine.portfolio import decided_maxima, standing_choices
from ..engine.reasons import label, said
from ..messages import euros
from ..vocabulary import EPS, Status

if TYPE_CHECKING:
    from ..engine import DossierResult, Result
    from ..engine.select import Choice

#: The heads of the codes :func:`portfolio_codes` adds to a dossier's flags.
MAX = "max"
MINIMUM = "constraint"
HEADS = (MAX, MINIMUM)


@dataclass(frozen=True, slots=True)
class Why:
    """Why the proposal left out (``max``, ``top``) or took (``minimum``) a ranked dossier
    other than by its rank and the money: ``constraint``: the constraint's id (``max``,
    ``minimum``); ``over``: the better-ranked dossiers a minimum passed.  ``max`` is
    ``decided`` when the walk left the dossier out for another reason and a maximum keeps
    it out of the decided selection."""

    kind: Literal["max", "minimum", "top"]
    constraint: str | None = None
    over: tuple[str, ...] = ()
    decided: bool = False


@dataclass(frozen=True, slots=True)
class _Reading:
    """What every table asks of a result for each dossier, worked out once per result
    (:func:`_reading`): its standing choices by dossier, its decided maximums, the
    dossiers ``top`` left out, and (:func:`_passers`, on first use) the dossiers a
    minimum passed over."""

    choices: Mapping[str, Choice]
    blocking: Callable[[DossierResult], tuple[str, ...]]
    beyond_top: frozenset[str]


def _reading(result: Result) -> _Reading:
    def make() -> _Reading:
        sel = result.selection
        beyond = frozenset(sel.beyond_top if sel is not None else ())
        if result.constraints is None:
            return _Reading({}, lambda d: (), beyond)
        return _Reading({x.dossier: x for x in standing_choices(result)},
                        decided_maxima(result), beyond)
    return result.once("documents.portfolio.reading", make)


def fits_now(result: Result, d: DossierResult) -> bool:
    """After decisions, ``d``'s amount fits what is left of the budget: the money does not
    keep it out (review rev-money F1)."""
    now = result.current
    asked = d.amounts.proposed
    if now is None or not now.decided or asked is None or now.remaining is None:
        return False
    return float(asked) <= float(now.remaining) + EPS


def over_top(result: Result) -> int | None:
    """How many dossiers the decided selection (``Result.current``) retains beyond the
    call's ``top`` places: 0 when it holds exactly ``top``, below 0 while places are free;
    None when the call sets no ``top`` (or selects nothing).  The one reading of ``top``
    against the decided selection: the minutes say a retention beyond it (above 0); a
    letter says ``top`` kept its dossier out while every place stays taken (0 or above)."""
    sel, now = result.selection, result.current
    if sel is None or sel.top is None or now is None:
        return None
    return len(now.selected) - sel.top


def portfolio_why(result: Result, d: DossierResult) -> Why | None:
    """``d``'s reason from the walk that the decided selection still bears out
    (:func:`isgrid.engine.portfolio.standing_choices`), while ``d`` has no decision of its
    own: a decision since is the reason then, told by the decision.  After decisions, a
    dossier left out whose amount the money left covers is told the maximum that keeps it
    out of the decided selection, if one does.  None for a dossier the rank and the money
    explain, or whose reason the decisions removed."""
    sel = result.selection
    if d.rank is None or sel is None or d.decision.outcome is not None:
        return None
    reading = _reading(result)
    choice = reading.choices.get(d.id)
    why = choice.why if choice is not None else ""
    head, _, arg = why.partition(":")
    if head == MAX and d.selected is False and not d.reserve:
        return Why("max", arg)
    if head == MINIMUM and d.selected is True and choice is not None and choice.over:
        return Why("minimum", arg, tuple(choice.over))
    if d.status == Status.NON_RETENU and not d.reserve and fits_now(result, d) \
            and (now := reading.blocking(d)):
        return Why("max", now[0], decided=True)
    if d.status != d.computed.status:
        return None
    if d.selected is False and not d.reserve and d.id in reading.beyond_top:
        return Why("top")
    return None


def portfolio_codes(result: Result, d: DossierResult) -> tuple[str, ...]:
    """The codes the tables of flags show for ``d`` (the module's docstring)."""
    if result.constraints is None:
        return ()
    why = portfolio_why(result, d)
    if why is None or why.kind == "top":
        return ()
    return (f"{MAX if why.kind == 'max' else MINIMUM}:{why.constraint}",)


def _declared(result: Result) -> tuple[MinCount | MaxCount | Envelope, ...]:
    return result.rules.constraints if result.rules is not None else ()


def constraint_of(result: Result, cid: str) -> MinCount | MaxCount | Envelope | None:
    return next((c for c in _declared(result) if c.id == cid), None)


def constraint_label(result: Result, cid: str, lang: str) -> str:
    """A constraint in words: its ``label`` (the call's words, in any language), else
    made from its kind, fact and value in ``lang`` (the engine's words:
    :func:`isgrid.engine.reasons.label`)."""
    c = constraint_of(result, cid)
    return cid if c is None else said(label(c), lang)


def is_envelope(result: Result, cid: str) -> bool:
    return isinstance(constraint_of(result, cid), Envelope)


def passed_by(result: Result, d: DossierResult) -> tuple[int, tuple[str, ...]]:
    """The dossiers ranked after ``d`` that the proposal took before it for a minimum
    (their ``constraint:<id>`` choice's ``over`` names ``d``): how many, and for which
    constraints (ids, in the call's order) -- why a lower-ranked dossier is funded while
    ``d`` is not; after decisions, those the decided selection still bears out (the
    minimum's dossier still retained, ``d`` and the others it passed still left out:
    :func:`isgrid.engine.portfolio.standing_choices`).  Nothing for a dossier with a
    decision of its own, or retained."""
    if d.rank is None or d.decision.outcome is not None or d.selected is True:
        return 0, ()
    n, ids = _passers(result).get(d.id, (0, set()))
    order = [c.id for c in _declared(result)]
    return n, tuple(sorted(ids, key=order.index))


def _passers(result: Result) -> Mapping[str, tuple[int, set[str]]]:
    """For each dossier a minimum's choice passed over (its ``over``), how many such
    choices and their constraints: read once per result from the standing choices, not
    scanned again for every letter (a national call's walk explains every candidate)."""
    def make() -> Mapping[str, tuple[int, set[str]]]:
        out: dict[str, tuple[int, set[str]]] = {}
        for ch in _reading(result).choices.values():
            head, _, arg = ch.why.partition(":")
            if head == MINIMUM and ch.selected:
                for o in ch.over:
                    n, ids = out.get(o, (0, set()))
                    out[o] = (n + 1, ids | {arg})
        return out
    return result.once("documents.portfolio.passers", make)


def flag_arg(result: Result, cid: str, lang: str) -> str:
    """A constraint as a flag's sentence names it: « scop (deux SCOP au plus) »."""
    label = constraint_label(result, cid, lang)
    return cid if label == cid else f"{cid} ({label})"


def decided_now(result: Result) -> bool:
    """Something is decided: the constraints are said as the decided selection stands."""
    now = result.current
    return bool(now is not None and now.decided)


def constraint_lines(result: Result, say: Any, lang: str) -> list[str]:
    """Each portfolio constraint, one sentence each: as the proposal's walk left it
    (``Result.constraints.items``: met, not met, or infeasible with the walk's note), or,
    once something is decided, as the decided selection stands
    (``Result.constraints.decided``: a constraint the decisions broke says by how much);
    for the committee report's section 5 and the séance board; none without constraints
    or without a selection."""
    c = result.constraints
    if c is None:
        return []
    decided = decided_now(result) and bool(c.decided)
    out = []
    for item in (c.decided if decided else c.items):
        name = flag_arg(result, item.id, lang)
        if item.infeasible:
            words = item.note
            out.append(say("constraint.line.infeasible", name=name,
                           note=said(words, lang) if words is not None else "-"))
        elif decided and not item.met:
            out.append(_broken(item, name, say, lang))
        else:
            out.append(say(f"constraint.line.{'met' if item.met else 'unmet'}", name=name))
    return out


def _broken(item: Any, name: str, say: Any, lang: str) -> str:
    """A constraint the decisions broke, with what the decided selection holds against
    its bound: « 57 000 € retenus, 55 000 € au plus »."""
    target: Any = item.target
    if isinstance(target, Mapping):  # an envelope: money
        over = target.get("max") is not None and item.actual > target["max"]
        bound = target["max"] if over else (target.get("min") or 0)
        return str(say(f"constraint.line.broken.{'max' if over else 'min'}.money", name=name,
                       actual=euros(item.actual, lang), bound=euros(bound, lang)))
    return str(say(f"constraint.line.broken.{'max' if item.kind == 'max' else 'min'}",
                   name=name, actual=int(item.actual), bound=int(target)))
