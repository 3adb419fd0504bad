"""The dossiers' sheets of a juror's workbook, in its two layouts.

The ``rows`` layout's ``Notation`` sheet (a row per dossier and kind, a column per
criterion: 25,000 cells for one juror of a national call) or the ``per-dossier``
layout's sheet for each dossier, written as XML text by :mod:`.sheetxml`: each is a
:class:`StreamedSheet`, an empty placeholder that :mod:`.workbook` adds to the workbook
and the XML streamed into the zip in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..call.model import Call
from ..grid.model import Criterion, Grid
from ..grid.provenance import criterion_mark
from ..grid.scales import label_words
from ..i18n import Translator, translator
from ..messages import decimal_text, plain_number
from . import sheetxml
from .common import CSV_OPINION, LISTS_SHEET, META_SHEET, SheetPlan, opinion_words
from .prefill import Filler
from .styles import COMMENT_FILL, HEADER_FILL, INPUT_FILL, printable, style_id


def criterion_header(c: Criterion, grid: Grid | None = None, lang: str = "fr") -> str:
    """« AV-1.1 — Utilité sociale », its label marked as the ``Grille`` sheet marks it when
    it is not the source's wording (« AV-1.1 — Utilité sociale (reconstitué) »:
    :func:`isgrid.grid.provenance.criterion_mark`, with ``grid``).  The import reads the id
    before the dash (:meth:`.sheetreader.SheetReader.classify`), the mark never."""
    mark = criterion_mark(grid, c, lang) if grid is not None else None
    if mark is None:
        return f"{c.id} — {c.label}"
    label = translator("sheets", lang)("value.unsourced", value=c.label, provenance=mark)
    return f"{c.id} — {label}"


def is_link(file: str) -> bool:
    """A dossier's file given as a web address (written as a clickable link)."""
    return file.startswith(("https://", "http://"))


@dataclass
class StreamedSheet:
    """A worksheet written by :mod:`.sheetxml` straight into the zip, in place of the
    empty ``placeholder`` openpyxl writes for it (which keeps its name, its place among
    the sheets and its print titles in workbook.xml)."""

    placeholder: Any
    sheet: sheetxml.Sheet
    rows: Callable[[], Iterator[tuple[str, list[tuple[str, str]]]]]


def rows_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                refs: dict[str, str]) -> StreamedSheet:
    """The ``Notation`` sheet: a header row, then three rows per dossier (ratings,
    comments, « à transmettre »), written as XML (:mod:`.sheetxml`), not cell by cell; a
    column per criterion, then a juror's overall opinion and proposed amount."""
    from openpyxl.utils import get_column_letter

    ws = wb.active
    ws.title = t("sheet.ratings")
    printable(ws)  # the print titles (workbook.xml); the rest is in the streamed part
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.kind")]
    heads += [criterion_header(c, call.grid.grid, t.lang) for c in plan.criteria]
    if plan.opinion:  # the jurors' (an instructor's workbook asks for neither)
        heads.append(t("opinion"))
    if plan.amount:
        heads.append(t("amount"))
    first = 5
    opinion_col = first + len(plan.criteria)  # the column after the criteria
    col = [""] + [get_column_letter(i) for i in range(1, len(heads) + 1)]  # col[5] = "E"
    kinds = [t(k) for k in ("kind.rating", "kind.comment", "kind.shareable")]

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
                style[name] = style_id(wb, **wanted[name])

    meet("header")
    inputs = range(first, opinion_col + 1 if plan.opinion else opinion_col)
    if plan.dossiers:  # a dossier's rows meet every style but perhaps the link's
        first_file = plan.dossiers[0][2]
        link = ("link",) if is_link(first_file) else ()
        # no cell to fill: an instructor's workbook when the grid gives their role nothing
        meet("id", "title", *link, *(("input",) if inputs else ()),
             *(("amount",) if plan.amount else ()))
        if inputs:
            meet("comment")
        if plan.criteria:
            meet("share")
        if not link and any(is_link(file) for _, _, file in plan.dossiers):
            meet("link")  # first met on a later dossier: after all the others
    rating_tail = sheetxml.empty_cells_template(
        [(col[c], style["input"]) for c in inputs]
        + ([(col[opinion_col + 1], style["amount"])] if plan.amount else [])) if plan.dossiers else ""
    comment_tail = sheetxml.empty_cells_template(
        (col[c], style["comment"]) for c in inputs) if plan.dossiers else ""
    share_tail = sheetxml.empty_cells_template(
        (col[c], style["share"]) for c in range(first, opinion_col)
    ) if plan.criteria and plan.dossiers else ""
    tails = (rating_tail, comment_tail, share_tail)
    filler = Filler(call, plan.given, t) if plan.given is not None else None

    def rows() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        yield sheetxml.row(1, "".join(
            sheetxml.text_cell(f"{col[i]}1", h, style["header"])
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
            a, b, c = (sheetxml.inline_text(v) for v in (did, title, file))
            link = is_link(file)
            c_style = sheetxml.style_attr(style["link"]) if link else ""
            nums = (str(r), str(r + 1), str(r + 2))
            own = tails if filler is None or not filler.holds(did) else filler.rows_tails(
                did, plan.criteria, col[first:], style, plan.opinion, plan.amount, sheetxml.ROW)
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
                ref, error = refs[CSV_OPINION], t("dv.error.opinion", **opinion_words(t.lang))
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
    words = label_words(scale, t.lang)  # as the drop-down lists them
    levels = ", ".join(words[float(lv.value)] for lv in scale.levels)
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


def per_dossier_layout(wb: Any, call: Call, plan: SheetPlan, t: Translator,
                       refs: dict[str, str]) -> tuple[dict[str, str], list[StreamedSheet]]:
    """One sheet per dossier, a row per criterion (then a juror's opinion and amount), each
    written as XML (:mod:`.sheetxml`) in place of an empty placeholder sheet."""
    wb.remove(wb.active)
    used: set[str] = {t("sheet.guidance").casefold()}
    names: dict[str, str] = {}
    heads = [t("col.dossier"), t("col.title"), t("col.file"), t("col.item"),
             t("col.value"), t("col.comment"), t("col.shareable")]
    items: list[tuple[str, str]] = [(criterion_header(c, call.grid.grid, t.lang), c.scale)
                                    for c in plan.criteria]
    if plan.opinion:  # the jurors' (an instructor's workbook asks for neither)
        items.append((t("opinion"), CSV_OPINION))
    if plan.amount:
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
    if plan.dossiers and not items:  # nothing to fill (a role the grid gives nothing)
        order.append("header")
    elif plan.dossiers:
        order += ["header"] + (["link"] if is_link(plan.dossiers[0][2]) else [])
        order += ["label", "input", "comment"] + (["share"] if plan.criteria else [])
        if "link" not in order and any(is_link(file) for _, _, file in plan.dossiers):
            order.append("link")
    for name in order:
        style[name] = style_id(wb, **wanted[name])
    header = sheetxml.row(1, "".join(
        sheetxml.text_cell(f"{col}1", h, style.get("header", 0))
        for col, h in zip("ABCDEFG", heads, strict=True)))
    labels = [sheetxml.inline_text(label) for label, _ in items]
    yes_no = f'"{t("shareable.yes")},{t("shareable.no")}"'
    validations: list[sheetxml.ListValidation] = []
    for r, (_label, ref) in enumerate(items, start=2):  # the same on every sheet
        if ref and ref != CSV_OPINION:  # a criterion's comment may be shared
            validations.append(sheetxml.ListValidation(
                f"G{r}", yes_no, t("dv.error_title"), t("dv.error.shareable")))
        if ref:
            validations.append(sheetxml.ListValidation(
                f"E{r}", refs[ref], t("dv.error_title"),
                t("dv.error.opinion", **opinion_words(t.lang)) if ref == CSV_OPINION
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
        printable(ws)  # its print titles, in workbook.xml

        def rows(did: str = did, title: str = title,
                 file: str = file) -> Iterator[tuple[str, list[tuple[str, str]]]]:
            yield header, []
            a, b, c = (sheetxml.inline_text(v) for v in (did, title, file))
            link = is_link(file) and bool(items)  # no item, no row: no link
            c_style = sheetxml.style_attr(style["link"]) if link else ""
            d_style = sheetxml.style_attr(style.get("label", 0))  # met when there are rows
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
