"""The typed blocks of ``call.yaml`` that one command each reads.

``constraints`` (portfolio rules, :mod:`isgrid.call.constraints`), ``sensitivity``
(:mod:`isgrid.analysis.sensitivity`), ``calibration`` (:mod:`isgrid.analysis.calibration`)
and ``meeting`` (:mod:`isgrid.call.meeting`) are validated with the rest of
``call.yaml`` when a call is loaded (:class:`isgrid.call.model.CallConfig` is typed
with these models), so ``isgrid call check`` reports their errors with
``file:line:col`` and the consuming modules read the models, never a dict.

Every model is frozen and refuses unknown keys.  The defaults and bounds are
those the consuming modules have always applied; ``docs/calls.md`` lists them.
:func:`block_hint` gives the hint of a located error in one of these blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import CallError, Diagnostic, Location, Message
from ..grid.facts import values_at
from ..grid.model import Integer, OptionalInteger, OptionalReal, Real
from ..validation import ISO_DATE, pydantic_message
from ..vocabulary import MAX_DRAWS
from .siret import GRANTOR_SIRET, grantor_siret

Scalar = str | int | float | bool

#: The call.yaml blocks defined here, and the document that explains each.
BLOCKS: dict[str, str] = {
    "constraints": "docs/decisions.md",
    "meeting": "docs/decisions.md",
    "letters": "docs/calls.md",
    "sensitivity": "docs/jury.md",
    "calibration": "docs/jury.md",
    "intake": "docs/intake.md",
    "retention": "docs/personal-data.md",
    "dispositif": "docs/reports.md",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------- constraints
class MinCount(_Strict):
    """At least ``count`` laureates whose fact equals ``value``."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["min"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar
    count: Integer = Field(ge=1)


class MaxCount(_Strict):
    """At most ``count`` laureates whose fact equals ``value`` (or per distinct value)."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["max"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar | None = Field(None, description="Without it: per distinct value of the fact.")
    count: Integer = Field(ge=0)


class Envelope(_Strict):
    """A sub-envelope: money for the dossiers whose fact equals ``value``."""

    id: str = Field(min_length=1)
    label: str | None = None
    kind: Literal["envelope"]
    fact: str = Field(min_length=1, description="A dotted fact path (themes[] for a list).")
    value: Scalar
    max_amount: OptionalReal = Field(None, ge=0)
    min_amount: OptionalReal = Field(None, ge=0)

    @model_validator(mode="after")
    def _one_bound(self) -> Envelope:
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
        raise ValueError(Message("the constraint id {ident} is used twice", ident=repr(dup[0])))
    return items


#: The ``constraints`` list: each item by its ``kind``, ids unique.
ConstraintList = Annotated[list[Constraint], AfterValidator(_unique_ids)]


class Constraints(_Strict):
    items: ConstraintList


_CONSTRAINTS: TypeAdapter[list[AnyConstraint]] = TypeAdapter(ConstraintList)


def parse_constraints(raw: Sequence[Mapping[str, Any] | AnyConstraint] | None,
                      file: str = "call.yaml") -> list[AnyConstraint]:
    """``constraints`` as models (raw dicts validated); raise CallError naming each problem.

    A loaded call's ``config.constraints`` is already validated (and located by
    ``isgrid call check``); its models are returned as they are.
    """
    if not raw:
        return []
    try:
        return list(_CONSTRAINTS.validate_python(list(raw)))
    except ValidationError as exc:
        diags = []
        for e in exc.errors():
            loc = tuple(e["loc"])
            path = _key_path(loc)
            diags.append(Diagnostic("call-invalid", Message("{path}: {error}", path=path,
                                                            error=pydantic_message(e)),
                                    Location(file, key_path=path),
                                    hint=block_hint(("constraints", *loc))))
        raise CallError("constraints in call.yaml have errors", diags) from None


def _key_path(loc: tuple[Any, ...]) -> str:
    """``constraints[0].count`` from pydantic's ``(0, 'min', 'count')`` (no union tag)."""
    out = "constraints"
    for i, p in enumerate(loc):
        if i == 1 and p in ("min", "max", "envelope"):
            continue
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


# ----------------------------------------------------------------- jury
#: The default of ``sensitivity: {weights: w}``: the draws resample raters and leave the
#: grid's weights as published (docs/jury.md, "Sensitivity at the funding line").
WEIGHT_PERTURBATION = 0.0


class SensitivityConfig(_Strict):
    """The ``sensitivity`` block of call.yaml (``isgrid sensitivity``)."""

    margin: Real = Field(5.0, ge=0, le=100, description="Points around the line.")
    weights: Real = Field(WEIGHT_PERTURBATION, ge=0, lt=1,
                           description="Relative weight perturbation.")
    draws: Integer = Field(0, ge=0, le=MAX_DRAWS, description="Default number of draws.")
    seed: Integer = Field(0, description="Default seed of the draws.")


class CalibrationConfig(_Strict):
    """The ``calibration`` block of call.yaml (``isgrid calibrate``)."""

    k: Real = Field(10, ge=0, description="Shrinkage: n_j / (n_j + k) of the severity.")


# ----------------------------------------------------------------- meeting
def _date(v: Any) -> Any:
    """``04/05/2016`` as ``2016-05-04`` (:func:`isgrid.grid.facts.iso_date`, as a dossier's
    dates are read); what is not a date is left for the pattern to refuse."""
    from ..grid.facts import iso_date

    iso = iso_date(v)
    if iso is None and isinstance(v, str) and re.fullmatch(ISO_DATE, v.strip()):
        # 2016-02-31: the pattern would let it in; its own error type, read by validation
        raise PydanticCustomError("date_invalid", "{value} is not a date", {"value": v})
    return v if iso is None else iso


class Member(_Strict):
    name: str = Field(min_length=1)
    role: str | None = None
    assessor: str | None = Field(None, description="The member's assessor id, if any.")
    present: bool = True
    voting: bool = Field(True, description="Counts for the quorum.")


class Interest(_Strict):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)
    text: str | None = None


class LeftRoom(_Strict):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)


class Vote(_Strict):
    body: str = "Commission permanente"
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    reference: str | None = None
    convention_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")

    _d = field_validator("date", "convention_date", mode="before")(_date)


class Attribuant(_Strict):
    name: str = Field(min_length=1)
    siret: str = Field(pattern=r"^\d{14}$", description=GRANTOR_SIRET)
    nature: Literal["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
                    "aide en nature;aide en numéraire"] = "aide en numéraire"
    conditions_versement: str = Field("unique", min_length=1, max_length=256)
    dates_periode_versement: str | None = Field(
        None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    id_rae: str | None = Field(None, max_length=5)
    notification_ue: bool = False
    beneficiary_name: str = "holder"
    beneficiary_id: str = "siret"
    beneficiary_rna: str = Field("rna", description="Dossier fact for rnaBeneficiaire.")
    objet: str = Field("title", description="Dossier fact for `objet` (default: its title).")
    convention_date: str = Field(
        "convention_date", pattern=r"^[^\d]",
        description="The name of the dossier fact for dateConvention, the date the grant "
                    "agreement was signed (a date for all of meeting.vote's grants goes in "
                    "meeting.vote.convention_date).")

    _d = field_validator("dates_periode_versement", mode="before")(_date)
    _s = field_validator("siret")(grantor_siret)  # the beneficiaries' rule (call/siret.py)

    @field_validator("convention_date", mode="before")
    @classmethod
    def _a_name(cls, v: Any) -> Any:
        """A date written here (where docs/calls.md lists the key) is said as what it is,
        not as a pattern's failure."""
        from ..grid.facts import iso_date

        if iso_date(v) is not None:
            raise ValueError(Message(
                "the name of the dossier fact that holds each grant's agreement date, not a "
                "date: one date for all of meeting.vote's grants goes in "
                "meeting.vote.convention_date"))
        return v


class ShortQuorum(NamedTuple):
    """A dossier deliberated below the meeting's quorum (:meth:`Meeting.below_quorum`)."""

    dossier: str
    present: int  # the members present who vote, less those out of the room
    out: list[Member]  # those out of the room for it


class Meeting(_Strict):
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    quorum: OptionalInteger = Field(None, ge=1)
    members: list[Member] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    left_room: list[LeftRoom] = Field(default_factory=list)
    syntheses: dict[str, str] = Field(default_factory=dict)
    vote: Vote | None = None
    attribuant: Attribuant | None = None

    _d = field_validator("date", mode="before")(_date)

    @property
    def present(self) -> list[Member]:
        return [m for m in self.members if m.present]

    @property
    def voting(self) -> list[Member]:
        """The members present who vote: those the quorum counts."""
        return [m for m in self.members if m.present and m.voting]

    @property
    def quorum_reached(self) -> bool | None:
        """Whether the meeting has its quorum when it opens (None without one);
        :meth:`below_quorum` says which dossiers were deliberated without it."""
        if self.quorum is None:
            return None
        return len(self.voting) >= self.quorum

    def out_of_room(self, dossier: str, recused: Collection[str] = ()) -> list[Member]:
        """The members present who vote but were out of the room while ``dossier`` was
        deliberated: its ``left_room`` entries (a member named by name or assessor id) and
        the members whose assessor id is in ``recused`` (call.yaml's ``conflicts`` for that
        dossier: a recused member leaves the room, as the séance view tells them)."""
        left = {x.member for x in self.left_room if x.dossier == dossier}
        return [m for m in self.voting
                if m.name in left or (m.assessor is not None
                                      and (m.assessor in left or m.assessor in recused))]

    def unknown_left(self) -> list[LeftRoom]:
        """The ``left_room`` entries naming no member (by name or assessor id): counted out
        of the room for nobody, so a quorum they would break reads reached."""
        known = {m.name for m in self.members} | {m.assessor for m in self.members
                                                   if m.assessor is not None}
        return [x for x in self.left_room if x.member not in known]

    def below_quorum(self, conflicts: Iterable[tuple[str, str]] = ()) -> list[ShortQuorum]:
        """The dossiers deliberated below the quorum, in id order: ``(dossier, members
        present for it, those out of the room)`` (:meth:`out_of_room`), for each dossier a
        member left the room for (``left_room``) or that ``conflicts`` (``(assessor,
        dossier)`` pairs: call.yaml's recusals) names.  Empty without a quorum.  The one
        rule of the quorum per dossier: the minutes, ``call check`` and the séance view."""
        if self.quorum is None:
            return []
        recused: dict[str, set[str]] = {}
        for assessor, dossier in conflicts:
            recused.setdefault(dossier, set()).add(assessor)
        for x in self.left_room:
            recused.setdefault(x.dossier, set())
        return [s for d in sorted(recused) if (s := self.short_for(d, recused[d])) is not None]

    def short_for(self, dossier: str, recused: Collection[str] = ()) -> ShortQuorum | None:
        """``dossier`` deliberated below the quorum, ``recused``: the assessor ids recused
        from it (:meth:`below_quorum`); None when it had its quorum, or there is none."""
        if self.quorum is None:
            return None
        gone = self.out_of_room(dossier, recused)
        present = len(self.voting) - len(gone)
        return ShortQuorum(dossier, present, gone) if present < self.quorum else None


# ----------------------------------------------------------------- letters
class Letters(_Strict):
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

    _d = field_validator("date", mode="before")(_date)


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


class IntakeField(_Strict):
    """Where one fact comes from: column labels (aliases) and/or champDescriptorIds."""

    labels: list[str] = Field(default_factory=list,
                              description="Column headers or champ labels (aliases welcome).")
    champs: list[str] = Field(default_factory=list,
                              description="champDescriptorIds (stable across revisions).")

    @model_validator(mode="after")
    def _something(self) -> IntakeField:
        if not self.labels and not self.champs:
            raise ValueError(Message("give at least one label or one champ id"))
        return self


Mapped = Annotated[IntakeField, BeforeValidator(_field_shorthand)]


class IntakeList(_Strict):
    """A list fact from a repeatable block: one item per row (``Ligne``)."""

    block: str | None = Field(None, description="The block's stable id: sheet `(<id>) …`.")
    labels: list[str] = Field(default_factory=list, description="The block's label(s).")
    champs: list[str] = Field(default_factory=list, description="The block's champDescriptorId.")
    fields: dict[str, Mapped] = Field(description="Item property -> its column or champ.")

    @model_validator(mode="after")
    def _something(self) -> IntakeList:
        if self.block is None and not self.labels and not self.champs:
            raise ValueError(Message("give the block's stable id, its label or its champ id"))
        return self


class PushAnnotations(_Strict):
    """Labels of the private annotations ``isgrid intake push`` fills (none: not written)."""

    proposal: str | None = None
    score: str | None = None
    amount: str | None = None


class PushLabels(_Strict):
    selected: str = "Lauréat"
    reserve: str = "Liste de réserve"


class IntakePush(_Strict):
    """What ``isgrid intake push`` writes back (never an acceptance or a refusal)."""

    instructeur: str = Field(min_length=1, description="The instructeurId writing.")
    token_env: str = Field("DEMARCHE_NUMERIQUE_WRITE_TOKEN", pattern=_ENV_NAME)
    annotations: PushAnnotations = Field(default_factory=PushAnnotations)
    labels: PushLabels = Field(default_factory=PushLabels)


class Intake(_Strict):
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
class Retention(_Strict):
    """The ``retention`` block: how long personal data are kept (``isgrid call purge``)."""

    months: Integer = Field(ge=1, le=120, description="Months after the start date.")
    since: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                              description="Start date (default: meeting.vote.date, else "
                                          "meeting.date).")
    contact_facts: list[str] = Field(default_factory=list,
                                     description="Applicants' contact facts to remove.")

    _d = field_validator("since", mode="before")(_date)


class WorkspaceConfig(_Strict):
    """The ``workspace`` block: settings of the jurors' web workspace (``isgrid jury serve``)."""

    peer_ratings: Literal["hidden", "after_submission"] = Field(
        "hidden", description="hidden: scoring is blind; after_submission: a juror who has "
        "submitted sees the submitted ratings of the other jurors on the same dossier.")


class Dispositif(_Strict):
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

    _d = field_validator("date_ouverture", "date_cloture", mode="before")(_date)


# ----------------------------------------------------------------- hints
_MODELS: dict[str, tuple[type[BaseModel], ...]] = {
    "constraints": (MinCount, MaxCount, Envelope),
    "meeting": (Meeting,),
    "letters": (Letters,),
    "sensitivity": (SensitivityConfig,),
    "calibration": (CalibrationConfig,),
    "intake": (Intake,),
    "retention": (Retention,),
    "dispositif": (Dispositif,),
}


def block_hint(loc: tuple[Any, ...]) -> Message | None:
    """The hint for an error at pydantic ``loc`` (from call.yaml's root); None outside the blocks.

    It says what the key at ``loc`` expects (type, bounds, default), or which
    keys the mapping at ``loc`` takes, and which document describes the block: a
    :class:`Message`, so that it is said in the command line's language.
    """
    from ..validation import describe_field, walk_models

    if not loc or loc[0] not in _MODELS:
        return None
    block = str(loc[0])
    doc = BLOCKS[block]
    roots = _MODELS[block]
    if len(loc) == 1:
        what = (Message("a list of constraints, each with a unique id and a kind (min, max "
                        "or envelope)") if block == "constraints" else
                Message("a mapping of {keys}", keys=", ".join(roots[0].model_fields)))
        return Message("{block} is {what}. See {doc} ({block}).", block=block, what=what,
                       doc=doc)
    models, target = walk_models(roots, loc[1:])
    if target is not None:
        return Message("{field}. See {doc} ({block}).", field=describe_field(*target),
                       doc=doc, block=block)
    if len(models) == 1:
        return Message("Keys here: {keys}. See {doc} ({block}).",
                       keys=", ".join(models[0].model_fields), doc=doc, block=block)
    if block == "constraints":
        return Message("Each constraint has a kind: min, max or envelope. See {doc} ({block}).",
                       doc=doc, block=block)
    return Message("See {doc} ({block}).", doc=doc, block=block)


def hint_descriptions() -> set[str]:
    """Every field description :func:`block_hint` may show (the catalog translates each:
    ``tests/cli/i18n_messages.py`` lists them with the other messages)."""
    from ..validation import field_descriptions

    return field_descriptions(m for roots in _MODELS.values() for m in roots)
