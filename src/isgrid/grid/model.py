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

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import Message
from ..validation import NOT_BOOLEAN, NUMBER_TEXT


def _not_boolean(what: Message, decimal: bool = False) -> BeforeValidator:
    """Refuses true and false where a number is expected: in its lax mode pydantic reads
    ``weight: true`` as 1 and ``reserve: false`` as 0, a weight or a count nobody wrote.
    The error's type, ``number_not_boolean``, is the one :mod:`isgrid.validation` says
    (its hint: write the number).  ``decimal`` (a number that may have decimals): a text
    with digits that is no number as YAML writes one (``1,5``, ``55 %``, ``11 000``) is
    refused as ``number_text``: a number written with a decimal point is expected, not
    « an integer » (pydantic's first word for ``int | float``), and the hint writes it
    when it reads as one (:func:`isgrid.io.text.parse_decimal`)."""
    def check(v: Any) -> Any:
        if isinstance(v, bool):
            raise PydanticCustomError(NOT_BOOLEAN, "{what} is expected here", {"what": what})
        if decimal and isinstance(v, str) and any(ch.isdigit() for ch in v) \
                and not _plain_number(v):
            raise PydanticCustomError(NUMBER_TEXT, "{what} is expected here, written with a "
                                      "decimal point and no spaces", {"what": what})
        return v
    return BeforeValidator(check)


def _plain_number(text: str) -> bool:
    """Whether pydantic reads ``text`` as a number itself (``"50"``, ``"1.5"``)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


_NUMBER = _not_boolean(Message("a number"), decimal=True)
_INTEGER = _not_boolean(Message("an integer"))
#: A number of the grid's or call.yaml's models (an int stays an int); never true or false.
#: Every number of those models is one of these types, the one rule that refuses booleans.
Number = Annotated[int | float, _NUMBER]
#: An integer of those models (a count, a quorum); never true or false.
Integer = Annotated[int, _INTEGER]
#: A float of those models (an int read as a float); never true or false.
Real = Annotated[float, _NUMBER]
#: An optional integer, or float, of those models: bounds given by its ``Field`` (``ge=1``)
#: apply to the number (the JSON Schema's ``minimum``), which ``Integer | None`` would not.
OptionalInteger = Annotated[int | None, _INTEGER]
OptionalReal = Annotated[float | None, _NUMBER]
Mode = Literal["checklist", "profile", "scored"]
Aggregator = Literal["mean", "median", "trimmed-mean"]
Role = Literal["instructeur", "juré"]
#: The role that rates a grid's criteria other than its eliminatory ones: the jury.
JURY_ROLE: Role = "juré"
#: The English words call.yaml's ``role`` also takes (docs/calls.md), read as the role they
#: name: the loaded call keeps the canonical French value (:func:`canonical_role`).
ROLE_WORDS: dict[str, Role] = {"juror": "juré", "jury member": "juré",
                               "instructor": "instructeur"}


def canonical_role(value: object) -> object:
    """``value`` as the role it names: « juror » is « juré », « instructor » is
    « instructeur » (any case); anything else as it is (the model says what is wrong)."""
    if isinstance(value, str):
        return ROLE_WORDS.get(" ".join(value.split()).casefold(), value)
    return value


def typed_role(role: str, lang: str) -> str:
    """``role`` as one types it in ``lang`` (call.yaml's ``role``, ``assign --role``): in
    English the first of :data:`ROLE_WORDS` that names it (« juror », « instructor »: what
    ``call init --lang en`` writes), else the canonical word."""
    if lang == "en":
        return next((word for word, r in ROLE_WORDS.items() if r == role), role)
    return role
ProvenanceStatus = Literal["sourced", "reconstructed", "inferred"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
#: The longest id a grid or a call declares (a dossier's is its file's name too).
ID_MAX_LENGTH = 64
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
DIMENSION_PATTERN = r"^D([1-9]|10)$"


class Strict(BaseModel):
    """Base for every model of the language: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)


class Provenance(Strict):
    """Where a criterion or a parameter comes from, and how sure we are.

    ``sourced``: stated in a source; ``reconstructed``: rebuilt from partial
    sources or recollection, not the original wording; ``inferred``: our own
    reasoning (or a call's own choice) with no source behind it.
    """

    status: ProvenanceStatus
    source: str | None = Field(
        None, description="Source ids of the grid's `sources` (e.g. 'S2, A1') or a short text."
    )
    note: str | None = None


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
        """May an assessor of ``role`` rate this criterion (:attr:`rater`)?"""
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


FactType = Literal["string", "integer", "number", "boolean", "date", "array", "object"]


class FactSpec(Strict):
    """A typed dossier fact that rules read."""

    type: FactType
    label: str | None = None
    description: str | None = None
    unit: str | None = None
    enum: list[str | int | float] | None = None
    minimum: Number | None = None
    maximum: Number | None = None
    items: FactSpec | None = Field(None, description="For arrays: the type of each item.")
    properties: dict[str, FactSpec] | None = Field(None, description="For objects.")
    required: bool = Field(False, description="The dossier must give this fact.")


OPERATORS = (
    "equals",
    "not-equals",
    "in",
    "not-in",
    "lt",
    "le",
    "gt",
    "ge",
    "contains",
    "contains-all",
    "contains-any",
    "present",
    "absent",
)


class FactRef(Strict):
    """A value taken from another fact, optionally scaled: ``{fact: x, times: 0.5}``."""

    fact: str
    times: Number = 1


RuleValue = FactRef | str | int | float | bool | list[str | int | float | bool] | None


class Condition(Strict):
    """A declarative condition: ``{fact: PATH, OP: VALUE}`` or ``all``/``any``/``not``.

    Never evaluated as code.  Exactly one operator (or one combinator) is set.
    """

    fact: str | None = None
    equals: RuleValue = None
    not_equals: RuleValue = Field(None, alias="not-equals")
    in_: list[str | int | float | bool] | None = Field(None, alias="in")
    not_in: list[str | int | float | bool] | None = Field(None, alias="not-in")
    lt: RuleValue = None
    le: RuleValue = None
    gt: RuleValue = None
    ge: RuleValue = None
    contains: RuleValue = None
    contains_all: list[str | int | float | bool] | None = Field(None, alias="contains-all")
    contains_any: list[str | int | float | bool] | None = Field(None, alias="contains-any")
    present: bool | None = None
    absent: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(None, alias="not")
    at_least: OptionalInteger = Field(None, ge=1, description="At least this many of `of` pass.")
    of: list[Condition] | None = Field(None, description="The conditions `at_least` counts.")

    def operator(self) -> tuple[str, Any] | None:
        """The single operator set on a fact condition, with its value."""
        found = [
            (op, getattr(self, _OP_FIELDS[op]))
            for op in OPERATORS
            if _OP_FIELDS[op] in self.model_fields_set
        ]
        return found[0] if len(found) == 1 else None

    @model_validator(mode="after")
    def _one_operator(self) -> Condition:
        combinators = [k for k in ("all", "any", "not_", "at_least")
                       if k in self.model_fields_set]
        ops = [op for op in OPERATORS if _OP_FIELDS[op] in self.model_fields_set]
        if ("at_least" in combinators) != ("of" in self.model_fields_set):
            raise ValueError(Message("`at_least: N` goes with `of: [conditions]`, and `of` with "
                                     "`at_least`"))
        if combinators:
            if len(combinators) > 1 or ops or self.fact is not None:
                raise ValueError(Message(
                    "a condition is either all, any, not or at_least of conditions, alone"))
            return self
        if self.fact is None:
            raise ValueError(Message(
                "a condition needs `fact` and one operator, or all/any/not/at_least"))
        if len(ops) != 1:
            raise ValueError(Message(
                "a fact condition needs exactly one operator of: {operators} (found {found})",
                operators=", ".join(OPERATORS), found=", ".join(ops)) if ops else Message(
                "a fact condition needs exactly one operator of: {operators}",
                operators=", ".join(OPERATORS)))
        return self


_OP_FIELDS = {op: op.replace("-", "_") if op not in ("in",) else "in_" for op in OPERATORS}


class EligibilityRule(Condition):
    """A named eligibility (recevabilité) rule on dossier facts."""

    id: Id
    label: str = Field(min_length=1)
    provenance: Provenance | None = None


class VerdictRule(Strict):
    """A checklist grid's verdict rule: which criteria must be met, combined.

    ``{criterion: ID}`` (optionally ``only_with: [IDs]``: it counts only when one
    of those is met too), or ``all: [...]``, ``any: [...]``, ``at_least: N`` with
    ``of: [...]``: the combinators of eligibility rules, evaluated by the same
    function (:mod:`isgrid.grid.logic`).  Without a rule, a checklist requires
    every core criterion (every criterion when none is flagged core).
    """

    criterion: Id | None = None
    only_with: list[Id] | None = Field(
        None, min_length=1,
        description="The criterion counts only when one of these criteria is met too.")
    all: list[VerdictRule] | None = Field(None, min_length=1)
    any: list[VerdictRule] | None = Field(None, min_length=1)
    at_least: OptionalInteger = Field(None, ge=1, description="At least this many of `of`.")
    of: list[VerdictRule] | None = Field(None, min_length=1)
    label: str | None = Field(None, description="What this part means, in words (shown).")

    @model_validator(mode="after")
    def _one_combinator(self) -> VerdictRule:
        kinds = [k for k in ("criterion", "all", "any", "at_least")
                 if getattr(self, k) is not None]
        if ("at_least" in kinds) != (self.of is not None):
            raise ValueError(Message(
                "`at_least: N` goes with `of: [parts]`, and `of` with `at_least`"))
        if len(kinds) != 1:
            raise ValueError(Message(
                "a verdict part is exactly one of: criterion, all, any, at_least (with of) "
                "(found {found})", found=", ".join(kinds)) if kinds else Message(
                "a verdict part is exactly one of: criterion, all, any, at_least (with of)"))
        if self.only_with is not None and self.criterion is None:
            raise ValueError(Message("`only_with` goes with `criterion`"))
        if self.at_least is not None and self.of is not None and self.at_least > len(self.of):
            raise ValueError(Message("at_least: {at_least} of {n} parts can never be met",
                                     at_least=self.at_least, n=len(self.of)))
        return self

    def criteria_ids(self) -> list[str]:
        """Every criterion the rule reads, in the order written, once."""
        out: list[str] = []
        if self.criterion is not None:
            out.append(self.criterion)
        out.extend(self.only_with or [])
        for part in (self.all or []) + (self.any or []) + (self.of or []):
            out.extend(part.criteria_ids())
        return list(dict.fromkeys(out))


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
    def _shape(self) -> AddItem:
        if self.criterion is not None and not isinstance(self.section, str):
            raise ValueError(Message(
                "to add a criterion, `section` is the id of the section it goes in"))
        if self.criterion is None and isinstance(self.section, str):
            raise ValueError(Message(
                "give `criterion` to add a criterion, or a whole `section` to add one"))
        return self


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
