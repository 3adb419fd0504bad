"""The hints of a located error in one of call.yaml's typed blocks (:mod:`.blocks`,
:mod:`.meeting_models`): what the key expects, or which keys the mapping takes, and
which document describes the block (``isgrid call check``, :mod:`isgrid.call.config`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..errors import Message
from .blocks import (
    CalibrationConfig,
    Dispositif,
    Envelope,
    Intake,
    Letters,
    MaxCount,
    MinCount,
    Retention,
    SensitivityConfig,
)
from .meeting_models import Meeting

#: The call.yaml blocks with typed models, and the document that explains each.
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

#: Each block's models, which the hints walk.
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
