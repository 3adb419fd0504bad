"""Message catalogs for everything a user reads (reports, questionnaires, sheets).

Each feature keeps its messages in its own catalog, ``isgrid/locale/<domain>.json``:
``{"fr": {"key": "texte"}, "en": {"key": "text"}}``.  French is the default for
documents; a missing English message falls back to French rather than failing,
and a test checks that every catalog has the same keys in both languages.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

LANGS = ("fr", "en")


def _locale_dir() -> Path:
    return Path(str(resources.files("isgrid"))) / "locale"


@cache
def catalog(domain: str) -> dict[str, dict[str, str]]:
    path = _locale_dir() / f"{domain}.json"
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def domains() -> list[str]:
    return sorted(p.stem for p in _locale_dir().glob("*.json"))


class Translator:
    """``t("key", n=3)`` in one language of one catalog."""

    def __init__(self, domain: str, lang: str = "fr") -> None:
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}")
        self.domain = domain
        self.lang = lang
        self._cat = catalog(domain)

    def __call__(self, key: str, /, **kwargs: Any) -> str:
        text = self._cat.get(self.lang, {}).get(key)
        if text is None:
            text = self._cat["fr"].get(key, key)
        return text.format(**kwargs) if kwargs else text


def translator(domain: str, lang: str = "fr") -> Translator:
    return Translator(domain, lang)
