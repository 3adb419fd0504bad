"""The jurors' workbooks in XLSX (:mod:`.sheets` plans them and writes the files).

openpyxl builds the workbook: styles (:mod:`.styles`), the ``Grille`` guidance sheet and
the hidden ``_listes`` and ``_isgrid`` sheets.  The sheets of the dossiers — the ``rows``
layout's ``Notation`` (a row per dossier and kind, a column per criterion: 25,000
cells for one juror of a national call), or the ``per-dossier`` layout's sheet for
each dossier (:mod:`.layouts`) — are written as XML text by :mod:`.sheetxml` and streamed
into the zip in place of empty placeholder sheets (which keep their names, order and
print titles in workbook.xml).  The file is byte for byte what openpyxl wrote cell by
cell (``tests/jury/test_sheetxml.py``).  See the README's Performance, fifth pass.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..call.model import Call
from ..documents.text import version_words
from ..documents.typography import continued, printed
from ..grid.model import Scale
from ..grid.provenance import criterion_mark, parameter_provenance
from ..grid.scales import label_words
from ..grid.weights import weight_shares as weight_shares
from ..i18n import Translator, de_name, translator
from ..io.text import without_controls
from ..messages import decimal_text, percent, plain_number
from . import sheetxml
from .columns import meta_items, scale_list
from .common import (
    CSV_OPINION,
    FORMAT_ID,
    LISTS_SHEET,
    META_SHEET,
    OPINIONS,
    SheetPlan,
    opinion_word,
    source_date,
)
from .edition import facts_rows
from .layouts import StreamedSheet, per_dossier_layout, rows_layout
from .lists import meta_rows
from .owner import seal_rows
from .styles import HEADER_FILL, protect, set_cell
from .styles import set_cell as put_cell


def _num_text(v: float, lang: str) -> str:
    """A number as a juror reads it (a decimal comma in French)."""
    return decimal_text(plain_number(v), lang)


def levels_text(scale: Scale, lang: str) -> str:
    """A scale's levels, one a line: « 3 = Fort : description » in French (a no-break
    space before the colon), ``3 = Strong: description`` in English (none: it read
    « Strong : description »), then the half points and NE when the scale has them."""
    t = translator("sheets", lang)
    lines = []
    words = label_words(scale, lang)  # « yes », « no » in English, as the drop-down
    for level in sorted(scale.levels, key=lambda lv: lv.value):
        line = f"{_num_text(float(level.value), lang)} = {words[float(level.value)]}"
        if level.description:  # after « : », lowercase as the letters write it
            line += t("levels.colon") + continued(level.description, lang)
        lines.append(line)
    if scale.half_steps:
        lines.append(t("levels.half"))
    if scale.na:
        lines.append("NE")
    return "\n".join(lines)


def _lists_sheet(wb: Any, plan: SheetPlan, call: Call, t: Translator) -> dict[str, str]:
    """Write the hidden list sheet; return scale id (or '(avis)', when the workbook asks
    for the opinion) -> range formula."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(LISTS_SHEET)
    g = call.grid.grid
    scales = []
    for c in plan.criteria:
        if c.scale not in scales:
            scales.append(c.scale)
    refs: dict[str, str] = {}
    columns: list[tuple[str, list[str]]] = [(s, scale_list(g.scales[s], t.lang)) for s in scales]
    if plan.opinion:  # an instructor's workbook asks for no opinion
        columns.append((CSV_OPINION, [opinion_word(o, t.lang) for o in OPINIONS]))
    for i, (key, entries) in enumerate(columns, start=1):
        set_cell(ws, 1, i, key)
        for j, entry in enumerate(entries, start=2):
            set_cell(ws, j, i, entry)
        col = get_column_letter(i)
        refs[key] = f"{LISTS_SHEET}!${col}$2:${col}${len(entries) + 1}"
    ws.sheet_state = "hidden"
    protect(ws)
    return refs


def _meta_sheet(wb: Any, call: Call, plan: SheetPlan, layout: str, lang: str,
                sheets: dict[str, str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    g = call.grid
    rows = [("format", FORMAT_ID), ("call", call.config.title), ("assessor", plan.assessor.id),
            ("grid", g.ref), ("grid_sha256", g.sha256),
            ("layout", layout), ("lang", lang), ("grid_scoring_sha256", g.scoring_sha256)]
    # what it asks, which its import holds the returned workbook against (.columns)
    rows += meta_items(call, plan.criteria, plan.opinion, plan.amount)
    rows += [(f"sheet:{name}", did) for name, did in sheets.items()]
    # the dossiers it holds, which the import holds a row's id against (.lists)
    rows += meta_rows([did for did, _, _ in plan.dossiers])
    # whose they are: the juror's id and the dossiers, sealed together (.owner)
    rows += seal_rows(plan.assessor.id, [did for did, _, _ in plan.dossiers])
    # what each dossier was when the workbook was written (another edition's: .edition)
    rows += facts_rows(call, [did for did, _, _ in plan.dossiers])
    for i, (k, v) in enumerate(rows, start=1):
        set_cell(ws, i, 1, k)
        set_cell(ws, i, 2, v)
    ws.sheet_state = "veryHidden"
    protect(ws)


def _guidance_sheet(wb: Any, call: Call, plan: SheetPlan, t: Translator, lang: str) -> None:
    """The ``Grille`` sheet: what the juror reads before rating (it is never read back).
    Its texts are printed as a French document prints them (:func:`printed`: a grid's
    label with no-break spaces inside its « »); the other sheets keep the grid's words
    and spaces as written (their levels are the drop-down's entries, read back)."""
    ws = wb.create_sheet(t("sheet.guidance"))

    def set_cell(sheet: Any, row: int, col: int, value: Any, **style: Any) -> None:
        put_cell(sheet, row, col, printed(value, lang), **style)

    g = call.grid.grid
    a = plan.assessor
    r = 1
    set_cell(ws, r, 1, call.config.title, bold=True)
    r += 1
    name = a.name or a.id
    set_cell(ws, r, 1, t("guidance.for", name=name, de_name=de_name(name), id=a.id))
    r += 1
    set_cell(ws, r, 1, t("guidance.grid", title=g.title, id=g.id,
                         version=version_words(g.version, lang)))
    r += 1
    na = {g.scales[c.scale].na for c in plan.criteria}  # NE said only where it is taken
    levels = "levels" if na == {True} else "levels.no-na" if True not in na else "levels.some-na"
    howto = t("guidance.howto" if plan.opinion else "guidance.howto.no-opinion")
    for line in [t(f"guidance.howto.{levels}"), *howto.split("\n")]:
        set_cell(ws, r, 1, line)
        r += 1
    if plan.left_out:
        set_cell(ws, r, 1, t("guidance.left_out", n=len(plan.left_out)), bold=True)
        r += 1
        for did, title in plan.left_out:
            set_cell(ws, r, 1, did)
            set_cell(ws, r, 2, title)
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
        set_cell(ws, r, i, h, bold=True, fill=HEADER_FILL)
    r += 1
    rated = {c.id for c in plan.criteria}
    relabelled: list[str] = []
    for s in g.sections:
        for c in s.criteria:
            if c.id not in rated:
                continue
            set_cell(ws, r, 1, s.label, wrap=True)
            set_cell(ws, r, 2, c.id)
            # a label that is not the source's wording says so, in grids show's word
            mark = criterion_mark(g, c, lang)
            if mark is not None:
                relabelled.append(c.id)
            set_cell(ws, r, 3, c.label if mark is None else
                     t("value.unsourced", value=c.label, provenance=mark), wrap=True)
            set_cell(ws, r, 4, c.question or "", wrap=True)
            set_cell(ws, r, 5, c.guidance or "", wrap=True)
            set_cell(ws, r, 6, levels_text(g.scales[c.scale], lang), wrap=True)
            if shares is not None:
                share = shares.get(c.id)
                set_cell(ws, r, 7, t("weight.eliminatory") if share is None
                         else marked(percent(share, lang), percent(share, lang), "weight", c.id),
                         wrap=True)
                set_cell(ws, r, 8, None if c.floor is None else marked(
                    c.floor, decimal_text(plain_number(c.floor), lang), "floor", c.id))
            r += 1
    # which weights and floors are not the source's, and what the marks mean (said once)
    notes = [t("label.note", ids=", ".join(relabelled))] if relabelled else []
    if unsourced["weight"]:
        notes.append(t("weight.note.same" if notes else "weight.note",
                       ids=", ".join(unsourced["weight"])))
    if unsourced["floor"]:
        notes.append(t("floor.note.same" if notes else "floor.note",
                       ids=", ".join(unsourced["floor"])))
    for i, note in enumerate(notes, start=1):
        set_cell(ws, r + i, 1, note)
    widths = (24, 10, 36, 40, 50, 34, 16, 10)[:len(heads)]
    for col, wdt in zip("ABCDEFGH"[:len(heads)], widths, strict=True):
        ws.column_dimensions[col].width = wdt
    protect(ws)


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
        names, streamed = per_dossier_layout(wb, call, plan, t, refs)
    else:
        streamed.append(rows_layout(wb, call, plan, t, refs))
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
