"""English prose says « recusal », as the messages and catalogs do; « déport » stays only
where it names the French term (the glossary, a French text quoted « … », a code span).

The English docs borrowed « déport » (« a déport », « déporté from », « members
déportés »), and so did the reports' field descriptions (``isgrid.documents.models``,
the reference docs/reports.md is generated from).
"""

from __future__ import annotations

import re

from testpaths import ROOT

#: The docs written in English (docs/fr/, intake.md and personal-data.md are French; the
#: glossary pairs both languages; jury-web.md is French, then English from « ## English »).
ENGLISH = ("api", "calls", "compare", "decisions", "diagnostics", "engine", "grid-language",
           "grids", "jury", "performance", "reports", "result", "security",
           "self-assessment")
#: A French text quoted, or a code span: the words as they are written elsewhere.
QUOTED = re.compile(r"«[^»]*»|`[^`]*`", re.S)
BORROWED = re.compile(r"d[ée]port[ée]?s?\b", re.I)


def _borrowed(text: str) -> list[str]:
    prose = QUOTED.sub("", text)
    return [line.strip() for line in prose.splitlines() if BORROWED.search(line)]


def test_the_english_docs_say_recusal() -> None:
    found = {}
    for name in ENGLISH:
        text = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
        found[name] = _borrowed(text)
    web = (ROOT / "docs" / "jury-web.md").read_text(encoding="utf-8")
    found["jury-web (English)"] = _borrowed(web[web.index("\n## English\n"):])
    found["README"] = [line for line in _borrowed(
        (ROOT / "README.md").read_text(encoding="utf-8"))
        if "ligne de financement" not in line]  # the French list of the glossary's words
    assert {k: v for k, v in found.items() if v} == {}


def test_the_reports_field_descriptions_say_recusal() -> None:
    from isgrid.documents.models import reference_markdown

    assert _borrowed(reference_markdown()) == []
