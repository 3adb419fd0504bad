"""The sheets of an export file: XLSX (openpyxl, read-only), ODS (the stdlib), CSV.

Each sheet is its header and its rows, every cell with its place
(``file!sheet!B3``; ``file:line:column`` for a CSV).  Reading is bounded: a
file larger than :data:`MAX_BYTES`, an ODS whose ``content.xml`` unpacks to
more than :data:`MAX_XML_BYTES`, more than :data:`MAX_ROWS` rows or
:data:`MAX_COLUMNS` columns are refused or cut with a diagnostic, never read
into memory whole.  A workbook formula is refused where a value is expected.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from ..errors import Collector, Count, Location, Message
from ..io.tabular import normalise_header, parse_csv
from ..io.text import read_bytes, read_text

MAX_BYTES = 200 * 1024 * 1024
MAX_XML_BYTES = 500 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 2_000
#: The most characters a cell's text holds (a spreadsheet's own limit)
MAX_CELL_CHARS = 32_767

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class Formula:
    """A workbook cell holding a formula (refused where a value is expected)."""

    def __init__(self, text: str) -> None:
        self.text = text


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

    def loc(self, row: int, col: int) -> Location:
        """The place of the cell at 1-based ``row`` and 0-based ``col``."""
        if self.name is None:
            return Location(self.file, line=row, column=col + 1)
        return Location(self.file, sheet=self.name, cell=f"{column_letter(col + 1)}{row}")

    def index(self) -> dict[str, int]:
        """Column position by header (the first of two equal headers wins)."""
        out: dict[str, int] = {}
        for i, h in enumerate(self.header):
            if h and h not in out:
                out[h] = i
        return out


def read_sheets(path: Path, diags: Collector) -> list[Sheet] | None:
    """Every sheet of the export at ``path`` (XLSX, ODS or CSV), in the file's order."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_text(path, diags, max_bytes=MAX_BYTES, table=True)
        if text is None:
            return None
        table = parse_csv(text, str(path), diags)
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
    data = read_bytes(path, diags, max_bytes=MAX_BYTES)
    if data is None:
        return None
    try:
        return _xlsx(data, str(path), diags) if suffix == ".xlsx" else _ods(data, str(path), diags)
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
        cells = list(cells[: len(cols)]) + [None] * (len(cols) - len(cells))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        sheet.rows.append((n, cells))
    return sheet


def _xlsx(data: bytes, file: str, diags: Collector) -> list[Sheet]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises assorted errors on corrupt files
        raise ValueError(str(type(exc).__name__)) from None
    out: list[Sheet] = []
    try:
        for ws in wb.worksheets:
            sheet = Sheet(file, ws.title)
            raw: list[tuple[int, list[Any]]] = []
            for n, cells in enumerate(ws.iter_rows(), start=1):
                if n > MAX_ROWS + 1:
                    diags.add("intake-source", Message("more than {max_rows} rows; the rest is not "
                                                       "read",
                                                       max_rows=Count(MAX_ROWS)), sheet.loc(n, 0))
                    break
                values: list[Any] = []
                for cell in cells[:MAX_COLUMNS]:
                    v = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f":
                        v = Formula(str(v))
                    values.append(v)
                raw.append((n, values))
            out.append(_finish(sheet, raw, diags))
    finally:
        wb.close()
    return out


def _ods_cell(elem: Any) -> Any:
    vtype = elem.get(f"{_O}value-type")
    if elem.get(f"{_T}formula") is not None:
        return Formula(elem.get(f"{_T}formula") or "")
    if vtype in ("float", "currency", "percentage"):
        raw = elem.get(f"{_O}value") or "0"
        num = float(raw)
        return int(num) if num.is_integer() and "." not in raw and "e" not in raw.lower() \
            else num
    if vtype == "date":
        raw = elem.get(f"{_O}date-value") or ""
        try:
            return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    if vtype == "boolean":
        return elem.get(f"{_O}boolean-value") == "true"
    paragraphs = []
    for p in elem.iter(f"{_X}p"):
        paragraphs.append(_text(p))
    text = "\n".join(paragraphs)
    return text if text else None


def _text(p: Any) -> str:
    """A paragraph's text: spans, spaces (``text:s``, ``text:c`` of them), tabs and line
    breaks, in document order; at most :data:`MAX_CELL_CHARS`.  Walked with a stack, not
    recursion: 200,000 nested spans ended in a RecursionError, and a 2 KB file asking for
    2,000,000,000 spaces in a MemoryError."""
    parts: list[str] = []
    size = 0
    stack: list[Any] = [p]
    while stack and size < MAX_CELL_CHARS:
        x = stack.pop()
        if isinstance(x, str):
            piece = x
        elif x is not p and x.tag == f"{_X}s":
            count = x.get(f"{_X}c", "1")
            piece = " " * min(int(count) if count.isdigit() else 1, MAX_CELL_CHARS - size)
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
    return "".join(parts)[:MAX_CELL_CHARS]


def _ods(data: bytes, file: str, diags: Collector) -> list[Sheet]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    info = zf.getinfo("content.xml")
    if info.file_size > MAX_XML_BYTES:
        raise ValueError("content.xml is too large")
    out: list[Sheet] = []
    sheet: Sheet | None = None
    raw: list[tuple[int, list[Any]]] = []
    n = 0
    cut = False
    with zf.open(info) as fh:
        for event, elem in iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == f"{_T}table":
                    sheet, raw, n, cut = Sheet(file, elem.get(f"{_T}name") or "?"), [], 0, False
                continue
            if tag == f"{_T}table-row" and sheet is not None:
                repeat = int(elem.get(f"{_T}number-rows-repeated", "1"))
                cells: list[Any] = []
                for c in elem:
                    if c.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                        continue
                    rep = int(c.get(f"{_T}number-columns-repeated", "1"))
                    v = _ods_cell(c)
                    if v is None and len(cells) + rep > MAX_COLUMNS:
                        break  # trailing empty cells up to the sheet's width
                    cells.extend([v] * min(rep, MAX_COLUMNS - len(cells)))
                while cells and cells[-1] is None:
                    cells.pop()
                if cells and not cut:
                    for _ in range(min(repeat, MAX_ROWS + 1 - len(raw))):
                        n += 1
                        raw.append((n, cells))
                    if len(raw) > MAX_ROWS:
                        cut = True
                        diags.add("intake-source", Message("more than {max_rows} rows; the rest is "
                                                           "not read",
                                                           max_rows=Count(MAX_ROWS)), sheet.loc(n, 0))
                else:
                    n += repeat
                elem.clear()
            elif tag == f"{_T}table" and sheet is not None:
                out.append(_finish(sheet, raw, diags))
                sheet = None
                elem.clear()
    return out
