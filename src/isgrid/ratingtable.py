"""Ratings, stored by column, and the fast reader of ratings CSV files.

A national call has millions of ratings; one Python object per rating (and one
location object per cell) costs more than reading the file.  So ratings live
in parallel numpy columns (indices into the call's dossiers, assessors and
criteria, the value, n/a, the file and line), each distinct value text is
parsed once per scale and then looked up, and a location is built only when a
problem is reported.  Comments stay as read until someone asks for them.
:attr:`RatingTable.rows` gives :class:`Rating` objects for readers that want
them (reports, sheets), built on first use.

A well-formed file is parsed by Arrow's CSV reader and checked with whole-column
operations (:func:`_fast_path`); anything unusual is read again row by row with
Python's ``csv`` module, so that every problem is reported with its line and
column.  Both paths give the same table: the tests compare them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .callmodel import Assessor, Rating
from .errors import Collector, Location, excerpt
from .io.tabular import normalise_header, sniff_separator
from .io.text import MAX_TABLE_BYTES, decode, read_bytes
from .model import ID_PATTERN, Criterion, Grid
from .scales import Parsed, parse_value

RATING_COLUMNS = ["dossier", "assessor", "criterion", "value", "comment"]
# A long comment (a pasted report) is no error: the file's size limit bounds
# every cell, and Arrow reads any length, so the row-by-row reader must too.
csv.field_size_limit(MAX_TABLE_BYTES)
_ID_RE = re.compile(ID_PATTERN)
NAN = float("nan")


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


@dataclass
class RatingTable:
    """All ratings of a call, by column.

    Files are added as parts (:meth:`add`) and joined by :meth:`finish`; the
    columns are numpy arrays: ``dossier``, ``assessor``, ``criterion`` (int64
    indices into the id lists), ``value`` (float64, NaN for an empty cell or
    n/a), ``na`` (bool), ``file`` (index into ``files``) and ``line``.  ``file``,
    ``line`` and ``comment`` are built on first use: only problems and reports
    need them.
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
    _rows: list[Rating] | None = None
    _amap: dict[str, int] | None = None

    def __post_init__(self) -> None:
        self.finish()

    def __len__(self) -> int:
        return len(self.dossier)

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

        self.dossier = cat("dossier", np.int64)
        self.assessor = cat("assessor", np.int64)
        self.criterion = cat("criterion", np.int64)
        self.value = cat("value", np.float64)
        self.na = cat("na", bool)
        self._file = self._line = self._comment = self._rows = None

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
                       self.files[fi], ln)
                for di, ai, ci, v, na, com, fi, ln in zip(
                    self.dossier.tolist(), self.assessor.tolist(), self.criterion.tolist(),
                    self.value.tolist(), self.na.tolist(), self.comment,
                    self.file.tolist(), self.line.tolist(), strict=True)
            ]
        return self._rows


@dataclass
class Prepared:
    """One ratings file read and parsed, before it is matched with the call.

    Preparing needs nothing of the call, so :func:`prefetch` can do it in a
    background thread (Arrow and hashing release the GIL) while the grid, the
    call and the dossiers load.
    """

    path: Path
    diags: Collector  # problems found reading the file
    digest: str | None = None  # sha256 of the bytes read (None: unreadable)
    ok: bool = False  # the header is good: there are rows to read
    text: str | None = None  # the text, once decoded (see :meth:`the_text`)
    data: bytes | None = None  # plain UTF-8 bytes, when the text was not needed yet
    sep: str = ","
    header_end: int = 0
    idx: tuple[int, int, int, int, int] = (0, 1, 2, 3, -1)
    ncols: int = 0
    arrow: Any = None  # the Arrow table when the file is well formed, else None

    def the_text(self) -> str:
        """The file's text (decoded on first use: a well-formed file never needs it)."""
        if self.text is None:
            assert self.data is not None
            # Arrow has checked it is UTF-8; line ends as isgrid.io.text.decode leaves them
            self.text = self.data.decode("utf-8").replace("\r\n", "\n")
        return self.text


_BOM = b"\xef\xbb\xbf"


def prepare_ratings_file(path: Path) -> Prepared:
    """Read one ratings file: bytes, hash, header, and Arrow's parse.

    A plain UTF-8 file (no NUL; line ends ``\n`` or ``\r\n``) goes to Arrow as
    bytes; any other (cp1252, stray carriage returns) is decoded and normalised
    first, as every text isgrid reads.
    """
    diags = Collector()
    data = read_bytes(path, diags)
    if data is None:
        return Prepared(path, diags)
    hashing = _Concurrent(lambda: hashlib.sha256(data).hexdigest())  # releases the GIL
    prep = Prepared(path, diags)
    if not _prepare_plain(prep, data):
        text = decode(data, str(path), diags)
        if text is not None:
            _prepare_text(prep, text)
    prep.digest = hashing.result()
    return prep


class _Concurrent:
    """Run ``fn`` in a thread now; :meth:`result` waits for it (and re-raises its error).

    For work that releases the GIL (hashing, Arrow's parser), run beside checks
    that need it: the machine's second core is otherwise idle.
    """

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._out: Any = None
        self._exc: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), name="isgrid-read")
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self._out = fn()
        except BaseException as exc:  # handed to the caller by result()
            self._exc = exc

    def result(self) -> Any:
        self._thread.join()
        if self._exc is not None:
            raise self._exc
        return self._out


def _prepare_plain(prep: Prepared, data: bytes) -> bool:
    """The quick way for a plain UTF-8 file; False when the text must be decoded."""
    body = data[3:] if data.startswith(_BOM) else data
    if b"\x00" in body:
        return False
    end = lines = 0
    while True:  # the header: the first line that is not blank
        nl = body.find(b"\n", end)
        line = body[end:len(body) if nl < 0 else nl]
        lines += 1
        end = len(body) if nl < 0 else nl + 1
        if line.strip():
            break
        if nl < 0:
            return False
    try:
        head = body[:end].decode("utf-8")
    except UnicodeDecodeError:
        return False
    probe = Prepared(prep.path, Collector())
    _prepare_text(probe, head, arrow=False)
    if probe.diags.items or not probe.ok or probe.header_end != lines:
        return False  # the text path reports what is wrong
    table = _arrow_table(body, probe.sep, lines, probe.ncols, probe.idx[4], plain=True)
    if table is None:
        return False
    prep.ok, prep.data, prep.arrow = True, body, table
    prep.sep, prep.header_end, prep.idx, prep.ncols = (
        probe.sep, probe.header_end, probe.idx, probe.ncols)
    return True


def _prepare_text(prep: Prepared, text: str, *, arrow: bool = True) -> None:
    """Header checks on the decoded text, then Arrow's parse (when ``arrow``)."""
    diags = prep.diags
    file = str(prep.path)
    if not _NOT_SPACE.search(text):
        diags.add("csv-syntax", "the file is empty", Location(file, line=1),
                  hint="A ratings file needs the header dossier,assessor,criterion,value,comment.")
        return
    sep = sniff_separator(_first_line(text))
    reader = csv.reader(_lines(text), delimiter=sep, strict=True)  # the header only
    try:
        head = next(reader)
        while not any(h.strip() for h in head):
            head = next(reader)
        header = [normalise_header(h).casefold() for h in head]
    except (csv.Error, StopIteration) as exc:
        diags.add("csv-syntax", f"cannot parse the CSV header: {exc}", Location(file, line=1))
        return
    missing = [c for c in RATING_COLUMNS[:4] if c not in header]
    if missing:
        diags.add("csv-missing-column", f"missing column(s): {', '.join(missing)}",
                  Location(file, line=1))
        return
    extra = [h for h in header if h not in RATING_COLUMNS]
    if extra:
        diags.add("csv-extra-column", f"unknown column(s): {', '.join(extra)}",
                  Location(file, line=1))
        return
    i_d, i_a, i_c, i_v = (header.index(c) for c in RATING_COLUMNS[:4])
    prep.idx = (i_d, i_a, i_c, i_v, header.index("comment") if "comment" in header else -1)
    prep.ok, prep.text, prep.sep = True, text, sep
    prep.header_end, prep.ncols = reader.line_num, len(header)
    if arrow and not any("\n" in h for h in head):
        prep.arrow = _arrow_table(text.encode("utf-8"), sep, prep.header_end, prep.ncols,
                                  prep.idx[4])


def prefetch(paths: list[Path]) -> dict[Path, Future[Prepared]]:
    """Start preparing ``paths`` in one background thread; the futures, by path."""
    if not paths:
        return {}
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isgrid-ratings")
    futures = {p: pool.submit(prepare_ratings_file, p) for p in paths}
    pool.shutdown(wait=False)  # the thread finishes the queued files, then ends
    return futures


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
        part = _slow_path(prep.the_text(), prep.sep, prep.header_end, prep.idx, prep.ncols, table,
                          crits, cmap, scales, dossier_index, assessors, declared, file_i,
                          diags)
    table.add(part)


_NOT_SPACE = re.compile(r"\S")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one by one, with their newline (no copy of the whole text)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _first_line(text: str) -> str:
    """The first line that is not blank (the header), without splitting the whole text."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            return line
        start = end + 1


def _slow_path(text: str, sep: str, header_end: int, idx: tuple[int, int, int, int, int],
               ncols: int, table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
               scales: list[Any], dossier_index: dict[str, int],
               assessors: dict[str, Assessor], declared: bool, file_i: int,
               diags: Collector) -> _Part:
    """Read the file row by row with Python's csv module, reporting every problem."""
    i_d, i_a, i_c, i_v, i_m = idx
    file = table.files[file_i]
    ccase = {c.id.casefold(): c.id for c in crits}
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
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
                              f"the row has {len(row)} cells; the header has {ncols}",
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
                    diags.add("unknown-dossier", f"unknown dossier {excerpt(did)}",
                              Location(file, line=line, column=col(i_d)))
                if ci is None:
                    close = ccase.get(cid.casefold())
                    diags.add("unknown-criterion", f"unknown criterion {excerpt(cid)}",
                              Location(file, line=line, column=col(i_c)),
                              hint=f"Did you mean {close!r}?" if close else None)
                continue
            raw = row[i_v]
            parsed = caches[ci].get(raw)
            if parsed is None:
                parsed = parse_value(raw, scales[ci])
                caches[ci][raw] = parsed
            if parsed.error:
                diags.add("value-out-of-scale", parsed.error,
                          Location(file, line=line, column=col(i_v)))
                continue
            crit = crits[ci]
            if crit.eliminatory and declared and crit.rated_by is not None and \
                    (parsed.value is not None or parsed.na):
                role = roles.get(table.assessor_ids[ai])
                if role != crit.rated_by:
                    diags.add("wrong-rater-role",
                              f"{crit.id} is rated by the {crit.rated_by}; "
                              f"{table.assessor_ids[ai]} is a {role}",
                              Location(file, line=line, column=col(i_v)))
                    continue
            dcol.append(di)
            acol.append(ai)
            ccol.append(ci)
            vcol.append(NAN if parsed.value is None else parsed.value)
            nacol.append(parsed.na)
            mcol.append(row[i_m] if i_m >= 0 else "")
            lcol.append(line)
    except csv.Error as exc:
        diags.add("csv-syntax", f"cannot parse the CSV: {exc}",
                  Location(file, line=reader.line_num))
    distinct = frozenset(v for v in set(vcol) if v == v)
    return _Part(dcol, acol, ccol, vcol, nacol, lcol, file_i, mcol, distinct)


def _positions(raw: Any, byte: int, chunk: int = 1 << 18) -> Any:
    """Where ``byte`` occurs in ``raw``, by chunks into one reused buffer.

    A 50 MB comparison at once allocates a 50 MB mask, and first touching new
    memory is what costs most here; a small reused buffer avoids it (5x faster).
    """
    buf = np.empty(min(chunk, len(raw)), dtype=bool)
    found = []
    for start in range(0, len(raw), chunk):
        part = raw[start:start + chunk]
        mask = buf[:len(part)]
        np.equal(part, byte, out=mask)
        hits = np.flatnonzero(mask)
        if len(hits):
            found.append(hits + start)
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def _quotes_plain(data: bytes, sep: bytes) -> bool:
    """Every quote opens, doubles or closes a whole field.

    That is what both Python's strict csv reader and Arrow read the same way.
    Arrow would read ``"ab"c`` as ``abc`` where the strict reader reports an
    error, and a quote inside an unquoted field or a newline inside quotes is
    read differently too: such a file takes the row-by-row path.  Checked on
    the positions of the quotes with numpy (a national file has a million
    quoted ``"3,5"``): the quotes alternate open/close; an opening quote starts
    a field or doubles the quote before it; a closing quote ends a field or is
    doubled by the next.  A quoted value spanning lines is caught by the caller:
    Arrow (told that values may hold newlines, so that its blocks never split
    one) then gives fewer rows than there are lines.
    """
    if b'"' not in data:
        return True
    raw = np.frombuffer(data, dtype=np.uint8)
    q = _positions(raw, ord('"'))
    if len(q) % 2:
        return False
    n = len(raw)
    ends = np.zeros(256, dtype=bool)
    ends[ord(sep)] = ends[ord("\n")] = ends[ord("\r")] = True  # \r only before \n here
    opening, closing = q[0::2], q[1::2]
    before = np.where(opening > 0, raw[np.maximum(opening - 1, 0)], ord("\n"))
    doubled_open = np.zeros(len(opening), dtype=bool)
    doubled_open[1:] = opening[1:] == closing[:-1] + 1
    if not (ends[before] | doubled_open).all():
        return False
    after = np.where(closing < n - 1, raw[np.minimum(closing + 1, n - 1)], ord("\n"))
    doubled_close = np.zeros(len(closing), dtype=bool)
    doubled_close[:-1] = opening[1:] == closing[:-1] + 1
    return bool((ends[after] | doubled_close).all())


#: Arrow parses on one core: the other loads the grid, call and dossiers meanwhile.
_ARROW_THREADS = False


def _arrow_table(data: bytes, sep: str, header_end: int, ncols: int, i_m: int, *,
                 plain: bool = False) -> Any:
    """Arrow's parse of the rows after the header, or None when it must be read row by row.

    The file is well formed for this when Arrow parses it, every line after
    the header is one row (no blank or multi-line rows, so a row's line is its
    position), quotes are plain, and (``plain``: bytes not normalised by
    :func:`isgrid.io.text.decode`) every carriage return ends a line.  Arrow
    parses in a thread while these checks run.
    """
    import pyarrow as pa

    offset = 0
    for _ in range(header_end):
        nl = data.find(b"\n", offset)
        offset = len(data) if nl < 0 else nl + 1
    end = len(data)
    while end > offset and data[end - 1:end] in (b"\n", b"\r"):
        end -= 1
    names = [f"c{i}" for i in range(ncols)]
    dict_type = pa.dictionary(pa.int32(), pa.string())
    types = {n: (pa.string() if i == i_m else dict_type) for i, n in enumerate(names)}
    if end <= offset:
        return pa.table({n: pa.array([], type=t) for n, t in types.items()})
    body = pa.py_buffer(data).slice(offset, end - offset)  # no copy
    parsing = _Concurrent(lambda: _arrow_parse(body, sep, names, types))
    ok = _quotes_plain(data, sep.encode()) and not (
        plain and b"\r" in data and data.count(b"\r") != data.count(b"\r\n"))
    lines = data.count(b"\n", offset, end) + 1
    tbl = parsing.result()
    if not ok or tbl is None or tbl.num_rows != lines:
        return None  # blank lines or values spanning lines: read line by line
    return tbl


def _arrow_parse(body: Any, sep: str, names: list[str], types: dict[str, Any]) -> Any:
    """Arrow's CSV reader on ``body`` (None if it refuses the file)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    try:
        return pcsv.read_csv(
            body,
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24,
                                          use_threads=_ARROW_THREADS),
            parse_options=pcsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=types, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _from_arrow(tbl: Any, header_end: int, idx: tuple[int, int, int, int, int],
                table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
                scales: list[Any], dossier_index: dict[str, int],
                assessors: dict[str, Assessor], declared: bool, file_i: int) -> _Part | None:
    """The columns of a well-formed file; None when the slow path must report a problem.

    Every dossier, criterion, assessor and value must be known and allowed;
    each distinct text is looked up or parsed once.
    """
    i_d, i_a, i_c, i_v, i_m = idx
    names = tbl.column_names
    if tbl.num_rows == 0:
        return _Part([], [], [], [], [], [], file_i, None, frozenset())
    tbl = tbl.unify_dictionaries()

    def coded(i: int) -> tuple[Any, list[str]]:
        column = tbl.column(names[i])
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False)
                                for c in column.chunks])
        words: list[str] = column.chunk(0).dictionary.to_pylist()
        return codes, words

    d_codes, d_words = coded(i_d)
    d_lut = np.fromiter((dossier_index.get(w, -1) for w in d_words), np.int64, len(d_words))
    c_codes, c_words = coded(i_c)
    c_lut = np.fromiter((cmap.get(w, -1) for w in c_words), np.int64, len(c_words))
    if (d_lut < 0).any() or (c_lut < 0).any():
        return None
    a_codes, a_words = coded(i_a)
    for aid in a_words:
        if not aid or not _ID_RE.match(aid) or (declared and aid not in assessors):
            return None
    a_lut = np.zeros(len(a_words), dtype=np.int64)
    for i, aid in enumerate(a_words):  # Arrow's dictionary: in order of first appearance
        if not declared and aid not in assessors:
            assessors[aid] = Assessor(id=aid)
        a_lut[i] = table.assessor_index(aid)
    dcol, ccol, acol = d_lut[d_codes], c_lut[c_codes], a_lut[a_codes]
    v_codes, v_words = coded(i_v)
    kinds: list[Any] = []
    scale_of = np.zeros(len(crits), dtype=np.int64)
    for ci, sc in enumerate(scales):
        for k, known in enumerate(kinds):
            if known is sc:
                scale_of[ci] = k
                break
        else:
            kinds.append(sc)
            scale_of[ci] = len(kinds) - 1
    nv = len(v_words)
    pair = scale_of[ccol] * nv + v_codes if len(kinds) > 1 else v_codes
    present = np.flatnonzero(np.bincount(pair, minlength=len(kinds) * nv))
    v_lut = np.full(len(kinds) * nv, np.nan)
    na_lut = np.zeros(len(kinds) * nv, dtype=bool)
    for k in present.tolist():
        p = parse_value(v_words[k % nv], kinds[k // nv])
        if p.error:
            return None
        v_lut[k] = NAN if p.value is None else p.value
        na_lut[k] = p.na
    vcol, nacol = v_lut[pair], na_lut[pair]
    if declared:
        for ci, crit in enumerate(crits):
            if not (crit.eliminatory and crit.rated_by is not None):
                continue
            rows = (ccol == ci) & (nacol | ~np.isnan(vcol))
            for ai in np.unique(acol[rows]).tolist():
                if assessors[table.assessor_ids[ai]].role != crit.rated_by:
                    return None
    n = tbl.num_rows
    comment = tbl.column(names[i_m]) if i_m >= 0 else None
    lines = range(header_end + 1, header_end + 1 + n)
    distinct = frozenset(v for v in v_lut[present].tolist() if v == v)
    return _Part(dcol, acol, ccol, vcol, nacol, lines, file_i, comment, distinct)


def duplicate_rows(table: RatingTable, diags: Collector) -> None:
    """Report every rating that repeats a (dossier, assessor, criterion) of another."""
    if not len(table):
        return
    import numpy as np

    n_a, n_c = max(len(table.assessor_ids), 1), max(len(table.criterion_ids), 1)
    keys = ((np.asarray(table.dossier, dtype=np.int64) * n_a
             + np.asarray(table.assessor, dtype=np.int64)) * n_c
            + np.asarray(table.criterion, dtype=np.int64))
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
                  f"{table.assessor_ids[table.assessor[row]]} rates "
                  f"{table.criterion_ids[table.criterion[row]]} of "
                  f"{table.dossier_ids[table.dossier[row]]} twice (first at "
                  f"{table.files[table.file[orig]]}:{table.line[orig]})",
                  Location(table.files[table.file[row]], line=table.line[row]))


def _assessor(aid: str, table: RatingTable, assessors: dict[str, Assessor], declared: bool,
              diags: Collector, loc: Location) -> int | None:
    if not aid or not _ID_RE.match(aid):
        diags.add("invalid-id", f"the assessor id {excerpt(aid)} is not valid", loc)
        return None
    if declared and aid not in assessors:
        diags.add("unknown-assessor", f"the assessor {aid!r} is not declared", loc)
        return None
    if not declared and aid not in assessors:
        assessors[aid] = Assessor(id=aid)
    return table.assessor_index(aid)

