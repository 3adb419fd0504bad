"""What of the call's grid the jury workspace locks once jurors have scored.

A juror's draft is a value (or NE) and a comment per criterion of a dossier: what it means
depends on the criteria a juror rates, and on each criterion's scale, the values it allows
(half steps included) and whether NE is allowed.  That is what is locked
(:func:`sheet_hash`): a grid whose criteria or scales' values change under saved drafts
would make them mean something else, and the start is refused (``grid-locked``).  The
rest of the grid, its notes, provenance, sources, labels' and descriptions' wording,
weights, threshold, tie-breaks, does not change what a draft says: a new isgrid whose
shipped grid changed only there (or a ``set:`` of weights) does not stop the workspace; the
start says what changed in the server's log, and the journal's ``grid-changed`` warning
(:mod:`isgrid.call.gridstamp`) tells a séance already held that totals may differ.

The database keeps the whole grid's hash (``grid_sha256``, since the workspace's first
version), the hash of what is locked (``grid_sheet_sha256``), the grid's
``<id>@<version>`` (``grid_ref``), the hash of the grid files read
(``grid_files_sha256``: a refusal says when isgrid's own grid is what changed) and the
hash of what of the grid scores (``grid_scoring_sha256``, :mod:`isgrid.grid.scoring`).  A
grid that still scores as the recorded one (the same scoring hash; for a database made
before it was kept, the one isgrid's table of its shipped grids gives of the whole hash:
:func:`isgrid.grid.scoring.scores_as`) changed only its wording: the start goes on and
says nothing but the new hashes.  A database made before the sheet's hash knows only the
whole hash: when the grid scores otherwise, the drafts themselves are checked against the
new grid (each criterion still there, each value still allowed): valid, the start goes on.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..errors import CallError, Diagnostic, Location, Message
from ..grid.load import CALL_VERSION, canonical_json, shipped_dir, split_ref, version_found
from ..grid.scales import allowed_values, parse_value
from ..grid.scoring import scores_as
from .db import Rating, Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..call.model import Call
    from ..grid.model import Grid

log = logging.getLogger("isgrid.workspace")


def sheet_content(grid: Grid) -> dict[str, object]:
    """What a juror's draft depends on: each criterion (by id), who rates it and its scale's
    allowed values and NE."""
    out: dict[str, object] = {}
    for c in grid.criteria():
        sc = grid.scales[c.scale]
        out[c.id] = {"eliminatory": c.eliminatory, "rated_by": c.rated_by,
                     "values": allowed_values(sc), "na": sc.na}
    return out


def sheet_hash(grid: Grid) -> str:
    return hashlib.sha256(canonical_json(sheet_content(grid))).hexdigest()


def lock_grid(s: Session, call: Call, folder: Path) -> None:
    """Record the call's grid, or refuse (``grid-locked``) a grid whose criteria or values
    changed under saved ratings (see the module docstring)."""
    grid = call.grid.grid
    now = {"grid_sha256": call.grid.sha256, "grid_sheet_sha256": sheet_hash(grid),
           "grid_ref": grid.ref, "grid_files_sha256": _files_hash(call),
           "grid_scoring_sha256": call.grid.scoring_sha256}
    had = {k: (row.value if (row := s.get(Setting, k)) is not None else None) for k in now}
    if had == now:
        return
    scored = s.scalars(select(Rating.juror_id).limit(1)).first() is not None
    then_ref = had["grid_ref"] or "?"
    if scored and had["grid_sha256"] is not None and not scores_as(
            call.grid, had["grid_sha256"], had["grid_scoring_sha256"],
            split_ref(then_ref)[0] if had["grid_ref"] else None):
        if had["grid_sheet_sha256"] is None:  # a database older than this lock
            bad = _invalid(s, grid)
            if bad:
                raise _locked(call, folder, then_ref, now["grid_ref"], bad, True)
        elif had["grid_sheet_sha256"] != now["grid_sheet_sha256"]:
            raise _locked(call, folder, then_ref, now["grid_ref"], [],
                          had["grid_files_sha256"] != now["grid_files_sha256"])
        # (a database of an isgrid before grid_ref: « ? » said nothing to the operator;
        # the same grid files read by another isgrid: no one changed the grid, review ops20)
        before = had["grid_ref"] or "as an earlier isgrid recorded it"
        same_files = had["grid_files_sha256"] == now["grid_files_sha256"]
        log.warning("the call's grid %s since jurors started scoring (%s, now %s), but "
                    "not its criteria nor their values: the drafts mean what they meant; the "
                    "workspace goes on",
                    "reads differently with this isgrid (its files did not change)"
                    if same_files else "changed", before, now["grid_ref"])
    for key, value in now.items():
        s.merge(Setting(key=key, value=value))


def _invalid(s: Session, grid: Grid) -> list[str]:
    """The saved ratings the grid no longer reads (« AL16-02 ALS-2 = 2,5 »), the first few."""
    criteria = {c.id: c for c in grid.criteria()}
    out = []
    for r in s.scalars(select(Rating).where(Rating.value != "")):
        c = criteria.get(r.criterion)
        if c is None or parse_value(r.value, grid.scales[c.scale], c.scale,
                                    "en").error:
            out.append(f"{r.dossier} {r.criterion} = {r.value}")
            if len(out) == 3:
                break
    return out


def _files_hash(call: Call) -> str:
    """The sha256 of the grid files the call's grid was read from (its own, its parents')."""
    h = hashlib.sha256()
    for path in call.grid.paths:
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"-")
    return h.hexdigest()


def _locked(call: Call, folder: Path, then: str, now: str, bad: list[str],
            files_changed: bool) -> CallError:
    """``grid-locked``; its hint says isgrid's own grid changed when one of the grid
    files read is isgrid's and changed (``files_changed``), not the call's ``set:``."""
    shipped = files_changed and any(_inside(p, shipped_dir()) for p in call.grid.paths)
    gid = call.grid.grid.id
    pin = then.removesuffix(CALL_VERSION)  # (the call's ``set:`` applies to it again)
    if shipped and version_found(pin, folder):  # this isgrid still has it: pin it
        return _locked_error(folder, then, now, bad, Message(
            "isgrid's own grid {grid} changed with this version of isgrid, which still has "
            "the version the jurors started with: to keep their drafts, name it in "
            "call.yaml (grid: {ref}) and start again. To score with the new grid, tell the "
            "jurors and start a new workspace database (--db).", grid=gid, ref=pin))
    hint = (Message("isgrid's own grid {grid} changed with this version of isgrid. To keep "
                    "the jurors' drafts, keep scoring with the grid they started with: go "
                    "back to the previous isgrid, or copy that version's grid file "
                    "(grids/{grid}.yaml of the previous isgrid) into the call folder and "
                    "name it in call.yaml (grid: ./{grid}.yaml). To score with the new grid, "
                    "tell the jurors and start a new workspace database (--db).", grid=gid)
            if shipped else None)  # the code's: put the criteria and scales back
    return _locked_error(folder, then, now, bad, hint)


def _locked_error(folder: Path, then: str, now: str, bad: list[str], hint: Message | None
                  ) -> CallError:
    message = (Message("the call's grid changed since jurors started scoring in the "
                       "workspace: its criteria or their values are not those of {then} "
                       "(now {now}); saved ratings it no longer reads: {ratings}",
                       then=then, now=now, ratings=", ".join(bad)) if bad else
               Message("the call's grid changed since jurors started scoring in the "
                       "workspace: its criteria or their values are not those of {then} "
                       "(now {now})", then=then, now=now))
    return CallError("the grid is locked", [Diagnostic(
        "grid-locked", message, Location(str(folder / "call.yaml")), hint=hint)])


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
