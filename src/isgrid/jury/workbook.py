"""The jurors' workbooks in XLSX (:mod:`.sheets` plans them and writes the files).

openpyxl builds the workbook: styles, the ``Grille`` guidance sheet and the hidden
``_listes`` and ``_isgrid`` sheets.  The sheets of the dossiers — the ``rows``
layout's ``Notation`` (a row per dossier and kind, a column per criterion: 25,000
cells for one juror of a national call), or the ``per-dossier`` layout's sheet for
each dossier — are written as XML text by :mod:`.sheetxml` and streamed into the zip
in place of empty placeholder sheets (which keep their names, order and print titles
in workbook.xml).  The file is byte for byte what openpyxl wrote cell by cell
(``tests/jury/test_sheetxml.py``).  See the README's Performance, fifth pass.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..call.model import Call
from ..grid.model import Criterion, Scale
from ..grid.provenance import parameter_provenance
from ..grid.weights import weight_shares as weight_shares
from ..i18n import Translator, de_name, translator
from ..io.text import without_controls
from ..io.write import neutralise_cell
from ..messages import decimal_text, percent, plain_number
from . import sheetxml
from .common import (
    CSV_OPINION,
    FORMAT_ID,
    LISTS_SHEET,
    META_SHEET,
    OPINIONS,
    SheetPlan,
    source_date,
)
from .lists import meta_rows
from .prefill import Filler


def _num_text(v: float, lang: str) -> str:
    """A number as a juror reads it (a decimal comma in French)."""
    return decimal_text(plain_number(v), lang)


def scale_list(scale: Scale) -> list[str]:
    """The drop-down entries of a scale: its labels, then NE when n/a is allowed."""
    return [level.label for level in sorted(scale.levels, key=lambda lv: lv.value)] + (
        ["NE"] if scale.na else [])


def levels_text(scale: Scale, lang: str) -> str:
    lines = []
    for level in sorted(scale.levels, key=lambda lv: lv.value):
        line = f"{_num_text(float(level.value), lang)} = {level.label}"
        if level.description:
            line += f" : {level.description}"
        lines.append(line)
    if scale.half_steps:
        lines.append(translator("sheets", lang)("levels.half"))
    if scale.na:
        lines.append("NE")
    return "\n".join(lines)


def criterion_header(c: Criterion) -> str:
    return f"{c.id} — {c.label}"


def _set(ws: Any, row: int, col: int, value: Any, *, locked: bool = True,
         bold: bool = False, wrap: bool = False, fill: str | None = None) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):  # never a formula, never what XML cannot hold
        cell.value = neutralise_cell(without_controls(value))
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


def _style_id(wb: Any, **props: Any) -> int:
    """The index of a style in the workbook's cellXfs (what a cell's ``s`` holds); a new
    style gets the next index, so styles must be asked for in the order openpyxl meets
    them when it writes (sheet by sheet, row by row)."""
    index: int = wb._cell_styles.add(_style_array(wb, **props))
    return index


def is_link(file: str) -> bool:
    """A dossier's file given as a web address (written as a clickable link)."""
    return file.startswith(("https://", "http://"))


def _printable(ws: Any) -> None:
    """Landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _protect(ws: Any) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


HEADER_FILL = "DDE4EE"
INPUT_FILL = "FFF9E0"
COMMENT_FILL = "F4F4F4"


def _lists_sheet(wb: Any, plan: SheetPlan, call: Call, t: Translator) -> dict[str, str]:
    """Write the hidden list sheet; return scale id (or '(avis)') -> range formula."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(LISTS_SHEET)
    g = call.grid.grid
    scales = []
    for c in plan.criteria:
        if c.scale not in scales:
            scales.append(c.scale)
    refs: dict[str, str] = {}
    columns: list[tuple[str, list[str]]] = [(s, scale_list(g.scales[s])) for s in scales]
    columns.append((CSV_OPINION, [t(f"opinion.{o}") for o in OPINIONS]))
    for i, (key, entries) in enumerate(columns, start=1):
        _set(ws, 1, i, key)
        for j, entry in enumerate(entries, start=2):
            _set(ws, j, i, entry)
        col = get_column_letter(i)
        refs[key] = f"{LISTS_SHEET}!${col}$2:${col}${len(entries) + 1}"
    ws.sheet_state = "hidden"
    _protect(ws)
    return refs


def _meta_sheet(wb: Any, call: Call, plan: SheetPlan, layout: str, lang: str,
                sheets: dict[str, str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    g = call.grid
    rows = [("format", FORMAT_ID), ("call", call.config.title), ("assessor", plan.assessor.id),
            ("grid", f"{g.grid.id}@{g.grid.version}"), ("grid_sha256", g.sha256),
            ("layout", layout), ("lang", lang)]
    rows += [(f"sheet:{name}", did) for name, did in sheets.items()]
    # the dossiers it holds, which the import holds a row's id against (.lists)
    rows += meta_rows([did for did, _, _ in plan.dossiers])
    for i, (k, v) in enumerate(rows, start=1):
        _set(ws, i, 1, k)
        _set(ws, i, 2, v)
    ws.sheet_state = "veryHidden"
    _protect(ws)


@dataclass
class StreamedSheet:
    """A worksheet written by :mod:`.sheetxml` straight into the zip, in place of the
    empty ``placeholder`` openpyxl writes for it (which keeps its name, its place among
    the sheets and its print titles in workbook.xml)."""

    placeholder: Any
    sheet: sheetxml.Sheet
    rows: Callable[[], Iterator[tuple[str, list[tuple[str, str]]]]]


def _rows_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                 refs: dict[str, str]) -> StreamedSheet:
    """The ``Notation`` sheet: a header row, then three rows per dossier (ratings,
    comments, « à transmettre »), written as XML (:mod:`.sheetxml`), not cell by cell."""
    from openpyxl.utils import get_column_letter

    ws = wb.active
    ws.title = t("sheet.ratings")
    _printable(ws)  # the print titles (workbook.xml); the rest is in the streamed part
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.kind")]
    heads += [criterion_header(c) for c in plan.criteria]
    heads.append(t("opinion"))
    if plan.money:
        heads.append(t("amount"))
    first = 5
    opinion_col = first + len(plan.criteria)
    col = [""] + [get_column_letter(i) for i in range(1, len(heads) + 1)]  # col[5] = "E"
    kinds = [neutralise_cell(t(k)) for k in ("kind.rating", "kind.comment", "kind.shareable")]

    # Style ids, asked for in the order openpyxl met them when it wrote this sheet cell by
    # cell: the first sheet, row by row (so the workbook's styles.xml is the same).
    wanted: dict[str, dict[str, Any]] = {
        "header": {"bold": True, "wrap": True, "fill": HEADER_FILL},
        "id": {"bold": True}, "title": {"wrap": True}, "link": {"link": True},
        "input": {"locked": False, "fill": INPUT_FILL},
        "amount": {"locked": False, "fill": INPUT_FILL, "number_format": "#,##0"},
        "comment": {"locked": False, "wrap": True, "fill": COMMENT_FILL},
        "share": {"locked": False, "fill": COMMENT_FILL}}
    style: dict[str, int] = {}

    def meet(*names: str) -> None:
        for name in names:
            if name not in style:
                style[name] = _style_id(wb, **wanted[name])

    meet("header")
    if plan.dossiers:  # a dossier's rows meet every style but perhaps the link's
        first_file = plan.dossiers[0][2]
        link = ("link",) if is_link(first_file) else ()
        meet("id", "title", *link, "input", *(("amount",) if plan.money else ()))
        meet("comment")
        if plan.criteria:
            meet("share")
        if not link and any(is_link(file) for _, _, file in plan.dossiers):
            meet("link")  # first met on a later dossier: after all the others
    inputs = range(first, opinion_col + 1)
    rating_tail = sheetxml.empty_cells_template(
        [(col[c], style["input"]) for c in inputs]
        + ([(col[opinion_col + 1], style["amount"])] if plan.money else [])) if plan.dossiers else ""
    comment_tail = sheetxml.empty_cells_template(
        (col[c], style["comment"]) for c in inputs) if plan.dossiers else ""
    share_tail = sheetxml.empty_cells_template(
        (col[c], style["share"]) for c in inputs[:-1]) if plan.criteria and plan.dossiers else ""
    tails = (rating_tail, comment_tail, share_tail)
    filler = Filler(call, plan.given, t) if plan.given is not None else None

    def rows() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        yield sheetxml.row(1, "".join(
            sheetxml.text_cell(f"{col[i]}1", neutralise_cell(h), style["header"])
            for i, h in enumerate(heads, start=1)), height=60), []
        if not plan.dossiers:  # every dossier a déport: the header alone
            return
        kind_cells = [sheetxml.inline_text(k) for k in kinds]
        bold = sheetxml.style_attr(style["id"])
        wrap = sheetxml.style_attr(style["title"])
        for n, (did, title, file) in enumerate(plan.dossiers):
            r = 2 + 3 * n
            # the id, title and file of the dossier's three rows, escaped once; the cells
            # as sheetxml.text_cell writes them, inlined (this runs once per dossier and juror)
            a, b, c = (sheetxml.inline_text(neutralise_cell(v)) for v in (did, title, file))
            link = is_link(file)
            c_style = sheetxml.style_attr(style["link"]) if link else ""
            nums = (str(r), str(r + 1), str(r + 2))
            own = tails if filler is None or not filler.holds(did) else filler.rows_tails(
                did, plan.criteria, col[first:], style, plan.money, sheetxml.ROW)
            yield "".join(
                f'<row r="{num}"><c r="A{num}"{bold if k == 0 else ""}{a}<c r="B{num}"{wrap}{b}'
                f'<c r="C{num}"{c_style}{c}<c r="D{num}"{kind_cells[k]}'
                f'{own[k].replace(sheetxml.ROW, num)}</row>'
                for k, num in enumerate(nums)), [(f"C{num}", file) for num in nums] if link else []

    # the drop-downs: each criterion's levels and the opinions on the ratings rows, oui /
    # non on the « à transmettre » rows under the criteria (an overall comment is never
    # quoted to the applicant); the cells in the order openpyxl wrote them
    validations: list[sheetxml.ListValidation] = []
    if plan.dossiers:
        ratings = [str(r) for r in range(2, 2 + 3 * len(plan.dossiers), 3)]
        title = t("dv.error_title")
        for c in inputs:  # "E2 E5 E8...": the column before each row number
            if c < opinion_col:
                scale = plan.criteria[c - first].scale
                ref, error = refs[scale], level_error(t, call.grid.grid.scales[scale])
            else:
                ref, error = refs[CSV_OPINION], t("dv.error.opinion")
            validations.append(sheetxml.ListValidation(
                col[c] + (" " + col[c]).join(ratings), ref, title, error))
        if plan.criteria:  # "E4:AC4 E7:AC7..."
            span = f"{col[first]}{{r}}:{col[opinion_col - 1]}{{r}}"
            validations.append(sheetxml.ListValidation(
                " ".join(span.format(r=r + 2) for r in range(2, 2 + 3 * len(plan.dossiers), 3)),
                f'"{t("shareable.yes")},{t("shareable.no")}"', title,
                t("dv.error.shareable")))
    widths = [12, 30, 22, 13] + [16] * len(plan.criteria) + [16, 16]
    sheet = sheetxml.Sheet(dimension=f"A1:{col[-1]}{1 + 3 * len(plan.dossiers)}",
                           widths=widths[: len(heads)], frozen=(4, 1), validations=validations)
    return StreamedSheet(ws, sheet, rows)


def level_error(t: Translator, scale: Any) -> str:
    """What a level cell's validation says when refused: on a scale of several levels a
    value may be typed, a half point only where the scale has them (« 3 », « 3 ou 2,5 »); a
    two-level scale (oui / non) lists its levels; NE only when the scale takes it."""
    if len(scale.levels) > 2:
        v = sorted(float(lv.value) for lv in scale.levels)  # the level below the top...
        whole = decimal_text(plain_number(v[-2]), t.lang)  # ...and the half point below it
        example = t("dv.example.half", whole=whole, half=decimal_text(
            plain_number((v[-2] + v[-3]) / 2), t.lang)) if scale.half_steps else whole
        return t("dv.error.level" if scale.na else "dv.error.level.no-na", example=example)
    levels = ", ".join(lv.label for lv in scale.levels)
    return t("dv.error.level.plain-na" if scale.na else "dv.error.level.plain", levels=levels)


def sheet_name_for(did: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\']", "_", did)[:31]
    base, i = name, 2
    while name.casefold() in used or name in (META_SHEET, LISTS_SHEET):
        suffix = f"~{i}"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name.casefold())
    return name


def _per_dossier_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                        refs: dict[str, str]) -> tuple[dict[str, str], list[StreamedSheet]]:
    """One sheet per dossier, a row per criterion (then the opinion and the amount), each
    written as XML (:mod:`.sheetxml`) in place of an empty placeholder sheet."""
    wb.remove(wb.active)
    used: set[str] = {t("sheet.guidance").casefold()}
    names: dict[str, str] = {}
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.item"),
             t("col.value"), t("col.comment"), t("col.shareable")]
    items: list[tuple[str, str]] = [(criterion_header(c), c.scale) for c in plan.criteria]
    items.append((t("opinion"), CSV_OPINION))
    if plan.money:
        items.append((t("amount"), ""))
    # styles in the order openpyxl met them writing the first sheet row by row (a link
    # first met on a later sheet comes after all the others)
    wanted: dict[str, dict[str, Any]] = {
        "header": {"bold": True, "fill": HEADER_FILL}, "link": {"link": True},
        "label": {"wrap": True}, "input": {"locked": False, "fill": INPUT_FILL},
        "comment": {"locked": False, "wrap": True, "fill": COMMENT_FILL},
        "share": {"locked": False, "fill": COMMENT_FILL}}
    style: dict[str, int] = {}
    order: list[str] = []  # no dossier, no sheet: the guidance sheet comes first
    if plan.dossiers:
        order += ["header"] + (["link"] if is_link(plan.dossiers[0][2]) else [])
        order += ["label", "input", "comment"] + (["share"] if plan.criteria else [])
        if "link" not in order and any(is_link(file) for _, _, file in plan.dossiers):
            order.append("link")
    for name in order:
        style[name] = _style_id(wb, **wanted[name])
    header = sheetxml.row(1, "".join(
        sheetxml.text_cell(f"{col}1", neutralise_cell(h), style.get("header", 0))
        for col, h in zip("ABCDEFG", heads, strict=True)))
    labels = [sheetxml.inline_text(neutralise_cell(label)) for label, _ in items]
    yes_no = f'"{t("shareable.yes")},{t("shareable.no")}"'
    validations: list[sheetxml.ListValidation] = []
    for r, (_label, ref) in enumerate(items, start=2):  # the same on every sheet
        if ref and ref != CSV_OPINION:  # a criterion's comment may be shared
            validations.append(sheetxml.ListValidation(
                f"G{r}", yes_no, t("dv.error_title"), t("dv.error.shareable")))
        if ref:
            validations.append(sheetxml.ListValidation(
                f"E{r}", refs[ref], t("dv.error_title"),
                t("dv.error.opinion") if ref == CSV_OPINION
                else level_error(t, call.grid.grid.scales[ref])))
    fill = sheetxml.empty_cells_template([("E", style.get("input", 0)),
                                          ("F", style.get("comment", 0))])
    share = sheetxml.empty_cell("G" + sheetxml.ROW, style.get("share", 0))
    filler = Filler(call, plan.given, t) if plan.given is not None else None
    kinds: list[Criterion | str] = [*plan.criteria, "opinion", "amount"]
    streamed = []
    for did, title, file in plan.dossiers:
        name = sheet_name_for(did, used)
        names[name] = did
        ws = wb.create_sheet(name)
        _printable(ws)  # its print titles, in workbook.xml

        def rows(did: str = did, title: str = title,
                 file: str = file) -> Iterator[tuple[str, list[tuple[str, str]]]]:
            yield header, []
            a, b, c = (sheetxml.inline_text(neutralise_cell(v)) for v in (did, title, file))
            link = is_link(file)
            c_style = sheetxml.style_attr(style["link"]) if link else ""
            d_style = sheetxml.style_attr(style["label"])  # met: there is a dossier
            for r, (_label, ref) in enumerate(items, start=2):
                num = str(r)
                cells = fill + (share if ref and ref != CSV_OPINION else "") \
                    if filler is None or not filler.holds(did) else filler.item_cells(
                        did, kinds[r - 2], sheetxml.ROW, style)
                yield (f'<row r="{num}"><c r="A{num}"{a}<c r="B{num}"{b}<c r="C{num}"{c_style}{c}'
                       f'<c r="D{num}"{d_style}{labels[r - 2]}{cells.replace(sheetxml.ROW, num)}'
                       f"</row>"), [(f"C{num}", file)] if link else []

        sheet = sheetxml.Sheet(dimension=f"A1:G{1 + len(items)}",
                               widths=[12, 30, 22, 40, 18, 50, 16], frozen=(4, 1),
                               validations=validations)
        streamed.append(StreamedSheet(ws, sheet, rows))
    return names, streamed


def _guidance_sheet(wb: Any, call: Call, plan: SheetPlan, t: Translator, lang: str) -> None:
    ws = wb.create_sheet(t("sheet.guidance"))
    g = call.grid.grid
    a = plan.assessor
    r = 1
    _set(ws, r, 1, call.config.title, bold=True)
    r += 1
    name = a.name or a.id
    _set(ws, r, 1, t("guidance.for", name=name, de_name=de_name(name), id=a.id))
    r += 1
    _set(ws, r, 1, t("guidance.grid", title=g.title, id=g.id, version=g.version))
    r += 1
    na = {g.scales[c.scale].na for c in plan.criteria}  # NE said only where it is taken
    levels = "levels" if na == {True} else "levels.no-na" if True not in na else "levels.some-na"
    for line in [t(f"guidance.howto.{levels}"), *t("guidance.howto").split("\n")]:
        _set(ws, r, 1, line)
        r += 1
    if plan.left_out:
        _set(ws, r, 1, t("guidance.left_out", n=len(plan.left_out)), bold=True)
        r += 1
        for did, title in plan.left_out:
            _set(ws, r, 1, did)
            _set(ws, r, 2, title)
            r += 1
    r += 1
    # weights and floors only where the grid adds points: a checklist or a profile has none
    shares = weight_shares(g) if g.resolved_mode() == "scored" else None
    # a weight or a floor its source does not publish says so (never presented as sourced)
    said = {n: parameter_provenance(g, n) for n in ("weight", "floor")} \
        if shares is not None else {}
    common = translator("common", lang)
    unsourced: dict[str, list[str]] = {"weight": [], "floor": []}

    def marked(value: Any, shown: str, name: str, cid: str) -> Any:
        """``value`` when the source gives it; else ``shown`` and its provenance
        (« 14,3 % (inféré) », « 2 (inféré) »), the criterion named in the note."""
        status = said[name].get(cid, "sourced")
        if status == "sourced":
            return value
        unsourced[name].append(cid)
        return t("value.unsourced", value=shown, provenance=common(f"provenance.{status}"))

    heads = [t("col.section"), t("col.criterion"), t("col.label"), t("col.question"),
             t("col.guidance"), t("col.levels")]
    if shares is not None:
        heads += [t("col.weight"), t("col.floor")]
    for i, h in enumerate(heads, start=1):
        _set(ws, r, i, h, bold=True, fill=HEADER_FILL)
    r += 1
    rated = {c.id for c in plan.criteria}
    for s in g.sections:
        for c in s.criteria:
            if c.id not in rated:
                continue
            _set(ws, r, 1, s.label, wrap=True)
            _set(ws, r, 2, c.id)
            _set(ws, r, 3, c.label, wrap=True)
            _set(ws, r, 4, c.question or "", wrap=True)
            _set(ws, r, 5, c.guidance or "", wrap=True)
            _set(ws, r, 6, levels_text(g.scales[c.scale], lang), wrap=True)
            if shares is not None:
                share = shares.get(c.id)
                _set(ws, r, 7, t("weight.eliminatory") if share is None
                     else marked(percent(share, lang), percent(share, lang), "weight", c.id),
                     wrap=True)
                _set(ws, r, 8, None if c.floor is None else marked(
                    c.floor, decimal_text(plain_number(c.floor), lang), "floor", c.id))
            r += 1
    # which weights and floors are not the source's, and what the marks mean (said once)
    notes = ([t("weight.note", ids=", ".join(unsourced["weight"]))]
             if unsourced["weight"] else [])
    if unsourced["floor"]:
        notes.append(t("floor.note.same" if notes else "floor.note",
                       ids=", ".join(unsourced["floor"])))
    for i, note in enumerate(notes, start=1):
        _set(ws, r + i, 1, note)
    widths = (24, 10, 36, 40, 50, 34, 16, 10)[:len(heads)]
    for col, wdt in zip("ABCDEFGH"[:len(heads)], widths, strict=True):
        ws.column_dimensions[col].width = wdt
    _protect(ws)


def build_workbook(call: Call, plan: SheetPlan, t: Translator,
                   layout: str) -> tuple[Any, list[StreamedSheet]]:
    """The openpyxl workbook, and the sheets to stream into its zip in place of their
    placeholders (:func:`workbook_bytes`)."""
    from openpyxl import Workbook

    wb = Workbook()
    # the lists are needed by the validations; create them first, move them last
    refs = _lists_sheet(wb, plan, call, t)
    names: dict[str, str] = {}
    streamed: list[StreamedSheet] = []
    if layout == "per-dossier":
        names, streamed = _per_dossier_layout(wb, call, plan, t, refs)
    else:
        streamed.append(_rows_layout(wb, call, plan, t, refs))
    finish_workbook(wb, call, plan, t, layout, names)
    return wb, streamed


def finish_workbook(wb: Any, call: Call, plan: SheetPlan, t: Translator, layout: str,
                    names: dict[str, str]) -> None:
    """The sheets and properties every workbook ends with, whatever wrote its big sheets:
    the guidance and hidden sheets, their order, the fixed dates and the title."""
    _guidance_sheet(wb, call, plan, t, t.lang)
    _meta_sheet(wb, call, plan, layout, t.lang, names)
    lists = wb[LISTS_SHEET]
    wb.move_sheet(lists, offset=len(wb.sheetnames) - 2 - wb.index(lists))
    wb.active = 0
    when = source_date().replace(tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "isgrid"
    wb.properties.lastModifiedBy = "isgrid"
    wb.properties.title = without_controls(f"{call.config.title} — {plan.assessor.id}")


def workbook_bytes(call: Call, plan: SheetPlan, t: Translator, layout: str) -> bytes:
    wb, streamed = build_workbook(call, plan, t, layout)
    buf = io.BytesIO()
    wb.save(buf)
    # after save: a sheet's part name (xl/worksheets/sheetN.xml) is its place when saved
    return deterministic_zip(buf.getvalue(), {s.placeholder.path[1:]: s for s in streamed})


_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def deterministic_zip(data: bytes, streamed: dict[str, StreamedSheet] | None = None) -> bytes:
    """Re-pack an xlsx with fixed entry dates and fixed document dates; the parts named
    in ``streamed`` (openpyxl's empty placeholders) are written by :mod:`.sheetxml` as
    they are made, followed by their hyperlinks' part when they have links (where
    openpyxl puts a sheet's relationships)."""
    when = source_date()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    streamed = streamed or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()

    def entry(name: str) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=date_time)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o600 << 16
        zi.create_system = 0
        return zi

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stream = streamed.get(info.filename)
            if stream is not None:
                with dst.open(entry(info.filename), "w") as part:
                    links = sheetxml.write_sheet(stream.sheet, stream.rows(), part)
                if links:
                    folder, _, name = info.filename.rpartition("/")
                    dst.writestr(entry(f"{folder}/_rels/{name}.rels"),
                                 sheetxml.links_part(links))
                continue
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            dst.writestr(entry(info.filename), body)
    return out.getvalue()
