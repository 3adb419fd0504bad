"""Reading what a juror sent back: the workbook ``isgrid sheets`` wrote (either layout,
as saved again by Excel or LibreOffice) into a :class:`JurorSheet`; a CSV sheet is
:mod:`.csvsheet`'s, with this module's :class:`SheetReader`.

Values may be level labels or numbers, text or numbers, with decimal commas; every
problem is reported with its file, sheet and cell (or line), and the reading goes on so
that all of them are reported at once.  :mod:`.importer` writes what was read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..call.model import Call
from ..call.roles import role_text, wrong_role
from ..errors import Collector, Location, Message, excerpt
from ..grid.model import JURY_ROLE, Criterion
from ..grid.scales import Parsed, parse_value
from ..i18n import N_, translator
from ..io.numbers import parse_amount
from ..io.tabular import Row, Table, columns_named
from ..io.write import neutralise_cell
from ..io.xlsx import read_xlsx
from ..messages import did_you_mean, plain_number, shown_names
from . import columns as asks_of
from .common import (
    CSV_AMOUNT,
    CSV_OPINION,
    LISTS_SHEET,
    META_SHEET,
    criteria_for,
    gives_opinion,
    parse_opinion,
)
from .lists import JurorLists, recorded


@dataclass
class JurorSheet:
    """What one file says, once read and checked."""

    file: str
    assessor: str
    # (dossier, criterion) -> (value text, comment)
    ratings: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # dossier -> (opinion, amount text, comment)
    opinions: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # (dossier, criterion) whose comment the juror lets the applicant's letter quote
    shared: set[tuple[str, str]] = field(default_factory=set)
    # the dossiers the workbook was written with; None: not recorded (.lists)
    sent: frozenset[str] | None = None
    # (dossier, criterion) -> the row and column of its rating cell, left empty: where
    # « j2 has not rated every criterion » sends the secretariat (its Location built then)
    empty: dict[tuple[str, str], tuple[Row, str]] = field(default_factory=dict)

    def empty_cell(self, did: str, cid: str) -> Location | None:
        """Where the rating of ``cid`` for ``did`` was left empty (``Notation!G8``)."""
        found = self.empty.get((did, cid))
        return None if found is None else found[0].loc(found[1])


def _words(key: str) -> set[str]:
    return {translator("sheets", lang)(key).casefold() for lang in ("fr", "en")}


def shared_mark(reader: SheetReader, raw: Any, loc: Location) -> bool:
    """A « à transmettre au porteur » cell: oui / non (empty: non); else an error."""
    from ..io.ratingsfile import shareable_value

    found = shareable_value(cell_text(raw))
    if found is None:
        reader.diags.add("bad-shareable", Message("{value} is neither oui nor non",
                                                  value=repr(cell_text(raw)[:40])), loc,
                         hint="Write oui when the comment may be quoted in the applicant's "
                         "letter; non (or nothing) otherwise.")
        return False
    return found


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _value_text(value: float | None, na: bool) -> str:
    if na:
        return "NE"
    if value is None:
        return ""
    return plain_number(value)


#: Distinct written values kept by a reader (a workbook of distinct texts in every cell
#: must not grow it with the file).
_READ_MEMO = 4096


class SheetReader:
    """Reads one file's rows into a JurorSheet, with every problem located."""

    def __init__(self, call: Call, diags: Collector, lists: JurorLists,
                 lang: str | None = None) -> None:
        self.call = call
        self.diags = diags
        self.lists = lists
        # the levels read in English (« yes » for « oui ») when the call or the sheet
        # (``lang``: the workbook's language) is English: its drop-down listed them so
        self.lang = "en" if "en" in (lang, call.config.lang) else (call.config.lang or "fr")
        g = call.grid.grid
        self.grid = g
        self.crits = {c.id: c for c in g.criteria()}
        self.dossiers = {d.id for d in call.dossiers}
        self.opinion_words = _words("opinion") | {"avis", "opinion", CSV_OPINION}
        self.amount_words = _words("amount") | {CSV_AMOUNT}
        # what a written value means on a scale, read once per distinct value: a juror's
        # workbook holds 100,000s of cells and a handful of distinct levels
        self._read: dict[tuple[str, type, Any], Parsed] = {}

    def classify(self, text: str) -> tuple[str, str] | None:
        """A header or item label: ('criterion', id), ('opinion', ''), ('amount', '')."""
        t = text.strip()
        if not t:
            return None
        if t.casefold() in self.opinion_words:
            return ("opinion", "")
        if t.casefold() in self.amount_words or t.casefold().startswith(("montant", "amount")):
            return ("amount", "")
        token = re.split(r"[\s—–:]", t, maxsplit=1)[0]
        return ("criterion", token)

    def criterion(self, cid: str, sheet: JurorSheet, loc: Location,
                  allowed: set[str], layout: str = "rows", written: str = "") -> Criterion | None:
        """The criterion ``cid`` of a header or a row, if ``sheet``'s assessor rates it; else
        say why.  ``layout``: ``rows`` (the xlsx rows layout: a criterion is a column),
        ``dossier`` (one sheet per dossier: a criterion is a row) or ``csv`` (a row per
        value, the assessor's id on it: said as loading says it, :func:`~isgrid.call.roles.wrong_role`).
        ``written``: the whole header or item ``cid`` was read from, quoted when unknown."""
        crit = self.crits.get(cid)
        if crit is None:
            self.diags.add("unknown-criterion", Message("unknown criterion {criterion}",
                                                        criterion=excerpt(written or cid)),
                           loc, hint=did_you_mean(cid, self.crits)
                           or self._criteria_hint(allowed, layout))
            return None
        if cid not in allowed:
            # the workbook's assessor is declared (read_workbook and the CSV reader refuse it otherwise)
            own = self.call.assessors[sheet.assessor].role
            if layout == "csv":
                wrong_role(crit, sheet.assessor, own, self.diags, loc)
                return None
            role = crit.rater
            hint = None if crit.eliminatory else (Message(
                "The criteria that are not eliminatory are rated by {role}; "
                "{assessor}'s workbook holds only their role's. Delete the column (a "
                "workbook written before December 2026 held every criterion).",
                role=role_text(role or JURY_ROLE), assessor=sheet.assessor)
                if layout == "rows" else Message(
                "The criteria that are not eliminatory are rated by {role}; "
                "{assessor}'s workbook holds only their role's. Delete the row (a "
                "workbook written before December 2026 held every criterion).",
                role=role_text(role or JURY_ROLE), assessor=sheet.assessor))
            self.diags.add("wrong-rater-role",
                           Message("{criterion} is rated by {rated_by}; {assessor_ids} is "
                                   "{role}", criterion=cid,
                                   rated_by=role_text(role or JURY_ROLE),
                                   assessor_ids=sheet.assessor, role=role_text(own)),
                           loc, hint=hint)
            return None
        return crit

    def takes_opinion(self, sheet: JurorSheet) -> bool:
        """Does ``sheet``'s assessor give an overall opinion and an amount (a juror;
        :func:`~.common.gives_opinion`)?  An instructor's workbook no longer asks for them."""
        return gives_opinion(self.call.assessors[sheet.assessor].role)

    def refuse_opinion(self, sheet: JurorSheet, what: str, loc: Location,
                       layout: str) -> None:
        """``wrong-rater-role`` at ``loc``: an instructor gave an overall opinion, an amount
        or an overall comment (``what``), the jurors' (an instructor's workbook written
        before December 2026 asked for them; the documents would count them as a
        juror's).  ``layout`` as for :meth:`criterion`: the hint deletes the column (the
        xlsx rows layout) or the row."""
        message = {
            "opinion": N_("the overall opinion is the jurors'; {assessor_ids} is {role}"),
            "amount": N_("the proposed amount is the jurors'; {assessor_ids} is {role}"),
            "comment": N_("the overall comment goes with the jurors' opinion; "
                          "{assessor_ids} is {role}")}[what]
        hint = {
            "rows": N_("The overall opinion and the amount are the jurors': the documents "
                       "count them among the jury's opinions, and {assessor}'s workbook no "
                       "longer asks for them. Delete the column (a workbook written before "
                       "December 2026 had it); a remark on the dossier goes in a criterion's "
                       "comment."),
            "dossier": N_("The overall opinion and the amount are the jurors': the documents "
                          "count them among the jury's opinions, and {assessor}'s workbook no "
                          "longer asks for them. Delete the row (a workbook written before "
                          "December 2026 had it); a remark on the dossier goes in a "
                          "criterion's comment."),
            "csv": N_("The overall opinion and the amount are the jurors': the documents "
                      "count them among the jury's opinions, and {assessor}'s sheet no longer "
                      "asks for them. Delete the row (a sheet written before December 2026 "
                      "had it); a remark on the dossier goes in a criterion's comment.")}[layout]
        self.diags.add("wrong-rater-role", Message(
            message, assessor_ids=sheet.assessor,
            role=role_text(self.call.assessors[sheet.assessor].role)), loc,
            hint=Message(hint, assessor=sheet.assessor))

    def _criteria_hint(self, allowed: set[str], layout: str) -> Message:
        """Where a criterion's id is written, and the ids the sheet may hold."""
        ids = shown_names([c.id for c in self.grid.criteria() if c.id in allowed]) or "—"
        if layout == "rows":
            return Message("A column's header starts with the id of one of the workbook's "
                           "criteria ({criteria}): put back the header the workbook had.",
                           criteria=ids)
        if layout == "dossier":
            return Message("A row's item starts with the id of one of the workbook's "
                           "criteria ({criteria}): put back the item the workbook had.",
                           criteria=ids)
        return Message("The criterion column holds the id of a criterion of the grid that "
                       "the assessor rates ({criteria}).", criteria=ids)

    def dossier(self, did: str, sheet: JurorSheet, loc: Location, title: str = "", *,
                added: bool = False, present: set[str] | None = None) -> bool:
        """May the row at ``loc`` (its title ``title``) rate ``did``?  If not, say why.

        A title that is another dossier's says first that the id was edited, with the id
        to put back: « remove the row » (a déport) or « check the id » lost the juror's
        real ratings of that other dossier when followed.  A row under a déport declared
        since the sheet was sent is read like the others: what happens to it is
        :mod:`isgrid.call.deports`'s rule (kept, never counted, ``conflicted-rating``).
        ``added``: the row was added to the workbook (:func:`added_row`); ``present``: the
        ids on the workbook's rows of this kind (the ones gone tell which of several
        dossiers with the row's title it was)."""
        gone = sheet.sent - present if sheet.sent is not None and present is not None \
            else frozenset()
        if self.lists.edited(did, title, sheet.file, sheet.sent, loc, self.diags, gone):
            return False
        if did not in self.dossiers:
            self.diags.add("unknown-dossier", Message("unknown dossier {dossier}",
                                                      dossier=repr(did)), loc)
            return False
        deports = self.lists.deports
        deport = deports.covers(sheet.assessor, did)
        if not self.lists.allowed(did, sheet.assessor, sheet.file, sheet.sent, loc,
                                  self.diags, deport=deport, added=added):
            return False
        if deport:  # imported like the others, never counted, told (call.deports)
            deports.tell(sheet.assessor, did, loc, self.diags)
        return True

    def value(self, crit: Criterion, raw: Any, at: Callable[[], Location]) -> str | None:
        """The level ``raw`` gives, as the ratings file writes it; None (and an error at
        ``at()``, built only then: a juror's workbook has 100,000s of cells) if none."""
        if isinstance(raw, bool):  # a TRUE/FALSE cell is no level (it would read as 1/0)
            self.diags.add("value-out-of-scale",
                           Message("{criterion}: {value} is not a level of the "
                                                         "scale",
                                                         criterion=crit.id, value=str(raw).upper()), at(),
                           hint="Choose a level from the list of the cell.")
            return None
        key = (crit.scale, type(raw), raw)  # 3, 3.0 and "3" apart: each read as written
        parsed = self._read.get(key)
        if parsed is None:
            parsed = parse_value(raw if not isinstance(raw, str) else raw.strip(),
                                 self.grid.scales[crit.scale], crit.scale, self.lang)
            if len(self._read) < _READ_MEMO:
                self._read[key] = parsed
        if parsed.error:
            self.diags.add("value-out-of-scale", Message("{criterion}: {error}",
                                                         criterion=crit.id, error=parsed.error), at(),
                           hint=parsed.hint)
            return None
        return _value_text(parsed.value, parsed.na)

    def opinion(self, raw: Any, at: Callable[[], Location]) -> str | None:
        text = cell_text(raw)
        if not text:
            return ""
        found = parse_opinion(text)
        if found is None:
            self.diags.add("bad-opinion",
                           Message("{value} is not favorable, réservé or défavorable",
                                                  value=repr(text)),
                           at())
        return found

    def amount(self, raw: Any, at: Callable[[], Location]) -> str | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return ""
        parsed = parse_amount(raw, self.call.config.lang or "fr")
        num = parsed.value
        if num is None:
            self.diags.add("bad-amount", parsed.problem or Message("no amount"), at(),
                           hint=parsed.hint)
            return None
        return f"{num:.0f}" if num.is_integer() else repr(num)


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
    local = Collector()
    tables = read_xlsx(path, local)
    diags.extend(local.items)
    if tables is None:
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
                                              call=repr(meta['call']), title=repr(call.config.title)),
                  Location(str(path), sheet=META_SHEET, cell="B2"))
        return None
    aid = meta["assessor"]
    assessor = call.assessors.get(aid)
    if assessor is None:
        diags.add("unknown-assessor", Message("the workbook is for {assessor}, who is not declared",
                                              assessor=repr(aid)),
                  Location(str(path), sheet=META_SHEET, cell="B3"))
        return None
    if meta.get("grid_sha256") and meta["grid_sha256"] != call.grid.sha256:
        asks_of.grid_change(call, assessor, meta, tables, str(path), diags)
    # what the workbook asks (its criteria, opinion, amount), in its language (.columns)
    lang = asks_of.workbook_lang(call, meta)
    asks = asks_of.asked(call, assessor, meta)
    dossier_sheets = {k.removeprefix("sheet:") for k in meta if k.startswith("sheet:")}
    sheet = JurorSheet(str(path), aid, sent=recorded(meta))
    reader = SheetReader(call, diags, lists or JurorLists(call), lang)
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
        if (cols["d"] and cols["k"]) or (not cols["i"] and meta.get("layout") != "per-dossier"
                                         and name.casefold() in _words("sheet.ratings")):
            if asks_of.rows_sheet_lacks(table, cols, asks, holder):
                used += 1  # its dossier or row kind column gone: it cannot be read
                continue
        elif (cols["d"] and cols["i"] and cols["v"]) or name in dossier_sheets:
            if asks_of.dossier_sheet_lacks(table, cols, asks, holder):
                used += 1  # a column it cannot be read without gone
                continue
        else:
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
    return sheet


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
            reader.diags.add("duplicate-rating", Message("two columns for {value} (the first at "
                                                         "{cell})",
                                                         value=kind[1] or kind[0], cell=first.cell if first else taken[kind]),
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
                kind=repr(kind_text)), row.loc(kcol),
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
            comment = cell_text(raw)
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
            comment = cell_text(raw)
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
        comment = cell_text(row.values.get(ccol)) if ccol else ""
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


def refuse_opinion_cells(reader: SheetReader, sheet: JurorSheet, what: str, raw: Any, comment: str,
                    loc: Location, comment_loc: Location | None, layout: str) -> None:
    """An instructor's opinion or amount row (``what``): each filled cell refused, the
    value at ``loc``, the opinion's comment at ``comment_loc`` (the amount's comment is
    never read, a juror's neither)."""
    if cell_text(raw):
        reader.refuse_opinion(sheet, what, loc, layout)
    if comment and what == "opinion" and comment_loc is not None:
        reader.refuse_opinion(sheet, "comment", comment_loc, layout)


def record_opinion(reader: SheetReader, sheet: JurorSheet, did: str, is_amount: bool, raw: Any,
                    comment: str, loc: Location) -> None:
    """One row's opinion (with the row's comment) or amount (the comment kept) of ``did``,
    when it reads; a row that does not read leaves what was there."""
    found = (reader.amount if is_amount else reader.opinion)(raw, lambda: loc)
    if found is None:
        return
    op, amount, kept = sheet.opinions.get(did, ("", "", ""))
    sheet.opinions[did] = (op, found, kept) if is_amount else (found, amount, comment)
