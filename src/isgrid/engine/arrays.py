"""The ranking and the walk as arrays: :func:`.rank.rank` and :func:`.select.walk` for
many rankings of one call (sensitivity's 1,000 draws), the same rules in array form.

Sensitivity's draws rank every dossier of the call and walk the ranking once per
draw: 1,000 draws of a national call are 20 million dossiers ranked and walked.
Here each draw's ranking is one ``numpy.lexsort`` and its walk a cumulative sum up
to the first group of equal rank that does not fit, then a short loop over what is
left.  It is the engine's rule, not another one:

* **rank** (:func:`.rank.rank`): best ranking key first; keys within
  :data:`~isgrid.vocabulary.EPS` are equal and go to the tie-breaks, then the ids;
  equal keys and equal tie-break values share a rank (competition style).  The
  array path sorts by the exact key, then by each dossier's place in the order of
  (tie-break values, id), fixed over the draws (:func:`plan`).  When every two
  neighbours' keys are either exactly equal or more than ``EPS`` apart (checked
  draw by draw, :func:`rank_draw`) and the tie-break values compare consistently
  (no numbers within ``EPS`` of each other unless equal, no mix of numbers and
  text: checked once, :func:`plan`), the ranking's comparison is a strict total
  order, so the engine's ranking, whichever way it sorts, is this one;
* **walk** (:func:`.select.walk`, without held dossiers, the selection only, as
  ``explain=False``): groups of equal rank in order; a group whose usable
  dossiers fit (money, ``top``) is taken whole; tied dossiers that cannot all be
  taken are undecided and the walk stops; a lone one that does not fit gets what is
  left (``partial``, at least ``minimum``) or is left out and the walk stops
  (``rank-order``) or goes on (``skip``).  Money is summed as floats of whole euros
  below 2**53, exact as :func:`.money.add`'s fast path is: the very numbers the
  engine's decimal sums give.

What the array path does not cover (:func:`plan` says None, and the caller runs
the engine's ``rank`` and ``walk`` per draw): portfolio constraints (minimums look
down the whole ranking), tie-breaks on section or criterion scores (their values
change with the draw), tie-break values that do not compare consistently, amounts
or a budget that are not whole euros.  A draw whose keys come within ``EPS`` of
each other without being equal is ranked by the engine too (:func:`rank_draw`
returns None).  ``tests/engine/test_arrays.py`` checks both against ``rank`` +
``walk`` on many seeded random rankings.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..vocabulary import EPS
from .money import EXACT_BELOW as _EXACT  # whole euros summed exactly below it
from .select import Rules, partial_grant

#: The walk's answer for a dossier, in an int8 array: taken, left out, undecided (a tie
#: at the line, or a ranked dossier whose amount is unknown).
TAKEN, OUT, UNDECIDED = 1, 0, -1


@dataclass(frozen=True)
class Plan:
    """What the array path needs of a call, the same for every draw."""

    tiepos: Any  # int64 (dossiers,): place in the order of (tie-break values, id)
    tieclass: Any  # int64 (dossiers,): equal when the tie-break values compare equal
    need: Any  # float64 (dossiers,): the money a usable dossier takes (0 without budget)
    usable: Any  # bool (dossiers,): selectable, with an amount when there is a budget
    unknown: Any  # bool (dossiers,): amount unknown: ranked, it is undecided (à vérifier)
    rules: Rules


def _tie_sort_keys(ties: Sequence[Sequence[Any]], orders: Sequence[str]
                   ) -> list[tuple[tuple[int, int], ...]] | None:
    """Each dossier's tie-break values as a plain sort key giving ``rank._tie_cmp``'s
    order (missing values last, ``desc`` reversed), or None when that order is not
    consistent (numbers within EPS of each other and not equal, numbers and text in
    one tie-break)."""
    columns: list[list[tuple[int, int]]] = []
    for t, order in enumerate(orders):
        vals = [row[t] for row in ties]
        present = [v for v in vals if v is not None]
        numbers = [v for v in present if isinstance(v, int | float)
                   and not isinstance(v, bool)]
        if numbers and len(numbers) != len(present):
            return None  # numbers compared with text as text: not one order
        if numbers:
            distinct = sorted({float(v) for v in numbers})
            if any(b - a <= EPS for a, b in itertools.pairwise(distinct)):
                return None  # within EPS and not equal: the tolerance would matter
            place = {v: k for k, v in enumerate(distinct)}
            at = [None if v is None else place[float(v)] for v in vals]
        else:
            texts = {v: k for k, v in enumerate(sorted({str(v) for v in present}))}
            at = [None if v is None else texts[str(v)] for v in vals]
        sign = -1 if order == "desc" else 1
        columns.append([(1, 0) if k is None else (0, sign * k) for k in at])
    return [tuple(c[i] for c in columns) for i in range(len(ties))]


def plan(ids: Sequence[str], ties: Sequence[Sequence[Any]] | None, orders: Sequence[str],
         money: Sequence[tuple[Any, float | None, bool, bool, Any]], rules: Rules
         ) -> Plan | None:
    """The array path for a call (the module docstring), or None when it does not cover
    the call: the ONE place where that is decided for the call's shape.

    ``ties``: each dossier's tie-break values when they are the same in every draw
    (None when they vary: section or criterion scores); ``money``: :func:`.money.money`
    of each dossier."""
    if rules.constraints or ties is None:
        return None  # minimums look down the whole ranking; tie values change per draw
    keys = _tie_sort_keys(ties, orders)
    if keys is None:
        return None
    n = len(ids)
    by = sorted(range(n), key=lambda i: (keys[i], ids[i]))
    tiepos = np.empty(n, dtype=np.int64)
    tiepos[by] = np.arange(n, dtype=np.int64)
    tieclass = np.empty(n, dtype=np.int64)
    cls = -1
    for x, i in enumerate(by):
        if x == 0 or keys[i] != keys[by[x - 1]]:
            cls += 1
        tieclass[i] = cls
    budget = rules.budget
    usable = np.array([m[2] and (budget is None or m[1] is not None) for m in money],
                      dtype=bool)
    need = np.zeros(n, dtype=np.float64)
    if budget is not None:
        amounts = [float(m[1]) if u and m[1] is not None else 0.0
                   for m, u in zip(money, usable.tolist(), strict=True)]
        if not float(budget).is_integer() or any(not a.is_integer() for a in amounts) or (
                sum(abs(a) for a in amounts) + abs(float(budget)) >= _EXACT):
            return None  # not whole euros: the engine's decimal sums
        need = np.array(amounts, dtype=np.float64)
    unknown = np.array([bool(m[3]) for m in money], dtype=bool)
    return Plan(tiepos, tieclass, need, usable, unknown, rules)


def rank_draw(key: Any, rankable: Any, p: Plan) -> tuple[Any, Any] | None:
    """:func:`.rank.rank` of one draw: (dossier indices in rank order, their ranks), or
    None when two neighbours' keys are within EPS without being equal (the engine
    ranks that draw)."""
    idx = np.flatnonzero(rankable)
    k = key[idx]
    if np.isnan(k).any():
        return None
    o = np.lexsort((p.tiepos[idx], -k))
    order = idx[o]
    ks = k[o]
    gap = ks[:-1] - ks[1:]  # >= 0: best first
    if bool(((gap != 0) & (gap <= EPS)).any()):
        return None
    cls = p.tieclass[order]
    same = (gap == 0) & (cls[:-1] == cls[1:])
    pos = np.arange(1, len(order) + 1, dtype=np.int64)
    start = pos.copy()
    start[1:][same] = 0
    return order, np.maximum.accumulate(start) if len(start) else start


def walk_draw(order: Any, ranks: Any, n: int, p: Plan) -> Any:
    """:func:`.select.walk` (no held dossiers, selection only) of one ranking, with the
    engine's proposal's rule for a ranked dossier whose amount is unknown (undecided):
    an int8 array over the call's dossiers of :data:`TAKEN`, :data:`OUT`,
    :data:`UNDECIDED`."""
    r = p.rules
    if not r.selecting:  # no line: the proposal decides nothing
        return np.full(n, UNDECIDED, dtype=np.int8)
    sel = np.zeros(n, dtype=np.int8)
    m = len(order)
    if m:
        money = r.budget is not None
        budget = float(r.budget) if r.budget is not None else 0.0
        u = p.usable[order]
        new = np.ones(m, dtype=bool)
        new[1:] = ranks[1:] != ranks[:-1]
        gstart = np.flatnonzero(new)
        nfree = np.add.reduceat(u.astype(np.int64), gstart)
        gtot = (np.add.reduceat(p.need[order] * u, gstart) if money
                else np.zeros(len(gstart)))
        # the walk's state before each group when every group before it was taken whole
        spent_before = np.concatenate(([0.0], np.cumsum(gtot)[:-1]))
        count_before = np.concatenate(([0], np.cumsum(nfree)[:-1]))
        fits = np.ones(len(gstart), dtype=bool)
        if money:
            fits &= spent_before + gtot <= budget + EPS
        if r.top is not None:
            fits &= count_before + nfree <= r.top
        fails = np.flatnonzero(~fits & (nfree > 0))
        f = int(fails[0]) if len(fails) else len(gstart)
        stop, full_at = f, None
        if r.top is not None:  # the walk stops as soon as ``top`` dossiers are taken
            full = np.flatnonzero((count_before + nfree >= r.top) & (nfree > 0))
            if len(full) and int(full[0]) < f:
                full_at = stop = int(full[0]) + 1
        head = int(gstart[stop]) if stop < len(gstart) else m
        sel[order[:head][u[:head]]] = TAKEN
        if full_at is None and f < len(gstart):
            _walk_rest(order, u, gstart, nfree, gtot, f, float(spent_before[f]),
                       int(count_before[f]), sel, r, money, budget)
        sel[order[p.unknown[order]]] = UNDECIDED
    return sel


def step(spent: float, count: int, free: int, total: float, r: Rules
         ) -> tuple[bool, float, int, int]:
    """:func:`.select.walk` of one group of equal rank from the walk's state (money
    ``spent``, ``count`` dossiers taken, not stopped): ``free`` usable dossiers asking
    ``total`` (whole euros; 0 without a budget) in all.  Returns (stopped, spent,
    count, what its usable dossiers get: :data:`TAKEN`, :data:`OUT`,
    :data:`UNDECIDED`); its other dossiers are left out."""
    if not free:
        return False, spent, count, OUT
    money = r.budget is not None
    budget = float(r.budget) if r.budget is not None else 0.0
    top = r.top
    over_top = top is not None and count + free > top
    if (not money or spent + total <= budget + EPS) and not over_top:
        count += free
        return top is not None and count >= top, spent + total, count, TAKEN
    if free > 1:  # tied dossiers that cannot all be taken: people decide
        return True, spent, count, UNDECIDED
    if over_top:
        return True, spent, count, OUT
    # :func:`.money.less`, exact on whole euros; a partial grant: what is left, rounded
    if (given := partial_grant(budget - spent, r)) is not None:
        return True, spent + given, count + 1, TAKEN
    return r.rule != "skip", spent, count, OUT


def _walk_rest(order: Any, u: Any, gstart: Any, nfree: Any, gtot: Any, f: int,
               spent: float, count: int, sel: Any, r: Rules, money: bool,
               budget: float) -> None:
    """The walk from group ``f`` (the first that does not fit) on, group by group
    (:func:`step`); ``spent`` and ``count``: the walk's state there."""
    ends = np.append(gstart[1:], len(order))
    groups = np.arange(f, len(gstart))
    if r.rule == "skip" and not r.partial and r.top is None and money:
        # a lone dossier that does not fit now never will (the money left only
        # shrinks): left out and skipped, it changes nothing; only the others are walked
        keep = (nfree[f:] > 1) | ((nfree[f:] == 1) & (spent + gtot[f:] <= budget + EPS))
        groups = groups[keep]
    for g, free, total in zip(groups.tolist(), nfree[groups].tolist(),
                              gtot[groups].tolist(), strict=True):
        stopped, spent, count, what = step(spent, count, free, total, r)
        if what != OUT:
            a, b = int(gstart[g]), int(ends[g])
            sel[order[a:b][u[a:b]]] = what
        if stopped:
            return


__all__ = ["OUT", "TAKEN", "UNDECIDED", "Plan", "plan", "rank_draw", "step", "walk_draw"]
