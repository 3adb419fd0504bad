"""Fiches in PDF laid out in parts (bounded memory) and joined into one file: the same
pages, running headers and numbers as one layout, and the same bytes on a rerun."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.documents import pdf as pdf_module
from isgrid.documents.output import render_report
from isgrid.documents.pdf import html_parts_to_pdf
from isgrid.engine import score
from report_calls import big_call, weasyprint_usable

pytestmark = pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")

HEADER = re.compile(r"Appel à projets régional \(300 dossiers fictifs\) (D\d{3}) Document interne")
PAGE_CSS = """<style>
.sub { string-set: call content(); }
code { string-set: dossier content(); }
section { break-before: page; }
section:first-of-type { break-before: auto; }
@page { size: A4; margin: 18mm;
  @top-left { content: string(call); }
  @top-center { content: string(dossier); }
  @bottom-right { content: counter(page) " / " counter(pages); } }
</style>"""


def part(*sections: str) -> str:
    body = "".join(f"<section><code>{s}</code><p>{s} texte</p></section>" for s in sections)
    return (f"<!DOCTYPE html><html><head>{PAGE_CSS}</head><body>"
            f"<p class='sub'>Appel test</p>{body}</body></html>")


def pages_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(BytesIO(data)).pages]


def test_parts_are_numbered_across_the_whole_document() -> None:
    # part 1: one section (1 page); part 2: two sections, each on its own page (2 pages):
    # 3 pages in all, numbered 1 / 3, 2 / 3, 3 / 3, whatever part a page came from
    data = html_parts_to_pdf(iter([part("A1"), part("B1", "B2")]))
    pages = pages_text(data)
    assert len(pages) == 3
    for i, (name, text) in enumerate(zip(["A1", "B1", "B2"], pages, strict=True), start=1):
        assert f"{i} / 3" in text
        assert name in text and "Appel test" in text
    assert "1 / 1" not in pages[0] and "1 / 2" not in pages[1]  # no part's own numbers
    assert html_parts_to_pdf(iter([part("A1"), part("B1", "B2")])) == data


def _flat(reader: Any, items: list[Any], depth: int = 0) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            out += _flat(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item)))
    return out


def test_fiches_in_parts_are_the_fiches_of_one_layout(tmp_path: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    call = load_call(big_call(tmp_path, n=12))
    result = score(call)
    order = [d.id for d in result.dossiers][:3]  # three fiches, in the result's order
    whole = render_report(call, result, "fiches", "pdf", dossiers=order)[0][1]  # one layout
    layouts: list[int] = []
    real = pdf_module.html_to_pdf

    def counted(html: str, **options: Any) -> bytes:
        layouts.append(len(html))
        return real(html, **options)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counted)
    parts = render_report(call, result, "fiches", "pdf", dossiers=order, batch_size=2)[0][1]
    # 3 fiches 2 at a time: 2 parts, then 1 layout of the page numbers
    assert len(layouts) == 3
    monkeypatch.setattr(pdf_module, "html_to_pdf", real)
    assert render_report(call, result, "fiches", "pdf", dossiers=order, batch_size=2)[0][1] == parts
    one, joined = PdfReader(BytesIO(whole)), PdfReader(BytesIO(parts))
    texts = [p.extract_text() for p in joined.pages]
    assert texts == [p.extract_text() for p in one.pages]  # the same words on every page
    n = len(texts)
    assert n >= 3  # a fiche starts a page
    named = []
    for i, text in enumerate(texts, start=1):
        assert f"{i} / {n}" in text  # numbered across the parts
        # the running header: the call, the dossier of the fiche, the level
        head = HEADER.search(text)
        assert head, f"page {i} has no running header"
        if not named or named[-1] != head.group(1):
            named.append(head.group(1))
    assert named == order  # each fiche's pages name it, in the result's order
    assert sum("Fiches des dossiers" in t for t in texts) == 1  # the visible head: once
    assert sum("Annexe" in t for t in texts) == 1  # the annex: once, at the end
    assert "Annexe" in texts[-1]
    # the outline: the title, then every fiche's title under it, on the same pages
    assert _flat(joined, joined.outline) == _flat(one, one.outline)
    assert set(joined.named_destinations) == {f"fiche-{d}" for d in order}
    assert joined.metadata == one.metadata  # pinned dates, the document's title
