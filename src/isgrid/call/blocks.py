"""The typed blocks of ``call.yaml`` that one command each reads.

``constraints`` (portfolio rules, :mod:`isgrid.call.constraints`), ``sensitivity``
(:mod:`isgrid.analysis.sensitivity`), ``calibration`` (:mod:`isgrid.analysis.calibration`)
and ``meeting`` (:mod:`isgrid.call.meeting`, its models in
:mod:`isgrid.call.meeting_models`) are validated with the rest of ``call.yaml`` when a
call is loaded (:class:`isgrid.call.model.CallConfig` is typed with these models), so
``isgrid call check`` reports their errors with ``file:line:col`` and the consuming
modules read the models, never a dict.

Every model is frozen and refuses unknown keys (:class:`BlockModel`).  The defaults and
bounds are those the consuming modules have always applied; ``docs/calls.md`` lists them.
:func:`isgrid.call.block_hints.block_hint` gives the hint of a located error in one of
these blocks.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import Message, Quote
from ..grid.facts import values_at
from ..grid.model import Integer, OptionalInteger, OptionalReal, Real
from ..validation import ISO_DATE
from ..vocabulary import MAX_DRAWS

Scalar = str | int | float | bool


# a call.yaml block's model: frozen, unknown keys refused; its validator built on first use
# (defer_build, as grid.base.Strict's)
class BlockModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# ----------------------------------------------------------------- constraints
class MinCount(BlockModel):
    """At least ``count`` laureates whose fact equals ``value``."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["min"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar
    count: Integer = Field(ge=1)


class MaxCount(BlockModel):
    """At most ``count`` laureates whose fact equals ``value`` (or per distinct value)."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["max"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar | None = Field(None, description="Without it: per distinct value of the fact.")
    count: Integer = Field(ge=0)


class Envelope(BlockModel):
    """A sub-envelope: money for the dossiers whose fact equals ``value``."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["envelope"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar
    max_amount: OptionalReal = Field(None, ge=0)
    min_amount: OptionalReal = Field(None, ge=0)

    @model_validator(mode="after")
    def _one_bound(self) -> "Envelope":
        if self.max_amount is None and self.min_amount is None:
            raise ValueError(Message("an envelope needs max_amount or min_amount"))
        return self


Constraint = Annotated[MinCount | MaxCount | Envelope, Field(discriminator="kind")]
AnyConstraint = MinCount | MaxCount | Envelope


def _norm(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def fact_values(facts: Mapping[str, Any], path: str) -> list[str]:
    """A constraint's fact of one dossier, each value as text (``2`` and ``2.0`` alike; a
    list fact ``themes[]``: each item)."""
    _, vals = values_at(facts, path)
    return [_norm(v) for v in vals if v is not None]


def fact_matches(facts: Mapping[str, Any], fact: str, value: Any) -> bool:
    """A dossier a constraint holds: its ``fact`` equals ``value`` (any item of a list)."""
    return _norm(value) in fact_values(facts, fact)


def envelope_holds(constraints: Sequence[AnyConstraint] | None,
                   facts: Mapping[str, Any]) -> bool:
    """An ``envelope`` constraint holds the dossier: its amount counts towards that
    envelope's money, so an unknown amount cannot be judged against it (``montant à
    vérifier``, as with a budget: :func:`isgrid.engine.money.money_many`)."""
    return any(isinstance(k, Envelope) and fact_matches(facts, k.fact, k.value)
               for k in constraints or ())


def _unique_ids(items: list[AnyConstraint]) -> list[AnyConstraint]:
    counts = Counter(c.id for c in items)
    dup = sorted(i for i, n in counts.items() if n > 1)
    if dup:
        raise ValueError(Message("the constraint id {ident} is used twice", ident=Quote(dup[0])))
    return items


#: The ``constraints`` list: each item by its ``kind``, ids unique.
ConstraintList = Annotated[list[Constraint], AfterValidator(_unique_ids)]


class Constraints(BlockModel):
    items: ConstraintList


# ----------------------------------------------------------------- jury
#: The default of ``sensitivity: {weights: w}``: the draws resample raters and leave the
#: grid's weights as published (docs/jury.md, "Sensitivity at the funding line").
WEIGHT_PERTURBATION = 0.0


class SensitivityConfig(BlockModel):
    """The ``sensitivity`` block of call.yaml (``isgrid sensitivity``)."""

    margin: Real = Field(5.0, ge=0, le=100, description="Points around the line.")
    weights: Real = Field(WEIGHT_PERTURBATION, ge=0, lt=1,
                           description="Relative weight perturbation.")
    draws: Integer = Field(0, ge=0, le=MAX_DRAWS, description="Default number of draws.")
    seed: Integer = Field(0, description="Default seed of the draws.")


class CalibrationConfig(BlockModel):
    """The ``calibration`` block of call.yaml (``isgrid calibrate``)."""

    k: Real = Field(10, ge=0, description="Shrinkage: n_j / (n_j + k) of the severity.")


# ----------------------------------------------------------------- dates
def block_date(v: Any) -> Any:
    """``04/05/2016`` as ``2016-05-04`` (:func:`isgrid.grid.facts.iso_date`, as a dossier's
    dates are read); what is not a date is left for the pattern to refuse."""
    from ..grid.facts import iso_date

    iso = iso_date(v)
    if iso is None and isinstance(v, str) and re.fullmatch(ISO_DATE, v.strip()):
        # 2016-02-31: the pattern would let it in; its own error type, read by validation
        raise PydanticCustomError("date_invalid", "{value} is not a date", {"value": v})
    return v if iso is None else iso


# ----------------------------------------------------------------- letters
class Letters(BlockModel):
    """The ``letters`` block: what the applicants' letters say besides the result.

    Every key is optional: ``reference`` and ``date`` default to the vote's
    (``meeting.vote``), ``next_steps`` to the catalogue's sentence for each outcome.
    ``appeal`` (the means and time limits of appeal of a decided letter) defaults by the
    call's ``lang`` (:func:`isgrid.documents.letters.french_appeal`): in a French call,
    French administrative law's « voies et délais de recours » (the catalogue's
    ``letter.appeal.default``: recours gracieux to ``authority``, tribunal administratif
    ``court``, Télérecours); in an English call, a general sentence that names no French
    institution (``letter.appeal.general``, with ``authority`` and ``court``), and
    ``isgrid report --kind feedback`` warns ``letters-appeal-default`` once the vote has
    decided every dossier, until ``letters.appeal`` is written
    (:func:`isgrid.documents.incomplete.appeal_warnings`)."""

    sender: str | None = Field(None, description="Who writes: the authority and its service.")
    signatory: str | None = Field(None, description="Name and quality of the signatory.")
    place: str | None = Field(None, description="« Fait à … »: the place of signature.")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="The letters' date (default: the vote's date).")
    reference: str | None = Field(None, description="The deliberation's reference (default: "
                                  "meeting.vote.reference).")
    contact: str | None = Field(None, description="Whom the applicant may ask (service, mail).")
    authority: str | None = Field(None, description="The authority a recours gracieux (a "
                                  "request for review) goes to (default: the signatory).")
    court: str | None = Field(None, description="The court competent (a French call: the "
                              "tribunal administratif).")
    appeal: str | None = Field(None, description="The means and time limits of appeal (« voies "
                               "et délais de recours »), replacing the default: French law's in "
                               "a French call, a general sentence in an English call, which is "
                               "warned until it is written.")
    legal_basis: str | None = Field(
        None, description="The basis in law of the decision (« en droit »): the call's "
        "règlement, the deliberation adopting it; printed as the last reason of every "
        "decided letter (« En droit : … »).")
    next_steps: dict[Literal["retenu", "réserve", "non retenu", "other"], str] = Field(
        default_factory=dict, description="The next steps per outcome, replacing the defaults.")

    _d = field_validator("date", mode="before")(block_date)


# ----------------------------------------------------------------- intake
#: The states of a dossier on Démarche Numérique (GraphQL ``DossierState``).
DossierState = Literal["en_construction", "en_instruction", "accepte", "refuse", "sans_suite"]
DEFAULT_ENDPOINT = "https://demarche.numerique.gouv.fr/api/v2/graphql"
_ENV_NAME = r"^[A-Z_][A-Z0-9_]*$"


def _field_shorthand(v: Any) -> Any:
    """``"Montant demandé"`` or a list of labels stands for ``{labels: [...]}``."""
    if isinstance(v, str):
        return {"labels": [v]}
    if isinstance(v, list):
        return {"labels": v}
    return v


class IntakeField(BlockModel):
    """Where one fact comes from: column labels (aliases) and/or champDescriptorIds."""

    labels: list[str] = Field(default_factory=list,
                              description="Column headers or champ labels (aliases welcome).")
    champs: list[str] = Field(default_factory=list,
                              description="champDescriptorIds (stable across revisions).")

    @model_validator(mode="after")
    def _something(self) -> "IntakeField":
        if not self.labels and not self.champs:
            raise ValueError(Message("give at least one label or one champ id"))
        return self


Mapped = Annotated[IntakeField, BeforeValidator(_field_shorthand)]


class IntakeList(BlockModel):
    """A list fact from a repeatable block: one item per row (``Ligne``)."""

    block: str | None = Field(None, description="The block's stable id: sheet `(<id>) …`.")
    labels: list[str] = Field(default_factory=list, description="The block's label(s).")
    champs: list[str] = Field(default_factory=list, description="The block's champDescriptorId.")
    fields: dict[str, Mapped] = Field(description="Item property -> its column or champ.")

    @model_validator(mode="after")
    def _something(self) -> "IntakeList":
        if self.block is None and not self.labels and not self.champs:
            raise ValueError(Message("give the block's stable id, its label or its champ id"))
        return self


class PushAnnotations(BlockModel):
    """Labels of the private annotations ``isgrid intake push`` fills (none: not written)."""

    proposal: str | None = None
    score: str | None = None
    amount: str | None = None


class PushLabels(BlockModel):
    selected: str = "Lauréat"
    reserve: str = "Liste de réserve"


class IntakePush(BlockModel):
    """What ``isgrid intake push`` writes back (never an acceptance or a refusal)."""

    instructeur: str = Field(min_length=1, description="The instructeurId writing.")
    token_env: str = Field("DEMARCHE_NUMERIQUE_WRITE_TOKEN", pattern=_ENV_NAME)
    annotations: PushAnnotations = Field(default_factory=PushAnnotations)
    labels: PushLabels = Field(default_factory=PushLabels)


class Intake(BlockModel):
    """The ``intake`` block: dossiers from Démarche Numérique (export file or API)."""

    file: str | None = Field(None, description="The export file (default: --from).")
    demarche: OptionalInteger = Field(None, ge=1, description="The démarche number (API).")
    endpoint: str = Field(DEFAULT_ENDPOINT, pattern=r"^https?://")
    token_env: str = Field("DEMARCHE_NUMERIQUE_TOKEN", pattern=_ENV_NAME,
                           description="The environment variable holding the read token.")
    states: list[DossierState] = Field(
        default_factory=lambda: ["en_instruction", "accepte"],  # type: ignore[arg-type]
        description="Dossiers kept, by state.")
    # the start of each dossier's id, and of its file's name: a letter or a digit first, as
    # every id (ID_PATTERN; a prefix « . » or « .. » made ids the dossier loader refuses)
    id_prefix: str = Field("DN-", pattern=r"^(?:[A-Za-z0-9][A-Za-z0-9._-]*)?$", max_length=40,
                           description="The start of each dossier's id (DN-12345).")
    title: Mapped | None = Field(None, description="Where the title comes from.")
    facts: dict[str, Mapped] = Field(default_factory=dict)
    lists: dict[str, IntakeList] = Field(default_factory=dict)
    ignore: list[str] = Field(default_factory=list, description="Columns left out on purpose.")
    experts: dict[str, str] = Field(default_factory=dict,
                                    description="Expert e-mail -> assessor id (Avis).")
    opinion_questions: list[str] = Field(default_factory=list, description=(
        "Avis questions whose Oui/Non is the expert's opinion (else kept in the comment)."))
    push: IntakePush | None = None


# ----------------------------------------------------------------- personal data
class Retention(BlockModel):
    """The ``retention`` block: how long personal data are kept (``isgrid call purge``)."""

    months: Integer = Field(ge=1, le=120, description="Months after the start date.")
    since: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                              description="Start date (default: meeting.vote.date, else "
                                          "meeting.date).")
    contact_facts: list[str] = Field(default_factory=list,
                                     description="Applicants' contact facts to remove.")

    _d = field_validator("since", mode="before")(block_date)


class WorkspaceConfig(BlockModel):
    """The ``workspace`` block: settings of the jurors' web workspace (``isgrid jury serve``)."""

    peer_ratings: Literal["hidden", "after_submission"] = Field(
        "hidden", description="hidden: scoring is blind; after_submission: a juror who has "
        "submitted sees the submitted ratings of the other jurors on the same dossier.")


class Dispositif(BlockModel):
    """The ``dispositif`` block: the call as a « dispositif d'aide » (SCDL 2.1.1)."""

    id: str = Field(min_length=1, description="id_aide, written as dispositifAide.")
    nom: str | None = None
    porteur: str | None = Field(None, description="Default: meeting.attribuant.name.")
    porteur_siren: str | None = Field(None, pattern=r"^\d{9}$")
    beneficiaires: str = "Associations"
    types: str = "Subvention"
    description: str | None = None
    thematique: str = "Innovation sociale"
    recurrence: Literal["Permanente", "Ponctuelle", "Récurrente"] = "Ponctuelle"
    zone: str | None = None
    contact: str | None = None
    date_ouverture: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_cloture: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = None

    _d = field_validator("date_ouverture", "date_cloture", mode="before")(block_date)
