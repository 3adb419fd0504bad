"""English documents said the French « déport » (« déport » in the flags column of
``isgrid score --lang en``, « Members déportés for this dossier must leave the room »):
English says what the glossary says (docs/glossary.md: déport, recusal), in every English
text of the JSON catalogs."""

from __future__ import annotations

import json
import re

from isgrid.documents.text import flag_words
from testpaths import ROOT


def test_the_glossary_says_recusal() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert "| déport | recusal (conflict of interest) |" in glossary


def test_no_english_catalog_text_says_deport() -> None:
    said = {}
    for path in sorted((ROOT / "src" / "isgrid" / "locale").glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8"))["en"].items():
            if isinstance(text, str) and re.search(r"d[ée]port", text, re.IGNORECASE):
                said[f"{path.name}:{key}"] = text
    assert said == {}


def test_the_flag_in_english_and_in_french() -> None:
    assert flag_words("conflict-excluded:j2", "en") == "recusal"
    assert flag_words("conflict-excluded:j2", "fr") == "déport"
