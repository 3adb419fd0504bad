"""The ``Notation`` sheet written as XML text (``jury/sheetxml.py``) gives the very bytes
openpyxl wrote for it cell by cell.

The reference is the writer isgrid had before (``_openpyxl_rows_layout`` below, its code
kept as it was): each workbook is built by both, and every part of the zip, and the zip
itself, must be equal (the workbooks written ``blank``: the reference never pre-filled a
juror's ratings, ``test_sheets_prefill.py`` reads pre-filled ones back) — on a generated call of 40 dossiers and 13 jurors, with links to a
platform, in English, and on dossiers whose titles are hostile (formulas, markup,
quotes, white space, line ends, accents, emoji, a text longer than a cell holds).  The
escaping rules and the streaming are checked on their own, with values worked out by
hand.  Speed is measured by ``bench/`` (``--commands sheets``), not here.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils.exceptions import IllegalCharacterError

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.call.model import Call
from isgrid.i18n import Translator, translator
from isgrid.jury import sheetxml
from isgrid.jury import workbook as W
from isgrid.jury.common import CSV_OPINION, SheetPlan, opinion_words
from isgrid.jury.layouts import criterion_header, level_error, sheet_name_for
from isgrid.jury.sheets import plan_sheets
from isgrid.jury.styles import COMMENT_FILL, HEADER_FILL, INPUT_FILL, printable, protect
from testpaths import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate


# ------------------------------------------------------------------ the reference writer
def _old_set(ws: Any, row: int, col: int, value: Any, *, locked: bool = True,
             bold: bool = False, wrap: bool = False, fill: str | None = None) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):  # a typed string, as written (no « ' »: docs/security.md)
        cell.value = value
        cell.data_type = "s"
    elif value is not None or cell.value is not None:
        cell.value = value
    if locked and not bold and not wrap and not fill:
        return cell
    styles = ws.parent.__dict__.setdefault("_reference_styles", {})
    key = (locked, bold, wrap, fill)
    if key in styles:
        cell._style = copy.copy(styles[key])
        return cell
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    if not locked:
        cell.protection = Protection(locked=False)
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    styles[key] = copy.copy(cell._style)
    return cell


def _old_file_cell(ws: Any, row: int, col: int, file: str) -> None:
    cell = _old_set(ws, row, col, file)
    if file.startswith(("https://", "http://")):
        from openpyxl.styles import Font

        cell.hyperlink = file
        cell.font = Font(color="0563C1", underline="single")


def _validation(ref: str, t: Translator, what: str, scale: Any = None) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(type="list", formula1=ref, allow_blank=True,
                          showErrorMessage=True, errorStyle="warning",
                          errorTitle=t("dv.error_title"),
                          error=_level(t, scale) if scale is not None else
                          t(f"dv.error.{what}", **opinion_words(t.lang)),  # {a}, {b}, {c}
                          showInputMessage=False)


def _level(t: Translator, scale: Any) -> str:
    """A level cell's refusal, written out here on its own: a value may be typed on a
    scale of more than two levels; a two-level scale (oui / non) lists its levels, as the
    workbook's language says them (« no, yes » in English: the drop-down's words); NE
    only where the scale takes it."""
    if len(scale.levels) > 2:
        return level_error(t, scale)  # its words: tests/jury/test_sheets_level_words.py
    english = {"oui": "yes", "non": "no"} if t.lang == "en" else {}
    names = ", ".join(english.get(lv.label, lv.label) for lv in scale.levels)
    return t("dv.error.level.plain-na" if scale.na else "dv.error.level.plain", levels=names)


class _Written:
    """A validation's cells as the text the file holds (openpyxl's MultiCellRange)."""

    def __new__(cls, text: str) -> Any:
        from openpyxl.worksheet.cell_range import MultiCellRange

        class Written(MultiCellRange):  # type: ignore[misc]
            def __init__(self, text: str) -> None:
                super().__init__()
                self.text = text

            def __str__(self) -> str:
                return self.text

            def __bool__(self) -> bool:
                return bool(self.text)

        return Written(text)


def _openpyxl_rows_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                          refs: dict[str, str]) -> None:
    """The Notation sheet as isgrid wrote it before sheetxml: cell by cell."""
    from openpyxl.utils import get_column_letter

    ws = wb.active
    ws.title = t("sheet.ratings")
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.kind")]
    heads += [criterion_header(c, call.grid.grid, t.lang) for c in plan.criteria]
    if plan.opinion:  # a juror's (an instructor's workbook asks for no opinion, no amount)
        heads.append(t("opinion"))
    if plan.opinion and plan.money:
        heads.append(t("amount"))
    for i, h in enumerate(heads, start=1):
        _old_set(ws, 1, i, h, bold=True, wrap=True, fill=HEADER_FILL)
    first = 5
    opinion_col = first + len(plan.criteria)
    dvs: dict[int, Any] = {}
    for k, c in enumerate(plan.criteria):
        dvs[first + k] = _validation(refs[c.scale], t, "level", call.grid.grid.scales[c.scale])
    last = opinion_col if plan.opinion else opinion_col - 1  # the last column to fill
    if plan.opinion:
        dvs[opinion_col] = _validation(refs[CSV_OPINION], t, "opinion")
    cells: dict[int, list[str]] = {col: [] for col in dvs}
    letters = {col: get_column_letter(col) for col in dvs}
    yes_no = _validation(f'"{t("shareable.yes")},{t("shareable.no")}"', t, "shareable")
    share_cells: list[str] = []
    share_span = (f"{get_column_letter(first)}{{r}}:{get_column_letter(opinion_col - 1)}{{r}}"
                  if plan.criteria else "")
    for n, (did, title, file) in enumerate(plan.dossiers):
        r = 2 + 3 * n
        for row, kind in ((r, t("kind.rating")), (r + 1, t("kind.comment")),
                          (r + 2, t("kind.shareable"))):
            _old_set(ws, row, 1, did, bold=row == r)
            _old_set(ws, row, 2, title, wrap=True)
            _old_file_cell(ws, row, 3, file)
            _old_set(ws, row, 4, kind)
        for col in range(first, last + 1):
            _old_set(ws, r, col, None, locked=False, fill=INPUT_FILL)
            _old_set(ws, r + 1, col, None, locked=False, wrap=True, fill=COMMENT_FILL)
            if col < opinion_col:
                _old_set(ws, r + 2, col, None, locked=False, fill=COMMENT_FILL)
            cells[col].append(f"{letters[col]}{r}")
        if share_span:
            share_cells.append(share_span.format(r=r + 2))
        if plan.opinion and plan.money:
            cell = _old_set(ws, r, opinion_col + 1, None, locked=False, fill=INPUT_FILL)
            cell.number_format = "#,##0"
    for col, dv in dvs.items():
        if cells[col]:
            dv.sqref = _Written(" ".join(cells[col]))
            ws.add_data_validation(dv)
    if share_cells:
        yes_no.sqref = _Written(" ".join(share_cells))
        ws.add_data_validation(yes_no)
    widths = [12, 30, 22, 13] + [16] * len(plan.criteria) + [16, 16]
    for i, wdt in enumerate(widths[: len(heads)], start=1):
        ws.column_dimensions[get_column_letter(i)].width = wdt
    ws.row_dimensions[1].height = 60
    ws.freeze_panes = "E2"
    printable(ws)
    protect(ws)


def _openpyxl_per_dossier_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                                 refs: dict[str, str]) -> dict[str, str]:
    """The per-dossier sheets as isgrid wrote them before sheetxml: cell by cell."""
    wb.remove(wb.active)
    used: set[str] = {t("sheet.guidance").casefold()}
    names: dict[str, str] = {}
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.item"),
             t("col.value"), t("col.comment"), t("col.shareable")]
    for did, title, file in plan.dossiers:
        name = sheet_name_for(did, used)
        names[name] = did
        ws = wb.create_sheet(name)
        for i, h in enumerate(heads, start=1):
            _old_set(ws, 1, i, h, bold=True, fill=HEADER_FILL)
        items: list[tuple[str, str]] = [(criterion_header(c, call.grid.grid, t.lang), c.scale)
                                        for c in plan.criteria]
        if plan.opinion:
            items.append((t("opinion"), CSV_OPINION))
        if plan.opinion and plan.money:
            items.append((t("amount"), ""))
        for r, (label, ref) in enumerate(items, start=2):
            _old_set(ws, r, 1, did)
            _old_set(ws, r, 2, title)
            _old_file_cell(ws, r, 3, file)
            _old_set(ws, r, 4, label, wrap=True)
            _old_set(ws, r, 5, None, locked=False, fill=INPUT_FILL)
            _old_set(ws, r, 6, None, locked=False, wrap=True, fill=COMMENT_FILL)
            if ref and ref != CSV_OPINION:
                _old_set(ws, r, 7, None, locked=False, fill=COMMENT_FILL)
                yes_no = _validation(f'"{t("shareable.yes")},{t("shareable.no")}"', t,
                                     "shareable")
                yes_no.add(f"G{r}")
                ws.add_data_validation(yes_no)
            if ref:
                dv = _validation(refs[ref], t, "opinion") if ref == CSV_OPINION else \
                    _validation(refs[ref], t, "level", call.grid.grid.scales[ref])
                dv.add(f"E{r}")
                ws.add_data_validation(dv)
        for col, wdt in zip("ABCDEFG", (12, 30, 22, 40, 18, 50, 16), strict=True):
            ws.column_dimensions[col].width = wdt
        ws.freeze_panes = "E2"
        printable(ws)
        protect(ws)
    return names


def reference_bytes(call: Call, plan: SheetPlan, t: Translator, layout: str = "rows") -> bytes:
    """The workbook as openpyxl wrote all of it (build_workbook as it was)."""
    from openpyxl import Workbook

    wb = Workbook()
    refs = W._lists_sheet(wb, plan, call, t)
    names: dict[str, str] = {}
    if layout == "per-dossier":
        names = _openpyxl_per_dossier_layout(wb, call, plan, t, refs)
    else:
        _openpyxl_rows_layout(wb, call, plan, t, refs)
    W.finish_workbook(wb, call, plan, t, layout, names)
    buf = io.BytesIO()
    wb.save(buf)
    return W.deterministic_zip(buf.getvalue())


def assert_same_workbook(call: Call, plan: SheetPlan, t: Translator,
                         layout: str = "rows") -> None:
    mine = W.workbook_bytes(call, plan, t, layout)
    theirs = reference_bytes(call, plan, t, layout)
    a, b = zipfile.ZipFile(io.BytesIO(mine)), zipfile.ZipFile(io.BytesIO(theirs))
    assert a.namelist() == b.namelist()
    for name in b.namelist():
        assert a.read(name) == b.read(name), f"{plan.assessor.id}: {name} differs"
    assert mine == theirs  # the zip too: same entries, dates, compression


# ------------------------------------------------------------------ same bytes
@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Call:
    """bench's generated call: 40 dossiers, 4 readers each out of 13, 25 criteria, money."""
    folder = tmp_path_factory.mktemp("sheetxml") / "call"
    return load_call(generate(folder, 40, 4, 25, table=True, shape="real"))


@pytest.mark.parametrize("layout", ["rows", "per-dossier"])
def test_generated_call_every_juror(generated: Call, layout: str) -> None:
    plans, diags = plan_sheets(generated)
    # 12 jurors; the instructor i001 rates nothing in this grid: no workbook, a warning
    assert len(plans) == 12 and all(p.money for p in plans)
    assert [(d.code, d.message.values["assessor"]) for d in diags.warnings] == [
        ("nothing-to-rate", "i001")]
    t = translator("sheets", "fr")
    for plan in plans:
        assert_same_workbook(generated, plan, t, layout)


@pytest.mark.parametrize(("lang", "layout"), [("fr", "rows"), ("en", "rows"),
                                              ("fr", "per-dossier")])
def test_links_to_the_platform(generated: Call, lang: str, layout: str) -> None:
    # a URL template with what must be escaped in an attribute and in text, and accents
    plans, _ = plan_sheets(generated, ["i001", "j001"],
                           link='https://démo.example/d/{id}?a=1&b=<2>&c="3"')
    for plan in plans:
        assert plan.dossiers[0][2].startswith("https://démo.example/d/")
        assert_same_workbook(generated, plan, translator("sheets", lang), layout)


HOSTILE = [
    '=HYPERLINK("http://evil.example","clic")', "+33 ressourcerie", "-2+3", "@SUM(A1)",
    "-1,5", "  espaces autour  ", "ligne 1\nligne 2", "retour\r chariot", "tab\tulation",
    "a & b < c > d \" e ' f", "]]> fin", "Épicerie — 10 €, « solidaire »", "emoji 😀 ok",
    "\u2028séparateur\x85", "\x7f", "x" * 40_000, "#N/A", "",
]


def hostile_plan(call: Call, files: list[str] | None = None, **change: Any) -> SheetPlan:
    plans, _ = plan_sheets(call, ["j001"])
    files = files or [""]
    dossiers = [(f"D{i}" if i % 3 else f"=D{i}", title, files[i % len(files)])
                for i, title in enumerate(HOSTILE)]
    return replace(plans[0], **({"dossiers": dossiers} | change))


@pytest.mark.parametrize("layout", ["rows", "per-dossier"])
def test_hostile_titles(generated: Call, layout: str) -> None:
    t = translator("sheets", "fr")
    assert_same_workbook(generated, hostile_plan(generated), t, layout)
    # the first dossier's file a path, a later one a link: the link's style comes last
    assert_same_workbook(generated, hostile_plan(
        generated, ["dossiers/D1.pdf", "", "http://x.example/1"]), t, layout)


@pytest.mark.parametrize("change", [
    {"dossiers": []},  # every dossier a déport: the header only, no drop-down
    {"criteria": []},  # a role rating no criterion: opinion only, no « à transmettre »
    {"money": False},  # no amount column
    {"opinion": False},  # an instructor's: no opinion, no amount (money or not)
    {"opinion": False, "dossiers": []},
])
@pytest.mark.parametrize("layout", ["rows", "per-dossier"])
def test_edge_shapes(generated: Call, change: dict[str, Any], layout: str) -> None:
    plan = hostile_plan(generated, ["https://x.example/a"], **change)
    assert_same_workbook(generated, plan, translator("sheets", "en"), layout)


def test_a_control_character_is_dropped(generated: Call) -> None:
    """openpyxl refused the whole workbook (an internal error of `isgrid sheets`) for a
    title holding a bell or a vertical tab, as a YAML escape writes them: the workbook is
    now written without them, as the same title without them would be."""
    plan = hostile_plan(generated)
    t = translator("sheets", "fr")
    with pytest.raises(IllegalCharacterError):  # what openpyxl does with such a text
        plan.dossiers[1] = ("D1", "bell \x07", "")
        reference_bytes(generated, plan, t)
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(W.workbook_bytes(generated, plan, t, "rows")))
    titles = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert titles["D1"] == "bell "


# ------------------------------------------------------------------ the rules, by hand
def test_escaping() -> None:
    # text: & < > escaped, a carriage return as a reference, quotes and line ends kept
    assert sheetxml.escape_text("a&b<c>d\"e'f\ng\rh") == "a&amp;b&lt;c&gt;d\"e'f\ng&#13;h"
    # attribute: also the double quote, the newline and the tab
    assert sheetxml.escape_attr('x"y\nz\tw\r') == "x&quot;y&#10;z&#9;w&#13;"
    # the part is ASCII: é is U+00E9 = 233, — U+2014 = 8212, 😀 U+1F600 = 128512
    assert sheetxml.encode("é—😀") == b"&#233;&#8212;&#128512;"
    # white space at either end is kept by xml:space; an empty text is an empty cell
    assert sheetxml.text_cell("B7", " a", 3) == (
        '<c r="B7" s="3" t="inlineStr"><is><t xml:space="preserve"> a</t></is></c>')
    assert sheetxml.text_cell("C7", "") == '<c r="C7" t="inlineStr"></c>'
    assert sheetxml.empty_cell("E7", 5) == '<c r="E7" s="5" t="n"></c>'
    assert sheetxml.empty_cell("E7", 0) == ""
    # a formula-like text stays text: an inline string, never run, written as it is
    assert sheetxml.text_cell("A2", "=1+1") == (
        "<c r=\"A2\" t=\"inlineStr\"><is><t>=1+1</t></is></c>")
    assert sheetxml.escape_text("nul \x00, tab\tkept, \x0bvt") == "nul , tab\tkept, vt"


def test_the_sheet_is_streamed_in_chunks() -> None:
    """3,000 rows of about 100 bytes (300 kB) reach the zip entry in pieces of about
    CHUNK (64 KiB) bytes: 300,000 / 65,536 = 4.6, so 5 or 6 writes, none above a chunk
    and a row, and the whole part is never held at once."""

    sizes: list[int] = []

    class Recorder(io.BytesIO):
        def write(self, data: Any) -> int:
            sizes.append(len(data))
            return super().write(data)

    out = Recorder()
    row = "<c>" + "x" * 90 + "</c>"  # 97 characters, with <row r="N"> about 115
    rows = ((sheetxml.row(n, row), []) for n in range(1, 3001))
    sheet = sheetxml.Sheet(dimension="A1:A3000", widths=[10], frozen=(1, 1))
    assert sheetxml.write_sheet(sheet, rows, out) == []
    total = len(out.getvalue())
    assert 300_000 < total < 400_000
    assert 5 <= len(sizes) <= 7
    assert max(sizes) <= sheetxml.CHUNK + 200 + 1_000  # a chunk, a row, head or tail
    assert out.getvalue().startswith(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
    assert out.getvalue().endswith(b"</worksheet>")


def test_hyperlinks_part_by_hand() -> None:
    part = sheetxml.links_part(["https://x.example/?a=1&b=é"])
    assert part == (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="https://x.example/?a=1&amp;b=\xc3\xa9" '
        b'TargetMode="External" Id="rId1"/></Relationships>')


def test_mini_call_in_english(tmp_path: Path) -> None:
    """The small call of test_jury_sheets (déports, an instructor's eliminatory criterion)."""
    from test_jury_sheets import CALL, DOSSIERS

    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    call = load_call(folder)
    plans, _ = plan_sheets(call)
    for plan in plans:
        for layout in ("rows", "per-dossier"):
            assert_same_workbook(call, plan, translator("sheets", "en"), layout)
