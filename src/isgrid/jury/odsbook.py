"""A juror's workbook saved as ODS by LibreOffice Calc (« Utiliser le format ODF ! »), read
as the tables :func:`isgrid.io.xlsx.read_xlsx` gives of an .xlsx, so that
:func:`.reading.read_workbook` checks it the same way.

The file is streamed by intake's ODS reader (:func:`isgrid.intake.sheets.read_sheets`:
within the bounds of every workbook isgrid reads, ``xlsx-too-large``; a cell's text whole,
its spaces and line breaks); each cell is then read as an .xlsx cell is
(:func:`isgrid.io.xlsx._row`'s rules): a formula refused where a value is expected
(``xlsx-formula``), an error text (« #NOM? ») never read as the text typed
(``excel-error-value``), texts stripped, a number beyond 15 digits kept as text, a
non-finite number refused.  Every cell is located ``j3.ods!Notation!D7``.  A file it
cannot open is ``xlsx-unreadable``, as an .xlsx, not intake's ``intake-source``, whose
hint is to export the dossiers again from the platform; a text longer than isgrid reads of
a cell (``intake-text-cut``, a comment of a million characters) is cut with a hint of its
own, to shorten the comment in the workbook, not to read the dossier on the platform.

What LibreOffice's ODS save keeps of the workbook ``isgrid sheets`` wrote (LibreOffice
7.4, tests/jury/test_sheets_libreoffice.py): every sheet by its name, in its order, the
hidden ``_listes`` and ``_isgrid`` sheets (``_isgrid``'s « very hidden » becomes hidden:
ODS has only hidden), every cell's value and type (a number typed « 2,5 » in a French
Calc is the number 2.5; a text stays a text), the drop-down lists (their ranges on
``_listes``), the sheets' protection and the print titles.  isgrid reads the values
alone, as of an .xlsx.

A value under no header is refused as in an .xlsx (``column-without-header``, at the
column's empty header cell), whether the header was emptied between two named columns or
the value lies beyond the header's last named column (intake's reader cuts those from the
rows, an export's named columns being all it reads, and gives them as
:attr:`~isgrid.intake.sheets.Sheet.beyond`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..intake.sheets import MAX_CELL_CHARS, Formula, Sheet, read_sheets, refuse_repeated
from ..io.excel import excel_error, excel_trace
from ..io.tabular import Row, Table, cell_ref
from ..io.xlsx import FORMULA_HINT, unreadable
from ..messages import Count

#: ``intake-text-cut`` in a juror's workbook: the comment is theirs to shorten
TEXT_CUT_HINT = Message(
    "The comment is longer than isgrid keeps: shorten it in the workbook to at most {max} "
    "characters (keep the rest in a document of your own), then import the workbook again.",
    max=Count(MAX_CELL_CHARS))


#: What the zip of each kind of workbook holds, and the other kind never does
_XLSX_MEMBER, _ODS_MEMBER = "[Content_Types].xml", "content.xml"


def misnamed(path: Path, diags: Collector) -> bool:
    """Is the workbook at ``path`` of the other kind than its name says (an .xlsx named
    .ods, an .ods named .xlsx: a file renamed by hand)?  Said from its zip's members
    (``[Content_Types].xml`` is an .xlsx's, ``content.xml`` an .ods's), as
    ``xlsx-unreadable`` with the name to give it; a file that is no zip, or neither kind,
    is left to the reader of its name's kind to say."""
    import zipfile

    suffix = path.suffix.lower()
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
    if suffix == ".ods" and _XLSX_MEMBER in names and _ODS_MEMBER not in names:
        kind, other = ".xlsx", ".ods"
    elif suffix == ".xlsx" and _ODS_MEMBER in names and _XLSX_MEMBER not in names:
        kind, other = ".ods", ".xlsx"
    else:
        return False
    diags.add("xlsx-unreadable", Message(
        "this file is an {kind} workbook named {other}: rename it {name}", kind=kind,
        other=other, name=path.with_suffix(kind).name), Location(str(path)),
        hint=Message("Rename the file {name} (what it holds is an {kind} workbook), then "
                     "import it again.", name=path.with_suffix(kind).name, kind=kind))
    return True


#: The most times a juror's .ods may repeat a row holding values, or a value along a row
#: (``table:number-rows-repeated``, ``table:number-columns-repeated``): Calc writes two
#: equal cells side by side as one repeated (« Bon » typed under five criteria), never a
#: workbook's row twice (each names its dossier and its kind); beyond, the row is never
#: expanded into 199,000 rows each said a duplicate (review s16 hostile, finding 10): a
#: sheet isgrid reads (the ratings, a dossier's sheet, ``_isgrid``, ``_listes``) is refused
#: at that row or cell (``duplicate-rating``), a sheet of the juror's own (« Mes calculs »,
#: a column of 0 filled down) is not read, as in an .xlsx (review s17 hostile, finding 5).
#: Empty rows and cells repeated to the sheet's edge, as every .ods ends, stay free.
MAX_REPEAT = 100


def read_ods(path: Path, diags: Collector,
             repeated: dict[str, Sheet] | None = None) -> dict[str, Table] | None:
    """The sheets of the ODS workbook at ``path`` by name, each a :class:`Table` whose
    first row is the header (None, and the problem said, when it cannot be read).

    ``repeated``: filled with the sheets repeating a row or a value beyond
    :data:`MAX_REPEAT` (those rows left out of their table), for the reader to refuse the
    ones it reads (:func:`isgrid.intake.sheets.refuse_repeated`); None: the first such
    sheet refuses the workbook."""
    local = Collector()
    # « 50 % », « 12 000 $ »: refused; a row repeated 199,000 times: never expanded
    sheets = read_sheets(path, local, units=True, max_repeat=MAX_REPEAT)
    for found in local.items:
        if found.code == "intake-source":  # said as of an export from the platform
            name = getattr(found.message, "values", {}).get("name") or found.message
            unreadable(diags, name, found.location)  # as every workbook that does not open
        elif found.code == "intake-text-cut":  # not an export's hint (the platform, the API)
            diags.extend([replace(found, hint=TEXT_CUT_HINT)])
        else:
            diags.extend([found])
    if sheets is None:
        return None
    for sheet in sheets:
        if repeated is not None and sheet.repeated is not None:
            repeated[sheet.name or ""] = sheet
        elif refuse_repeated(diags, sheet):
            return None
    return {sheet.name or "": _table(sheet, diags) for sheet in sheets}


def _table(sheet: Sheet, diags: Collector) -> Table:
    file, title = sheet.file, sheet.name
    cols = list(sheet.header)
    table = Table(file, cols, sheet=title)
    table.header_locations = {c: Location(file, sheet=title, cell=cell_ref(1, i + 1))
                              for i, c in enumerate(cols)}
    positions = {c: i for i, c in enumerate(cols, start=1)}
    for i in sorted(sheet.beyond):  # a value beyond the header's last named column
        table.unnamed[i] = Location(file, sheet=title, cell=cell_ref(1, i))
    for line, cells in sheet.rows:
        values: dict[str, Any] = {}
        empty = True
        for i, col in enumerate(cols, start=1):
            v = _value(cells[i - 1] if i <= len(cells) else None, col or cell_ref(1, i),
                       Location(file, sheet=title, cell=cell_ref(line, i)), diags)
            if v not in (None, ""):
                empty = False
                if not col and i not in table.unnamed:  # a header emptied: its values lost
                    table.unnamed[i] = Location(file, sheet=title, cell=cell_ref(1, i))
            values[col] = "" if v is None else v
        if not empty:
            table.rows.append(Row(values, None, None, positions, file=file, line=line,
                                  sheet=title))
    return table


def _value(v: Any, column: str, loc: Location, diags: Collector) -> Any:
    """One cell's value as :func:`isgrid.io.xlsx.read_xlsx` reads an .xlsx cell."""
    if isinstance(v, Formula):
        diags.add("xlsx-formula", Message("the cell holds a formula ({value})",
                                          value=v.text.removeprefix("of:")[:40]),
                  loc, hint=FORMULA_HINT)
        return None
    if isinstance(v, str):
        if excel_error(v) is not None:  # « #NOM? » where the typed text was: never read
            trace = excel_trace(v, column)
            if trace is not None:
                trace.add(diags, loc)
            return None
        return v.strip()
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**15:
        return str(v)  # beyond a spreadsheet's 15 digits: text, as the juror typed it
    if isinstance(v, float) and not math.isfinite(v):
        diags.add("number-invalid", Message("the cell holds {value}, not a finite number",
                                            value=Quote(v)), loc,
                  hint="Type a number of at most 15 digits.")
        return None
    return v
