"""At start, a juror's sheet files that are not what the database last wrote are taken back.

The database is the source of truth of drafts, the call folder of submitted sheets
(``ratings/<juror>.csv``, ``opinions/<juror>.csv``).  Each juror's row records the
fingerprint of those files as the workspace last wrote them or took them in
(``juror.written``, :func:`~isgrid.workspace.export.fingerprint`).  A start that finds
other files there (a database backup restored, older than a submission made since;
a sheet imported with ``isgrid sheets import --replace``, or edited by hand, while the
server was stopped) takes them back into the database, as the first start does: the
juror's sheet becomes what the files say, submitted, and what the database held of it,
when it differs, is kept first as a dated copy,
``ratings/replaced/<juror>.<date>.workspace.csv`` (and ``opinions/replaced/…``), which
``isgrid sheets import --replace`` can bring back.  Nothing is lost either way: the
juror's next submission no longer overwrites a sheet the database did not know.

A database made before ``juror.written`` existed knows no fingerprint: its submitted
sheets are compared with what it would write, and an open sheet with no rating at all
beside a file that holds some is taken back; any other open sheet is taken as
reopened (its last submission counts in the call folder until the next one).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from ..io.folder import RATINGS_DIR
from ..io.write import write_files
from ..jury.importer import JurorSheet, dated_copy_name
from .access import SECRETARY
from .db import Juror, Opinion, Rating
from .export import COMMAND, Exports, fingerprint, value_text

log = logging.getLogger("isgrid.workspace")

#: What a dated copy of the database's sheet adds to its name.
COPY_MARK = "workspace"


class TakeBack(Exports):
    """Taking back, at start, the sheet files the database does not know (see the module
    docstring)."""

    if TYPE_CHECKING:  # the workspace's own, in store.py
        def _opinions_files(self) -> dict[str, dict[str, tuple[str, str, str]]]: ...
        def _lock(self, aid: str) -> threading.Lock: ...

    def take_back(self) -> list[str]:
        """Take back the sheet files of every juror that are not what the database last
        wrote; the jurors whose sheet was taken back."""
        member = {a.id for a in self.members}
        #: the sheets taken back at this start, said on the dashboard: juror, name, the
        #: file, the dated copies of what the database held
        self.taken_back: list[dict[str, object]] = []
        with self.tx() as s:
            rows = [(j.id, j.status, j.written, j.submitted_at is not None)
                    for j in s.scalars(select(Juror))
                    if j.id in member and j.status in ("open", "submitted")]
        out = []
        for aid, status, known, ever in rows:
            disk = fingerprint(self.folder, aid)
            if disk == known:
                continue
            with self._lock(aid):
                if self._take(aid, status, known, disk, ever):
                    out.append(aid)
        return out

    def _take(self, aid: str, status: str, known: str, disk: str, ever: bool = True) -> bool:
        """The juror's sheet made what their files say, what the database held kept first;
        False when there is nothing to take back (the files then recorded as known).
        ``ever``: the database saw the juror submit (a reopened sheet's drafts may equal
        its last submission; a never-submitted sheet's equal to a file it did not write
        is a submission made since a restored backup: made submitted, review ops20,
        finding 8)."""
        own = self.folder / RATINGS_DIR / f"{aid}.csv"
        table = self.call.table
        rows = [k for k, ai in enumerate(table.assessor.tolist())
                if table.assessor_ids[ai] == aid]
        opinions = self._opinions_files().get(aid, {})
        with self.tx() as s:
            held = self._sheet(s, aid)
        theirs = self._file_sheet(aid, rows, opinions)
        same = (held.ratings, held.shared, held.opinions) == \
            (theirs.ratings, theirs.shared, theirs.opinions)
        # drafts equal to a submission the database never saw (a backup restored): the
        # sheet is that submission, submitted; else the same sheet, nothing to do
        submitted_since = same and status == "open" and bool(known) and not ever
        if not own.is_file() or (same and not submitted_since) or (
                not known and status == "open" and (held.ratings or held.opinions)):
            # nothing there, the same sheet, or (a database that recorded no fingerprint)
            # an open sheet beside its last submission: a reopened sheet
            self._know(aid, disk)
            return False
        if any(Path(table.files[table.file[k]]).resolve() != own.resolve() for k in rows):
            log.warning("juror %r: ratings in other files than %s: not taken back", aid,
                        own.relative_to(self.folder))
            self._know(aid, disk)
            return False
        now = self.clock()
        kept: list[str] = []
        if (held.ratings or held.opinions) and not same:
            copies = [(dated_copy_name(path, now, COPY_MARK), data, None)
                      for path, data in self._sheet_files(aid, held)
                      if path.parent.name == RATINGS_DIR or held.opinions]
            # (refused by the system: raised, the start stops and says why; the
            # database is as it was)
            write_files(self.folder, copies, command=COMMAND, by="jury-workspace")
            kept = [str(p.relative_to(self.folder)) for p, _, _ in copies]
        with self.tx() as s:
            j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
            before = {"status": j.status, "ratings": len(held.ratings)}
            s.execute(delete(Rating).where(Rating.juror_id == aid))
            s.execute(delete(Opinion).where(Opinion.juror_id == aid))
            for (did, cid), (value, comment) in theirs.ratings.items():
                s.add(Rating(juror_id=aid, dossier=did, criterion=cid, value=value,
                             comment=comment, shareable=(did, cid) in theirs.shared,
                             updated_at=now))
            for did, (op, amount, comment) in theirs.opinions.items():
                s.add(Opinion(juror_id=aid, dossier=did, opinion=op, amount=amount,
                              comment=comment, updated_at=now))
            j.status = "submitted"
            try:
                j.submitted_at = own.stat().st_mtime
            except OSError:
                j.submitted_at = now
            j.version += 1
            j.written = disk
            j.unwritten = ""
            self._audit(s, SECRETARY, "take-back", aid, before,
                        {"status": "submitted", "ratings": len(theirs.ratings),
                         "file": str(own.relative_to(self.folder)), "kept": kept})
        self.taken_back.append({"id": aid, "name": self.call.assessors[aid].name or "",
                                "file": str(own.relative_to(self.folder)),
                                "kept": ", ".join(kept)})
        log.warning("juror %r: %s is not what the workspace's database last wrote (a backup "
                    "restored? a file imported or edited?): taken back into the database%s",
                    aid, own.relative_to(self.folder),
                    f"; what the database held is kept as {', '.join(kept)}" if kept else "")
        return True

    def _file_sheet(self, aid: str, rows: list[int],
                    opinions: dict[str, tuple[str, str, str]]) -> JurorSheet:
        """The juror's sheet as the call's files hold it (``rows`` of the call's table),
        in the database's words (:meth:`_sheet`)."""
        table = self.call.table
        sheet = JurorSheet("workspace", aid)
        for k in rows:
            did = table.dossier_ids[table.dossier[k]]
            cid = table.criterion_ids[table.criterion[k]]
            value = value_text(None if table.value[k] != table.value[k]
                               else float(table.value[k]), bool(table.na[k]))
            comment = table.comment[k] or ""
            if (value or comment) and did in self.dossiers and cid in self.criteria:
                sheet.ratings[(did, cid)] = (value, comment)
                if table.shareable[k]:
                    sheet.shared.add((did, cid))
        for did, (op, amount, comment) in opinions.items():
            if (op or amount or comment) and did in self.dossiers:
                sheet.opinions[did] = (op, amount, comment)
        return sheet

    def _know(self, aid: str, disk: str) -> None:
        """The juror's files as they are now recorded as the database's."""
        with self.tx() as s:
            j = s.scalars(select(Juror).where(Juror.id == aid).with_for_update()).one()
            j.written = disk
