"""The texts of the JSON document catalogs (src/isgrid/locale/*.json), for the tests that
scan what a user reads in one language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import isgrid

LOCALE = Path(isgrid.__file__).parent / "locale"


def _texts(x: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _texts(v, f"{key}.{k}" if key else k)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _texts(v, f"{key}[{i}]")
    elif isinstance(x, str):
        yield key, x


def catalog_texts(lang: str) -> Iterator[tuple[str, str, str]]:
    """(file name, key, text) for every text of each catalog's ``lang`` half, the catalogs
    in name order; a nested text's key is its path (``a.b``, ``a[0]``)."""
    for path in sorted(LOCALE.glob("*.json")):
        half = json.loads(path.read_text(encoding="utf-8")).get(lang, {})
        for key, text in _texts(half):
            yield path.name, key, text
