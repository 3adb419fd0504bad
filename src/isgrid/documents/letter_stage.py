"""A letter at the stage its dossier stopped (review s15 audition F3, F4).

* A call whose selection is a **présélection** (``selection.shortlist: true``: the dossiers
  heard at an audition, no funding yet): its letters say « Votre dossier est présélectionné
  pour l'audition. » or « … n'est pas présélectionné … », with no amount, no funding line,
  never « Proposition du jury … ne vaut pas décision » (the présélection is this stage's
  outcome, not a proposal of funding), and the next steps of a présélection.
* A dossier refused at the **instruction** stage (``isgrid decide --stage instruction``):
  « Votre dossier n'a pas été retenu à l'issue de l'instruction. », by the instruction, never
  the jury's proposal, and no box saying it is no decision beside its motivation.

The statuses are the result's; this module only chooses the words.
"""

from __future__ import annotations

from ..engine import DossierResult
from ..vocabulary import Status
from . import dossier_models as dm
from .context import Builder
from .stage import is_shortlist

_OUTCOMES = ("retenu", "réserve", "non retenu")


def shortlist(b: Builder) -> bool:
    """The call's selection is a présélection (:func:`.stage.is_shortlist`)."""
    return is_shortlist(b.call)


def by_instruction(d: DossierResult) -> bool:
    """``d`` was refused at the instruction stage, and no later stage decided it."""
    return d.decision.stage == "instruction" and d.status == Status.NON_RETENU


def staged(b: Builder, d: DossierResult, letter: dm.Letter) -> dm.Letter:
    """``letter`` in the words of the stage ``d`` stopped at (the module's docstring);
    the letter as it is for any other call or dossier."""
    custom = b.call.config.letters.next_steps if b.call.config.letters is not None else {}
    if shortlist(b) and d.status in _OUTCOMES:
        outcome = b.t(f"letter.outcome.shortlist.{d.status}")
        if d.decision.stage == "instruction" and d.status == Status.NON_RETENU:
            outcome = b.t("letter.outcome.instruction")
        return letter.model_copy(update={
            "outcome": outcome, "amount": None, "amount_word": None, "granted": False,
            "line_total": None, "line_words": None, "line_granted": False,
            "line_ranking": False, "proposal": False, "notice": None,
            "next_steps": custom.get(d.status)  # type: ignore[call-overload]
            or b.t(f"letter.next.shortlist.{d.status}")})
    if by_instruction(d):
        return letter.model_copy(update={
            "outcome": b.t("letter.outcome.instruction"), "proposal": False,
            "notice": None, "line_total": None, "line_words": None})
    return letter
