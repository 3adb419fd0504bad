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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..vocabulary import EPS, NUMBER_TYPES


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


def _tie_cmp(a: Sequence[Any], b: Sequence[Any], orders: list[str]) -> int:
    return _tie_step(a, b, orders)[1]


def _tie_step(a: Sequence[Any], b: Sequence[Any], orders: list[str]
              ) -> tuple[int | None, int]:
    """The first tie-break whose values differ (its index, None when all are equal) and
    the order it gives (-1 when ``a`` comes first, 1 when ``b`` does, 0 when equal)."""
    for i, (x, y, order) in enumerate(zip(a, b, orders, strict=True)):
        if x is None and y is None:
            continue
        if x is None:
            return i, 1  # missing values go last
        if y is None:
            return i, -1
        if isinstance(x, NUMBER_TYPES) and isinstance(y, NUMBER_TYPES):
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
    if isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
        return (0, 0, -value if desc else value)
    return (0, 1, "" if desc else str(value))


#: From this many entries the first pass is made by numpy (:class:`_Columns`); below, by
#: Python's sort (about even at a few hundred; a regional call has dozens).
_COLUMNS_FROM = 256
_EXACT = 2.0 ** 53  # integers beyond this have no exact float


class _Columns:
    """The ranking's first pass, made on columns: the order ``sorted(range(n), key=rough)``
    gives (:func:`rank_columns`) and the key comparison of neighbours, :func:`_key_cmp`'s.

    The same order, not an approximation of it: each rough key's parts (the keys
    rounded by Python's ``round``, then each tie-break's missing / number / text
    parts, then the id) become columns that compare as the Python values do
    (numbers as floats, texts and ids by their rank among the column's distinct
    texts), and ``numpy.lexsort`` orders by them; ids are distinct, so the order is
    total and any sort gives it.  Floats compare as Python's do: a value with no
    exact float (an integer beyond 2**53) or NaN, whose order Python's sort
    leaves to the input, makes :meth:`of` give up, and Python's sort is used.
    """

    __slots__ = ("keys", "sort_columns")

    def __init__(self, keys: Any, sort_columns: list[Any]) -> None:
        self.keys = keys
        self.sort_columns = sort_columns

    @classmethod
    def of(cls, ids: Sequence[str], keys: Sequence[tuple[float, ...]],
           ties: Sequence[Sequence[Any]], descs: list[bool]) -> _Columns | None:
        import numpy as np

        n = len(ids)
        width = len(keys[0])
        if not width or set(map(len, keys)) != {width}:
            return None  # Python's passes, which refuse keys of other widths
        matrix = np.empty((n, width), dtype=np.float64)
        rough: list[Any] = []  # the rough key's parts, most significant first
        for j in range(width):
            column = [k[j] for k in keys]
            if not _exact(column):
                return None
            matrix[:, j] = column
            rough.append(_rounded(matrix[:, j], column))
        for values, desc in zip(ties, descs, strict=True):
            missing = np.fromiter((v is None for v in values), bool, n)
            numeric = [isinstance(v, NUMBER_TYPES) and not isinstance(v, bool) for v in values]
            numbers = [(-v if desc else v) if is_num else 0 for v, is_num in
                       zip(values, numeric, strict=True)] if any(numeric) else []
            if numbers and not _exact(numbers):
                return None
            texts = ["" if desc or is_num or v is None else str(v)
                     for v, is_num in zip(values, numeric, strict=True)]
            # (1,) for a missing value, (0, 0, number), (0, 1, text): as _rough_tie
            text_part = ~missing & ~np.fromiter(numeric, bool, n)
            rough += [missing, text_part, np.array(numbers, dtype=np.float64) if numbers
                      else np.zeros(n), _ranks(texts)]
        rough.append(_positions(list(ids)))
        return cls(matrix, rough)

    def first_pass(self) -> tuple[list[int], Any]:
        """The positions in the first pass's order, and :func:`_key_cmp` of each with the
        next (an array): the first key more than EPS apart decides (the same
        subtractions, so the same floats)."""
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
        return order.tolist(), np.where(apart[rows, first], sign, 0)


def _exact(values: list[Any]) -> bool:
    """Every value a float or an int that a float holds exactly, none NaN."""
    if set(map(type, values)) <= {float}:  # a column of totals: NaN is all to look for
        import numpy as np

        return not np.isnan(np.array(values, dtype=np.float64)).any()
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
    return _compare(a.key, a.tie_values, a.id, b.key, b.tie_values, b.id, orders)


def _compare(key_a: tuple[float, ...], ties_a: Sequence[Any], id_a: str,
             key_b: tuple[float, ...], ties_b: Sequence[Any], id_b: str, orders: list[str]
             ) -> tuple[int, bool]:
    c = _key_cmp(key_a, key_b)
    if c:
        return c, False
    c = _tie_cmp(ties_a, ties_b, orders)
    if c:
        return c, False
    return (-1 if id_a < id_b else (1 if id_a > id_b else 0)), True


@dataclass(frozen=True, slots=True)
class Ranked:
    """:func:`rank_columns`' answer, each list in the ranking's order: the positions of
    the dossiers ranked (in the columns given), their ranks, whether each shares its rank
    (``tie``) and the tie-break that parted it from the rank above (:attr:`Entry.parted_by`)."""

    order: list[int]
    rank: list[int]
    tie: list[bool]
    parted_by: list[int | None]


def rank(entries: list[Entry], orders: list[str]) -> list[Entry]:
    """Sort and rank ``entries`` in place of a new list; set ``rank``, ``tie`` and
    ``parted_by`` (:func:`rank_columns` on their columns)."""
    rows = [e.tie_values for e in entries]
    if rows and set(map(len, rows)) != {len(orders)}:
        raise ValueError("each entry has one tie value per tie-break")
    ranked = rank_columns([e.id for e in entries], [e.key for e in entries],
                          [[row[t] for row in rows] for t in range(len(orders))], orders,
                          rows=rows)
    out: list[Entry] = []
    for i, r, tie, parted in zip(ranked.order, ranked.rank, ranked.tie, ranked.parted_by,
                                 strict=True):
        e = entries[i]
        e.rank, e.tie, e.parted_by = r, tie, parted
        out.append(e)
    return out


def rank_columns(ids: Sequence[str], keys: Sequence[tuple[float, ...]],
                 ties: Sequence[Sequence[Any]], orders: list[str], *,
                 rows: Sequence[Sequence[Any]] | None = None) -> Ranked:
    """The ranking of the dossiers ``ids`` (distinct) by their ordering ``keys``, best
    first, then by the tie-breaks' values (``ties``: one column per tie-break of
    ``orders``), then by id: the one rule, :func:`compare`'s order.

    Sorting by plain keys first usually gives that order already, checked pair by pair
    (on columns, :class:`_Columns`, for a national call: only the neighbours whose keys
    are within EPS are compared in Python); otherwise the comparison sort has the last
    word, with little left to do.  The order is the comparison's own, whatever the
    input order (ids break every tie).  ``rows``: each dossier's tie values, when the
    caller has them (:func:`rank`'s entries); else read from ``ties`` when compared."""
    n = len(ids)
    descs = [o == "desc" for o in orders]

    tie_row: Callable[[int], Sequence[Any]]
    if rows is not None:
        tie_row = rows.__getitem__
    elif len(ties) == 1:  # the usual cascade: one tie-break (a date, a section)
        only = ties[0]

        def tie_row(i: int) -> Sequence[Any]:
            return (only[i],)
    else:
        def tie_row(i: int) -> Sequence[Any]:
            return [column[i] for column in ties]

    def cmp(a: int, b: int) -> int:
        return _compare(keys[a], tie_row(a), ids[a], keys[b], tie_row(b), ids[b], orders)[0]

    def check(a: int, b: int) -> tuple[int | None, bool] | None:
        """The pair (a, b) of the first pass, their keys equal (within EPS): the tie-break
        that parted them (None: none did), and whether they share a rank; None when the
        pair is out of the comparison's order."""
        step, tc = _tie_step(tie_row(a), tie_row(b), orders)
        if tc > 0 or (tc == 0 and ids[a] > ids[b]):
            return None
        return step, tc == 0

    columns = _Columns.of(ids, keys, ties, descs) if n >= _COLUMNS_FROM else None
    order: list[int]
    kcs: list[int]  # each one's key against the next one's (_key_cmp)
    if columns is None:
        def rough(i: int) -> tuple[Any, ...]:
            # keys rounded well above EPS, so that totals equal within EPS usually
            # fall together and the tie-breaks order them, as cmp does.  round(x, 6) it
            # stays, though a floor would be faster: where totals chain within EPS of
            # each other (a near b, b near c, a not near c) the comparison is not
            # transitive and the order found depends on this first pass; another
            # rounding would rank such calls differently from earlier versions
            return ([round(-k, 6) for k in keys[i]],
                    [_rough_tie(v, d) for v, d in zip(tie_row(i), descs, strict=True)],
                    ids[i])

        order = sorted(range(n), key=rough)
        kcs = [_key_cmp(keys[a], keys[b]) for a, b in itertools.pairwise(order)]
    else:
        order, kc_column = columns.first_pass()
        kcs = kc_column.tolist()
    # pairs more than EPS apart are in order exactly when the first is higher (kc -1):
    # only the others, at an equal key, are compared here (a national call's few)
    in_order = 1 not in kcs
    equal_keys = [kc == 0 for kc in kcs]  # each one's key equal to the next one's
    same = [False] * len(kcs)  # each one's key and tie values equal to the next one's
    # at an equal key, the tie-break that put the next one after it (_tie_step's, kept
    # from the check below for the ``parted_by`` loop; not after the comparison sort)
    steps: list[int | None] = [None] * len(kcs)
    for k in [k for k, equal in enumerate(equal_keys) if equal] if in_order else ():
        found = check(order[k], order[k + 1])
        if found is None:
            in_order = False
            break
        steps[k], same[k] = found
    if not in_order:
        order = sorted(order, key=functools.cmp_to_key(cmp))
        same = [_compare(keys[a], tie_row(a), ids[a], keys[b], tie_row(b), ids[b], orders)[1]
                for a, b in itertools.pairwise(order)]
        equal_keys = [not _key_cmp(keys[a], keys[b]) for a, b in itertools.pairwise(order)]
    ranks: list[int] = []
    tie = [False] * n
    parted_by: list[int | None] = []
    for i in range(n):
        if i and same[i - 1]:
            ranks.append(ranks[-1])
            parted_by.append(parted_by[-1])  # tied: parted from the rank above alike
            tie[i - 1] = tie[i] = True
            continue
        if i and equal_keys[i - 1]:  # the cascade put it after the rank above: which step
            parted_by.append(steps[i - 1] if in_order else
                             _tie_step(tie_row(order[i - 1]), tie_row(order[i]), orders)[0])
        else:
            parted_by.append(None)
        ranks.append(i + 1)
    return Ranked(order, ranks, tie, parted_by)
