"""The séance view's messages (``locale/seance.json``) with French typography.

Used by the séance view, the tableau de séance, the committee report's zone grise, legend,
agenda reasons and signature block (``st`` in templates).
"""

from __future__ import annotations

from typing import Any

from ..i18n import Translator
from .typography import french_spacing, plural_form


class SpacedTranslator(Translator):
    """The ``seance`` catalog with French typography (:func:`.typography.french_spacing`:
    narrow no-break spaces before « : ; ! ? € % » and inside « ») on every French message."""

    def __call__(self, key: str, /, **kwargs: Any) -> str:
        text = super().__call__(key, **kwargs)
        return french_spacing(text) if self.lang == "fr" else text


def seance_translator(lang: str) -> Translator:
    """The séance view's messages (``locale/seance.json``), French typography applied."""
    return SpacedTranslator("seance", lang if lang in ("fr", "en") else "fr")


#: fewer jurés rated the dossier than were expected on it: ``ratings-missing:<rated>/<expected>``
MISSING = "ratings-missing"


def missing_words(arg: str, lang: str, *, narrow: bool = False) -> str:
    """A ``ratings-missing:<rated>/<expected>`` flag in a few words, the counts said apart
    as the committee report's sentence says them: « noté par 2 jurés sur 3 », « noté par
    1 juré sur 2 », "rated by 2 of 3 jurors".  ``narrow``: the 80-column table of
    ``isgrid score``, whose flags get the ~19 columns an amount leaves: « notes : 2/3 jurés »."""
    t = seance_translator(lang)
    if narrow:
        return t("short.ratings-missing.narrow", arg=arg)
    rated, _, expected = arg.partition("/")
    form = plural_form(int(rated), lang) if rated.isdigit() else "other"
    return t(f"short.ratings-missing.{form}", rated=rated, expected=expected)
