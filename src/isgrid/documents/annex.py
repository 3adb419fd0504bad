"""The commission permanente's annex (``isgrid minutes --kind cp-annex``): its rows.

The annex is the table a deliberation adopts: holder, project, amount, rate (amount over
eligible costs) and total of the retained dossiers (the result's current selection, as
:func:`.minutes.build_minutes` gives them), and the deliberation that voted them
(:func:`.deliberation.deliberation`, the one rule).

Without a reference, every retained dossier is listed; dossiers voted at different
deliberations get a column for each one's.  With ``reference`` (``--reference REF``), the
annex is that deliberation's own: only the dossiers it decided, their total, its title and
its date (:func:`.deliberation.deliberation_date`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..call.meeting import Meeting
from ..engine import DossierResult, Result
from ..grid.facts import fact_value
from ..i18n import Translator
from .deliberation import deliberation, deliberation_date
from .typography import date_words


def _cited(reference: str | None, date: str | None, lang: str) -> str:
    """A deliberation in a table cell: « CP-2016-06-02 (2 juin 2016) »; a dash for none."""
    if not reference:
        return "-"
    return f"{reference} ({date_words(date, lang)})" if date else reference


def annex_context(result: Result, meeting: Meeting, facts: Mapping[str, dict[str, Any]],
                  retained: Sequence[tuple[DossierResult, float | None]], total: float,
                  t: Translator, lang: str, reference: str | None = None) -> dict[str, Any]:
    """``rows``, ``total``, ``title``, ``empty`` (the text without rows), ``reference``,
    ``vote_date_words`` and ``many_deliberations`` of the annex (docs/decisions.md).

    ``retained``: each retained dossier with its money (granted, else proposed);
    ``total``: theirs.  ``reference``: the annex of that deliberation only (a reference
    the caller checked, see :func:`.deliberation.journal_references`)."""
    att = meeting.attribuant
    name_fact = att.beneficiary_name if att else "holder"
    vote = meeting.vote
    rows: list[dict[str, Any]] = []
    for d, amount in retained:
        # the deliberation that voted it: its own (a later one), else meeting.vote's
        cited = deliberation(d, vote)
        if reference is not None and cited.reference != reference:
            continue
        f = facts.get(d.id, {})
        holder = fact_value(f, name_fact) if name_fact else None
        costs = f.get("eligible_costs")
        rate = (float(amount) / float(costs) if isinstance(costs, int | float) and costs
                and amount is not None else None)
        # no holder fact: a dash, never the project's title again
        rows.append({"id": d.id, "holder": str(holder) if holder else "-",
                     "project": d.title, "amount": amount, "rate": rate,
                     "reference": cited.reference, "date": cited.date,
                     "deliberation": _cited(cited.reference, cited.date, lang)})
    if reference is not None:  # one deliberation's annex: its dossiers, its total, its date
        date = deliberation_date(result, vote, reference)
        return {"rows": rows, "total": sum(float(r["amount"] or 0.0) for r in rows),
                "title": t("annex.title.ref", reference=reference), "reference": reference,
                "empty": t("annex.empty.ref", reference=reference),
                "vote_date_words": date_words(date, lang) if date else None,
                "many_deliberations": False}
    # the deliberation the annex names: its dossiers' (all voted at a later one: that
    # one), else meeting.vote's; dossiers voted at different deliberations: a column
    # gives each one's, and no one line names a deliberation
    cited_all = {(r["reference"], r["date"]) for r in rows}
    one = next(iter(cited_all)) if len(cited_all) == 1 else None
    ref, day = one if one is not None else (
        (vote.reference, vote.date) if vote is not None else (None, None))
    return {"rows": rows, "total": total, "title": t("annex.title"), "reference": ref,
            "empty": t("annex.empty"),
            "vote_date_words": date_words(day, lang) if day else None,
            "many_deliberations": len(cited_all) > 1}
