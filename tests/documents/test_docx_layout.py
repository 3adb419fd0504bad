"""The DOCX minutes and annex a French secretary edits: A4, fr-FR, running header,
page numbers, named styles, columns fitted to their content, byte-identical reruns."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.documents.wordprocessing import column_widths_mm, docx_language
from isgrid.engine import score

docx = pytest.importorskip("docx")


def _xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = seance_call(tmp_path_factory.mktemp("docx"))
    call = load_call(folder)
    res = score(call)
    return {kind: render_minutes(call, res, kind, "docx") for kind in ("pv", "cp-annex")}


@pytest.mark.parametrize("kind", ["pv", "cp-annex"])
def test_a4_page(minutes: dict[str, bytes], kind: str) -> None:
    section = docx.Document(io.BytesIO(minutes[kind])).sections[0]
    # A4 is 210 × 297 mm; Word stores twentieths of a point, so allow 0.1 mm.
    assert abs(section.page_width.mm - 210) < 0.1
    assert abs(section.page_height.mm - 297) < 0.1
    assert abs(section.left_margin.mm - 20) < 0.1


@pytest.mark.parametrize("kind", ["pv", "cp-annex"])
def test_french_language_in_the_styles(minutes: dict[str, bytes], kind: str) -> None:
    styles = _xml(minutes[kind], "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults"):styles.index("</w:docDefaults>")]
    assert 'w:val="fr-FR"' in defaults
    # no style left in US English (w:eastAsia, the East Asian text's language, may stay)
    assert 'w:val="en-US"' not in styles
    assert 'w:val="en-US"' not in _xml(minutes[kind], "word/settings.xml")


def test_english_call_gets_an_english_language(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"lang": "en"})
    call = load_call(folder)
    data = render_minutes(call, score(call), "pv", "docx")
    styles = _xml(data, "word/styles.xml")
    assert 'w:val="en-GB"' in styles and 'w:val="fr-FR"' not in styles
    footer = docx.Document(io.BytesIO(data)).sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Page ") and " of " in footer.text


def test_running_header_and_page_numbers(minutes: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(minutes["pv"]))
    head = doc.sections[0].header.paragraphs[0].text
    assert head == "AAP Innovation sociale 2026 (test) — Document interne\u00a0: ne pas diffuser"
    annex = docx.Document(io.BytesIO(minutes["cp-annex"])).sections[0].header
    assert annex.paragraphs[0].text.endswith("Document public")
    footers = [n for n in zipfile.ZipFile(io.BytesIO(minutes["pv"])).namelist()
               if re.fullmatch(r"word/footer\d+\.xml", n)]
    assert footers
    foot = "".join(_xml(minutes["pv"], n) for n in footers)
    assert 'w:instr="PAGE"' in foot and 'w:instr="NUMPAGES"' in foot
    # « Page 1 sur 1 » until the word processor updates the fields
    assert re.sub(r"<[^>]+>", "", foot).strip().endswith("Page 1 sur 1")


def test_named_styles(minutes: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(minutes["pv"]))
    used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Normal"} <= used
    assert {t.style.name for t in doc.tables} == {"Table Grid"}


def test_columns_fitted_to_content(minutes: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(minutes["pv"]))
    # the ranking (the walk of the budget, five columns, starts with « Rang » too)
    ranking = next(t for t in doc.tables if t.rows[0].cells[0].text == "Rang"
                   and len(t.columns) > 5)
    for table in doc.tables:
        widths = [c.width.mm for c in table.columns]
        # the text width: 210 - 2 × 20 mm; the ranking's eleven columns (the HTML's) on
        # a landscape page, as the print has them: 297 - 2 × 20 mm
        wide = table._tbl is ranking._tbl
        assert abs(sum(widths) - (257 if wide else 170)) < 0.5
    widths = [c.width.mm for c in ranking.columns]
    # the « Projet » column (« Projet D1 ») is wider than the rank column (« 1 »)
    assert widths[2] > widths[0]


def test_column_widths_by_hand() -> None:
    # two columns: « n » (1 character) and a title of 8 five-letter words (47 characters).
    # needs (longest word, at least 8 mm): max(1 × 1.9 + 2.6, 8) = 8 and
    #   max(5 × 1.9 + 2.6, 8) = 12.1 → 20.1 mm, room left 170 - 20.1 = 149.9;
    # wants (longest line): 4.5 and 47 × 1.9 + 2.6 = 91.9 → extra 0 and 79.8 ≤ 149.9,
    # so everything fits and the slack 149.9 - 79.8 = 70.1 is shared evenly (35.05 each):
    # 8 + 35.05 = 43.05 and 91.9 + 35.05 = 126.95.
    title = " ".join(["abcde"] * 8)
    assert len(title) == 47
    w = column_widths_mm([["n", title]], 170)
    assert w == pytest.approx([43.05, 126.95])
    # when the longest lines do not fit, the room goes in proportion to what they lack
    w = column_widths_mm([["n", "x " * 200]], 170)
    assert w[0] == pytest.approx(8.0) and w[1] == pytest.approx(162.0)


def test_language_tags() -> None:
    assert docx_language("fr") == "fr-FR"
    assert docx_language("en") == "en-GB"
    assert docx_language("fr-BE") == "fr-BE"


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    call = load_call(folder)
    res = score(call)
    assert render_minutes(call, res, "pv", "docx") == render_minutes(call, res, "pv", "docx")


def test_cp_annex_without_holder_shows_a_dash(tmp_path: Path) -> None:
    from isgrid.documents.minutes import build_minutes

    folder = seance_call(tmp_path)
    for f in (folder / "dossiers").glob("*.yaml"):  # drop the holder fact
        text = f.read_text(encoding="utf-8")
        f.write_text("\n".join(x for x in text.splitlines() if not x.startswith("holder:"))
                     + "\n", encoding="utf-8")
    call = load_call(folder)
    rows = build_minutes(call, score(call), "cp-annex")["rows"]
    assert rows and all(r["holder"] == "-" for r in rows)
    assert all(r["project"].startswith("Projet ") for r in rows)
