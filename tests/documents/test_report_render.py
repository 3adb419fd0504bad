"""Rendering reports: every kind, format and level; escaping; confidentiality; determinism."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.call.model import Call
from isgrid.documents.build import LEVELS, build_context
from isgrid.documents.output import render_report
from isgrid.engine import Result, score
from isgrid.errors import UsageError
from report_calls import (
    NAMES,
    big_call,
    checklist_call,
    profile_call,
    scored_call,
    weasyprint_usable,
)

BUILDERS = {"scored": scored_call, "checklist": checklist_call, "profile": profile_call}


def _load(folder: Path) -> tuple[Call, Result]:
    call = load_call(folder)
    return call, score(call)


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Call, Result]]:
    base = tmp_path_factory.mktemp("calls")
    out = {mode: _load(fn(base)) for mode, fn in BUILDERS.items()}
    out["hostile"] = _load(scored_call(base, hostile=True, name="hostile"))
    return out


class Audit(HTMLParser):
    """Collects what would be dangerous in a page: scripts, handlers, URLs, external refs."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "link", "img", "a", "base", "form"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src", "xlink:href", "action") or (
                    value and "javascript:" in value.lower() and name != "content"):
                self.bad.append(f"{tag}[{name}={value}]")


def audit(html: str) -> Audit:
    a = Audit()
    a.feed(html)
    return a


@pytest.mark.parametrize("mode", list(BUILDERS))
@pytest.mark.parametrize("kind", list(LEVELS))
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_every_kind_format_and_level_renders(calls: dict[str, Any], mode: str, kind: Any,
                                             fmt: Any) -> None:
    call, result = calls[mode]
    for level in LEVELS[kind]:
        for lang in ("fr", "en"):
            docs = render_report(call, result, kind, fmt, level=level, lang=lang)
            assert docs
            for _, data in docs:
                text = data.decode("utf-8")
                assert len(text) > 200
                if fmt == "html":
                    assert text.startswith("<!DOCTYPE html>")
                    assert not audit(text).bad
                    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
                    assert "https://" not in text


@pytest.mark.parametrize("kind,level", [("fiches", "public"), ("feedback", "interne"),
                                        ("feedback", "public")])
def test_kinds_that_do_not_exist_at_a_level_are_refused(calls: dict[str, Any], kind: Any,
                                                        level: Any) -> None:
    call, result = calls["scored"]
    with pytest.raises(UsageError, match="n'existe pas"):
        render_report(call, result, kind, "html", level=level)


@pytest.mark.parametrize("kind", list(LEVELS))
def test_hostile_text_is_escaped_in_html(calls: dict[str, Any], kind: Any) -> None:
    call, result = calls["hostile"]
    docs = render_report(call, result, kind, "html")
    for _, data in docs:
        html = data.decode("utf-8")
        a = audit(html)
        assert not a.bad, a.bad
        assert "script" not in a.tags
        assert "&lt;script&gt;" in html
        assert "onerror=&#34;alert(1)&#34;" in html or "onerror=&quot;" in html
        assert "&#39;quotes&#39;" in html


def _check_tables(md: str) -> None:
    """Every row of a Markdown table has as many cells as its header (pipes escaped)."""
    cells: int | None = None
    rows = 0
    for line in md.splitlines():
        if not line.startswith("|"):
            cells = None
            continue
        n = line.count("|") - line.count("\\|")
        if cells is None:
            cells = n
        assert n == cells, line[:120]
        rows += 1
    assert rows


@pytest.mark.parametrize("kind", list(LEVELS))
def test_hostile_text_is_escaped_in_markdown(calls: dict[str, Any], kind: Any) -> None:
    call, result = calls["hostile"]
    for _, data in render_report(call, result, kind, "md"):
        md = data.decode("utf-8")
        # no < that could open a tag, a comment or an autolink (the letters' own <br> aside)
        assert not re.search(r"<(?=[A-Za-z/!?])(?!br>)", md), "an unescaped < in Markdown"
        assert "](javascript:" not in md
        # documents.markdown's one rule, worked out by hand on report_calls.HOSTILE
        assert ('&lt;script>alert("x")&lt;/script>&lt;img src=x onerror="alert(1)"> '
                '&lt;a href="javascript:alert(2)">clic&lt;/a> \'quotes\' "double" & \\| '
                '\\* \\_ # \\`tick\\`') in md
        _check_tables(md)


def test_long_texts_render_whole(calls: dict[str, Any]) -> None:
    call, result = calls["hostile"]
    html = render_report(call, result, "fiches", "html")[0][1].decode("utf-8")
    assert "abcdefghij" * 200 in html


@pytest.mark.parametrize("mode", list(BUILDERS))
def test_communicable_and_public_never_name_an_assessor(calls: dict[str, Any],
                                                        mode: str) -> None:
    call, result = calls[mode]
    secret = [*NAMES.values(), *NAMES.keys(), "Commentaire-individuel",
              "Administrateur du porteur"]
    for kind, levels in LEVELS.items():
        for level in levels:
            if level == "interne":
                continue
            for fmt in ("html", "md"):
                for _, data in render_report(call, result, kind, fmt, level=level):
                    text = data.decode("utf-8")
                    for s in secret:
                        assert s not in text, (kind, level, fmt, s)
    interne = render_report(call, result, "fiches", "html", level="interne")[0][1].decode()
    assert "Zoé Alphonsine" in interne


def test_public_lists_laureates_and_amounts_only(calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    ctx = build_context(call, result, "committee", "public")
    assert [lau.id for lau in ctx.laureates] == ["D01", "D02"]
    assert not ctx.ranking and not ctx.agenda and not ctx.jury and not ctx.eligibility
    assert not ctx.call.inputs and not ctx.agreement
    md = render_report(call, result, "committee", "md", level="public")[0][1].decode()
    assert "D01" in md and "40\u202f000\u202f€" in md
    assert "D03" not in md and "D05" not in md


def test_communicable_committee_has_no_individual_values(calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    ctx = build_context(call, result, "committee", "communicable")
    assert not ctx.jury and not ctx.deports and not ctx.agenda
    assert ctx.jury_count == {"instructeur": 1, "juré": 3}
    assert len(ctx.ranking) == 6  # scored_call's six dossiers
    assert all(not line.flags for line in ctx.ranking)
    fiches = build_context(call, result, "fiches", "communicable")
    for f in fiches.fiches:
        assert not f.deports
        for s in f.sections:
            for c in s.criteria:
                assert c.ratings == [] and c.min is None and c.max is None


def test_proposition_until_a_vote(calls: dict[str, Any], tmp_path: Path) -> None:
    from isgrid.call.journal_append import append

    call, result = calls["scored"]
    letter = render_report(call, result, "feedback", "md", dossiers=["D01"])[0][1].decode()
    assert "Proposition du jury\u00a0: dossier retenu." in letter
    assert "Décision" not in letter
    folder = tmp_path / "voted"
    shutil.copytree(call.folder, folder)
    append(folder, kind="decision", dossier="D01", stage="vote", outcome="retenu", by="CP",
           reason="délibération")
    voted_call = load_call(folder)
    voted = score(voted_call)
    assert voted.voted
    letter = render_report(voted_call, voted, "feedback", "md",
                           dossiers=["D01"])[0][1].decode()
    assert "Décision\u00a0: dossier retenu." in letter
    assert "Proposition du jury" not in letter


def test_feedback_letters_explain_the_outcome(calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    docs = dict(render_report(call, result, "feedback", "md"))
    assert sorted(docs) == ["D01", "D02", "D03", "D04", "D05", "D06"]
    # a rule's label goes on the sentence after « : » in lowercase (French typography)
    d05 = docs["D05"].decode()
    assert "Règle de recevabilité non respectée\u00a0: siège en Alsace." in d05
    assert "Pièce ou information manquante\u00a0: partenariat minimal." in docs["D06"].decode()
    # an irrecevable dossier's letter says why, weighs no merits and compares it with none
    assert "Points forts" not in d05 and "Points à améliorer" not in d05
    assert "dernier dossier" not in d05 and "Appréciation par axe" not in d05
    d04 = docs["D04"].decode()
    assert "sous le seuil de 50" in d04
    d03 = docs["D03"].decode()
    assert "Position 1 sur la liste de réserve." in d03 and "Classé 3ᵉ sur 3" in d03
    # a consensus reason is the committee's internal note: never in a letter (issue 17)
    assert "Le besoin est établi après audition" not in d03
    en = dict(render_report(call, result, "feedback", "md", lang="en"))["D01"].decode()
    assert "Proposal of the jury: selected." in en and "Ranked 1st of 3" in en


def test_feedback_advice_for_points_to_improve(calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    ctx = build_context(call, result, "feedback", "communicable", dossier="D04")
    assert ctx.letter is not None
    labels = {p.label: p.text for p in ctx.letter.improvements}
    assert labels["Impact"] == "Donnez des indicateurs d'impact mesurables."


def test_french_and_english_numbers(calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    fr = render_report(call, result, "committee", "md")[0][1].decode()
    en = render_report(call, result, "committee", "md", lang="en")[0][1].decode()
    assert "94,4" in fr and "Enveloppe 90\u202f000\u202f€" in fr
    assert "94.4" in en and "Budget €90,000" in en and "Selection committee report" in en


def test_charts_are_inline_svg(calls: dict[str, Any]) -> None:
    call, result = calls["profile"]
    html = render_report(call, result, "fiches", "html")[0][1].decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart radar"') == 3
    call, result = calls["scored"]
    html = render_report(call, result, "fiches", "html")[0][1].decode()
    assert html.count('class="chart bars"') == 6


def test_deterministic_outputs(tmp_path: Path, calls: dict[str, Any]) -> None:
    first = {}
    for kind in LEVELS:
        for fmt in ("html", "md"):
            call, result = _load(scored_call(tmp_path, name=f"a-{kind}-{fmt}"))
            first[(kind, fmt)] = render_report(call, result, kind, fmt)
    for (kind, fmt), docs in first.items():
        call, result = _load(scored_call(tmp_path, name=f"b-{kind}-{fmt}"))
        assert render_report(call, result, kind, fmt) == docs


def test_template_override_changes_one_block(tmp_path: Path, calls: dict[str, Any]) -> None:
    call, result = calls["scored"]
    user = tmp_path / "tpl" / "report"
    user.mkdir(parents=True)
    (user / "committee.html.j2").write_text(
        '{% extends "default:report/committee.html.j2" %}\n'
        '{% block agenda %}<p class="mine">Ordre du jour fixé par la présidence.</p>'
        '{% endblock %}\n', encoding="utf-8")
    html = render_report(call, result, "committee", "html",
                         template_dir=tmp_path / "tpl")[0][1].decode()
    assert '<p class="mine">Ordre du jour fixé par la présidence.</p>' in html
    assert "Ordre de discussion" not in html
    assert "Classement" in html and "Accord entre évaluateurs" in html


def test_three_hundred_dossiers(tmp_path: Path) -> None:
    call, result = _load(big_call(tmp_path))
    html = render_report(call, result, "committee", "html")[0][1].decode()
    assert html.count('<td class="id">D') >= 300
    assert "Ligne de financement" in html
    md = render_report(call, result, "fiches", "md")[0][1].decode()
    assert md.count("\n## ") == 300


@pytest.mark.skipif(shutil.which("pdftotext") is None or not weasyprint_usable(),
                    reason="pdftotext (poppler) or WeasyPrint missing")
def test_pdf_text_and_pinned_dates(tmp_path: Path, calls: dict[str, Any],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    call, result = calls["scored"]
    pdf = render_report(call, result, "committee", "pdf")[0][1]
    assert pdf.startswith(b"%PDF")
    assert render_report(call, result, "committee", "pdf")[0][1] == pdf
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout
    assert "Rapport du comité de sélection" in text
    assert "Ligne de financement" in text and "94,4" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "2000" in info  # CreationDate pinned to the default epoch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    other = render_report(call, result, "committee", "pdf")[0][1]
    assert other != pdf
    path.write_bytes(other)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "2023" in info


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint cannot load here")
def test_hostile_pdf(calls: dict[str, Any]) -> None:
    call, result = calls["hostile"]
    pdf = render_report(call, result, "fiches", "pdf", dossiers=["D01"])[0][1]
    assert pdf.startswith(b"%PDF")


def test_recorded_decisions_and_the_vote(tmp_path: Path) -> None:
    from isgrid.call.journal_append import append

    folder = scored_call(tmp_path)
    append(folder, kind="decision", dossier="D03", by="Présidente", stage="jury",
           outcome="retenu", amount=10000, reason="Projet structurant <b>pour</b> le territoire")
    call = load_call(folder)
    result = score(call)
    html = render_report(call, result, "committee", "html")[0][1].decode()
    assert "Décision enregistrée" in html and "retenu (jury)" in html
    assert "Projet structurant &lt;b&gt;pour&lt;/b&gt; le territoire" in html
    letter = dict(render_report(call, result, "feedback", "md"))["D03"].decode()
    assert "Proposition du jury\u00a0: dossier retenu." in letter  # a jury decision is no vote
    append(folder, kind="decision", dossier="D03", by="CP", stage="vote", outcome="retenu",
           amount=10000, reason="Vote de la commission permanente")
    call = load_call(folder)
    result = score(call)
    letter = dict(render_report(call, result, "feedback", "md"))["D03"].decode()
    assert "Décision\u00a0: dossier retenu." in letter and "10\u202f000\u202f€" in letter
    public = render_report(call, result, "committee", "md", level="public")[0][1].decode()
    assert "CP" not in public.replace("CP annex", "") and "Présidente" not in public


def test_profile_letter_uses_presence(calls: dict[str, Any]) -> None:
    call, result = calls["profile"]
    ctx = build_context(call, result, "feedback", "communicable", dossier="P1")
    assert ctx.letter is not None
    # medians (lower) of (2, 1), (2, 1), (1, 0), (2, 1): M1, M2, M4 present (>= 1), M3 absent
    assert [p.label for p in ctx.letter.strengths] == [
        "Réponse à un besoin", "Gouvernance partagée", "Coopération territoriale"]
    assert [p.label for p in ctx.letter.improvements] == ["Expérimentation"]
    assert ctx.letter.outcome == "Proposition du jury\u00a0: dossier classé."


def test_chart_colours_survive_without_css(calls: dict[str, Any]) -> None:
    # WeasyPrint ignores the page's CSS inside inline SVG: colours are attributes.
    call, result = calls["profile"]
    ctx = build_context(call, result, "fiches", "interne")
    svg = ctx.fiches[0].chart_svg
    assert 'class="shape" fill="#1f5fa8"' in svg and "<script" not in svg
