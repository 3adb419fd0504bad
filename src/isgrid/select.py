"""Ranking, ties, money and the walk down the ranking.

Rules (DESIGN.md, "Ranking, ties, funding line, reserve" and "Money"):

* rankable dossiers are ranked by their ordering key, best first, competition
  style (1, 2, 2, 4); scored totals within 1e-9 of each other are equal;
* equal keys go through the tie-break cascade; still equal: same rank, flag
  ``tie``;
* the walk spends each dossier's proposed amount.  ``rank-order`` stops at the
  first dossier that does not fit; ``skip`` skips it (``skipped-budget``).
  Tied dossiers at the line that cannot all fit get ``selected: null`` and
  ``tie-at-line``, and the walk stops: people settle ties, not the engine;
* ``partial``: the dossier at the line may receive what is left, when that is
  at least the minimum grant (flag ``partial-grant``);
* the reserve list is the next N rankable dossiers not selected, in rank order.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import Any

EPS = 1e-9


@dataclass
class Entry:
    """A rankable dossier as the ranking sees it."""

    id: str
    key: tuple[float, ...]  # higher is better, compared element-wise with EPS
    tie_values: list[Any]  # one value (or None when missing) per tie-break
    proposed: float | None = None  # money; None = unknown
    selectable: bool = True
    rank: int | None = None
    tie: bool = False
    selected: bool | None = None
    reserve: bool = False
    flags: list[str] = field(default_factory=list)


def _key_cmp(a: tuple[float, ...], b: tuple[float, ...]) -> int:
    for x, y in zip(a, b, strict=True):
        if abs(x - y) > EPS:
            return -1 if x > y else 1
    return 0


def _tie_cmp(a: list[Any], b: list[Any], orders: list[str]) -> int:
    for x, y, order in zip(a, b, orders, strict=True):
        if x is None and y is None:
            continue
        if x is None:
            return 1  # missing values go last
        if y is None:
            return -1
        if isinstance(x, float | int) and isinstance(y, float | int):
            if abs(x - y) <= EPS:
                continue
            less = x < y
        else:
            sx, sy = str(x), str(y)
            if sx == sy:
                continue
            less = sx < sy
        if order == "desc":
            return 1 if less else -1
        return -1 if less else 1
    return 0


def _rough_tie(value: Any, order: str) -> tuple[Any, ...]:
    """A sort key close to :func:`_tie_cmp`'s order (exact values, no tolerance).

    Only a first pass: the comparison sort that follows has the last word.
    """
    if value is None:
        return (1,)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, 0, -value if order == "desc" else value)
    return (0, 1, "" if order == "desc" else str(value))


def rank(entries: list[Entry], orders: list[str]) -> list[Entry]:
    """Sort and rank ``entries`` in place of a new list; set ``rank`` and ``tie``."""

    def cmp(a: Entry, b: Entry) -> int:
        c = _key_cmp(a.key, b.key)
        if c:
            return c
        c = _tie_cmp(a.tie_values, b.tie_values, orders)
        if c:
            return c
        return -1 if a.id < b.id else (1 if a.id > b.id else 0)

    # Sorting by plain keys first usually gives cmp's order already (checked
    # pair by pair); otherwise the comparison sort has the last word, with
    # little left to do.  The order is cmp's own, whatever the input order
    # (ids break every tie).
    def rough(e: Entry) -> tuple[Any, ...]:
        # keys rounded well above EPS, so that totals equal within EPS usually
        # fall together and the tie-breaks order them, as cmp does
        ties = [_rough_tie(v, o) for v, o in zip(e.tie_values, orders, strict=True)]
        return ([round(-k, 6) for k in e.key], ties, e.id)

    def equal(a: Entry, b: Entry) -> bool:
        """Same key and same tie-break values: the same rank."""
        return _key_cmp(a.key, b.key) == 0 and _tie_cmp(a.tie_values, b.tie_values, orders) == 0

    ordered = sorted(entries, key=rough)
    same: list[bool] = []
    for a, b in itertools.pairwise(ordered):  # n - 1 comparisons when already in order
        kc = _key_cmp(a.key, b.key)
        tc = 0 if kc else _tie_cmp(a.tie_values, b.tie_values, orders)
        if kc > 0 or (kc == 0 and tc > 0) or (kc == 0 and tc == 0 and a.id > b.id):
            ordered = sorted(ordered, key=functools.cmp_to_key(cmp))
            same = [equal(x, y) for x, y in itertools.pairwise(ordered)]
            break
        same.append(kc == 0 and tc == 0)
    for i, e in enumerate(ordered):
        if i > 0:
            prev = ordered[i - 1]
            if same[i - 1]:
                e.rank = prev.rank
                prev.tie = True
                e.tie = True
                continue
        e.rank = i + 1
    for e in ordered:
        if e.tie:
            e.flags.append("tie")
    return ordered


def groups(ordered: list[Entry]) -> list[list[Entry]]:
    out: list[list[Entry]] = []
    for e in ordered:
        if out and out[-1][0].rank == e.rank:
            out[-1].append(e)
        else:
            out.append([e])
    return out


@dataclass
class Walk:
    budget: float | None
    spent: float
    line: int | None
    selected: list[str]
    reserve: list[str]


def walk_budget(ordered: list[Entry], budget: float, rule: str, *, partial: bool,
                minimum: float | None, reserve_n: int, top: int | None = None,
                money: bool = True) -> Walk:
    """Walk down the ranking spending the budget; ``top`` also caps the number selected.

    ``money=False`` walks by count only (``selection: {top: K}`` without a budget).
    """
    remaining = float(budget)
    chosen = 0
    spent = 0.0
    line: int | None = None
    stopped = False
    for group in groups(ordered):
        if stopped:
            for e in group:
                e.selected = False
            continue
        usable = []
        for e in group:
            if not e.selectable or (money and e.proposed is None):
                e.selected = False
            else:
                usable.append(e)
        if not usable:
            continue
        need = sum(e.proposed or 0.0 for e in usable) if money else 0.0
        over_top = top is not None and chosen + len(usable) > top
        if need <= remaining + EPS and not over_top:
            for e in usable:
                e.selected = True
            remaining -= need
            spent += need
            chosen += len(usable)
            if top is not None and chosen >= top:
                stopped = True
            continue
        if len(usable) > 1:
            # Tied dossiers that cannot all be taken: people decide, the walk stops.
            for e in usable:
                e.selected = None
                e.flags.append("tie-at-line")
            line = usable[0].rank
            stopped = True
            continue
        if over_top:
            for e in usable:
                e.selected = False
            line = usable[0].rank
            stopped = True
            continue
        lone = usable[0] if len(usable) == 1 else None
        if lone is not None and partial and _partial_ok(remaining, minimum):
            lone.selected = True
            lone.proposed = remaining
            lone.flags.append("partial-grant")
            spent += remaining
            remaining = 0.0
            line = lone.rank
            stopped = True
            continue
        if rule == "skip":
            for x in usable:
                x.selected = False
                x.flags.append("skipped-budget")
            if line is None:
                line = usable[0].rank
            continue
        for x in usable:
            x.selected = False
        line = usable[0].rank
        stopped = True
    if line is None and top is not None and chosen >= top:
        after = [e for e in ordered if e.selected is False]
        line = after[0].rank if after else None
    _reserve(ordered, reserve_n)
    return Walk(float(budget), spent, line,
                [e.id for e in ordered if e.selected], [e.id for e in ordered if e.reserve])


def _partial_ok(remaining: float, minimum: float | None) -> bool:
    return remaining > EPS and remaining + EPS >= (minimum or 0.0)


def walk_top(ordered: list[Entry], k: int, reserve_n: int) -> Walk:
    """Select the K first (any mode, no money), with the same tie rule as the budget walk."""
    walk = walk_budget(ordered, float("inf"), "rank-order", partial=False, minimum=None,
                       reserve_n=reserve_n, top=k, money=False)
    return Walk(None, 0.0, walk.line, walk.selected, walk.reserve)


def _reserve(ordered: list[Entry], n: int) -> None:
    count = 0
    for e in ordered:
        if count >= n:
            break
        if e.selected is False and e.selectable:
            e.reserve = True
            count += 1
