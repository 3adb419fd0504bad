"""The rules the minutes applied, and the walk of the envelope (review s15 recours F10: the
signed minutes stated neither the threshold, the floors, the selection rule nor the funding
formula, nor where the envelope stopped for the dossiers it left out).

* ``rules``: the threshold, the floors, the envelope, the selection rule (the committee
  report's words), the funding formula as call.yaml states it (:func:`funding_rule`, the
  access document's words too), a selection that decisions took beyond the call's
  ``top``, a présélection (``selection.shortlist``).
* ``walk``: the ranked dossiers down to the funding line in rank order: each retained one
  with the money it holds and what is left after it; one a decision or a withdrawal took
  out, its status; at the line, the dossier the money left does not cover, « ne tient pas
  (10 000 € restants < 15 000 €) ».  Read from the result's selection
  (:attr:`isgrid.engine.Result.current`: its dossiers, their held amounts, its line and
  what is left); the running total is the sum of the amounts the result holds.
"""

from __future__ import annotations

from typing import Any

from ..call.model import Call
from ..engine import Result
from ..engine.money import Tally, less
from ..i18n import join_names, translator
from ..vocabulary import Status
from . import models as m
from .letter_grounds import selection_rule_words
from .portfolio import fits_now, over_top
from .stage import is_shortlist
from .text import fmt_exact, fmt_money, fmt_number, status_word


def _sep(lang: str) -> str:
    """Between the items of a rule: « ; » as French typography spaces it."""
    return "\u202f; " if lang == "fr" else "; "


def funding_rule(call: Call, lang: str) -> str | None:
    """The funding formula as call.yaml's ``funding`` states it, in words: the one wording
    the minutes' rules and the access document's grid both print (« Montant proposé : le
    montant demandé, au plus 50 % des dépenses éligibles et 27 000 € par dossier. Aucune
    aide sous 5 000 €. Pas d'aide partielle : … »).  None without ``funding``, and for a
    présélection, which grants no money (:func:`.stage.is_shortlist`)."""
    f = call.config.funding
    if f is None or is_shortlist(call):
        return None
    t = translator("report", lang)
    parts = []
    if f.rate is not None:
        parts.append(t("pv.rules.rate", pct=fmt_number(float(f.rate) * 100, lang, 0)))
    if f.cap is not None:
        parts.append(t("pv.rules.cap", cap=fmt_money(f.cap, lang)))
    # « au plus 50 % des dépenses éligibles et 27 000 € par dossier »: both bounds hold at
    # once (join_names); « ; » read the cap as a flat amount (s16 guide review, finding 8)
    text = t("pv.rules.funding", parts=join_names(parts, lang)) if parts else t(
        "pv.rules.funding.asked")
    if f.minimum:
        text += " " + t("pv.rules.minimum", minimum=fmt_money(f.minimum, lang))
    text += " " + t("pv.rules.partial" if f.partial else "pv.rules.no-partial")
    return str(text)


def pv_rules(call: Call, result: Result, lang: str) -> dict[str, Any]:
    """``rules`` (sentences) and ``walk`` (rows) of the minutes (the module's docstring)."""
    t = translator("report", lang)
    grid = call.grid.grid
    rules: list[str] = []
    out_of = fmt_exact(grid.out_of(), lang)
    if result.grid["mode"] == "scored" and grid.threshold is not None:
        rules.append(t("pv.rules.threshold", threshold=fmt_exact(grid.threshold, lang),
                       out_of=out_of))
    floors = [t("pv.rules.floor", label=c.label, id=c.id, floor=fmt_exact(c.floor, lang))
              for c in grid.criteria() if c.floor is not None and not c.eliminatory]
    if floors:
        rules.append(t("pv.rules.floors", floors=_sep(lang).join(floors)))
    sel, now = result.selection, result.current
    if sel is not None and is_shortlist(call):
        rules.append(t("pv.rules.shortlist"))
    if now is not None and now.budget is not None:
        rules.append(t("pv.rules.budget", budget=fmt_money(now.budget, lang)))
    said = selection_rule_words(result, t, lang)
    if said:
        rules.append(t("pv.rules.selection", rule=said))
    funding = funding_rule(call, lang)  # none for a présélection
    if funding:
        rules.append(funding)
    said = _beyond_top_words(result, t)
    if said:
        rules.append(said)
    return {"rules": rules, "walk": _walk(result, t, lang)}


def _beyond_top_words(result: Result, t: Any) -> str | None:
    """« 4 dossiers retenus pour les 3 places au plus que fixe l'appel : … » when decisions
    retained more dossiers than the call's ``top`` (:func:`.portfolio.over_top`), else
    None."""
    over, sel = over_top(result), result.selection
    if over is None or over <= 0 or sel is None or sel.top is None:
        return None
    return str(t("pv.rules.beyond-top", n=sel.top + over, top=sel.top))


def beyond_top(b: Any, budget: m.Budget | None) -> m.Budget | None:
    """The committee report's selection rule (section 5), with the sentence the minutes
    say when decisions retained more dossiers than the call's ``top`` (review s15 audition
    F3: « Règle de sélection : les 3 premiers » beside four dossiers retained)."""
    said = _beyond_top_words(b.result, b.t) if budget is not None else None
    if budget is None or said is None:
        return budget
    return budget.model_copy(update={"rule": f"{budget.rule} ({said.rstrip('.')})"})


def _walk(result: Result, t: Any, lang: str) -> list[dict[str, Any]]:
    now = result.current
    if now is None or now.budget is None:
        return []
    selected = set(now.selected)
    line = now.line
    rows: list[dict[str, Any]] = []
    # summed exactly as the engine sums the selection's money (engine.money.Tally, as the
    # séance board does): its last line is the result's ``committed``, never a float drift
    spent = Tally()
    ranked = sorted((d for d in result.dossiers if d.rank is not None),
                    key=lambda d: d.rank or 0)
    for d in ranked:
        if d.id in selected:
            held = float(d.amounts.held or 0.0)
            spent.put(held)
            rows.append({"rank": d.rank, "id": d.id, "amount": held, "spent": spent.total(),
                         "left": less(now.budget, spent.total()), "text": ""})
        elif line is None or (d.rank or 0) < line or d.id in now.skipped:
            rows.append({"rank": d.rank, "id": d.id, "amount": None, "spent": None,
                         "left": None, "text": _out(result, d, t, lang)})
        elif (d.rank or 0) == line and d.status in (Status.RESERVE, Status.NON_RETENU) \
                and d.decision.outcome is None:
            rows.append({"rank": d.rank, "id": d.id, "amount": d.amounts.proposed,
                         "spent": None, "left": None, "text": _out(result, d, t, lang)})
    return rows


def _out(result: Result, d: Any, t: Any, lang: str) -> str:
    """Why the walk took no money for ``d``: the money left does not cover it (the
    engine's remaining against its proposed amount), else its status (a withdrawal, a
    decision)."""
    now = result.current
    asked = d.amounts.proposed
    if d.decision.outcome is None and d.status != Status.RETIRE and asked is not None \
            and now is not None and now.remaining is not None and not fits_now(result, d):
        return str(t("pv.walk.no-fit", left=fmt_money(now.remaining, lang),
                     amount=fmt_money(asked, lang)))
    return status_word(d.status, lang)
