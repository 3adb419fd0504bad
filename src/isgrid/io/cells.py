"""The one formula neutralisation of isgrid: a text that a spreadsheet would run as a
formula is written as the text it is.

Who reads a file decides (docs/security.md, « Spreadsheet formulas are neutralised »):

* a CSV file a person opens in a spreadsheet (the score CSV, the jurors' CSV sheets,
  assignments, the letters' mail merge, the call's ratings/opinions/conflicts) gets
  :func:`neutralise_cell`'s leading ``'`` before a formula-like text;
* a workbook (XLSX) gets none: every text cell is written as a typed string
  (``t="inlineStr"``, openpyxl's ``data_type "s"``), which Excel and LibreOffice never run
  as a formula, and a ``'`` would be shown (« '+ de lien social »);
* the open-data files (SCDL subventions, dispositif d'aide) get none: programs read them
  against a schema, and their cells are the applicant's and the call's words as written;
  a text that *is* a formula (:func:`runs_as_formula`: ``=HYPERLINK(…)``, ``-cmd|…``),
  which no title is and which every downloader's spreadsheet would run, is refused by
  the export (``export-formula``, docs/opendata.md), never published nor altered.

The call's own CSV files, which isgrid writes and reads back (``ratings/``, ``opinions/``,
``conflicts/``), are written with :func:`escape_cell` and read with :func:`unescape_cell`,
one the inverse of the other: the file a spreadsheet opens holds ``'- ancrage…``, what
isgrid reads of it is the juror's ``- ancrage…``, never a stray ``'``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import IO, Any

#: Characters that make a spreadsheet cell a formula (or a DDE call), once the
#: cell is opened in Excel or LibreOffice; the full-width forms too, which some
#: spreadsheets fold into ASCII.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d",
                    "\uff20")

#: A plain number as the writers spell it (``-1,33``, ``-12.5``, ``+3``, ``-1e-05``):
#: a spreadsheet reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d\u00a0\u202f]*)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?")


def neutralise_cell(value: Any) -> Any:
    """The one formula neutralisation of isgrid (every CSV and XLSX writer, and import).

    A text that a spreadsheet would run as a formula gets a leading ``'``, so
    that ``=HYPERLINK(...)`` or ``@SUM(...)`` stays the text it is.  Numbers,
    and texts that are plain numbers (a negative score written ``-1,33``), are
    left alone; so is everything else.
    """
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not (value[:1] in "+-" and any(c.isdigit() for c in value)
                     and _PLAIN_NUMBER.fullmatch(value))):
        return "'" + value
    return value


#: The first character of a formula a spreadsheet runs: ``=``; ``+ - @`` too when a call
#: (:data:`_CALL`) follows; the full-width forms as well
_EQUALS = "=\uff1d"
_SIGNS = "+-@\uff0b\uff0d\uff20"
#: A function's call (``HYPERLINK(``, ``SUM(``: its name then « ( », no space) or a DDE
#: link (``cmd|' /C calc'!A0``); a word's inclusive or plural ending in brackets is no call
#: (« -Projet(s) de territoire », « Habitant(e)s », « acteur(rice)s »: :data:`_ENDING`)
_ENDING = r"(?:s|x|e|es|le|les|ne|nes|euse|euses|rice|rices|trice|trices|ère|ères)\)"
_CALL = re.compile(r"[A-Za-z_][\w.]*\((?!" + _ENDING + r")|\|.*!")


def runs_as_formula(text: str) -> bool:
    """``text`` is a formula a spreadsheet opening the file would run: ``=`` first, or
    ``+ - @`` first and a function's call or a DDE link in it (``@SUM(1+1)``,
    ``-2+HYPERLINK(…)``, ``-cmd|' /C calc'!A0``).  « + de lien social », « @Home Solidaire »,
    « - ancrage (phase 2) », « -Projet(s) de territoire » (a plural in brackets, no call)
    are words.  An open-data file refuses such a text rather than
    change it (docs/opendata.md)."""
    head = text.lstrip()[:1]
    return head != "" and (head in _EQUALS
                           or (head in _SIGNS and _CALL.search(text) is not None))


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """:func:`neutralise_cell` of every cell of a row."""
    return [neutralise_cell(v) for v in values]


def _marked(value: str) -> bool:
    """``value`` is a text :func:`escape_cell` marks: after its leading ``'`` (none or
    several), a text :func:`neutralise_cell` would neutralise."""
    rest = value.lstrip("'")
    return neutralise_cell(rest) is not rest


def escape_cell(value: Any) -> Any:
    """A cell of a CSV file isgrid reads back (``ratings/``, ``opinions/``, ``conflicts/``),
    as written: :func:`neutralise_cell`'s leading ``'`` before a text a spreadsheet would run
    (``- ancrage`` is written ``'- ancrage``), and one more ``'`` before a text that really
    starts with ``'`` and then such a text (``'=1`` typed is written ``''=1``), so that
    :func:`unescape_cell` gives back exactly what was typed.  Everything else, numbers
    and ``'`` before anything else (« 'tis »), is written as it is."""
    if isinstance(value, str) and _marked(value):
        return "'" + value
    return value


def escape_row(values: Iterable[Any]) -> list[Any]:
    """:func:`escape_cell` of every cell of a row."""
    return [escape_cell(v) for v in values]


def unescape_cell(text: str) -> str:
    """A cell of a CSV file isgrid reads back, as it was typed: the one ``'``
    :func:`escape_cell` put before a formula-like text dropped (``'- ancrage`` reads
    ``- ancrage``, ``''=1`` reads ``'=1``); any other text as it is.  A file written
    before the escape (only :func:`neutralise_cell`'s ``'``) reads the same, except a text
    typed with a ``'`` before a formula-like one (``'=1`` then read ``=1``)."""
    if text[:1] == "'" and _marked(text[1:]):
        return text[1:]
    return text


def unescape_cells(texts: list[Any]) -> list[Any]:
    """:func:`unescape_cell` of every text of a column, in place (a national call's
    millions of comments: only those starting with ``'`` are looked at); ``texts``."""
    for i, text in enumerate(texts):
        if text and text[0] == "'":
            texts[i] = unescape_cell(text)
    return texts


class _RowEnd:
    """A text buffer behind a ``csv`` writer whose rows end ``\r\n``: each row written
    (one ``write`` a row) ends ``end`` instead."""

    def __init__(self, out: IO[str], end: str) -> None:
        self.out, self.end = out, end

    def write(self, line: str) -> int:
        if self.end != "\r\n" and line.endswith("\r\n"):
            line = line[:-2] + self.end
        return self.out.write(line)


def csv_writer(out: IO[str], *, delimiter: str = ",", lineterminator: str = "\n") -> Any:
    """A ``csv`` writer of a file isgrid reads back, rows ending ``lineterminator``, that
    quotes every cell holding a line end, a lone ``\r`` too.

    Python's writer quotes a cell holding a character of its ``lineterminator`` only: a
    comment with a lone carriage return (a Mac or Windows copy-paste) was written bare
    into a file whose rows end ``\n``, and the row split there when read back.  Quoted, it
    reads back as typed (:func:`isgrid.io.csvtext.row_ends`)."""
    if lineterminator == "\r\n":  # a lone \r is quoted already (a line end's character)
        return csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    return csv.writer(_RowEnd(out, lineterminator), delimiter=delimiter, lineterminator="\r\n")


#: The first characters :func:`neutralise_cell` looks at (each prefix is one character):
#: :func:`spreadsheet_csv` hands it only the texts that start with one.
_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)


def spreadsheet_csv(rows: Iterable[Sequence[Any]], lang: str, *, line_end: str = "\r\n",
                    bom: bool = True, numbers: Collection[int] = ()) -> bytes:
    """The bytes of a CSV file a person opens in a spreadsheet (the ranking of ``score
    --format csv``, the invitations' and the letters' mail merges, a juror's CSV sheet,
    ``grids show --format csv``, ``compare --format csv``): in French as a French spreadsheet opens it, ``;`` between cells (``,``
    in English); rows ending ``line_end`` (``\r\n``, what Excel writes; a cell holding a
    line end, a lone ``\r`` too, is quoted: :func:`csv_writer`); a UTF-8 BOM before the
    first row unless ``bom`` is false, so that Excel reads the accents; every cell through
    :func:`neutralise_cell` (a text already neutralised starts with ``'``: it is left as it
    is).

    The cells are written as they are given: a number as Python writes it (the caller
    spells a decimal « 14,3 » in French), ``None`` as an empty cell.  ``numbers``: the
    columns (from 0) whose cells, below the first row (the header), the caller writes itself
    as numbers (« 84,82 », « -1 », « true », empty), which are never formulas: they are not
    looked at, so that a national call's 500,000 criterion values cost nothing here (a text
    cell of such a row, or a column not named, is looked at as every cell)."""
    buf = io.StringIO(newline="")
    if bom:
        buf.write("\ufeff")
    sep = ";" if lang == "fr" else ","
    w = csv_writer(buf, delimiter=sep, lineterminator=line_end)
    put = buf.write
    first = _FORMULA_FIRST
    texts: Callable[[Sequence[Any]], tuple[Any, ...]] | None = None  # below the header

    def write(row: Sequence[Any]) -> None:
        line = unquoted_line(row, sep)
        if line is None:
            w.writerow(row)
        else:
            put(line)
            put(line_end)

    for row in rows:
        if texts is not None:
            for v in texts(row):
                if isinstance(v, str) and v[:1] in first:
                    break
            else:
                write(row)  # nothing to neutralise
                continue
        write([neutralise_cell(v) if isinstance(v, str) and v[:1] in first else v
               for v in row])
        if texts is None and numbers:
            texts = _cells_of([i for i in range(len(row)) if i not in numbers])
    return buf.getvalue().encode("utf-8")


def unquoted_line(row: Sequence[Any], sep: str) -> str | None:
    """The line of ``row`` as :func:`csv_writer` writes it (without its end), when no cell
    needs quoting; None otherwise, and when a cell is not a text (the writer spells it).

    Python's writer quotes a cell (``QUOTE_MINIMAL``, the rows ending ``\r\n``) when it
    holds the separator, a quote, ``\r`` or ``\n``, and the one cell of a row when it is
    empty: a row of two cells or more without any of them is its cells joined by the
    separator.  The writer looks at every character of every cell through a call of its
    own (``PyUnicode_FindChar`` on the line end, 3.11): a national call's ranking, 7
    million characters, took 0.12 s in it, most of what writing the CSV costs; joined and
    looked at once, its lines take a few hundredths.  The same bytes either way
    (``tests/io/test_unquoted_line.py`` compares the two on random rows)."""
    if len(row) < 2:
        return None
    try:
        line = sep.join(row)
    except TypeError:  # a cell not a text (None, a number): the writer's own spelling
        return None
    if '"' in line or "\r" in line or "\n" in line or line.count(sep) != len(row) - 1:
        return None
    return line


def _cells_of(columns: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A row's cells in ``columns``, as a tuple (:func:`operator.itemgetter`'s, whose one
    column is the cell itself)."""
    from operator import itemgetter

    if len(columns) > 1:
        return itemgetter(*columns)
    return lambda row: tuple(row[i] for i in columns)
