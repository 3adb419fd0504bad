"""The distinct cells of a call, and the flags read off the aggregate stage's matrices.

Between aggregate and judge (:mod:`.pipeline`): every cell's statistics grouped into the
few distinct cells a call has (one frozen :class:`~.result.Cell` each), the dossiers
whose cells lack a required consensus value, and the criteria whose ratings disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..vocabulary import EPS

MISSING = float("-inf")
#: the statistics of a cell, in the order the aggregate stage gives them
CELL_KEYS = ("value", "raw", "consensus", "n", "na", "min", "max", "spread")


def cell_groups(cs: Any, *, consensus_given: bool) -> tuple[Any, list[tuple[Any, ...]]]:
    """The distinct cells of the call: each cell's group (a numpy matrix, a row per
    dossier), and each group's statistics in the order of ``CELL_KEYS`` (missing as
    -inf, :func:`cell_value` reads it).

    Grouping the cells by the tuple of their eight statistics, one cell at a time,
    was the largest part of scoring a national call (500,000 cells, a few hundred
    distinct).  Each cell's statistics are laid out instead as one row of seven
    float64 (a missing one as -inf, -0.0 as 0.0, the counts as floats: equal values
    then have equal bits), and the rows are numbered by their bytes
    (:func:`first_seen_codes`): equal bytes exactly when equal statistics, no hash
    to check.  Groups are numbered in the order of their first cell (in dossier,
    then criterion order), and a group's statistics are those of its first cell, as
    the tuples would give.  The spread is ``max - min``: cells with the same bits of
    both have the same spread, so it is worked out for each group's first cell only.
    """
    import numpy as np

    n_d, n_c = cs.value.shape
    size = n_d * n_c
    if size == 0:
        return np.zeros((n_d, n_c), dtype=np.int64), []
    told = (cs.value, cs.raw, cs.consensus if consensus_given else None, cs.n, cs.na,
            cs.min, cs.max)
    rows = np.empty((size, len(told)), dtype=np.float64)  # a cell's statistics: a row
    for j, a in enumerate(told):
        column = rows[:, j]
        if a is None:
            column.fill(MISSING)
            continue
        np.add(a.reshape(size), 0.0, out=column, casting="unsafe")  # + 0.0: -0.0 is 0.0
        if np.asarray(a).dtype.kind == "f":  # (the counts have no NaN)
            column[np.isnan(column)] = MISSING
    group, first = first_seen_codes(rows)
    spread = (cs.max - cs.min).reshape(size)[first]
    spread[np.isnan(spread)] = MISSING
    keys = [(*k[:3], int(k[3]), int(k[4]), *k[5:], s)  # n and na are counts
            for k, s in zip(rows[first].tolist(), spread.tolist(), strict=True)]
    return group.reshape(n_d, n_c), keys


#: rows from which they are numbered by Arrow's hash table, not by a sort
_HASHED_FROM = 1 << 16


def first_seen_codes(keys: Any) -> tuple[Any, Any]:
    """Each distinct key numbered in the order of its first position, and each number's
    first position: ``np.unique(keys, return_index=True, return_inverse=True)``
    renumbered by first position, without its sort.  ``keys``: a uint64 array, or a
    C-contiguous matrix whose rows are the keys, compared by their bytes.

    A national call has 500,000 cells and a few hundred distinct ones: sorting them
    took 60 ms, Arrow's hash table (``dictionary_encode``, which numbers values as
    they first appear, comparing them exactly) a few (:func:`~isgrid.io.ratingsfile.
    arrow_call`: without importing ``pyarrow.compute``, 70 to 90 ms).  Arrow is
    already loaded for such a call (its ratings are read with it); a small call
    sorts, which costs less than importing it.  The numbering is the same either way
    (tests/engine/test_cell_groups.py).
    """
    import numpy as np

    keys = np.ascontiguousarray(keys)
    n = len(keys)
    width = keys.itemsize * (keys.shape[1] if keys.ndim == 2 else 1)
    if n >= _HASHED_FROM:
        import pyarrow as pa

        from ..io.ratingsfile import arrow_call, arrow_indices

        # from a buffer, not pa.array(keys): that imports pandas when installed (0.3 s)
        typ = pa.uint64() if keys.ndim == 1 else pa.binary(width)
        arr = pa.Array.from_buffers(typ, n, [None, pa.py_buffer(keys)])
        group = arrow_indices(arrow_call("dictionary_encode", arr).indices).astype(np.int64)
    else:
        flat = keys if keys.ndim == 1 else keys.view(np.dtype((np.void, width))).ravel()
        _, first_sorted, inverse = np.unique(flat, return_index=True, return_inverse=True)
        rank = np.empty(len(first_sorted), dtype=np.int64)  # sorted number -> seen number
        rank[np.argsort(first_sorted, kind="stable")] = np.arange(len(first_sorted))
        group = rank[inverse.ravel()]
    # a position holds its number's first key when no earlier position holds a number
    # as large: numbers are given in the order values first appear
    before = np.empty(n, dtype=np.int64)
    before[0] = -1
    np.maximum.accumulate(group[:-1], out=before[1:])
    return group, np.flatnonzero(group > before)


def cell_value(x: Any) -> Any:
    """One statistic as the result shows it: missing as None, 3.0 as 3."""
    if isinstance(x, float):
        if x == MISSING:
            return None
        if x.is_integer():
            return int(x)
    return x


def consensus_missing(cs: Any, criteria: Sequence[Any]) -> dict[int, list[str]]:
    """``require_consensus``: the criteria of each dossier that have no consensus value."""
    import numpy as np

    out: dict[int, list[str]] = {}
    if cs.consensus_missing is None:
        return out
    at_d, at_c = np.nonzero(cs.consensus_missing)
    for di, ci in zip(at_d.tolist(), at_c.tolist(), strict=True):
        out.setdefault(di, []).append(criteria[ci].id)
    return out


def disagreements(g: Any, scoring: list[Any], cols: list[int], cs: Any) -> dict[int, list[str]]:
    """``disagreement:<criterion>`` flags: two or more ratings spread over half the scale."""
    import numpy as np

    out: dict[int, list[str]] = {}
    hits = []
    # criterion by criterion, on views of the columns: the criteria at once (gathering
    # them) made three copies of the whole matrix, slower when few cells disagree
    for c, ci in zip(scoring, cols, strict=True):
        rng = g.scales[c.scale].max - g.scales[c.scale].min
        with np.errstate(invalid="ignore"):
            spread = cs.max[:, ci] - cs.min[:, ci]
            hit = (cs.n[:, ci] >= 2) & ~np.isnan(spread) & (spread >= rng / 2 - EPS)
        hits.append(hit)
    if not hits:
        return out
    names = [f"disagreement:{c.id}" for c in scoring]
    at_d, at_c = np.nonzero(np.stack(hits, axis=1))  # by dossier, then criterion
    if not len(at_d):
        return out
    flat = np.array(names, dtype=object)[at_c].tolist()  # the names, gathered by numpy
    # each dossier's flags are one run of ``flat``: sliced, not appended one by one
    rows, starts = np.unique(at_d, return_index=True)
    ends = [*starts[1:].tolist(), len(flat)]
    for di, start, end in zip(rows.tolist(), starts.tolist(), ends, strict=True):
        out[di] = flat[start:end]
    return out


__all__ = ["CELL_KEYS", "MISSING", "cell_groups", "cell_value", "consensus_missing",
           "disagreements", "first_seen_codes"]
