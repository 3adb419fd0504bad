"""One value of a juror's sheet, read: the :class:`JurorSheet` a file's values go into,
and the :class:`SheetReader` that reads a header or an item (which criterion, the
opinion, the amount), a row's dossier, a level, an opinion, an amount, with every problem
located; the opinion and amount cells of an instructor (refused) and of a juror.

Shared by the workbook's layouts (:mod:`.reading`) and the CSV sheet (:mod:`.csvsheet`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from ..call.model import Call
from ..call.roles import role_text, wrong_role
from ..errors import Collector, Location, Message, Quote, excerpt
from ..grid.model import JURY_ROLE, Criterion
from ..grid.scales import Parsed, parse_value
from ..i18n import N_, translator
from ..io.cells import unescape_cell
from ..io.excel import (
    DATE_HINT,
    UNIT_AMOUNT_HINT,
    UNIT_RATING_HINT,
    UnitNumber,
    date_message,
    excel_date,
    unit_message,
)
from ..io.numbers import parse_amount
from ..io.tabular import Row
from ..messages import did_you_mean, plain_number, shown_names
from .common import CSV_AMOUNT, CSV_OPINION, gives_opinion, opinion_words, parse_opinion
from .lists import JurorLists


class Gone:
    """The dossiers sent in a workbook whose rows are not on it (``sent`` less ``present``),
    asked one id at a time: the set difference made for each row cost a national juror's
    workbook 0.8 s (6,620 rows × 6,620 ids), when it is read only for a row whose title is
    another dossier's (:meth:`.lists.JurorLists.edited`)."""

    __slots__ = ("present", "sent")

    def __init__(self, sent: frozenset[str], present: set[str]) -> None:
        self.sent, self.present = sent, present

    def __contains__(self, did: object) -> bool:
        return did in self.sent and did not in self.present


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
        reader.diags.add("bad-shareable", Message("{value} is neither yes nor no (oui, non)",
                                                  value=Quote(cell_text(raw)[:40])), loc,
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


def comment_text(v: Any) -> str:
    """A comment cell of a juror's sheet, as the juror typed it: :func:`cell_text` without
    the ``'`` the sheet was written with before a formula-like comment (a workbook sent
    again holds « '- ancrage… » for « - ancrage… »: :func:`isgrid.io.cells.unescape_cell`;
    a spreadsheet keeps a typed ``'`` out of the cell's text)."""
    return unescape_cell(cell_text(v))


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
        ``added``: the row was added to the workbook (:func:`.reading.added_row`); ``present``: the
        ids on the workbook's rows of this kind (the ones gone tell which of several
        dossiers with the row's title it was)."""
        gone: Container[str] = Gone(sheet.sent, present) if sheet.sent is not None and present is not None \
            else frozenset()
        if self.lists.edited(did, title, sheet.file, sheet.sent, loc, self.diags, gone):
            return False
        if did not in self.dossiers:
            self.diags.add("unknown-dossier", Message("unknown dossier {dossier}",
                                                      dossier=Quote(did)), loc)
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
        date = excel_date(raw, self.lang)
        if date is not None:  # « 1/2 » typed, a date kept: said as the sheet shows it
            self.diags.add("value-out-of-scale",
                           date_message(crit.id, date, Message("a level of the scale")), at(),
                           hint=DATE_HINT)
            return None
        if isinstance(raw, UnitNumber):  # « 50 % » is 0.5 for the spreadsheet: no level
            self.diags.add("value-out-of-scale",
                           unit_message(crit.id, raw, Message("a level of the scale")), at(),
                           hint=UNIT_RATING_HINT)
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
                           Message("{value} is not {a}, {b} or {c}", value=Quote(text),
                                   **opinion_words(self.lang)),
                           at())
        return found

    def amount(self, raw: Any, at: Callable[[], Location]) -> str | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return ""
        date = excel_date(raw, self.lang)
        if date is not None:  # « 27/5 » typed for 27 500, a date kept
            self.diags.add("bad-amount", date_message(Message("amount"), date,
                                                      Message("an amount")), at(),
                           hint=DATE_HINT)
            return None
        if isinstance(raw, UnitNumber):  # « 50 % », « 12 000 $ »: never read as euros
            self.diags.add("bad-amount", unit_message(Message("amount"), raw,
                                                      Message("an amount in euros")), at(),
                           hint=UNIT_AMOUNT_HINT)
            return None
        parsed = parse_amount(raw, self.call.config.lang or "fr")
        num = parsed.value
        if num is None:
            self.diags.add("bad-amount", parsed.problem or Message("no amount"), at(),
                           hint=parsed.hint)
            return None
        return f"{num:.0f}" if num.is_integer() else repr(num)


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
