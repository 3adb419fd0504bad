"""Eligibility: the grid's rules on facts, then its eliminatory criteria.

The rules here are the only ones: the engine, self-assessment and every analysis
call them.  :func:`eligibility_many` is the engine's reading of a whole call;
:func:`eligibility` is the same for one dossier; :func:`unknown_keys` reads back, from a
dossier's result, which of its values are still to check; :func:`unmet_rules` finds a
rule no dossier of the call meets (a fact mapped to the wrong column, most often).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..grid.facts import code_like, compiled, fact_conditions, literal_targets, values_at
from ..grid.model import Condition, Grid
from ..vocabulary import EPS
from .maps import frozen_map


def eliminatory_state(value: float | None, scale_min: float) -> str:
    """``pass``, ``fail`` (the scale's lowest level: the condition is not met) or ``unknown``."""
    if value is None:
        return "unknown"
    return "fail" if abs(value - scale_min) < EPS else "pass"


def verdict(outcomes: Iterable[str]) -> bool | None:
    """Eligible (True), not (False: one fail), or to check (None: one unknown)."""
    outs = list(outcomes)
    return False if "fail" in outs else (None if "unknown" in outs else True)


def unknown_keys(eligibility: Mapping[str, str], flags: Iterable[str]) -> tuple[str, ...]:
    """The keys of a dossier's values still unknown, what is to check: the rules and
    eliminatory criteria whose outcome is ``unknown`` (in the eligibility's order), then
    the facts the money needs (flags ``unknown:amount_requested``,
    ``unknown:eligible_costs``: :mod:`.money`), in the flags' order.

    The one reading of what is still to check, from the dossier's result; the letters,
    the séance pages and the committee report say it in words (who is awaited for each:
    the grid's :meth:`~isgrid.grid.model.Grid.rated_by`).  A rating or a consensus value
    the jurors still owe (``incomplete:``, ``consensus-missing:``, ``below-min-ratings``)
    is none of them: it leaves the assessment incomplete, nothing is to check."""
    keys = [rid for rid, o in eligibility.items() if o == "unknown"]
    for f in flags:
        head, _, key = f.partition(":")
        if head == "unknown" and key not in eligibility:
            keys.append(key)
    return tuple(keys)


def _reading(ids: Sequence[str], outcomes: Iterable[str]
             ) -> tuple[dict[str, str], bool | None, list[str]]:
    """The outcomes of the rules and criteria ``ids``: (id -> outcome, eligible, flags)."""
    out = dict(zip(ids, outcomes, strict=True))  # a criterion after a rule of its id wins
    flags = [f"ineligible:{rid}" if o == "fail" else f"unknown:{rid}"
             for rid, o in out.items() if o != "pass"]
    return out, verdict(out.values()), flags


def eligibility(grid: Grid, facts: dict[str, Any],
                eliminatory: Iterable[tuple[str, float | None, float]]
                ) -> tuple[dict[str, str], bool | None, list[str]]:
    """``(rule or criterion id -> outcome, eligible, flags)`` of one dossier: the reading
    :func:`eligibility_many` gives a call of that one dossier.

    ``eliminatory``: ``(criterion id, its value or None, its scale's minimum)``.
    """
    (m, ok, flags), = eligibility_many(
        grid, [facts], [(cid, [value], lowest) for cid, value, lowest in eliminatory])
    return dict(m), ok, list(flags)


def eligibility_many(grid: Grid, facts: Sequence[dict[str, Any]],
                     eliminatory: Sequence[tuple[str, Sequence[float | None], float]]
                     ) -> list[tuple[Mapping[str, str], bool | None, tuple[str, ...]]]:
    """:func:`eligibility` of every dossier of a call, in order, as read-only values.

    ``eliminatory``: ``(criterion id, its value per dossier (None: none), its scale's
    minimum)``.  Each rule is applied down the column of dossiers, and each distinct
    reading (a national call has a handful) is made once and shared: its map, its
    verdict and its flags are those :func:`eligibility` gives.
    """
    ids = [rule.id for rule in grid.eligibility]
    columns: list[list[str]] = []
    for rule in grid.eligibility:
        apply = compiled(rule)
        columns.append([apply(f) for f in facts])
    for cid, values, lowest in eliminatory:
        ids.append(cid)
        states: dict[float | None, str] = {}  # a few distinct values in a column
        column = []
        for v in values:
            state = states.get(v)
            if state is None:
                state = states[v] = eliminatory_state(v, lowest)
            column.append(state)
        columns.append(column)
    made: dict[tuple[str, ...], tuple[Mapping[str, str], bool | None, tuple[str, ...]]] = {}
    out = []
    for key in zip(*columns, strict=True) if columns else [()] * len(facts):
        reading = made.get(key)
        if reading is None:
            m, ok, flags = _reading(ids, key)
            reading = made[key] = (frozen_map(m), ok, tuple(flags))
        out.append(reading)
    return out


#: A call of fewer dossiers says nothing of a rule that none of them meets.
UNMET_MIN_DOSSIERS = 3
#: How many of the values found a warning shows.
UNMET_VALUES = 3


@dataclass(frozen=True)
class Unmet:
    """An eligibility rule that no dossier of a call meets (:func:`unmet_rules`)."""

    rule: str  # the rule's id
    fact: str  # the path of the fact the dossiers fail on
    values: tuple[str, ...]  # the first distinct values found, as written
    more: bool  # more distinct values than those
    failed: int  # how many dossiers the rule (or its ``in:``) makes fail
    dossiers: int  # of how many
    targets: tuple[Any, ...]  # the list of the ``in:`` the values are compared with, or ()
    names: bool  # the list holds codes and none of the values found is one
    whole: bool  # the rule itself fails everywhere (else: an ``in:`` inside it)


def unmet_rules(grid: Grid, facts: Sequence[dict[str, Any]]) -> list[Unmet]:
    """The grid's eligibility rules that no dossier of ``facts`` meets while at least
    :data:`UNMET_MIN_DOSSIERS` fail them, each with the fact they fail on and the values
    found; then, inside a rule some dossier meets, a fact compared with ``in:`` whose list
    holds the value of no dossier.  Each rule is the function :func:`eligibility_many`
    applies (:func:`~isgrid.grid.facts.compiled`), read down the dossiers until one meets
    it (a national call's check stops at its first dossiers).  A mapping that gave every
    dossier the département's name (« Haut-Rhin ») where the rule lists codes
    (``in: ["67", "68"]``) makes the whole call ineligible: this finds it."""
    if len(facts) < UNMET_MIN_DOSSIERS or not grid.eligibility:
        return []
    out = []
    for rule in grid.eligibility:
        leaves = list(fact_conditions(rule))
        failing = _failing(rule, facts)
        if failing is not None:
            leaf = next((c for c in leaves if _failing(c, failing) is not None),
                        leaves[0] if leaves else None)
            if leaf is not None:
                out.append(_unmet(rule.id, leaf, failing, len(facts), whole=True))
            continue
        for leaf in leaves:
            found = leaf.operator()
            if found is None or found[0] != "in" or not literal_targets(leaf):
                continue
            failing = _failing(leaf, facts)
            if failing is not None:
                out.append(_unmet(rule.id, leaf, failing, len(facts), whole=False))
    return out


def _failing(cond: Condition, facts: Sequence[dict[str, Any]]
             ) -> list[dict[str, Any]] | None:
    """The dossiers ``cond`` fails when none meets it and at least
    :data:`UNMET_MIN_DOSSIERS` fail it (a missing fact is neither), else None: stops at
    the first dossier that meets it."""
    apply = compiled(cond)
    failing = []
    for f in facts:
        outcome = apply(f)
        if outcome == "pass":
            return None
        if outcome == "fail":
            failing.append(f)
    return failing if len(failing) >= UNMET_MIN_DOSSIERS else None


def _unmet(rule: str, leaf: Condition, failing: list[dict[str, Any]], n: int,
           whole: bool) -> Unmet:
    path = leaf.fact or ""
    seen: dict[str, None] = {}
    for f in failing:
        for v in values_at(f, path)[1]:
            seen.setdefault(v if isinstance(v, str) else str(v), None)
    values = list(seen)
    found = leaf.operator()
    targets = tuple(literal_targets(leaf)) if found is not None and found[0] == "in" else ()
    names = bool(targets) and all(map(code_like, targets)) and bool(values) \
        and not any(map(code_like, values))
    return Unmet(rule, path, tuple(values[:UNMET_VALUES]), len(values) > UNMET_VALUES,
                 len(failing), n, targets, names, whole)
