"""The grid language, as pydantic models.

These models are the single source of truth for grid files: the JSON Schema
shipped in ``isgrid/schema/grid.schema.json`` (and printed by ``isgrid grids
schema``) is generated from them, and the test suite fails when the committed
copy is stale.  Every model forbids unknown keys, because a misspelt ``wieght:``
silently ignored would change who gets funded.

One model, :class:`Grid`, describes both a grid file and a resolved grid: a file
may say ``extends`` with ``set``/``add``/``remove``; once resolved
(:mod:`isgrid.grid.load`), those are gone and ``mode`` and ``sections`` are set.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from ..errors import Message

# the language's base types (.base) and rules (.rules): the package finds them here
from .base import ID_MAX_LENGTH as ID_MAX_LENGTH
from .base import ID_PATTERN as ID_PATTERN
from .base import JURY_ROLE as JURY_ROLE
from .base import Id as Id
from .base import Integer as Integer
from .base import Number as Number
from .base import OptionalInteger as OptionalInteger
from .base import OptionalReal as OptionalReal
from .base import Provenance as Provenance
from .base import ProvenanceStatus as ProvenanceStatus
from .base import Real as Real
from .base import Role as Role
from .base import Strict as Strict
from .base import canonical_role as canonical_role
from .base import typed_role as typed_role
from .rules import Condition as Condition
from .rules import EligibilityRule
from .rules import FactRef as FactRef
from .rules import FactSpec as FactSpec
from .rules import VerdictRule as VerdictRule

Mode = Literal["checklist", "profile", "scored"]
Aggregator = Literal["mean", "median", "trimmed-mean"]
DIMENSION_PATTERN = r"^D([1-9]|10)$"


class Source(Strict):
    """A document the grid draws on."""

    id: Id
    title: str
    url: str | None = None
    note: str | None = None


class Level(Strict):
    """One labelled level of a scale."""

    value: Number
    label: str = Field(min_length=1)
    description: str | None = None


class CountsAs(Strict):
    """Which aggregate values count as met, partly met or present (in scale units)."""

    met: Number | None = Field(None, description="Checklist: an aggregate >= met counts as met.")
    partly: Number | None = Field(
        None, description="Checklist: an aggregate >= partly counts as partly met."
    )
    present: Number | None = Field(
        None, description="Profile: an intensity >= present counts as the marker being present."
    )


class Scale(Strict):
    """An ordinal scale with labelled levels."""

    label: str | None = None
    description: str | None = None
    levels: list[Level] = Field(min_length=2)
    half_steps: bool = Field(
        False, description="Values halfway between two consecutive levels are accepted."
    )
    na: bool = Field(True, description="An explicit n/a (NE) is accepted.")
    counts_as: CountsAs | None = Field(
        None, description="Overrides the grid's `counts_as` for criteria on this scale."
    )
    provenance: Provenance | None = None

    @cached_property
    def min(self) -> float:
        return float(min(level.value for level in self.levels))

    @cached_property
    def max(self) -> float:
        return float(max(level.value for level in self.levels))


class Criterion(Strict):
    """One thing an assessor rates."""

    id: Id
    label: str = Field(min_length=1)
    question: str | None = Field(None, description="The question as put to a project holder.")
    guidance: str | None = Field(None, description="What an assessor looks for.")
    advice: str | None = Field(None, description="How a holder can strengthen this point.")
    scale: Id
    weight: Number | None = Field(None, description="Positive; 1 when omitted. Scored mode.")
    ranking_weight: Number | None = Field(
        None, description="Scored: the weight used for the ranking only (thresholds and "
        "floors use `weight`); the `weight` when omitted.")
    core: bool = Field(False, description="Checklist: a core (socle) criterion.")
    floor: Number | None = Field(None, description="Scored: minimum aggregate, in scale units.")
    eliminatory: bool = Field(
        False, description="A 'no' makes the dossier ineligible; gates only, never counts."
    )
    rated_by: Role | None = Field(None, description="Who rates an eliminatory criterion.")
    separate_condition: str | None = Field(
        None, min_length=1,
        description="Checklist: a condition shown apart, outside the verdict rule, that "
        "applies in some cases only, the ones its name says (loi ESS art. 15-II: « Condition "
        "du II (financements de l'État seulement) »); the result says it is met or not, and "
        "the verdict never reads it.")

    @field_validator("separate_condition", mode="before")
    @classmethod
    def _condition_name_trimmed(cls, v: Any) -> Any:
        # a name printed in bold (« **Condition du II… :** »): spaces around it would break
        # the Markdown; a blank one, emptied, is refused (min_length)
        return v.strip() if isinstance(v, str) else v

    from_fact: str | None = Field(
        None, description="Scored: the criterion is never rated; its value is this dossier "
        "fact (a `number` or `integer` fact declared with a `minimum` and a `maximum` within "
        "the scale's lowest and highest levels), taken as it is, between the levels (a stage "
        "one's total: 88.33 counts as 88.33).")
    dimension: str | None = Field(
        None, pattern=DIMENSION_PATTERN,
        description="The social-innovation dimension (D1..D10) `compare` places it under; "
        "optional (unclassified when absent).")
    secondary_dimensions: list[Annotated[str, Field(pattern=DIMENSION_PATTERN)]] = Field(
        default_factory=list
    )
    provenance: Provenance

    @property
    def rater(self) -> Role | None:
        """The role that rates this criterion, the one rule every reader of ratings
        follows (loading, the workbooks and their import, the workspace, the call's
        check): an eliminatory criterion's ``rated_by`` (None: any role); every other
        criterion, the jurors' (:data:`JURY_ROLE`): instruction rates the eligibility
        conditions its role is named for, the jury scores the dossiers."""
        if self.eliminatory:
            return self.rated_by
        return JURY_ROLE

    def rated_by_role(self, role: str | None) -> bool:
        """May an assessor of ``role`` rate this criterion (:attr:`rater`)?  Nobody rates
        a criterion whose value is a dossier fact (``from_fact``): no workbook column, no
        rating awaited, a rating of it refused."""
        if self.from_fact is not None:
            return False
        return self.rater is None or self.rater == role


class Section(Strict):
    """A group of criteria (axe, bloc, catégorie)."""

    id: Id
    label: str = Field(min_length=1)
    description: str | None = None
    weight: Number | None = Field(None, description="Positive; 1 when omitted. Scored mode.")
    ranking_weight: Number | None = Field(
        None, description="Scored: the weight used for the ranking only; the `weight` when "
        "omitted.")
    criteria: list[Criterion] = Field(default_factory=list)


class TieBreak(Strict):
    """One step of the tie-break cascade."""

    by: str = Field(pattern=r"^(section|criterion|fact):.+$")
    order: Literal["desc", "asc"] = "desc"
    count: Literal["distinct"] | None = Field(
        None, description="For a list fact: compare the number of distinct values (the only "
        "reduction of a list; a list without it is an error).")


class Total(Strict):
    """How the scored total is expressed: ``total: {out_of: 15}``."""

    out_of: Number = Field(100, description="The total's maximum (default 100); the "
                           "threshold and every document are in these units.")


class AddItem(Strict):
    """A criterion or a section added to the parent grid by ``extends``."""

    criterion: Criterion | None = None
    section: Id | Section
    after: Id | None = Field(None, description="Insert after this criterion (or section).")

    @model_validator(mode="after")
    def _shape(self) -> "AddItem":
        if self.criterion is not None and not isinstance(self.section, str):
            raise ValueError(Message(
                "to add a criterion, `section` is the id of the section it goes in"))
        if self.criterion is None and isinstance(self.section, str):
            raise ValueError(Message(
                "give `criterion` to add a criterion, or a whole `section` to add one"))
        return self


#: what :func:`isgrid.grid.load.derive_grid` adds to a grid's version when a call changes it
#: (:func:`isgrid.documents.text.version_words` says it in words)
CALL_VERSION = "+call"


def pinned_ref(gid: str, version: str) -> str:
    """``<id>@<version>``: how a grid pinned to one version is named (call.yaml's ``grid``,
    ``extends``, the journal's stamp, a workbook's, ``grids/versions/<id>@<version>.yaml``);
    :func:`isgrid.grid.load.split_ref` reads it back.  The one writing of it."""
    return f"{gid}@{version}"


class Grid(Strict):
    """A grid: sections of criteria, scales, rules, facts and eligibility.

    A file may ``extends`` another grid; then ``mode`` and ``sections`` come from
    the parent and ``set``/``add``/``remove`` change it.
    """

    schema_: str | None = Field(None, alias="$schema", description="For editors; ignored.")
    id: Id
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    mode: Mode | None = None
    description: str | None = None
    lang: str = "fr"
    sources: list[Source] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    source_criteria_count: OptionalInteger = Field(
        None,
        description="How many criteria the original grid has, when only some are encoded.",
    )
    extends: str | None = Field(None, description="A parent grid id, optionally @version.")
    set: dict[str, Any] | None = None
    add: list[AddItem] | None = None
    remove: list[Id] | None = None
    aggregator: Aggregator | None = None
    counts_as: CountsAs | None = None
    total: Total | None = Field(None, description="Scored: the total's units (default out of 100).")
    threshold: Number | None = Field(
        None, description="Scored: the minimum total, in the total's units (out of 100 unless "
        "`total.out_of` says otherwise).")
    tie_breaks: list[TieBreak] = Field(default_factory=list)
    scales: dict[str, Scale] = Field(default_factory=dict)
    facts: dict[str, FactSpec] = Field(default_factory=dict)
    eligibility: list[EligibilityRule] = Field(default_factory=list)
    verdict: VerdictRule | None = Field(
        None,
        description=(
            "Checklist: the criteria the verdict requires, combined with all / any / "
            "at_least; default: every core criterion."
        ),
    )
    sections: list[Section] = Field(default_factory=list)
    parameters: dict[str, Provenance] = Field(
        default_factory=dict,
        description=(
            "Provenance of numeric parameters, by path: 'threshold', 'total.out_of', "
            "'criteria.<id>.weight', 'criteria.<id>.ranking_weight', 'criteria.*.floor', "
            "'sections.<id>.weight', 'sections.<id>.ranking_weight', 'scales.<id>'."
        ),
    )

    # What a ``set`` changed without an entry of its own under ``parameters`` (set by
    # :mod:`isgrid.grid.load`; not part of the grid's content, so not of its hash).
    _changed_unsaid: frozenset[str] = PrivateAttr(default_factory=frozenset)
    _stale_weights: frozenset[str] = PrivateAttr(default_factory=frozenset)
    _note_grids: tuple[str, ...] = PrivateAttr(default_factory=tuple)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, v: Any) -> Any:
        # `version: 1` in YAML is a number; a version is text ("1", "1.0", "2016-a").
        if isinstance(v, int | float) and not isinstance(v, bool):
            return str(v)
        return v

    # -- conveniences on a resolved grid ---------------------------------
    @property
    def ref(self) -> str:
        """``<id>@<version>``, the reference that pins this very version of the grid
        (:func:`pinned_ref`)."""
        return pinned_ref(self.id, self.version)

    def changed_without_provenance(self) -> frozenset[str]:
        """The parameter paths (``threshold``, ``criteria.<id>.floor``…) that a ``set``
        (of this grid, of a grid it extends or of its call) changed without giving them
        an entry of their own under ``parameters``: the entry they inherit describes the
        old value (:func:`isgrid.grid.provenance.parameter_status`)."""
        return self._changed_unsaid

    def mark_changed_without_provenance(self, paths: frozenset[str]) -> None:
        self._changed_unsaid = paths

    def stale_weight_entries(self) -> frozenset[str]:
        """The ``parameters`` entries of section weights (``sections.<id>.weight``)
        written by a grid this one extends, for the section as it was there: an ``add``
        or a ``remove`` (of this grid, of one it extends between, or of its call) has
        since changed the section's criteria, and no entry of its own replaces it.  Its
        note may count criteria or shares that are no longer true (« Poids 1 pour 1
        critère »; :func:`isgrid.grid.weights.stale_weight_entries`)."""
        return self._stale_weights

    def mark_stale_weight_entries(self, paths: frozenset[str]) -> None:
        self._stale_weights = paths

    def note_grids(self) -> tuple[str, ...]:
        """The id of the grid whose file wrote each of ``notes``, in their order: a grid
        that extends another inherits its notes, which describe that grid (« les cinq
        libellés… poids égaux »), not this one (``grids show`` says whose they are)."""
        if len(self._note_grids) == len(self.notes):
            return self._note_grids
        return tuple(self.id for _ in self.notes)

    def mark_note_grids(self, ids: tuple[str, ...]) -> None:
        self._note_grids = ids

    def criteria(self) -> list[Criterion]:
        return [c for s in self.sections for c in s.criteria]

    def criterion(self, cid: str) -> Criterion:
        for c in self.criteria():
            if c.id == cid:
                return c
        raise KeyError(cid)

    def criteria_rated_by(self, role: str | None) -> list[Criterion]:
        """The criteria an assessor of ``role`` rates (:attr:`Criterion.rater`), in the
        grid's order: a juror's, every criterion but the eliminatory ones of another
        role; an instructor's, only the eliminatory criteria ``rated_by: instructeur``."""
        return [c for c in self.criteria() if c.rated_by_role(role)]

    def rated_by(self, key: str) -> Role | None:
        """The role that rates ``key`` when it is a criterion only that role rates (its
        ``rated_by``: an instructor's eligibility), else None: a criterion every juror
        rates, a rule or a fact (a piece the applicant sends).  Every document that says
        who is awaited for a value still unknown reads it here."""
        try:
            return self.criterion(key).rated_by
        except KeyError:
            return None

    def section_of(self, cid: str) -> Section:
        for s in self.sections:
            if any(c.id == cid for c in s.criteria):
                return s
        raise KeyError(cid)

    def out_of(self) -> float:
        """The scored total's maximum: ``total.out_of``, 100 by default."""
        return float(self.total.out_of) if self.total is not None else 100.0

    def resolved_mode(self) -> Mode:
        assert self.mode is not None
        return self.mode

    def effective_aggregator(self) -> Aggregator:
        if self.aggregator is not None:
            return self.aggregator
        return "mean" if self.mode == "scored" else "median"


def grid_json_schema() -> dict[str, Any]:
    """The JSON Schema of grid files, generated from :class:`Grid`."""
    schema = Grid.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://isgrid.invalid/schema/grid.schema.json"
    schema["title"] = "isgrid grid"
    return schema
