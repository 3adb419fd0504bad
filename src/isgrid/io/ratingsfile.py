"""One ratings file, read and parsed before it is matched with a call.

Reading needs nothing of the call (its grid, dossiers, assessors), so
:func:`prefetch` does it in a background thread while those load: the bytes,
their sha256, the header, and Arrow's parse of a well-formed file with the
checks that make Arrow's reading the same as Python's strict ``csv`` reader
(quotes that open and close whole fields, one row per line).  Matching the
rows with the call, and the row-by-row reader that reports every problem, are
in :mod:`isgrid.call.ratings_reader`.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..messages import missing_columns, unknown_columns
from .csvtext import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    first_line,
    header_problem,
    report_too_large,
    sniff_separator,
    too_wide,
)
from .plainbytes import lines_in, quotes_plain, returns_end_lines
from .tabular import header_names, normalise_header
from .text import decode, read_bytes

RATING_COLUMNS = ["dossier", "assessor", "criterion", "value", "comment", "shareable"]
#: What the optional ``shareable`` column may hold: the juror's comment on this
#: criterion may be quoted in the applicant's letter (yes) or not (no, empty).
SHAREABLE_YES = frozenset({"oui", "yes", "true", "vrai", "1", "x"})
SHAREABLE_NO = frozenset({"", "non", "no", "false", "faux", "0"})
#: a ratings header's columns written in French, and their names (the missing columns' hint)
_IN_ENGLISH = {"juré": "assessor", "jure": "assessor", "jury": "assessor",
               "évaluateur": "assessor", "evaluateur": "assessor", "critère": "criterion",
               "critere": "criterion", "note": "value", "valeur": "value",
               "commentaire": "comment", "partageable": "shareable"}


def shareable_value(text: str | None) -> bool | None:
    """``True``/``False`` for a ``shareable`` cell, None when it is neither."""
    word = (text or "").strip().casefold()
    return True if word in SHAREABLE_YES else False if word in SHAREABLE_NO else None


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
    idx: tuple[int, int, int, int, int, int] = (0, 1, 2, 3, -1, -1)
    ncols: int = 0
    arrow: Any = None  # the Arrow table when the file is well formed, else None

    def the_text(self) -> str:
        """The file's text (decoded on first use: a well-formed file never needs it)."""
        if self.text is None:
            assert self.data is not None
            # Arrow has checked it is UTF-8; line ends as isgrid.io.text.decode leaves them
            text = self.data.decode("utf-8")
            self.data = None  # the bytes are not kept beside their text
            if "\r" in text:
                text = text.replace("\r\n", "\n")
            self.text = text
        return self.text


_BOM = b"\xef\xbb\xbf"


#: Below this many bytes of ratings (a call's files together), they are read row by row
#: and Arrow is not imported: importing it costs more than its parse saves (0.04 s and
#: 37 MB of a regional call's 0.57 s and 92 MB, whole processes; the two ways are even
#: at about 230 kB, 100 dossiers; docs/performance.md, thirteenth pass).  Both ways give
#: the same table.
ARROW_MIN_BYTES = 128 * 1024


def arrow_worth(paths: Iterable[Path]) -> bool:
    """Whether ``paths`` (a call's ratings files) are large enough for Arrow's parse."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # an unreadable file is reported when read
            total += path.stat().st_size
        if total >= ARROW_MIN_BYTES:
            return True
    return False


def prepare_ratings_file(path: Path, *, arrow: bool | None = None,
                         ready: threading.Event | None = None) -> Prepared:
    """Read one ratings file: bytes, hash, header, and Arrow's parse.

    A plain UTF-8 file (no NUL; line ends ``\n`` or ``\r\n``) goes to Arrow as
    bytes; any other (cp1252, stray carriage returns) is decoded and normalised
    first, as every text isgrid reads.  ``arrow``: whether to parse with Arrow at all
    (None: when the file alone is large enough, :data:`ARROW_MIN_BYTES`); without it
    the rows are read by :func:`isgrid.call.ratings_reader.read_ratings_file`'s row reader.
    ``ready``: set once numpy and Arrow are imported (:func:`prefetch`): the bytes are
    read, their hash started and their header checked before it is waited for.
    """
    diags = Collector()
    data = read_bytes(path, diags)
    if data is None:
        return Prepared(path, diags)
    if arrow is None:
        arrow = len(data) >= ARROW_MIN_BYTES
    hashing = _Concurrent(lambda: hashlib.sha256(data).hexdigest())  # releases the GIL
    ready = ready or _READY
    prep = Prepared(path, diags)
    if not (arrow and _prepare_plain(prep, data, ready)):
        text = decode(data, str(path), diags, table=True)
        prep.digest = hashing.result()
        del data  # not kept beside its text and Arrow's copy
        if text is not None:
            ready.wait()
            _prepare_text(prep, text, arrow=arrow)
        return prep
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


_READY = threading.Event()  # set: a file read alone imports numpy and Arrow as it needs
_READY.set()


def _prepare_plain(prep: Prepared, data: bytes, ready: threading.Event = _READY) -> bool:
    """The quick way for a plain UTF-8 file; False when the text must be decoded."""
    found = _plain_start(data)
    if found is None:
        return False
    body, _, lines, end = found
    try:
        head = body[:end].decode("utf-8")
    except UnicodeDecodeError:
        return False
    probe = Prepared(prep.path, Collector())
    _prepare_text(probe, head, arrow=False)
    if probe.diags.items or not probe.ok or probe.header_end != lines:
        return False  # the text path reports what is wrong
    ready.wait()
    table = _arrow_table(body, probe.sep, lines, probe.ncols, probe.idx[4], plain=True)
    if table is None:
        return False
    prep.ok, prep.data, prep.arrow = True, body, table
    prep.sep, prep.header_end, prep.idx, prep.ncols = (
        probe.sep, probe.header_end, probe.idx, probe.ncols)
    return True


def _plain_start(data: bytes) -> tuple[bytes, bytes, int, int] | None:
    """A plain file's bytes without the BOM, and its header: the first line that is not
    blank, its number (1-based) and the offset just past it (None: NUL bytes, or only
    blank lines)."""
    body = data[3:] if data.startswith(_BOM) else data
    if b"\x00" in body:
        return None
    end = lines = 0
    while True:
        nl = body.find(b"\n", end)
        line = body[end:len(body) if nl < 0 else nl]
        lines += 1
        end = len(body) if nl < 0 else nl + 1
        if line.strip():
            return body, line, lines, end
        if nl < 0:
            return None


def _prepare_text(prep: Prepared, text: str, *, arrow: bool = True) -> None:
    """Header checks on the decoded text, then Arrow's parse (when ``arrow``)."""
    diags = prep.diags
    file = str(prep.path)
    if not _NOT_SPACE.search(text):
        diags.add("csv-syntax", Message("the file is empty"), Location(file, line=1),
                  hint="A ratings file needs the header dossier,assessor,criterion,value,"
                  "comment,shareable (the last two optional).")
        return
    sep = sniff_separator(first_line(text))
    found = header_problem(text, sep)  # a header of millions of cells: said, not split
    if found is not None:
        report_too_large(diags, found[1], text, sep, file, found[0], found[0])
        return
    reader = csv.reader(_lines(text), delimiter=sep, strict=True)  # the header only
    try:
        head = next(reader)
        while not any(h.strip() for h in head):
            head = next(reader)
        header = [h.casefold() for h in header_names(head)]  # Excel's « ;;; » left out
        if too_wide(len(header), diags, file, reader.line_num):
            return
    except (csv.Error, StopIteration) as exc:
        diags.add("csv-syntax", Message("cannot parse the CSV header: {error}", error=exc),
                  Location(file, line=1))
        return
    missing = [c for c in RATING_COLUMNS[:4] if c not in header]
    if missing:
        # a header written in French: the names to write instead (else the code's hint)
        french = [(h, _IN_ENGLISH[h]) for h in header if h in _IN_ENGLISH]
        diags.add("csv-missing-column", missing_columns(missing),
                  Location(file, line=1), hint=Message(
                      "The columns keep their English names, whatever the call's language: "
                      "dossier,assessor,criterion,value,comment ({names}).",
                      names=", ".join(f"{h} → {e}" for h, e in french)) if french else None)
        return
    seen: set[str] = set()
    twice = None
    for i, h in enumerate(header):  # one pass: a hostile header has a million columns
        if h in seen:
            twice = i
            break
        seen.add(h)
    if twice is not None:  # the second « value » column was silently ignored
        diags.add("csv-syntax", Message("the column {column} appears twice",
                                        column=Quote(header[twice])),
                  Location(file, line=1, column=twice + 1), hint="Delete one of the two columns.")
        return
    extra = [h for h in header if h not in RATING_COLUMNS]
    if extra:
        diags.add("csv-extra-column", unknown_columns(extra),
                  Location(file, line=1))
        return
    i_d, i_a, i_c, i_v = (header.index(c) for c in RATING_COLUMNS[:4])
    prep.idx = (i_d, i_a, i_c, i_v, header.index("comment") if "comment" in header else -1,
                header.index("shareable") if "shareable" in header else -1)
    prep.ok, prep.text, prep.sep = True, text, sep
    prep.header_end, prep.ncols = reader.line_num, len(header)
    if arrow and not any("\n" in h for h in head):
        prep.arrow = _arrow_table(text.encode("utf-8"), sep, prep.header_end, prep.ncols,
                                  prep.idx[4])


def prefetch(paths: list[Path]) -> dict[Path, Future[Prepared]]:
    """Start preparing ``paths`` in one background thread; the futures, by path.

    The thread reads the first file, starts its hash and checks its header while this
    one imports numpy and Arrow (this module imports numpy only where it uses it): on
    the core otherwise idle then, a national call's 0.03 s of reading and 0.04 s of
    hashing (docs/performance.md, forty-second pass).  Arrow is imported here, not in the
    thread: there it would share the GIL with the caller's imports (pass seventeen).
    """
    if not paths:
        return {}
    arrow = arrow_worth(paths)  # one choice for the whole call: Arrow is imported once
    ready = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isgrid-ratings")
    futures = {p: pool.submit(prepare_ratings_file, p, arrow=arrow, ready=ready)
               for p in paths}
    pool.shutdown(wait=False)  # the thread finishes the queued files, then ends
    try:
        import numpy  # noqa: F401  (the checks' and the row reader's, imported either way)

        if arrow:
            import pyarrow.csv  # noqa: F401
    finally:
        ready.set()  # never leave the thread waiting, even on an interrupted import
    return futures


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
    ok = quotes_plain(data, sep.encode()) and not (
        plain and b"\r" in data and not returns_end_lines(data))
    lines = lines_in(data, offset, end)
    tbl = parsing.result()
    if not ok or tbl is None or tbl.num_rows != lines:
        return None  # blank lines or values spanning lines: read line by line
    return tbl


def plain_csv_table(data: bytes) -> tuple[list[str], Any, int] | None:
    """Any machine-written CSV file (``assignments.csv``, ``dossiers.csv``) parsed by
    Arrow: its header's names (normalised), its rows, every column as a dictionary of
    texts (columns ``c0``, ``c1``... in the header's order), and the header's line.

    None when the file must be read row by row, with the same result there: it
    is not plain UTF-8 (see :func:`_prepare_plain`), its header is quoted, or a
    row is blank, spans lines or has another width than the header (Arrow refuses
    it).  The texts are as written, not stripped.  The header is the first line
    with a byte that is not ASCII white space; a line of other white space (a
    no-break space) gives blank names, which the callers send to the row reader
    (whose header is the first line with a cell that is not blank).
    """
    found = _plain_start(data)
    if found is None:
        return None
    body, line, lines, _ = found
    try:
        head = line.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if '"' in head:
        return None
    sep = sniff_separator(head)
    if len(head) > MAX_CELL_CHARS and header_problem(head, sep) is not None:
        return None  # the row reader says what is wrong (csvtext.bounded_lines)
    cols = [normalise_header(c) for c in head.split(sep)]
    if len(cols) > MAX_CELLS:
        return None  # the row reader says what is wrong (io.tabular.parse_csv)
    table = _arrow_table(body, sep, lines, len(cols), -1, plain=True)
    return None if table is None else (cols, table, lines)


def dictionary_codes(tbl: Any, name: str) -> tuple[Any, list[str]]:
    """A dictionary column of an Arrow table whose dictionaries are unified (one per
    column): each row's code, as a numpy array, and the distinct texts they point at."""
    import numpy as np

    column = tbl.column(name)
    if not column.num_chunks:
        return np.zeros(0, dtype=np.int32), []
    codes = np.concatenate([arrow_indices(c.indices) for c in column.chunks])
    words: list[str] = column.chunk(0).dictionary.to_pylist()
    return codes, words


def batch_codes(batch: Any, i: int) -> tuple[Any, list[str]]:
    """Column ``i`` of one record batch of Arrow's parse (a dictionary array, its own
    dictionary): each row's code, as a numpy array (a view of Arrow's buffer), and the
    distinct texts they point at."""
    column = batch.column(i)
    return arrow_indices(column.indices), column.dictionary.to_pylist()


def arrow_indices(ix: Any) -> Any:
    """A dictionary column's codes as a numpy array, read from Arrow's buffer.

    ``Array.to_numpy`` imports pandas (a quarter of a second, a dependency isgrid
    does not otherwise load); the codes of a chunk without nulls are its data
    buffer from its offset.  A chunk with nulls (not produced by the reader's
    options, kept for safety) goes through ``to_numpy``.
    """
    import numpy as np

    if ix.null_count:
        return ix.to_numpy(zero_copy_only=False)
    dtype = np.dtype(ix.type.to_pandas_dtype())
    return np.frombuffer(ix.buffers()[1], dtype=dtype, count=ix.offset + len(ix))[ix.offset:]


def arrow_call(name: str, *args: Any) -> Any:
    """Arrow's compute function ``name`` on ``args``, without importing ``pyarrow.compute``.

    The array methods that compute (``Array.dictionary_encode``…) import
    ``pyarrow.compute``, whose import wraps its 286 functions with their docs: 70 to 90 ms,
    more than the call saves (a national call's cell groups: 3 ms hashed against 60 ms
    sorted).  The function registry it wraps, ``pyarrow._compute``, loads in 15 ms; the
    public module is the fallback if a pyarrow release moves it.
    """
    try:
        from pyarrow._compute import call_function
    except ImportError:  # pragma: no cover - the public name, slower to import
        from pyarrow.compute import call_function
    return call_function(name, list(args))


def _arrow_parse(body: Any, sep: str, names: list[str], types: dict[str, Any]) -> Any:
    """Arrow's CSV reader on ``body`` (None if it refuses the file)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    try:
        tbl = pcsv.read_csv(
            body,
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24,
                                          use_threads=_ARROW_THREADS),
            parse_options=pcsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=types, strings_can_be_null=False,
                quoted_strings_can_be_null=False, check_utf8=False),
        )
        _texts_utf8(tbl)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # not UTF-8 (decoded as isgrid.io.text.decode says), or refused
    return tbl if _cells_within(tbl) else None


def _texts_utf8(tbl: Any) -> None:
    """Raise ``ArrowInvalid`` unless every text of Arrow's parse is UTF-8: each dictionary's
    distinct texts and the comments checked once, the same files accepted and refused as
    by Arrow's ``check_utf8``, which reads every cell before a dictionary encodes it (25
    ms of a national file's 0.26 s of parse)."""
    for column in tbl.columns:
        for chunk in column.chunks:
            (chunk.dictionary if hasattr(chunk, "dictionary") else chunk).validate(full=True)


def _cells_within(tbl: Any) -> bool:
    """No cell of Arrow's parse has more than :data:`MAX_CELL_CHARS` bytes.

    A longer one may be too long (in characters): the row reader decides, and
    reports it at its line and column.  Read from the texts' offsets (no copy).
    """
    import numpy as np

    for column in tbl.columns:
        for chunk in column.chunks:
            texts = chunk.dictionary if hasattr(chunk, "dictionary") else chunk
            n = len(texts)
            if not n:
                continue
            offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32,
                                    count=texts.offset + n + 1)[texts.offset:]
            if offsets[-1] - offsets[0] > MAX_CELL_CHARS and \
                    np.diff(offsets).max() > MAX_CELL_CHARS:
                return False
    return True
