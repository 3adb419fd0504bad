"""Whose dossiers a returned sheet may rate (``isgrid sheets import``).

A row of a juror's workbook or CSV sheet is found by its dossier id, never by its
place: rows sorted in a spreadsheet import as they were.  So an id edited in the
sheet (unprotected, or a CSV sheet) would move the row's ratings to another dossier,
one the juror was never given or is conflicted on.  The reader (:mod:`.reading`)
asks this module, for every row that holds something:

* is the dossier one of the juror's dossiers now (:func:`.common.dossiers_of`:
  call.yaml's list, else ``assignments.csv``, else every dossier; déports left out)?
  Then it is imported;
* is it a déport of the juror's, declared after the sheet was sent: a dossier the
  workbook was written with (for a sheet that records nothing, one given to the
  juror, déport aside)?  Then it is imported, and the rule of every rating under a
  déport (:mod:`isgrid.call.deports`: kept, never counted, ``conflicted-rating``) is
  the reader's to say.  A déport the workbook was not written with is the next
  case: an edited id;
* if not, was the workbook written with it (the list ``isgrid sheets`` records in
  the hidden ``_isgrid`` sheet)?  Then the assignments changed after the workbook was
  sent: the juror's work is imported, with a warning (``dossier-no-longer-assigned``)
  that says so (``--strict`` stops there);
* otherwise the row is refused (``dossier-not-assigned``), and nothing is imported;
  a déport of the juror's is refused with the déport said, and where it is declared
  (``deport-rated``); a row the reader knows was added (:func:`.reading.added_row`) is
  said added, not edited.
  A CSV sheet, or a workbook written before isgrid recorded its list, records
  nothing: a dossier outside the juror's current list is refused, the hint saying
  what to do if the assignments changed;
* and is the title written on the row the id's own?  A title that is another
  dossier's (the one of the workbook's list with that title, or of the call's when
  nothing is recorded; of several with it, the one whose row is gone from the workbook)
  means the id was edited: refused (``dossier-id-edited``), the id to put back said,
  whatever was typed in its place (an id of the call or not).
"""

from __future__ import annotations

from collections.abc import Container

from ..call.deports import Deports, declared_at
from ..call.model import Call
from ..errors import Collector, Location, Message, excerpt
from ..io.text import without_controls
from ..messages import shown_names
from .common import META_COUNT, META_IDS, assigned_to, dossiers_of, read_assignments

#: The most characters of ids in one cell of the _isgrid sheet (a cell holds 32,767).
_CELL = 32000


def meta_rows(ids: list[str]) -> list[tuple[str, str]]:
    """The rows of the _isgrid sheet that record the dossiers a workbook holds: their
    number, then their ids separated by spaces (ids have none), a cell holding at most
    32,000 characters (a cell per dossier made a national call's workbooks 40 % slower)."""
    return [(META_COUNT, str(len(ids))), *cells_of(META_IDS, ids)]


def cells_of(prefix: str, items: list[str]) -> list[tuple[str, str]]:
    """``items`` (texts without spaces) in _isgrid rows ``<prefix>1``, ``<prefix>2``…, each
    cell holding as many as fit in :data:`_CELL` characters, separated by spaces."""
    rows: list[tuple[str, str]] = []
    chunk: list[str] = []
    size = 0
    for item in items:
        if chunk and size + 1 + len(item) > _CELL:
            rows.append((f"{prefix}{len(rows) + 1}", " ".join(chunk)))
            chunk, size = [], 0
        size += len(item) + (1 if chunk else 0)
        chunk.append(item)
    if chunk:
        rows.append((f"{prefix}{len(rows) + 1}", " ".join(chunk)))
    return rows


def recorded(meta: dict[str, str]) -> frozenset[str] | None:
    """The dossiers a workbook's _isgrid sheet says it holds; None when it records none
    (a workbook of an earlier isgrid), or not as it was written (a count that does not
    match): then the juror's current dossiers decide alone."""
    count = meta.get(META_COUNT)
    if count is None:
        return None
    ids = [did for k, v in meta.items() if k.startswith(META_IDS) for did in v.split()]
    return frozenset(ids) if count == str(len(ids)) else None


def title_key(text: str) -> str:
    """A title as compared: without the ``'`` that keeps a formula-like title text, the
    control characters and the spacing a spreadsheet may change, in any case."""
    return " ".join(without_controls(text).removeprefix("'").split()).casefold()


class JurorLists:
    """The jurors' dossiers and the call's titles, each worked out once per import (a
    national call's import reads 100s of workbooks against 20,000 dossiers)."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self._assignments = read_assignments(call, Collector())  # the loader reports it
        self._current: dict[str, tuple[list[str], set[str]]] = {}
        self._assigned: dict[str, set[str]] = {}
        #: the call's déports, told once per juror and dossier for the whole import
        self.deports = Deports(call.config.conflicts)
        self._titles: dict[str, str] | None = None
        self._by_title: dict[str, dict[str, list[str]]] = {}  # file or "" -> its index
        self._told: set[tuple[str, str]] = set()  # (file, dossier) warned about
        self._told_deport: set[tuple[str, str, str]] = set()  # déport rows refused

    def current(self, aid: str) -> list[str]:
        """The dossiers ``aid`` rates now, in the call's order (recusals left out)."""
        return self._lists(aid)[0]

    def _lists(self, aid: str) -> tuple[list[str], set[str]]:
        found = self._current.get(aid)
        if found is None:
            keep, _ = dossiers_of(self.call, self.call.assessors[aid], self._assignments)
            found = self._current[aid] = (keep, set(keep))
        return found

    def allowed(self, did: str, aid: str, file: str, sent: frozenset[str] | None,
                loc: Location, diags: Collector, *, deport: bool = False,
                added: bool = False) -> bool:
        """May ``aid``'s sheet (``file``, written with ``sent``) rate ``did``, a known
        dossier (``deport``: one they are déporté from)?  If not, say why at ``loc``;
        ``added``: the row was added to the workbook, no row of it edited (the reader
        knows: :func:`.reading.added_row`)."""
        if did in self._lists(aid)[1]:
            return True
        if deport and did in (sent if sent is not None else self._given(aid)):
            return True  # a déport declared since: the caller tells the déport's rule
        if sent is not None and did in sent:
            if (file, did) not in self._told:
                self._told.add((file, did))
                diags.add("dossier-no-longer-assigned", Message(
                    "the workbook was written with {dossier}, which is no longer one of "
                    "{assessor}'s dossiers: its ratings are imported and count",
                    dossier=did, assessor=aid), loc, severity="warning",
                    hint=Message("If {assessor} is not to rate {dossier}, delete its rows "
                                 "from the workbook and import it again with --replace "
                                 "(--strict stops the import here).",
                                 assessor=aid, dossier=did))
            return True
        if deport:  # the real reason: a déport the workbook was not written with
            self._refuse_deport(did, aid, file, loc, diags, added=added)
            return False
        if added:
            diags.add("dossier-not-assigned", Message(
                "{dossier} is not one of {assessor}'s dossiers: the row was added to the "
                "workbook, not edited", dossier=did, assessor=aid), loc,
                hint=Message("Delete the row. If {assessor} is to rate {dossier}, add it to "
                             "their dossiers (call.yaml or assignments.csv) and send them a "
                             "new workbook.", assessor=aid, dossier=did))
            return False
        if sent is not None:
            held = [d.id for d in self.call.dossiers if d.id in sent]  # the workbook's order
            hint = Message("The workbook was written with {shown}: put back the row's own id "
                           "(rows may be sorted, an id must not be edited).",
                           shown=shown_names(held) or "—")
        else:
            hint = Message("{assessor}'s dossiers are {shown}: put back the row's own id. If "
                           "{assessor}'s dossiers changed after the sheet was sent, add "
                           "{dossier} back to them (call.yaml or assignments.csv) to import "
                           "it, or delete its rows.", assessor=aid, dossier=did,
                           shown=shown_names(self.current(aid)) or "—")
        diags.add("dossier-not-assigned",
                  Message("{dossier} is not one of {assessor}'s dossiers",
                          dossier=did, assessor=aid), loc, hint=hint)
        return False

    def _refuse_deport(self, did: str, aid: str, file: str, loc: Location, diags: Collector,
                       *, added: bool) -> None:
        """A row of ``did`` in ``aid``'s sheet, who is recused from it and whose workbook
        was not written with it: refused, the déport said with where it is declared (the
        first row of the dossier in the file only)."""
        if ("deport", file, did) in self._told_deport:
            return
        self._told_deport.add(("deport", file, did))
        place = declared_at(self.call.folder, aid, did) or "call.yaml"
        if added:
            message = Message("{assessor} is conflicted on {dossier} (recusal, {place}): "
                              "their ratings of it do not count, and the row was added to "
                              "the workbook, which was written without it", assessor=aid,
                              dossier=did, place=place)
            hint = Message("Delete the row (and the dossier's other rows). If the recusal is "
                           "a mistake, lift it in {place}, then import again.", place=place)
        else:
            message = Message("{assessor} is conflicted on {dossier} (recusal, {place}): "
                              "their ratings of it do not count", assessor=aid, dossier=did,
                              place=place)
            hint = Message("If the row's id was edited, put back its own id (rows may be "
                           "sorted, an id must not be edited); otherwise delete the row. If "
                           "the recusal is a mistake, lift it in {place}, then import again.",
                           place=place)
        diags.add("deport-rated", message, loc, hint=hint)

    def _given(self, aid: str) -> set[str]:
        """The dossiers given to ``aid``, déports not left out."""
        found = self._assigned.get(aid)
        if found is None:
            found = self._assigned[aid] = assigned_to(self.call, self.call.assessors[aid],
                                                      self._assignments)
        return found

    def edited(self, did: str, title: str, file: str, sent: frozenset[str] | None,
               loc: Location, diags: Collector, gone: Container[str] = frozenset()) -> bool:
        """Is the title on ``did``'s row another dossier's (its id edited)?  Then say so
        at ``loc``, whatever ``did`` is (a dossier of the call or not: « DN 201 »,
        « dn-201 »).  An empty title, or one no other dossier has (the workbook's when it
        records them), is no sign: a title changed in the call since is none either.
        Several dossiers of the workbook may share the title (three « Épicerie
        solidaire »): the one whose row of this kind is ``gone`` from the workbook (sorting
        moves rows, never drops one) is the row's own."""
        if not title:
            return False
        own = self.titles().get(did)
        if own == title or not (key := title_key(title)) or (
                own is not None and title_key(own) == key):
            return False
        owners = [d for d in self._index(file, sent).get(key, ()) if d != did]
        if len(owners) > 1:  # several have it: the one whose row went
            owners = [d for d in owners if d in gone]
        if len(owners) != 1:  # no dossier, or several, has this title: no sign
            return False
        diags.add("dossier-id-edited",
                  Message("the row names {dossier}, but its title {title} is {other}'s",
                          dossier=did, title=excerpt(title), other=owners[0]), loc,
                  hint=Message("Put back the id {other}: ids and titles move together when "
                               "rows are sorted, an id must not be edited.", other=owners[0]))
        return True

    def titles(self) -> dict[str, str]:
        """The call's dossier titles by id."""
        if self._titles is None:
            self._titles = {d.id: d.title for d in self.call.dossiers}
        return self._titles

    def _index(self, file: str, sent: frozenset[str] | None) -> dict[str, list[str]]:
        """Title (compared) -> the dossiers with it: the workbook's, or the call's."""
        key = file if sent is not None else ""
        found = self._by_title.get(key)
        if found is None:
            found = {}
            for did, title in self.titles().items():
                if sent is None or did in sent:
                    found.setdefault(title_key(title), []).append(did)
            self._by_title[key] = found
        return found
