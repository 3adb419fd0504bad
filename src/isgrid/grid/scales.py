"""Reading a rating value against a scale.

People write ratings as numbers (``3``, ``3,5``), as level labels
(``Plutôt présent``), as n/a (``NE``, ``na``, ``n/a``), or leave the cell empty
(a missing rating, never a zero).  This module is the one place that decides
what a written value means.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import Message, excerpt
from ..io.text import parse_decimal
from ..messages import Numbers
from .model import Scale

NA_TOKENS = {"na", "n/a", "ne", "n.e.", "nc", "sans objet"}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


@dataclass(frozen=True)
class Parsed:
    value: float | None
    na: bool
    error: Message | None = None


def allowed_values(scale: Scale) -> list[float]:
    vals = sorted(float(level.value) for level in scale.levels)
    if scale.half_steps:
        halves = [(a + b) / 2 for a, b in itertools.pairwise(vals)]
        vals = sorted(vals + halves)
    return vals


def parse_value(raw: Any, scale: Scale, scale_id: str = "") -> Parsed:
    """Interpret one written rating against ``scale`` (``scale_id``: its id in the grid,
    named in the setting that accepts half steps).  A number read from a cell (an int or a
    float) is written back as its language writes it (« 2,5 » in French); a text as typed."""
    if raw is None:
        return Parsed(None, False)
    if isinstance(raw, bool):
        raw = int(raw)
    if isinstance(raw, int | float):
        num: float | None = float(raw)
        text: str | None = None
    else:
        text = str(raw).strip()
        if not text:
            return Parsed(None, False)
        if _norm(text) in NA_TOKENS:
            if not scale.na:
                return Parsed(None, False, Message("n/a is not allowed on this scale"))
            return Parsed(None, True)
        num = parse_decimal(text)
        if num is None:
            for level in scale.levels:
                if _norm(level.label) == _norm(text):
                    return Parsed(float(level.value), False)
            labels = ", ".join(level.label for level in scale.levels)
            return Parsed(None, False, Message("{value} is neither a value nor a label ({labels})",
                                               value=excerpt(text), labels=labels))
    assert num is not None
    for v in allowed_values(scale):
        if abs(v - num) < 1e-9:
            return Parsed(v, False)
    shown = excerpt(text) if text is not None else Numbers([num])
    values = Numbers(allowed_values(scale))
    if not scale.half_steps:
        levels = sorted(float(level.value) for level in scale.levels)
        if any(abs((a + b) / 2 - num) < 1e-9 for a, b in itertools.pairwise(levels)):
            return Parsed(None, False, Message(
                "{value} is a half step, and the scale has no half steps ({values}); "
                "{setting} in call.yaml accepts them", value=shown, values=values,
                setting=half_steps_setting(scale_id)))
    return Parsed(None, False, Message("{value} is not a value of the scale ({values})",
                                       value=shown, values=values))


def half_steps_setting(scale_id: str) -> str:
    """The line of ``call.yaml`` that gives a scale half steps, as the guide writes it
    (« set: {scales.note04.half_steps: true} »): a shipped grid is adjusted there, never
    edited."""
    return f"`set: {{scales.{scale_id or '<id>'}.half_steps: true}}`"


def level_label(scale: Scale, value: float | None) -> str | None:
    if value is None:
        return None
    for level in scale.levels:
        if abs(float(level.value) - value) < 1e-9:
            return level.label
    return None
