"""An ODS cell's text is read within bounds (the hostile review's finds): a 2 KB file
asking for 2,000,000,000 spaces ended in a MemoryError, 200,000 nested spans in a
RecursionError, and ``text:c="abc"`` in an unlocated error."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

from isgrid.intake.sheets import MAX_CELL_CHARS, _text

NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def para(inner: str) -> str:
    return _text(fromstring(f"<text:p {NS}>{inner}</text:p>"))


def test_the_text_in_document_order() -> None:
    assert para('a<text:s text:c="3"/>b<text:span>c<text:tab/>d</text:span>e'
                "<text:line-break/>f") == "a   bc\tde\nf"
    assert para('x<text:s text:c="abc"/>y') == "x y"  # a count that is none: one space


def test_bounded() -> None:
    assert len(para('<text:s text:c="2000000000"/>')) == MAX_CELL_CHARS
    deep = "<text:span>" * 200_000 + "z" + "</text:span>" * 200_000
    assert para(deep) == "z"
