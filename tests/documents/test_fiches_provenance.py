"""The fiches and the committee report said « plancher 2 », « Seuil : 50 / 100 » with no
provenance while the jurors' workbook said « 2 (inféré) »: a number nobody sourced says
so in every document (the engine's one rule: :func:`isgrid.grid.provenance.
parameter_provenance`, ``declared_status``).

mini-scored: B1's floor is 2 on an inferred criterion (inferred); the threshold's entry is
inferred; no other criterion has a floor."""

from __future__ import annotations

from pathlib import Path

from test_letters_summary import CALL, DOSSIERS, RATINGS

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score


def test_an_inferred_floor_and_threshold_say_so(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    call = load_call(folder)
    result = score(call)
    ctx = build_context(call, result, "fiches", "interne")
    views = {c.id: c.floor_provenance for s in ctx.fiches[0].sections for c in s.criteria}
    assert views == {"B1": "inféré", "B2": None, "I1": None, "X1": None}
    md = render_report(call, result, "fiches", "md")[0][1].decode("utf-8")
    # one fiche a dossier, B1's floor in each
    assert md.count("plancher 2,0 (inféré)") == 3
    assert "plancher 2,0 |" not in md
    html = render_report(call, result, "fiches", "html")[0][1].decode("utf-8")
    assert html.count("plancher 2,0 (inféré)</span>") == 3
    committee = render_report(call, result, "committee", "md")[0][1].decode("utf-8")
    assert "50 / 100 (inféré)" in committee


def test_the_committee_docx_says_the_threshold_is_inferred(tmp_path: Path) -> None:
    import zipfile
    from io import BytesIO

    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    call = load_call(folder)
    docx = render_report(call, score(call), "committee", "docx")[0][1]
    xml = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "50 / 100 (inféré)" in xml


def test_the_threshold_line_ends_before_the_sha256_line(tmp_path: Path) -> None:
    """« - Seuil : 50 / 100 (inféré)- sha256 : … » (an integration review): the inline
    ``{% endif %}`` ending the threshold's line ate its line break (``trim_blocks``); each
    is its own list item, in French and in English."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    call = load_call(folder)
    result = score(call)
    sha = result.grid["sha256"]
    for lang, colon, inferred in (("fr", "\u00a0:", "inféré"), ("en", ":", "inferred")):
        md = render_report(call, result, "committee", "md", lang=lang)[0][1].decode("utf-8")
        threshold = "Seuil" if lang == "fr" else "Threshold"
        assert (f"\n- {threshold}{colon} 50 / 100 ({inferred})\n"
                f"- sha256{colon} `{sha}`\n") in md, lang
