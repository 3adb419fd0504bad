"""The commission permanente's annex (``isgrid minutes --kind cp-annex``): its rows.

The annex is the table a deliberation adopts: holder, project, amount, rate (amount over
eligible costs) and total of the retained dossiers (the result's current selection, as
:func:`.minutes.build_minutes` gives them), and the deliberation that voted them
(:func:`.deliberation.deliberation`, the one rule).

Without a reference, every retained dossier is listed; dossiers voted at different
deliberations get a column for each one's.  With ``reference`` (``--reference REF``), the
annex is that deliberation's own: only the dossiers it decided, their total, its title and
its date (:func:`.deliberation.deliberation_dates`; a deliberation whose votes record
several dates says them all).

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
from ..engine import DossierResult, Result
from ..engine.status import awaiting_vote, vote_stands
from ..grid.facts import fact_value
from ..i18n import Translator
from .deliberation import deliberation, deliberation_dates
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
    ``many_text`` (the sentence over the deliberations' column) of the annex
    (docs/decisions.md).

    ``retained``: each retained dossier with its money (granted, else proposed);
    ``total``: theirs.  ``reference``: the annex of that deliberation only (a reference
    the caller checked, see :func:`.deliberation.journal_references`)."""
    att = meeting.attribuant
    name_fact = att.beneficiary_name if att else "holder"
    vote = meeting.vote
    body = (vote.body if vote is not None else None) or "Commission permanente"
    rows: list[dict[str, Any]] = []
    for d, amount in retained:
        # voted since, no deliberation voted it yet: in no deliberation's annex
        awaiting = awaiting_vote(d.status, d.decision.stages, result.voted)
        # the deliberation that voted it: its own (a later one), else meeting.vote's
        cited = deliberation(d, vote)
        if reference is not None and (awaiting or cited.reference != reference):
            continue
        f = facts.get(d.id, {})
        holder = fact_value(f, name_fact) if name_fact else None
        costs = f.get("eligible_costs")
        rate = (float(amount) / float(costs) if isinstance(costs, int | float) and costs
                and amount is not None else None)
        # no holder fact: a dash, never the project's title again
        rows.append({"id": d.id, "holder": str(holder) if holder else "-",
                     "project": d.title, "amount": amount, "rate": rate,
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
    if reference is not None:  # one deliberation's annex: its dossiers, its total, its date
        # its date; votes recorded with different dates: those dates, said (the call's
        # loading warns, deliberation-dates), never silently none
        dates = [date_words(x, lang) for x in deliberation_dates(result, vote, reference)]
        when = dates[0] if len(dates) == 1 else t(
            "annex.dates.many", dates=f" {t('and')} ".join(dates)) if dates else None
        return {"rows": rows, "total": sum(float(r["amount"] or 0.0) for r in rows),
                "title": t("annex.title.ref", reference=reference), "reference": reference,
                "intro": intro, "many_text": None,
                "empty": t("annex.empty.ref", reference=reference),
                "vote_date_words": when, "many_deliberations": False}
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
            "many_deliberations": many}
