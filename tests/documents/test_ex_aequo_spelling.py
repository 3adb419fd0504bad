"""French readers see « ex æquo », one spelling everywhere.  Found by a review: the committee
report's legend read « ex aequo ex æquo » (the short flag of the séance catalog said « ex
aequo », the report's flag label « ex æquo »), and the zone grise said « ex aequo sur la ligne
de financement » next to letters saying « Ex æquo sur la ligne de financement ».

Scanned: the French halves of the JSON catalogs (src/isgrid/locale/*.json), the French
gettext catalog's translations (isgrid.po) and the French guide (docs/fr/).  Codes, flags and
identifiers (``tie-at-line``) are not French texts and are not scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from babel.messages.pofile import read_po

from catalogtexts import LOCALE, catalog_texts
from testpaths import ROOT

PO = LOCALE / "fr" / "LC_MESSAGES" / "isgrid.po"
GUIDE = ROOT / "docs" / "fr"
#: the spelling without the ligature (« ex aequo », « ex-aequo », « Ex Aequo », split by a line end)
ASCII_SPELLING = re.compile(r"\bex[\s\u00a0-]+aequo\b", re.IGNORECASE)


def french_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every French text a user reads from the catalogs and the guide."""
    for name, key, text in catalog_texts("fr"):
        yield f"{name}:{key}", text
    with PO.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text:
                yield f"isgrid.po:{message.id!r}", text
    for path in sorted(GUIDE.glob("*.md")):
        yield f"docs/fr/{path.name}", path.read_text(encoding="utf-8")


def test_the_pattern_finds_the_spellings_the_review_found() -> None:
    for text in ("ex aequo ligne", "Ex aequo sur la ligne", "dossiers ex\naequo", "ex-aequo"):
        assert ASCII_SPELLING.search(text), text
    for text in ("ex æquo ligne", "Ex æquo sur la ligne", "tie-at-line", "index aequorum"):
        assert not ASCII_SPELLING.search(text), text


def test_french_texts_write_ex_aequo_with_the_ligature() -> None:
    texts = list(french_texts())
    found = [(w, m.group(0)) for w, t in texts for m in ASCII_SPELLING.finditer(t)]
    assert found == [], found
    # the scan reads what it should: the catalogs' and the guide's own « ex æquo »
    where = {w.split(":")[0] for w, t in texts if "ex æquo" in t.lower()}
    assert {"report.json", "seance.json", "decisions.json", "isgrid.po",
            "docs/fr/la-seance.md"} <= where, where
