"""The art. 15 grid's II in the committee report (session 19, compare19 item 3).

The grid ``loi-ess-2014-art15`` (version 2) shows its II, « Condition du II (financements de
l'État seulement) », apart from the verdict (A15-II's ``separate_condition``).  The fiches
showed each dossier's A15-II; the committee report did not (only its α in the agreement
table).  It now has a table under the ranking, each dossier's A15-II as its fiche shows it
(the fiche's ``criterion_view``: value, level, « atteint »), in Markdown, HTML and Word, and
not at the public level."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.call.model import Call
from isgrid.documents.build import build_context
from isgrid.documents.models import Level
from isgrid.documents.output import Format, render_report
from isgrid.engine import score
from testpaths import ROOT

LABEL = "Condition du II (financements de l'État seulement)"


@pytest.fixture
def call(tmp_path: Path) -> Path:
    """c1: 1° « Oui » (2), II « Oui » (2): caractérisé, II atteint; c2: 2° « Oui », II
    « En partie » (1): caractérisé, II en partie; x: only A15-3 « Oui »: non caractérisé,
    II « Non » (0): non atteint."""
    text = (ROOT / "grids" / "loi-ess-2014-art15.yaml").read_text(encoding="utf-8")
    base = {"A15-1": 0, "A15-2": 0, "A15-3": 0, "A15-4": 0, "A15-II": 0}
    cases = {"c1": {**base, "A15-1": 2, "A15-II": 2}, "c2": {**base, "A15-2": 2, "A15-II": 1},
             "x": {**base, "A15-3": 2}}
    rows = [(d, "a1", c, v) for d, vals in cases.items() for c, v in vals.items()]
    return make_call(tmp_path, text, None, [{"id": d} for d in cases], rows)


def test_the_context_holds_each_dossier_s_ii_as_its_fiche(call: Path) -> None:
    c = load_call(call)
    result = score(c)
    ctx = build_context(c, result, "committee", "interne")
    (apart,) = ctx.apart
    assert (apart.label, apart.id) == (LABEL, "A15-II")
    assert apart.section.startswith("II. Condition pour les financements publics")
    assert [(r.id, r.criterion.value, r.criterion.value_label, r.criterion.state_label)
            for r in apart.rows] == [("c1", 2, "Oui", "atteint"),
                                     ("c2", 1, "En partie", "partiellement atteint"),
                                     ("x", 0, "Non", "non atteint")]
    # the same view as the dossier's fiche
    fiches = build_context(c, result, "fiches", "interne").fiches
    for row, fiche in zip(apart.rows, fiches, strict=True):
        (view,) = [v for s in fiche.sections for v in s.criteria if v.id == "A15-II"]
        assert row.criterion == view
    assert build_context(c, result, "committee", "public").apart == []


def _doc(c: Call, fmt: Format, level: Level = "interne") -> bytes:
    ((_, data),) = render_report(c, score(c), "committee", fmt, level=level)
    return data


def test_the_report_shows_it(call: Path) -> None:
    c = load_call(call)
    md = _doc(c, "md", "interne").decode("utf-8")
    md = md.replace("\u202f", " ").replace("\xa0", " ")
    assert f"### {LABEL}\n" in md
    assert "| c1 | Projet c1 | 2,0 / 2 Oui | atteint |" in md
    assert "| c2 | Projet c2 | 1,0 / 2 En partie | partiellement atteint |" in md
    assert "| x | Projet x | 0,0 / 2 Non | non atteint |" in md
    # under the ranking, before the grey zone
    assert md.index("## 4.") < md.index(LABEL) < md.index("### Zone grise")
    html = _doc(c, "html", "communicable").decode("utf-8")
    assert "<h3>Condition du II (financements de l&#39;État seulement)</h3>" in html
    assert '<td class="id">c2</td>' in html and "<td>partiellement atteint</td>" in html
    docx = _doc(c, "docx", "interne")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "Condition du II (financements de l&apos;État seulement)" in xml \
        or "Condition du II (financements de l'État seulement)" in xml
    assert "1,0 / 2 En partie" in xml.replace("\u202f", " ").replace("\xa0", " ")
    public = _doc(c, "md", "public").decode("utf-8")
    assert LABEL not in public
