"""Workbooks for jurors: ``isgrid sheets CALL --format xlsx|csv -o DIR``.

One workbook per juror, written for the juror rather than for the import:

* sheet ``Notation`` (layout ``rows``): three rows per dossier, the first for
  the ratings, the second for one comment per criterion (and an overall
  comment under the overall opinion), the third, « à transmettre », for oui /
  non under each criterion (oui lets the applicant's letter quote that
  comment); dossier id, title and file on every row; one column per criterion
  whose header starts with the criterion id;
* layout ``per-dossier``: one sheet per dossier, one row per criterion, with
  the rating, the comment and « à transmettre au porteur » side by side;
* sheet ``Grille``: the grid's guidance, levels, and the déports left out;
* hidden sheets ``_listes`` (the drop-down lists, so labels with commas work)
  and ``_isgrid`` (which call and juror the workbook is for).

Headers are protected (sheet protection without a password, so formatting is
still allowed); the cells to fill are unlocked.  Text from dossiers is
neutralised so that a title such as ``=HYPERLINK(...)`` stays text.  Files are
deterministic: workbook properties and zip entry dates come from
``SOURCE_DATE_EPOCH`` (default 2000-01-01).
"""

from __future__ import annotations

import copy
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..call.model import Assessor, Call
from ..errors import CallError, Collector, Diagnostic, Location, Message, UsageError
from ..grid.model import Criterion, Scale
from ..i18n import Translator, translator
from ..io.write import neutralise_cell, neutralise_row, write_files
from . import sheetxml
from .common import (
    OPINIONS,
    criteria_for,
    dossiers_of,
    jury,
    read_assignments,
    relative_dossier_file,
    source_date,
)

META_SHEET = "_isgrid"
LISTS_SHEET = "_listes"
FORMAT_ID = "isgrid-sheets/1"
LAYOUTS = ("rows", "per-dossier")
#: Pseudo-criteria of the CSV format (ids never start with "(").
CSV_OPINION = "(avis)"
CSV_AMOUNT = "(montant)"
CSV_COLUMNS = ["dossier", "title", "file", "assessor", "criterion", "label", "value", "comment",
               "shareable"]


@dataclass
class SheetPlan:
    """What one juror's workbook holds."""

    assessor: Assessor
    criteria: list[Criterion]
    dossiers: list[tuple[str, str, str]]  # id, title, file
    left_out: list[tuple[str, str]]  # id, title (déports)
    money: bool


@dataclass
class SheetsReport:
    written: list[Path] = field(default_factory=list)
    plans: list[SheetPlan] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def uses_money(call: Call) -> bool:
    return call.config.funding is not None or call.config.budget is not None


def dossier_file(call: Call, did: str, yaml_file: str,
                 documents: dict[str, Path] | None = None) -> str:
    """The dossier's own document when one sits beside it (dossiers/<id>.pdf...),
    else its YAML file; '' for a dossier from a table without a document.
    ``documents``: :func:`dossier_documents` of the call, listed once for many dossiers
    (listing the folder again for each dossier of each juror was quadratic)."""
    if documents is None:
        documents = dossier_documents(call)
    found = documents.get(did)
    if found is not None:
        return relative_dossier_file(call, str(found))
    if yaml_file.endswith((".yaml", ".yml")):
        return relative_dossier_file(call, yaml_file)
    return ""


def dossier_documents(call: Call) -> dict[str, Path]:
    """Dossier id -> its own document in ``dossiers/`` (not its YAML file): the first by
    name when there are several."""
    ddir = call.folder / "dossiers"
    out: dict[str, Path] = {}
    if ddir.is_dir():
        for p in sorted(ddir.iterdir()):
            if p.suffix.lower() not in (".yaml", ".yml"):
                out.setdefault(p.stem, p)
    return out


def plan_sheets(call: Call, only: list[str] | None = None,
                link: str | None = None) -> tuple[list[SheetPlan], Collector]:
    """Who gets which dossiers.  ``link``: a URL template with ``{id}`` (the dossier on
    the call's platform) used instead of the dossier's file."""
    diags = Collector()
    assessors = jury(call)
    if not assessors:
        diags.add("no-assessors", Message("the call declares no assessors; isgrid cannot tell who "
                                          "gets a workbook"), Location(str(call.folder / "call.yaml"), key_path="assessors"))
        raise CallError("no assessors", diags.items)
    if only:
        unknown = [a for a in only if a not in call.assessors]
        for aid in unknown:
            diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                                  assessor=repr(aid)),
                      Location(str(call.folder / "call.yaml"), key_path="assessors"))
        diags.raise_if_errors(CallError, "unknown assessor")
        assessors = [a for a in assessors if a.id in only]
    assignments = read_assignments(call, diags)
    diags.raise_if_errors(CallError, "assignments.csv has errors")
    by_id = {d.id: d for d in call.dossiers}
    documents = dossier_documents(call) if not link else {}
    plans = []
    for a in assessors:
        keep, left = dossiers_of(call, a, assignments)
        plans.append(SheetPlan(
            a, criteria_for(call, a),
            [(d, by_id[d].title, link.replace("{id}", d) if link else
              dossier_file(call, d, by_id[d].file, documents)) for d in keep],
            [(d, by_id[d].title) for d in left], uses_money(call)))
    return plans, diags


def write_sheets(call: Call, out_dir: Path, *, fmt: str = "xlsx", layout: str = "rows",
                 lang: str = "fr", force: bool = False, only: list[str] | None = None,
                 link: str | None = None) -> SheetsReport:
    """Write one workbook (or CSV) per juror into ``out_dir``."""
    if layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}")
    if link is not None and not link.startswith(("https://", "http://")):
        raise UsageError("--link must be an http(s) URL template such as "
                         "https://plateforme.example/dossiers/{id}")
    plans, diags = plan_sheets(call, only, link)
    t = translator("sheets", lang)
    outputs: list[tuple[Path, bytes]] = []
    for plan in plans:
        if fmt == "csv":
            outputs.append((out_dir / f"{plan.assessor.id}.csv", sheet_csv(call, plan, lang)))
        else:
            outputs.append((out_dir / f"{plan.assessor.id}.xlsx",
                            workbook_bytes(call, plan, t, layout)))
    inputs = [call.folder / rel for rel in call.inputs]
    from ..io.write import check_output

    for path, _ in outputs:  # refuse before writing anything
        check_output(path, inputs=inputs, force=force)
    report = SheetsReport(plans=plans, warnings=diags.warnings)
    # every workbook or none (a multi-file write: io.write.write_files)
    write_files(out_dir, [(path, data, None) for path, data in outputs])
    report.written.extend(path for path, _ in outputs)
    return report


# ------------------------------------------------------------------ CSV
def _num_text(v: float, lang: str) -> str:
    text = f"{v:g}"
    return text.replace(".", ",") if lang == "fr" else text


def sheet_csv(call: Call, plan: SheetPlan, lang: str) -> bytes:
    """A juror's sheet as CSV: one row per dossier and criterion, to fill in."""
    t = translator("sheets", lang)
    buf = io.StringIO(newline="")
    sep = ";" if lang == "fr" else ","
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for did, title, file in plan.dossiers:
        base = neutralise_row([did, title, file, plan.assessor.id])
        for c in plan.criteria:
            w.writerow([*base, c.id, neutralise_cell(c.label), "", "", ""])
        w.writerow([*base, CSV_OPINION, t("opinion") + " (" + " / ".join(
            t(f"opinion.{o}") for o in OPINIONS) + ")", "", "", ""])
        if plan.money:
            w.writerow([*base, CSV_AMOUNT, t("amount"), "", "", ""])
    text = buf.getvalue()
    return (("\ufeff" + text) if lang == "fr" else text).encode("utf-8")


# ------------------------------------------------------------------ XLSX
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
    if isinstance(value, str):
        cell.value = neutralise_cell(value)
        cell.data_type = "s"  # never a formula, whatever the text
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


def _file_cell(ws: Any, row: int, col: int, file: str) -> None:
    """The dossier's file: a path, or a clickable link when it is a web address."""
    cell = _set(ws, row, col, file)
    if is_link(file):
        cell.hyperlink = file
        cell._style = copy.copy(_style_array(ws.parent, link=True))


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


def _validation(ref: str, t: Translator, what: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=ref, allow_blank=True,
                        showErrorMessage=True, errorStyle="warning",
                        errorTitle=t("dv.error_title"), error=t(f"dv.error.{what}"),
                        showInputMessage=False)
    return dv


def _meta_sheet(wb: Any, call: Call, plan: SheetPlan, layout: str, lang: str,
                sheets: dict[str, str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    g = call.grid
    rows = [("format", FORMAT_ID), ("call", call.config.title), ("assessor", plan.assessor.id),
            ("grid", f"{g.grid.id}@{g.grid.version}"), ("grid_sha256", g.sha256),
            ("layout", layout), ("lang", lang)]
    rows += [(f"sheet:{name}", did) for name, did in sheets.items()]
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
    for _did, _title, file in plan.dossiers:  # until every style of a dossier is met
        link = ("link",) if is_link(file) else ()
        meet("id", "title", *link, "input", *(("amount",) if plan.money else ()))
        meet("title", *link, "comment")
        meet("title", *link, *(("share",) if plan.criteria else ()))
        if link:  # then every style is met; else a later dossier may have a link
            break
    inputs = range(first, opinion_col + 1)
    rating_tail = sheetxml.empty_cells_template(
        [(col[c], style["input"]) for c in inputs]
        + ([(col[opinion_col + 1], style["amount"])] if plan.money else [])) if plan.dossiers else ""
    comment_tail = sheetxml.empty_cells_template(
        (col[c], style["comment"]) for c in inputs) if plan.dossiers else ""
    share_tail = sheetxml.empty_cells_template(
        (col[c], style["share"]) for c in inputs[:-1]) if plan.criteria and plan.dossiers else ""

    def rows() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        yield sheetxml.row(1, "".join(
            sheetxml.text_cell(f"{col[i]}1", neutralise_cell(h), style["header"])
            for i, h in enumerate(heads, start=1)), height=60), []
        for n, (did, title, file) in enumerate(plan.dossiers):
            r = 2 + 3 * n
            did_text, title_text, file_text = (neutralise_cell(v) for v in (did, title, file))
            link = is_link(file)
            file_style = style["link"] if link else 0
            xml = []
            for k, (kind, tail) in enumerate(((kinds[0], rating_tail), (kinds[1], comment_tail),
                                              (kinds[2], share_tail))):
                num = str(r + k)
                xml.append(sheetxml.row(r + k, "".join((
                    sheetxml.text_cell("A" + num, did_text, style["id"] if k == 0 else 0),
                    sheetxml.text_cell("B" + num, title_text, style["title"]),
                    sheetxml.text_cell("C" + num, file_text, file_style),
                    sheetxml.text_cell("D" + num, kind),
                    tail.replace(sheetxml.ROW, num)))))
            yield "".join(xml), ([(f"C{r + k}", file) for k in range(3)] if link else [])

    # the drop-downs: each criterion's levels and the opinions on the ratings rows, oui /
    # non on the « à transmettre » rows under the criteria (an overall comment is never
    # quoted to the applicant); the cells in the order openpyxl wrote them
    validations: list[sheetxml.ListValidation] = []
    if plan.dossiers:
        starts = range(2, 2 + 3 * len(plan.dossiers), 3)
        title = t("dv.error_title")
        for c in inputs:
            ref, what = ((refs[plan.criteria[c - first].scale], "level") if c < opinion_col
                         else (refs[CSV_OPINION], "opinion"))
            validations.append(sheetxml.ListValidation(
                " ".join(f"{col[c]}{r}" for r in starts), ref, title, t(f"dv.error.{what}")))
        if plan.criteria:
            validations.append(sheetxml.ListValidation(
                " ".join(f"{col[first]}{r + 2}:{col[opinion_col - 1]}{r + 2}" for r in starts),
                f'"{t("shareable.yes")},{t("shareable.no")}"', title,
                t("dv.error.shareable")))
    widths = [12, 30, 22, 13] + [16] * len(plan.criteria) + [16, 16]
    sheet = sheetxml.Sheet(dimension=f"A1:{col[-1]}{1 + 3 * len(plan.dossiers)}",
                           widths=widths[: len(heads)], frozen=(4, 1), validations=validations)
    return StreamedSheet(ws, sheet, rows)


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
                        refs: dict[str, str]) -> dict[str, str]:
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
            _set(ws, 1, i, h, bold=True, fill=HEADER_FILL)
        items: list[tuple[str, str]] = [(criterion_header(c), c.scale) for c in plan.criteria]
        items.append((t("opinion"), CSV_OPINION))
        if plan.money:
            items.append((t("amount"), ""))
        for r, (label, ref) in enumerate(items, start=2):
            _set(ws, r, 1, did)
            _set(ws, r, 2, title)
            _file_cell(ws, r, 3, file)
            _set(ws, r, 4, label, wrap=True)
            _set(ws, r, 5, None, locked=False, fill=INPUT_FILL)
            _set(ws, r, 6, None, locked=False, wrap=True, fill=COMMENT_FILL)
            if ref and ref != CSV_OPINION:  # a criterion's comment may be shared
                _set(ws, r, 7, None, locked=False, fill=COMMENT_FILL)
                yes_no = _validation(f'"{t("shareable.yes")},{t("shareable.no")}"', t, "shareable")
                yes_no.add(f"G{r}")
                ws.add_data_validation(yes_no)
            if ref:
                dv = _validation(refs[ref], t, "opinion" if ref == CSV_OPINION else "level")
                dv.add(f"E{r}")
                ws.add_data_validation(dv)
        for col, wdt in zip("ABCDEFG", (12, 30, 22, 40, 18, 50, 16), strict=True):
            ws.column_dimensions[col].width = wdt
        ws.freeze_panes = "E2"
        _printable(ws)
        _protect(ws)
    return names


def _guidance_sheet(wb: Any, call: Call, plan: SheetPlan, t: Translator, lang: str) -> None:
    ws = wb.create_sheet(t("sheet.guidance"))
    g = call.grid.grid
    a = plan.assessor
    r = 1
    _set(ws, r, 1, call.config.title, bold=True)
    r += 1
    _set(ws, r, 1, t("guidance.for", name=a.name or a.id, id=a.id))
    r += 1
    _set(ws, r, 1, t("guidance.grid", title=g.title, id=g.id, version=g.version))
    r += 1
    for line in t("guidance.howto").split("\n"):
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
    heads = [t("col.section"), t("col.criterion"), t("col.label"), t("col.question"),
             t("col.guidance"), t("col.levels"), t("col.weight"), t("col.floor")]
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
            _set(ws, r, 7, c.weight if c.weight is not None else None)
            _set(ws, r, 8, c.floor)
            r += 1
    for col, wdt in zip("ABCDEFGH", (24, 10, 36, 40, 50, 34, 8, 8), strict=True):
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
        names = _per_dossier_layout(wb, call, plan, t, refs)
    else:
        streamed.append(_rows_layout(wb, call, plan, t, refs))
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
    wb.properties.title = f"{call.config.title} — {plan.assessor.id}"
    return wb, streamed


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
