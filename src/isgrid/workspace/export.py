"""The jury workspace's writes to the call folder: a juror's submitted sheet
(``ratings/<juror>.csv``, ``opinions/<juror>.csv``) and déports (``conflicts/<juror>.csv``),
all or nothing.

:class:`Exports` is the part of :class:`~isgrid.workspace.store.Workspace` that writes
them.  The database is the source of truth and is committed first (a submission, a
déport, a lift); then the juror's files that change with it are written in **one**
:func:`isgrid.io.write.write_files`: its pending record and the folder's write lock
(:mod:`isgrid.io.writelock`), which a command loading the call meanwhile (``isgrid
watch``, ``isgrid score``) waits for, so that it reads the juror's files all as before or
all as after, never one new and another old.  Nothing is written to disk while a database
transaction is open: no other juror's save waits on the disk.

A request thread waits :data:`WAIT_SECONDS` at most for the folder's write lock (a ``sheets
import`` may hold it for minutes: the server's threads are never held that long), then says
who holds it and « try again » (:class:`Held`: HTTP 503, the page's button writes them).

A write that fails (the system refuses it: the files are all as before; another command
held the folder longer than the wait) leaves the database as committed: the
juror's ``unwritten`` field records why, the request that caused it is told
(:class:`Unwritten`), and the secretariat's dashboard shows it, with a button that
writes the juror's files again (:meth:`Exports.export`), as the juror's next submission
or déport does.  A write that succeeds clears it.

A process that dies between the two (a ``kill -9``, an out-of-memory kill, a restart of
the service while it writes) raises nothing: so every change that is to be written marks
the juror's files **pending** (:meth:`Exports.pending`) in the transaction that commits
it, and the write that follows clears the mark.  A mark still there at start is a write
that never happened: the workspace writes those jurors' files again then
(:meth:`Exports.write_pending`; one that fails again is shown to the secretariat, with its
button, as any other).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..errors import IsgridError
from ..io.folder import CONFLICTS_DIR, OPINIONS_DIR, RATINGS_DIR
from ..io.refusal import Holder, WriteInProgress, holder_of, refused
from ..io.write import PENDING, write_files, writing
from ..jury.importer import JurorSheet, dated_copy_name, opinions_csv, ratings_csv
from ..messages import plain_number, translate_message
from .access import Access, Refused
from .db import Deport, Juror, Opinion, Rating, Setting
from .deports import MIRRORED, conflicts_csv, mirrored_of
from .purged import Purged, purge_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..call.model import Dossier
    from ..grid.model import Criterion

log = logging.getLogger("isgrid.workspace")

#: Who the audit log names for the workspace's own writes to the call folder.
WRITER = "isgrid"
#: The command that runs the workspace, as the pending record of its writes names it: a
#: command waiting for such a write says « l'espace des jurés, isgrid jury serve » (the
#: record said « isgrid »: a request thread has no command line of its own).
COMMAND = "isgrid jury serve"
#: What ``juror.unwritten`` says between a change's commit and its files' write (« pending »:
#: :meth:`Exports.pending`); still there at start, the process died before the write.
PENDING_WHY = {
    "fr": "l'écriture de ses fichiers a été interrompue (le serveur s'est arrêté avant de "
          "les écrire ?)",
    "en": "the write of their files was interrupted (did the server stop before writing "
          "them?)",
}
#: How long a request waits for another command's hold of the call folder before it is told
#: who holds it and to try again (the commands wait :data:`isgrid.io.writelock.WAIT_SECONDS`).
WAIT_SECONDS = 2.0
#: How long a submission, a déport or a lift after the séance's vote waits for another
#: command's hold of the call folder before its check (:meth:`.decided.Decided.deciding`):
#: nothing is recorded yet, so it may wait longer than a write, then :class:`Busy`.
CHECK_WAIT_SECONDS = 10.0


class Unwritten(Exception):
    """The juror's change is in the database, but their files in the call folder could not
    be written (they are as before): ``why``, by language (``fr``, ``en``)."""

    def __init__(self, aid: str, why: dict[str, str]) -> None:
        super().__init__(why["en"])
        self.aid = aid
        self.why = why


class Held(Unwritten):
    """:class:`Unwritten` because another command holds the call folder (a ``sheets
    import``) longer than :data:`WAIT_SECONDS`: ``holder``, who, by language (« isgrid
    sheets import, pid 4242 »; '' when its lock file names no one).  Nothing is lost: the
    database holds the change, and writing the juror's files again later writes it."""

    def __init__(self, aid: str, why: dict[str, str], holder: dict[str, str]) -> None:
        super().__init__(aid, why)
        self.holder = holder


class Busy(Refused):
    """A submission, a déport or a lift after the séance's vote neither checked nor recorded:
    another command (a ``sheets import``) held the call folder longer than
    :data:`CHECK_WAIT_SECONDS`, and what it would change in what was decided can only be
    checked against the folder as no one writes it (:meth:`.decided.Decided.deciding`).
    ``holder``: who, by language (« isgrid sheets import, pid 4242 »; '' unknown)."""

    def __init__(self, holder: dict[str, str]) -> None:
        super().__init__("busy")
        self.holder = holder


class LockRefused(Refused):
    """A submission, a déport or a lift after the séance's vote neither checked nor recorded:
    the system refused the call folder's write lock, which its check needs
    (:meth:`.decided.Decided.deciding`), not another command holding it (that is
    :class:`Busy`): its file cannot be opened (a call folder the server may not write to,
    ``.isgrid-write.lock`` made a folder), or the record of an interrupted write cannot be
    finished.  ``why``: what the system said, by language, at its file named from the call
    folder (as :class:`Unwritten`'s).  Waiting does not help: the server must be given the
    folder (the page says so), and keeps serving meanwhile."""

    def __init__(self, why: dict[str, str]) -> None:
        super().__init__("lock-refused")
        self.why = why


class Exports(Access):
    """Writing a juror's files to the call folder (see the module docstring)."""

    if TYPE_CHECKING:  # the workspace's own, in store.py
        dossiers: dict[str, Dossier]
        criteria: dict[str, Criterion]
        _generation: int

        def _lock(self, aid: str) -> threading.Lock: ...

    def export(self, aid: str) -> list[Path]:
        """Write the juror's submitted sheet and déports to the call's CSV files, those
        that changed in one :func:`~isgrid.io.write.write_files`; the files the juror
        has in the call folder.  Raises :class:`Unwritten` when the write fails.

        Under a per-juror lock and from the database's latest state, so two requests
        of one juror never leave an older sheet on disk.
        """
        with self._lock(aid):
            files, unwritten, known = self._files(aid)
            # a sheet's file that is not what the workspace last wrote (imported, edited,
            # written after the backup this database was restored from) is never replaced
            # unkept: its dated copy in ratings/replaced/ (as sheets import --replace)
            changed = [(path, data, _keep(path, known)) for path, data in files
                       if not _holds(path, data)]
            try:
                if changed:
                    # under the folder's write lock, which a purge holds while it writes:
                    # a call purged meanwhile gets nothing back (.purged)
                    with writing(self.folder, command=COMMAND, by="jury-workspace",
                                 wait=WAIT_SECONDS):
                        if purge_of(self.folder) is not None:
                            log.error("the call was purged: the files of juror %r are not "
                                      "written", aid)
                            raise Purged
                        kept = write_files(self.folder, changed, command=COMMAND,
                                           by="jury-workspace", wait=WAIT_SECONDS)
            except (IsgridError, OSError) as exc:
                why = self._why(exc)
                log.error("the call's files of juror %r are not written: %s", aid, why["en"])
                self._record(aid, why)
                if isinstance(exc, WriteInProgress):
                    raise Held(aid, why, holder_words(exc.holder)) from None
                raise Unwritten(aid, why) from None
            finally:  # (a write stopped after its commit is finished by the next load)
                self._generation += 1
            if unwritten:
                self._record(aid, None, unwritten)
            sheet = {path.parent.name: data for path, data in files
                     if path.parent.name in (RATINGS_DIR, OPINIONS_DIR)}
            if RATINGS_DIR in sheet:  # submitted: what its files hold now, as written
                self._written(aid, fingerprint_of(sheet[RATINGS_DIR], sheet.get(OPINIONS_DIR)),
                              [kept.get(k, k) for _, _, k in changed if k is not None]
                              if changed else [])
        return [path for path, _ in files]

    def holder(self) -> dict[str, str]:
        """Who holds the call folder's write lock now, by language (« isgrid sheets import,
        pid 4242 »; '' when no one does, or its lock file names no one)."""
        return holder_words(holder_of(self.folder, self.folder / PENDING))

    def pending(self, s: Session, j: Juror) -> None:
        """The juror's files marked as to be written (``juror.unwritten``), in the
        transaction ``s`` that commits the change they follow; the write clears it (only
        this mark: a change committed meanwhile marks them anew)."""
        j.unwritten = json.dumps({"at": self.clock(), "pending": uuid.uuid4().hex,
                                  **PENDING_WHY}, ensure_ascii=False)

    def write_pending(self) -> tuple[list[str], list[str]]:
        """At start: the files of every juror whose last write never happened (the process
        died first) or failed, written again; the jurors whose files were written, and
        those whose files are still not written (shown to the secretariat,
        :mod:`.dashboard`)."""
        with self.tx() as s:
            left = sorted(j.id for j in s.scalars(select(Juror).where(Juror.unwritten != "")))
        written, failed = [], []
        for aid in left:
            log.warning("juror %r: the files of their last change are not written: "
                        "written again", aid)
            try:
                self.export(aid)
            except (Unwritten, Purged):  # recorded, and said by the dashboard
                failed.append(aid)
            else:
                written.append(aid)
        return written, failed

    def _files(self, aid: str, submitting: bool = False
               ) -> tuple[list[tuple[Path, bytes]], str, str]:
        """The juror's files as the database holds them now (``submitting``: as their
        submission would write them, their sheet open or not), why their last write
        failed or that it is pending ('' neither: ``juror.unwritten``), and the
        fingerprint of their sheet's files as the workspace last wrote them
        (``juror.written``)."""
        with self.tx() as s:
            j = s.get(Juror, aid)
            assert j is not None
            # the workspace's own: not a copy of a déport the call's files declare
            # (.deports.follow_declared), which is lifted where it is declared
            mirrored = mirrored_of(s.get(Setting, MIRRORED))
            deports = [dp for dp in s.scalars(select(Deport).where(Deport.juror_id == aid))
                       if (aid, dp.dossier) not in mirrored]
            submitted, unwritten = j.status == "submitted" or submitting, j.unwritten
            sheet = self._sheet(s, aid) if submitted else JurorSheet("workspace", aid)
            known = j.written
        files: list[tuple[Path, bytes]] = self._sheet_files(aid, sheet) if submitted else []
        cpath = self.folder / CONFLICTS_DIR / f"{aid}.csv"
        if deports or cpath.exists():
            files.append((cpath, conflicts_csv(self.call, aid, deports)))
        return files, unwritten, known

    def _sheet(self, s: Session, aid: str) -> JurorSheet:
        """The juror's sheet as the database holds it (whatever its status)."""
        sheet = JurorSheet("workspace", aid)
        for r in s.scalars(select(Rating).where(Rating.juror_id == aid)):
            if (r.value or r.comment) and r.dossier in self.dossiers \
                    and r.criterion in self.criteria:
                sheet.ratings[(r.dossier, r.criterion)] = (r.value, r.comment)
                if r.shareable:  # ratings_csv writes it only with a comment
                    sheet.shared.add((r.dossier, r.criterion))
        for o in s.scalars(select(Opinion).where(Opinion.juror_id == aid)):
            if (o.opinion or o.amount or o.comment) and o.dossier in self.dossiers:
                sheet.opinions[o.dossier] = (o.opinion, o.amount, o.comment)
        return sheet

    def _sheet_files(self, aid: str, sheet: JurorSheet) -> list[tuple[Path, bytes]]:
        """``ratings/<juror>.csv`` and (with an opinion, or when it exists)
        ``opinions/<juror>.csv`` of ``sheet``."""
        files = [(self.folder / RATINGS_DIR / f"{aid}.csv", ratings_csv(self.call, sheet))]
        opath = self.folder / OPINIONS_DIR / f"{aid}.csv"
        if sheet.opinions or opath.exists():
            files.append((opath, opinions_csv(self.call, sheet)))
        return files

    def _written(self, aid: str, fingerprint: str, kept: list[Path]) -> None:
        """``juror.written`` set to ``fingerprint``; the dated copies kept, in the audit
        log and the server's log."""
        for path in kept:
            log.warning("juror %r: the previous file, not what the workspace last wrote, "
                        "is kept as %s", aid, path.relative_to(self.folder))
        try:
            with self.tx() as s:
                j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
                j.written = fingerprint
                if kept:
                    self._audit(s, WRITER, "kept", aid, None,
                                {"kept": [str(p.relative_to(self.folder)) for p in kept]})
        except Exception:
            log.exception("the state of juror %r's files could not be recorded", aid)

    def _record(self, aid: str, why: dict[str, str] | None, read: str = "") -> None:
        """The juror's ``unwritten`` set to ``why`` (None: cleared, if it is still ``read``,
        what the write started from), in the audit log too (not a pending mark's clearing);
        a database that refuses it is logged (the request says the failure anyway)."""
        try:
            with self.tx() as s:
                j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
                if why is None and j.unwritten != read:  # a change committed since: its
                    return                              # own write clears it
                before = j.unwritten or None
                if why is None and "pending" in (unwritten_of(before or "") or {}):
                    j.unwritten = ""
                    return
                j.unwritten = "" if why is None else json.dumps(
                    {"at": self.clock(), **why}, ensure_ascii=False)
                self._audit(s, WRITER, "unwritten" if why else "written", aid,
                            None if before is None else json.loads(before), why)
        except Exception:
            log.exception("the state of juror %r's files could not be recorded", aid)

    def _why(self, exc: IsgridError | OSError) -> dict[str, str]:
        """What went wrong, in French and English, each problem at its file (named from
        the call folder)."""
        if isinstance(exc, OSError):
            exc = refused(exc, Path(exc.filename) if isinstance(exc.filename, str)
                          else self.folder)
        out = {}
        for lang in ("fr", "en"):
            said = []
            for d in exc.diagnostics:
                where = d.location.file or ""
                if where and os.path.isabs(where):
                    rel = os.path.relpath(where, self.folder)
                    where = where if rel.startswith("..") else "" if rel == "." else rel
                text = translate_message(d.message, lang)
                colon, semicolon = (" : ", " ; ") if lang == "fr" else (": ", "; ")
                said.append(f"{where}{colon}{text}" if where else text)
            # (the no-break spaces where it is shown: texts.page_words)
            out[lang] = semicolon.join(said) or str(exc)
        return out


def unwritten_of(raw: str) -> dict[str, Any] | None:
    """The recorded failure of a juror's last write (``at``, ``fr``, ``en``), or None."""
    if not raw:
        return None
    try:
        found = json.loads(raw)
    except ValueError:
        found = None
    return found if isinstance(found, dict) else {"at": None, "fr": raw, "en": raw}


def holder_words(holder: Holder | None) -> dict[str, str]:
    """Who holds the call folder, by language (« isgrid sheets import, pid 4242 »)."""
    if holder is None:
        return {"fr": "", "en": ""}
    command, pid = holder
    return {lang: f"{translate_message(command, lang)}, pid {pid}" for lang in ("fr", "en")}


def value_text(value: float | None, na: bool) -> str:
    """A rating as the ratings CSV writes it: ``3``, ``2.5``, ``NE`` or ''."""
    if na:
        return "NE"
    return "" if value is None else plain_number(value)


def fingerprint_of(ratings: bytes | None, opinions: bytes | None) -> str:
    """The sha256 of a juror's ``ratings/<juror>.csv`` and ``opinions/<juror>.csv``
    contents (None: no such file): what ``juror.written`` records."""
    h = hashlib.sha256()
    for data in (ratings, opinions):
        if data is None:
            h.update(b"-")
        else:
            h.update(b"+" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def fingerprint(folder: Path, aid: str) -> str:
    """:func:`fingerprint_of` the juror's files as they are in ``folder`` now."""
    found: list[bytes | None] = []
    for sub in (RATINGS_DIR, OPINIONS_DIR):
        try:
            found.append((folder / sub / f"{aid}.csv").read_bytes())
        except FileNotFoundError:
            found.append(None)
    return fingerprint_of(found[0], found[1])


def _keep(path: Path, known: str) -> Path | None:
    """Where the file ``path`` of a juror's sheet is kept before the workspace replaces it:
    nowhere when it is what the workspace last wrote (``known``: the fingerprint of the
    juror's sheet files, :func:`fingerprint`), or not there."""
    if path.parent.name not in (RATINGS_DIR, OPINIONS_DIR) or not path.exists():
        return None
    aid = path.stem
    if fingerprint(path.parent.parent, aid) == known:
        return None
    return dated_copy_name(path)


def _holds(path: Path, data: bytes) -> bool:
    """``path`` holds ``data`` already (not written again)."""
    try:
        return path.is_file() and path.read_bytes() == data
    except OSError:
        return False
