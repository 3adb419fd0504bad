"""A juror's workbook as an .ods, made in the test from the .xlsx ``isgrid sheets`` wrote
(no LibreOffice, no committed binary): every sheet in its order, every cell typed as Calc
types it (a number ``float``, a text ``string``), and some cells given as Calc would save
what a juror typed (``office:value-type="percentage"``…)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_cell(v: Any) -> str:
    """A cell as Calc writes it."""
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value='
                f'"{str(v).lower()}"><text:p>{v}</text:p></table:table-cell>')
    if isinstance(v, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}'
            "</text:p></table:table-cell>")


def ods_of(xlsx: Path, target: Path, cells: dict[tuple[str, str], str] | None = None,
           rows: dict[tuple[str, int], str] | None = None) -> Path:
    """The workbook ``xlsx`` as an .ods at ``target``; ``cells``: (sheet, « M2 ») -> the XML
    of that cell instead of its value's; ``rows``: (sheet, row number) -> that row's XML
    instead of its own (a row repeated, say)."""
    cells, rows = cells or {}, rows or {}
    wb = openpyxl.load_workbook(xlsx)
    tables = []
    for ws in wb.worksheets:
        xml_rows = []
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if (ws.title, r) in rows:
                xml_rows.append(rows[(ws.title, r)])
                continue
            xml = "".join(cells.get((ws.title, f"{openpyxl.utils.get_column_letter(c)}{r}"))
                          or ods_cell(v) for c, v in enumerate(row, start=1))
            xml_rows.append(f"<table:table-row>{xml}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(ws.title)}">{"".join(xml_rows)}'
                      "</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
               "<office:body><office:spreadsheet>" + "".join(tables)
               + "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    return target
