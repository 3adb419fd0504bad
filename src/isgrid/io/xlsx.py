"""Reading workbooks (XLSX) with the place of every cell: the table of their first sheet
(:func:`read_xlsx`, :func:`parse_xlsx`), after the zip container is checked against the
limits below (docs/security.md, "Workbooks").

Workbooks are read with openpyxl (imported lazily), row by row from the sheet's XML; formulas
are refused where a value is expected, because a cached formula result may be stale.  The
rows are :class:`isgrid.io.tabular.Row`, as a CSV file's, their place a sheet and a cell.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

from ..errors import Collector, Count, Location, Message, Quote
from .excel import UnitNumber, excel_error, excel_trace, number_unit
from .tabular import Row, Table, cell_ref, column_letters, normalise_header
from .text import read_bytes

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

#: The hint of ``xlsx-formula``: a formula is either one (paste its value) or a text Excel
#: took for one (« - ancrage » typed without an apostrophe: pasting its value gives #NOM?).
FORMULA_HINT = Message(
    "Replace the formula by its value (copy, paste values only); if it was a text starting "
    "with -, +, = or @, type it again after an apostrophe ('- ancrage "
    "territorial).")

#: The hint of every ``xlsx-too-large`` (a workbook's, an ODS export's).
XLSX_TOO_LARGE_HINT = Message(
    "A workbook may have at most {xlsx_max_rows} rows, {xlsx_max_columns} columns and "
    "{xlsx_max_cells} cells, and unpack to at most {xlsx_max_uncompressed} MB: delete the rows "
    "and columns beyond the table and save it again.",
    xlsx_max_rows=Count(XLSX_MAX_ROWS), xlsx_max_columns=Count(XLSX_MAX_COLUMNS),
    xlsx_max_cells=Count(XLSX_MAX_CELLS), xlsx_max_uncompressed=XLSX_MAX_UNCOMPRESSED // 2**20)


#: The hint of an ``xlsx-unreadable`` .ods (a juror's workbook LibreOffice saved as ODS):
#: saved again as either kind, never « as .xlsx » only (the code's hint, an .xlsx's).
ODS_UNREADABLE_HINT = Message("Save it again (.ods or .xlsx) from your spreadsheet.")


def unreadable_hint(file: str) -> Message | None:
    """The hint of a workbook ``file`` that does not open, by its kind: an .ods's, else
    None (the code's: save it again as .xlsx)."""
    return ODS_UNREADABLE_HINT if file.lower().endswith(".ods") else None


def unreadable(diags: Collector, error: object, loc: Location) -> None:
    """``xlsx-unreadable``: the workbook at ``loc`` does not open; ``error`` is the
    library's words (or its error's name), quoted in parentheses as every library error
    is (README), the hint by the file's kind (:func:`unreadable_hint`)."""
    diags.add("xlsx-unreadable", Message("cannot open the workbook ({error})", error=error),
              loc, hint=unreadable_hint(loc.file or ""))


def _too_large(diags: Collector, what: Message, loc: Location) -> None:
    diags.add("xlsx-too-large", what, loc, hint=XLSX_TOO_LARGE_HINT)


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
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        unreadable(diags, exc, loc)
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
                                      "bytes): a zip bomb", name=Quote(name[:80]),
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
    units: bool = False,
) -> dict[str, Table] | None:
    """Read the sheets of a workbook as tables (first row = header), within bounds.

    ``sheets``: the sheet names to read (others are ignored); None = all.
    Formulas are errors (``xlsx-formula``).  Merged cells are read as the value
    of their top-left cell and a warning.  The container, then each sheet's
    declared and actual size, are checked against the ``XLSX_MAX_*`` limits
    before they can cost memory (``xlsx-too-large``): openpyxl's read-only mode
    streams each sheet, and no empty cell is ever made up.

    ``units``: a number cell whose number format counts it as a percentage or in a
    currency other than the euro (:func:`isgrid.io.excel.number_unit`, from the cell's
    style id and the workbook's styles, which openpyxl reads without the sheets) is read
    as a :class:`~isgrid.io.excel.UnitNumber` (a juror's workbook: never a rating nor an
    amount in euros).
    """
    data = read_bytes(path, diags, max_bytes=max_bytes or XLSX_MAX_FILE_BYTES, hashes=hashes)
    if data is None:
        return None
    return parse_xlsx(data, str(path), diags, sheets=sheets, units=units)


def parse_xlsx(data: bytes, file: str, diags: Collector, *,
               sheets: list[str] | None = None, units: bool = False) -> dict[str, Table] | None:
    """:func:`read_xlsx` of bytes already read (an upload)."""
    def read(ws: Any, wb: Any, file: str, diags: Collector, budget: list[int]) -> Table | None:
        return _sheet_table(ws, wb, file, diags, budget, style_units(wb) if units else None)
    return _each_sheet(data, file, diags, sheets, read)


def style_units(wb: Any) -> dict[int, str]:
    """The cell style ids of the workbook ``wb`` (openpyxl's, read-only) whose number format
    counts a number in a unit (:func:`isgrid.io.excel.number_unit`), with that unit: what
    a cell's ``s`` attribute says without the cell being built.  Built-in formats are
    numbered below 164, a workbook's own from 164 on (openpyxl's numbering)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    out: dict[int, str] = {}
    own = list(getattr(wb, "_number_formats", []) or [])
    named = declared_formats(wb)
    for i, style in enumerate(getattr(wb, "_cell_styles", []) or []):
        fmt = int(getattr(style, "numFmtId", 0) or 0)
        if fmt < 164 and BUILTIN_FORMATS.get(fmt) in named:
            # the workbook writes its text: openpyxl took it for the built-in of that text
            # (``"$"#,##0_);("$"#,##0)`` is 5), which names its currency (review s17
            # hostile, finding 3)
            unit = number_unit(format_code=BUILTIN_FORMATS[fmt])
        elif fmt < 164:  # the computer's own (a currency one: the euro on a French one)
            unit = number_unit(builtin=fmt)
        else:
            unit = number_unit(format_code=own[fmt - 164] if fmt - 164 < len(own) else None)
        if unit is not None:
            out[i] = unit
    return out


def declared_formats(wb: Any) -> frozenset[str]:
    """The number formats' texts the workbook ``wb`` (openpyxl's, read-only) writes in its
    styles (``numFmt``), built-in ids' included, which openpyxl keeps only as their id."""
    from openpyxl.xml.constants import ARC_STYLE, SHEET_MAIN_NS
    from openpyxl.xml.functions import fromstring

    archive = getattr(wb, "_archive", None)
    try:
        root = fromstring(archive.read(ARC_STYLE)) if archive is not None else None
    except Exception:  # no styles, or unreadable ones: openpyxl read the workbook without
        return frozenset()
    if root is None:
        return frozenset()
    return frozenset(str(el.get("formatCode", ""))
                     for el in root.iter(f"{{{SHEET_MAIN_NS}}}numFmt"))


def parse_xlsx_rows(data: bytes, file: str, diags: Collector
                    ) -> dict[str, list[tuple[int, list[dict[str, Any]]]]] | None:
    """Every sheet's non-empty rows, as the file holds them: ``(row number, cells)``, each
    cell openpyxl's dict (``column``, ``value``, ``data_type``: ``"f"`` for a formula),
    read within the same bounds as :func:`parse_xlsx` (intake's exports, whose header
    and values intake reads itself)."""
    def rows(ws: Any, wb: Any, file: str, diags: Collector,
             budget: list[int]) -> list[tuple[int, list[dict[str, Any]]]] | None:
        try:
            return list(_bounded_rows(ws, wb, file, diags, budget, []))
        except _Refused:
            return None
    return _each_sheet(data, file, diags, None, rows)


def _each_sheet(data: bytes, file: str, diags: Collector, sheets: list[str] | None,
                read: Any) -> dict[str, Any] | None:
    """``read(ws, wb, file, diags, budget)`` of each sheet (of ``sheets``; None = all),
    after the container is checked; None on the first sheet read as None."""
    import zipfile

    if not check_xlsx_container(data, file, diags):
        return None
    try:
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        unreadable(diags, exc, Location(file))
        return None
    except Exception as exc:  # openpyxl raises assorted errors on corrupt files
        unreadable(diags, type(exc).__name__, Location(file))
        return None
    out: dict[str, Any] = {}
    budget = [XLSX_MAX_CELLS]
    try:
        for ws in wb.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            try:
                table = read(ws, wb, file, diags, budget)
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


def stream_rows(ws: Any, wb: Any) -> Any:
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


def rows_and_merges(src: Any, parser: Any, merges: list[str]) -> Any:
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


class _Refused(Exception):
    """A sheet beyond the limits (its diagnostic already added)."""


def _bounded_rows(ws: Any, wb: Any, file: str, diags: Collector,
                  budget: list[int], merges: list[str]) -> Any:
    """The sheet's non-empty rows as ``(row number, cells)`` (openpyxl's cell dicts, only
    the cells the file holds), each checked against the ``XLSX_MAX_*`` limits before it
    costs memory: the declared dimension, a row or cell beyond them, a row of too many
    elements, the workbook's cell ``budget``.  Beyond them: ``xlsx-too-large`` and
    :class:`_Refused`.  The one place of the bounds of a sheet, for :func:`parse_xlsx` and
    :func:`parse_xlsx_rows` (intake's exports)."""
    title = ws.title
    where = Location(file, sheet=title)
    max_row, max_col = ws.max_row, ws.max_column
    if (max_row or 0) > XLSX_MAX_ROWS or (max_col or 0) > XLSX_MAX_COLUMNS:
        _too_large(diags, Message("the sheet declares {rows} rows and {columns} columns (up to "
                                  "{cell})", rows=Count(max_row or 0), columns=Count(max_col or 0),
                                  cell=column_letters(min(max_col or 1, 18278)) + str(max_row)),
                   where)
        raise _Refused
    src, parser = stream_rows(ws, wb)
    try:
        for r_index, cells in rows_and_merges(src, parser, merges):
            if not cells:
                if r_index > XLSX_MAX_ROWS:  # an empty row counts against the limit too
                    _too_large(diags, Message("a row lies beyond the limits of a sheet"),
                               Location(file, sheet=title,
                                        cell=cell_ref(min(r_index, 1048576), 1)))
                    raise _Refused
                continue
            last = cells[-1]
            if r_index > XLSX_MAX_ROWS or max(c["column"] for c in cells) > XLSX_MAX_COLUMNS:
                far = max(cells, key=lambda c: c["column"])
                _too_large(diags, Message("a cell lies beyond the limits of a sheet"),
                           Location(file, sheet=title,
                                    cell=cell_ref(min(r_index, 1048576),
                                                   min(far["column"], 16384))))
                raise _Refused
            budget[0] -= len(cells)
            if budget[0] < 0:
                _too_large(diags, Message("the workbook holds more than {max} cells",
                                          max=Count(XLSX_MAX_CELLS)),
                           Location(file, sheet=title, cell=cell_ref(r_index, last["column"])))
                raise _Refused
            yield r_index, cells
    except _RowTooLarge as too_large:
        row_ref = too_large.row if (too_large.row or "").isdigit() else None
        _too_large(diags, Message("a row holds more than {max} elements (cells, their values "
                                  "and formatted runs)", max=Count(XLSX_MAX_ROW_ELEMENTS)),
                   Location(file, sheet=title, cell=f"A{row_ref}" if row_ref else None))
        raise _Refused from None
    finally:
        src.close()


def _sheet_table(ws: Any, wb: Any, file: str, diags: Collector,
                 budget: list[int], units: dict[int, str] | None = None) -> Table | None:
    title = ws.title
    table: Table | None = None
    cols: list[str] = []
    positions: dict[str, int] = {}  # a column's 1-based position (the last of a repeated name)
    merges: list[str] = []
    try:
        for r_index, cells in _bounded_rows(ws, wb, file, diags, budget, merges):
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
                        c: Location(file, sheet=title, cell=cell_ref(1, i + 1))
                        for i, c in enumerate(cols)}
                    positions = {c: i for i, c in enumerate(cols, start=1)}
                    continue
            _row(table, cols, positions, r_index, cells, file, title, diags, units)
    except _Refused:
        return None
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
         cells: list[dict[str, Any]], file: str, title: str, diags: Collector,
         units: dict[int, str] | None = None) -> None:
    """Append the row's values (when it holds any); their places are built on demand.
    ``units``: the style ids whose numbers are counted in a unit (:func:`style_units`)."""
    by_col = {c["column"]: c for c in cells}
    values: dict[str, Any] = {}
    empty = True
    for i, col in enumerate(cols, start=1):
        cell = by_col.get(i)
        if cell is None:
            values[col] = ""
            continue
        v = cell["value"]
        kind = cell.get("data_type")
        if kind == "f":
            diags.add("xlsx-formula", Message("the cell holds a formula ({value})",
                                              value=str(v)[:40]),
                      Location(file, sheet=title, cell=cell_ref(r_index, i)),
                      hint=FORMULA_HINT)
            v = None
        elif kind == "e" or (isinstance(v, str) and excel_error(v) is not None):
            # an error value (#NAME?) where the typed text was: never read as the text
            trace = excel_trace(str(v), col or cell_ref(1, i))
            if trace is not None:
                trace.add(diags, Location(file, sheet=title, cell=cell_ref(r_index, i)))
            v = None
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**15:
            v = str(v)  # beyond a spreadsheet's 15 digits: text, as the juror typed it
        elif isinstance(v, float) and not math.isfinite(v):
            diags.add("number-invalid", Message("the cell holds {value}, not a finite number",
                                                value=Quote(v)),
                      Location(file, sheet=title, cell=cell_ref(r_index, i)),
                      hint="Type a number of at most 15 digits.")
            v = None
        elif units and kind == "n" and isinstance(v, int | float) \
                and not isinstance(v, bool) and cell.get("style_id") in units:
            v = UnitNumber(v, units[cell["style_id"]])  # « 50 % », « $12,000 »: refused
        if v not in (None, ""):
            empty = False
        values[col] = "" if v is None else v
    if by_col and (max(by_col) > len(cols) or "" in positions):  # values under no header
        for i, c in by_col.items():
            if (i > len(cols) or not cols[i - 1]) and c["value"] is not None \
                    and str(c["value"]).strip() and i not in table.unnamed:
                table.unnamed[i] = Location(file, sheet=title, cell=cell_ref(1, i))
    if empty:
        return
    table.rows.append(Row(values, None, None, positions, file=file, line=r_index, sheet=title))
