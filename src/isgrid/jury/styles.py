"""Cells, styles and sheet setup of a juror's workbook (openpyxl).

Each combination of cell properties is registered once per workbook
(:func:`set_cell` for a cell openpyxl writes, :func:`style_id` for one written as XML
by :mod:`.sheetxml`); the colours of the header, input and comment cells; printing
and protection.  :mod:`.workbook` and :mod:`.layouts` use them.
"""

from __future__ import annotations

import copy
from typing import Any

from ..io.text import without_controls


def set_cell(ws: Any, row: int, col: int, value: Any, *, locked: bool = True,
             bold: bool = False, wrap: bool = False, fill: str | None = None) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):  # never what XML cannot hold; a typed string, never a formula
        cell.value = without_controls(value)  # (no « ' »: io.cells, a workbook's text)
        cell.data_type = "s"
    elif value is not None or cell.value is not None:  # an input cell is born empty
        cell.value = value
    if locked and not bold and not wrap and not fill:
        return cell
    cell._style = copy.copy(_style_array(ws.parent, locked=locked, bold=bold, wrap=wrap,
                                         fill=fill))
    return cell


def _style_array(wb: Any, *, locked: bool = True, bold: bool = False, wrap: bool = False,
                 fill: str | None = None, link: bool = False,
                 number_format: str | None = None) -> Any:
    """The style of a cell with these properties (openpyxl's ``StyleArray``: the ids of
    its font, fill, alignment... in the workbook).

    openpyxl registers a style object by hashing it, every time it is set: here once
    per combination and workbook, on a cell outside any sheet, in the order the
    properties are set on a cell (protection, font, alignment, fill, number format);
    a cell then takes a copy."""
    styles = _styles(wb)
    key = (locked, bold, wrap, fill, link, number_format)
    known = styles.get(key)
    if known is not None:
        return known
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    cell = Cell(wb.worksheets[0])
    if not locked:
        cell.protection = Protection(locked=False)
    if bold:
        cell.font = Font(bold=True)
    if link:
        cell.font = Font(color="0563C1", underline="single")
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if number_format:
        cell.number_format = number_format
    styles[key] = copy.copy(cell._style)
    return styles[key]


def _styles(wb: Any) -> dict[tuple[Any, ...], Any]:
    """The styles of each combination already used in this workbook."""
    found: dict[tuple[Any, ...], Any] | None = getattr(wb, "_isgrid_styles", None)
    if found is None:
        found = {}
        wb._isgrid_styles = found
    return found


def style_id(wb: Any, **props: Any) -> int:
    """The index of a style in the workbook's cellXfs (what a cell's ``s`` holds); a new
    style gets the next index, so styles must be asked for in the order openpyxl meets
    them when it writes (sheet by sheet, row by row)."""
    index: int = wb._cell_styles.add(_style_array(wb, **props))
    return index


def printable(ws: Any) -> None:
    """Landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def protect(ws: Any) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


HEADER_FILL = "DDE4EE"
INPUT_FILL = "FFF9E0"
COMMENT_FILL = "F4F4F4"
