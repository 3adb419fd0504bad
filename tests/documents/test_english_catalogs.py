"""The English texts of the JSON catalogs (src/isgrid/locale/*.json, their "en" halves) are
written the English way: no space before « % : ; ! ? », no French guillemets « », no
no-break spaces (French typography, isgrid.i18n.french_spacing, is for the French texts
only).  Found by a review: the sensitivity workbook's English heading read « Ranks 5–95 % »
(English writes « 5–95% »), and the minutes' English deliberations quoted a title
« Dossier D1 « Recyclerie », … ».
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import isgrid

LOCALE = Path(isgrid.__file__).parent / "locale"
#: a space (ordinary or not) before a mark that ends a word, guillemets, no-break spaces
FRENCH = re.compile(r"[ \u00a0\u202f\u2009][%:;!?](?=[\s)\].,]|$)|[«»\u00a0\u202f]")


def _texts(x: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _texts(v, f"{key}.{k}" if key else k)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _texts(v, f"{key}[{i}]")
    elif isinstance(x, str):
        yield key, x


def french_in_english() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(LOCALE.glob("*.json")):
        english = json.loads(path.read_text(encoding="utf-8")).get("en", {})
        out += [(path.name, k, s) for k, s in _texts(english) if FRENCH.search(s)]
    return out


def test_the_rule_finds_what_the_review_found() -> None:
    for text in ("Ranks 5–95 %", "Dossier {id} « {title} »", "Note : x", "Why ?"):
        assert FRENCH.search(text), text
    for text in ("Ranks 5–95%", "Dossier {id} “{title}”", "Note: x", "10:30", "a; b",
                 "https://example.org"):
        assert not FRENCH.search(text), text


def test_the_english_catalogs_have_no_french_typography() -> None:
    assert len(list(LOCALE.glob("*.json"))) >= 8  # every catalog is read
    assert french_in_english() == []


def test_the_english_sensitivity_heading() -> None:
    sheets = json.loads((LOCALE / "sheets.json").read_text(encoding="utf-8"))
    assert sheets["en"]["sens.head.ranks"] == "Ranks 5–95%"
    assert sheets["fr"]["sens.head.ranks"] == "Rangs 5–95 %"  # French keeps its space
