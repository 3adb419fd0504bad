"""Ratings, stored by column, and the fast reader of ratings CSV files.

A national call has millions of ratings; one Python object per rating (and one
location object per cell) costs more than reading the file.  So ratings live
in parallel numpy columns (indices into the call's dossiers, assessors and
criteria, the value, n/a, the file and line), each distinct value text is
parsed once per scale and then looked up, and a location is built only when a
problem is reported.  Comments stay as read until someone asks for them.
:attr:`RatingTable.rows` gives :class:`Rating` objects for readers that want
them (reports, sheets), built on first use.

A well-formed file, parsed by Arrow (:mod:`isgrid.io.ratingsfile`), is matched
with the call by whole columns (:func:`_from_arrow`); anything unusual is read
again row by row with Python's ``csv`` module (:func:`_slow_path`), so that every
problem is reported with its line and column.  Both paths give the same table:
the tests compare them.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Collector, Location, Message, excerpt
from ..grid.model import ID_PATTERN, Criterion, Grid
from ..grid.scales import Parsed, parse_value
from ..io.csvtext import CellTooLarge, bounded_lines, report_too_large
from ..io.ratingsfile import (
    RATING_COLUMNS,
    Prepared,
    batch_codes,
    prepare_ratings_file,
    shareable_value,
)
from ..messages import did_you_mean
from .model import Assessor, Rating
from .roles import wrong_role, wrong_roles

__all__ = ["RATING_COLUMNS", "RatingTable", "duplicate_rows", "read_ratings_file"]
_ID_RE = re.compile(ID_PATTERN)
NAN = float("nan")
#: Unknown criterion ids given a « Did you mean …? » hint in a call's ratings: the first
#: this many distinct ones (only 10 diagnostics of a code are printed by default)
HINTED = 50
#: The dtype of the index columns (dossier, assessor, criterion): half the memory of
#: int64 for a national call's millions of ratings; what multiplies them into a key
#: (:func:`duplicate_rows`, the aggregate) widens them to int64 first.
INDEX = np.int32


@dataclass
class _Part:
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
    _parts: list[_Part] = field(default_factory=list)
    _file: Any = None
    _line: Any = None
    _comment: list[str] | None = None
    _shareable: list[bool] | None = None
    _rows: list[Rating] | None = None
    _amap: dict[str, int] | None = None
    _given: Any = None

    def __post_init__(self) -> None:
        self.finish()

    def __len__(self) -> int:
        return len(self.dossier)

    def given(self) -> int:
        """How many ratings are given: a value or n/a (NE); the other rows are empty cells."""
        return int(np.count_nonzero(self.given_mask()))

    def given_mask(self) -> Any:
        """The rows that give a value or an explicit n/a (bool array, made once)."""
        if self._given is None:
            v = np.asarray(self.value, dtype=np.float64)
            self._given = ~np.isnan(v) | np.asarray(self.na, dtype=bool)
        return self._given

    def add(self, part: _Part) -> None:
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
        self._shareable = None

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
                    out.extend(p.comment)
                else:
                    out.extend(p.comment.to_pylist())
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


def read_ratings_file(
    path: Path, table: RatingTable, grid: Grid, dossier_index: dict[str, int],
    assessors: dict[str, Assessor], declared: bool, diags: Collector,
    prepared: Prepared | None = None,
) -> None:
    """Add the ratings of one CSV file to ``table`` as a part; record every problem.

    A fast path handles the usual file (every row well formed, every id and
    value known) with whole-column operations; anything unusual is read again
    row by row, so that every problem is reported with its line and column.
    Duplicates are checked over all files at once by :func:`duplicate_rows`.
    ``prepared``: the file already read by :func:`prefetch`.
    """
    prep = prepared if prepared is not None else prepare_ratings_file(path)
    diags.extend(prep.diags.items)
    if not prep.ok:
        return
    crits: list[Criterion] = grid.criteria()
    cmap = {c.id: i for i, c in enumerate(crits)}
    scales = [grid.scales[c.scale] for c in crits]
    file_i = len(table.files)
    table.files.append(str(path))
    part = None
    if prep.arrow is not None:
        part = _from_arrow(prep.arrow, prep.header_end, prep.idx, table, crits, cmap, scales,
                           dossier_index, assessors, declared, file_i)
    if part is None:
        prep.arrow = None  # Arrow's copy of the file is not kept beside the row reader's
        part = _slow_path(prep.the_text(), prep.sep, prep.header_end, prep.idx, prep.ncols, table,
                          crits, cmap, scales, dossier_index, assessors, declared, file_i,
                          diags)
    table.add(part)


def _slow_path(text: str, sep: str, header_end: int,
               idx: tuple[int, int, int, int, int, int],
               ncols: int, table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
               scales: list[Any], dossier_index: dict[str, int],
               assessors: dict[str, Assessor], declared: bool, file_i: int,
               diags: Collector) -> _Part:
    """Read the file row by row with Python's csv module, reporting every problem."""
    i_d, i_a, i_c, i_v, i_m, i_s = idx
    file = table.files[file_i]
    scol: list[bool] = []
    # an unknown criterion id -> its « Did you mean »: the first HINTED distinct ones (a
    # hostile file of 100,000 distinct ids would make as many lookups)
    ccase: dict[str, Message | None] = {}
    caches: list[dict[str, Parsed]] = [{} for _ in crits]
    roles = {a.id: a.role for a in assessors.values()}
    known_assessors: dict[str, int] = {}
    dcol: list[int] = []
    acol: list[int] = []
    ccol: list[int] = []
    vcol: list[float] = []
    nacol: list[bool] = []
    mcol: list[str] = []
    lcol: list[int] = []
    reader = csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True)
    while reader.line_num < header_end:
        next(reader)

    def col(i: int) -> int:
        return i + 1

    start = reader.line_num + 1
    try:
        for row in reader:
            end = reader.line_num
            line = start
            start = end + 1
            if len(row) != ncols:
                if not any(x.strip() for x in row):
                    continue
                if len(row) > ncols and not any(x.strip() for x in row[ncols:]):
                    row = row[:ncols]
                elif len(row) < ncols:
                    row = row + [""] * (ncols - len(row))
                else:
                    diags.add("csv-row-length",
                              Message("the row has {n} cells; the header has {width}",
                                      n=len(row), width=ncols),
                              Location(file, line=line))
                    continue
            if not any(row) or not any(x.strip() for x in row):
                continue  # a row of separators only (``,,,,`` as spreadsheets write)
            did = row[i_d]
            di = dossier_index.get(did)
            if di is None:
                did = did.strip()
                di = dossier_index.get(did)
            cid = row[i_c]
            ci = cmap.get(cid)
            if ci is None:
                cid = cid.strip()
                ci = cmap.get(cid)
            aid = row[i_a]
            ai = known_assessors.get(aid)
            if ai is None:
                aid = aid.strip()
                ai = _assessor(aid, table, assessors, declared, diags,
                               Location(file, line=line, column=col(i_a)))
                if ai is not None:
                    known_assessors[row[i_a]] = ai
            if di is None or ci is None or ai is None:
                if di is None:
                    if not did and not cid and not row[i_v].strip():
                        continue
                    diags.add("unknown-dossier", Message("unknown dossier {dossier}",
                                                         dossier=excerpt(did)),
                              Location(file, line=line, column=col(i_d)))
                if ci is None:
                    hint = ccase.get(cid)
                    if cid not in ccase and len(ccase) < HINTED:  # looked up once each
                        hint = ccase[cid] = did_you_mean(cid, cmap)
                    diags.add("unknown-criterion", Message("unknown criterion {criterion}",
                                                           criterion=excerpt(cid)),
                              Location(file, line=line, column=col(i_c)), hint=hint)
                continue
            raw = row[i_v]
            parsed = caches[ci].get(raw)
            if parsed is None:
                parsed = parse_value(raw, scales[ci], crits[ci].scale)
                caches[ci][raw] = parsed
            if parsed.error:
                diags.add("value-out-of-scale", parsed.error,
                          Location(file, line=line, column=col(i_v)))
                continue
            shared = shareable_value(row[i_s]) if i_s >= 0 else False
            if shared is None:
                diags.add("bad-shareable", Message("shareable: {row} is neither oui nor non",
                                                   row=excerpt(row[i_s])), Location(file, line=line, column=col(i_s)),
                          hint="Write oui when the comment may be quoted in the applicant's "
                          "letter; non (or nothing) otherwise.")
                continue
            crit = crits[ci]
            if declared and crit.rater is not None and (parsed.value is not None or parsed.na):
                # declared: an assessor the call does not declare was refused above
                # (_assessor), so every one here has a role
                role = roles[table.assessor_ids[ai]]
                if role != crit.rater:
                    wrong_role(crit, table.assessor_ids[ai], role, diags,
                               Location(file, line=line, column=col(i_v)))
                    continue
            dcol.append(di)
            acol.append(ai)
            ccol.append(ci)
            vcol.append(NAN if parsed.value is None else parsed.value)
            nacol.append(parsed.na)
            mcol.append(row[i_m] if i_m >= 0 else "")
            scol.append(shared)
            lcol.append(line)
    except (csv.Error, CellTooLarge) as exc:
        if not report_too_large(diags, exc, text, sep, file, start, reader.line_num + 1):
            diags.add("csv-syntax", Message("cannot parse the CSV: {error}", error=exc),
                      Location(file, line=reader.line_num))
    distinct = frozenset(v for v in set(vcol) if v == v)
    return _Part(dcol, acol, ccol, vcol, nacol, lcol, file_i, mcol, distinct,
                 scol if i_s >= 0 else None)


def _from_arrow(tbl: Any, header_end: int, idx: tuple[int, int, int, int, int, int],
                table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
                scales: list[Any], dossier_index: dict[str, int],
                assessors: dict[str, Assessor], declared: bool, file_i: int) -> _Part | None:
    """The columns of a well-formed file; None when the slow path must report a problem.

    Every dossier, criterion, assessor and value must be known and allowed;
    each distinct text is looked up or parsed once per block of Arrow's parse.

    The columns are filled block by block, each block's codes looked up in its own
    dictionary straight into the column (``np.take(..., out=)``), and the indices are
    ``int32``: a national call's 2 M ratings then touch 8 MB a column instead of the 16
    MB of an ``int64`` copy, the codes gathered and the dictionaries unified (about
    70 MB less new memory, which this machine pays about 1 ms a MB to zero:
    docs/performance.md, twenty-first pass).  Nothing is recorded in ``assessors`` or
    ``table`` until every block is known good.
    """
    i_d, i_a, i_c, i_v, i_m, i_s = idx
    n = tbl.num_rows
    if n == 0:
        return _Part([], [], [], [], [], [], file_i, None, frozenset())
    kinds: list[Any] = []  # the distinct scales, in the criteria's order
    scale_of = np.zeros(len(crits), dtype=np.int32)
    for ci, sc in enumerate(scales):
        for k, known in enumerate(kinds):
            if known is sc:
                scale_of[ci] = k
                break
        else:
            kinds.append(sc)
            scale_of[ci] = len(kinds) - 1
    dcol = np.empty(n, dtype=np.int32)
    ccol = np.empty(n, dtype=np.int32)
    acol = np.empty(n, dtype=np.int32)
    vcol = np.empty(n, dtype=np.float64)
    nacol = np.empty(n, dtype=bool)
    parsed: dict[tuple[int, str], Parsed] = {}  # each (scale, text) parsed once
    distinct: set[float] = set()
    blocks: list[tuple[int, int, Any, list[str]]] = []  # assessors' codes, words
    shareable: list[bool] | None = [] if i_s >= 0 else None
    at = 0
    for batch in tbl.to_batches():
        m = batch.num_rows
        if not m:
            continue
        end = at + m
        d_codes, d_words = batch_codes(batch, i_d)
        d_lut = np.fromiter((dossier_index.get(w, -1) for w in d_words), np.int32,
                            len(d_words))
        c_codes, c_words = batch_codes(batch, i_c)
        c_lut = np.fromiter((cmap.get(w, -1) for w in c_words), np.int32, len(c_words))
        if (d_lut < 0).any() or (c_lut < 0).any():
            return None
        np.take(d_lut, d_codes, out=dcol[at:end])
        crit = ccol[at:end]
        np.take(c_lut, c_codes, out=crit)
        a_codes, a_words = batch_codes(batch, i_a)
        for aid in a_words:
            if not aid or not _ID_RE.match(aid) or (declared and aid not in assessors):
                return None
        blocks.append((at, end, a_codes, a_words))
        v_codes, v_words = batch_codes(batch, i_v)
        nv = len(v_words)
        # each row's (scale, value text) as one code: the texts of this block, per scale
        pair = scale_of[crit] * nv + v_codes if len(kinds) > 1 else v_codes
        present = np.flatnonzero(np.bincount(pair, minlength=len(kinds) * nv))
        v_lut = np.full(len(kinds) * nv, np.nan)
        na_lut = np.zeros(len(kinds) * nv, dtype=bool)
        for k in present.tolist():
            key = (k // nv, v_words[k % nv])
            p = parsed.get(key)
            if p is None:
                p = parsed[key] = parse_value(key[1], kinds[key[0]])
            if p.error:
                return None
            v_lut[k] = NAN if p.value is None else p.value
            na_lut[k] = p.na
        np.take(v_lut, pair, out=vcol[at:end])
        np.take(na_lut, pair, out=nacol[at:end])
        distinct.update(v for v in v_lut[present].tolist() if v == v)
        if declared and wrong_roles(crits, [assessors[w].role for w in a_words], a_codes, crit,
                                    vcol[at:end], nacol[at:end]):
            return None  # the slow path names the cell
        if shareable is not None:
            s_codes, s_words = batch_codes(batch, i_s)
            s_vals = [shareable_value(w) for w in s_words]
            if any(v is None for v in s_vals):
                return None  # the slow path names the cell
            shareable.extend(np.asarray(s_vals, dtype=bool)[s_codes].tolist()
                             if s_vals else [False] * m)
        at = end
    # every block is good: the assessors recorded in the order they first appear
    for start, end, a_codes, a_words in blocks:
        a_lut = np.zeros(len(a_words), dtype=np.int32)
        for i, aid in enumerate(a_words):
            if not declared and aid not in assessors:
                assessors[aid] = Assessor(id=aid)
            a_lut[i] = table.assessor_index(aid)
        np.take(a_lut, a_codes, out=acol[start:end])
    comment = tbl.column(i_m) if i_m >= 0 else None
    lines = range(header_end + 1, header_end + 1 + n)
    return _Part(dcol, acol, ccol, vcol, nacol, lines, file_i, comment, frozenset(distinct),
                 shareable)


def duplicate_rows(table: RatingTable, diags: Collector) -> None:
    """Report every rating that repeats a (dossier, assessor, criterion) of another."""
    if not len(table):
        return
    import numpy as np

    n_a, n_c = max(len(table.assessor_ids), 1), max(len(table.criterion_ids), 1)
    keys = np.asarray(table.dossier).astype(np.int64)  # in place from here: one array
    keys *= n_a
    keys += table.assessor
    keys *= n_c
    keys += table.criterion
    space = len(table.dossier_ids) * n_a * n_c
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


def _assessor(aid: str, table: RatingTable, assessors: dict[str, Assessor], declared: bool,
              diags: Collector, loc: Location) -> int | None:
    if not aid or not _ID_RE.match(aid):
        diags.add("invalid-id", Message("the assessor id {assessor} is not valid",
                                        assessor=excerpt(aid)), loc)
        return None
    if declared and aid not in assessors:
        diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                              assessor=repr(aid)), loc)
        return None
    if not declared and aid not in assessors:
        assessors[aid] = Assessor(id=aid)
    return table.assessor_index(aid)

