"""``dossiers.xlsx`` read by the purge without loading it whole (split from
:mod:`isgrid.call.purge_workbook`): a large table (30,000 rows × 30 columns) loaded as
openpyxl's cells took 460 MB and 23 s for a dry run that writes nothing (review s16
hostile, 6).

* :func:`main_rows`: the main sheet streamed (isgrid's own bounded reader,
  :func:`isgrid.io.xlsx.rows_and_merges`), its header once, then only the cells of the
  columns asked for: the others of a row are dropped before openpyxl parses them.
* :func:`frame_check`: what openpyxl's whole load would do to a sheet but its cells (its
  properties, formats, extensions), run on the sheet without its rows: the error it raises
  (a ``defaultRowHeight="abc"``: review s16 hostile, 1) or the parts it says it drops,
  found by a dry run as ``--apply`` finds them.
* :func:`leftovers`: a removed contact value still written elsewhere in the workbook (the
  other sheets' cells, the defined names, the headers and footers, the cell comments:
  review s16 hostile, 2), each a ``purge-name-left`` warning naming where; never emptied
  (they are the secretariat's sheets).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, Message, Quote
from ..io.xlsx import rows_and_merges, stream_rows
from .dossier_table import main_sheet
from .purge_names import _Values

#: What openpyxl says, loading a workbook whole, when it drops a part it does not read
#: (« Data Validation extension is not supported and will be removed »).
DROPPED = ("removed", "dropped", "ignored")


def _column(ref: str) -> int:
    """``"AB12"`` -> 28."""
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n


class _Only:
    """A sheet's parser that parses only the cells of ``columns`` (1-based; None: all):
    a row's other cells are taken out of it before openpyxl parses them (a row whose
    cells do not all give their place is parsed whole)."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.columns: set[int] | None = None

    @property
    def row_counter(self) -> int:
        return int(self.parser.row_counter)

    def parse_row(self, element: Any) -> Any:
        if self.columns is not None:
            cells = list(element)
            if all(c.get("r") for c in cells):
                for c in cells:
                    if _column(c.get("r")) not in self.columns:
                        element.remove(c)
        return self.parser.parse_row(element)


def main_rows(book: Any, ws: Any, columns: Any) -> Iterator[tuple[int, dict[int, Any]]]:
    """The rows of ``ws`` (a read-only workbook's sheet) under its header, streamed: ``(row
    number, {column (0-based): value})``.  ``columns(header)`` is given the header (row 1,
    ``{column: value}``, empty when the sheet has no row 1) and says which columns
    (0-based) of the rows under it to read: their other cells are never parsed."""
    src, parser = stream_rows(ws, book)
    only = _Only(parser)
    try:
        for r, cells in rows_and_merges(src, only, []):
            values = {c["column"] - 1: c["value"] for c in cells}
            if only.columns is None:
                only.columns = {i + 1 for i in columns(values if r == 1 else {})}
                if r == 1:
                    continue
                values = {i: v for i, v in values.items() if i + 1 in only.columns}
            yield r, values
    finally:
        src.close()


_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>")


def sheet_frame(z: zipfile.ZipFile, part: str) -> bytes:
    """The sheet's XML without its rows (``<sheetData/>`` empty), read in pieces: what
    comes before (properties, formats, columns) and after (merged cells, links, headers
    and footers, extensions) the rows, a few kilobytes where the rows are megabytes."""
    head, tail = bytearray(), bytearray()
    state = 0  # 0: before the rows, 1: in them, 2: after
    carry = b""
    with z.open(part) as f:
        while chunk := f.read(1 << 20):
            data = carry + chunk
            carry = b""
            if state == 0:
                m = _SHEET_DATA.search(data)
                if m is None:
                    keep = max(0, len(data) - 64)
                    head += data[:keep]
                    carry = data[keep:]
                    continue
                head += data[:m.start()] + re.sub(rb"/?>$", b"/>", m.group(0))
                data = data[m.end():]
                state = 2 if m.group(1) else 1
            if state == 1:
                m = _SHEET_DATA_END.search(data)
                if m is None:
                    carry = data[-64:]
                    continue
                data = data[m.end():]
                state = 2
            tail += data
    return bytes(head + (carry if state == 0 else b"") + tail)


@dataclass
class Frame:
    """A sheet as openpyxl's whole load would read it but its cells."""

    error: str | None = None  # the error it raises (its type's name)
    dropped: str | None = None  # what it says it drops
    header_footer: list[str] | None = None  # the texts of its headers and footers
    #: its cells' links: (the cell or range, the link's texts: target, place, tooltip)
    links: list[tuple[str, str]] = field(default_factory=list)


def frame_check(z: zipfile.ZipFile, book: Any, ws: Any) -> Frame:
    """:class:`Frame` of ``ws`` (a read-only workbook's sheet): openpyxl's own reader of a
    whole sheet run on :func:`sheet_frame` (no row: no cell made)."""
    import openpyxl
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.worksheet._reader import WorksheetReader

    part = ws._worksheet_path
    out = Frame()
    try:
        frame = sheet_frame(z, part)
        scratch = openpyxl.Workbook()
        sheet = scratch.active
        rels_path = get_rels_path(part)
        if rels_path in z.namelist():
            sheet._rels = get_dependents(z, rels_path)
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            reader = WorksheetReader(sheet, io.BytesIO(frame), book.shared_strings, False,
                                     True)
            reader.bind_all()
        dropped = [str(w.message) for w in said if any(
            word in str(w.message) for word in DROPPED)]
        out.dropped = dropped[0][:120] if dropped else None
        out.header_footer = _header_footer(frame)
        out.links = [(str(link.ref), " ".join(str(t) for t in (
            link.target, link.location, link.tooltip, link.display) if t))
            for link in reader.parser.hyperlinks.hyperlink]
    except Exception as e:  # openpyxl raises anything on a part it dislikes
        out.error = type(e).__name__
    return out


def _header_footer(frame: bytes) -> list[str]:
    """The texts of the sheet's headers and footers (``&L…&C…``, as written)."""
    from openpyxl.xml.functions import fromstring

    root = fromstring(frame)
    return [el.text for el in root.iter() if isinstance(el.tag, str) and el.text
            and el.tag.rsplit("}", 1)[-1] in (
                "oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
                "firstFooter")]


LEFT_HINT = Message(
    "The purge empties only the contact columns of the table's sheet; the workbook's other "
    "sheets, names and texts are yours: delete the value there now (once the table is "
    "purged, isgrid no longer knows it).")


def leftovers(path: Path, removed: _Values, contact_facts: list[str]) -> list[Diagnostic]:
    """``purge-name-left`` for each removed contact value still written in ``path``
    outside the main sheet's cells: another sheet's cell (« contacts!B2 »), a defined
    name, a sheet's header or footer, a cell comment or a cell's link (the main sheet's
    too, but the links of its ``contact_facts`` columns, removed with their cells)."""
    import openpyxl
    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.xml.constants import COMMENTS_NS
    from openpyxl.xml.functions import fromstring

    out: list[Diagnostic] = []
    if not removed.by_head:
        return out

    def said(text: Any, where: Location, message: str = "{value} is still written here",
             **more: Any) -> None:
        for _, value in removed.found(str(text)):
            out.append(Diagnostic("purge-name-left", Message(message, value=Quote(value), **more),
                                  where, severity="warning", hint=LEFT_HINT))

    try:
        with zipfile.ZipFile(path) as z, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True)
            try:
                main = main_sheet(book.sheetnames)
                names = z.namelist()
                for ws in book.worksheets:
                    if ws.title != main:  # (the main sheet's: its contact columns, emptied)
                        src, parser = stream_rows(ws, book)
                        try:
                            for _, cells in rows_and_merges(src, parser, []):
                                for c in cells:
                                    v = c["value"]  # (a phone typed as a number too)
                                    if isinstance(v, str | int) and not isinstance(v, bool):
                                        said(v, Location(
                                            str(path), sheet=ws.title,
                                            cell=f"{_letters(c['column'])}{c['row']}"))
                        finally:
                            src.close()
                    frame = frame_check(z, book, ws)
                    for text in frame.header_footer or []:
                        said(text, Location(str(path), sheet=ws.title),
                             "{value} is still written in this sheet's header or footer")
                    emptied = _contact_columns(book, ws, contact_facts) \
                        if ws.title == main and frame.links else set()
                    for ref, text in frame.links:
                        if _column(ref) - 1 not in emptied:
                            said(text, Location(str(path), sheet=ws.title,
                                                cell=ref.split(":")[0]),
                                 "{value} is still written in this cell's link")
                    rels = get_rels_path(ws._worksheet_path)
                    if rels not in names:
                        continue
                    for rel in get_dependents(z, rels).find(COMMENTS_NS):
                        comments = CommentSheet.from_tree(fromstring(z.read(rel.target)))
                        for ref, comment in comments.comments:
                            said(comment.text, Location(str(path), sheet=ws.title, cell=ref),
                                 "{value} is still written in this cell's comment")
                for el in _workbook_xml(z):
                    if isinstance(el.tag, str) and el.tag.endswith("definedName") and el.text:
                        said(el.text, Location(str(path)),
                             "{value} is still written in the defined name {name}",
                             name=Quote(el.get("name")))
            finally:
                book.close()
    except Exception:  # a workbook openpyxl cannot read: said by the purge's own reading
        return out
    return out


def _contact_columns(book: Any, ws: Any, contact_facts: list[str]) -> set[int]:
    """The columns (0-based) of the main sheet ``ws`` named by ``contact_facts`` in its
    header (its first row only read)."""
    wanted = {f.casefold() for f in contact_facts}
    found: set[int] = set()

    def columns(header: dict[int, Any]) -> list[int]:
        found.update(i for i, h in header.items() if isinstance(h, str)
                     and h.strip().casefold() in wanted)
        return []

    for _ in main_rows(book, ws, columns):
        break  # (the header is read before the first row under it)
    return found


def _workbook_xml(z: zipfile.ZipFile) -> Iterator[Any]:
    """The elements of the workbook's part (``xl/workbook.xml``, as its package names it)."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.functions import fromstring

    part = "xl/workbook.xml"
    try:
        manifest = Manifest.from_tree(fromstring(z.read("[Content_Types].xml")))
        for t in ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                  "application/vnd.ms-excel.sheet.macroEnabled.main+xml"):
            found = manifest.find(t)
            if found is not None:
                part = found.PartName.lstrip("/")
                break
    except Exception:
        pass
    yield from fromstring(z.read(part)).iter()


def _letters(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


__all__ = ["DROPPED", "LEFT_HINT", "Frame", "frame_check", "leftovers", "main_rows",
           "sheet_frame"]
