"""The sheets of an export file: XLSX (openpyxl, read-only), ODS (the stdlib), CSV.

Each sheet is its header and its rows, every cell with its place
(``file!sheet!B3``; ``file:line:column`` for a CSV).  Reading is bounded, in the one
place of the bounds of a workbook (:mod:`isgrid.io.xlsx`, docs/security.md): an XLSX is read
by :func:`~isgrid.io.xlsx.parse_xlsx_rows`, as ``sheets import`` reads a juror's workbook;
an ODS's zip is checked as a workbook's and its rows within the same limits
(``xlsx-too-large``); a CSV larger than :data:`MAX_BYTES` is refused.  Nothing is read into
memory whole.  A workbook formula is refused where a value is expected.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from ..errors import Collector, Count, Location, Message, excerpt
from ..io.excel import UnitNumber, number_unit
from ..io.tabular import cell_ref, normalise_header, parse_csv
from ..io.text import read_bytes, read_text
from ..io.xlsx import (
    XLSX_MAX_CELLS,
    XLSX_MAX_COLUMNS,
    XLSX_MAX_FILE_BYTES,
    XLSX_MAX_ROW_ELEMENTS,
    XLSX_MAX_ROWS,
    XLSX_MAX_SHARED_STRINGS,
    XLSX_TOO_LARGE_HINT,
    check_xlsx_container,
    parse_xlsx_rows,
)

#: The largest CSV export read (a workbook's is :data:`isgrid.io.xlsx.XLSX_MAX_FILE_BYTES`)
MAX_BYTES = 200 * 1024 * 1024
#: The most characters isgrid reads of an ODS cell's text: far beyond an applicant's
#: longest text (an XLSX holds at most 32,767, its own limit; an ODS, like the API, carries
#: the whole text); a text cut there is said, at its cell (``intake-text-cut``)
MAX_CELL_CHARS = 1_000_000
#: The most spaces the ``text:s`` of an ODS's cells may ask for in all (beyond one each):
#: the text a small file unpacks to stays bounded as a workbook's shared strings are
MAX_SPACES = XLSX_MAX_SHARED_STRINGS

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class Formula:
    """A workbook cell holding a formula (refused where a value is expected)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:  # never an object's address, should one reach a message
        return f"={self.text.lstrip('=')}"


def refuse_formula(value: Any, label: str, where: Location, diags: Collector) -> bool:
    """``intake-value`` « the cell holds a formula » at ``where`` when ``value`` is one
    (the one check of every cell intake reads: facts, title, avis, ids, states); False
    when it is a value."""
    if not isinstance(value, Formula):
        return False
    diags.add("intake-value", Message("{label}: the cell holds a formula ({value})",
                                      label=label, value=excerpt(value.text)),
              where, hint="Export the dossiers again: the platform writes values.")
    return True


def column_letter(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class Sheet:
    file: str
    name: str | None  # None for a CSV
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, cells)
    #: each column past the header's last named one that holds a value (1-based) -> the
    #: first row where it does: cut from ``rows``, as intake reads an export's named
    #: columns alone; a juror's workbook refuses them (jury/odsbook.py, as an .xlsx)
    beyond: dict[int, int] = field(default_factory=dict)
    #: an ODS row or value repeated more than ``max_repeat`` (:func:`read_sheets`): where
    #: first, and what; those rows were skipped, never expanded (:func:`refuse_repeated`)
    repeated: tuple[Location, Message] | None = None

    def loc(self, row: int, col: int) -> Location:
        """The place of the cell at 1-based ``row`` and 0-based ``col``."""
        if self.name is None:
            return Location(self.file, line=row, column=col + 1)
        return Location(self.file, sheet=self.name, cell=f"{column_letter(col + 1)}{row}")

    def column(self, col: int) -> str:
        """How a reader names the column at 0-based ``col``: its letters in a workbook
        (« O »), its position and the letters a spreadsheet shows in a CSV (« 15 (O) »)."""
        letters = column_letter(col + 1)
        return letters if self.name is not None else f"{col + 1} ({letters})"

    def index(self) -> dict[str, int]:
        """Column position by header (the first of two equal headers wins)."""
        out: dict[str, int] = {}
        for i, h in enumerate(self.header):
            if h and h not in out:
                out[h] = i
        return out


def read_sheets(path: Path, diags: Collector, *, units: bool = False,
                max_repeat: int | None = None) -> list[Sheet] | None:
    """Every sheet of the export at ``path`` (XLSX, ODS or CSV), in the file's order.
    ``units``: an ODS number cell of a percentage or another currency than the euro
    (:func:`isgrid.io.excel.number_unit`) is read as a :class:`~isgrid.io.excel.UnitNumber`
    (a juror's workbook, :mod:`isgrid.jury.odsbook`).  ``max_repeat``: an ODS row holding
    a value repeated more than that many times (``table:number-rows-repeated``), or a value
    repeated in more columns (``table:number-columns-repeated``), is never expanded: the
    row is skipped and the sheet says where (:attr:`Sheet.repeated`), for the reader to
    refuse when it reads that sheet (:func:`refuse_repeated`, ``duplicate-rating``: a
    juror's workbook holds each of its rows once; a sheet of the juror's own is not read:
    review s17 hostile, finding 5).  An export may repeat its rows as it likes."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_text(path, diags, max_bytes=MAX_BYTES, table=True)
        if text is None:
            return None
        # two columns of one label: said by intake in its words (isgrid.intake.mapping)
        table = parse_csv(text, str(path), diags, twice=False)
        if table is None:
            return None
        sheet = Sheet(str(path), None, list(table.columns))
        for row in table.rows:
            sheet.rows.append((row.where.line or 0, [row.values.get(c) for c in table.columns]))
        return [sheet]
    if suffix not in (".xlsx", ".ods"):
        diags.add("intake-source", Message("{name}: isgrid reads exports as .xlsx, .ods or .csv",
                                           name=path.name),
                  Location(str(path)))
        return None
    data = read_bytes(path, diags, max_bytes=XLSX_MAX_FILE_BYTES)
    if data is None:
        return None
    try:
        if suffix == ".xlsx":
            return _xlsx(data, str(path), diags)
        return _ods(data, str(path), diags, units, max_repeat)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError,
            NotImplementedError) as exc:  # a zip of a newer version, an unknown method
        diags.add("intake-source", Message("cannot open the {suffix} file: {name}",
                                           suffix=suffix[1:].upper(), name=type(exc).__name__), Location(str(path)))
        return None


def _finish(sheet: Sheet, raw_rows: list[tuple[int, list[Any]]], diags: Collector) -> Sheet:
    if not raw_rows:
        return sheet
    _, head = raw_rows[0]
    cols = [normalise_header(c) for c in head]
    while cols and not cols[-1]:
        cols.pop()
    sheet.header = cols
    for n, cells in raw_rows[1:]:
        for i in range(len(cols), len(cells)):
            v = cells[i]
            if v is not None and not (isinstance(v, str) and not v.strip()):
                sheet.beyond.setdefault(i + 1, n)
        cells = list(cells[: len(cols)]) + [None] * (len(cols) - len(cells))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        sheet.rows.append((n, cells))
    return sheet


def _xlsx(data: bytes, file: str, diags: Collector) -> list[Sheet] | None:
    """The sheets of a workbook, read by :func:`isgrid.io.xlsx.parse_xlsx_rows` within the
    bounds of every workbook isgrid reads (a far cell, a zip bomb: ``xlsx-too-large``)."""
    sheets = parse_xlsx_rows(data, file, diags)
    if sheets is None:
        return None
    out: list[Sheet] = []
    for title, rows in sheets.items():
        raw: list[tuple[int, list[Any]]] = []
        if rows and rows[0][0] != 1:
            raw.append((1, []))  # an empty first row is the (empty) header, as before
        for n, cells in rows:
            values: list[Any] = [None] * max(c["column"] for c in cells)
            for c in cells:
                v = c["value"]
                values[c["column"] - 1] = Formula(str(v)) if c.get("data_type") == "f" else v
            raw.append((n, values))
        out.append(_finish(Sheet(file, title), raw, diags))
    return out


@dataclass
class _Read:
    """What reading an ODS's cells spent: the spaces ``text:s`` asked for (beyond one
    each), bounded by :data:`MAX_SPACES`; and whether the last cell's text was cut."""

    spaces: int = 0
    cut: bool = False


def _ods_cell(elem: Any, read: _Read | None = None, units: bool = False) -> Any:
    vtype = elem.get(f"{_O}value-type")
    if elem.get(f"{_T}formula") is not None:
        return Formula(elem.get(f"{_T}formula") or "")
    if vtype in ("float", "currency", "percentage"):
        raw = elem.get(f"{_O}value") or "0"
        num = float(raw)
        number = int(num) if num.is_integer() and "." not in raw and "e" not in raw.lower() \
            else num
        unit = number_unit(value_type=vtype, currency=elem.get(f"{_O}currency")) \
            if units else None
        return number if unit is None else UnitNumber(number, unit)
    if vtype == "date":
        raw = elem.get(f"{_O}date-value") or ""
        try:
            return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    if vtype == "boolean":
        return elem.get(f"{_O}boolean-value") == "true"
    read = read if read is not None else _Read()
    paragraphs = []
    size = 0
    for p in elem.iter(f"{_X}p"):
        if size >= MAX_CELL_CHARS:
            read.cut = True
            break
        paragraphs.append(_text(p, MAX_CELL_CHARS - size, read))
        size += len(paragraphs[-1]) + 1
    text = "\n".join(paragraphs)
    if len(text) > MAX_CELL_CHARS:
        text, read.cut = text[:MAX_CELL_CHARS], True
    return text if text else None


def _text(p: Any, limit: int = MAX_CELL_CHARS, read: _Read | None = None) -> str:
    """A paragraph's text: spans, spaces (``text:s``, ``text:c`` of them), tabs and line
    breaks, in document order; at most ``limit`` characters (``read.cut`` says a text cut
    there).  Walked with a stack, not recursion: 200,000 nested spans ended in a
    RecursionError, and a 2 KB file asking for 2,000,000,000 spaces in a MemoryError (the
    spaces the cells ask for are counted in ``read``, :data:`MAX_SPACES` at most)."""
    read = read if read is not None else _Read()
    parts: list[str] = []
    size = 0
    stack: list[Any] = [p]
    while stack:
        if size >= limit:
            read.cut = True
            break
        x = stack.pop()
        if isinstance(x, str):
            piece = x
        elif x is not p and x.tag == f"{_X}s":
            count = x.get(f"{_X}c", "1")
            asked = int(count) if count.isdigit() else 1
            n = min(asked, limit - size)
            read.spaces += max(n - 1, 0)
            read.cut = read.cut or asked > n
            piece = " " * n
        elif x is not p and x.tag in (f"{_X}tab", f"{_X}line-break"):
            piece = "\t" if x.tag == f"{_X}tab" else "\n"
        else:
            piece = x.text or ""
            for child in reversed(list(x)):  # each child, then its tail, in order
                if child.tail:
                    stack.append(child.tail)
                stack.append(child)
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)
    if len(text) > limit:
        text, read.cut = text[:limit], True
    return text


def _ods(data: bytes, file: str, diags: Collector, units: bool = False,
         max_repeat: int | None = None) -> list[Sheet] | None:
    """The sheets of an ODS file, within the bounds of a workbook (:mod:`isgrid.io.xlsx`):
    its zip checked by :func:`~isgrid.io.xlsx.check_xlsx_container` (members, a part
    unpacking more than 250 times its size, the total unpacked), a value beyond
    ``XLSX_MAX_ROWS`` rows or ``XLSX_MAX_COLUMNS`` columns, more than ``XLSX_MAX_CELLS``
    cells or a row of more than ``XLSX_MAX_ROW_ELEMENTS`` elements refused
    (``xlsx-too-large``).  Empty rows and cells repeated to the sheet's edge (as every
    ODS ends) cost nothing.  Memory stays bounded: an element is kept only while the row
    holding it is read; every other finished element is cleared and taken out of the
    tree (a cleared row left in it: 20,000,000 empty rows took gigabytes)."""
    if not check_xlsx_container(data, file, diags):
        return None
    zf = zipfile.ZipFile(io.BytesIO(data))
    info = zf.getinfo("content.xml")
    out: list[Sheet] = []
    sheet: Sheet | None = None
    raw: list[tuple[int, list[Any]]] = []
    n = 0
    budget = XLSX_MAX_CELLS
    open_elements: list[Any] = []
    kept: int | None = None  # the depth of the row being read
    room = 0
    read = _Read()

    def too_large(what: Message, row: int, col: int = 1) -> None:
        diags.add("xlsx-too-large", what, Location(file, sheet=sheet.name if sheet else None,
                                                   cell=cell_ref(min(row, 1048576),
                                                                 min(col, 16384))),
                  hint=XLSX_TOO_LARGE_HINT)

    with zf.open(info) as fh:
        for event, elem in iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if kept is not None:
                    room -= 1
                    if room < 0:
                        too_large(Message("a row holds more than {max} elements (cells, their "
                                          "values and formatted runs)",
                                          max=Count(XLSX_MAX_ROW_ELEMENTS)), n + 1)
                        return None
                elif tag == f"{_T}table-row" and sheet is not None:
                    kept, room = len(open_elements), XLSX_MAX_ROW_ELEMENTS
                elif tag == f"{_T}table":
                    sheet, raw, n = Sheet(file, elem.get(f"{_T}name") or "?"), [], 0
                open_elements.append(elem)
                continue
            open_elements.pop()
            depth = len(open_elements)
            if kept is not None and depth > kept:
                continue  # an element of the row, read with it
            if depth == kept and sheet is not None:
                kept = None
                repeat = _count(elem.get(f"{_T}number-rows-repeated"))
                cells: list[Any] = []
                skip = False  # a value repeated beyond max_repeat: the row is not read
                for c in elem:
                    if c.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                        continue
                    rep = _count(c.get(f"{_T}number-columns-repeated"))
                    read.cut = False
                    v = _ods_cell(c, read, units)
                    if read.spaces > MAX_SPACES:
                        too_large(Message("the cells ask for more than {max} spaces",
                                          max=Count(MAX_SPACES)), n + 1, len(cells) + 1)
                        return None
                    if read.cut:
                        diags.add("intake-text-cut", Message(
                            "the text of this cell is longer than {max} characters: isgrid "
                            "reads its first {max}", max=Count(MAX_CELL_CHARS)),
                            Location(file, sheet=sheet.name,
                                     cell=cell_ref(n + 1, len(cells) + 1)),
                            severity="warning",
                            hint="The rest of the text is not in the dossier's file: read it "
                            "on the platform, or take the dossiers by the API (isgrid intake "
                            "--api).")
                    if v is None and len(cells) + rep > XLSX_MAX_COLUMNS:
                        break  # trailing empty cells up to the sheet's width
                    if max_repeat is not None and rep > max_repeat and _holds(v):
                        sheet.repeated = sheet.repeated or (Location(
                            file, sheet=sheet.name, cell=cell_ref(n + 1, len(cells) + 1)),
                            Message("this cell's value is repeated in {n} columns (to "
                                    "{last})", n=Count(rep),
                                    last=cell_ref(n + 1, min(len(cells) + rep, 16384))))
                        skip = True
                        break
                    if len(cells) + rep > XLSX_MAX_COLUMNS:
                        too_large(Message("a cell lies beyond the limits of a sheet"),
                                  n + 1, len(cells) + rep)
                        return None
                    cells.extend([v] * rep)
                while cells and cells[-1] is None:
                    cells.pop()
                if cells and n + repeat > XLSX_MAX_ROWS:  # beyond a sheet: whatever sheet
                    too_large(Message("a cell lies beyond the limits of a sheet"),
                              max(n + 1, XLSX_MAX_ROWS + 1), len(cells))
                    return None
                if max_repeat is not None and repeat > max_repeat \
                        and any(_holds(c) for c in cells):
                    sheet.repeated = sheet.repeated or (Location(
                        file, sheet=sheet.name, cell=cell_ref(n + 1, 1)),
                        Message("this row is repeated {n} times (rows {first} to {last})",
                                n=Count(repeat), first=Count(n + 1), last=Count(n + repeat)))
                    skip = True
                if skip:  # left unexpanded: its sheet refused if read (refuse_repeated)
                    n += repeat
                elif cells:
                    budget -= len(cells) * repeat
                    if budget < 0:
                        too_large(Message("the workbook holds more than {max} cells",
                                          max=Count(XLSX_MAX_CELLS)), n + repeat, len(cells))
                        return None
                    for _ in range(repeat):
                        n += 1
                        raw.append((n, cells))
                else:
                    n += repeat
            elif tag == f"{_T}table" and sheet is not None:
                out.append(_finish(sheet, raw, diags))
                sheet, raw = None, []
            elem.clear()
            if open_elements:
                open_elements[-1].remove(elem)
    return out


def _holds(v: Any) -> bool:
    """Does an ODS cell's value hold something (not empty, not spaces only)?"""
    return v is not None and not (isinstance(v, str) and not v.strip())


def refuse_repeated(diags: Collector, sheet: Sheet) -> bool:
    """``duplicate-rating`` at the first place of ``sheet`` (a sheet of a juror's workbook
    that is read) where a row or a value is repeated more than it can be (``max_repeat``),
    said once, never expanded; False when there is none."""
    if sheet.repeated is None:
        return False
    loc, what = sheet.repeated
    diags.add("duplicate-rating", Message("{what}: a juror's workbook holds each of its rows "
                                          "and values once", what=what), loc,
              hint="Delete the copies (keep the row or the cell once), then import the "
              "workbook again.")
    return True


def _count(raw: str | None) -> int:
    """A ``number-*-repeated`` attribute: 1 when absent or not a count."""
    return int(raw) if raw and raw.isdigit() and int(raw) > 0 else 1
