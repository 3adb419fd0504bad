"""Combining assessors for a whole call at once, by column (numpy).

One pass over the rating columns gives, for every (dossier, criterion) cell,
the usable count, the n/a count, min, max, and the aggregate.  The result
does not depend on the order of the rating rows (permuting rows or files gives
byte-identical results), and no Python object is created per rating: when every
value is a multiple of 2**-10 (halves and quarters of any scale people write)
sums are exact in any order and are taken without sorting; otherwise, and for
the median, values are sorted within each cell first.

This is the one place where the aggregators are (``tests/reference/``
re-implements them independently, and the tests compare the two): n/a, empty
cells and conflicted assessors never count; the mean; the
median of an even count is the lower middle value; the trimmed mean drops one
highest and one lowest rating from five ratings on; eliminatory criteria take
the minimum (any "non" is a finding).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..call.deports import conflict_pairs, conflicted_rows
from ..grid.model import Grid


@dataclass
class CellStats:
    """Per-cell statistics, each an array of shape (dossiers, criteria)."""

    n: Any
    na: Any
    min: Any
    max: Any
    raw: Any
    consensus: Any
    value: Any
    short: Any  # fewer usable ratings than min_ratings (and no consensus)
    excluded: dict[int, list[int]]  # dossier index -> conflicted assessor indices
    #: ``require_consensus``: the cell needs a consensus value and has none (its value
    #: is then missing: the experts' mean never stands in for the committee's)
    consensus_missing: Any = None


@dataclass(frozen=True)
class RatingCounts:
    """What the ratings given count for: the call's totals and each assessor's dossiers.

    A rating is *given* when it holds a value or an explicit n/a (NE); the other rows
    are empty cells.  ``excluded`` counts the ratings given under a déport
    (:func:`conflicted_rows`: never counted, an NE there included); ``na`` the other NE
    (:func:`cell_stats`' ``na``).  The aggregate reads the ``given - na - excluded``
    others (:func:`cell_stats`' ``n``, summed).
    """

    given: int
    na: int
    excluded: int
    #: assessor id -> the dossiers where they gave a rating that is not excluded
    rated: dict[str, int]
    #: assessor id -> the dossiers where they gave ratings that are excluded (déports)
    rated_excluded: dict[str, int]


def rating_counts(table: Any, conflicts: set[tuple[int, int]]) -> RatingCounts:
    """The :class:`RatingCounts` of ``table`` under the déports ``conflicts``
    ((assessor, dossier) index pairs, :func:`conflict_pairs`)."""
    given = np.asarray(table.given_mask(), dtype=bool)
    conflicted = conflicted_rows(table, conflicts)
    counted = given & ~conflicted
    excluded = given & conflicted
    d = np.asarray(table.dossier, dtype=np.int64)
    a = np.asarray(table.assessor, dtype=np.int64)
    n_d = max(len(table.dossier_ids), 1)

    n_a = max(len(table.assessor_ids), 1)

    def per_assessor(keep: Any) -> dict[str, int]:
        if not keep.any():
            return {}
        # the (assessor, dossier) pairs present, marked in a table of every pair (a few
        # MB for hundreds of jurors and 20,000 dossiers): no sort of millions of rows
        seen = np.zeros(n_a * n_d, dtype=bool)
        seen[a[keep] * n_d + d[keep]] = True
        counts = np.count_nonzero(seen.reshape(n_a, n_d), axis=1)
        return {table.assessor_ids[i]: n for i, n in enumerate(counts.tolist()) if n}

    return RatingCounts(
        given=int(np.count_nonzero(given)),
        na=int(np.count_nonzero(np.asarray(table.na, dtype=bool) & counted)),
        excluded=int(np.count_nonzero(excluded)),
        rated=per_assessor(counted), rated_excluded=per_assessor(excluded))


def counts_of(call: Any) -> RatingCounts:
    """The :class:`RatingCounts` of a loaded call under its déports (``call check``'s
    summary, the committee report's jury)."""
    return rating_counts(call.table, conflict_pairs(call.table, call.config.conflicts))


def cell_stats(table: Any, grid: Grid, how: str,
               conflicts: set[tuple[int, int]],
               consensus: dict[tuple[int, int], float | None],
               min_ratings: int | None, require_consensus: bool = False, *,
               extremes: bool = True) -> CellStats:
    """Statistics of every cell. ``conflicts``: (assessor, dossier) index pairs.

    ``require_consensus``: every counting (not eliminatory) criterion takes its
    consensus value only; without one the cell's value is missing.
    ``extremes=False``: ``min`` and ``max`` are left missing when the value does not
    read them (the mean, no eliminatory criterion): sensitivity's draws ask only for
    the values, a thousand times.
    """
    n_d = len(table.dossier_ids)
    n_c = len(table.criterion_ids)
    size = n_d * n_c
    d = np.asarray(table.dossier)  # int32 or int64 indices (call.ratings.INDEX)
    a = np.asarray(table.assessor)
    c = np.asarray(table.criterion)
    v = np.asarray(table.value, dtype=np.float64)
    na = np.asarray(table.na, dtype=bool)
    conflicted = conflicted_rows(table, conflicts)
    has_value = ~np.isnan(v)
    usable = has_value & ~na & ~conflicted
    g = d.astype(np.int64)  # each rating's cell, in int64, in place: one array
    g *= n_c
    g += c
    na_count = (np.bincount(g[na & ~conflicted], minlength=size).astype(np.int64)
                if na.any() else np.zeros(size, dtype=np.int64))
    known = getattr(table, "distinct_values", None)  # a dozen values, not millions
    spare = 0  # 1: the rows that do not count are in one more cell, past the call's
    if usable.all():  # the analyses' blocks hold usable rows only: no copies of them
        gu, vu = g, v
    elif how != "median" and known is not None:
        # The rows that do not count (no value, n/a, a déport: a few percent) are put in
        # one more cell, numbered ``size``, that the sums and extremes below fill and
        # drop: every row read in place, where copying the 2 M usable rows of a national
        # call out of the rest cost more than the sums (docs/performance.md, thirty-sixth
        # pass).  Each cell's rows are read in the same order as the copy's.
        g[~usable] = size
        gu, vu, spare = g, v, 1
    else:
        gu, vu = g[usable], v[usable]
    bins = size + spare
    count = np.bincount(gu, minlength=bins)[:size].astype(np.int64)
    has = count > 0
    nan = np.full(size, np.nan)
    elim = np.array([crit.eliminatory for crit in grid.criteria()], dtype=bool)
    if how != "median" and _sums_exact(
            vu if known is None else np.fromiter(known, np.float64, len(known)), count):
        # Every partial sum is exact, so the order of summation cannot matter:
        # no sort needed (the sorted sum below gives the very same numbers).
        total = np.bincount(gu, weights=vu, minlength=bins)[:size].astype(np.float64,
                                                                          copy=False)
        if extremes or how != "mean" or elim.any():
            mn = np.full(bins, np.inf)
            mx = np.full(bins, -np.inf)
            with np.errstate(invalid="ignore"):  # NaN: only the spare cell's rows have it
                np.minimum.at(mn, gu, vu)
                np.maximum.at(mx, gu, vu)
            mn, mx = mn[:size], mx[:size]
            mn[~has] = mx[~has] = np.nan
        else:  # nothing reads them (the docstring)
            mn = mx = nan
        total[~has] = np.nan
        med = nan
    else:
        if spare:  # the sorted statistics read the usable rows alone
            gu, vu = g[usable], v[usable]
        mn, mx, med, total = _sorted_stats(gu, vu, count, has, size)
    stats = _cells(count, total, mn, mx, med, elim, n_d, how, consensus, min_ratings,
                   require_consensus)
    excluded: dict[int, list[int]] = {}
    mask = conflicted & (has_value | na)
    if mask.any():
        pairs = sorted(set(zip(d[mask].tolist(), a[mask].tolist(), strict=True)))
        for di, ai in pairs:
            excluded.setdefault(di, []).append(ai)
    return _shaped(n_d, n_c, count, na_count, mn, mx, *stats, excluded)


def _shaped(n_d: int, n_c: int, count: Any, na_count: Any, mn: Any, mx: Any, raw: Any,
            cons: Any, value_arr: Any, short: Any, cons_missing: Any,
            excluded: dict[int, list[int]]) -> CellStats:
    shape = (n_d, n_c)
    return CellStats(count.reshape(shape), na_count.reshape(shape), mn.reshape(shape),
                     mx.reshape(shape), raw.reshape(shape), cons.reshape(shape),
                     value_arr.reshape(shape), short.reshape(shape), excluded,
                     None if cons_missing is None else cons_missing.reshape(shape))


def _cells(count: Any, total: Any, mn: Any, mx: Any, med: Any, elim: Any, n_d: int, how: str,
           consensus: dict[tuple[int, int], float | None], min_ratings: int | None,
           require_consensus: bool) -> tuple[Any, Any, Any, Any, Any]:
    """From each cell's count, sum, min, max and lower median (flat arrays): the
    aggregate, the raw value (eliminatory criteria: the minimum), the consensus values,
    the value, too few ratings, and the cells missing their consensus.  The rules of
    the module docstring, for the rating rows and the raters' rows alike."""
    n_c = len(elim)
    size = len(count)
    nan = np.full(size, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        if how == "median":  # only the aggregator asked for (a thousand draws)
            agg = med
        elif how == "mean":
            agg = total / count
        elif how == "trimmed-mean":
            mean = total / count
            agg = np.where(count >= 5, (total - mn - mx) / (count - 2), mean)
        else:
            raise KeyError(how)
    raw = np.where(np.tile(elim, n_d), mn, agg) if n_c and elim.any() else agg
    cons = nan.copy()
    for (di, ci), value in consensus.items():
        if value is not None:
            cons[di * n_c + ci] = value
    value_arr = np.where(np.isnan(cons), raw, cons)
    cons_missing = None
    if require_consensus:
        cons_missing = np.isnan(cons) & np.tile(~elim, n_d) if n_c else np.isnan(cons)
        value_arr = np.where(cons_missing, np.nan, value_arr)
    if min_ratings:
        short = (count < min_ratings) & np.isnan(cons)
        value_arr = np.where(short, np.nan, value_arr)
    else:
        short = np.zeros(size, dtype=bool)
    return raw, cons, value_arr, short, cons_missing


def fact_columns(grid: Grid, facts: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    """The criteria whose value is a dossier fact (``from_fact``,
    :mod:`isgrid.grid.fromfact`): (the criterion's column, each dossier's value), the
    fact's number as it is (88.33 stays 88.33), NaN where the dossier does not give it.
    ``facts``: each dossier's facts, in the table's dossier order."""
    from ..grid.facts import fact_value

    return [(ci, np.array([_number(fact_value(f, c.from_fact)) for f in facts],
                          dtype=np.float64))
            for ci, c in enumerate(grid.criteria()) if c.from_fact is not None]


def with_facts(cs: CellStats, columns: list[tuple[int, Any]], origin: Any = None
               ) -> CellStats:
    """``cs`` (in place) with the :func:`fact_columns` put in: the one place the value of
    a criterion read from a fact is made, every reader of the cells (the total, the
    ranking, the analyses' draws, the documents) reads it here.  Never a rating: no
    count, no spread, never « too few ratings » nor « consensus missing ».  ``origin``:
    the dossier each row of ``cs`` stands for (the analyses' blocks); None, row k is
    dossier k."""
    if not columns or not cs.value.size:
        return cs
    for ci, column in columns:
        values = column if origin is None else column[np.asarray(origin, dtype=np.int64)]
        cs.value[:, ci] = values
        cs.raw[:, ci] = values
        cs.short[:, ci] = False
        if cs.consensus_missing is not None:
            cs.consensus_missing[:, ci] = False
    return cs


def _number(v: Any) -> float:
    """A fact's value as a float; NaN when it is missing or not a number."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return float("nan")
    return float(v)


@dataclass(frozen=True)
class RaterRows:
    """Rating rows summed by rater: one row per (dossier, assessor) group, over every
    criterion of the call, of what :func:`cell_stats` reads (sum and count; min and max
    when the value reads them).

    Sensitivity's draws resample each dossier's raters a thousand times.  Gathering
    the chosen raters' rows of this (a few per dossier) and adding them up by dossier
    touches each rating once per draw; gathering their rating rows and aggregating
    those touched each one about ten times.  The sums are the same numbers: they are
    only taken this way when every order of summation gives the same float
    (:func:`_sums_exact`), and otherwise the caller aggregates the rating rows.
    """

    total: Any  # float64 (groups, criteria): each criterion's sum
    count: Any  # uint8 (int64 past 255) (groups, criteria): each criterion's count
    low: Any  # float64 (groups, criteria), +inf where the rater has no rating; or None
    high: Any  # float64 (groups, criteria), -inf where none; or None
    values: Any  # float64: the values summed, or a set that holds them all


def rater_rows(group: Any, criterion: Any, value: Any, n_groups: int, grid: Grid, how: str,
               distinct: Iterable[float] | None = None) -> RaterRows | None:
    """Usable rating rows (no n/a, no empty value, no déport) summed by their ``group``
    (0 .. ``n_groups`` - 1); None where the sums could depend on their order (values
    that are not multiples of 2**-10) or the value needs each rating (the median)."""
    if how == "median":
        return None
    elim = np.array([crit.eliminatory for crit in grid.criteria()], dtype=bool)
    n_c = len(elim)
    known = (np.asarray(value, dtype=np.float64) if distinct is None
             else np.fromiter(distinct, np.float64))
    if not _sums_exact(known, np.ones(1, dtype=np.int64)):
        return None
    g = np.asarray(group, dtype=np.int64) * n_c + np.asarray(criterion, dtype=np.int64)
    size = n_groups * n_c
    total = np.bincount(g, weights=value, minlength=size).reshape(n_groups, n_c)
    count = np.bincount(g, minlength=size).reshape(n_groups, n_c)
    if not count.size or count.max() < 256:  # a rater rates a cell once: a byte is enough
        count = count.astype(np.uint8)
    low: Any = None
    high: Any = None
    if how != "mean" or elim.any():
        low = np.full(size, np.inf)
        np.minimum.at(low, g, value)
        high = np.full(size, -np.inf)
        np.maximum.at(high, g, value)
        low, high = low.reshape(n_groups, n_c), high.reshape(n_groups, n_c)
    return RaterRows(total, count, low, high, known)


def rater_stats(rr: RaterRows, chosen: Any, owner: Any, n_d: int, grid: Grid, how: str,
                consensus: dict[tuple[int, int], float | None], min_ratings: int | None,
                require_consensus: bool = False) -> CellStats | None:
    """:func:`cell_stats` (``extremes=False``, no déports left) of the rating rows of
    the groups ``chosen``, group ``chosen[k]`` counting for dossier ``owner[k]`` of a
    block of ``n_d`` dossiers (``owner`` ascending; a group may be chosen twice).
    The same statistics as the rows would give; None when a sum could depend on its
    order (:func:`_sums_exact` with these counts): the caller aggregates the rows."""
    elim = np.array([crit.eliminatory for crit in grid.criteria()], dtype=bool)
    n_c = len(elim)
    chosen = np.asarray(chosen, dtype=np.int64)
    owner = np.asarray(owner, dtype=np.int64)
    extremes = rr.low is not None
    total: Any = np.zeros((n_d, n_c))
    count: Any = np.zeros((n_d, n_c), dtype=np.int64)
    mn: Any = np.full((n_d, n_c), np.inf if extremes else np.nan)
    mx: Any = np.full((n_d, n_c), -np.inf) if extremes else mn
    # Step j adds the j-th chosen group of every block row that has one: whole-array
    # steps, as many as the most raters of a dossier.  (A reduceat over hundreds of
    # thousands of short segments, or a sum over a middle axis of a few raters, costs
    # three to ten times more; np.take is twice as fast as [] here.)
    per_row = np.bincount(owner, minlength=n_d)
    start = np.concatenate(([0], np.cumsum(per_row)[:-1]))
    for j in range(int(per_row.max()) if n_d else 0):
        if j < per_row.min():
            at: Any = slice(None)
            pick = chosen[start + j]
        else:
            at = np.flatnonzero(per_row > j)
            pick = chosen[start[at] + j]
        total[at] += np.take(rr.total, pick, axis=0)
        count[at] += np.take(rr.count, pick, axis=0)
        if extremes:
            mn[at] = np.minimum(mn[at], np.take(rr.low, pick, axis=0))
            mx[at] = np.maximum(mx[at], np.take(rr.high, pick, axis=0))
    if not _sums_exact(rr.values, count):
        return None
    count, total, mn, mx = count.ravel(), total.ravel(), mn.ravel(), mx.ravel()
    has = count > 0
    total[~has] = np.nan
    if extremes:
        mn[~has] = mx[~has] = np.nan
    stats = _cells(count, total, mn, mx, np.full(n_d * n_c, np.nan), elim, n_d, how,
                   consensus, min_ratings, require_consensus)
    return _shaped(n_d, n_c, count, np.zeros(n_d * n_c, dtype=np.int64), mn, mx, *stats, {})


#: Values are checked to be multiples of 2**-EXACT_BITS (halves, quarters... of
#: any scale people write) before sums are taken in any order.
EXACT_BITS = 10


def _sums_exact(values: Any, count: Any) -> bool:
    """True when summing these values in any order gives the same float.

    ``values``: the values summed, or any set that holds them all.

    Multiples of 2**-10 whose sums stay below 2**43 are added without rounding
    (float64 has 53 bits), so every order gives the exact sum.
    """
    if not len(values) or not count.size:  # nothing is summed
        return True
    chunk = 1 << 18  # a small reused buffer: new large temporaries cost more than the math
    buf = np.empty(min(chunk, len(values)))
    for start in range(0, len(values), chunk):
        part = buf[:len(values[start:start + chunk])]
        np.multiply(values[start:start + chunk], 1 << EXACT_BITS, out=part)
        np.mod(part, 1.0, out=part)
        if part.any():
            return False
    bound = float(np.abs(values).max()) * float(count.max()) * (1 << EXACT_BITS)
    return bound < 2.0 ** 53


def _sorted_stats(gu: Any, vu: Any, count: Any, has: Any,
                  size: int) -> tuple[Any, Any, Any, Any]:
    """min, max, lower median and sum of each cell, values sorted within the cell."""
    order = np.lexsort((vu, gu))
    vs = vu[order]
    start = np.zeros(size, dtype=np.int64)
    if size:
        start[1:] = np.cumsum(count)[:-1]
    nan = np.full(size, np.nan)
    mn, mx, med, total = nan.copy(), nan.copy(), nan.copy(), nan.copy()
    if has.any():
        idx = start[has]
        cnt = count[has]
        mn[has] = vs[idx]
        mx[has] = vs[idx + cnt - 1]
        med[has] = vs[idx + (cnt - 1) // 2]
        total[has] = np.add.reduceat(vs, idx)
    return mn, mx, med, total
