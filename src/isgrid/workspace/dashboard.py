"""The secretariat's dashboard of the jury workspace: each juror's progress, the déports,
the disagreements, over the call folder as it is now.

:class:`Dashboard` is the part of :class:`~isgrid.workspace.store.Workspace` that reads
the call folder again (the workspace is a :class:`Dashboard`, itself an
:class:`~isgrid.workspace.access.Access`).  The call is reloaded when its files changed,
that is when the workspace wrote them (:meth:`~isgrid.workspace.store.Workspace.export`
raises its generation): then it is scored again (:meth:`Dashboard.result`) and the
déports its files declare read again (:meth:`Dashboard.declared`), once per reload
(:class:`Loaded`), not at every dashboard.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..call.decided_changes import has_decisions
from ..call.load import load_call
from ..engine.dossiers import made_now
from ..engine.pipeline import score
from ..engine.result import Result
from ..errors import IsgridError
from ..io.collector import freeze_long_lived
from ..io.folder import settled_fingerprint
from ..messages import plain_number
from . import deports
from .access import Access
from .db import Deport, Juror, Setting
from .decided import ALLOWED, allowed_of
from .deports import Place, declared_where
from .export import unwritten_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..call.model import Assessor, Call, Dossier


@dataclass(frozen=True)
class Loaded:
    """What one reload of the call folder read: the engine's result (None, and why, when
    the call cannot be scored) and the déports its files declare
    (:func:`~isgrid.workspace.deports.declared_deports`), at the workspace's
    ``generation``."""

    generation: int
    result: Result | None
    why: str
    #: (juror, dossier) -> (file, line) where each is declared, and lifted
    declared: Mapping[tuple[str, str], tuple[str, int | None]]
    #: dossier -> how many jurors' sheets in ratings/ rate it (a value or NE, not under a
    #: déport): what ``isgrid score`` counts, a reopened sheet's last submission included
    counted: dict[str, int] = field(default_factory=dict)
    #: the call as loaded (None when it cannot be): the « before » of a submission checked
    #: after the vote (.decided), with ``result``, neither made again
    call: Call | None = None
    #: the folder's fingerprint taken before it was loaded
    #: (:func:`~isgrid.io.folder.settled_fingerprint`; None: a file had just changed): the
    #: call is still the folder's while the fingerprint is the same
    fingerprint: str | None = None


class Dashboard(Access):
    """The call reloaded once per change of its files, and the dashboard (see the module
    docstring)."""

    if TYPE_CHECKING:  # the workspace's own, in store.py
        members: list[Assessor]
        dossiers: dict[str, Dossier]
        _generation: int
        _loaded: Loaded | None
        _progress: dict[str, tuple[int, dict[str, tuple[int, int]]]]
        _locks_lock: threading.Lock

        def progress(self, aid: str, s: Session | None = None
                     ) -> dict[str, tuple[int, int]]: ...
        def state(self, s: Session | None = None) -> tuple[bool, float | None]: ...
        def follow_files(self, places: list[Place] | None = None) -> None: ...

    def loaded(self, settled: bool = False) -> Loaded:
        """The call folder as the workspace last wrote it: reloaded (scored, its declared
        déports read) only when an export changed it since; ``settled``: and when any file
        of the folder changed since (another command: a vote recorded, a ``sheets
        import``), or may have (a file had just changed when it was loaded)."""
        found = self._loaded
        if found is not None and found.generation == self._generation and (
                not settled or (found.fingerprint is not None
                                and settled_fingerprint(self.folder) == found.fingerprint)):
            return found
        # call.yaml's déports as they are now: one lifted there leaves the database too
        places = list(deports.declared_places(self.folder))
        self.follow_files(places)
        gen = self._generation
        counted: dict[str, int] = {}
        # kept for the check of a submission once the journal holds decisions (.decided);
        # before, only the result is kept (a national call's columns: about 80 MB more)
        keep = has_decisions(self.folder)
        fingerprint = settled_fingerprint(self.folder) if keep else None
        call: Call | None = None
        try:
            call = load_call(self.folder)
            counted = sheets_counted(call, {a.id for a in self.members})
            res: Result | None = score(call)
            why = ""
        except IsgridError as exc:
            res, why = None, str(exc)
        # the result it replaces is freed here
        self._loaded = found = Loaded(gen, res, why, declared_where(places), counted,
                                      call if res is not None and keep else None,
                                      fingerprint)
        # kept until the next re-score, read by every dashboard: out of the collector's
        # scans, which made each dashboard cost the call's size times the page's (its
        # dossiers' records made first, to be frozen with it)
        if res is not None:
            made_now(res.dossiers)
        freeze_long_lived()
        return found

    def result(self) -> tuple[Result | None, str]:
        """The engine's result on the call folder as it is now (:meth:`loaded`), or None
        and why the call cannot be scored."""
        found = self.loaded()
        return found.result, found.why

    def declared(self) -> Mapping[tuple[str, str], tuple[str, int | None]]:
        """(juror, dossier) of the déports the call's files declare and the workspace
        cannot lift (:func:`~isgrid.workspace.deports.declared_deports`), read at the
        call's reload (:meth:`loaded`): the dashboard read call.yaml and every
        conflicts/*.csv at each load."""
        return self.loaded().declared

    def _progress_at(self, aid: str, version: int, s: Session) -> dict[str, tuple[int, int]]:
        """:meth:`progress` of the juror whose sheet is at ``version`` (``Juror.version``:
        every change to a sheet, its déports or its status raises it), counted again only
        when it changed: the dashboard counted every juror's ratings at every reload, a
        submitted sheet's too (150,000 rows a juror at 20,000 dossiers)."""
        with self._locks_lock:
            found = self._progress.get(aid)
        if found is not None and found[0] == version:
            return found[1]
        prog = self.progress(aid, s)
        with self._locks_lock:
            self._progress[aid] = (version, prog)
        return prog

    def dashboard(self) -> dict[str, Any]:
        """Progress per juror and per dossier, déports, missing ratings, disagreements."""
        jurors = []
        loaded = self.loaded()
        # « Grilles soumises »: the files' count (what isgrid score reads), not the
        # database's statuses: a reopened sheet's last submission counts until the next
        # one, a sheet without a rating of the dossier does not
        per_dossier: dict[str, dict[str, Any]] = {
            d: {"id": d, "title": self.dossiers[d].title, "assigned": 0, "complete": 0,
                "submitted": loaded.counted.get(d, 0), "deports": []} for d in self.dossiers}
        revoked = self.revoked_jurors()  # left with no valid link (.access)
        with self.tx() as s:
            rows = {j.id: j for j in s.scalars(select(Juror))}
            allowed = allowed_of(s.get(Setting, ALLOWED))  # (.decided)
            deports = list(s.scalars(select(Deport).order_by(Deport.juror_id, Deport.dossier)))
            for a in self.members:
                j = rows.get(a.id)
                if j is None:
                    continue
                prog = self._progress_at(a.id, j.version, s)
                # a set: looked up for each of the juror's dossiers (a list made the
                # dashboard quadratic in a juror's dossiers: 10 s at 20,000 dossiers)
                complete = {d for d, (n, m) in prog.items() if n >= m}
                for d in prog:
                    per_dossier[d]["assigned"] += 1
                    if d in complete:
                        per_dossier[d]["complete"] += 1
                jurors.append({"id": a.id, "name": a.name or "", "status": status_of(j),
                               "dossiers": len(prog), "complete": len(complete),
                               "missing": [d for d in prog if d not in complete],
                               "submitted_at": j.submitted_at,
                               "revoked_at": revoked.get(a.id),
                               # why their files are not in the call folder (.export)
                               "unwritten": unwritten_of(j.unwritten),
                               # may change what the séance decided (.decided)
                               "change_decided": a.id in allowed})
        for dp in deports:
            if dp.dossier in per_dossier:
                per_dossier[dp.dossier]["deports"].append(dp.juror_id)
        # each dossier's disagreements: (criterion, the consensus that settles it or None),
        # the consensus whatever its source (call.yaml, isgrid consensus set): the engine's
        # cell keeps it beside the aggregate; the flag (the ratings' spread) stays
        disagreements: dict[str, list[tuple[str, str | None]]] = {}
        if loaded.result is not None:
            for dr in loaded.result.dossiers:
                found = [f.split(":", 1)[1] for f in dr.flags if f.startswith("disagreement:")]
                if found:
                    disagreements[dr.id] = [(cid, _settled(dr.criteria.get(cid)))
                                            for cid in found]
        open_, deadline = self.state()
        return {"jurors": jurors, "dossiers": list(per_dossier.values()),
                "deports": [(d.juror_id, d.dossier, d.reason) for d in deports],
                "declared": loaded.declared,  # not lifted here
                "disagreements": disagreements, "scoring_open": open_, "deadline": deadline,
                "result_problem": loaded.why,
                # the journal holds decisions: reopening a sheet risks them (.decided)
                "decided": has_decisions(self.folder),
                # the sheets taken back from the call's files at start (.takeback)
                "taken_back": getattr(self, "taken_back", [])}


def _settled(cell: Any) -> str | None:
    """The consensus value of a criterion's cell as the ratings file writes it (``3``,
    ``2.5``), None when none settles it."""
    value = getattr(cell, "consensus", None) if cell is not None else None
    return None if value is None else plain_number(value)


def status_of(j: Juror) -> str:
    """A juror's sheet as the pages say it: ``open``, ``submitted``, ``external``, or
    ``reopened`` (open again after a submission, which still counts in the call's files
    until the juror submits again: :meth:`~isgrid.workspace.store.Workspace.reopen`)."""
    if j.status == "open" and j.submitted_at is not None:
        return "reopened"
    return j.status


def sheets_counted(call: Any, members: set[str]) -> dict[str, int]:
    """dossier -> how many of ``members``' sheets in the call's files rate it (a value or
    NE on one criterion at least), leaving out a sheet's rows under a déport: those
    ``isgrid score`` counts (the engine's rule of a rating given and counted:
    :func:`isgrid.engine.aggregate.rating_counts`)."""
    import numpy as np

    from ..call.deports import conflict_pairs, conflicted_rows

    t = call.table
    if t.assessor is None or not len(t.assessor):
        return {}
    keep = np.array([a in members for a in t.assessor_ids], dtype=bool)
    counted = (np.asarray(t.given_mask(), dtype=bool)
               & ~conflicted_rows(t, conflict_pairs(t, call.config.conflicts))
               & keep[t.assessor])
    width = len(t.dossier_ids)
    pairs = np.unique(t.assessor[counted].astype(np.int64) * width + t.dossier[counted])
    per_dossier = np.bincount(pairs % width, minlength=width)
    return {t.dossier_ids[di]: int(per_dossier[di]) for di in np.flatnonzero(per_dossier)}
