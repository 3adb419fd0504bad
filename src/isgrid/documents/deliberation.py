"""Which deliberation decided a dossier: the one rule every document that cites it reads.

A call's ``meeting.vote`` names one deliberation (``body``, ``date``, ``reference``,
``convention_date``).  A vote is recorded dossier by dossier, and a dossier may be voted
at another one (a dossier proposed after a withdrawal, voted at the next Commission
permanente): ``isgrid decide … --stage vote --reference CP-2016-06-02 --at 2016-06-02``
records it with the vote, and the typed result carries it
(:attr:`isgrid.engine.result.StageDecision.reference`, ``.at``).

The dossier's deliberation is its vote's when the vote records a reference other than
``meeting.vote``'s: that reference, and the vote's ``--at`` date (none when not given:
``meeting.vote``'s date is another deliberation's).  Otherwise it is ``meeting.vote``'s,
dated by the vote's ``--at`` when recorded, else by ``meeting.vote.date``.  A vote
recording ``meeting.vote``'s own reference is ``meeting.vote``'s deliberation.

The letters (their « Délibération » and date), the minutes' « Délibérations », the CP
annex (and the annex of one deliberation, ``--reference``: its dossiers, its date) and the
open-data export (``referenceDecision``, ``dateConvention``) read it here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..call.blocks import Vote
from ..call.journal import Entry
from ..engine.result import DossierResult, Result

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Deliberation:
    """A dossier's deliberation: ``reference`` and ``date`` (``YYYY-MM-DD``) may be None;
    ``own``: another deliberation than ``meeting.vote``'s (recorded with the vote);
    ``convention_date``: ``meeting.vote.convention_date`` for ``meeting.vote``'s
    deliberation, None for another one."""

    reference: str | None
    date: str | None
    own: bool = False
    convention_date: str | None = None


def _day(at: str | None) -> str | None:
    return at[:10] if at is not None and _DATE.match(at[:10]) else None


def deliberation(d: DossierResult, vote: Vote | None) -> Deliberation:
    """The deliberation that decided ``d`` (its ``vote`` stage), else ``meeting.vote``'s."""
    voted = d.decision.stages.get("vote")
    at = _day(voted.at) if voted is not None else None
    own = voted.reference if voted is not None else None
    if own is not None and (vote is None or own != vote.reference):
        return Deliberation(own, at, own=True)
    if vote is None:
        return Deliberation(None, at)
    return Deliberation(vote.reference, at or vote.date, convention_date=vote.convention_date)


def journal_references(entries: Iterable[Entry], vote: Vote | None) -> list[str]:
    """The deliberations a call knows: ``meeting.vote``'s reference, then each one the
    journal's votes record (``--reference``), in the journal's order, once each; what
    ``isgrid minutes --kind cp-annex --reference`` accepts."""
    refs = [vote.reference] if vote is not None and vote.reference else []
    for e in entries:
        if e.reference is not None and e.reference not in refs:
            refs.append(e.reference)
    return refs


def deliberation_date(result: Result, vote: Vote | None, reference: str) -> str | None:
    """The date of the deliberation ``reference``: ``meeting.vote.date`` when it is
    ``meeting.vote``'s; else the ``--at`` recorded with its votes (:func:`deliberation`),
    when they record one and the same date (none, or two different ones: no date)."""
    if vote is not None and reference == vote.reference:
        return vote.date
    dates = {c.date for d in result.dossiers if "vote" in d.decision.stages
             for c in (deliberation(d, vote),) if c.reference == reference and c.date}
    return dates.pop() if len(dates) == 1 else None
