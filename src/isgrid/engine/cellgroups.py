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


#: cells hashed at once by :func:`_hashes`: a block of every column stays in the cache
_HASH_BLOCK = 1 << 15


def _mix(h: Any, column: Any, tmp: Any) -> None:
    """A column's 64 bits mixed into the hashes ``h`` (splitmix64's finaliser), in place
    (``tmp``: a buffer of ``h``'s size)."""
    import numpy as np

    np.add(column, 0.0, out=tmp.view(np.float64))  # + 0.0: -0.0 is 0.0
    h ^= tmp
    for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB), (31, None)):
        np.right_shift(h, np.uint64(shift), out=tmp)
        h ^= tmp
        if factor is not None:
            h *= np.uint64(factor)


def _hashes(columns: Sequence[Any], n: int) -> Any:
    """A 64-bit hash of each cell's statistics (``columns``: float64, ``n`` cells each).

    Block by block (every column mixed into a block's hashes before the next block): a
    national call's 500,000 cells are seven columns of 4 MB, each mixed in nine passes;
    a block of all of them stays in the processor's cache, where column after column
    went through memory each pass (44 -> 33 ms: docs/performance.md, thirty-sixth pass).
    The hashes are the same."""
    import numpy as np

    h = np.zeros(n, dtype=np.uint64)
    tmp = np.empty(min(n, _HASH_BLOCK), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, n, _HASH_BLOCK):
            end = min(n, start + _HASH_BLOCK)
            for a in columns:
                _mix(h[start:end], a[start:end], tmp[:end - start])
    return h


def cell_groups(cs: Any, *, consensus_given: bool) -> tuple[Any, list[tuple[Any, ...]]]:
    """The distinct cells of the call: each cell's group (a numpy matrix, a row per
    dossier), and each group's statistics in the order of ``_CELL_KEYS`` (missing as
    -inf, :func:`cell_value` reads it).

    Grouping the cells by the tuple of their eight statistics, one cell at a time,
    was the largest part of scoring a national call (500,000 cells, a few hundred
    distinct).  They are grouped instead by a 64-bit hash of the statistics' bits,
    computed on the columns (:func:`_hashes`), and every cell is then checked equal to its group's
    first cell; if two different cells ever shared a hash, the grouping is done
    again by exact tuples.  The check, not the hash's quality, makes it exact.
    Groups are numbered in the order of their first cell (in dossier, then criterion
    order), and a group's statistics are those of its first cell, as the tuples would
    give.  The spread is ``max - min``: cells with the same bits of both have the same
    spread, so it is neither hashed nor checked.
    """
    import numpy as np

    n_d, n_c = cs.value.shape
    missing = np.full((n_d, n_c), MISSING)
    columns = [np.where(np.isnan(a), MISSING, a).ravel() for a in (
        cs.value, cs.raw, cs.consensus if consensus_given else missing)]
    columns += [np.asarray(cs.n, dtype=np.float64).ravel(),
                np.asarray(cs.na, dtype=np.float64).ravel()]
    columns += [np.where(np.isnan(a), MISSING, a).ravel() for a in (
        cs.min, cs.max, cs.max - cs.min)]

    def typed(key: tuple[float, ...]) -> tuple[Any, ...]:
        return (*key[:3], int(key[3]), int(key[4]), *key[5:])  # n and na are counts

    if n_d * n_c == 0:
        return np.zeros((n_d, n_c), dtype=np.int64), []
    told = columns[:-1]  # the spread is max - min (docstring)
    group, first = first_seen_codes(_hashes(told, n_d * n_c))
    if all(np.array_equal(a, a[first][group]) for a in told):
        keys = zip(*(a[first].tolist() for a in columns), strict=True)
        return group.reshape(n_d, n_c), [typed(k) for k in keys]
    seen: dict[tuple[float, ...], int] = {}
    flat = [seen.setdefault(k, len(seen))
            for k in zip(*(a.tolist() for a in columns), strict=True)]
    return np.array(flat, dtype=np.int64).reshape(n_d, n_c), [typed(k) for k in seen]


#: cells from which the hashes are grouped by Arrow's hash table, not by a sort
_HASHED_FROM = 1 << 16


def first_seen_codes(h: Any) -> tuple[Any, Any]:
    """Each value of ``h`` (uint64) numbered in the order of its first position, and each
    number's first position: ``np.unique(h, return_index=True, return_inverse=True)``
    renumbered by first position, without its sort.

    A national call has 500,000 cells and a few hundred distinct ones: sorting the
    hashes took 60 ms, Arrow's hash table (``dictionary_encode``, which numbers values
    as they first appear) takes 3 ms (:func:`~isgrid.io.ratingsfile.arrow_call`: without
    importing ``pyarrow.compute``, 70 to 90 ms).  Arrow is already loaded for such a call (its
    ratings are read with it); a small call sorts, which costs less than importing it.
    The numbering is the same either way (tests/engine/test_cell_groups.py).
    """
    import numpy as np

    if len(h) >= _HASHED_FROM:
        import pyarrow as pa

        from ..io.ratingsfile import arrow_call, arrow_indices

        # from a buffer, not pa.array(h): that imports pandas when installed (0.3 s)
        hashes = pa.Array.from_buffers(pa.uint64(), len(h), [None, pa.py_buffer(h)])
        group = arrow_indices(arrow_call("dictionary_encode", hashes).indices).astype(np.int64)
    else:
        _, first_sorted, inverse = np.unique(h, return_index=True, return_inverse=True)
        rank = np.empty(len(first_sorted), dtype=np.int64)  # sorted number -> seen number
        rank[np.argsort(first_sorted, kind="stable")] = np.arange(len(first_sorted))
        group = rank[inverse.ravel()]
    # a position holds its number's first cell when no earlier position holds a number
    # as large: numbers are given in the order values first appear
    before = np.empty(len(group), dtype=np.int64)
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
