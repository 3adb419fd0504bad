"""Reading tables (CSV and XLSX) with the place of every cell.

CSV files come from spreadsheets and platforms: the separator (``,``, ``;`` or
tab) is sniffed from the header line, encodings are handled by
:mod:`isgrid.io.text`, and every row keeps its line number.  Workbooks are
read with openpyxl (imported lazily); formulas are refused where a value is
expected, because a cached formula result may be stale.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Collector, Count, Location, Message
from .csvtext import CellTooLarge, bounded_lines, first_line, report_too_large, too_wide
from .text import read_bytes, read_text


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
            return Location(self._file, sheet=self._sheet, cell=_cell_ref(self._line or 1, i))
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


def sniff_separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def read_csv(path: Path, diags: Collector, *, max_bytes: int | None = None,
             hashes: dict[str, str] | None = None) -> Table | None:
    text = read_text(path, diags, max_bytes=max_bytes, hashes=hashes)
    if text is None:
        return None
    return parse_csv(text, str(path), diags)


def parse_csv(text: str, file: str, diags: Collector) -> Table | None:
    if not text or text.isspace():  # not text.strip(): no copy of the text
        diags.add("csv-syntax", Message("the file is empty"), Location(file, line=1),
                  hint="A CSV needs at least a header row.")
        return None
    sep = sniff_separator(first_line(text))
    reader = csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True)
    table: Table | None = None
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
                cols = [normalise_header(c) for c in raw]
                table = Table(file, cols)
                table.header_locations = {
                    c: Location(file, line=header_line, column=i + 1) for i, c in enumerate(cols)
                }
                if any(not c for c in cols):
                    diags.add("csv-syntax", Message("a column of the header has no name"),
                              Location(file, line=header_line))
                seen: set[str] = set()
                for i, c in enumerate(cols):
                    if c and c in seen:
                        diags.add("csv-syntax", Message("the column {column} appears twice",
                                                        column=repr(c)),
                                  Location(file, line=header_line, column=i + 1))
                    seen.add(c)
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
                              Location(file, line=start))
                    start = end + 1
                    continue
            elif len(raw) < width:
                raw += [""] * (width - len(raw))
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
    text = read_text(path, Collector())
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
                cols = [normalise_header(c) for c in raw]
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


def _column_letters(col: int) -> str:
    """A column's letters: 1 is A, 27 is AA, 16384 is XFD (openpyxl's get_column_letter,
    without importing openpyxl for a diagnostic's place)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_ref(row: int, col: int) -> str:
    return f"{_column_letters(col)}{row}"


#: Limits of a workbook, checked before memory grows (docs/security.md, "Workbooks").
#: A national call's dossiers.xlsx (20,000 dossiers, 40 columns) is far below them.
XLSX_MAX_FILE_BYTES = 100 * 1024 * 1024
#: Members of the zip container (a workbook has a dozen or so).
XLSX_MAX_MEMBERS = 2_000
#: Decompressed bytes of the whole container, and of one member.
XLSX_MAX_UNCOMPRESSED = 512 * 1024 * 1024
#: Decompressed bytes of the shared strings (held in memory while reading).
XLSX_MAX_SHARED_STRINGS = 64 * 1024 * 1024
#: A member that decompresses more than this many times its size is a zip bomb
#: (spreadsheet XML compresses 5 to 30 times; a bomb, thousands).
XLSX_MAX_RATIO = 250
#: Rows and columns of a sheet, declared (``<dimension>``) or actual, and cells in all.
XLSX_MAX_ROWS = 200_000
XLSX_MAX_COLUMNS = 1_000
XLSX_MAX_CELLS = 5_000_000


def _too_large(diags: Collector, what: Message, loc: Location) -> None:
    diags.add("xlsx-too-large", what, loc,
              hint=Message("A workbook may have at most {xlsx_max_rows} rows, {xlsx_max_columns} "
                           "columns and {xlsx_max_cells} cells, and unpack to at most "
                           "{xlsx_max_uncompressed} MB: delete the rows and columns beyond the "
                           "table and save it again.",
                           xlsx_max_rows=Count(XLSX_MAX_ROWS), xlsx_max_columns=Count(XLSX_MAX_COLUMNS), xlsx_max_cells=Count(XLSX_MAX_CELLS), xlsx_max_uncompressed=XLSX_MAX_UNCOMPRESSED // 2**20))


def check_xlsx_container(data: bytes, file: str, diags: Collector) -> bool:
    """Check the zip container of a workbook before anything is unpacked.

    Python's zip reader never unpacks more than a member's declared size (a
    member that lies is cut there and fails its CRC), so the declared sizes
    bound the decompressed bytes.
    """
    import zipfile

    loc = Location(file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        diags.add("xlsx-unreadable", Message("cannot open the workbook: {error}", error=exc), loc)
        return False
    if len(infos) > XLSX_MAX_MEMBERS:
        _too_large(diags, Message("the workbook holds {n} parts (at most {max})",
                                  n=Count(len(infos)), max=Count(XLSX_MAX_MEMBERS)), loc)
        return False
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        name = info.filename
        if size > 10 * 1024 * 1024 and size > XLSX_MAX_RATIO * max(info.compress_size, 1):
            _too_large(diags, Message("the part {name} unpacks {ratio} times its size ({size} "
                                      "bytes): a zip bomb", name=repr(name[:80]),
                                      ratio=Count(size // max(info.compress_size, 1)),
                                      size=Count(size)), loc)
            return False
        if name.lower().endswith("sharedstrings.xml") and size > XLSX_MAX_SHARED_STRINGS:
            _too_large(diags, Message("the shared strings unpack to {size} bytes (at most {max})",
                                      size=Count(size), max=Count(XLSX_MAX_SHARED_STRINGS)), loc)
            return False
    if total > XLSX_MAX_UNCOMPRESSED:
        _too_large(diags, Message("the workbook unpacks to {size} bytes (at most {max})",
                                  size=Count(total), max=Count(XLSX_MAX_UNCOMPRESSED)), loc)
        return False
    return True


def read_xlsx(
    path: Path, diags: Collector, *, sheets: list[str] | None = None,
    max_bytes: int | None = None, hashes: dict[str, str] | None = None,
) -> dict[str, Table] | None:
    """Read the sheets of a workbook as tables (first row = header), within bounds.

    ``sheets``: the sheet names to read (others are ignored); None = all.
    Formulas are errors (``xlsx-formula``).  Merged cells are read as the value
    of their top-left cell and a warning.  The container, then each sheet's
    declared and actual size, are checked against the ``XLSX_MAX_*`` limits
    before they can cost memory (``xlsx-too-large``): openpyxl's read-only mode
    streams each sheet, and no empty cell is ever made up.
    """
    data = read_bytes(path, diags, max_bytes=max_bytes or XLSX_MAX_FILE_BYTES, hashes=hashes)
    if data is None:
        return None
    return parse_xlsx(data, str(path), diags, sheets=sheets)


def parse_xlsx(data: bytes, file: str, diags: Collector, *,
               sheets: list[str] | None = None) -> dict[str, Table] | None:
    """:func:`read_xlsx` of bytes already read (an upload)."""
    import zipfile

    if not check_xlsx_container(data, file, diags):
        return None
    try:
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        diags.add("xlsx-unreadable", Message("cannot open the workbook: {error}", error=exc),
                  Location(file))
        return None
    except Exception as exc:  # openpyxl raises assorted errors on corrupt files
        diags.add("xlsx-unreadable", Message("cannot open the workbook: {name}",
                                             name=type(exc).__name__),
                  Location(file))
        return None
    out: dict[str, Table] = {}
    budget = [XLSX_MAX_CELLS]
    try:
        for ws in wb.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            try:
                table = _sheet_table(ws, wb, file, diags, budget)
            except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError,
                    EOFError) as exc:
                diags.add("xlsx-unreadable", Message("cannot read the sheet: {name}",
                                                     name=type(exc).__name__),
                          Location(file, sheet=ws.title))
                return None
            except Exception as exc:  # a corrupt sheet XML (openpyxl's assorted errors)
                diags.add("xlsx-unreadable", Message("cannot read the sheet: {name}",
                                                     name=type(exc).__name__),
                          Location(file, sheet=ws.title))
                return None
            if table is None:
                return None
            out[ws.title] = table
    finally:
        wb.close()
    return out


def _stream_rows(ws: Any, wb: Any) -> Any:
    """The sheet's parser: ``(parser, rows)``, rows as openpyxl's cell dicts, no padding.

    openpyxl's own read-only iteration makes up every missing cell up to the
    declared dimension (one cell in XFD1048576 = 17 billion); its parser gives
    only the cells the file holds, with their row and column.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    src = ws._get_source()
    parser = WorkSheetParser(src, ws._shared_strings, data_only=False, epoch=wb.epoch,
                             date_formats=wb._date_formats,
                             timedelta_formats=wb._timedelta_formats)
    return src, parser


#: The elements a row may hold while it is read (a cell is two to a few elements:
#: ``<c><v/></c>``, ``<c><is><t/></is></c>``, and a rich text's runs with their fonts):
#: a row is kept whole until its end, so a row of millions of cells is refused before
#: it costs memory (64,000 elements are a few tens of MB at most).
XLSX_MAX_ROW_ELEMENTS = 64 * XLSX_MAX_COLUMNS


#: A cell range as a sheet writes it (``A2:B3``, or one cell).
_RANGE_RE = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?")


class _RowTooLarge(Exception):
    """A row holds more elements than :data:`XLSX_MAX_ROW_ELEMENTS` (its ``r``, if any)."""

    def __init__(self, row: str | None) -> None:
        super().__init__(row)
        self.row = row


def _rows_and_merges(src: Any, parser: Any, merges: list[str]) -> Any:
    """The sheet's rows, as ``parser.parse()`` gives them; the first merged range's
    reference is appended to ``merges`` (the warning names it; the others pass
    without being kept).  Nothing else of the sheet is built:
    ``parse()`` also makes an object of every other part, and a juror's workbook of
    6,000 dossiers has 25 drop-down lists each naming 6,000 cells (six seconds of
    openpyxl's cell ranges, never read).

    Memory stays bounded whatever the sheet holds: an element is kept only while the
    row holding it is read (and a row may hold :data:`XLSX_MAX_ROW_ELEMENTS`, else
    :class:`_RowTooLarge`); every other finished element (a row once read, a merged
    range, any other part, a tag nobody knows, at any depth) is cleared and taken out of
    the tree.  ``parse()`` clears rows but leaves them, and unknown elements, in the
    tree: a sheet of a million ``<row/>`` grew by gigabytes.
    """
    from openpyxl.worksheet import _reader as r
    from openpyxl.xml.functions import iterparse

    merge_cell = r.MERGE_TAG[:-1]  # {main}mergeCells holds {main}mergeCell elements
    open_elements: list[Any] = []  # from the worksheet down to the element being read
    kept: int | None = None  # the depth of the row being read
    room = 0  # the elements the row being read may still hold
    for event, element in iterparse(src, events=("start", "end")):
        if event == "start":
            if kept is None:
                if element.tag == r.ROW_TAG:
                    kept = len(open_elements)
                    room = XLSX_MAX_ROW_ELEMENTS
            else:
                room -= 1
                if room < 0:  # the row's number as openpyxl counts it when r is missing
                    raise _RowTooLarge(open_elements[kept].get("r")
                                       or str(parser.row_counter + 1))
            open_elements.append(element)
            continue
        open_elements.pop()
        depth = len(open_elements)
        if kept is not None and depth > kept:
            continue  # a cell of the row, read with it
        row = None
        if depth == kept:
            kept = None
            row = parser.parse_row(element)
        elif element.tag == merge_cell and not merges:
            merges.append(str(element.get("ref") or ""))
        element.clear()
        if open_elements:
            open_elements[-1].remove(element)
        if row is not None:
            yield row


def _sheet_table(ws: Any, wb: Any, file: str, diags: Collector,
                 budget: list[int]) -> Table | None:
    title = ws.title
    where = Location(file, sheet=title)
    max_row, max_col = ws.max_row, ws.max_column
    if (max_row or 0) > XLSX_MAX_ROWS or (max_col or 0) > XLSX_MAX_COLUMNS:
        _too_large(diags, Message("the sheet declares {rows} rows and {columns} columns (up to "
                                  "{cell})", rows=Count(max_row or 0), columns=Count(max_col or 0),
                                  cell=_column_letters(min(max_col or 1, 18278)) + str(max_row)),
                   where)
        return None
    src, parser = _stream_rows(ws, wb)
    table: Table | None = None
    cols: list[str] = []
    positions: dict[str, int] = {}  # a column's 1-based position (the last of a repeated name)
    merges: list[str] = []
    try:
        for r_index, cells in _rows_and_merges(src, parser, merges):
            if not cells:
                if r_index > XLSX_MAX_ROWS:  # an empty row counts against the limit too
                    _too_large(diags, Message("a row lies beyond the limits of a sheet"),
                               Location(file, sheet=title,
                                        cell=_cell_ref(min(r_index, 1048576), 1)))
                    return None
                continue
            last = cells[-1]
            if r_index > XLSX_MAX_ROWS or max(c["column"] for c in cells) > XLSX_MAX_COLUMNS:
                far = max(cells, key=lambda c: c["column"])
                _too_large(diags, Message("a cell lies beyond the limits of a sheet"),
                           Location(file, sheet=title,
                                    cell=_cell_ref(min(r_index, 1048576),
                                                   min(far["column"], 16384))))
                return None
            budget[0] -= len(cells)
            if budget[0] < 0:
                _too_large(diags, Message("the workbook holds more than {max} cells",
                                          max=Count(XLSX_MAX_CELLS)),
                           Location(file, sheet=title, cell=_cell_ref(r_index, last["column"])))
                return None
            if table is None:
                if r_index != 1:  # an empty first row: the header is row 1 as before
                    cols = []
                    table = Table(file, cols, sheet=title)
                else:
                    by_col = {c["column"]: c["value"] for c in cells}
                    cols = [normalise_header(by_col.get(i))
                            for i in range(1, max(by_col) + 1)]
                    while cols and not cols[-1]:
                        cols.pop()
                    table = Table(file, cols, sheet=title)
                    table.header_locations = {
                        c: Location(file, sheet=title, cell=_cell_ref(1, i + 1))
                        for i, c in enumerate(cols)}
                    positions = {c: i for i, c in enumerate(cols, start=1)}
                    continue
            _row(table, cols, positions, r_index, cells, file, title, diags)
    except _RowTooLarge as too_large:
        row_ref = too_large.row if (too_large.row or "").isdigit() else None
        _too_large(diags, Message("a row holds more than {max} elements (cells, their values "
                                  "and formatted runs)", max=Count(XLSX_MAX_ROW_ELEMENTS)),
                   Location(file, sheet=title, cell=f"A{row_ref}" if row_ref else None))
        return None
    finally:
        src.close()
    if table is None:
        return Table(file, [], sheet=title)
    if merges:
        ref = merges[0] if _RANGE_RE.fullmatch(merges[0]) else "?"  # a corrupt ref: no place
        diags.add("xlsx-unreadable", Message("the sheet has merged cells ({ranges}...); only their "
                                             "top-left cell is read",
                                             ranges=ref),
                  Location(file, sheet=title, cell=ref.split(":")[0] if ref != "?" else None),
                  severity="warning", hint="Unmerge the cells to avoid surprises.")
    return table


def _row(table: Table, cols: list[str], positions: dict[str, int], r_index: int,
         cells: list[dict[str, Any]], file: str, title: str, diags: Collector) -> None:
    """Append the row's values (when it holds any); their places are built on demand."""
    by_col = {c["column"]: c for c in cells}
    values: dict[str, Any] = {}
    empty = True
    for i, col in enumerate(cols, start=1):
        cell = by_col.get(i)
        if cell is None:
            values[col] = ""
            continue
        v = cell["value"]
        if cell.get("data_type") == "f":
            diags.add("xlsx-formula", Message("the cell holds a formula ({value})",
                                              value=str(v)[:40]),
                      Location(file, sheet=title, cell=_cell_ref(r_index, i)))
            v = None
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**15:
            v = str(v)  # beyond a spreadsheet's 15 digits: text, as the juror typed it
        elif isinstance(v, float) and not math.isfinite(v):
            diags.add("number-invalid", Message("the cell holds {value}, not a finite number",
                                                value=repr(v)),
                      Location(file, sheet=title, cell=_cell_ref(r_index, i)),
                      hint="Type a number of at most 15 digits.")
            v = None
        if v not in (None, ""):
            empty = False
        values[col] = "" if v is None else v
    if by_col and (max(by_col) > len(cols) or "" in positions):  # values under no header
        for i, c in by_col.items():
            if (i > len(cols) or not cols[i - 1]) and c["value"] is not None \
                    and str(c["value"]).strip() and i not in table.unnamed:
                table.unnamed[i] = Location(file, sheet=title, cell=_cell_ref(1, i))
    if empty:
        return
    table.rows.append(Row(values, None, None, positions, file=file, line=r_index, sheet=title))
