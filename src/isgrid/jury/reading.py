"""Reading what a juror sent back: the workbook ``isgrid sheets`` wrote (either layout,
as saved again by Excel or LibreOffice) into a :class:`~.sheetreader.JurorSheet`, its
values read by :mod:`.sheetreader`'s :class:`~.sheetreader.SheetReader`; a CSV sheet is
:mod:`.csvsheet`'s, with the same reader.

A workbook saved as ODS by LibreOffice is read as its .xlsx is (:mod:`.odsbook`).
Values may be level labels or numbers, text or numbers, with decimal commas; every
problem is reported with its file, sheet and cell (or line), and the reading goes on so
that all of them are reported at once.  :mod:`.importer` writes what was read.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..call.model import Call
from ..errors import Collector, Location, Message, Quote
from ..grid.load import split_ref
from ..grid.scoring import scores_as
from ..i18n import translator
from ..intake.sheets import Sheet, refuse_repeated
from ..io.tabular import Row, Table, cell_ref, columns_named
from ..io.write import neutralise_cell
from ..io.xlsx import read_xlsx
from . import columns as asks_of
from .common import LISTS_SHEET, META_SHEET, criteria_for
from .edition import check_edition
from .lists import JurorLists, recorded
from .odsbook import misnamed, read_ods
from .owner import check_owner, check_unsealed
from .sheetreader import JurorSheet as JurorSheet  # where importer and csvsheet find it
from .sheetreader import SheetReader as SheetReader  # where csvsheet finds it
from .sheetreader import _words
from .sheetreader import cell_text as cell_text  # where csvsheet finds it
from .sheetreader import comment_text as comment_text  # where csvsheet finds it
from .sheetreader import record_opinion as record_opinion  # where csvsheet finds it
from .sheetreader import refuse_opinion_cells as refuse_opinion_cells  # where csvsheet finds it
from .sheetreader import shared_mark as shared_mark  # where csvsheet finds it


# ---------------------------------------------------------------- workbooks
def added_row(did: str, sent: frozenset[str] | None, present: set[str]) -> bool:
    """Was a row of ``did`` added to a workbook rather than edited?  The workbook marks
    its rows by the dossiers it records (``sent``), one row of each kind per dossier (the
    ``rows`` layout: note, commentaire, à transmettre; the ``per-dossier`` layout: each
    criterion, the opinion, the amount, over its sheets): a row of a dossier it was not
    written with, while every dossier it was written with still has its row of that
    kind (``present``: the ids on the rows of the kind), is one more row (or a sheet
    copied), not one whose id was edited (sorting moves rows, never drops one)."""
    return sent is not None and did not in sent and sent <= present


def _meta(tables: dict[str, Table]) -> dict[str, str]:
    t = tables.get(META_SHEET)
    if t is None or len(t.columns) < 2:
        return {}
    k, v = t.columns[0], t.columns[1]
    out = {k: v}
    for row in t.rows:
        out[cell_text(row.values.get(k))] = cell_text(row.values.get(v))
    return out


def read_workbook(call: Call, path: Path, diags: Collector,
                  lists: JurorLists | None = None) -> JurorSheet | None:
    """The juror's workbook at ``path``; ``lists``: their dossiers (:mod:`.lists`), worked
    out once for all the files of an import."""
    if misnamed(path, diags):  # an .xlsx renamed .ods (or the reverse): rename it back
        return None
    # a workbook LibreOffice saved as ODS (« Utiliser le format ODF ! ») reads as an .xlsx
    repeated: dict[str, Sheet] = {}  # an .ods's sheets repeating a row: refused if read
    tables = read_ods(path, diags, repeated) if path.suffix.lower() == ".ods" \
        else read_xlsx(path, diags, units=True)  # « 50 % », « $12,000 »: never read as such
    if tables is None:
        return None
    for name in (META_SHEET, LISTS_SHEET):
        if name in repeated:
            refuse_repeated(diags, repeated[name])
            return None
    meta = _meta(tables)
    if meta.get("format", "").split("/")[0] != "isgrid-sheets" or not meta.get("assessor"):
        diags.add("sheet-not-isgrid", Message("the workbook has no hidden _isgrid sheet naming its "
                                              "juror"), Location(str(path)))
        return None
    # the title was written neutralised (a title "=Appel" is the text "'=Appel")
    if meta.get("call") and meta["call"] not in (call.config.title,
                                                 neutralise_cell(call.config.title)):
        diags.add("sheet-not-isgrid", Message("the workbook was written for the call {call}, not "
                                              "{title}",
                                              call=Quote(meta['call']), title=Quote(call.config.title)),
                  Location(str(path), sheet=META_SHEET, cell="B2"))
        return None
    aid = meta["assessor"]
    assessor = call.assessors.get(aid)
    if assessor is None:
        diags.add("unknown-assessor", Message("the workbook is for {assessor}, who is not declared",
                                              assessor=Quote(aid)),
                  Location(str(path), sheet=META_SHEET, cell="B3"))
        return None
    check_edition(call, meta, str(path), diags)  # last year's workbook, same title
    if meta.get("grid_sha256") and not scores_as(
            call.grid, meta["grid_sha256"], meta.get("grid_scoring_sha256"),
            split_ref(meta.get("grid") or "")[0] or None):
        # another grid, which scores otherwise (a note reworded is none; a workbook of an
        # earlier isgrid records the whole hash only): said when it changed what it asks
        asks_of.grid_change(call, assessor, meta, tables, str(path), diags)
    # what the workbook asks (its criteria, opinion, amount), in its language (.columns)
    lang = asks_of.workbook_lang(call, meta)
    asks = asks_of.asked(call, assessor, meta)
    dossier_sheets = {k.removeprefix("sheet:") for k in meta if k.startswith("sheet:")}
    lists = lists or JurorLists(call)
    sent = recorded(meta)
    if not check_owner(call, meta, aid, sent, lists, str(path), diags):
        return None  # its _isgrid sheet names another juror than it was written for
    sheet = JurorSheet(str(path), aid, sent=sent)
    reader = SheetReader(call, diags, lists, lang)
    holder = asks_of.Holder(reader.classify, reader.crits, lang, diags)
    allowed = {c.id for c in criteria_for(call, assessor)}
    dossier_w, kind_w, item_w = _words("col.dossier"), _words("col.kind"), _words("col.item")
    title_w = _words("col.title")
    value_w, comment_w = _words("col.value"), _words("col.comment")
    shared_w = _words("col.shareable")
    rating_kinds, comment_kinds = _words("kind.rating"), _words("kind.comment")
    shareable_kinds = _words("kind.shareable")
    seen_rows: dict[tuple[str, str], str] = {}
    used = 0
    found: list[tuple[Table, dict[str, str | None]]] = []
    for name, table in tables.items():
        if name in (META_SHEET, LISTS_SHEET):
            continue
        heads = columns_named(table)
        cols = {key: next((heads[h] for h in heads if h in words), None) for key, words in (
            ("d", dossier_w), ("t", title_w), ("k", kind_w), ("i", item_w), ("v", value_w),
            ("c", comment_w), ("s", shared_w), ("f", _words("col.file")))}
        rows_sheet = (cols["d"] and cols["k"]) or (
            not cols["i"] and meta.get("layout") != "per-dossier"
            and name.casefold() in _words("sheet.ratings"))
        if not rows_sheet and not ((cols["d"] and cols["i"] and cols["v"])
                                   or name in dossier_sheets):
            continue  # a sheet of the juror's own: not read (its repeats neither)
        if name in repeated:  # a row repeated beyond what a workbook holds: never expanded
            refuse_repeated(diags, repeated[name])
            return None
        if rows_sheet:
            if asks_of.rows_sheet_lacks(table, cols, asks, holder):
                used += 1  # its dossier or row kind column gone: it cannot be read
                continue
        elif asks_of.dossier_sheet_lacks(table, cols, asks, holder):
            used += 1  # a column it cannot be read without gone
            continue
        if twin_labels(table, cols, reader if rows_sheet else None, diags):
            used += 1  # two columns of a label it reads: which one is meant, a guess
            continue
        for where in table.unnamed.values():  # a header emptied: its ratings, silently lost
            diags.add("column-without-header", Message(
                "the column holds values but its header cell is empty"), where)
        found.append((table, cols))
    # the per-dossier layout's items (criterion, opinion, amount) -> the ids on their rows,
    # over all its sheets: a row of a dossier the workbook was not written with is added
    # when every dossier it was written with still has its row of that item (added_row)
    items: dict[str, set[str]] = {}
    for table, cols in found:
        dcol, icol = cols["d"], cols["i"]
        if not cols["k"] and dcol and icol:
            for row in table.rows:
                items.setdefault(cell_text(row.values.get(icol)).casefold(), set()).add(
                    cell_text(row.values.get(dcol)))
    for table, cols in found:
        dcol, kcol, tcol = cols["d"], cols["k"], cols["t"]
        assert dcol is not None
        used += 1
        if kcol:
            _rows_sheet(reader, sheet, table, dcol, kcol, tcol, allowed, rating_kinds,
                        comment_kinds, shareable_kinds, seen_rows)
        else:
            icol, vcol = cols["i"], cols["v"]
            assert icol is not None and vcol is not None
            _dossier_sheet(reader, sheet, table, dcol, icol, vcol, cols["c"], tcol, allowed,
                           seen_rows, cols["s"], items)
    if not used:
        diags.add("sheet-not-isgrid", Message(
            "the workbook has no rating sheet ({sheet})",
            sheet=translator("sheets", lang)("sheet.ratings")), Location(str(path)))
    check_unsealed(meta, sheet, lists, diags)  # a workbook written before its seal
    return sheet


def twin_labels(table: Table, cols: dict[str, str | None], reader: SheetReader | None,
                diags: Collector) -> bool:
    """Two columns of ``table`` (a sheet of a juror's workbook) with the same label, as
    the reader compares labels (case aside, :func:`~isgrid.io.tabular.column_positions`),
    where isgrid reads that label: one of ``cols`` (the dossier, its title, the row kind,
    the item, the value...) or, on the ``rows`` layout's sheet (``reader`` given), a
    criterion of the grid, the overall opinion or the amount.  A row's cells were keyed by
    label, so the second column silently took the place of the first (« Notation!E1 » and
    « Notation!J1 »: the juror's B1 read in J, a « la première en J1 » of the second).  Said
    with both header cells, ``sheet-twin-columns``; True when one was said (the sheet is
    not read).  Two columns of a label it does not read (the juror's own) are left alone."""
    read = {c.casefold() for c in cols.values() if c}

    def reads(label: str) -> bool:
        if label.casefold() in read:
            return True
        if reader is None:
            return False
        kind = reader.classify(label)
        return kind is not None and (kind[0] != "criterion" or kind[1] in reader.crits)

    first: dict[str, int] = {}
    said = False
    for i, label in enumerate(table.columns):
        key = label.casefold()
        if not key:
            continue
        if key not in first:
            first[key] = i
            continue
        if not reads(label):
            continue
        said = True
        cells = [f"{table.sheet}!{cell_ref(1, n + 1)}" for n in (first[key], i)]
        here = Location(table.file, sheet=table.sheet, cell=cell_ref(1, i + 1))
        diags.add("sheet-twin-columns", Message(
            "the header cells {first} and {second} have the same label {label}: isgrid reads "
            "a column by its label and cannot tell which of the two to read",
            first=cells[0], second=cells[1], label=Quote(label)), here,
            hint=Message("Delete one of the two columns (keep the one that holds the juror's "
                         "values), then import the workbook again."))
    return said


def _rows_sheet(reader: SheetReader, sheet: JurorSheet, table: Table, dcol: str, kcol: str,
                tcol: str | None, allowed: set[str], rating_kinds: set[str],
                comment_kinds: set[str], shareable_kinds: set[str],
                seen: dict[tuple[str, str], str]) -> None:
    fixed = {dcol, kcol} | {c for c in table.columns if c.casefold() in (
        _words("col.title") | _words("col.file"))}
    columns: list[tuple[str, tuple[str, str]]] = []
    taken: dict[tuple[str, str], str] = {}  # (what, criterion) -> first column's header
    for col in table.columns:
        if col in fixed:
            continue
        kind = reader.classify(col)
        if kind is None:
            continue
        if kind in taken:  # two columns for one criterion: neither may silently win
            first = table.header_locations.get(taken[kind])
            # a criterion by its id; the opinion, the amount: by the first column's label, as
            # the juror's sheet says it (« Avis global », not isgrid's word « opinion »)
            reader.diags.add("duplicate-rating", Message("two columns for {value} (the first at "
                                                         "{cell})",
                                                         value=kind[1] or Quote(taken[kind]),
                                                         cell=first.cell if first else taken[kind]),
                             table.header_locations[col],
                             hint="Delete one of the two columns.")
            continue
        taken[kind] = col
        if kind[0] == "criterion" and reader.criterion(
                kind[1], sheet, table.header_locations[col], allowed, written=col) is None:
            continue
        columns.append((col, kind))
    present: dict[str, set[str]] = {}  # row kind (as written) -> the ids on its rows
    for row in table.rows:
        present.setdefault(cell_text(row.values.get(kcol)).casefold(), set()).add(
            cell_text(row.values.get(dcol)))
    for row in table.rows:
        did = cell_text(row.values.get(dcol))
        kind_text = cell_text(row.values.get(kcol)).casefold()
        if kind_text in rating_kinds:
            row_kind = "rating"
        elif kind_text in comment_kinds:
            row_kind = "comment"
        elif kind_text in shareable_kinds:
            row_kind = "shareable"
        else:
            reader.diags.add("sheet-not-isgrid", Message(
                "the row kind {kind} is neither a rating, a comment nor a « à transmettre » row",
                kind=Quote(kind_text)), row.loc(kcol),
                hint="Keep the row kinds as the workbook wrote them: note, "
                "commentaire, à transmettre (rating, comment, share in English).")
            continue
        has_content = any(cell_text(row.values.get(col)) for col, _ in columns)
        if not has_content:
            continue
        if not reader.dossier(did, sheet, row.loc(dcol), cell_text(row.values.get(tcol)) if tcol
                              else "", added=added_row(did, sheet.sent, present[kind_text]),
                              present=present[kind_text]):
            continue
        key = (did, row_kind)
        if key in seen:
            reader.diags.add("duplicate-rating", Message(
                "two {key} rows for {dossier} (first at {seen})",
                key=row_kind, dossier=did, seen=seen[key]), row.where)
            continue
        seen[key] = str(row.where)
        if row_kind == "shareable":  # oui under a criterion: its comment may be quoted
            for col, (what, cid) in columns:
                if what == "criterion" and shared_mark(reader, row.values.get(col),
                                                   row.loc(col)):
                    sheet.shared.add((did, cid))
            continue
        for col, (what, cid) in columns:
            _cell(reader, sheet, did, what, cid, row, col, row_kind == "comment")


def _cell(reader: SheetReader, sheet: JurorSheet, did: str, what: str, cid: str, row: Row,
          col: str, is_comment: bool) -> None:
    raw = row.values.get(col)

    def loc() -> Location:  # the cell's place, built only for an error
        return row.loc(col)

    if what == "criterion":
        crit = reader.crits[cid]
        value, comment = sheet.ratings.get((did, cid), ("", ""))
        if is_comment:
            comment = comment_text(raw)
        else:
            parsed = reader.value(crit, raw, loc)
            if parsed is None:
                return
            value = parsed
            if not value:
                sheet.empty[(did, cid)] = (row, col)
        if value or comment:
            sheet.ratings[(did, cid)] = (value, comment)
    elif not reader.takes_opinion(sheet):  # an instructor's: the jurors' (an older workbook)
        if cell_text(raw) and not (is_comment and what == "amount"):  # never read, as a juror's
            reader.refuse_opinion(sheet, "comment" if is_comment else what, loc(), "rows")
    elif what == "opinion":
        op, amount, comment = sheet.opinions.get(did, ("", "", ""))
        if is_comment:
            comment = comment_text(raw)
        else:
            found = reader.opinion(raw, loc)
            if found is None:
                return
            op = found
        if op or amount or comment:
            sheet.opinions[did] = (op, amount, comment)
    elif what == "amount":
        if is_comment:
            return
        op, amount, comment = sheet.opinions.get(did, ("", "", ""))
        found = reader.amount(raw, loc)
        if found is None:
            return
        if found:
            sheet.opinions[did] = (op, found, comment)


def _dossier_sheet(reader: SheetReader, sheet: JurorSheet, table: Table, dcol: str, icol: str,
                   vcol: str, ccol: str | None, tcol: str | None, allowed: set[str],
                   seen: dict[tuple[str, str], str], scol: str | None = None,
                   items: dict[str, set[str]] | None = None) -> None:
    """A sheet of the ``per-dossier`` layout; ``items``: item (as written) -> the ids on
    its rows over every such sheet of the workbook (:func:`added_row`)."""
    for row in table.rows:
        did = cell_text(row.values.get(dcol))
        item = cell_text(row.values.get(icol))
        kind = reader.classify(item)
        value_raw = row.values.get(vcol)
        comment = comment_text(row.values.get(ccol)) if ccol else ""
        if kind is None or (not cell_text(value_raw) and not comment):
            if kind is not None and kind[0] == "criterion" and not cell_text(value_raw):
                sheet.empty[(did, kind[1])] = (row, vcol)
            continue
        held = items.get(item.casefold(), set()) if items is not None else None
        added = held is not None and added_row(did, sheet.sent, held)
        if not reader.dossier(did, sheet, row.loc(dcol), cell_text(row.values.get(tcol)) if tcol
                              else "", added=added, present=held):
            continue
        what, cid = kind
        key = (did, f"{what}:{cid}")
        if key in seen:
            reader.diags.add("duplicate-rating",
                             Message("{item} appears twice for {dossier} (first at {seen})",
                                     item=item, dossier=did, seen=seen[key]), row.where)
            continue
        seen[key] = str(row.where)
        if what == "criterion":
            if reader.criterion(cid, sheet, row.loc(icol), allowed, "dossier",
                                item) is None:
                continue
            value = reader.value(reader.crits[cid], value_raw, partial(row.loc, vcol))
            if value is not None:
                sheet.ratings[(did, cid)] = (value, comment)
                if scol and shared_mark(reader, row.values.get(scol), row.loc(scol)):
                    sheet.shared.add((did, cid))
        elif not reader.takes_opinion(sheet):  # an instructor's: the jurors' (older workbook)
            refuse_opinion_cells(reader, sheet, what, value_raw, comment, row.loc(vcol),
                            row.loc(ccol) if ccol else None, "dossier")
        else:
            record_opinion(reader, sheet, did, what == "amount", value_raw, comment,
                            row.loc(vcol))
