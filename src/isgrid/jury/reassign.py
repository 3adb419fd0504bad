"""``isgrid assign`` over a distribution the jurors already rated, or the séance used.

The record of who received which dossier is part of the procedure: the workbooks were
written from it, the ratings returned on it, the séance decided on them.  A new
distribution of a role whose jurors already returned ratings (or of a call whose journal
holds entries) says, before writing, how many returned ratings it contradicts (ratings by
a juror on a dossier the new distribution no longer gives them, recusals left out:
:func:`rated_off`) and how many journal entries were recorded on the current one, and is
refused (``assign-changes-rated``) unless ``--change-rated``; then it is written, the same
lines said as warnings.  Whenever the call's ``assignments.csv`` is rewritten, its previous
version is kept as ``replaced/assignments.<date>.csv``, the way ``sheets import
--replace`` keeps a juror's replaced ratings (:func:`isgrid.jury.importer.dated_copy_name`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..call.model import Call
from ..errors import CallError, Diagnostic, Location, Message
from ..messages import Count, Plural
from .common import conflicts_of


@dataclasses.dataclass(frozen=True)
class Rated:
    """What the jurors of a role returned, against a new distribution."""

    given: int  # ratings given (a value or NE) by the role's assessors
    off: int  # of them, on a dossier the new distribution no longer gives their juror
    by_juror: dict[str, int]  # juror -> dossiers rated that the new distribution takes away


def rated_off(call: Call, role: str, pairs: Iterable[tuple[str, str]]) -> Rated:
    """The ratings given by the assessors of ``role``, and those on a (dossier, assessor)
    not in ``pairs`` (the new distribution); a rating under a recusal is never counted
    (no distribution gives it)."""
    t = call.table
    mine = [i for i, a in enumerate(t.assessor_ids)
            if (x := call.assessors.get(a)) is not None and x.role == role]
    if not mine or len(t) == 0:
        return Rated(0, 0, {})
    mask = np.asarray(t.given_mask()) & np.isin(np.asarray(t.assessor), mine)
    given = int(np.count_nonzero(mask))
    keep = set(pairs)
    recused = {(d, a) for a, d in conflicts_of(call)}
    off = 0
    dossiers: dict[str, set[str]] = {}
    for di, ai in zip(np.asarray(t.dossier)[mask].tolist(),
                      np.asarray(t.assessor)[mask].tolist(), strict=True):
        pair = (t.dossier_ids[di], t.assessor_ids[ai])
        if pair in keep or pair in recused:
            continue
        off += 1
        dossiers.setdefault(pair[1], set()).add(pair[0])
    return Rated(given, off, {a: len(ds) for a, ds in dossiers.items()})


def _journal_entries(call: Call) -> int:
    return len(call.journal) if call.journal else 0


def _by_juror(by: dict[str, int]) -> Message:
    """« j1: 10 dossiers; j2: 9 dossiers »: the jurors by id, not in the order their
    ratings came."""
    parts = [Plural("{assessor}: {n} dossier", "{assessor}: {n} dossiers", n, assessor=a)
             for a, n in sorted(by.items())]
    out: Message = parts[0]
    for p in parts[1:]:
        out = Message("{a}; {b}", a=out, b=p)
    return out


def check_reassign(call: Call, role: str, pairs: list[tuple[str, str]], path: Path,
                   change_rated: bool, replacing: bool) -> list[Diagnostic]:
    """What writing the distribution ``pairs`` of ``role`` into the call's
    ``assignments.csv`` (``path``) contradicts: an error (``assign-changes-rated``) when
    the role's jurors returned ratings or the journal holds entries, unless
    ``change_rated``; then the warnings, said before writing.  Only when the role's rows
    are replaced (``replacing``: ``--force``) or the new rows take a rated dossier from
    its juror: a first distribution of the instructors, who rated every dossier, is no
    new distribution of what they rated."""
    rated = rated_off(call, role, pairs)
    if not replacing and not rated.off:
        return []
    entries = _journal_entries(call)
    where = Location(str(path))
    found: list[Diagnostic] = []
    if rated.off:
        found.append(Diagnostic("assign-changes-rated", Plural(
            "{n} of the {given} ratings already returned is by a juror on a dossier the "
            "new distribution no longer gives them ({jurors})",
            "{n} of the {given} ratings already returned are by jurors on dossiers the new "
            "distribution no longer gives them ({jurors})", rated.off,
            given=Count(rated.given), jurors=_by_juror(rated.by_juror)), where, "warning"))
    elif rated.given:
        found.append(Diagnostic("assign-changes-rated", Plural(
            "{n} rating already returned: the new distribution keeps every rated dossier "
            "with its juror",
            "{n} ratings already returned: the new distribution keeps every rated dossier "
            "with its juror", rated.given), where, "warning"))
    if entries:
        found.append(Diagnostic("assign-changes-rated", Plural(
            "the meeting's journal holds {n} entry recorded on the current distribution",
            "the meeting's journal holds {n} entries recorded on the current distribution",
            entries), Location(str(call.folder / "journal.jsonl")), "warning"))
    if found and not change_rated:
        raise CallError("the ratings were returned on the current distribution", [
            dataclasses.replace(d, severity="error") for d in found])
    return found

