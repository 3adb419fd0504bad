"""A worksheet part (``xl/worksheets/sheetN.xml``) written as XML text, streamed.

Why: a juror's ``Notation`` sheet has about 25,000 cells; 200 jurors make 4.9 million.
Through openpyxl each cell is an object with its style, then an element serialised by
lxml, which made ``isgrid sheets`` take 150 s for 20,000 dossiers.  Here a row is a
string built from a per-row template and written into the zip entry as it is made: no
cell objects, and nothing larger than one chunk held at once.

The workbook itself (styles, the small sheets, workbook.xml) is still openpyxl's: a
streamed sheet is an empty placeholder there, whose part
:func:`isgrid.jury.workbook.workbook_bytes` replaces in the zip with what
:func:`write_sheet` streams (the ``per-dossier`` layout's sheets too).  The text is, byte for byte,
what openpyxl 3.1 (with lxml) writes for the same cells — ``tests/jury/test_sheetxml.py``
compares both writers on generated calls — so the escaping rules below are lxml's:

* the part is ASCII: every other character is a decimal reference ``&#233;``;
* in text, ``& < >`` are escaped and a carriage return is ``&#13;``;
* in attributes, also ``"``, and newline, tab and carriage return as ``&#10; &#9; &#13;``;
* a text with leading or trailing white space gets ``xml:space="preserve"``;
* characters XML 1.0 forbids (control characters but tab and line ends) are refused
  with openpyxl's own error, as when openpyxl wrote the sheet.

Every text here is written as an inline string (``t="inlineStr"``), never as a formula,
whatever it is: it needs no formula neutralisation, and gets none (the ``'`` of a CSV cell
would be shown: « '+ de lien social »; :mod:`isgrid.io.cells`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from ..io.text import without_controls

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK_TYPE = REL_NS + "/hyperlink"

#: The most characters a cell holds (Excel's limit; openpyxl cuts longer texts).
MAX_TEXT = 32767
#: Bytes written to the zip entry at once (rows are gathered until then).
CHUNK = 1 << 16


def escape_text(value: str) -> str:
    """Element text as lxml writes it (non-ASCII is left to :func:`encode`), without the
    characters XML cannot hold (:func:`isgrid.io.text.without_controls`: a dossier's title
    written « Recyclerie\\vsolidaire » in YAML; openpyxl refused the whole workbook)."""
    value = without_controls(value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def escape_attr(value: str) -> str:
    """An attribute value (between double quotes) as lxml writes it."""
    return (escape_text(value).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


def encode(text: str) -> bytes:
    """The part's bytes: ASCII, every other character as ``&#N;`` (as lxml's default)."""
    return text.encode("ascii", "xmlcharrefreplace")


# ------------------------------------------------------------------ cells
# A cell is ``<c r="B7" s="3" t="inlineStr">...</c>``: ``r`` its reference, ``s`` the index
# of its style in the workbook's cellXfs (left out for the default style 0), ``t`` its type.
def text_cell(ref: str, value: str, style: int = 0) -> str:
    """A text cell (an inline string); ``''`` gives an empty string cell, as openpyxl."""
    return f'<c r="{ref}"{style_attr(style)}{inline_text(value)}'


def style_attr(style: int) -> str:
    """A cell's ``s`` attribute, left out for the default style 0."""
    return f' s="{style}"' if style else ""


def inline_text(value: str) -> str:
    """What follows a text cell's ``r`` and ``s``, to its end: the same for every cell
    showing this text (a dossier's title on its three rows is escaped once).  A text
    longer than a cell holds (32,767 characters) is cut there, as openpyxl does."""
    value = value[:MAX_TEXT]
    if value == "":
        return ' t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f' t="inlineStr"><is><t{space}>{escape_text(value)}</t></is></c>'


def empty_cell(ref: str, style: int) -> str:
    """A cell without a value but with a style (a cell to fill); an unstyled empty cell
    is not written at all."""
    return f'<c r="{ref}" s="{style}" t="n"></c>' if style else ""


#: Stands for the row number in a row template (never in a reference or a style).
ROW = "\x00"


def empty_cells_template(cells: Iterable[tuple[str, int]]) -> str:
    """The empty styled cells ``(column letter, style)`` of a row, with :data:`ROW` where
    the row number goes: ``template.replace(ROW, "7")`` gives row 7's cells."""
    return "".join(empty_cell(col + ROW, style) for col, style in cells)


def row(number: int, cells: str, height: float | None = None) -> str:
    """A ``<row>`` element around cells already written (``height`` in points)."""
    if height is None:
        return f'<row r="{number}">{cells}</row>'
    return f'<row r="{number}" ht="{height:g}" customHeight="1">{cells}</row>'


# ------------------------------------------------------------------ the sheet
@dataclass(frozen=True)
class ListValidation:
    """A drop-down (``type="list"``) over ``sqref`` (cells or ranges separated by spaces,
    as the file holds them), a warning with ``error_title`` / ``error`` otherwise.
    ``formula``: a range (``_listes!$A$2:$A$7``) or a quoted list (``"oui,non"``)."""

    sqref: str
    formula: str
    error_title: str
    error: str

    def xml(self) -> str:
        return (f'<dataValidation sqref="{self.sqref}" showDropDown="0" showInputMessage="0" '
                f'showErrorMessage="1" allowBlank="1" '
                f'errorTitle="{escape_attr(self.error_title)}" error="{escape_attr(self.error)}" '
                f'type="list" errorStyle="warning"><formula1>{escape_text(self.formula)}'
                f"</formula1></dataValidation>")


@dataclass
class Sheet:
    """Everything of a worksheet but its rows, which :func:`write_sheet` takes as an
    iterator of ``(row XML, hyperlinks of that row as (cell, URL))``."""

    #: the used range, ``A1:AE1132`` (Excel reads it as a hint)
    dimension: str
    #: column widths from column A, in characters
    widths: list[int]
    #: frozen panes: the number of columns and of rows that stay in view (4, 1 = "E2")
    frozen: tuple[int, int]
    validations: list[ListValidation] = field(default_factory=list)
    #: printed landscape, one page wide (the header row is repeated on every page by a
    #: name in workbook.xml, which the placeholder sheet keeps)
    landscape_one_page_wide: bool = True
    #: protected without a password, formatting still allowed (the cells to fill are
    #: unlocked by their style)
    protected: bool = True


def _pane(columns: int, rows: int) -> str:
    from openpyxl.utils import get_column_letter

    if columns < 1 or rows < 1:  # the only frozen panes isgrid writes: both ways
        raise ValueError("frozen panes need at least one column and one row")
    top_left = f"{get_column_letter(columns + 1)}{rows + 1}"
    return (f'<sheetViews><sheetView workbookViewId="0"><pane xSplit="{columns}" '
            f'ySplit="{rows}" topLeftCell="{top_left}" activePane="bottomRight" '
            f'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
            f'<selection pane="bottomRight" activeCell="A1" sqref="A1"/></sheetView>'
            f"</sheetViews>")


#: Sheet protection without a password: formatting cells, rows and columns allowed;
#: inserting or deleting rows and columns, sorting and filtering refused.
PROTECTION = ('<sheetProtection selectLockedCells="0" selectUnlockedCells="0" sheet="1" '
              'objects="0" insertRows="1" insertHyperlinks="1" autoFilter="1" scenarios="0" '
              'formatColumns="0" deleteColumns="1" insertColumns="1" pivotTables="1" '
              'deleteRows="1" formatCells="0" formatRows="0" sort="1"/>')
MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'


def _head(sheet: Sheet) -> str:
    fit = '<pageSetUpPr fitToPage="1"/>' if sheet.landscape_one_page_wide else ""
    cols = "".join(f'<col width="{w}" customWidth="1" min="{i}" max="{i}"/>'
                   for i, w in enumerate(sheet.widths, start=1))
    return (f'<worksheet xmlns="{MAIN_NS}"><sheetPr><outlinePr summaryBelow="1" '
            f'summaryRight="1"/>{fit}</sheetPr><dimension ref="{sheet.dimension}"/>'
            f"{_pane(*sheet.frozen)}"
            f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")


def _tail(sheet: Sheet, links: list[str]) -> Iterator[str]:
    yield "</sheetData>"
    if sheet.protected:
        yield PROTECTION
    if sheet.validations:
        yield f'<dataValidations count="{len(sheet.validations)}">'
        for v in sheet.validations:
            yield v.xml()
        yield "</dataValidations>"
    if links:
        yield "<hyperlinks>"
        for i, ref in enumerate(links, start=1):
            yield f'<hyperlink xmlns:r="{REL_NS}" ref="{ref}" r:id="rId{i}"/>'
        yield "</hyperlinks>"
    yield MARGINS
    if sheet.landscape_one_page_wide:
        yield '<pageSetup orientation="landscape" fitToHeight="0" fitToWidth="1"/>'
    yield "</worksheet>"


def write_sheet(sheet: Sheet, rows: Iterable[tuple[str, list[tuple[str, str]]]],
                out: IO[bytes]) -> list[str]:
    """Stream the worksheet part into ``out``; return the hyperlinks' URLs, in the order
    of their relationship ids (``rId1``...), for :func:`write_links`."""
    targets: list[str] = []
    refs: list[str] = []
    pending: list[str] = [_head(sheet)]
    size = 0
    for xml, links in rows:
        pending.append(xml)
        size += len(xml)
        for ref, url in links:
            refs.append(ref)
            targets.append(url)
        if size >= CHUNK:
            out.write(encode("".join(pending)))
            pending, size = [], 0
    pending.extend(_tail(sheet, refs))
    out.write(encode("".join(pending)))
    return targets


def links_part(targets: list[str]) -> bytes:
    """The sheet's relationships part (``xl/worksheets/_rels/sheetN.xml.rels``) for its
    hyperlinks, ``rId1``... in order.  UTF-8, as openpyxl writes it."""
    rels = "".join(f'<Relationship Type="{HYPERLINK_TYPE}" Target="{escape_attr(url)}" '
                   f'TargetMode="External" Id="rId{i}"/>'
                   for i, url in enumerate(targets, start=1))
    return f'<Relationships xmlns="{PACKAGE_REL_NS}">{rels}</Relationships>'.encode()
