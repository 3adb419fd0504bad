"""The Word minutes (procès-verbal) end on their signatures, kept whole on one page: the
heading « Signatures », the offices, the names and the room to sign never part across a
page break (each row unsplittable, each row kept with the next, the heading with the
table), and the document ends on a paragraph of its own that cannot push an empty page
after the table (Word adds a paragraph mark after a final table: full size, it spilled
onto a blank last page when the table ended at the foot of a page).

Read with python-docx, on tests/fixtures/pv-cd67 (the reviewer's call).
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from isgrid.analysis.envelope import envelope_table
from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from testpaths import FIXTURES


def _minutes(lang: str = "fr") -> Document:
    call = load_call(FIXTURES / "pv-cd67")
    result = score(call)
    data = render_minutes(call, result, "pv", "docx", lang=lang, envelope=envelope_table(result))
    return Document(io.BytesIO(data))


def test_the_signatures_stay_whole_and_the_document_ends_on_them() -> None:
    doc = _minutes()
    body = [el for el in doc.element.body.iterchildren() if el.tag != qn("w:sectPr")]
    # the last things: the heading, the signatures' table, one closing paragraph
    heading, table, last = body[-3:]
    assert "".join(t.text for t in heading.iter(qn("w:t"))) == "Signatures"
    assert table.tag == qn("w:tbl")
    rows = table.findall(qn("w:tr"))
    cells = ["".join(t.text for t in tr.iter(qn("w:t"))) for tr in rows]
    assert cells == ["PrésidenceSecrétariat", "Mme KleinM. Meyer",
                     "Signature\u00a0:Signature\u00a0:"]
    for tr in rows:  # no row split across a page break
        assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    for tr in rows[:-1]:  # every row kept with the next: the table on one page
        for p in tr.iter(qn("w:p")):
            assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    # the heading goes with the table (its style keeps it with the next paragraph)
    para = next(p for p in doc.paragraphs if p.text == "Signatures")
    assert para.style.paragraph_format.keep_with_next or para.paragraph_format.keep_with_next
    # the closing paragraph: empty, one point high, no spacing, no page break
    assert last.tag == qn("w:p")
    closing = doc.paragraphs[-1]
    assert closing.text == ""
    assert closing.paragraph_format.space_before == 0
    assert closing.paragraph_format.space_after == 0
    assert closing.paragraph_format.line_spacing is not None
    assert closing.paragraph_format.line_spacing.pt <= 1
    assert not list(last.iter(qn("w:br")))
    assert last.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None


def test_in_english_too() -> None:
    doc = _minutes("en")
    assert doc.paragraphs[-1].text == ""
    assert any(p.text == "Signatures" for p in doc.paragraphs)
    last_table = doc.tables[-1]
    assert last_table.rows[0].cells[0].text == "Chair"
