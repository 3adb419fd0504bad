"""The comments of ``ratings/*.csv`` and ``opinions/*.csv`` emptied by ``isgrid call
purge`` (split from :mod:`isgrid.call.purge`): counted by a dry run (:func:`_comments`);
with ``--apply``, each file that has one (:func:`_has_comments`) gets its purged copy
made as it is written (:class:`_Emptied`, which counts them), row by row, into the
temporary file :func:`isgrid.io.write.write_files` makes beside it: a national call's
2 M ratings are never all in memory (``docs/performance.md``, thirty-first pass).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Generator, Iterator
from pathlib import Path

from ..errors import CallError, Diagnostic, Location, Message
from ..io.cells import FORMULA_PREFIXES, csv_writer
from ..io.collector import gc_paused
from ..io.refusal import ContentFailed
from ..io.write import neutralise_row

#: How much of a ratings or opinions file is read at a time (decoded characters), and how
#: many of its rows are encoded into one piece of its purged copy.
_CHUNK = 1 << 20
_ROWS = 20_000


def _encoding(path: Path) -> str:
    """How every command reads ``path`` (:func:`isgrid.io.text.decode`): UTF-8 (a BOM
    skipped), else cp1252, what Excel's « CSV (séparateur : point-virgule) » writes; the
    file checked a piece at a time (a national call's ratings are never all in memory).
    A file that is neither is refused at its line, as the other commands refuse it."""
    check = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as raw:
        while piece := raw.read(_CHUNK):
            try:
                check.decode(piece)
            except UnicodeDecodeError as exc:
                at = line + piece[:exc.start].count(b"\n")
                break
            line += piece.count(b"\n")
        else:
            try:
                check.decode(b"", final=True)
            except UnicodeDecodeError:
                at = line
            else:
                return "utf-8-sig"
    try:
        with path.open(encoding="cp1252", newline="") as text:
            while text.read(_CHUNK):
                pass
    except UnicodeDecodeError:
        raise CallError("a file cannot be read", [Diagnostic(
            "encoding-invalid", Message("the file is neither UTF-8 nor cp1252"),
            Location(str(path), line=at),
            hint="Save it again in UTF-8 (Excel: « CSV UTF-8 »), then purge again; nothing "
            "was changed.")]) from None
    return "cp1252"


def _csv_rows(path: Path, columns: tuple[str, ...] = ("comment",),
              encoding: str | None = None,
              ) -> tuple[str, bool, str, Iterator[list[str]]] | None:
    """The separator of a ratings, opinions or dossiers file, whether it starts with a
    BOM, its encoding, and its rows as they are read (one at a time); None for a file
    with none of ``columns`` (casefolded names; a ratings file's ``comment``).  The
    separator is the one its first line (up to its first LF) has more of.  A file Excel
    saved in cp1252 is read as every command reads it (:func:`_encoding`; ``encoding``:
    what it found already, so that a file is scanned once)."""
    with path.open("rb") as raw:
        bom = raw.read(3) == b"\xef\xbb\xbf"
    if encoding is None:
        encoding = _encoding(path)
    semicolons = commas = 0
    with path.open(encoding=encoding, newline="") as text:
        while chunk := text.read(_CHUNK):
            head = chunk.split("\n", 1)[0]
            semicolons, commas = semicolons + head.count(";"), commas + head.count(",")
            if len(head) < len(chunk):
                break
    sep = ";" if semicolons > commas else ","

    def rows() -> Generator[list[str], None, None]:
        with path.open(encoding=encoding, newline="") as fh:
            yield from csv.reader(fh, delimiter=sep)

    it = rows()
    header = next(it, None)
    if header is None or not _columns_at(header, columns):
        it.close()
        return None
    return sep, bom, encoding, itertools.chain([header], it)


def _columns_at(header: list[str], columns: tuple[str, ...]) -> list[int]:
    """Where ``columns`` (casefolded names) are in ``header``."""
    return [i for i, c in enumerate(header) if c.strip().casefold() in columns]


def _commented(row: list[str], at: list[int]) -> bool:
    """The row holds something to empty: one of its cells ``at`` is not blank."""
    return any(i < len(row) and row[i].strip() for i in at)


def _comments(path: Path, columns: tuple[str, ...] = ("comment",)) -> int:
    """How many rows of ``path`` (a ratings or opinions file) hold a comment (0 without
    a ``comment`` column); with ``columns``, a value in one of them."""
    return _counted(path, columns)[0]


def _counted(path: Path, columns: tuple[str, ...] = ("comment",)
             ) -> tuple[int, str | None, list[str]]:
    """:func:`_comments`, with the file's encoding (:func:`_encoding`; None without one of
    ``columns``) and the names of its header among ``columns`` as written."""
    read = _csv_rows(path, columns)
    if read is None:
        return 0, None, []
    rows = read[3]
    header = next(rows)
    at = _columns_at(header, columns)
    return sum(1 for row in rows if _commented(row, at)), read[2], \
        [header[i].strip() for i in at]


def _has_comments(path: Path) -> str | None:
    """The encoding of ``path`` (:func:`_encoding`, for :class:`_Emptied`) when it holds a
    comment (read up to the first one), else None."""
    read = _csv_rows(path)
    if read is None:
        return None
    rows = read[3]
    at = _columns_at(next(rows), ("comment",))
    return read[2] if any(_commented(row, at) for row in rows) else None


class _Emptied:
    """The purged copy of a ratings or opinions file, made as it is written (pieces of
    bytes, for :func:`isgrid.io.write.write_files`): every row as read, its comment
    emptied, through the one neutraliser (the kept cells of a hostile file too), the BOM
    and the separator kept; how many in :attr:`emptied`.  Read when written, under the
    purge's hold of the folder's write lock: what it found commented
    (:func:`_has_comments`), in the encoding it found (``encoding``: the file is not
    scanned again)."""

    def __init__(self, path: Path, columns: tuple[str, ...] = ("comment",),
                 neutralise: bool = True, encoding: str | None = None) -> None:
        self.path = path
        self.encoding = encoding  #: the file's, as :func:`_encoding` found it (or None)
        self.columns = columns  #: the columns emptied (casefolded names)
        #: the cells kept go through the neutraliser (the jurors' files, which isgrid
        #: wrote); a table of dossiers is kept as typed, its contact columns emptied
        self.neutralise = neutralise
        self.emptied = 0  #: the rows emptied, once written

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._pieces()
        except OSError as exc:  # the file unreadable now: said as the content's error
            raise ContentFailed(exc) from exc

    def _pieces(self) -> Iterator[bytes]:
        read = _csv_rows(self.path, self.columns, self.encoding)
        if read is None:  # pragma: no cover - counted, then its column gone (by hand)
            yield self.path.read_bytes()
            return
        sep, bom, encoding, rows = read
        # written back as it was read: a file Excel saved in cp1252 stays one, UTF-8 stays
        # UTF-8 (its BOM kept below); every cell came from that encoding, the neutraliser
        # only adds an apostrophe
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        header = next(rows)
        at = _columns_at(header, self.columns)
        if bom:
            yield b"\xef\xbb\xbf"
        buf = io.StringIO(newline="")
        # a cell holding a lone \r quoted too (io.cells.csv_writer: Python's writer quotes the
        # line end's characters only, and a reason or comment typed on a Mac was written
        # bare, its row split in two when read back)
        out = csv_writer(buf, delimiter=sep, lineterminator="\n")
        out.writerow(neutralise_row(header) if self.neutralise else header)
        self.emptied = 0
        # a batch of rows at a time, written as read unless the text written shows a cell
        # that may start like a formula (:func:`_formula_in`): a national call's 3 M
        # ratings went through the neutraliser cell by cell; and the cyclic garbage
        # collector off meanwhile: each batch's rows are lists (containers it tracks),
        # which started a collection every 700 rows, the older generations' walking every
        # object alive; they hold no cycle, and are freed when their batch is written
        # (30,000 dossiers, 3 M ratings: 10.3 s of processor time, 6.2 s now)
        with gc_paused():  # (see io.collector.gc_paused: nothing here is cyclic)
            while batch := list(itertools.islice(rows, _ROWS)):
                self.emptied += _empty(batch, at)
                start = buf.tell()
                out.writerows(batch)
                text = buf.getvalue()
                if self.neutralise and _formula_in(text, start, sep):  # (rare) written again
                    buf.seek(start)
                    buf.truncate()
                    out.writerows([neutralise_row(row) if _risky(row) else row
                                   for row in batch])
                    text = buf.getvalue()
                yield text.encode(encoding)
                buf.seek(0)
                buf.truncate()
        if buf.tell():  # a file of a header only
            yield buf.getvalue().encode(encoding)


def _empty(batch: list[list[str]], at: list[int]) -> int:
    """Empty the cells ``at`` of every row of ``batch`` that holds something there
    (:func:`_commented`); how many rows."""
    n = 0
    if len(at) == 1:  # a ratings or opinions file: its one comment column
        i = at[0]
        for row in batch:
            if len(row) > i and row[i].strip():
                row[i] = ""
                n += 1
        return n
    for row in batch:
        if _commented(row, at):
            for i in at:
                if i < len(row):
                    row[i] = ""
            n += 1
    return n


def _risky(row: list[str]) -> bool:
    """A cell of ``row`` (as the csv module reads it: texts) starts like a formula: only
    such a row can :func:`neutralise_row` change."""
    return any(cell.startswith(FORMULA_PREFIXES) for cell in row)


def _formula_in(text: str, start: int, sep: str) -> bool:
    """Whether a cell of the rows the csv module wrote in ``text`` from ``start`` (each
    row whole) may start like a formula: the rows are then written again, each through
    the neutraliser (:func:`neutralise_row`).  Most batches of a ratings file have none:
    they are written as read, checked by a few searches of the text (a national call's
    3 M rows each went through a check of its own).  A cell the csv module writes starts
    at a row's start, after a separator, or after the quote it opens (one holding an LF,
    the line end, always); every such place is found, and a few others (false alarms, only
    slower)."""
    for c in FORMULA_PREFIXES:
        if text.find(c, start) < 0:
            continue
        if c == "\n":
            befores: tuple[str, ...] = (f'{sep}"', '\n"')
        else:
            befores = (sep, "\n", '"')
            if text.startswith(c, start):
                return True
        if text.startswith('"' + c, start) \
                or any(text.find(before + c, start) >= 0 for before in befores):
            return True
    return False
