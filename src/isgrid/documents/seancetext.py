"""The séance view's messages (``locale/seance.json``) with French typography.

Used by the séance view, the tableau de séance, the committee report's zone grise, legend,
agenda reasons and signature block (``st`` in templates).
"""

from __future__ import annotations

from typing import Any

from ..i18n import Translator
from .typography import french_spacing


class SpacedTranslator(Translator):
    """The ``seance`` catalog with French typography (:func:`.typography.french_spacing`:
    narrow no-break spaces before « : ; ! ? € % » and inside « ») on every French message."""

    def __call__(self, key: str, /, **kwargs: Any) -> str:
        text = super().__call__(key, **kwargs)
        return french_spacing(text) if self.lang == "fr" else text


def seance_translator(lang: str) -> Translator:
    """The séance view's messages (``locale/seance.json``), French typography applied."""
    return SpacedTranslator("seance", lang if lang in ("fr", "en") else "fr")
