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
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, Message
from .dossier_table import main_sheet
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


@dataclass
class Workbook:
    """What the purge found in ``dossiers.xlsx``: the contact columns of its main sheet as
    written, the rows holding a value in them, each dossier's values (by its id), and
    why it cannot be rewritten (None when it can)."""

    path: Path
    columns: list[str] = field(default_factory=list)
    rows: int = 0
    contacts: dict[str, list[str]] = field(default_factory=dict)
    refused: list[Message] = field(default_factory=list)
    book: Any = None  # the openpyxl workbook, to empty and save
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
        cell of every sheet read back as it was (:class:`WorkbookLost` otherwise)."""
        import openpyxl

        before = _cells(self.book)
        sheet = self.book[main_sheet(self.book.sheetnames)]
        at = _contact_columns(sheet, self.columns)
        emptied = set()
        for row in sheet.iter_rows(min_row=2):
            for i in at:
                if i < len(row) and row[i].value not in (None, ""):
                    row[i].value = None
                    emptied.add((sheet.title, row[i].coordinate))
        out = io.BytesIO()
        self.book.save(out)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            after = _cells(openpyxl.load_workbook(io.BytesIO(out.getvalue())))
        kept = {k: v for k, v in before.items() if k not in emptied}
        if kept != {k: v for k, v in after.items() if k not in emptied}:
            raise WorkbookLost(str(self.path))
        return out.getvalue()


def _joined(parts: list[Message]) -> Message:
    """« images », « images and charts », « images, charts and macros »."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 2:
        return Message("{first}, {rest}", first=parts[0], rest=_joined(parts[1:]))
    return Message("{some} and {last}", some=parts[0], last=parts[1])


def _cells(book: Any) -> dict[tuple[str, str], tuple[Any, str]]:
    """Every non-empty cell of every sheet: its value (a rich text: its text and its
    runs' fonts, as written) and its number format."""
    from openpyxl.cell.rich_text import CellRichText

    return {(ws.title, c.coordinate): (
        (str(c.value), repr([getattr(b, "font", None) for b in c.value]))
        if isinstance(c.value, CellRichText) else c.value, c.number_format)
        for ws in book.worksheets for row in ws.iter_rows() for c in row
        if c.value is not None}


def _contact_columns(sheet: Any, columns: list[str]) -> list[int]:
    wanted = {c.casefold() for c in columns}
    header = next(sheet.iter_rows(max_row=1, values_only=True), ())
    return [i for i, h in enumerate(header) if isinstance(h, str) and h.strip().casefold()
            in wanted]


def read_workbook(path: Path, contact_facts: list[str], *, whole: bool = True
                  ) -> Workbook | None:
    """``dossiers.xlsx`` as the purge reads it, or None when it holds no contact value
    (or cannot be read: every other command says so at its place).  ``whole`` False: its
    contact values only, the workbook streamed (the letters' check, at every build of
    the letters), not what would be lost nor the workbook to rewrite."""
    import openpyxl

    wanted = {f.casefold() for f in contact_facts}
    found = Workbook(path)
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(path, rich_text=True) if whole else \
                openpyxl.load_workbook(path, read_only=True)
    except Exception as e:  # openpyxl raises anything on a part it dislikes
        # never silence: the call's own reader may read what openpyxl refuses, and the
        # purge would say « purged » over the applicants' e-mails (review s16 hostile, 1)
        if not whole:
            return None
        return Workbook(path, columns=list(contact_facts), rows=1,
                        refused=[Message("its content")], unreadable=type(e).__name__)
    sheet = book[main_sheet(book.sheetnames)]
    rows = sheet.iter_rows(values_only=True)
    header = [h.strip() if isinstance(h, str) else "" for h in next(rows, ())]
    at = [i for i, h in enumerate(header) if h.casefold() in wanted]
    at_id = header.index("id") if "id" in header else None
    cols: set[int] = set()
    for row in rows:
        data = {header[i].casefold(): row[i] for i in at
                if i < len(row) and row[i] not in (None, "")}
        if not data:
            continue
        found.rows += 1
        cols.update(i for i in at if i < len(row) and row[i] not in (None, ""))
        values = contacts_of({k: str(v) for k, v in data.items()}, wanted)
        did = str(row[at_id]).strip() if at_id is not None and at_id < len(row) \
            and row[at_id] is not None else ""
        if values:
            found.contacts.setdefault(did, []).extend(values)
    if not whole:
        book.close()
    if not found.rows:
        return None
    found.columns = [header[i] for i in sorted(cols)]
    if not whole:
        return found
    for name in names:
        if not name.endswith("/") and not _KEPT.fullmatch(name):
            what = next((m for prefix, m in _LOST if name.lower().startswith(prefix.lower())),
                        Message("other parts ({name})", name=name))
            if what not in found.refused:
                found.refused.append(what)
    dropped = [str(w.message) for w in said if any(
        word in str(w.message) for word in ("removed", "dropped", "ignored"))]
    if dropped:  # « Data Validation extension is not supported and will be removed »
        found.refused.append(Message("parts openpyxl does not read ({said})",
                                     said=dropped[0][:120]))
    found.book = book
    return found


def workbook_contacts(path: Path, contact_facts: list[str]) -> dict[str, list[str]]:
    """The contact values of each dossier of ``dossiers.xlsx``, by its id (the letters'
    check: :func:`isgrid.call.purge_people.contact_values`)."""
    found = read_workbook(path, contact_facts, whole=False) if path.is_file() \
        and not path.is_symlink() else None
    return found.contacts if found is not None else {}


__all__ = ["Workbook", "WorkbookLost", "read_workbook", "workbook_contacts"]
