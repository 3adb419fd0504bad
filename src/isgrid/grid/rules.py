"""The declarative rules of the grid language: the typed dossier facts rules read
(:class:`FactSpec`), a condition on them (:class:`Condition`: one operator, or
all/any/not/at_least of conditions; never evaluated as code), the named eligibility rules
built on it (:class:`EligibilityRule`), and a checklist's verdict rule on the criteria
(:class:`VerdictRule`).  :mod:`.model`'s :class:`~.model.Grid` holds them (and re-exports
them); :mod:`.facts` and :mod:`.logic` evaluate them.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

from typing import Any, Literal

from pydantic import Field, model_validator

from ..errors import Message
from .base import Id, Number, OptionalInteger, Provenance, Strict

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
    items: "FactSpec | None" = Field(None, description="For arrays: the type of each item.")
    properties: "dict[str, FactSpec] | None" = Field(None, description="For objects.")
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
    all: "list[Condition] | None" = None
    any: "list[Condition] | None" = None
    not_: "Condition | None" = Field(None, alias="not")
    at_least: OptionalInteger = Field(None, ge=1, description="At least this many of `of` pass.")
    of: "list[Condition] | None" = Field(None, description="The conditions `at_least` counts.")

    def operator(self) -> tuple[str, Any] | None:
        """The single operator set on a fact condition, with its value."""
        found = [
            (op, getattr(self, _OP_FIELDS[op]))
            for op in OPERATORS
            if _OP_FIELDS[op] in self.model_fields_set
        ]
        return found[0] if len(found) == 1 else None

    @model_validator(mode="after")
    def _one_operator(self) -> "Condition":
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
    all: "list[VerdictRule] | None" = Field(None, min_length=1)
    any: "list[VerdictRule] | None" = Field(None, min_length=1)
    at_least: OptionalInteger = Field(None, ge=1, description="At least this many of `of`.")
    of: "list[VerdictRule] | None" = Field(None, min_length=1)
    label: str | None = Field(None, description="What this part means, in words (shown).")

    @model_validator(mode="after")
    def _one_combinator(self) -> "VerdictRule":
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
