"""Ranking and ties (DESIGN.md, "Ranking, ties, funding line, reserve").

* rankable dossiers are ranked by their ordering key, best first, competition
  style (1, 2, 2, 4); scored totals within :data:`~isgrid.vocabulary.EPS` of each
  other are equal;
* equal keys go through the tie-break cascade; still equal: same rank, flag
  ``tie``.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

from ..vocabulary import EPS


@dataclass(slots=True)
class Entry:
    """A rankable dossier as the ranking sees it."""

    id: str
    key: tuple[float, ...]  # higher is better, compared element-wise with EPS
    tie_values: list[Any]  # one value (or None when missing) per tie-break
    rank: int | None = None
    tie: bool = False


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


def _rough_tie(value: Any, desc: bool) -> tuple[Any, ...]:
    """A sort key close to :func:`_tie_cmp`'s order (exact values, no tolerance).

    Only a first pass: the comparison sort that follows has the last word.
    """
    if value is None:
        return (1,)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, 0, -value if desc else value)
    return (0, 1, "" if desc else str(value))


def compare(a: Entry, b: Entry, orders: list[str]) -> tuple[int, bool]:
    """The ranking's order of two entries: (-1 when ``a`` comes first, 1 when ``b`` does,
    0 for the same id; whether they share a rank).  :func:`rank` sorts by it."""
    c = _key_cmp(a.key, b.key)
    if c:
        return c, False
    c = _tie_cmp(a.tie_values, b.tie_values, orders)
    if c:
        return c, False
    return (-1 if a.id < b.id else (1 if a.id > b.id else 0)), True


def rank(entries: list[Entry], orders: list[str]) -> list[Entry]:
    """Sort and rank ``entries`` in place of a new list; set ``rank`` and ``tie``."""

    def cmp(a: Entry, b: Entry) -> int:
        return compare(a, b, orders)[0]

    # Sorting by plain keys first usually gives cmp's order already (checked
    # pair by pair); otherwise the comparison sort has the last word, with
    # little left to do.  The order is cmp's own, whatever the input order
    # (ids break every tie).
    descs = [o == "desc" for o in orders]

    def rough(e: Entry) -> tuple[Any, ...]:
        # keys rounded well above EPS, so that totals equal within EPS usually
        # fall together and the tie-breaks order them, as cmp does.  round(x, 6) it
        # stays, though a floor would be faster: where totals chain within EPS of each
        # other (a near b, b near c, a not near c) the comparison is not transitive and
        # the order found depends on this first pass; another rounding would rank such
        # calls differently from earlier versions
        ties = [_rough_tie(v, d) for v, d in zip(e.tie_values, descs, strict=True)]
        return ([round(-k, 6) for k in e.key], ties, e.id)

    def equal(a: Entry, b: Entry) -> bool:
        """Same key and same tie-break values: the same rank."""
        return compare(a, b, orders)[1]

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
    return ordered
