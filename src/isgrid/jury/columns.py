"""What a juror's workbook asks, and whether the workbook sent back still holds it.

A workbook ``isgrid sheets`` wrote has a known set of columns (one sheet per dossier: of
rows): the dossier's, the row kind's, a column per criterion the juror's role rates, the
overall opinion, the amount where the call has money.  A column deleted in a spreadsheet
takes the juror's ratings of its criterion with it: the import would write the others and
say nothing.  So the workbook records what it asks (``items`` in its hidden ``_isgrid``
sheet; a workbook of an earlier isgrid records nothing: the criteria its juror's role
rates now are asked), and :mod:`.reading` asks this module, for each rating sheet, what
is missing; a CSV sheet (a row per dossier and criterion) likewise.

The grid may change after the workbooks are sent (a scale now takes half points): that
matters to a workbook only when it changes what the workbook asks, its criteria and their
scales' levels, which ``asks_sha256`` fingerprints; a change that does not is not said.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import Any

from ..call.model import Assessor, Call
from ..errors import Collector, Location, Message, Quote
from ..grid.model import Criterion, Grid, Scale
from ..grid.scales import label_words
from ..i18n import LANGS, translator
from ..io.tabular import Table, column_letters
from ..messages import shown_names
from .common import CSV_AMOUNT, CSV_OPINION, LISTS_SHEET, META_SHEET, criteria_for

#: The ``_isgrid`` keys: the items the workbook asks, in its order (criteria ids, then
#: (avis) and (montant)), and the fingerprint of its criteria and their scales' levels.
ITEMS_KEY = "items"
ASKS_KEY = "asks_sha256"


def scale_list(scale: Scale, lang: str = "fr") -> list[str]:
    """The drop-down entries of a scale: its labels as a workbook in ``lang`` shows them
    (« no », « yes » in English: :func:`isgrid.grid.scales.label_words`), then NE when
    n/a is allowed."""
    words = label_words(scale, lang)
    return [words[v] for v in sorted(words)] + (["NE"] if scale.na else [])


def asks_fingerprint(grid: Grid, criteria: Iterable[Criterion]) -> str:
    """What a workbook's criteria ask, as a sha256: their ids in order, each one's scale's
    levels (value and label) and whether it takes NE.  A grid change that leaves it the
    same (a half point allowed, a weight, a label, a guidance text) reads the workbook as
    it was written."""
    data = []
    for c in criteria:
        scale = grid.scales[c.scale]
        data.append([c.id, [[float(lv.value), lv.label] for lv in
                            sorted(scale.levels, key=lambda lv: lv.value)], scale.na])
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def meta_items(call: Call, criteria: list[Criterion], opinion: bool,
               amount: bool) -> list[tuple[str, str]]:
    """The ``_isgrid`` rows that record what a workbook asks (written by :mod:`.workbook`)."""
    ids = [c.id for c in criteria] + ([CSV_OPINION] if opinion else []) + (
        [CSV_AMOUNT] if amount else [])
    return [(ITEMS_KEY, " ".join(ids)), (ASKS_KEY, asks_fingerprint(call.grid.grid, criteria))]


@dataclass
class Asked:
    """What a returned workbook must hold: the criteria (ids, in the workbook's order)
    and whether it holds the opinion and the amount."""

    criteria: list[str]
    opinion: bool
    amount: bool


def asked(call: Call, assessor: Assessor, meta: dict[str, str]) -> Asked:
    """What the workbook of ``assessor`` (its ``_isgrid`` sheet ``meta``) asks and the call
    still reads: the criteria it records that the role rates now (one added to the grid
    since is not in it; one removed since is not missed).  A workbook of an earlier isgrid
    records nothing: the criteria the role rates now, the opinion and amount not checked."""
    current = [c.id for c in criteria_for(call, assessor)]
    items = meta.get(ITEMS_KEY)
    if items is None:
        return Asked(current, False, False)
    ids = items.split()
    now = set(current)
    return Asked([i for i in ids if i in now], CSV_OPINION in ids, CSV_AMOUNT in ids)


def _expected(asked_: Asked) -> list[tuple[str, str]]:
    """The asked items as (kind, criterion id), in the workbook's order."""
    return [("criterion", cid) for cid in asked_.criteria] + (
        [("opinion", "")] if asked_.opinion else []) + (
        [("amount", "")] if asked_.amount else [])


def _what(kind: tuple[str, str], t: Callable[..., str], row: bool) -> Message:
    """« the column of the criterion ALS-3 », « the column 'Overall opinion' »."""
    what, cid = kind
    if what == "criterion" and row:
        return Message("the row of the criterion {criterion} is missing", criterion=cid)
    if what == "criterion":
        return Message("the column of the criterion {criterion} is missing", criterion=cid)
    name = Quote(t("opinion" if what == "opinion" else "amount"))
    if row:
        return Message("the row {item} is missing", item=name)
    return Message("the column {column} is missing", column=name)


def _hint() -> Message:
    """What to do with a workbook that lacks a column (the import writes nothing)."""
    return Message("Take the workbook that was sent again, or copy the ratings into it: "
                   "isgrid reads a workbook whole, or nothing. Nothing was written.")


@dataclass
class Holder:
    """How the reader tells what a header or an item is (:meth:`.reading.SheetReader.classify`)
    and the grid's criteria ids, with where to say what is missing."""

    classify: Callable[[str], tuple[str, str] | None]
    known: Container[str]
    lang: str
    diags: Collector


def missing_columns(table: Table, fixed: list[tuple[str, str | None, bool]], asked_: Asked,
                    by: Holder) -> bool:
    """Say every column of a sheet that is missing, at the header cell where it belongs
    (the next column present, or the one after the last): ``fixed``, the layout's
    columns before the criteria (the translation key, the column found or None, whether
    the reading needs it), then the criteria, the opinion and the amount the workbook
    asks.  A header the reader does not know, or emptied, may be the column missing: it
    is said (unknown-criterion, column-without-header), not a column missing too.  True
    when a column the reading needs is missing: the sheet cannot be read."""
    t = translator("sheets", by.lang)
    taken = {col for _, col, _ in fixed if col is not None}
    found: dict[tuple[str, str], str] = {}
    unknown = bool(table.unnamed)
    for col in table.columns:
        kind = by.classify(col) if col and col not in taken else None
        if kind is not None:
            found.setdefault(kind, col)
            unknown |= kind[0] == "criterion" and kind[1] not in by.known
    order: list[tuple[tuple[str, str], str | None, bool]] = [
        (("fixed", key), col, needed) for key, col, needed in fixed]
    order += [(kind, found.get(kind), not unknown) for kind in _expected(asked_)]
    unreadable = False
    for i, ((what, key), present, needed) in enumerate(order):
        if present is not None or not needed:
            continue
        unreadable |= what == "fixed"
        # where it was: after the column before it that is still there
        before = next((table.header_locations.get(c) for _, c, _ in reversed(order[:i])
                       if c is not None), None)
        at = _col_number(before.cell) + 1 if before is not None and before.cell else 1
        place = Location(table.file, sheet=table.sheet, cell=f"{column_letters(at)}1")
        message = Message("the column {column} is missing", column=Quote(t(key))) \
            if what == "fixed" else _what((what, key), t, row=False)
        by.diags.add("sheet-missing-column", message, place, hint=_hint())
    return unreadable


#: The columns before the criteria: (translation key, key in the reader's columns,
#: whether the reading needs it: a title or a file column deleted loses nothing).
_ROWS_FIXED = [("col.dossier", "d", True), ("col.title", "t", False), ("col.file", "f", False),
               ("col.kind", "k", True)]
_DOSSIER_FIXED = [("col.dossier", "d", True), ("col.title", "t", False),
                  ("col.file", "f", False), ("col.item", "i", True), ("col.value", "v", True),
                  ("col.comment", "c", True)]


def rows_sheet_lacks(table: Table, cols: dict[str, str | None], asked_: Asked,
                     by: Holder) -> bool:
    """Say what the ``rows`` layout's sheet lacks; True when it cannot be read (its
    dossier or row kind column gone).  ``cols``: the reader's columns by their headers."""
    return missing_columns(table, [(k, cols[c], need) for k, c, need in _ROWS_FIXED],
                           asked_, by)


def dossier_sheet_lacks(table: Table, cols: dict[str, str | None], asked_: Asked,
                        by: Holder) -> bool:
    """Say what a ``per-dossier`` sheet lacks (a column, an item's row); True when it
    cannot be read."""
    if missing_columns(table, [(k, cols[c], need) for k, c, need in _DOSSIER_FIXED],
                       Asked([], False, False), by):
        return True
    missing_rows(table, str(cols["i"]), asked_, by)
    return False


def _col_number(cell: str) -> int:
    """The column number of a cell reference (``G1`` is 7)."""
    n = 0
    for ch in cell.rstrip("0123456789"):
        n = n * 26 + ord(ch.upper()) - 64
    return n


def missing_rows(table: Table, icol: str, asked_: Asked, by: Holder) -> None:
    """Say every item row of a ``per-dossier`` sheet (a criterion, the opinion, the
    amount) that is missing, at the item cell where it belongs (an item the reader does
    not know may be the one missing: said as unknown, not missing too)."""
    t = translator("sheets", by.lang)
    found: dict[tuple[str, str], Location] = {}
    for row in table.rows:
        text = row.values.get(icol)
        kind = by.classify(str(text)) if text is not None else None
        if kind is None:
            continue
        if kind[0] == "criterion" and kind[1] not in by.known:
            return
        found.setdefault(kind, row.loc(icol))
    expected = _expected(asked_)
    letters = (table.header_locations[icol].cell or "D1").rstrip("0123456789")
    for i, kind in enumerate(expected):
        if kind not in found:  # where it was: after the row before it still there
            before = next((found[k] for k in reversed(expected[:i]) if k in found), None)
            at = _row_number(before.cell) + 1 if before is not None and before.cell else 2
            place = Location(table.file, sheet=table.sheet, cell=f"{letters}{at}")
            by.diags.add("sheet-missing-column", _what(kind, t, row=True), place,
                         hint=_hint())


def _row_number(cell: str) -> int:
    digits = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return int(digits) if digits.isdigit() else 1


def missing_csv_rows(call: Call, seen: dict[tuple[str, str], tuple[set[str], Location]],
                     current: Callable[[str], list[str]], diags: Collector) -> None:
    """A CSV sheet holds a row per dossier and criterion its assessor rates: the rows of a
    criterion missing for dossiers the sheet rates (``seen``: (assessor, dossier) -> the
    items on its rows, the place of its first row), of the assessor's dossiers
    (``current``: a row of another dossier is said where it is), said once per
    assessor and criterion, at the first such dossier's first row."""
    gone: dict[tuple[str, str], list[tuple[str, Location]]] = {}
    mine: dict[str, set[str]] = {}
    for (aid, did), (items, loc) in seen.items():
        if did not in mine.setdefault(aid, set(current(aid))):
            continue
        for c in criteria_for(call, call.assessors[aid]):
            if c.id not in items:
                gone.setdefault((aid, c.id), []).append((did, loc))
    for (aid, cid), where in gone.items():
        diags.add("sheet-missing-column", Message(
            "{assessor}'s rows of the criterion {criterion} are missing for {shown}",
            assessor=aid, criterion=cid, shown=shown_names([d for d, _ in where])),
            where[0][1], hint=Message(
                "Take the sheet that was sent again, or copy the ratings into it: each "
                "dossier has a row per criterion (its ratings would otherwise be lost "
                "silently). Nothing was written."))


def workbook_lang(call: Call, meta: dict[str, str]) -> str:
    """The language a workbook was written in, as its hidden sheet says it, when that is
    one of isgrid's (a cell edited by hand may hold anything: « 0 » made the translator
    fail); else the call's."""
    written = meta.get("lang")
    return written if written in LANGS else call.config.lang or "fr"


# ---------------------------------------------------------------- the grid changed
def grid_change(call: Call, assessor: Assessor, meta: dict[str, str],
                tables: dict[str, Table], path: str, diags: Collector) -> None:
    """A workbook written for another version of the call's grid (``grid_sha256``): said
    only when the change is one of what the workbook asks (its criteria, their order,
    their scales' levels), with what changed; else the workbook is read as it was written."""
    grid = call.grid.grid
    lang = workbook_lang(call, meta)
    now = criteria_for(call, assessor)
    recorded = meta.get(ASKS_KEY)
    if recorded is not None and recorded == asks_fingerprint(grid, now):
        return
    changes: list[Message] = []
    items = meta.get(ITEMS_KEY)
    if items is not None:
        was = [i for i in items.split() if i not in (CSV_OPINION, CSV_AMOUNT)]
        ids = [c.id for c in now]
        added = [i for i in ids if i not in was]
        removed = [i for i in was if i not in ids]
        if added:
            changes.append(Message("criteria added: {ids}", ids=shown_names(added)))
        if removed:
            changes.append(Message("criteria removed: {ids}", ids=shown_names(removed)))
        if not added and not removed and was != ids:
            changes.append(Message("the criteria's order"))
    offered = _lists(tables.get(LISTS_SHEET))
    for c in now:  # a criterion now on a scale the workbook offers no list of
        if offered and c.scale not in offered and (items is None or c.id in items.split()):
            changes.append(Message("the scale of {criterion}, now {scale}", criterion=c.id,
                                   scale=c.scale))
    for scale_id in dict.fromkeys(c.scale for c in now):
        # the levels as the workbook's language lists them (an English workbook written
        # before it said « no, yes » listed « non, oui »: the same levels)
        levels = scale_list(grid.scales[scale_id], lang)
        if scale_id in offered and offered[scale_id] not in (
                levels, scale_list(grid.scales[scale_id])):
            changes.append(Message("the levels of {scale}: {levels} (the workbook "
                                       "offers {offered})", scale=scale_id,
                                       levels=", ".join(levels),
                                       offered=", ".join(offered[scale_id])))
    if recorded is None and not changes:
        return  # an earlier workbook whose levels are the grid's: its columns are checked
    if not changes:
        changes.append(Message("a level's value"))
    diags.add("sheet-grid-changed", Message(
        "the workbook was written for another version of the call's grid, which changed "
        "what it asks ({changes}); its criteria are checked one by one",
        changes=_joined(changes)),
        Location(path, sheet=META_SHEET, cell="B5"), severity="warning",
        hint=Message("Send {assessor} a new workbook (isgrid sheets, which keeps what they "
                     "already gave) if the change matters to their ratings.",
                     assessor=assessor.id))


def _joined(parts: list[Message]) -> Message:
    """« a; b; c », each part translated with the whole."""
    out = parts[0]
    for part in parts[1:]:
        out = Message("{first}; {second}", first=out, second=part)
    return out


def _lists(table: Table | None) -> dict[str, list[str]]:
    """The drop-down lists of a workbook's ``_listes`` sheet, by scale id."""
    if table is None:
        return {}
    out: dict[str, list[str]] = {}
    for col in table.columns:
        entries: list[Any] = [row.values.get(col) for row in table.rows]
        out[col] = [str(e).strip() for e in entries if e is not None and str(e).strip()]
    return out
