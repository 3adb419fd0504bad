"""The fiches for a reader who does not see them (RGAA 3.1, WCAG 1.3.1 / 1.4.1): a recused
juror's rating, which does not count, says so in words in the HTML (and so in the PDF's
text), as the Markdown does, not by strike-through and grey alone."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from report_calls import weasyprint_usable
from workspacecalls import alsace


@pytest.mark.parametrize(("lang", "words"), [("fr", "(écartée, déport)"),
                                             ("en", "(excluded, recusal)")])
def test_a_recused_rating_is_said_in_words(tmp_path: Path, lang: str, words: str) -> None:
    # examples/alsace-2016: j2 (Marc Wendling) recused from AL16-01 after rating it,
    # 7 criteria: 7 of his ratings set aside, none of the other jurors'
    call = load_call(alsace(tmp_path))
    [(_, page)] = render_report(call, score(call), "fiches", "html", level="interne",
                                lang=lang, dossiers=["AL16-01"])
    html = page.decode("utf-8")
    struck = re.findall(r'<li class="excl"><span class="who">([^<]+)</span>'
                        r' <span class="excl-note">\(([^)]+)\)</span>', html)
    assert struck == [("Marc Wendling", words[1:-1])] * 7
    assert html.count('<li class="excl">') == 7


def _tagged(data: bytes) -> tuple[Any, dict[int, list[Any]]]:
    """The PDF's reader, after checking it is tagged, and its parent tree (key: elements)."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/Lang"] == "fr"
    nums = root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    keys = [int(k) for k in nums[0::2]]
    assert len(keys) == len(set(keys))  # no key twice (a later part's not laid over)
    return reader, {int(k): v.get_object() for k, v in zip(nums[0::2], nums[1::2], strict=True)}


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")
def test_the_fiches_pdf_is_tagged_across_its_parts(tmp_path: Path) -> None:
    """Fiches are laid out 25 a part and joined (documents/pdf.py): here 3 a part, so the
    alsace example's 8 dossiers make 3 parts; every page's marked content is found from
    the elements of that page, and every part's elements are in the one tree."""
    call = load_call(alsace(tmp_path))
    result = score(call)
    [(_, data)] = render_report(call, result, "fiches", "pdf", level="interne",
                                batch_size=3)
    reader, tree = _tagged(data)
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}
    seen = set()
    for n, page in enumerate(reader.pages):
        elems = tree[int(page["/StructParents"])]
        on = {pages[e.get_object().raw_get("/Pg").idnum] for e in elems
              if "/Pg" in e.get_object()}
        assert on == {n}, n
        seen.add(n)
    assert seen == set(range(len(reader.pages))) and len(seen) >= 8  # a fiche a page at least
    # the Document element holds every part's elements: one Sect-like child a fiche at least
    doc = reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()
    assert len(doc["/K"]) >= 8
    # a table's header cells are tagged as such (TH), up to the last part's pages

    def kinds(elem: Any) -> set[str]:  # an element's type and its ancestors'
        out: set[str] = set()
        while elem is not None and elem.get("/Type") != "/StructTreeRoot":
            out.add(str(elem.get("/S")))
            elem = elem.get("/P")
        return out

    heads = [n for n, page in enumerate(reader.pages)
             if any("/TH" in kinds(e.get_object()) for e in tree[int(page["/StructParents"])])]
    assert heads and max(heads) > len(reader.pages) // 2


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")
@pytest.mark.parametrize("kind", ["committee", "feedback"])
def test_the_other_pdfs_are_tagged(tmp_path: Path, kind: str) -> None:
    call = load_call(alsace(tmp_path))
    pdfs = render_report(call, score(call), kind, "pdf")  # type: ignore[arg-type]
    assert len(pdfs) >= 1
    for _, data in pdfs[:2]:
        _tagged(data)
