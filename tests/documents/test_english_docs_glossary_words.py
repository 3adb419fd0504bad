"""The English docs say the glossary's English words (docs/glossary.md): « grey zone » for the
zone grise, « budget » for the enveloppe.  A review of the English docs found « the zone
grise » and « the envelope » in their prose (the committee report's English section is
« Grey zone », its table « Budget ±10 % »).

Scanned: docs/*.md (the English docs; docs/fr is the French guide, docs/glossary.md gives
both languages' words), without what is not prose: code spans (`kind: envelope`,
`isgrid.analysis.envelope`), code blocks, quotes of a French document's text (« … »), and
the generated reference's identifiers (`Envelope`)."""

from __future__ import annotations

import re

from testpaths import ROOT

DOCS = ROOT / "docs"
#: the French words the glossary gives English words for, and the word the review found
FRENCH = re.compile(r"\bzone\s+grise\b|\benvelope\b", re.IGNORECASE)


def prose(text: str) -> str:
    """``text`` without its code blocks, code spans and French quotes (« … », nested once)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"``.*?``|`[^`]*`", " ", text, flags=re.DOTALL)  # a span may go on a line
    text = re.sub(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»", " ", text)
    return re.sub(r"^### `\w+`$", " ", text, flags=re.MULTILINE)


def test_the_scan_finds_what_the_review_found() -> None:
    for said in ("the zone grise (below)", "the **zone grise**", "Zone grise at 20,000",
                 "the envelope ±10 % table", "another envelope;"):
        assert FRENCH.search(prose(said)), said
    for kept in ("`kind: envelope`", "`isgrid.analysis.envelope.envelope_table`",
                 "« Enveloppe ±10 % »", "« tiennent dans l'enveloppe »",
                 "« la zone grise »", "zone-grise", "the grey zone", "the budget"):
        assert not FRENCH.search(prose(kept)), kept


def test_the_english_docs_say_grey_zone_and_budget() -> None:
    pages = [p for p in sorted(DOCS.glob("*.md")) if p.name != "glossary.md"]
    assert len(pages) > 10  # the scan reads the docs
    found = [(p.name, m.group(0), prose(p.read_text(encoding="utf-8"))[
        max(0, m.start() - 40):m.end() + 40].replace("\n", " "))
        for p in pages for m in FRENCH.finditer(prose(p.read_text(encoding="utf-8")))]
    assert found == [], found
