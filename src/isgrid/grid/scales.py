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
from ..io.text import folded, parse_decimal
from ..messages import Levels, Numbers, Quoted
from .model import Scale

NA_TOKENS = {"na", "n/a", "ne", "n.e.", "nc", "sans objet"}
#: n/a as an English call also writes it (« N.A. », « not applicable »).
NA_TOKENS_EN = NA_TOKENS | {"n.a.", "n.a", "not applicable"}
#: A level's label as an English call also reads it (docs/calls.md): the grid keeps its
#: sources' words (« oui », « non »), a rating of a call in English may say « yes », « no ».
#: Keys and words folded (:func:`isgrid.io.text.folded`).
LABELS_EN = {"oui": "yes", "non": "no"}


def label_words(scale: Scale, lang: str) -> dict[float, str]:
    """Each level's value -> its label as a workbook in ``lang`` shows it (drop-down,
    guidance, prefilled cells): in English, « oui », « non » are « yes », « no »
    (:data:`LABELS_EN`, which reading takes back as the grid's labels); any other label,
    and every label in French, as the grid writes it.  Should two levels then read alike
    (a scale with both « oui » and « yes »), the grid's labels are shown."""
    grid = {float(level.value): level.label for level in scale.levels}
    if lang != "en":
        return grid
    shown = {v: _english(label) for v, label in grid.items()}
    return shown if len({folded(w) for w in shown.values()}) == len(shown) else grid


def _english(label: str) -> str:
    word = LABELS_EN.get(folded(label))
    if word is None:
        return label
    return word.upper() if label.isupper() and len(label) > 1 else (
        word.capitalize() if label[:1].isupper() else word)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


@dataclass(frozen=True)
class Parsed:
    value: float | None
    na: bool
    error: Message | None = None
    #: what to write instead, when the code's own hint would mislead (it offers NE, which
    #: a scale without n/a refuses); None: the code's
    hint: Message | None = None
    #: a number read that lies strictly between two values of the scale: those two
    #: (below, above), the ones to choose from (« 2,5 » on 0–3: 2 and 3); None otherwise
    between: tuple[float, float] | None = None


def allowed_values(scale: Scale) -> list[float]:
    vals = sorted(float(level.value) for level in scale.levels)
    if scale.half_steps:
        halves = [(a + b) / 2 for a, b in itertools.pairwise(vals)]
        vals = sorted(vals + halves)
    return vals


def parse_value(raw: Any, scale: Scale, scale_id: str = "", lang: str = "fr") -> Parsed:
    """Interpret one written rating against ``scale`` (``scale_id``: its id in the grid,
    named in the setting that accepts half steps).  A number read from a cell (an int or a
    float) is written back as its language writes it (« 2,5 » in French); a text as typed.
    ``lang``: the call's language; in English, n/a is also « N.A. » or « not applicable »
    (:data:`NA_TOKENS_EN`) and the labels « oui », « non » also read « yes », « no »
    (:data:`LABELS_EN`)."""
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
        if _norm(text) in (NA_TOKENS_EN if lang == "en" else NA_TOKENS):
            if not scale.na:
                return Parsed(None, False, Message("n/a is not allowed on this scale"),
                              no_na_hint(scale))
            return Parsed(None, True)
        num = parse_decimal(text)
        if num is None:
            return _label(text, scale, lang)
    assert num is not None
    allowed = allowed_values(scale)
    for v in allowed:
        if abs(v - num) < 1e-9:
            return Parsed(v, False)
    hint = None if scale.na else no_na_hint(scale)
    shown = excerpt(text) if text is not None else Numbers([num])
    values = Numbers(allowed)
    between = next(((a, b) for a, b in itertools.pairwise(allowed) if a < num < b), None)
    if not scale.half_steps:
        levels = sorted(float(level.value) for level in scale.levels)
        if any(abs((a + b) / 2 - num) < 1e-9 for a, b in itertools.pairwise(levels)):
            return Parsed(None, False, Message(
                "{value} is a half step, and the scale has no half steps ({values}); "
                "{setting} in call.yaml accepts them", value=shown, values=values,
                setting=half_steps_setting(scale_id)), hint, between)
    return Parsed(None, False, Message("{value} is not a value of the scale ({values})",
                                       value=shown, values=values), hint, between)


def _label(text: str, scale: Scale, lang: str = "fr") -> Parsed:
    """The level ``text`` names: its label as written (any case), else the one label it
    reads as once accents, case and spacing are set aside (:func:`isgrid.io.text.folded`:
    « Tres bon » is « Très bon »), else, in an English call, the one label whose English
    word it is (« yes » is « oui », :data:`LABELS_EN`); two labels read alike are said,
    never guessed."""
    for level in scale.levels:
        if _norm(level.label) == _norm(text):
            return Parsed(float(level.value), False)
    key = folded(text)
    found = [level for level in scale.levels if folded(level.label) == key]
    if not found and lang == "en":
        found = [level for level in scale.levels if LABELS_EN.get(folded(level.label)) == key]
    if len(found) == 1:
        return Parsed(float(found[0].value), False)
    hint = None if scale.na else no_na_hint(scale)
    if found:
        return Parsed(None, False, Message(
            "{value} may be either of the labels {labels}: write the one meant with its "
            "accents", value=excerpt(text), labels=", ".join(lv.label for lv in found)), hint)
    labels = ", ".join(_said(level.label, lang) for level in scale.levels)
    # the value between its language's quotes (« oui », “oui”), as every quoted text
    return Parsed(None, False, Message("{value} is neither a value nor a label ({labels})",
                                       value=Quoted([_clipped(text)]), labels=labels), hint)


def _clipped(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: cut to ``limit`` characters (with its length)."""
    return text if len(text) <= limit else f"{text[:limit - 12]}… ({len(text):,} chars)"


def _said(label: str, lang: str) -> str:
    """A level's label as a message lists it: in an English call, with the English word
    it also reads as (« oui (yes) »)."""
    word = LABELS_EN.get(folded(label)) if lang == "en" else None
    return f"{label} ({word})" if word else label


def no_na_hint(scale: Scale) -> Message:
    """What to write in a cell of a scale that takes no n/a (NE): never NE (the code's
    own hint offers it, which such a scale refuses)."""
    labels = ", ".join(level.label for level in sorted(scale.levels, key=lambda lv: lv.value))
    return Message("Use a level of the scale ({labels}), its value, or leave the cell "
                   "empty: this scale takes no N/A (not applicable) or NE.", labels=labels)


def levels_hint(scale: Scale) -> Message:
    """What to type for a value of ``scale`` (``isgrid consensus set``): each level with
    its label, and the half steps when the scale accepts them (review s18 F8: the hint
    said only to give the dossier, the criterion, the value and the reason)."""
    ordered = sorted(scale.levels, key=lambda lv: lv.value)
    levels = Levels((float(lv.value), lv.label) for lv in ordered)
    if not scale.half_steps:
        return Message("Give one of the scale's levels: {levels}.", levels=levels)
    halves = Numbers((float(a.value) + float(b.value)) / 2
                     for a, b in itertools.pairwise(ordered))
    return Message("Give one of the scale's levels: {levels}; half steps ({halves}) are "
                   "accepted too.", levels=levels, halves=halves)


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
