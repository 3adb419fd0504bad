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
recording ``meeting.vote``'s own reference is ``meeting.vote``'s deliberation.  A dossier
without a vote of its own, decided by the list's adoption, is the deliberation's that
adopted the list (:attr:`isgrid.engine.result.Result.adopted`: the vote of its last
outstanding place), by the same rule.

The letters (their « Délibération » and date), the minutes' « Délibérations », the CP
annex (and the annex of one deliberation, ``--reference``: its dossiers, its date) and the
open-data export (``referenceDecision``, ``dateConvention``) read it here.

What a deliberation voted (:func:`voted_by`) is the record of that deliberation: each
grant its votes retained, as voted (the amount, the counts), whatever happened since (a
withdrawal, another deliberation's decision), which :class:`Voted` says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..call.deliberations import day, deliberation_at, deliberation_days, main_vote_of
from ..call.journal import Entry, in_effect
from ..call.meeting_models import Vote
from ..engine.decide import granted_amount
from ..engine.result import Adoption, DossierResult, Result
from ..engine.status import place_vote
from ..vocabulary import Status


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


def deliberation(d: DossierResult, vote: Vote | None, adopted: Adoption | None = None, *,
                 zone: str | None) -> Deliberation:
    """The deliberation that decided ``d``: its ``vote`` stage's; else, with ``adopted``
    (:attr:`Result.adopted`), the one that adopted the list, which decided the dossiers
    without a vote of their own; else ``meeting.vote``'s.  ``zone``: the call's time zone
    (:func:`of_vote`)."""
    voted = d.decision.stages.get("vote")
    if voted is not None:
        return of_vote(voted.reference, voted.at, vote, zone)
    if adopted is not None:
        return of_vote(adopted.reference, adopted.at, vote, zone)
    return of_vote(None, None, vote, zone)


def adopting(result: Result, vote: Vote | None) -> Deliberation | None:
    """The deliberation that adopted the list (:attr:`Result.adopted`), None until it is
    adopted: what the minutes say."""
    a = result.adopted
    return None if a is None else of_vote(a.reference, a.at, vote, zone_of(result))


def zone_of(result: Result) -> str | None:
    """The call's time zone (call.yaml's ``timezone``), as the engine read it with
    ``meeting.vote`` (:attr:`Result.main_vote`): the calendar a vote's day is on."""
    return result.main_vote.zone


def of_vote(own: str | None, at: str | None, vote: Vote | None, zone: str | None
            ) -> Deliberation:
    """The deliberation of a vote recording the reference ``own`` (None: none) and the
    ``--at`` ``at``: the rule of the module's docstring; its day on the calendar of ``zone``
    (the call's time zone: ``--at 2026-03-14T23:30Z`` is 15 March in Paris)."""
    main = main_vote_of(vote, zone)
    ref, when = deliberation_at(own, at, main)  # the one rule of a vote's day
    if ref != main.reference:
        return Deliberation(ref, when, own=True)
    if vote is None:
        return Deliberation(None, when)
    return Deliberation(ref, when, convention_date=vote.convention_date)


def change_day(change: Mapping[str, Any], vote: Vote | None, seance: str | None,
               zone: str | None) -> str | None:
    """The date of a change of the journal in the minutes' table of changes
    (:func:`change_date`, without saying whether the entry records it)."""
    return change_date(change, vote, seance, zone)[0]


def change_date(change: Mapping[str, Any], vote: Vote | None, seance: str | None,
                zone: str | None) -> tuple[str | None, str | None]:
    """The date of a change of the journal (:attr:`Result.changes`) in the minutes' table
    of changes (« Date »), the one rule, and where it comes from when the entry does not
    record it (None: its own ``at``).  An entry's ``at`` (``--at``, or a vote's date sealed
    in it) is printed as recorded.  Without one: a vote, its deliberation's day
    (``meeting.vote.date``, :func:`of_vote`; ``"deliberation"``), as the minutes'
    « Délibérations » say it; what the jury records in the séance (a consensus, a
    jury-stage decision), the séance's day (``seance``: ``meeting.date``; ``"seance"``);
    anything else (a withdrawal, a cancellation, a purge, a decision at another stage),
    nothing: the journal never says when it was recorded (review audit, finding 9: a
    withdrawal recorded after the 12 May vote was dated 4 May, the séance's day).  The
    minutes say an inferred date as such (« 4 mai 2016 (date de la séance, non
    enregistrée) »)."""
    if change.get("at"):
        if change["kind"] == "decision" and change["stage"] == "vote":
            return of_vote(change["reference"], change["at"], vote, zone).date, None
        return str(change["at"]), None
    if change["kind"] == "decision" and change["stage"] == "vote":
        day = of_vote(change["reference"], None, vote, zone).date
        return day, "deliberation" if day is not None else None
    if change["kind"] in ("consensus", "decision") and change.get("stage") == "jury" and seance:
        return seance, "seance"
    return None, None


def journal_references(entries: Iterable[Entry], vote: Vote | None) -> list[str]:
    """The deliberations a call knows: ``meeting.vote``'s reference, then each one the
    journal's votes record (``--reference``), in the journal's order, once each; what
    ``isgrid minutes --kind cp-annex --reference`` accepts."""
    refs = [vote.reference] if vote is not None and vote.reference else []
    for e in in_effect(list(entries)):  # a vote cancelled was never taken
        if e.reference is not None and e.reference not in refs:
            refs.append(e.reference)
    return refs


def deliberation_dates(result: Result, vote: Vote | None, reference: str) -> list[str]:
    """The dates of the deliberation ``reference``: the days recorded with the votes that
    it took (:func:`isgrid.call.deliberations.deliberation_days`, which the
    ``deliberation-dates`` warning reads too: each dossier's latest vote at it, its vote in
    effect or the one it gave before another deliberation decided the dossier again, dated
    by its ``--at``, else, at ``meeting.vote``'s deliberation, by ``meeting.vote.date``), in
    journal order: none, one, or several (a contradiction that warning says).
    ``meeting.vote``'s deliberation before any vote dated there: ``meeting.vote.date``."""
    main = main_vote_of(vote, zone_of(result))
    votes = [(x["dossier"], x["seq"], x["reference"], x["at"]) for x in result.decisions
             if _is_vote(x)]
    days = list(deliberation_days(votes, main).get(reference, {}))
    if not days and vote is not None and reference == vote.reference and vote.date:
        return [vote.date]
    return days


@dataclass(frozen=True, slots=True)
class Voted:
    """A grant a deliberation voted (:func:`voted_by`), as voted: ``amount`` (the vote's,
    else the amount the dossier held then: :func:`isgrid.engine.decide.granted_amount`),
    ``votes`` (``pour``, ``contre``, ``abstention``, None when not recorded), ``seq`` (its
    journal line).  ``stands``: that vote still decides the dossier; else ``withdrawn``
    (the dossier withdrew since, ``withdrawn_at`` the withdrawal's ``--at`` day, the
    call's, None when not recorded) or ``since``: the deliberation whose vote decided it since (None for a
    decision of no vote, one recorded after a withdrawal)."""

    dossier: str
    amount: float | None
    votes: Mapping[str, int] | None
    seq: int
    stands: bool
    withdrawn: bool = False
    withdrawn_at: str | None = None
    since: Deliberation | None = None


def _is_vote(x: Mapping[str, Any]) -> bool:
    return bool(x["kind"] == "decision" and x["stage"] == "vote")


def took_place(result: Result, vote: Vote | None, reference: str) -> bool:
    """True when the journal records a vote of the deliberation ``reference`` (any outcome):
    a deliberation that took place, whose annex says what it voted."""
    zone = zone_of(result)
    return any(_is_vote(x) and of_vote(x["reference"], x["at"], vote, zone).reference
               == reference for x in result.decisions)


def voted_by(result: Result, vote: Vote | None, reference: str) -> list[Voted]:
    """The grants the deliberation ``reference`` voted, in the result's order: each dossier
    whose latest vote at that deliberation (:func:`of_vote`) is « retenu », as voted, even
    when the dossier withdrew or was decided otherwise since (:class:`Voted` says it).  The
    one rule of what a deliberation voted: its annex reads it."""
    zone = zone_of(result)
    mine: dict[str, list[Mapping[str, Any]]] = {}
    for x in result.decisions:
        mine.setdefault(x["dossier"], []).append(x)
    out = []
    for d in result.dossiers:
        entries = mine.get(d.id, [])
        at_ref = [x for x in entries if _is_vote(x)
                  and of_vote(x["reference"], x["at"], vote, zone).reference == reference]
        if not at_ref or at_ref[-1]["outcome"] != Status.RETENU:
            continue
        e = at_ref[-1]
        amount = granted_amount([x for x in entries if x["seq"] < e["seq"]], e,
                                d.amounts.proposed, get=_key)
        now = next((x for x in entries if x["seq"] == d.decision.seq), None)
        stands = now is None or now["seq"] == e["seq"]
        withdrawn = not stands and d.status == Status.RETIRE
        out.append(Voted(
            d.id, amount, e["votes"], e["seq"], stands, withdrawn,
            day(now["at"], zone) if withdrawn and now is not None else None,
            of_vote(now["reference"], now["at"], vote, zone)
            if not stands and not withdrawn and now is not None and _is_vote(now) else None))
    return out


def ranking_amounts(result: Result, d: DossierResult) -> tuple[float | None, float | None]:
    """The amounts the minutes' ranking gives ``d``, proposed and granted (« Proposé »,
    « Attribué »): :attr:`DossierResult.amount_proposed` and ``.amount_granted``, but for a
    dossier that withdrew after a vote gave it its place (:func:`isgrid.engine.status.
    place_vote` before its withdrawal), what the procedure gave it, which the withdrawal
    does not blank in the record: the amount the jury proposed (its jury's « retenu »
    amount, else the rules'), and the vote's grant, as voted: the amount the annex of that
    deliberation says (:func:`voted_by`, the same reading).  A dossier that withdrew
    before any vote retained it is proposed nothing any more (both None)."""
    if d.status != Status.RETIRE:
        return d.amount_proposed, d.amount_granted
    mine = [x for x in result.decisions if x["dossier"] == d.id]
    voted = place_vote(mine, left=True, main=result.main_vote)
    if voted is None:
        return None, None
    granted = granted_amount([x for x in mine if x["seq"] < voted["seq"]], voted,
                             d.amounts.proposed, get=_key)
    jury = d.decision.stages.get("jury")
    proposed = (jury.amount if jury is not None and jury.outcome == Status.RETENU
                and jury.amount is not None else d.amounts.proposed)
    return proposed, granted


def _key(x: Mapping[str, Any], name: str) -> Any:
    return x[name]
