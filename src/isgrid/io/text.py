"""Reading text files as people really produce them.

UTF-8 with or without a BOM is read silently; anything else is decoded as
cp1252 (what Excel on Windows writes) with a warning, because a jury secretary
should not have to know what an encoding is.  Files are bounded in size so a
hostile or mistaken 2 GB upload cannot exhaust memory.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import Collector, Count, Location, Message, Quote
from .csvtext import row_ends

#: Maximum size of one YAML file (grid, call.yaml, dossier), in bytes: these are
#: written by people, and a larger one is a mistake or an attack.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: Maximum size of one table (ratings or dossiers CSV, workbook): a national
#: call's two million ratings take about 60 MB.
MAX_TABLE_BYTES = 500 * 1024 * 1024
MAX_FILE_BYTES = MAX_TABLE_BYTES


def read_bytes(path: Path, diags: Collector, *, max_bytes: int | None = None,
               hashes: dict[str, str] | None = None) -> bytes | None:
    """Read a file's bytes, or record why not and return None.

    ``hashes``: where to record the sha256 of the bytes read, by path, so that a
    result's ``inputs`` hash exactly what was used (a file saved again between
    reading and hashing cannot slip in).
    """
    if max_bytes is None:
        max_bytes = MAX_TABLE_BYTES
    try:
        st = os.stat(path)  # one system call answers "there?", "a file?" and "how big?"
    except FileNotFoundError:
        diags.add("file-not-found", Message("no such file: {path}", path=path), Location(str(path)))
        return None
    except OSError as exc:
        diags.add("file-not-found", Message("cannot read {path}: {strerror}",
                                            path=path, strerror=exc.strerror), Location(str(path)))
        return None
    if not stat.S_ISREG(st.st_mode):  # never opened: a pipe would block, a device never end
        diags.add("file-not-found", Message("{path} is not a regular file", path=path),
                  Location(str(path)),
                  hint="Give an ordinary file (not a folder, a pipe or a device).")
        return None
    size = st.st_size
    if size > max_bytes:
        diags.add(
            "file-too-large",
            Message("the file is {size} bytes; the limit is {max_bytes}",
                    size=Count(size), max_bytes=Count(max_bytes)),
            Location(str(path)),
        )
        return None
    try:
        data = _read_at_most(path, size, max_bytes)
    except OSError as exc:
        diags.add("file-not-found", Message("cannot read {path}: {strerror}",
                                            path=path, strerror=exc.strerror), Location(str(path)))
        return None
    if data is None:  # it grew past the limit since it was measured
        diags.add("file-too-large", Message("the file is more than {max_bytes} bytes",
                                            max_bytes=Count(max_bytes)), Location(str(path)))
        return None
    if hashes is not None:
        import hashlib

        hashes[str(path)] = hashlib.sha256(data).hexdigest()
    return data


def _read_at_most(path: Path, size: int, max_bytes: int) -> bytes | None:
    """The file's bytes, read until its end; None beyond ``max_bytes``.

    With the system's own calls and no buffered file object: a national call's
    20,000 dossier files are each a few hundred bytes, and ``Path.read_bytes``'s
    layers cost twice the reading.  ``size`` (from the ``stat`` already made) is the
    first read's length; a file that grew is read on, never past the limit.
    """
    # O_NONBLOCK (a regular file ignores it): a pipe put in the file's place since its
    # stat (read_bytes never opens one) is opened without waiting for a writer, then
    # refused as the stat would have; so is a device
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks = [os.read(fd, size + 1)]
        total = len(chunks[0])
        while chunks[-1]:
            chunk = os.read(fd, 1 << 20)
            total += len(chunk)
            if total > max_bytes:
                return None
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) <= 2 else b"".join(chunks)


def decode(data: bytes, file: str, diags: Collector, *, table: bool = False) -> str | None:
    """Decode bytes: UTF-8 (BOM stripped), else cp1252 with a warning; line ends made
    ``\n`` (``\r\n``, and a lone ``\r``).  ``table``: the text is a CSV table, whose
    quoted cells keep a lone ``\r`` (:func:`isgrid.io.csvtext.row_ends`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # before anything is said of it
        diags.add("encoding-invalid",
                  Message("the file is UTF-16 (what Excel writes as « Texte Unicode »), "
                          "which isgrid does not read"), Location(file),
                  hint=Message("In Excel, « Enregistrer sous… », type « CSV UTF-8 (délimité "
                               "par des virgules) »."))
        return None
    if b"\x00" in data:
        diags.add("encoding-invalid", Message("the file contains NUL bytes (binary?)"),
                  Location(file))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            diags.add(
                "encoding-invalid",
                Message("the file is neither UTF-8 nor cp1252"),
                Location(file, line=line),
            )
            return None
        twice = twice_decoded(text)
        if twice is not None:  # read « correctly » it is not: its accents are already lost
            twice.add(diags, file)
        else:
            line = data[: exc.start].count(b"\n") + 1
            diags.add(
                "encoding-decoded",
                Message("the file is not UTF-8; it was read as cp1252 (Windows Latin-1)"),
                Location(file, line=line),
                severity="warning",
            )
    # Normalise line endings so positions and values do not depend on CRLF.
    if "\r" not in text:  # one scan instead of two copies of a 50 MB file
        return text
    text = text.replace("\r\n", "\n")
    return row_ends(text) if table else text.replace("\r", "\n")


#: UTF-8's bytes of an accented letter, a typographic quote or « € » once read as
#: cp1252 (« é » → « Ã© », « à » → « Ã\xa0 », « ’ » → « â€™ », « « » → « Â« »): what a
#: UTF-8 file without BOM becomes when Excel opens it as Windows text and saves it.
_CONTINUATION = "\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_TWICE = re.compile(f"[ÂÃ][{_CONTINUATION}]|â[€‚][{_CONTINUATION}]")


@dataclass(frozen=True)
class TwiceDecoded:
    """A text holding UTF-8 read as cp1252 (:data:`_TWICE`): its first place and sample."""

    line: int
    column: int
    sample: str

    def add(self, diags: Collector, file: str) -> None:
        diags.add(
            "encoding-mojibake",
            Message("the text holds {sample}: UTF-8 read as Windows text (cp1252); the file "
                    "was opened in Excel as ANSI and saved, and its accents are garbled from "
                    "here on", sample=Quote(self.sample)),
            Location(file, line=self.line, column=self.column), severity="warning",
            hint=Message("Take the file back as it was before Excel saved it (isgrid sheets "
                         "import keeps each file it replaces in ratings/replaced/ or "
                         "opinions/replaced/), or correct the accents by hand; to edit such "
                         "a file in Excel, open it through Données > À partir d'un fichier "
                         "texte, origine « 65001 : Unicode (UTF-8) », and save it as « CSV "
                         "UTF-8 »."))


def twice_decoded(text: str) -> TwiceDecoded | None:
    """Where ``text`` first holds UTF-8 read as cp1252 (« Ã© »), or None."""
    m = _TWICE.search(text) if ("Ã" in text or "Â" in text or "â" in text) else None
    if m is None:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    return TwiceDecoded(text.count("\n", 0, m.start()) + 1, m.start() - start + 1,
                        m.group())


def read_text(path: Path, diags: Collector, *, max_bytes: int | None = None,
              hashes: dict[str, str] | None = None, table: bool = False) -> str | None:
    """A file's text (:func:`read_bytes`, then :func:`decode`; ``table``: a CSV table)."""
    data = read_bytes(path, diags, max_bytes=max_bytes, hashes=hashes)
    if data is None:
        return None
    return decode(data, str(path), diags, table=table)


#: What XML 1.0 (hence a workbook, a Word document) cannot hold and a file of text should
#: not: the C0 controls but tab and line ends, lone surrogates, U+FFFE and U+FFFF.
CONTROLS = re.compile(r"[\000-\010\013\014\016-\037\ud800-\udfff\ufffe\uffff]")


def without_controls(text: str) -> str:
    """``text`` without :data:`CONTROLS`: invisible characters pasted from a word processor
    (a vertical tab, a NUL) or written as YAML escapes, which a workbook, a Word document
    or a ratings file cannot hold.  The one rule of every such cleaning."""
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


def folded(text: str) -> str:
    """A word a person typed, as compared with the word meant: without accents, case or
    repeated spaces (no-break ones included): « Tres bon » is « Très bon », « FAVORABLE »
    is « favorable ».  The one rule of reading a typed label (a scale's level, an
    opinion); intake's column labels add their final « : » or « * » to it.  Where two
    labels fold alike, only the exact one is read (:func:`isgrid.grid.scales.parse_value`)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.split()).casefold()


def parse_decimal(text: str) -> float | None:
    """Parse a number written the French or the English way ("3,5" or "3.5").

    Thousands separators (spaces, narrow no-break spaces) are accepted.  Returns
    None when the text is not a number.
    """
    s = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    if "," in s and "." not in s and s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value
