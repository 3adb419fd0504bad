"""What a consensus did to a floor, in the signed documents (review s15 recours F7: a
consensus at 2 on ALS-4, where the jurors' 1, 2, 1 averaged 1,33 under the floor 2, is what
ranked AL16-07; the minutes said « consensus ALS-4 : 1,3 → 2 » and nothing more, the
committee report's ranking had no flag).

* The minutes' history line of a consensus says when it crossed the criterion's floor:
  « (sous le plancher de 2 → au plancher) », or the other way.
* The committee report's ranking flags a dossier whose floor a consensus value lifts
  (``consensus-floor:<criterion>``, « plancher ALS-4 levé par consensus »): without that
  value the floor rule would leave it unranked.

The floor rule is the engine's (:func:`isgrid.engine.judge.below_floor`), read here on the
values the result holds (the jurors' aggregate ``raw``, the value in effect ``value``);
nothing is scored again.

* The minutes' history line of a consensus in effect says what it did to the jury's
  proposal for the dossier (« ; sans ce consensus, le jury proposait : non classé ; avec :
  7ᵉ, retenu », or « ; sans effet sur la proposition »): the engine's counterfactual
  (:func:`isgrid.engine.consensus_effect.consensus_effects`), said here in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..engine import DossierResult
from ..engine.consensus_effect import ConsensusEffect, Standing
from ..engine.judge import below_floor
from ..grid.model import Grid
from ..i18n import Translator
from . import dossier_models as dm
from .seancetext import seance_translator
from .text import fmt_exact, fmt_number, status_word
from .typography import ordinal

HEAD = "consensus-floor"


def _floor(grid: Grid, cid: str | None) -> float | None:
    c = next((x for x in grid.criteria() if x.id == cid), None) if cid else None
    return float(c.floor) if c is not None and c.floor is not None else None


def _said(v: float, lang: str) -> str:
    """A value as the disagreement flag says a consensus (« 2 », « 1,33 »)."""
    return fmt_number(v, lang, 0 if v.is_integer() else 2)


def floor_crossing(grid: Grid, change: Mapping[str, Any], t: Translator, lang: str) -> str:
    """`` (sous le plancher de 2 → au plancher)`` after a consensus's history text when the
    value it replaced and its own are on either side of the criterion's floor; ``""``
    otherwise (no floor, no crossing, a cancelled consensus: it never was in effect)."""
    if change.get("kind") != "consensus" or change.get("cancelled_by") is not None:
        return ""
    floor = _floor(grid, change.get("criterion"))
    old = change.get("previous") if change.get("previous") is not None else change.get("raw")
    new = change.get("value")
    if floor is None or old is None or new is None:
        return ""
    was, now = below_floor(float(old), floor), below_floor(float(new), floor)
    if was == now:
        return ""
    return t("change.consensus.lifted" if was else "change.consensus.dropped",
             floor=fmt_exact(floor, lang))


def lifted_floors(grid: Grid, d: DossierResult) -> list[str]:
    """The criteria whose floor ``d`` reaches only by a consensus value: the jurors'
    aggregate is under it, the value in effect is not."""
    out = []
    for c in grid.criteria():
        if c.floor is None or c.eliminatory:
            continue
        cell = d.criteria.get(c.id)
        if cell is None or cell.get("consensus") is None or cell.raw is None:
            continue
        if below_floor(float(cell.raw), float(c.floor)) \
                and not below_floor(cell.value, float(c.floor)):
            out.append(c.id)
    return out


def consensus_flags(b: Any, d: DossierResult) -> list[dm.Flag]:
    """``d``'s ``consensus-floor`` flags (the Builder ``b``'s words): the criterion by its
    id in the ranking's row, its label, the jurors' value and the consensus's in the
    legend's sentence."""
    out = []
    for cid in lifted_floors(b.grid, d):
        c, cell = b.crit[cid], d.criteria[cid]
        raw, value = cell.raw, cell.value
        assert raw is not None and value is not None and c.floor is not None  # lifted
        out.append(dm.Flag(
            code=f"{HEAD}:{cid}",
            short=seance_translator(b.lang)("short.consensus-floor", arg=cid),
            text=b.t("flag.consensus-floor", arg=f"{c.label} ({cid})",
                     floor=fmt_exact(float(c.floor), b.lang),
                     raw=_said(float(raw), b.lang), value=_said(float(value), b.lang))))
    return out


def _proposal_words(s: Standing, t: Translator, lang: str) -> str:
    """The jury's proposal in a standing: « 7ᵉ, retenu », « non classé » (no rank).  Not
    the status a vote or a decision gave: that is its own entry's line (review s16
    guide, finding 2)."""
    status = status_word(s.proposed, lang)
    if s.rank is not None:
        status = t("change.consensus.standing", rank=ordinal(s.rank, lang), status=status)
    return str(status)


def effect_text(effect: ConsensusEffect | None, t: Translator, lang: str) -> str:
    """After a consensus's history text, what it did to the jury's proposal for its
    dossier (the engine's :func:`isgrid.engine.consensus_effect.consensus_effects`):
    « ; sans ce consensus, le jury proposait : non classé ; avec : 7ᵉ, retenu », or
    « ; sans effet sur la proposition » when neither the proposed status nor the rank
    moved; ``""`` for an entry not in effect (``effect`` None)."""
    if effect is None:
        return ""
    if not effect.proposal_moved:
        return str(t("change.consensus.no_effect"))
    return str(t("change.consensus.effect",
                 without=_proposal_words(effect.without, t, lang),
                 with_it=_proposal_words(effect.with_, t, lang)))
