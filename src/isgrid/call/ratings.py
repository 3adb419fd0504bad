"""Ratings, stored by column.

A national call has millions of ratings; one Python object per rating (and one
location object per cell) costs more than reading the file.  So ratings live
in parallel numpy columns (indices into the call's dossiers, assessors and
criteria, the value, n/a, the file and line), each distinct value text is
parsed once per scale and then looked up, and a location is built only when a
problem is reported.  Comments stay as read until someone asks for them.
:attr:`RatingTable.rows` gives :class:`Rating` objects for readers that want
them (reports, sheets), built on first use.

The files are read into the table, a :class:`Part` each, by
:mod:`isgrid.call.ratings_reader`; :func:`duplicate_rows` then checks them all at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import Collector, Location, Message
from ..io.cells import unescape_cell, unescape_cells
from .model import Rating

__all__ = ["Part", "RatingTable", "duplicate_rows", "rating_keys"]
#: The dtype of the index columns (dossier, assessor, criterion): half the memory of
#: int64 for a national call's millions of ratings; what multiplies them into a key
#: (:func:`duplicate_rows`, the aggregate) widens them to int64 first.
INDEX = np.int32


@dataclass
class Part:
    """The ratings of one file, by column (numpy), before they are joined."""

    dossier: Any
    assessor: Any
    criterion: Any
    value: Any
    na: Any
    line: Any  # a list, or a range when every line after the header is one row
    file: int
    comment: Any  # list[str], an Arrow array, or None (no comment column)
    distinct: frozenset[float] | None = None  # the values that occur (None: not known)
    shareable: Any = None  # list[bool], or None (no shareable column: nothing shared)


@dataclass
class RatingTable:
    """All ratings of a call, by column.

    Files are added as parts (:meth:`add`) and joined by :meth:`finish`; the
    columns are numpy arrays: ``dossier``, ``assessor``, ``criterion`` (:data:`INDEX`
    indices into the id lists; keys made of them are computed in int64), ``value``
    (float64, NaN for an empty cell or n/a), ``na`` (bool), ``file`` (index into
    ``files``) and ``line``.  ``file``, ``line`` and ``comment`` are built on first
    use: only problems and reports need them.
    """

    dossier_ids: list[str]  # index -> dossier id (the call's dossiers, sorted)
    criterion_ids: list[str]  # index -> criterion id (grid order)
    assessor_ids: list[str] = field(default_factory=list)  # index -> assessor id
    files: list[str] = field(default_factory=list)
    dossier: Any = None
    assessor: Any = None
    criterion: Any = None
    value: Any = None
    na: Any = None
    _parts: list[Part] = field(default_factory=list)
    _file: Any = None
    _line: Any = None
    _comment: list[str] | None = None
    _shareable: list[bool] | None = None
    _rows: list[Rating] | None = None
    _amap: dict[str, int] | None = None
    _given: Any = None
    _dmap: tuple[list[str], dict[str, int]] | None = field(default=None, repr=False,
                                                            compare=False)
    #: arrays derived from the columns, by their maker's key (:meth:`derived`)
    _derived: dict[Hashable, Any] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.finish()

    def dossier_index(self) -> dict[str, int]:
        """Each dossier id's index in :attr:`dossier_ids`, made once for the list it reads
        (the loader's checks, the cells owed and the engine each asked for it: 20,000
        entries each time at national size).  Read it; never change it."""
        if self._dmap is None or self._dmap[0] is not self.dossier_ids:
            self._dmap = (self.dossier_ids,
                          {did: i for i, did in enumerate(self.dossier_ids)})
        return self._dmap[1]

    def derived(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The array ``make()`` gives, made once per ``key`` until :meth:`finish` remakes
        the columns it reads, then read-only: shared by whoever asks the same (the
        déports' rows, :func:`isgrid.call.deports.conflicted_rows`: the loader's warnings
        and the engine's statistics).  ``key`` names the maker and its arguments."""
        if self._derived is None:
            self._derived = {}
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = make()
            found.flags.writeable = False  # shared: read, never changed
        return found

    def __len__(self) -> int:
        return len(self.dossier)

    def given(self) -> int:
        """How many ratings are given: a value or n/a (NE); the other rows are empty cells."""
        return int(np.count_nonzero(self.given_mask()))

    def given_mask(self) -> Any:
        """The rows that give a value or an explicit n/a (bool array, made once)."""
        if self._given is None:
            self._given = _given(self.value, self.na)
        return self._given

    def add(self, part: Part) -> None:
        self._parts.append(part)

    def finish(self) -> None:
        """Join the parts added so far into the columns."""
        parts = self._parts

        def cat(name: str, dtype: Any) -> Any:
            arrays = [np.asarray(getattr(p, name), dtype=dtype) for p in parts]
            if len(arrays) == 1:
                return arrays[0]  # one file: its columns, not a copy
            return np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype)

        self.dossier = cat("dossier", INDEX)
        self.assessor = cat("assessor", INDEX)
        self.criterion = cat("criterion", INDEX)
        self.value = cat("value", np.float64)
        self.na = cat("na", bool)
        self._file = self._line = self._comment = self._rows = self._given = None
        self._shareable = self._derived = None

    @property
    def line(self) -> Any:
        """The line of each rating in its file (int64 array)."""
        if self._line is None:
            arrays = [np.arange(p.line.start, p.line.stop, dtype=np.int64)
                      if isinstance(p.line, range) else np.asarray(p.line, dtype=np.int64)
                      for p in self._parts]
            self._line = np.concatenate(arrays) if arrays else np.empty(0, np.int64)
        return self._line

    @property
    def file(self) -> Any:
        """The file of each rating, as an index into ``files`` (int64 array)."""
        if self._file is None:
            arrays = [np.full(len(p.line), p.file, dtype=np.int64) for p in self._parts]
            self._file = np.concatenate(arrays) if arrays else np.empty(0, np.int64)
        return self._file

    def where(self, row: int) -> tuple[str, int]:
        """The file and the line of rating ``row``: what a diagnostic names, without the
        whole columns :attr:`file` and :attr:`line` (32 MB at 2 M ratings, for a few rows)."""
        if row < 0:
            raise IndexError(row)
        at = row
        for p in self._parts:
            if at < len(p.line):
                return self.files[p.file], int(p.line[at])
            at -= len(p.line)
        raise IndexError(row)

    @property
    def distinct_values(self) -> frozenset[float] | None:
        """Every value (not NaN) that occurs in the table; None when unknown.

        A national call has millions of ratings and a dozen distinct values:
        checks on values (are sums exact?) look at these instead.
        """
        out: set[float] = set()
        for p in self._parts:
            if p.distinct is None:
                return None
            out |= p.distinct
        return frozenset(out)

    @property
    def comment(self) -> list[str]:
        """The comments, row by row (built on first use: most commands never read them)."""
        if self._comment is None:
            out: list[str] = []
            for p in self._parts:
                if p.comment is None:
                    out.extend([""] * len(p.line))
                elif isinstance(p.comment, list):
                    # as the juror typed them: the ``'`` the writer put before a formula-like
                    # text dropped (« '- ancrage » is « - ancrage »: io.cells.escape_cell)
                    out.extend(unescape_cells(list(p.comment)))
                else:
                    start = len(out)
                    out.extend(p.comment.to_pylist())
                    for i in _quoted_rows(p.comment):  # the same, the few rows concerned
                        out[start + i] = unescape_cell(out[start + i])
            self._comment = out
        return self._comment

    @property
    def shareable(self) -> list[bool]:
        """Row by row: the juror marked the comment as shareable with the applicant
        (the optional ``shareable`` column; no column, nothing is shared)."""
        if self._shareable is None:
            out: list[bool] = []
            for p in self._parts:
                out.extend([False] * len(p.line) if p.shareable is None else p.shareable)
            self._shareable = out
        return self._shareable

    def files_of(self, aid: str) -> list[str]:
        """The files that hold ratings by ``aid``, sorted (read from the columns: no
        object per rating; a national call has millions).  Blank rows (:meth:`blank`)
        are not ratings: a file of them only is not one."""
        if aid not in self.assessor_ids:
            return []
        mine = np.flatnonzero(np.asarray(self.assessor) == self.assessor_ids.index(aid))
        mine = mine[~self.blank(mine)]
        return sorted({self.files[fi] for fi in np.unique(np.asarray(self.file)[mine]).tolist()})

    def blank(self, rows: Any) -> Any:
        """Which of ``rows`` (row numbers) are blank: no value, no n/a and no comment, a
        line still to fill in (``isgrid call init``'s ratings file is made of them).  A
        blank row rates nothing: it repeats nothing and holds no juror's place."""
        rows = np.asarray(rows, dtype=np.int64)
        out = ~self.given_mask()[rows]
        if out.any():
            comments = self.comment
            out[out] = [not comments[r] for r in rows[out].tolist()]
        return out

    def assessor_index(self, aid: str) -> int:
        if self._amap is None:
            self._amap = {a: i for i, a in enumerate(self.assessor_ids)}
        found = self._amap.get(aid)
        if found is None:
            self.assessor_ids.append(aid)
            found = self._amap[aid] = len(self.assessor_ids) - 1
        return found

    @property
    def rows(self) -> list[Rating]:
        """The ratings as objects (built once, on first use)."""
        if self._rows is None:
            d, a, c = self.dossier_ids, self.assessor_ids, self.criterion_ids
            self._rows = [
                Rating(d[di], a[ai], c[ci], None if math.isnan(v) else v, na, com,
                       self.files[fi], ln, sh)
                for di, ai, ci, v, na, com, fi, ln, sh in zip(
                    self.dossier.tolist(), self.assessor.tolist(), self.criterion.tolist(),
                    self.value.tolist(), self.na.tolist(), self.comment,
                    self.file.tolist(), self.line.tolist(), self.shareable, strict=True)
            ]
        return self._rows

def _quoted_rows(column: Any) -> list[int]:
    """The rows of an Arrow string column whose text starts with ``'``, read from its
    buffers (each row's first byte): a national call's millions of comments are not looped
    over in Python (as long as reading them), nor is ``pyarrow.compute`` imported (0.14 s)."""
    rows: list[int] = []
    base = 0
    for chunk in getattr(column, "chunks", [column]):
        n = len(chunk)
        if str(chunk.type) not in ("string", "large_string"):  # (the reader's is a string)
            rows.extend(base + i for i, t in enumerate(chunk.to_pylist()) if t and t[0] == "'")
            base += n
            continue
        _validity, offsets_buf, data_buf = chunk.buffers()[:3]
        if n and data_buf is not None:
            wide = str(chunk.type) == "large_string"
            offsets: Any = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32,
                                         count=n + 1, offset=chunk.offset * (8 if wide else 4))
            data = np.frombuffer(data_buf, dtype=np.uint8)
            starts = offsets[:-1]
            text = np.flatnonzero(offsets[1:] > starts)  # a null or empty text has no byte
            hit = text[data[starts[text]] == ord("'")]
            rows.extend((hit + base).tolist())
        base += n
    return rows


def rating_keys(table: RatingTable, dossier: Any = None, assessor: Any = None,
                criterion: Any = None) -> Any:
    """The key of each rating of ``table``, one int64 per row that two ratings share only
    when they rate the same (dossier, assessor, criterion): ``(dossier × assessors +
    assessor) × criteria + criterion``, the indices into the table's id lists.  With
    ``dossier``, ``assessor`` and ``criterion`` given (columns of indices into the same
    lists: another table's rows that share them), the keys of those rows instead, comparable
    with the table's.  What :func:`duplicate_rows` and a scenario's new files
    (:mod:`isgrid.call.decided_scenario`) both ask."""
    import numpy as np

    if dossier is None:
        dossier, assessor, criterion = table.dossier, table.assessor, table.criterion
    n_a, n_c = max(len(table.assessor_ids), 1), max(len(table.criterion_ids), 1)
    keys = np.asarray(dossier).astype(np.int64)  # in place from here: one array
    keys *= n_a
    keys += np.asarray(assessor)
    keys *= n_c
    keys += np.asarray(criterion)
    return keys


def _given(value: Any, na: Any) -> Any:
    """A rating row gives something: a value or an explicit n/a (NE)."""
    return ~np.isnan(np.asarray(value, dtype=np.float64)) | np.asarray(na, dtype=bool)


def given_rows(table: Any) -> Any:
    """:meth:`RatingTable.given_mask` of a loaded call's table (made once), or of a
    scenario's ratings (:class:`isgrid.engine.scenario.Ratings`), worked out the same."""
    if isinstance(table, RatingTable):
        return table.given_mask()
    return _given(table.value, table.na)


def dossier_index(table: Any) -> dict[str, int]:
    """Each dossier id's index in ``table.dossier_ids``: a loaded call's
    (:meth:`RatingTable.dossier_index`, made once), else made here (a scenario's ratings,
    :class:`isgrid.engine.scenario.Ratings`).  Read it; never change it."""
    if isinstance(table, RatingTable):
        return table.dossier_index()
    return {did: i for i, did in enumerate(table.dossier_ids)}


def first_rows(keys: Any) -> Any:
    """The position of each distinct key's first row, in the rows' order (int64):
    ``np.unique(keys, return_index=True)[1]`` sorted, without ``np.unique``, whose
    numpy 2 imports ``numpy.ma`` at its first call (6 ms of every command that reads
    an assignments.csv or a recusal)."""
    keys = np.asarray(keys)
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(keys, kind="stable")  # equal keys in the rows' order: first first
    ordered = keys[order]
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    first = order[new]
    first.sort()
    return first


def duplicate_rows(table: RatingTable, diags: Collector) -> None:
    """Report every rating that repeats a (dossier, assessor, criterion) of another."""
    if not len(table):
        return
    import numpy as np

    keys = rating_keys(table)
    space = (len(table.dossier_ids) * max(len(table.assessor_ids), 1)
             * max(len(table.criterion_ids), 1))
    if space <= 64 * len(keys):
        seen = np.zeros(space, dtype=bool)
        seen[keys] = True
        if np.count_nonzero(seen) == len(keys):
            return  # the usual case: as many distinct keys as rows, no sort needed
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    dup = np.flatnonzero(sk[1:] == sk[:-1]) + 1
    if not len(dup):
        return
    # a blank row rates nothing (RatingTable.blank): the rows of a key repeated, blank
    # ones left out, are checked again (rare: only where a key repeats)
    again = np.unique(np.concatenate([order[dup], order[dup - 1]]))
    if table.blank(again).any():
        holding = np.ones(len(keys), dtype=bool)
        holding[again] = ~table.blank(again)
        order = order[holding[order]]
        sk = keys[order]
        dup = np.flatnonzero(sk[1:] == sk[:-1]) + 1
    first: dict[int, int] = {}
    for pos in dup.tolist():
        k = int(sk[pos])
        if k not in first:
            start = pos
            while start > 0 and sk[start - 1] == k:
                start -= 1
            first[k] = int(order[start])
        row, orig = int(order[pos]), first[k]
        diags.add("duplicate-rating",
                  Message("{assessor} rates {criterion} of {dossier} twice (first at {place})",
                          assessor=table.assessor_ids[table.assessor[row]],
                          criterion=table.criterion_ids[table.criterion[row]],
                          dossier=table.dossier_ids[table.dossier[row]],
                          place=str(Location(*table.where(orig)))),
                  Location(*table.where(row)))
