"""The jury workspace of one call: jurors, their sheets, déports, sign-in, the audit log.

Everything a juror or the secretariat does goes through :class:`Workspace`;
the web pages (:mod:`isgrid.workspace.app`) only translate HTTP into these
calls.  The rules are the call's own: who rates which dossier comes from
:func:`isgrid.jury.common.dossiers_of` (call.yaml's ``dossiers`` lists, then
``assignments.csv``), which criteria from :func:`~isgrid.jury.common.criteria_for`,
which values from the grid's scales (:func:`isgrid.grid.scales.parse_value`).

**One source of truth.**  Drafts live in the database.  A *submitted* sheet is
written at every submission, with the juror's déports and all or nothing (one
:func:`~isgrid.io.write.write_files`: :mod:`.export`), to the call's CSV contracts:
``ratings/<juror>.csv`` (with its ``shareable`` column when the juror ticked « à
transmettre au porteur » under a comment) and ``opinions/<juror>.csv`` (the very
files ``isgrid sheets import`` writes, by the same functions), and every déport at once to ``conflicts/<juror>.csv``
(read by :func:`isgrid.load_call` beside call.yaml's ``conflicts``).  ``isgrid
score`` reads those files and nothing else: no rating is scored twice, and the
dashboard's disagreements are the engine's own ``disagreement`` flags.

Sign-in, sessions, the audit trail, the transactions and the refusals (:class:`Refused`,
:class:`NotYours`) are in :mod:`.access` (:class:`Workspace` is an
:class:`~isgrid.workspace.access.Access`); declaring and lifting a déport, the
:class:`Deported` refusal and ``conflicts/<juror>.csv`` in :mod:`.deports` (it is a
:class:`~isgrid.workspace.deports.Deports`); the secretariat's dashboard, and the call
reloaded when the workspace wrote its files, in :mod:`.dashboard` (a
:class:`~isgrid.workspace.dashboard.Dashboard`); writing the call's files, and a write that
failed (:class:`Unwritten`), in :mod:`.export` (an :class:`~isgrid.workspace.export.Exports`);
at start, the sheet files the database does not know (a backup restored) taken back, in
:mod:`.takeback` (a :class:`~isgrid.workspace.takeback.TakeBack`);
what a dossier's page reads of the juror's sheet and of their peers' in :mod:`.sheetpage`
(a :class:`~isgrid.workspace.sheetpage.SheetReads`); the invitations' mail merge in
:mod:`.files`.
``Refused``, ``NotYours``, ``Deported``, ``Unwritten`` and ``Entry`` are importable from here.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..call.load import load_call
from ..call.missing import scored_online
from ..call.model import Assessor, Call
from ..errors import CallError, Collector, Diagnostic, Location, Message
from ..grid.model import Criterion, Scale
from ..grid.scales import allowed_values, parse_value
from ..io.folder import RATINGS_DIR
from ..io.numbers import parse_amount
from ..jury.common import OPINIONS, criteria_for, dossiers_of, parse_opinion, read_assignments
from ..jury.opinions import load_opinions
from ..jury.sheets import uses_money
from ..messages import plain_number
from .access import SECRETARY, Access
from .access import NotYours as NotYours  # the pages and the tests find them here
from .access import Refused as Refused
from .dashboard import Dashboard, Loaded
from .db import Deport, Juror, Opinion, Rating, Setting, database_url, open_database
from .decided import ChangesDecided as ChangesDecided
from .decided import Decided
from .deports import MIRRORED, Deports, Place, mirrored_of
from .deports import Deported as Deported
from .draft import Entry as Entry
from .draft import (
    Problem,
    Saved,
    bases_of,
    comment_limit,
    merge,
    sent_fields,
    stored_fields,
    write,
)
from .edition import check as check_edition
from .edition import members_of
from .export import Held as Held
from .export import Unwritten as Unwritten
from .export import fingerprint, value_text
from .gridlock import lock_grid
from .purged import Purged, purge_of, record_database
from .sheetpage import PeerSheet as PeerSheet
from .sheetpage import SheetPage as SheetPage
from .sheetpage import SheetReads
from .takeback import TakeBack

log = logging.getLogger("isgrid.workspace")

class Workspace(SheetReads, Dashboard, Deports, TakeBack, Decided, Access):
    """One call's jury workspace over one database."""

    def __init__(self, folder: Path | str, db: str | None = None, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        online = scored_online(self.folder)
        self.call: Call = load_call(self.folder)
        #: The jurors the workspace serves: the call's declared jurés (instructors rate
        #: eligibility in their own files).
        self.members = members_of(self.call)
        if not self.members:
            raise CallError("the call declares no assessors", [
                _diag("no-assessors", Message(
                    "the call declares no jurors (assessors with role juré); the workspace "
                    "cannot tell who scores what"), self.folder / "call.yaml")])
        self.clock = clock
        self.url = database_url(self.folder, db)
        self.engine: Engine = open_database(self.url)
        try:  # another edition's database (a folder copied), another person's sheet
            with self.tx() as s:
                check_edition(s, self.call, self.members, self.folder, self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        record_database(self.folder, self.engine.url)  # where, for the purge (.purged)
        if not online and scored_online(self.folder):
            # the first start: the call was read before the workspace recorded its database,
            # so its warnings told the secretariat to send workbooks (review rev-dpo 11)
            self.call = load_call(self.folder)
        self.grid = self.call.grid.grid
        self.criteria = {c.id: c for c in self.grid.criteria()}
        self.dossiers = {d.id: d for d in self.call.dossiers}
        #: dossier -> its place in the call's order (the order every list is shown in)
        self._rank = {did: k for k, did in enumerate(self.dossiers)}
        diags = Collector()
        self.assignments = read_assignments(self.call, diags)
        diags.raise_if_errors(CallError, "assignments.csv has errors")
        self.money = uses_money(self.call)
        #: the call's language, which decides an amount's ambiguous « 15,000 »
        self.lang = "en" if self.call.config.lang == "en" else "fr"
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._assigned: dict[str, tuple[list[str], frozenset[str]]] = {}
        self._loaded: Loaded | None = None  # the call as last reloaded (.dashboard)
        self._progress: dict[str, tuple[int, dict[str, tuple[int, int]]]] = {}
        self._generation = 0
        self._seed()
        self.sweep_expired()  # expired sessions and links: at every opening (.access)
        self.take_back()  # sheet files the database does not know (.takeback)
        self.follow_files()
        if self.write_pending()[0]:  # files a process that died never wrote (.export)
            # the call as they are now: its warnings (ratings-missing) checked after the
            # write, not before (the secretariat was told to chase ratings just written)
            self.call = load_call(self.folder)

    def follow_files(self, places: list[Place] | None = None) -> None:
        """The database's déports made to follow the call's files
        (:meth:`~isgrid.workspace.deports.Deports.follow_declared`), and the conflicts files
        of the jurors concerned written again (a write that fails is recorded, shown to the
        secretariat: :mod:`.export`); ``places`` as for ``follow_declared``."""
        for aid in sorted(self.follow_declared(places)):
            with contextlib.suppress(Unwritten, Held, Purged):
                self.export(aid)

    # ------------------------------------------------------------ set-up
    def _diag_location(self) -> Path:
        return self.folder / "call.yaml"

    def _seed(self) -> None:
        """Jurors not in the database yet start from what the call folder holds."""
        table = self.call.table
        by_juror: dict[str, list[int]] = {}
        for k, ai in enumerate(table.assessor.tolist()):
            by_juror.setdefault(table.assessor_ids[ai], []).append(k)
        now = self.clock()
        opinions: dict[str, dict[str, tuple[str, str, str]]] | None = None
        with self.tx() as s:
            if s.get(Setting, "scoring") is None:
                s.add(Setting(key="scoring", value="open"))
                s.add(Setting(key="deadline", value=""))
            self._lock_grid(s)
            known = set(s.scalars(select(Juror.id)))
            for a in self.members:
                if a.id in known:
                    continue
                rows = by_juror.get(a.id, [])
                own = (self.folder / RATINGS_DIR / f"{a.id}.csv").resolve()
                files = {Path(table.files[table.file[k]]).resolve() for k in rows}
                status = "open"
                if files - {own}:
                    status = "external"  # kept in another file: not the workspace's
                elif rows:
                    status = "submitted"
                s.add(Juror(id=a.id, name=a.name or "", status=status,
                            submitted_at=now if status == "submitted" else None, version=0,
                            written="" if status == "external"
                            else fingerprint(self.folder, a.id)))
                s.flush()
                if status != "external":
                    for k in rows:
                        s.add(Rating(
                            juror_id=a.id, dossier=table.dossier_ids[table.dossier[k]],
                            criterion=table.criterion_ids[table.criterion[k]],
                            value=value_text(None if table.value[k] != table.value[k]
                                             else float(table.value[k]), bool(table.na[k])),
                            comment=table.comment[k] or "", shareable=bool(table.shareable[k]),
                            updated_at=now))
                    if opinions is None:
                        opinions = self._opinions_files()
                    for did, (op, amount, comment) in opinions.get(a.id, {}).items():
                        s.add(Opinion(juror_id=a.id, dossier=did, opinion=op, amount=amount,
                                      comment=comment, updated_at=now))
                for cf in self.call.config.conflicts:
                    if cf.assessor == a.id:
                        s.add(Deport(juror_id=a.id, dossier=cf.dossier, reason=cf.reason or "",
                                     at=now))
                self._audit(s, SECRETARY, "seed", a.id, None, {"status": status,
                                                               "ratings": len(rows)})

    def _lock_grid(self, s: Session) -> None:
        """The grid's criteria and values are locked once a juror has saved anything
        (:mod:`.gridlock`: not its notes, wording or weights)."""
        lock_grid(s, self.call, self.folder)

    def _opinions_files(self) -> dict[str, dict[str, tuple[str, str, str]]]:
        """juror -> dossier -> (opinion, amount, comment) of the call's opinions/*.csv."""
        out: dict[str, dict[str, tuple[str, str, str]]] = {}
        for found in load_opinions(self.call).by_dossier.values():
            for o in found:
                amount = "" if o.amount is None else plain_number(o.amount)
                out.setdefault(o.assessor, {})[o.dossier] = (o.opinion or "", amount,
                                                             o.comment or "")
        return out

    def _lock(self, aid: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault(aid, threading.Lock())

    # ------------------------------------------------------------ who sees what
    def assessor(self, aid: str) -> Assessor:
        return self.call.assessors[aid]

    def criteria_of(self, aid: str) -> list[Criterion]:
        return criteria_for(self.call, self.assessor(aid))

    def assigned(self, aid: str) -> tuple[list[str], frozenset[str]]:
        """The dossiers given to the juror, déports of the call folder included, in call
        order and as a set: read once (the call and its assignments are the workspace's
        for its life), not at every request: looking a dossier up among the call's
        20,000 made every save and page grow with the call."""
        with self._locks_lock:
            found = self._assigned.get(aid)
        if found is None:
            keep, deported = dossiers_of(self.call, self.assessor(aid), self.assignments)
            ids = set(keep) | set(deported)
            found = ([d.id for d in self.call.dossiers if d.id in ids], frozenset(ids))
            with self._locks_lock:
                self._assigned[aid] = found
        return found

    def _gone(self, aid: str, s: Session) -> set[str]:
        """The dossiers the juror is deported from in the database."""
        return set(s.scalars(select(Deport.dossier).where(Deport.juror_id == aid)))

    def dossiers_of(self, aid: str, s: Session | None = None) -> tuple[list[str], list[str]]:
        """(dossiers the juror scores, dossiers they are deported from), in call order."""
        order, _ = self.assigned(aid)
        if s is None:
            with self.tx() as s2:
                gone = self._gone(aid, s2)
        else:
            gone = self._gone(aid, s)
        # the déports in call order, by their place in it: walking the call's 20,000
        # dossiers for them made every page of a juror with a déport grow with the call
        return ([d for d in order if d not in gone],
                sorted((d for d in gone if d in self._rank), key=self._rank.__getitem__))

    def check_dossier(self, aid: str, did: str, s: Session | None = None) -> None:
        """Raise :class:`NotYours` (and log it) unless the juror scores ``did``: one of
        their dossiers (:meth:`assigned`) they are not deported from."""
        if s is None:
            with self.tx() as s2:
                return self.check_dossier(aid, did, s2)
        dp = s.get(Deport, (aid, did))
        if dp is not None:
            raise Deported(did, dp.at, (aid, did) in mirrored_of(s.get(Setting, MIRRORED)))
        if did not in self.assigned(aid)[1]:
            log.warning("refused: juror %r asked for dossier %r, which is not theirs", aid, did)
            raise NotYours(did)

    # ------------------------------------------------------------ scoring state
    def state(self, s: Session | None = None) -> tuple[bool, float | None]:
        """(scoring open?, deadline) — closed once the deadline has passed."""
        if s is None:
            with self.tx() as s2:
                return self.state(s2)
        open_ = (s.get(Setting, "scoring") or Setting(value="open")).value == "open"
        raw = (s.get(Setting, "deadline") or Setting(value="")).value
        deadline = float(raw) if raw else None
        if self.passed(deadline):
            open_ = False
        return open_, deadline

    def passed(self, deadline: float | None) -> bool:
        """The deadline has passed: scoring is closed (a deadline typed in the past closes
        it at once, refused when the secretariat opens scoring with it)."""
        return deadline is not None and self.clock() >= deadline

    def set_scoring(self, open_: bool, deadline: float | None, actor: str = SECRETARY) -> None:
        with self.tx() as s:
            before = {k: (s.get(Setting, k) or Setting(value="")).value
                      for k in ("scoring", "deadline")}
            after = {"scoring": "open" if open_ else "closed",
                     "deadline": "" if deadline is None else repr(deadline)}
            for k, v in after.items():
                s.merge(Setting(key=k, value=v))
            self._audit(s, actor, "scoring", "", before, after)

    def juror(self, aid: str) -> Juror:
        with self.tx() as s:
            j = s.get(Juror, aid)
            if j is None:
                raise NotYours(aid)
            return j

    def _writable(self, s: Session, aid: str) -> Juror:
        """The juror's row, locked for this transaction, if their sheet may change now."""
        j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
        if j.status == "external":
            raise Refused("external")
        if j.status == "submitted":
            raise Refused("submitted")
        if not self.state(s)[0]:
            raise Refused("closed")
        if purge_of(self.folder) is not None:
            raise Purged
        return j

    def check_entry(self, aid: str, entry: Entry) -> tuple[dict[str, str], dict[str, Problem]]:
        """(normalised values by criterion, problems by field) of what a juror typed: each
        problem a text of the page's language, with what to type instead."""
        allowed = {c.id: c for c in self.criteria_of(aid)}
        problems: dict[str, Problem] = {}
        out: dict[str, str] = {}
        for cid in set(entry.values) | set(entry.comments) | entry.shared:
            if cid not in allowed:
                log.warning("refused: juror %r sent criterion %r, which is not theirs", aid, cid)
                raise NotYours(cid)
        for cid, raw in entry.values.items():
            # in the call's language: an English call's juror may type « yes », « N.A. »
            parsed = parse_value(raw, self.grid.scales[sid := allowed[cid].scale], sid,
                                 self.lang)
            if parsed.error:
                problems[cid] = Problem("problem.value", raw, tuple(
                    v for v, _, _ in self.choices(allowed[cid])))
            else:
                out[cid] = value_text(parsed.value, parsed.na)
        if entry.opinion and parse_opinion(entry.opinion) is None:
            problems["opinion"] = Problem("problem.opinion", entry.opinion, OPINIONS)
        if entry.amount.strip() and _amount(entry.amount, self.lang) is None:
            problems["amount"] = Problem("problem.amount", entry.amount)
        # a comment longer than the form lets type (sent otherwise): said at its field
        limit = comment_limit(len(allowed) + 1)
        for field, text in [*entry.comments.items(), ("opinion", entry.comment)]:
            if len(text) > limit and field not in problems:
                problems[field] = Problem("problem.comment_long", str(len(text)), (str(limit),))
        return out, problems

    def save(self, aid: str, did: str, entry: Entry) -> Saved:
        """Save a draft of one dossier from a page: the fields it changed since its bases
        (:mod:`.draft`'s rule); nothing saved if the entry has problems."""
        values, problems = self.check_entry(aid, entry)
        if problems:
            return Saved(problems)
        now = self.clock()
        num = _amount(entry.amount, self.lang)
        crits = [c.id for c in self.criteria_of(aid)]
        opinion = (parse_opinion(entry.opinion) or "") if entry.opinion else ""
        sent = sent_fields(entry, crits, values, opinion,
                           "" if num is None else plain_number(num))
        with self.tx() as s:
            self.check_dossier(aid, did, s)  # first: a refusal's page shows the dossier
            j = self._writable(s, aid)
            stored, rows, op = stored_fields(s, aid, did, crits)
            merged = merge(stored, sent, entry.base)
            before, after = write(s, aid, did, crits, merged.fields, rows, op, now)
            if after:
                j.version += 1
                self._audit(s, aid, "draft", did, before, after)
        if merged.conflicts:
            log.info("juror %r: %s of %s changed elsewhere, not saved", aid,
                     ", ".join(merged.conflicts), did)
        return Saved({}, merged.conflicts, merged.bases, merged.theirs)

    def stored(self, aid: str, did: str) -> dict[str, str]:
        """Every field of the juror's draft of ``did`` as it is stored now (:mod:`.draft`)."""
        with self.tx() as s:
            self.check_dossier(aid, did, s)
            return stored_fields(s, aid, did, [c.id for c in self.criteria_of(aid)])[0]

    def bases(self, aid: str, did: str) -> dict[str, str]:
        """The bases of a page showing the juror's draft of ``did`` as it is now."""
        return bases_of(self.stored(aid, did))

    def check_writable(self, aid: str) -> None:
        """Raise :class:`Refused` unless the juror's sheet may change now (:meth:`_writable`)."""
        with self.tx() as s:
            self._writable(s, aid)

    def progress(self, aid: str, s: Session | None = None) -> dict[str, tuple[int, int]]:
        """dossier -> (criteria given a value or NE, criteria to rate)."""
        if s is None:
            with self.tx() as s2:
                return self.progress(aid, s2)
        visible, _ = self.dossiers_of(aid, s)
        crits = {c.id for c in self.criteria_of(aid)}
        done: dict[str, int] = {}
        for did, n in s.execute(
                select(Rating.dossier, func.count()).where(
                    Rating.juror_id == aid, Rating.value != "",
                    Rating.criterion.in_(crits)).group_by(Rating.dossier)):
            done[did] = int(n)
        return {d: (done.get(d, 0), len(crits)) for d in visible}

    def submit(self, aid: str) -> None:
        """Submit the juror's sheet: it becomes their ratings in the call folder (committed
        in the database first; :class:`Unwritten` when the files cannot be written).  After
        the séance's vote, refused when it changes what was decided and the secretariat
        did not allow it (:class:`~.decided.ChangesDecided`: the sheet stays open)."""
        self.check_writable(aid)  # refused first: a submitted sheet is never scored
        with self.deciding():
            while True:
                version, found = self.submission_changes(aid)  # (.decided)
                try:
                    with self.tx() as s:
                        j = self._writable(s, aid)
                        if version is not None and j.version != version:
                            continue  # a save since the check: checked again
                        more = self.gate_decided(s, aid, found)
                        j.status = "submitted"
                        j.submitted_at = self.clock()
                        j.version += 1
                        prog = self.progress(aid, s)
                        self._audit(s, aid, "submit", aid, {"status": "open"},
                                    {"status": "submitted", "missing": sorted(
                                        d for d, (n, m) in prog.items() if n < m), **more})
                        self.pending(s, j)  # cleared by the write (.export)
                except ChangesDecided as exc:
                    self.refused_decided(aid, exc.found)
                    raise
                break
            self.export(aid)

    def reopen(self, aid: str, actor: str = SECRETARY, change_decided: bool = False) -> None:
        """The secretariat reopens a juror's sheet (their last submission stays in the call
        folder until they submit again); ``change_decided``: their next submission may
        change what the séance decided (:mod:`.decided`), given to a sheet open already."""
        with self.tx() as s:
            j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
            if change_decided and j.status == "open":
                self.allow_decided(s, aid, True)
                self._audit(s, actor, "allow-decided", aid, None, {"change_decided": True})
                return
            if j.status != "submitted":
                raise Refused("not-submitted")
            j.status = "open"
            j.version += 1
            self._audit(s, actor, "reopen", aid, {"status": "submitted"}, {
                "status": "open", **({"change_decided": True} if change_decided else {})})
            if change_decided:
                self.allow_decided(s, aid, True)

    # ------------------------------------------------------------ the form
    def scale(self, c: Criterion) -> Scale:
        return self.grid.scales[c.scale]

    def choices(self, c: Criterion) -> list[tuple[str, str, str]]:
        """(value text, label, description) of every value a juror may give ``c``."""
        sc = self.scale(c)
        labels = {float(lv.value): lv for lv in sc.levels}
        out = []
        for v in allowed_values(sc):
            lv = labels.get(float(v))
            out.append((value_text(v, False), lv.label if lv else "",
                        (lv.description or "") if lv else ""))
        if sc.na:
            out.append(("NE", "", ""))
        return out


def _amount(text: str, lang: str = "fr") -> float | None:
    """An amount in euros as typed (``20 000 €``, ``12500,50``), or None: the project's one
    reader of amounts (:func:`isgrid.io.numbers.parse_amount`: no exponent, « 1e6 », no
    negative, no ambiguous « 15,000 » in a French call)."""
    return parse_amount(text, lang).value if text.strip() else None


def _diag(code: str, message: Message, where: Path) -> Any:
    return Diagnostic(code, message, Location(str(where)))
