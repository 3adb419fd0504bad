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

from catalogtexts import LOCALE, catalog_texts

#: a space (ordinary or not) before a mark that ends a word, guillemets, no-break spaces
FRENCH = re.compile(r"[ \u00a0\u202f\u2009][%:;!?](?=[\s)\].,]|$)|[«»\u00a0\u202f]")


def french_in_english() -> list[tuple[str, str, str]]:
    return [(name, k, s) for name, k, s in catalog_texts("en") if FRENCH.search(s)]


def test_the_rule_finds_what_the_review_found() -> None:
    for text in ("Ranks 5–95 %", "Dossier {id} « {title} »", "Note : x", "Why ?"):
        assert FRENCH.search(text), text
    for text in ("Ranks 5–95%", "Dossier {id} “{title}”", "Note: x", "10:30", "a; b",
                 "https://example.org"):
        assert not FRENCH.search(text), text


def test_the_english_catalogs_have_no_french_typography() -> None:
    assert len(list(LOCALE.glob("*.json"))) >= 8  # every catalog is read
    # ...and its English texts walked (catalogtexts.catalog_texts, shared with other scans)
    assert ("sheets.json", "sens.head.ranks", "Ranks 5–95%") in set(catalog_texts("en"))
    assert french_in_english() == []


def test_the_english_sensitivity_heading() -> None:
    sheets = json.loads((LOCALE / "sheets.json").read_text(encoding="utf-8"))
    assert sheets["en"]["sens.head.ranks"] == "Ranks 5–95%"
    assert sheets["fr"]["sens.head.ranks"] == "Rangs 5–95 %"  # French keeps its space


#: French words (or their word-for-word renderings) the glossary (docs/glossary.md) replaces
#: in English: enveloppe is the budget, zone grise the grey zone, proposition du jury the
#: jury's proposal, « Fait à …, le … » a signature's place and date.
NOT_ENGLISH = re.compile(r"\benvelope\b|\bzone grise\b|\bproposition\b|\bdone at\b", re.I)


def test_the_english_catalogs_follow_the_glossary() -> None:
    found = [(name, k, s) for name, k, s in catalog_texts("en") if NOT_ENGLISH.search(s)]
    assert found == []
    seance = json.loads((LOCALE / "seance.json").read_text(encoding="utf-8"))["en"]
    assert seance["grey.title"] == "Grey zone"
    assert seance["signature.date"] == "Signed at ………………, on ………………"
    decisions = json.loads((LOCALE / "decisions.json").read_text(encoding="utf-8"))["en"]
    report = json.loads((LOCALE / "report.json").read_text(encoding="utf-8"))["en"]
    assert decisions["envelope.title"] == report["envelope.title"] == "Budget ±{pct}"
    # the minutes and the committee report say the jury's proposal in the same words
    assert decisions["notice.proposition"].startswith(report["proposition"] + ": ")
