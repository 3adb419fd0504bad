"""Reading tables (CSV; XLSX in :mod:`isgrid.io.xlsx`) with the place of every cell.

CSV files come from spreadsheets and platforms: the separator (``,``, ``;`` or
tab) is sniffed from the header line, encodings are handled by
:mod:`isgrid.io.text`, and every row keeps its line number.  Workbooks are
read with openpyxl (imported lazily); formulas are refused where a value is
expected, because a cached formula result may be stale.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Collector, Location, Message, Quote
from .csvtext import (
    CellTooLarge,
    bounded_lines,
    first_line,
    report_too_large,
    too_wide,
)
from .csvtext import sniff_separator as sniff_separator
from .excel import excel_error, excel_trace, may_hold_errors
from .text import read_text


class Row:
    """One data row: values by (normalised) column name, and where each came from.

    A row does not build the place of its cells up front: ``columns`` maps a
    column to its 1-based position and :meth:`loc` builds the :class:`Location`
    when a diagnostic asks for it (``file:line:col`` in a CSV file,
    ``file!sheet!B12`` in a sheet, ``sheet`` given); the row's own place
    (``where``) is likewise built from its file and line on first use.
    Building one Location per cell, then one per row, cost more than parsing a
    20,000-row table (and a third of reading a juror's workbook of 20,000
    rows); nearly all are never read.
    """

    __slots__ = ("_columns", "_file", "_line", "_locations", "_sheet", "_where", "values")

    def __init__(self, values: dict[str, Any], locations: dict[str, Location] | None,
                 where: Location | None, columns: dict[str, int] | None = None,
                 file: str | None = None, line: int | None = None,
                 sheet: str | None = None) -> None:
        self.values = values
        self._where = where  # the row as a whole (None: built from file and line)
        self._file = file
        self._line = line
        self._sheet = sheet
        self._locations = locations
        self._columns = columns

    @property
    def where(self) -> Location:
        if self._where is None:
            self._where = (Location(self._file, line=self._line) if self._sheet is None
                           else Location(self._file, sheet=self._sheet, cell=f"A{self._line}"))
        return self._where

    def place(self) -> str:
        """``str(self.where)`` without building the Location (a dossier keeps its row's place)."""
        if self._where is None and self._file is not None and self._line is not None \
                and self._sheet is None:
            return f"{self._file}:{self._line}"
        return str(self.where)

    def _at(self, i: int) -> Location:
        """The place of the cell in the row's ``i``-th column (1-based)."""
        if self._sheet is not None:
            return Location(self._file, sheet=self._sheet, cell=cell_ref(self._line or 1, i))
        return Location(self._file, line=self._line, column=i)

    @property
    def locations(self) -> dict[str, Location]:
        if self._locations is None:
            self._locations = {c: self._at(i) for c, i in (self._columns or {}).items()}
        return self._locations

    def loc(self, column: str) -> Location:
        if self._locations is not None or self._columns is None:
            return self.locations.get(column, self.where)
        i = self._columns.get(column)
        if i is None:
            return self.where
        return self._at(i)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.values, self.locations, self.where) == \
            (other.values, other.locations, other.where)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Row(values={self.values!r}, where={self.where!r})"


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    sheet: str | None = None
    header_locations: dict[str, Location] = field(default_factory=dict)
    #: a sheet's columns that hold values under an empty header cell (its place, by
    #: column number): the readers that need every column say so (a juror's workbook)
    unnamed: dict[int, Location] = field(default_factory=dict)


def normalise_header(name: Any) -> str:
    return str(name if name is not None else "").strip().lstrip("\ufeff").strip()


def header_names(raw: Sequence[Any]) -> list[str]:
    """A CSV header's column names (:func:`normalise_header`), without the empty cells at
    its end: the columns a spreadsheet adds when cells to the right were once touched
    (Excel writes « ;;; » at the end of every line, the header's too).  Their cells are
    empty on every row, and are read as no column (a value under one is refused, at its
    cell, as a cell beyond the header: :func:`beyond`).  The one rule of every CSV
    reader's header (ratings, dossiers, conflicts, assignments, a juror's sheet)."""
    cols = [normalise_header(c) for c in raw]
    while cols and not cols[-1]:
        cols.pop()
    return cols


def beyond(raw: Sequence[str], width: int) -> int | None:
    """The column (1-based) of the first non-blank cell of ``raw`` beyond the header's
    ``width`` (None when there is none)."""
    for i in range(width, len(raw)):
        if raw[i].strip():
            return i + 1
    return None


def column_positions(columns: Sequence[str]) -> dict[str, int]:
    """Each column's position by its case-folded name.

    How every reader finds the column it asks for, whatever its case (a header
    ``Dossier`` is the column ``dossier``); a name given twice is its last column,
    as a row's cells are; a blank header names no column.
    """
    return {c.casefold(): i for i, c in enumerate(columns) if c}


def columns_named(table: Table) -> dict[str, str]:
    """The table's columns by their case-folded names (:func:`column_positions`)."""
    return {name: table.columns[i] for name, i in column_positions(table.columns).items()}


def read_csv(path: Path, diags: Collector, *, max_bytes: int | None = None,
             hashes: dict[str, str] | None = None) -> Table | None:
    text = read_text(path, diags, max_bytes=max_bytes, hashes=hashes, table=True)
    if text is None:
        return None
    return parse_csv(text, str(path), diags)


def parse_csv(text: str, file: str, diags: Collector, *, twice: bool = True) -> Table | None:
    """The table of ``text`` (a CSV file's, ``file`` its name in the diagnostics).
    ``twice``: whether two columns of the same name are said here (``csv-syntax``); False
    when the caller says them in its own words (:mod:`isgrid.intake`: a platform's export)."""
    if not text or text.isspace():  # not text.strip(): no copy of the text
        diags.add("csv-syntax", Message("the file is empty"), Location(file, line=1),
                  hint="A CSV needs at least a header row.")
        return None
    sep = sniff_separator(first_line(text))
    reader = csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True)
    table: Table | None = None
    errors = may_hold_errors(text)  # a cell Excel turned into #NOM?: looked for cell by cell
    try:
        start = 1
        for raw in reader:
            end = reader.line_num
            if table is None and not "".join(raw).strip():
                start = end + 1  # blank lines before the header
                continue
            if table is None:
                header_line = start
                if too_wide(len(raw), diags, file, start):
                    return None
                cols = header_names(raw)
                table = Table(file, cols)
                table.header_locations = {
                    c: Location(file, line=header_line, column=i + 1) for i, c in enumerate(cols)
                }
                if any(not c for c in cols):
                    diags.add("csv-syntax", Message("a column of the header has no name"),
                              Location(file, line=header_line))
                seen: dict[str, int] = {}
                for i, c in enumerate(cols):
                    if twice and c and c in seen:
                        diags.add("csv-syntax", Message("the column {column} appears twice",
                                                        column=Quote(c)),
                                  Location(file, line=header_line, column=i + 1),
                                  hint=Message("Rename or delete one of the two: isgrid reads "
                                               "a column by its name (the other one is column "
                                               "{first}).", first=seen[c] + 1))
                    seen.setdefault(c, i)
                columns = table.columns
                width = len(columns)
                positions = {c: i + 1 for i, c in enumerate(columns)}
                rows_append = table.rows.append
                start = end + 1
                continue
            # only blank cells (same as: no cell.strip()); the first cell, usually an
            # id, settles most rows without joining them
            if not (raw and raw[0].strip()) and not "".join(raw).strip():
                start = end + 1
                continue
            if len(raw) > width:
                if "".join(raw[width:]).strip():
                    diags.add("csv-row-length",
                              Message("the row has {n} cells; the header has {width}",
                                      n=len(raw), width=width),
                              Location(file, line=start, column=beyond(raw, width)))
                    start = end + 1
                    continue
            elif len(raw) < width:
                raw += [""] * (width - len(raw))
            if errors:
                _refuse_errors(raw, columns, file, start, diags)
            # zip stops at the header's width; a repeated column keeps its last cell (as positions)
            rows_append(Row(dict(zip(columns, raw, strict=False)), None, None, positions,
                            file, start))
            start = end + 1
    except (csv.Error, CellTooLarge) as exc:
        if not report_too_large(diags, exc, text, sep, file, start, reader.line_num + 1):
            diags.add("csv-syntax", Message("cannot parse the CSV: {error}", error=exc),
                      Location(file, line=reader.line_num))
        return None
    if table is None:
        diags.add("csv-syntax", Message("the file has no header row (only empty cells)"),
                  Location(file, line=1), hint="The first line names the columns.")
    return table


def csv_header(text: str) -> list[str] | None:
    """The header :func:`parse_csv` reads in ``text``, its first row with a non-blank cell
    (:func:`header_names`), without reading the rows after it; None when there is none or
    it cannot be read (:func:`parse_csv` says why)."""
    if not text or text.isspace():
        return None
    sep = sniff_separator(first_line(text))
    try:
        for raw in csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True):
            if "".join(raw).strip():
                return header_names(raw)
    except (csv.Error, CellTooLarge):
        return None
    return None


def _refuse_errors(raw: list[str], columns: list[str], file: str, line: int,
                   diags: Collector) -> None:
    """Refuse each cell of ``raw`` that is an error value Excel wrote in place of what was
    typed (``#NOM?``: :func:`isgrid.io.excel.excel_error`) at its place, and blank it: it
    is never read as the text it replaced."""
    for i, (cell, name) in enumerate(zip(raw, columns, strict=False)):
        if excel_error(cell) is not None:
            trace = excel_trace(cell, name or f"#{i + 1}")
            assert trace is not None
            trace.add(diags, Location(file, line=line, column=i + 1))
            raw[i] = ""


def csv_columns(path: Path, names: tuple[str, ...]) -> dict[str, list[str]] | None:
    """Only the named columns of a CSV file, as lists of stripped texts (None: unreadable).

    For large machine-written tables read whole and without diagnostics
    (``assignments.csv`` of a national call: 80,000 rows): the rows
    :func:`parse_csv` keeps, but no :class:`Row` per row.  Same separator
    sniffing, header normalisation (names matched whatever their case, as the
    readers with diagnostics match them; a repeated column keeps its last cell), blank
    rows skipped, and rows with extra non-blank cells left out, as parse_csv
    leaves them out; a missing column gives empty texts.
    """
    text = read_text(path, Collector(), table=True)
    if text is None or not text or text.isspace():
        return None
    sep = sniff_separator(first_line(text))
    reader = csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True)
    out: dict[str, list[str]] = {n: [] for n in names}
    at: list[tuple[list[str], int]] | None = None
    width = 0
    try:
        for raw in reader:
            if not (raw and raw[0].strip()) and not "".join(raw).strip():
                continue
            if at is None:
                cols = header_names(raw)
                width = len(cols)
                pos = column_positions(cols)
                at = [(out[n], pos.get(n.casefold(), width)) for n in names]
                continue
            if len(raw) > width and "".join(raw[width:]).strip():
                continue
            for values, i in at:
                values.append(raw[i].strip() if i < len(raw) and i < width else "")
    except (csv.Error, CellTooLarge):
        return None
    return out if at is not None else None


def column_letters(col: int) -> str:
    """A column's letters: 1 is A, 27 is AA, 16384 is XFD (openpyxl's get_column_letter,
    without importing openpyxl for a diagnostic's place)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"
