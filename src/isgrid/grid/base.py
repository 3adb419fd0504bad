"""What every model of the grid language and of call.yaml is built on: the numbers
that are never true or false (:data:`Number`, :data:`Integer`…), the ids, the assessors'
roles (:data:`JURY_ROLE`, the English words call.yaml's ``role`` takes), the base model
that refuses unknown keys (:class:`Strict`), and a parameter's :class:`Provenance`.

:mod:`.model` (the grid) and :mod:`isgrid.call.model` build on it; :mod:`.model`
re-exports these names, where the rest of the package finds them.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
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


class Strict(BaseModel):
    """Base for every model of the language: unknown keys are errors."""

    # defer_build: a model's validator is built when it first validates, not at import (a
    # command builds those it uses: ``score`` at 2 M ratings starts about 0.08 s sooner)
    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False,
                              defer_build=True)


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
