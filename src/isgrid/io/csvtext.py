"""CSV text handed to Python's ``csv`` reader within bounds (docs/security.md).

Every CSV table isgrid reads row by row (ratings, dossiers, answers...) goes
through :func:`bounded_lines`: its lines, a chunk of the text at a time, so
that no copy of the whole text is made (``io.StringIO`` of the text keeps four
bytes a character: a 150 MB file cost 600 MB there alone).  A cell is at most
:data:`MAX_CELL_CHARS` characters: the ``csv`` reader builds a cell in a buffer
of four bytes a character that doubles as it grows, so an unbounded cell costs
up to eight times its length; a line longer than a chunk is checked before it
is copied (:func:`line_problem`).  A cell over the limit is reported by
:func:`report_too_large` at its line and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from ..errors import Collector, Count, Location, Message

#: The longest cell a CSV table may hold, in characters.  A long comment (a pasted
#: report) is no error: this is 30 times what a spreadsheet cell holds (32,767),
#: some 500 pages; beyond it the ``csv`` reader's buffer, not the file's size,
#: would bound the memory (docs/security.md, « Tables are read within bounds »).
MAX_CELL_CHARS = 1_000_000
csv.field_size_limit(MAX_CELL_CHARS)  # and again for each table (bounded_lines)

#: Characters of text handed to one ``io.StringIO`` (cut at a line's end).
_CHUNK = 1 << 20
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"?')
_NOT_BLANK = re.compile(r"\S")
_UNQUOTED: dict[str, re.Pattern[str]] = {}


#: The most cells a line of a CSV table may hold: a spreadsheet's columns (.xlsx and .ods
#: sheets hold 16,384).  Beyond it, the ``csv`` reader's list of cells, not the file's
#: size, would bound the memory: a 150 MB header of « x, » took 6 GB and 38 s.
MAX_CELLS = 16_384


class CellTooLarge(Exception):
    """A line holds a cell of more than :data:`MAX_CELL_CHARS` characters."""

    def __init__(self, column: int, chars: int) -> None:
        super().__init__(column, chars)
        self.column, self.chars = column, chars


class TooManyCells(CellTooLarge):
    """A line holds more than :data:`MAX_CELLS` cells (``column``: the first beyond)."""


def sniff_separator(header_line: str) -> str:
    """A table's separator, from its header line: the most frequent of ``;``, ``,`` and
    tab (``,`` when there is none)."""
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


_QUOTED_CELLS: dict[str, re.Pattern[str]] = {}
_HEAD = re.compile(r"[^\r\n]*\S[^\r\n]*")


def row_ends(text: str) -> str:
    """A table's text (its ``\r\n`` already ``\n``) with each lone ``\r`` that ends a row
    made ``\n`` (a Mac spreadsheet's line ends), and each ``\r`` inside a quoted cell
    kept: a comment holding a lone carriage return (a copy-paste), which isgrid's own
    files write quoted (:func:`isgrid.io.cells.csv_writer`), reads back as it was typed.

    A quoted cell is one whose first character is ``"``, as the ``csv`` reader reads it:
    at the start of the text, of a line, or after the separator (sniffed from the first
    line that is not blank); it runs to the quote that closes it (``""`` is a quote)."""
    if "\r" not in text:  # one scan: nearly every table
        return text
    head = _HEAD.search(text)
    sep = sniff_separator(head.group() if head else "")
    quoted = _QUOTED_CELLS.get(sep)
    if quoted is None:
        quoted = _QUOTED_CELLS[sep] = re.compile(
            f'(?:(?<=[{re.escape(sep)}\r\n])|^)"[^"]*(?:""[^"]*)*"?')
    out: list[str] = []
    at = 0
    for m in quoted.finditer(text):
        if "\r" in m.group():  # the cells without one are copied with the text around
            out.append(text[at:m.start()].replace("\r", "\n"))
            out.append(m.group())
            at = m.end()
    out.append(text[at:].replace("\r", "\n"))
    return "".join(out)


def bounded_lines(text: str, sep: str) -> Iterator[str]:
    """The lines of ``text`` with their line ends ``\n``, as ``io.StringIO(text,
    newline="\n")`` gives them, a chunk at a time (a ``\r`` is no line end here: the text
    is :func:`row_ends`', whose only ones are inside quoted cells, and a line's number is
    the count of ``\n`` before it, as everywhere).

    A line longer than a chunk is looked at first: :class:`CellTooLarge` when it
    holds a cell over the limit (read as a row starting there), else it is
    given whole.
    """
    # The limit is the csv module's, for the whole process: set again for each table,
    # since a library may set its own when imported (frictionless, which the open-data
    # export loads, sets a larger one; the suite's order found it)
    csv.field_size_limit(MAX_CELL_CHARS)
    n = len(text)
    at = 0
    while at < n:
        stop = at + _CHUNK
        if stop >= n:
            yield from io.StringIO(text[at:] if at else text, newline="\n")
            return
        nl = text.rfind("\n", at, stop)
        if nl >= 0:
            yield from io.StringIO(text[at:nl + 1], newline="\n")
            at = nl + 1
            continue
        problem = line_problem(text, at, sep)
        if problem is not None:
            raise problem
        end = text.find("\n", stop)
        end = n if end < 0 else end + 1
        yield text[at:end]
        at = end


def too_wide(cells: int, diags: Collector, file: str, line: int) -> bool:
    """Report a header of more than :data:`MAX_CELLS` cells (``cells``) at its ``line``, as
    :func:`line_problem` reports a long line (a short header is split before it is
    counted: the same rule, said for it too); False when it is within bounds."""
    if cells <= MAX_CELLS:
        return False
    _too_many(diags, file, line, MAX_CELLS + 1)
    return True


def _too_many(diags: Collector, file: str, line: int, column: int) -> None:
    """The ``too-many-cells`` error at the first cell beyond :data:`MAX_CELLS`."""
    diags.add("too-many-cells", Message("the line has more than {limit} cells",
                                        limit=Count(MAX_CELLS)),
              Location(file, line=line, column=column),
              hint=Message("A table has at most {limit} columns, as a spreadsheet: check "
                           "the separator, or split the file.", limit=Count(MAX_CELLS)))


def header_problem(text: str, sep: str) -> tuple[int, CellTooLarge] | None:
    """:func:`line_problem` of the header (the first line that is not blank), with its
    line number, when that line is longer than a chunk (a shorter one is within bounds).
    Read without copying the text."""
    start, line, n = 0, 1, len(text)
    while start < n:
        end = text.find("\n", start)
        stop = n if end < 0 else end
        if _NOT_BLANK.search(text, start, stop):
            if stop - start <= _CHUNK:
                return None
            problem = line_problem(text, start, sep)
            return None if problem is None else (line, problem)
        if end < 0:
            return None
        start, line = end + 1, line + 1
    return None


def line_problem(text: str, at: int, sep: str) -> CellTooLarge | None:
    """What makes the row that starts at offset ``at`` too large to hand to the ``csv``
    reader, whichever comes first: its first cell over :data:`MAX_CELL_CHARS`
    (:class:`CellTooLarge`: its column, 1-based, and its length in characters of the
    text as written, quotes included) or its first cell beyond :data:`MAX_CELLS`
    (:class:`TooManyCells`, where the reading stops); None when it is within bounds.
    Read without copying the text, and no further than the problem."""
    unquoted = _UNQUOTED.get(sep)
    if unquoted is None:
        unquoted = _UNQUOTED[sep] = re.compile(f"[^{re.escape(sep)}\n]*")
    n = len(text)
    column = 1
    while True:
        start = at
        if at < n and text[at] == '"':
            m = _QUOTED.match(text, at)
            assert m is not None
            at = m.end()
        m = unquoted.match(text, at)  # a cell's (or a badly quoted cell's) rest
        assert m is not None
        at = m.end()
        if at - start > MAX_CELL_CHARS:
            return CellTooLarge(column, at - start)
        if at >= n or text[at] != sep:
            return None
        at += 1
        column += 1
        if column > MAX_CELLS:
            return TooManyCells(column, 0)


def first_line(text: str) -> str:
    """The first line that is not blank (the header), without splitting the whole text."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            return line
        start = end + 1


def line_offset(text: str, line: int) -> int:
    """Where line ``line`` (1-based) of ``text`` starts (the end of the text: no such line)."""
    at = 0
    for _ in range(line - 1):
        nl = text.find("\n", at)
        if nl < 0:
            return len(text)
        at = nl + 1
    return at


def report_too_large(diags: Collector, exc: Exception, text: str, sep: str, file: str,
                     row_line: int, next_line: int) -> bool:
    """Report ``exc`` (raised while the ``csv`` reader read ``text``) when it is a cell
    over the limit; False when it is another error.

    ``row_line``: the line where the row being read starts; ``next_line``: the line
    the reader was to read next (where :func:`bounded_lines` found a long cell).
    """
    found: tuple[int, int] | None
    if isinstance(exc, TooManyCells):
        _too_many(diags, file, next_line, exc.column)
        return True
    if isinstance(exc, CellTooLarge):
        line, found = next_line, (exc.column, exc.chars)
    elif isinstance(exc, csv.Error) and str(exc).startswith("field larger than field limit"):
        line = row_line
        problem = line_problem(text, line_offset(text, row_line), sep)
        if isinstance(problem, TooManyCells):  # more cells than a sheet before the long one
            return report_too_large(diags, problem, text, sep, file, row_line, row_line)
        found = None if problem is None else (problem.column, problem.chars)
    else:
        return False
    column, chars = found if found is not None else (None, None)
    what = (Message("a cell of {chars} characters; the limit is {limit}",
                    chars=Count(chars), limit=Count(MAX_CELL_CHARS)) if chars is not None
            else Message("a cell is longer than {limit} characters", limit=Count(MAX_CELL_CHARS)))
    diags.add("cell-too-large", what, Location(file, line=line, column=column),
              hint=Message("Shorten the cell, or keep the long text in a document of its own "
                           "(a spreadsheet cell holds at most {excel} characters).",
                           excel=Count(32_767)))
    return True
