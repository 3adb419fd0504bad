"""The grounds of a letter « en fait et en droit » (review s15 recours F2): why in fact a
dossier ranked above every floor and the threshold is not funded -- the money left after
the dossiers retained against its amount, under the call's selection rule -- and the basis
in law (``letters.legal_basis``: the call's règlement, the deliberation).

Nothing here computes a rule: the money left is the selection's the result states
(:attr:`isgrid.engine.Result.current`), the amount the dossier's proposed one, the rule
the call's (``selection.rule``, ``selection.top``) in the words the committee report
uses for it.
"""

from __future__ import annotations

from typing import Any

from ..engine import DossierResult, Result
from ..vocabulary import EPS, Status
from .context import Builder
from .text import fmt_money
from .typography import plural_form


def rule_words(b: Builder) -> str | None:
    """The call's selection rule in words (:func:`selection_rule_words`)."""
    return selection_rule_words(b.result, b.t, b.lang)


def selection_rule_words(result: Result, t: Any, lang: str) -> str | None:
    """The call's selection rule in words, as the committee report's section 5 says it
    (« ordre du classement (arrêt au premier dossier qui ne tient pas) », « les 3
    premiers », both: « …, 3 dossiers au plus »), ``t`` the report catalog's translator;
    None without a selection."""
    sel = result.selection
    if sel is None:
        return None
    if sel.rule.startswith("top:"):
        return str(t("rule.top", k=sel.top))
    text = t(f"walk.{sel.rule}")
    if sel.top is not None:
        text = t(f"rule.top.limit.{plural_form(sel.top, lang)}", rule=text, k=sel.top)
    return str(text)


def money_reason(b: Builder, d: DossierResult) -> str | None:
    """Why the money keeps ``d`` out, in fact: what was left of the envelope after the
    dossiers retained, against ``d``'s amount, and the rule (« Classé sous la ligne de
    financement : il restait 10 000 € de l'enveloppe de 52 000 € après les dossiers
    retenus, moins que le montant de votre dossier (15 000 €). Règle de sélection : … »).
    When the money left covers the amount, the money alone is not the reason:
    :func:`_stopped_above` (``rank-order`` stopped above it), else None (a tie, a
    maximum: said otherwise, or not at all)."""
    now = b.result.current
    if now is None or now.budget is None:
        return None
    asked = d.amounts.proposed
    if asked is None or now.remaining is None:
        return b.t("reason.below-line", budget=fmt_money(now.budget, b.lang))
    if float(asked) <= float(now.remaining) + EPS:
        return _stopped_above(b, d)
    return b.t("reason.below-line.money", budget=fmt_money(now.budget, b.lang),
               left=fmt_money(now.remaining, b.lang), amount=fmt_money(asked, b.lang),
               rule=rule_words(b) or "")


def _stopped_above(b: Builder, d: DossierResult) -> str | None:
    """A dossier ranked below the selection's funding line whose amount fits the money
    left, under ``rank-order`` (review s18 F4: « 12 000 € < 15 000 € restants, pourquoi
    pas moi ? »): the walk stopped at the line, the first dossier that did not fit, and
    takes nobody after it (the engine's reason ``line``, « after the funding line »:
    :data:`isgrid.engine.reasons._PLAIN`).  The line is the engine's, the decided one
    once anything is decided (``Result.current.line``: :func:`isgrid.engine.select.
    decided_line`); nothing is walked here.  None under another rule or above the line."""
    now = b.result.current
    sel = b.result.selection
    if (now is None or sel is None or sel.rule != "rank-order" or now.line is None
            or d.rank is None or d.rank <= now.line or now.remaining is None):
        return None
    return b.t("reason.below-line.stopped", budget=fmt_money(now.budget, b.lang),
               left=fmt_money(now.remaining, b.lang),
               amount=fmt_money(d.amounts.proposed, b.lang), rule=rule_words(b) or "")


def legal_basis(b: Builder, d: DossierResult) -> str | None:
    """The basis in law of a decided letter (``letters.legal_basis``), as its last reason
    (« En droit : … »); None before the decision, for a withdrawal (the applicant's own),
    or when call.yaml does not write it."""
    lt = b.call.config.letters
    text = lt.legal_basis if lt is not None else None
    if not text or not b.decided or d.status == Status.RETIRE:
        return None
    return b.t("reason.legal-basis", text=text.strip())
