"""Ranking and ties (DESIGN.md, "Ranking, ties, funding line, reserve").

* rankable dossiers are ranked by their ordering key, best first, competition
  style (1, 2, 2, 4); scored totals within :data:`~isgrid.vocabulary.EPS` of each
  other are equal;
* equal keys go through the tie-break cascade; still equal: same rank, flag
  ``tie``;
* a dossier whose key equals the previous rank's (within EPS) and that the cascade
  put after it records the step that did (:attr:`Entry.parted_by`: the first
  tie-break whose values differ), the pipeline's flag ``tie-broken:<by>``.
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
    #: The tie-break (its index in the cascade) that put this entry after the previous
    #: rank at an equal key: the first whose values differ; None when the keys differ (or
    #: for the first).  Dossiers tied with each other share it.
    parted_by: int | None = None


def _key_cmp(a: tuple[float, ...], b: tuple[float, ...]) -> int:
    for x, y in zip(a, b, strict=True):
        if abs(x - y) > EPS:
            return -1 if x > y else 1
    return 0


def _tie_cmp(a: list[Any], b: list[Any], orders: list[str]) -> int:
    return _tie_step(a, b, orders)[1]


def _tie_step(a: list[Any], b: list[Any], orders: list[str]) -> tuple[int | None, int]:
    """The first tie-break whose values differ (its index, None when all are equal) and
    the order it gives (-1 when ``a`` comes first, 1 when ``b`` does, 0 when equal)."""
    for i, (x, y, order) in enumerate(zip(a, b, orders, strict=True)):
        if x is None and y is None:
            continue
        if x is None:
            return i, 1  # missing values go last
        if y is None:
            return i, -1
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
            return i, (1 if less else -1)
        return i, (-1 if less else 1)
    return None, 0


def _rough_tie(value: Any, desc: bool) -> tuple[Any, ...]:
    """A sort key close to :func:`_tie_cmp`'s order (exact values, no tolerance).

    Only a first pass: the comparison sort that follows has the last word.
    """
    if value is None:
        return (1,)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, 0, -value if desc else value)
    return (0, 1, "" if desc else str(value))


#: From this many entries the first pass is made by numpy (:class:`_Columns`); below, by
#: Python's sort (about even at a few hundred; a regional call has dozens).
_COLUMNS_FROM = 256
_EXACT = 2.0 ** 53  # integers beyond this have no exact float


class _Columns:
    """The ranking's first pass, made on columns: the order ``sorted(entries,
    key=rough)`` gives and the key comparison of neighbours, :func:`_key_cmp`'s.

    The same order, not an approximation of it: each rough key's parts (the keys
    rounded by Python's ``round``, then each tie-break's missing / number / text
    parts, then the id) become columns that compare as the Python values do
    (numbers as floats, texts and ids by their rank among the column's distinct
    texts), and ``numpy.lexsort`` orders by them; ids are distinct, so the order is
    total and any sort gives it.  Floats compare as Python's do: a value with no
    exact float (an integer beyond 2**53) or NaN, whose order Python's sort
    leaves to the input, makes :meth:`of` give up, and Python's sort is used.
    """

    __slots__ = ("entries", "keys", "sort_columns")

    def __init__(self, entries: list[Entry], keys: Any, sort_columns: list[Any]) -> None:
        self.entries = entries
        self.keys = keys
        self.sort_columns = sort_columns

    @classmethod
    def of(cls, entries: list[Entry], descs: list[bool]) -> _Columns | None:
        import numpy as np

        n = len(entries)
        width = len(entries[0].key)
        ties = len(descs)
        if not width or any(len(e.key) != width or len(e.tie_values) != ties
                            for e in entries):
            return None  # Python's passes, which refuse entries of other widths
        keys = np.empty((n, width), dtype=np.float64)
        rough: list[Any] = []  # the rough key's parts, most significant first
        for j in range(width):
            column = [e.key[j] for e in entries]
            if not _exact(column):
                return None
            keys[:, j] = column
            rough.append(_rounded(keys[:, j], column))
        for t, desc in enumerate(descs):
            values = [e.tie_values[t] for e in entries]
            missing = np.fromiter((v is None for v in values), bool, n)
            numeric = [isinstance(v, int | float) and not isinstance(v, bool) for v in values]
            numbers = [(-v if desc else v) if is_num else 0 for v, is_num in
                       zip(values, numeric, strict=True)]
            if not _exact(numbers):
                return None
            texts = ["" if desc or is_num or v is None else str(v)
                     for v, is_num in zip(values, numeric, strict=True)]
            # (1,) for a missing value, (0, 0, number), (0, 1, text): as _rough_tie
            text_part = ~missing & ~np.fromiter(numeric, bool, n)
            rough += [missing, text_part, np.array(numbers, dtype=np.float64), _ranks(texts)]
        rough.append(_positions([e.id for e in entries]))
        return cls(entries, keys, rough)

    def first_pass(self) -> tuple[list[Entry], list[int]]:
        """The entries in the first pass's order, and :func:`_key_cmp` of each with the
        next: the first key more than EPS apart decides (the same subtractions, so the
        same floats)."""
        import numpy as np

        order = np.lexsort(self.sort_columns[::-1])  # lexsort: the last column first
        keys = self.keys[order]
        a, b = keys[:-1], keys[1:]
        # as Python's float arithmetic, silently: inf - inf is NaN, never more than EPS
        # apart; keys a float's range apart overflow to inf, more than EPS apart
        with np.errstate(invalid="ignore", over="ignore"):
            apart = np.abs(a - b) > EPS
        first = np.argmax(apart, axis=1)
        rows = np.arange(len(first))
        sign = np.where(a[rows, first] > b[rows, first], -1, 1)
        cmps: list[int] = np.where(apart[rows, first], sign, 0).tolist()
        entries = self.entries
        return [entries[i] for i in order.tolist()], cmps


def _exact(values: list[Any]) -> bool:
    """Every value a float or an int that a float holds exactly, none NaN."""
    for v in values:
        if isinstance(v, float):  # numpy's floats too: they compare as Python's
            if v != v:
                return False
        elif not (isinstance(v, int) and -_EXACT <= v <= _EXACT):
            return False
    return True


def _ranks(texts: list[str]) -> Any:
    """Each text's rank among the distinct texts, in Python's order of strings."""
    import numpy as np

    rank_of = {t: i for i, t in enumerate(sorted(set(texts)))}
    return np.fromiter((rank_of[t] for t in texts), np.int64, len(texts))


def _positions(texts: list[str]) -> Any:
    """Each text's position in the texts sorted in Python's order, equal texts in their
    given order: the last column of the first pass (the ids), where it orders as
    :func:`_ranks` does (the stable sort keeps equal texts, which :func:`_ranks` gives one
    rank, in their given order; no column follows them), without the set and the dict
    (16,000 ids: 4.3 -> 2.7 ms)."""
    import numpy as np

    order = sorted(range(len(texts)), key=texts.__getitem__)
    positions = np.empty(len(texts), dtype=np.int64)
    positions[order] = np.arange(len(texts))
    return positions


#: keys whose millionths no float error can move across a half (:func:`_rounded`)
_ROUNDED_BELOW = 2.0 ** 40


def _rounded(keys: Any, column: list[Any]) -> Any:
    """``round(-k, 6)`` of each key, the very floats Python's ``round`` gives (the rough
    key of :func:`rank`'s first pass), made by numpy: 16,000 keys 5.7 -> 0.04 ms.

    Python rounds the exact value of ``-k`` times 10**6 to an integer (half to even) and
    gives the float nearest that integer divided by 10**6.  numpy's ``rint(-k * 1e6)``
    is that integer unless the product's float error moves it across a half: below
    :data:`_ROUNDED_BELOW` the error is under 2**-13, so only a product within 0.001 of a
    half can differ, and those keys (and the larger, infinite or NaN ones) are rounded by
    Python itself.  Dividing that integer (an exact float) by 1e6 is IEEE's correctly
    rounded division: the float nearest the quotient, as Python's.
    """
    import numpy as np

    with np.errstate(invalid="ignore", over="ignore"):
        scaled = -keys * 1e6
        out = np.rint(scaled) / 1e6
        # NaN compares False: infinite and NaN keys are Python's too
        exact = (np.abs(scaled) < _ROUNDED_BELOW) & (
            np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) > 1e-3)
    for i in np.flatnonzero(~exact).tolist():
        out[i] = round(-column[i], 6)
    return out


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
    """Sort and rank ``entries`` in place of a new list; set ``rank``, ``tie`` and
    ``parted_by``."""

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

    columns = _Columns.of(entries, descs) if len(entries) >= _COLUMNS_FROM else None
    key_cmps: Any
    if columns is None:
        ordered, key_cmps = sorted(entries, key=rough), itertools.repeat(None)
    else:
        ordered, key_cmps = columns.first_pass()
    same: list[bool] = []
    equal_keys: list[bool] = []  # each entry's key equal to the next one's (within EPS)
    # at an equal key, the tie-break that put the next one after it (_tie_step's, kept
    # from the check below for the ``parted_by`` loop; not after the comparison sort)
    steps: list[int | None] = []
    sorted_again = False
    # n - 1 comparisons when already in order
    for (a, b), kc in zip(itertools.pairwise(ordered), key_cmps, strict=False):
        if kc is None:
            kc = _key_cmp(a.key, b.key)
        step, tc = (None, 0) if kc else _tie_step(a.tie_values, b.tie_values, orders)
        if kc > 0 or (kc == 0 and tc > 0) or (kc == 0 and tc == 0 and a.id > b.id):
            ordered = sorted(ordered, key=functools.cmp_to_key(cmp))
            same = [equal(x, y) for x, y in itertools.pairwise(ordered)]
            equal_keys = [not _key_cmp(x.key, y.key) for x, y in itertools.pairwise(ordered)]
            sorted_again = True
            break
        same.append(kc == 0 and tc == 0)
        equal_keys.append(kc == 0)
        steps.append(step)
    for i, e in enumerate(ordered):
        e.parted_by = None
        if i > 0:
            prev = ordered[i - 1]
            if same[i - 1]:
                e.rank = prev.rank
                e.parted_by = prev.parted_by  # tied: parted from the rank above alike
                prev.tie = True
                e.tie = True
                continue
            if equal_keys[i - 1]:  # the cascade put it after the rank above: which step
                e.parted_by = (_tie_step(prev.tie_values, e.tie_values, orders)[0]
                               if sorted_again else steps[i - 1])
        e.rank = i + 1
    return ordered
