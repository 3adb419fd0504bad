"""The printed procès-verbal, tableau de séance and committee report laid out right
(the reviewer's call of 30 dossiers, tests/fixtures/pv30, with long French titles and
amounts of six digits): in WeasyPrint's own layout of the PDF, no text of a table runs
past its column into the next (« non classé22 500 € », « RangDossier »), no table past
its page, no heading cut inside a word; the headings of the stages capitalised as the others; a consensus's change
never cut after its arrow."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.documents.output import render_report
from isgrid.documents.seance import render_seance
from isgrid.engine import score
from layout_calls import wide_call
from pdfboxes import overflows
from report_calls import weasyprint_usable
from testpaths import EXAMPLES, FIXTURES

needs_pdf = pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")


def _html(folder: Path, kind: str, lang: str = "fr") -> str:
    call = load_call(folder)
    result = score(call)
    if kind == "pv":
        data = render_minutes(call, result, "pv", "html", lang=lang)
    elif kind == "seance":
        data = render_seance(call, result, "html", lang=lang)
    else:
        data = render_report(call, result, "committee", "html", lang=lang)[0][1]
    return data.decode("utf-8")


@needs_pdf
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["pv", "seance", "committee"])
def test_no_table_text_past_its_column_in_the_pdf(tmp_path: Path, kind: str,
                                                  lang: str) -> None:
    assert overflows(_html(wide_call(tmp_path), kind, lang)) == []


@needs_pdf
def test_the_reviewers_minutes_fit_their_columns() -> None:
    # the call as the reviewer printed it: « non retenu » ran 9.8 px into the jury's column
    assert overflows(_html(FIXTURES / "pv30", "pv")) == []


@needs_pdf
def test_an_overrun_fits_its_column_on_the_tableau(tmp_path: Path) -> None:
    # the vote funds 1 320 000 € for an envelope of 1 000 000 €: « DÉPASSEMENT -320 000 € »
    folder = wide_call(tmp_path)
    yaml_path = folder / "call.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "budget: 1 500 000", "budget: 1 000 000"), encoding="utf-8")
    html = _html(folder, "seance")
    assert "DÉPASSEMENT \u2212320\u202f000\u202f€" in html
    assert overflows(html) == []


def test_the_stage_headings_are_capitalised_as_the_others() -> None:
    html = _html(FIXTURES / "pv30", "pv")
    head = ("<th class=\"c-stage\">Calculé</th><th class=\"c-stage\">Jury</th>"
            "<th class=\"c-stage\">Vote</th><th class=\"c-status\">Statut</th>")
    assert head in html


def test_the_minutes_docx_headings_are_capitalised() -> None:
    import io
    import zipfile

    call = load_call(FIXTURES / "pv30")
    data = render_minutes(call, score(call), "pv", "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    cells = [">Calculé<", ">Jury<", ">Vote<", ">Statut<"]
    at = [xml.find(c) for c in cells]
    assert -1 not in at and at == sorted(at), at


def test_a_consensus_change_is_never_cut_at_its_arrow() -> None:
    # journal entry 1: DN-224's ALS-5 brought by consensus from the jurors' 3 to 3
    call = load_call(FIXTURES / "pv30")
    result = score(call)
    said = {lang: render_minutes(call, result, "pv", "html", lang=lang).decode("utf-8")
            for lang in ("fr", "en")}
    # (and, since s16 recours, what it did: 3 for 3, nothing)
    assert "<td>consensus ALS-5\xa0: 3\xa0→\xa03\u202f; sans effet sur la proposition</td>" \
        in said["fr"]
    assert "<td>consensus ALS-5: 3\xa0→\xa03; no effect on the proposal</td>" in said["en"]


@needs_pdf
def test_the_minutes_ranking_is_printed_on_a_landscape_page() -> None:
    import io

    from pypdf import PdfReader

    call = load_call(FIXTURES / "pv30")
    pages = PdfReader(io.BytesIO(render_minutes(call, score(call), "pv", "pdf"))).pages
    # A4 in points: 595 x 842 portrait; « 3. Classement » and its table on an 842 x 595 page
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    ranking = [i for i, p in enumerate(pages) if "3. Classement" in p.extract_text()]
    assert ranking and sizes[ranking[0]] == (842, 595)
    assert sizes[0] == (595, 842)


@needs_pdf
def test_no_grey_line_above_the_tableau_s_titles() -> None:
    """The tableau de séance's titles, cut with an ellipsis, had a thin grey line above
    and below them, over their column only: a cell that clips (``overflow: hidden``) in a
    table of collapsed borders is painted by WeasyPrint with borders of its own in its
    default grey, #808080 (``0.501961 0.501961 0.501961 rg`` in the PDF: six fills, one
    per title of the Alsace example's two tables).  The titles are cut by a block inside
    the cell now: no grey painted, and the long title still ends with « … »."""
    import io

    import weasyprint
    from pypdf import PdfReader
    from weasyprint.formatting_structure import boxes

    call = load_call(EXAMPLES / "alsace-2016")
    result = score(call)
    pdf = render_seance(call, result, "pdf")
    painted = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert b"0.501961 0.501961 0.501961 rg" not in painted
    html = render_seance(call, result, "html").decode("utf-8")
    # « Maison des aidants itinérante du Kochersberg » is wider than its column on the A4
    # page (in both tables): laid out in a block that clips it with an ellipsis
    cut = [(text.margin_width(), block.width)
           for page in weasyprint.HTML(string=html).render().pages
           for block in page._page_box.descendants()
           if isinstance(block, boxes.BlockBox) and block.style["overflow"] == "hidden"
           and block.style["text_overflow"] == "ellipsis"
           for text in block.descendants()
           if isinstance(text, boxes.TextBox) and text.text.startswith("Maison des aidants")]
    assert len(cut) == 2 and all(wide > room for wide, room in cut), cut
    assert overflows(html) == []


@needs_pdf
@pytest.mark.parametrize(("level", "grey_on_main"), [("interne", 16), ("communicable", 8)])
def test_no_grey_line_in_the_committee_report_s_ranking(level: str, grey_on_main: int) -> None:
    """The committee report's ranking clipped its cells (a title, a decision and, in
    print, the flags cut with an ellipsis): WeasyPrint painted each with borders of its
    own in its default grey (``0.501961 0.501961 0.501961 rg``: 16 fills in the Alsace
    example's internal report, 8 in its communicable one, a title per dossier and the
    flags).  They are cut by a block inside the cell now, as the tableau de séance's."""
    import io

    from pypdf import PdfReader

    call = load_call(EXAMPLES / "alsace-2016")
    result = score(call)
    pdf = render_report(call, result, "committee", "pdf", level=level)[0][1]
    painted = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert painted.count(b"0.501961 0.501961 0.501961 rg") == 0, grey_on_main


def _clipped(html: str) -> dict[str, list[tuple[float, float]]]:
    """Per class of ranking cell, the width of each text laid out in a block inside it that
    clips with an ellipsis, and that block's width."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    found: dict[str, list[tuple[float, float]]] = {}
    for page in weasyprint.HTML(string=html).render().pages:
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            assert cell.style["overflow"] == "visible", cell.element.get("class")
            for block in cell.descendants():
                if (isinstance(block, boxes.BlockBox) and block.style["overflow"] == "hidden"
                        and block.style["text_overflow"] == "ellipsis"):
                    wide = sum(t.margin_width() for t in block.descendants()
                               if isinstance(t, boxes.TextBox))
                    found.setdefault(cell.element.get("class"), []).append((wide, block.width))
    return found


@needs_pdf
def test_the_committee_report_still_cuts_its_long_titles(tmp_path: Path) -> None:
    # the wide call's 30 titles, all longer than their column (a third of the landscape
    # page); the decisions of its 8 decided dossiers (« retenu (vote) (calculé : retenu)
    # délibération CP-2026-03-20 », a withdrawal's « retrait à la demande du porteur… »), in
    # a column of 79 px; flags (« ex æquo ligne, départagé »): each cut by its block with
    # an ellipsis, not run into the next column, and no cell clips
    html = _html(wide_call(tmp_path), "committee")
    cut = _clipped(html)
    assert len(cut["title"]) == 30 and all(wide > room for wide, room in cut["title"])
    assert [wide > room for wide, room in cut["decision"] if wide] == [True] * 8
    assert any(wide > room for wide, room in cut["flagcell"])
    assert overflows(html) == []
