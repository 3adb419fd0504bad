"""The table of dossiers as a workbook (``dossiers.xlsx``) in ``isgrid call purge``: its
``retention.contact_facts`` columns emptied, as those of ``dossiers.csv`` are
(:mod:`isgrid.call.purge`), or, when isgrid cannot write the workbook back whole, a
warning that says why (docs/personal-data.md, « La table des dossiers »).

A workbook is rewritten through openpyxl, which reads and writes back the cells (values,
formulas), their styles (fonts, fills, borders, number formats), the column widths and
row heights, merged cells, frozen panes, filters, data validations, tables, every sheet and
the workbook's properties; it drops what it does not model: images, charts and drawings,
cell comments' boxes, pivot tables, macros, links to other workbooks, slicers, extensions
of data validation or conditional formatting.  So the purge first looks at the parts the
file holds (:data:`_KEPT`) and at what openpyxl says it drops when reading it (its
warnings); anything else and the workbook is left as it is, with the warning naming what
would be lost.  The copy it writes is read back before it is kept: every cell of every
sheet but the emptied ones must hold what it held, with its number format, else nothing is
written (:class:`WorkbookLost`).  The main sheet is the one the table's reader reads
(« dossiers », else the first: :func:`isgrid.call.dossier_table.main_sheet`).

Memory (review s16 hostile, 6): what the purge needs to know is read streamed
(:mod:`.purge_book_scan`: the main sheet's id and contact columns, each sheet's
properties without its rows); only ``--apply`` loads the workbook whole, once, and reads
its saved copy back streamed against it.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, Message
from .dossier_table import main_sheet
from .purge_book_scan import DROPPED, frame_check, main_rows
from .purge_contacts import contacts_of

#: The parts of an ``.xlsx`` that openpyxl writes back as they were (the cells, styles,
#: sheets, tables, properties, the theme; ``calcChain.xml``, a cache Excel makes again,
#: and the printer's settings, not cells, are the two it does not write back).
_KEPT = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(?:app|core|custom)\.xml"
    r"|xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|xl/styles\.xml|xl/sharedStrings\.xml"
    r"|xl/theme/theme\d+\.xml|xl/calcChain\.xml|xl/worksheets/sheet\d+\.xml"
    r"|xl/worksheets/_rels/sheet\d+\.xml\.rels|xl/tables/table\d+\.xml"
    r"|xl/printerSettings/printerSettings\d+\.bin|xl/metadata\.xml", re.I)

#: What a part openpyxl would drop is, for the warning (its folder in the file).
_LOST = (("xl/media/", Message("images")), ("xl/drawings/vmlDrawing", Message("cell comments")),
         ("xl/drawings/commentsDrawing", Message("cell comments")),
         ("xl/comments", Message("cell comments")), ("xl/drawings/", Message("drawings")),
         ("xl/charts/", Message("charts")), ("xl/pivot", Message("pivot tables")),
         ("xl/vbaProject", Message("macros")),
         ("xl/externalLinks/", Message("links to other workbooks")),
         ("xl/slicer", Message("slicers")))


class WorkbookLost(Exception):
    """The purged copy read back does not hold a cell as the workbook did."""


class WorkbookRefused(Exception):
    """openpyxl's whole load of the workbook failed (``unreadable``: its error's name) or
    dropped a part (``refused``): found at ``--apply`` when the dry run's reading of the
    sheets without their cells (:func:`~isgrid.call.purge_book_scan.frame_check`) did
    not see it."""

    def __init__(self, unreadable: str | None = None, refused: Message | None = None) -> None:
        super().__init__(unreadable or str(refused))
        self.unreadable, self.refused = unreadable, refused


@dataclass
class Workbook:
    """What the purge found in ``dossiers.xlsx``: the contact columns of its main sheet as
    written (and where: ``at``, 0-based, read once from its header), the rows holding a
    value in them, each dossier's values (by its id), and why it cannot be rewritten
    (None when it can)."""

    path: Path
    columns: list[str] = field(default_factory=list)
    rows: int = 0
    contacts: dict[str, list[str]] = field(default_factory=dict)
    refused: list[Message] = field(default_factory=list)
    at: list[int] = field(default_factory=list)
    sheet: str = ""  # the main sheet's title
    #: the error openpyxl raised opening it (isgrid's own reader may still read it)
    unreadable: str | None = None

    def warning(self) -> Diagnostic:
        """``purge-name-left``: the columns kept, and why the workbook is not rewritten."""
        if self.unreadable is not None:
            return Diagnostic(
                "purge-name-left", Message(
                    "the purge cannot open this workbook to empty its contact columns "
                    "({error}): the applicants' contact columns it may hold ({columns}) are kept",
                    error=self.unreadable, columns=", ".join(self.columns)),
                Location(str(self.path)), severity="warning", hint=Message(
                    "Open it in your spreadsheet, empty these columns and save it again (or "
                    "save the table as dossiers.csv, whose contact columns the purge "
                    "empties), then purge again."))
        return Diagnostic(
            "purge-name-left", Message(
                "the table of dossiers keeps the applicants' contact columns {columns}: the "
                "purge does not rewrite this workbook, whose {lost} isgrid cannot write back",
                columns=", ".join(self.columns), lost=_joined(self.refused)),
            Location(str(self.path)), severity="warning", hint=Message(
                "Empty these columns in the spreadsheet (or save the table as dossiers.csv, "
                "whose contact columns the purge empties), then purge again."))

    def purged(self) -> bytes:
        """The workbook with its contact cells emptied (styles kept), checked: every other
        cell of every sheet read back as it was (:class:`WorkbookLost` otherwise).  One
        workbook in memory at a time, then its saved bytes: the copy is read back
        streamed, sheet by sheet and row by row, against the workbook it was saved from
        (review s16 hostile, 6: 1.37 GB at 30,000 rows × 30 columns, the cells of both
        copies held as two dictionaries beside the two workbooks)."""
        import openpyxl

        try:
            with warnings.catch_warnings(record=True) as said:
                warnings.simplefilter("always")
                book = openpyxl.load_workbook(self.path, rich_text=True)
        except Exception as e:  # openpyxl raises anything on a part it dislikes
            raise WorkbookRefused(unreadable=type(e).__name__) from None
        dropped = [str(w.message) for w in said if any(
            word in str(w.message) for word in DROPPED)]
        if dropped:
            raise WorkbookRefused(refused=Message(
                "parts openpyxl does not read ({said})", said=dropped[0][:120]))
        sheet = book[self.sheet]
        cells = sheet._cells
        for r in range(2, (sheet.max_row or 0) + 1):
            for i in self.at:
                cell = cells.get((r, i + 1))
                if cell is not None and cell.value not in (None, ""):
                    cell.value = None
                    # its link (mailto:) too: written back with a styled cell, else kept
                    cell.hyperlink = None
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
        del out
        if not _same(book, data):
            raise WorkbookLost(str(self.path))
        return data


def _joined(parts: list[Message]) -> Message:
    """« images », « images and charts », « images, charts and macros »."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 2:
        return Message("{first}, {rest}", first=parts[0], rest=_joined(parts[1:]))
    return Message("{some} and {last}", some=parts[0], last=parts[1])


def _key(value: Any) -> Any:
    """A cell's value as compared (a rich text: its text and its runs' fonts, as
    written)."""
    from openpyxl.cell.rich_text import CellRichText

    if isinstance(value, CellRichText):
        return str(value), repr([getattr(b, "font", None) for b in value])
    return value


def _cells(book: Any) -> Iterator[tuple[str, int, int, Any, str]]:
    """Every non-empty cell of every sheet of a whole workbook, sheet by sheet and row by
    row: (sheet, row, column, value as compared, number format)."""
    for ws in book.worksheets:
        for (r, c) in sorted(k for k, cell in ws._cells.items() if cell.value is not None):
            cell = ws._cells[(r, c)]
            yield ws.title, r, c, _key(cell.value), cell.number_format


def _read_back(data: bytes) -> Iterator[tuple[str, int, int, Any, str]]:
    """:func:`_cells` of the saved bytes, streamed (a read-only workbook, its sheets'
    rows parsed as the whole load parses them, rich texts included)."""
    import openpyxl
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    from ..io.xlsx import rows_and_merges

    _Plain = _plain_parser()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, rich_text=True)
    try:
        styles, formats = book._cell_styles, book._number_formats

        def number_format(style_id: int) -> str:
            fid = styles[style_id].numFmtId if style_id < len(styles) else 0
            if fid < BUILTIN_FORMATS_MAX_SIZE:
                return str(BUILTIN_FORMATS.get(fid, "General"))
            return str(formats[fid - 164])

        for ws in book.worksheets:
            src = ws._get_source()
            parser = _Plain(src, ws._shared_strings, data_only=False,
                            epoch=book.epoch, date_formats=book._date_formats,
                            timedelta_formats=book._timedelta_formats, rich_text=True)
            try:
                for r, cells in rows_and_merges(src, parser, []):
                    for c in sorted(cells, key=lambda c: c["column"]):
                        if c["value"] is not None:
                            yield (ws.title, r, c["column"], _key(c["value"]),
                                   number_format(int(c["style_id"] or 0)))
            finally:
                src.close()
    finally:
        book.close()


def _plain_parser() -> Any:
    """openpyxl's sheet parser, but a cell that is one plain inline text (``<c
    t="inlineStr"><is><t>…</t></is></c>``, every text cell openpyxl writes) is read
    directly: openpyxl builds a rich text of it, then finds it plain (two thirds of the
    read-back of a large table).  The same value either way: a text (``str``)."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    inline, text, formula = (f"{{{SHEET_MAIN_NS}}}{t}" for t in ("is", "t", "f"))

    class Plain(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> Any:
            coordinate = element.get("r")
            if element.get("t") == "inlineStr" and coordinate and len(element) == 1:
                child = element[0]
                if child.tag == inline and len(child) == 1 and child[0].tag == text \
                        and child[0].text and element.find(formula) is None:
                    row, column = coordinate_to_tuple(coordinate)
                    self.col_counter = column
                    style_id = element.get("s", 0)
                    return {"row": row, "column": column, "value": child[0].text,
                            "data_type": "s", "style_id": int(style_id) if style_id else 0}
            return super().parse_cell(element)

    return Plain


def _same(book: Any, data: bytes) -> bool:
    """The saved copy ``data`` read back holds every cell of ``book`` as it is (value and
    number format), and no other."""
    missing = object()
    return all(a == b for a, b in zip_longest(_cells(book), _read_back(data),
                                              fillvalue=missing))


def read_workbook(path: Path, contact_facts: list[str], *, whole: bool = True
                  ) -> Workbook | None:
    """``dossiers.xlsx`` as the purge reads it, streamed (its main sheet's header once,
    then only its id and contact columns), or None when it holds no contact value.  A
    workbook openpyxl cannot open is a :class:`Workbook` whose ``unreadable`` says why
    (never silence: the call's own reader may read what openpyxl refuses, and the purge
    would say « purged » over the applicants' e-mails: review s16 hostile, 1; the letters'
    check says it too).  ``whole`` False: its contact values only (the letters' check, at
    every build of the letters), not what would be lost when it is written back."""
    import openpyxl

    wanted = {f.casefold() for f in contact_facts}
    found = Workbook(path)
    header: list[str] = []
    at: list[int] = []
    at_id: list[int] = []

    def columns(first: dict[int, Any]) -> list[int]:
        header.extend(h.strip() if isinstance(h, str) else ""
                      for h in (first.get(i) for i in range(max(first, default=-1) + 1)))
        at.extend(i for i, h in enumerate(header) if h.casefold() in wanted)
        at_id.extend(i for i, h in enumerate(header) if h == "id")
        return at + at_id[:1]

    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            with warnings.catch_warnings(record=True) as said:
                warnings.simplefilter("always")
                book = openpyxl.load_workbook(path, read_only=True)
            try:
                found.sheet = main_sheet(book.sheetnames)
                cols: set[int] = set()
                for _, row in main_rows(book, book[found.sheet], columns):
                    data = {header[i].casefold(): row[i] for i in at
                            if row.get(i) not in (None, "")}
                    if not data:
                        continue
                    found.rows += 1
                    cols.update(i for i in at if row.get(i) not in (None, ""))
                    values = contacts_of({k: str(v) for k, v in data.items()}, wanted)
                    did = str(row[at_id[0]]).strip() if at_id and \
                        row.get(at_id[0]) is not None else ""
                    if values:
                        found.contacts.setdefault(did, []).extend(values)
                frames = [frame_check(z, book, ws) for ws in book.worksheets] \
                    if whole and found.rows else []
            finally:
                book.close()
    except Exception as e:  # openpyxl raises anything on a part it dislikes
        return Workbook(path, columns=list(contact_facts), rows=1,
                        refused=[Message("its content")], unreadable=type(e).__name__)
    if not found.rows:
        return None
    found.columns = [header[i] for i in sorted(cols)]
    found.at = [i for i in at if i in cols]
    if not whole:
        return found
    failed = next((f.error for f in frames if f.error is not None), None)
    if failed is not None:  # (as openpyxl's whole load will fail at --apply)
        found.unreadable = failed
        return found
    for name in names:
        if not name.endswith("/") and not _KEPT.fullmatch(name):
            what = next((m for prefix, m in _LOST if name.lower().startswith(prefix.lower())),
                        Message("other parts ({name})", name=name))
            if what not in found.refused:
                found.refused.append(what)
    dropped = next((f.dropped for f in frames if f.dropped is not None), None) or next(
        (str(w.message)[:120] for w in said if any(word in str(w.message) for word in DROPPED)),
        None)  # (the workbook's own parts: « an invalid specification … will be removed »)
    if dropped:  # « Data Validation extension is not supported and will be removed »
        found.refused.append(Message("parts openpyxl does not read ({said})", said=dropped))
    return found


def workbook_contacts(path: Path, contact_facts: list[str],
                      said: list[Diagnostic] | None = None) -> dict[str, list[str]]:
    """The contact values of each dossier of ``dossiers.xlsx``, by its id (the letters'
    check: :func:`isgrid.call.purge_people.contact_values`).  A workbook openpyxl cannot
    open has none it can find: ``said`` is given a warning saying so, as the purge says it
    (it was silence: review s16 hostile, 1)."""
    found = read_workbook(path, contact_facts, whole=False) if path.is_file() \
        and not path.is_symlink() else None
    if found is not None and found.unreadable is not None:
        if said is not None:
            said.append(Diagnostic(
                "letter-personal-data", Message(
                    "the letters' check cannot open this workbook to read the applicants' "
                    "contact columns ({error}): a shared comment quoting another applicant's "
                    "contact would not be found", error=found.unreadable),
                Location(str(path)), severity="warning", hint=Message(
                    "Open it in your spreadsheet and save it again (or save the table as "
                    "dossiers.csv), then write the letters again.")))
        return {}
    return found.contacts if found is not None else {}


__all__ = ["Workbook", "WorkbookLost", "WorkbookRefused", "read_workbook",
           "workbook_contacts"]
