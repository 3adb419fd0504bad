"""A juror's déports in the jury workspace: declared from a dossier's page, lifted by the
secretariat, written to ``conflicts/<juror>.csv``.

:class:`Deports` is the part of :class:`~isgrid.workspace.store.Workspace` that declares
and lifts them (the workspace is a :class:`Deports`, itself an
:class:`~isgrid.workspace.access.Access`); who then sees which dossier is the
workspace's (:meth:`~isgrid.workspace.store.Workspace.dossiers_of`), and what a déport
does to the scores is :mod:`isgrid.call.deports`' rule.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..call.decided_changes import LIFT, RECUSAL, Words, has_decisions
from ..call.deports import declared_places as declared_places
from ..call.model import Call
from ..io.cells import csv_writer
from ..io.folder import CONFLICTS_DIR, RATINGS_DIR
from ..io.text import without_controls
from ..io.write import escape_row
from .access import SECRETARY, Access, ChangesDecided, NotYours, Refused
from .db import Deport, Juror, Setting

log = logging.getLogger("isgrid.workspace")

#: A déport where the call's files declare it: (juror, dossier, file, line).
Place = tuple[str, str, str, int | None]

#: The setting listing the database's déports that mirror a déport the call's files
#: declare (call.yaml's ``conflicts``, another juror's conflicts/ file): [[juror, dossier]…].
#: Never written to conflicts/<juror>.csv; lifted where they are declared.
MIRRORED = "mirrored_deports"
#: Who lifts a mirrored déport in the audit log: the call's files (said « isgrid »).
FILES = "isgrid"
#: The refusals of a lift that was not checked (:class:`~.export.Busy`,
#: :class:`~.export.LockRefused`): the call folder busy, or its lock refused; kept out of the
#: audit log (nothing of the lift was decided).
UNCHECKED = frozenset({"busy", "lock-refused"})

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..errors import Diagnostic


class Deported(NotYours):
    """A juror's own dossier they are deported from since ``at``: told so, not logged.
    ``declared``: the call's files declare it (:data:`MIRRORED`: the secretariat's, copied
    into the database at the workspace's start; ``at`` is then that start, not when the
    déport was declared, and the juror never recorded it: review rev-dpo 12)."""

    def __init__(self, did: str, at: float, declared: bool = False) -> None:
        super().__init__(did)
        self.at = at
        self.declared = declared


class Deports(Access):
    """Declaring and lifting déports (see the module docstring)."""

    if TYPE_CHECKING:  # the workspace's own, in store.py
        def check_dossier(self, aid: str, did: str, s: Session | None = None) -> None: ...
        def _writable(self, s: Session, aid: str) -> Juror: ...
        def export(self, aid: str) -> list[Path]: ...
        def pending(self, s: Session, j: Juror) -> None: ...
        @contextlib.contextmanager
        def deciding(self) -> Iterator[None]: ...
        def decided_of(self, files: list[tuple[Path, bytes]],
                       words: Words = ...) -> list[Diagnostic]: ...
        def gate_decided(self, s: Session, aid: str, found: list[Diagnostic],
                         used: bool = True, forced: bool = False,
                         act: str = ...) -> dict[str, Any]: ...
        def changes_said(self, found: list[Diagnostic], lang: str) -> list[str]: ...
        def refused_decided(self, aid: str, found: list[Diagnostic],
                            action: str = "submit-refused", target: str = "") -> None: ...
        folder: Path
        call: Call

    def deport(self, aid: str, did: str, reason: str) -> None:
        """Declare a conflict of interest: recorded, the dossier hidden, written at once
        to ``conflicts/<juror>.csv``.  What the juror wrote on it stays in their sheet and
        never counts (the rule of :mod:`isgrid.call.deports`).  After the séance's vote
        (a sheet reopened), refused as a submission is when leaving out the ratings of the
        juror's last submission changes what was decided, unless the secretariat allowed
        it (:mod:`.decided`: :class:`~.decided.ChangesDecided`, the dossier kept)."""
        reason = without_controls(reason)
        with self.tx() as s:  # refused first: a dossier not theirs is never scored
            self.check_dossier(aid, did, s)
            self._writable(s, aid)
        with self.deciding():
            found = self._deport_changes(aid, did, reason.strip())
            try:
                with self.tx() as s:
                    self.check_dossier(aid, did, s)
                    j = self._writable(s, aid)  # not after the deadline, nor once submitted
                    more = self.gate_decided(s, aid, found, used=False, act="the recusal")
                    s.add(Deport(juror_id=aid, dossier=did, reason=reason.strip(),
                                 at=self.clock()))
                    j.version += 1
                    self._audit(s, aid, "deport", did, None, {"reason": reason.strip(), **more})
                    self.pending(s, j)  # cleared by the write (.export)
            except ChangesDecided as exc:
                self.refused_decided(aid, exc.found, "deport-refused", did)
                raise
            self.export(aid)

    def _deport_changes(self, aid: str, did: str, reason: str | None) -> list[Diagnostic]:
        """What ``conflicts/<juror>.csv`` with the déport of ``did`` (``reason``; None: that
        déport lifted) would change in what the séance decided (none before the vote:
        :meth:`~.decided.Decided.decided_of`)."""
        if not has_decisions(self.folder):
            return []
        with self.tx() as s:
            mirrored = mirrored_of(s.get(Setting, MIRRORED))
            rows = [dp for dp in s.scalars(select(Deport).where(Deport.juror_id == aid))
                    if (aid, dp.dossier) not in mirrored and dp.dossier != did]
            s.expunge_all()
        if reason is not None:
            rows.append(Deport(juror_id=aid, dossier=did, reason=reason))
        return self.decided_of([(self.folder / CONFLICTS_DIR / f"{aid}.csv",
                                 conflicts_csv(self.call, aid, rows))],
                               RECUSAL if reason is not None else LIFT)

    def lift_deport(self, aid: str, did: str, actor: str = SECRETARY,
                    change_decided: bool = False) -> None:
        """The secretariat lifts a déport: the dossier back in the juror's list with what they
        had typed, conflicts/<juror>.csv rewritten (not one call.yaml declares: ``declared``).
        Not while the sheet is submitted (``lift-submitted``): the ratings typed under the déport
        would count unconfirmed. Reopened, the file keeps the déport until the juror submits.
        Written at once (no sheet of the juror's in ratings/) after the vote, checked as a
        déport is (:class:`~.decided.ChangesDecided` unless allowed: ratings kept elsewhere
        would count again).  ``change_decided``: lifted all the same, the secretariat
        having confirmed it on the page that named the changes (its juror may have no
        submission to allow: their ratings are in another file); the changes go to the
        audit log with the lift.  A lift refused is in the audit log too (:meth:`_refused_lift`),
        but not one left unchecked, the call folder busy or its lock refused (nothing of it
        was decided: the server's log says it)."""
        try:
            self._lift(aid, did, actor, change_decided)
        except Refused as exc:
            if exc.key not in UNCHECKED:
                self._refused_lift(actor, aid, did, exc)
            raise

    def _lift(self, aid: str, did: str, actor: str, change_decided: bool) -> None:
        """:meth:`lift_deport`, its refusals raised, not recorded."""
        if (aid, did) in declared_deports(self.folder):
            raise Refused("declared")
        with self.deciding():
            write = not (self.folder / RATINGS_DIR / f"{aid}.csv").exists()
            found = self._deport_changes(aid, did, None) if write else []
            with self.tx() as s:
                j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
                row = s.get(Deport, (aid, did))
                if row is None:
                    raise Refused("not-deported")
                if j.status == "submitted":
                    raise Refused("lift-submitted")
                more = self.gate_decided(s, aid, found, used=False, forced=change_decided,
                                         act="the lift of the recusal")
                s.delete(row)
                j.version += 1
                self._audit(s, actor, "lift-deport", did, {"juror": aid, "reason": row.reason},
                            {"juror": aid, **more})
                if write:  # else: at submission
                    self.pending(s, j)  # cleared by the write (.export)
            if write:
                self.export(aid)

    def _refused_lift(self, actor: str, aid: str, did: str, exc: Refused) -> None:
        """A lift refused, in the audit log as the lift itself would be (``actor``, the
        dossier its target, the juror in its after): why (``refused``: the refusal's key),
        and of one that would change what the séance decided, the changes by language."""
        after: dict[str, Any] = {"juror": aid, "refused": exc.key}
        if isinstance(exc, ChangesDecided):
            after["change_decided"] = {lang: self.changes_said(exc.found, lang)
                                       for lang in ("fr", "en")}
        log.warning("the lift of juror %r's recusal from %r is refused: %s", aid, did, exc.key)
        with self.tx() as s:
            self._audit(s, actor, "lift-refused", did, None, after)

    def follow_declared(self, places: list[Place] | None = None) -> set[str]:
        """The database's déports made to follow the call's files (one place a déport):
        a déport of the database that the files declare is marked as theirs (:data:`MIRRORED`:
        the workspace copies call.yaml's into its database at its first start, to hide those
        dossiers; a database from before this rule copied them into conflicts/<juror>.csv
        too), and one marked so that the files no longer declare was lifted there (a line
        removed from call.yaml): out of the database too, the dossier back in the juror's
        list.  Returns the jurors whose conflicts/<juror>.csv must be written again: those
        with a lifted déport, and those whose file still holds a copy of a déport the
        files declare elsewhere (:meth:`export` writes only the workspace's own).
        ``places``: :func:`~isgrid.call.deports.declared_places`, read here if not given."""
        if places is None:
            places = list(declared_places(self.folder))
        declared = set(declared_where(places))
        own = {(a, d) for a, d, file, _line in places
               if file != "call.yaml" and a == Path(file).stem}
        rewrite: set[str] = set()
        with self.tx() as s:
            setting = s.get(Setting, MIRRORED)
            mirrored = mirrored_of(setting)
            before = set(mirrored)
            for dp in list(s.scalars(select(Deport))):
                pair = (dp.juror_id, dp.dossier)
                if pair in declared:
                    mirrored.add(pair)
                    if pair in own:  # a copy in the juror's own file: out of it
                        rewrite.add(dp.juror_id)
                elif pair in mirrored:  # lifted where it was declared
                    mirrored.discard(pair)
                    s.delete(dp)
                    j = s.get(Juror, dp.juror_id)
                    if j is not None:
                        j.version += 1
                        self.pending(s, j)  # cleared by the write (.export)
                    self._audit(s, FILES, "lift-deport", dp.dossier,
                                {"juror": dp.juror_id, "reason": dp.reason},
                                {"juror": dp.juror_id})
                    rewrite.add(dp.juror_id)
            if mirrored != before or setting is None:
                value = json.dumps(sorted([a, d] for a, d in mirrored), ensure_ascii=False)
                if setting is None:
                    s.add(Setting(key=MIRRORED, value=value))
                else:
                    setting.value = value
        return rewrite


def mirrored_of(setting: Setting | None) -> set[tuple[str, str]]:
    """(juror, dossier) of the database's déports that the call's files declare."""
    if setting is None or not setting.value:
        return set()
    return {(str(a), str(d)) for a, d in json.loads(setting.value)}


def conflicts_csv(call: Call, aid: str, deports: list[Deport]) -> bytes:
    """``conflicts/<juror>.csv``: assessor,dossier,reason, in the call's dossier order; a
    reason a spreadsheet would run as a formula escaped (:func:`isgrid.io.cells.escape_cell`),
    read back as typed by the call's loader."""
    order = {d.id: i for i, d in enumerate(call.dossiers)}
    buf = io.StringIO(newline="")
    # a reason holding a lone \r (a crafted form) quoted too: written bare, its row split
    # in two when read back and the call no longer loaded (io.cells.csv_writer)
    w = csv_writer(buf, lineterminator="\n")
    w.writerow(["assessor", "dossier", "reason"])
    for d in sorted(deports, key=lambda d: order.get(d.dossier, len(order))):
        w.writerow(escape_row([aid, d.dossier, d.reason]))
    return buf.getvalue().encode("utf-8")


def declared_where(places: list[Place]) -> dict[tuple[str, str], tuple[str, int | None]]:
    """(juror, dossier) -> (file, line) of each déport the workspace did not write
    (:func:`declared_deports`), from the call's ``places``
    (:func:`~isgrid.call.deports.declared_places`): where the secretariat lifts it
    (call.yaml, line 12; conflicts/j3.csv, line 2)."""
    out: dict[tuple[str, str], tuple[str, int | None]] = {}
    for a, d, file, line in places:
        if file == "call.yaml" or (d and a != Path(file).stem):
            out.setdefault((a, d), (file, line))
    return out


def declared_deports(folder: Path) -> set[tuple[str, str]]:
    """(juror, dossier) of the déports the workspace did not write and cannot lift: those
    of call.yaml's ``conflicts`` and the rows of a conflicts/*.csv file naming another
    juror than the file's (the workspace writes conflicts/<juror>.csv from its database);
    read by the one reader of the declared déports (:func:`isgrid.call.deports.declared_places`)."""
    return {(a, d) for a, d, file, _line in declared_places(folder)
            if file == "call.yaml" or (d and a != Path(file).stem)}
