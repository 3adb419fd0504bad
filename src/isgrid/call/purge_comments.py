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


def _csv_rows(path: Path) -> tuple[str, bool, str, Iterator[list[str]]] | None:
    """The separator of a ratings or opinions file, whether it starts with a BOM, its
    encoding, and its rows as they are read (one at a time); None for a file without a ``comment`` column.
    The separator is the one its first line (up to its first LF) has more of.  A file
    Excel saved in cp1252 is read as every command reads it (:func:`_encoding`)."""
    with path.open("rb") as raw:
        bom = raw.read(3) == b"\xef\xbb\xbf"
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
    if header is None or "comment" not in [c.strip().casefold() for c in header]:
        it.close()
        return None
    return sep, bom, encoding, itertools.chain([header], it)


def _comment_at(header: list[str]) -> int:
    return [c.strip().casefold() for c in header].index("comment")


def _commented(row: list[str], i: int) -> bool:
    """The row holds a comment: its ``comment`` cell (the ``i``-th) is not blank."""
    return i < len(row) and bool(row[i].strip())


def _comments(path: Path) -> int:
    """How many comments ``path`` (a ratings or opinions file) holds (0 without a
    ``comment`` column)."""
    read = _csv_rows(path)
    if read is None:
        return 0
    rows = read[3]
    i = _comment_at(next(rows))
    return sum(1 for row in rows if _commented(row, i))


def _has_comments(path: Path) -> bool:
    """``path`` holds a comment (read up to the first one)."""
    read = _csv_rows(path)
    if read is None:
        return False
    rows = read[3]
    i = _comment_at(next(rows))
    return any(_commented(row, i) for row in rows)


class _Emptied:
    """The purged copy of a ratings or opinions file, made as it is written (pieces of
    bytes, for :func:`isgrid.io.write.write_files`): every row as read, its comment
    emptied, through the one neutraliser (the kept cells of a hostile file too), the BOM
    and the separator kept; how many in :attr:`emptied`.  Read when written, under the
    purge's hold of the folder's write lock: what it found commented
    (:func:`_has_comments`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.emptied = 0  #: the comments emptied, once written

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._pieces()
        except OSError as exc:  # the file unreadable now: said as the content's error
            raise ContentFailed(exc) from exc

    def _pieces(self) -> Iterator[bytes]:
        read = _csv_rows(self.path)
        if read is None:  # pragma: no cover - counted, then its column gone (by hand)
            yield self.path.read_bytes()
            return
        sep, bom, encoding, rows = read
        # written back as it was read: a file Excel saved in cp1252 stays one, UTF-8 stays
        # UTF-8 (its BOM kept below); every cell came from that encoding, the neutraliser
        # only adds an apostrophe
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        header = next(rows)
        i = _comment_at(header)
        if bom:
            yield b"\xef\xbb\xbf"
        buf = io.StringIO(newline="")
        out = csv.writer(buf, delimiter=sep, lineterminator="\n")
        out.writerow(neutralise_row(header))
        self.emptied = 0
        for n, row in enumerate(rows, start=1):
            if _commented(row, i):
                row[i] = ""
                self.emptied += 1
            out.writerow(neutralise_row(row))
            if n % _ROWS == 0:
                yield buf.getvalue().encode(encoding)
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue().encode(encoding)
