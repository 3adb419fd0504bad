"""The commission permanente's annex (``isgrid minutes --kind cp-annex``): its rows.

The annex is the table a deliberation adopts: holder, project, amount, rate (amount over
eligible costs) and total of the retained dossiers (the result's current selection, as
:func:`.minutes.build_minutes` gives them), and the deliberation that voted them
(:func:`.deliberation.deliberation`, the one rule).

Without a reference, every retained dossier is listed; dossiers voted at different
deliberations get a column for each one's.  With ``reference`` (``--reference REF``), the
annex is that deliberation's own, its title and its date
(:func:`.deliberation.deliberation_dates`; a deliberation whose votes record several dates
says them all).  Once it took place (the journal records a vote of it), the annex is its
record: the grants it voted, as voted (:func:`.deliberation.voted_by`), even when a dossier
withdrew or was decided otherwise since (an « Observations » column says so on its row), and
the total it voted; when some of them no longer stand, a line « dont maintenu » gives the
total of those that do.  Before, it lists the grants submitted to its vote.

When a row's vote was recorded with its counts (``isgrid decide … --stage vote --votes
10/0/1``), a « Vote (pour / contre / abstention) » column gives them (« 10 / 0 / 1 »; a
dash on a row voted without counts, or not voted): each row's ``votes`` and
``votes_text``, the context's ``votes_column``.

Once a vote is recorded, a retained dossier no vote decided (the engine's
:func:`~isgrid.engine.status.awaiting_vote`: one proposed in the place of a dossier
withdrawn or refused, one left out of the vote) is no deliberation's: it is in no
deliberation's annex, and the annex of every retained dossier marks it « à voter » in the
deliberations' column; the opening sentence says which grants were voted and which still
await the vote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..call.meeting import Meeting
from ..call.meeting_models import Attribuant, Vote
from ..engine import DossierResult, Result
from ..engine.money import held_total
from ..engine.status import awaiting_vote, vote_stands
from ..grid.facts import fact_value
from ..i18n import Translator, join_names
from .deliberation import (
    Voted,
    deliberation,
    deliberation_dates,
    took_place,
    voted_by,
    zone_of,
)
from .typography import date_words


def _cited(reference: str | None, date: str | None, lang: str) -> str:
    """A deliberation in a table cell: « CP-2016-06-02 (2 juin 2016) »; a dash for none."""
    if not reference:
        return "-"
    return f"{reference} ({date_words(date, lang)})" if date else reference


def annex_context(result: Result, meeting: Meeting, facts: Mapping[str, dict[str, Any]],
                  retained: Sequence[tuple[DossierResult, float | None]], total: float,
                  t: Translator, lang: str, reference: str | None = None) -> dict[str, Any]:
    """``rows``, ``total``, ``title``, ``intro`` (the opening sentence), ``empty`` (the text
    without rows), ``reference``, ``vote_date_words``, ``many_deliberations`` and
    ``many_text`` (the sentence over the deliberations' column), ``notes`` (True when a
    row says what happened since: its ``note``, the « Observations » column) and
    ``standing_total`` (the total of the rows that still stand, ``stands``, when some do
    not; else None) of the annex (docs/decisions.md).

    ``retained``: each retained dossier with its money (granted, else proposed);
    ``total``: theirs.  ``reference``: the annex of that deliberation only (a reference
    the caller checked, see :func:`.deliberation.journal_references`)."""
    vote = meeting.vote
    body = (vote.body if vote is not None else None) or "Commission permanente"
    if reference is not None and took_place(result, vote, reference):
        return _record(result, meeting, facts, t, lang, reference, body)
    rows: list[dict[str, Any]] = []
    for d, amount in retained:
        # voted since, no deliberation voted it yet: in no deliberation's annex
        awaiting = awaiting_vote(d.status, d.decision.stages, result.voted)
        # the deliberation that voted it: its own (a later one), else meeting.vote's
        cited = deliberation(d, vote, zone=zone_of(result))
        if reference is not None and (awaiting or cited.reference != reference):
            continue
        staged = d.decision.stages.get("vote")
        counts = (staged.votes.to_json() if staged is not None and staged.votes is not None
                  and not awaiting and vote_stands(d.status, d.decision.stages) else None)
        rows.append({**_row(d, amount, meeting, facts), **_votes(counts),
                     "awaiting": awaiting,
                     "reference": None if awaiting else cited.reference,
                     "date": None if awaiting else cited.date,
                     "deliberation": t("annex.awaiting") if awaiting
                     else _cited(cited.reference, cited.date, lang)})
    # the opening sentence: the grants the vote voted, those still submitted to it
    listed = {r["id"] for r in rows}
    voted = sum(1 for d, _amount in retained
                if d.id in listed and vote_stands(d.status, d.decision.stages))
    intro = t("annex.intro.voted" if rows and voted == len(rows) else
              "annex.intro.awaiting" if voted and any(r["awaiting"] for r in rows) else
              "annex.intro", body=body)
    if reference is not None:  # a deliberation not held yet: the grants submitted to it
        return _one(result, vote, t, lang, reference, rows, intro)
    # the deliberation the annex names: its dossiers' (all voted at a later one: that
    # one), else meeting.vote's; dossiers voted at different deliberations: a column
    # gives each one's, and no one line names a deliberation
    cited_all = {(r["reference"], r["date"]) for r in rows}
    one = next(iter(cited_all)) if len(cited_all) == 1 else None
    ref, day = one if one is not None else (
        (vote.reference, vote.date) if vote is not None else (None, None))
    many = len(cited_all) > 1
    return {"rows": rows, "total": total, "title": t("annex.title"), "reference": ref,
            "intro": intro, "empty": t("annex.empty"),
            "many_text": None if not many else t(
                "annex.ref.awaiting" if any(r["awaiting"] for r in rows) else "annex.ref.many"),
            "vote_date_words": date_words(day, lang) if day else None,
            "many_deliberations": many, "notes": False, "standing_total": None,
            "votes_column": any(r["votes"] is not None for r in rows)}


def _votes(votes: Mapping[str, int] | None) -> dict[str, Any]:
    """A row's ``votes`` (``pour``, ``contre``, ``abstention``; None when its vote was
    recorded without counts, or it has none) and ``votes_text``, the cell: « 10 / 0 / 1 »,
    a dash for none."""
    if votes is None:
        return {"votes": None, "votes_text": "-"}
    return {"votes": dict(votes),
            "votes_text": f"{votes['pour']} / {votes['contre']} / {votes['abstention']}"}


def holder_fact(attribuant: Attribuant | None) -> str:
    """The fact that names a dossier's holder in the annex: ``meeting.attribuant``'s
    ``beneficiary_name`` (the open-data export's too), else ``holder``."""
    return attribuant.beneficiary_name if attribuant is not None else "holder"


def holder_of(facts: dict[str, Any], meeting: Meeting) -> Any:
    """The holder an annex row names for a dossier of these facts (falsy: none, a dash)."""
    name_fact = holder_fact(meeting.attribuant)
    return fact_value(facts, name_fact) if name_fact else None


def _row(d: DossierResult, amount: float | None, meeting: Meeting,
         facts: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """A row's dossier, holder, project, amount and rate (amount over eligible costs);
    ``named``: False when the dossier has no holder (its cell a dash)."""
    f = facts.get(d.id, {})
    holder = holder_of(f, meeting)
    costs = f.get("eligible_costs")
    rate = (float(amount) / float(costs) if isinstance(costs, int | float) and costs
            and amount is not None else None)
    # no holder fact: a dash, never the project's title again
    return {"id": d.id, "holder": str(holder) if holder else "-", "named": bool(holder),
            "project": d.title, "amount": amount, "rate": rate}


def _one(result: Result, vote: Vote | None, t: Translator, lang: str, reference: str,
         rows: list[dict[str, Any]], intro: str, **more: Any) -> dict[str, Any]:
    """One deliberation's annex: its rows, their total, its title and its date."""
    # its date; votes recorded with different dates: those dates, said (the call's
    # loading warns, deliberation-dates), never silently none
    dates = [date_words(x, lang) for x in deliberation_dates(result, vote, reference)]
    when = dates[0] if len(dates) == 1 else t(
        "annex.dates.many", dates=join_names(dates, lang)) if dates else None
    return {"rows": rows, "total": held_total(r["amount"] for r in rows),  # exact sums
            "title": t("annex.title.ref", reference=reference), "reference": reference,
            "intro": intro, "many_text": None,
            "empty": t("annex.empty.ref", reference=reference),
            "vote_date_words": when, "many_deliberations": False,
            "notes": False, "standing_total": None,
            "votes_column": any(r["votes"] is not None for r in rows), **more}


def _since(v: Voted, t: Translator, lang: str) -> str | None:
    """What happened to a grant since its deliberation voted it: None while it stands."""
    if v.stands:
        return None
    if v.withdrawn:
        return (t("annex.since.withdrawn.at", date=date_words(v.withdrawn_at, lang))
                if v.withdrawn_at else t("annex.since.withdrawn"))
    if v.since is not None and v.since.reference:
        return t("annex.since.decided.by",
                 deliberation=_cited(v.since.reference, v.since.date, lang))
    return t("annex.since.decided")


def _record(result: Result, meeting: Meeting, facts: Mapping[str, dict[str, Any]],
            t: Translator, lang: str, reference: str, body: str) -> dict[str, Any]:
    """The annex of a deliberation that took place: the grants it voted, as voted
    (:func:`.deliberation.voted_by`), each row saying what happened since, the total it
    voted, and the total that stands when some no longer do."""
    rows = []
    for v in voted_by(result, meeting.vote, reference):
        rows.append({**_row(result.dossier(v.dossier), v.amount, meeting, facts),
                     "awaiting": False, "reference": reference, "date": None,
                     "deliberation": reference, **_votes(v.votes), "stands": v.stands,
                     "note": _since(v, t, lang)})
    notes = any(r["note"] for r in rows)
    standing = held_total(r["amount"] for r in rows if r["stands"]) if notes else None
    return _one(result, meeting.vote, t, lang, reference, rows,
                t("annex.intro.voted", body=body), notes=notes, standing_total=standing)
