"""The minutes say in words which decision went against isgrid's proposal: « décidé ≠
proposé » (the words of ``isgrid decisions`` and the séance's tables) in the stage's cell,
and a legend under the ranking, in HTML (so PDF) and Word alike.  Only the red of the cell
said it: lost in a black-and-white print, to a screen reader, and absent from the DOCX,
where an override read exactly like a replacement (review audit, finding 6).

The call (tests/decisions_calls.py, totals 100 x (Q1 + Q2) / 8, budget 50 000, reserve 2):
D1 100 (20 000), D2 87,5 (15 000), D3 75 (10 000) are proposed, 45 000; D4 62,5
(10 000) and D5 50 (8 000) are the reserve; D6 37,5 is not retained."""

from __future__ import annotations

import io
from pathlib import Path

from pvwords import pv_words, scored
from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score

DOSSIERS = {
    "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
    "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
    "D3": (3, 3, 10000, 25000, "rural", "association", "mobilite"),
    "D4": (3, 2, 10000, 20000, "urbain", "scop", "emploi"),
    "D5": (2, 2, 8000, 16000, "rural", "association", "mobilite"),
    "D6": (1, 2, 5000, 10000, "rural", "scop", "emploi"),
}
LEGEND = ("« décidé ≠ proposé » : la décision de cette étape va contre ce qu'isgrid proposait "
          "pour le dossier")


def _seance(tmp_path: Path) -> Path:
    """The séance's call with the dossiers above, no déport."""
    return seance_call(tmp_path, call={"conflicts": []}, dossiers=DOSSIERS)


def _docx_rows(data: bytes) -> list[list[str]]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    return [[words(c.text).strip() for c in row.cells] for t in doc.tables for row in t.rows]


def test_an_override_is_said_in_words_a_replacement_is_not(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    proposal = score(load_call(folder))
    assert proposal.current is not None
    assert proposal.current.selected == ("D1", "D2", "D3")
    assert proposal.current.reserve == ("D4", "D5")
    # D3 withdraws: D4, first of the reserve, is proposed in its place (10 000 freed), then
    # voted, as proposed; D6, not retained, is voted against the proposal
    run("withdraw", folder, "D3", "--by", "Secrétariat", "--reason", "courrier")
    run("decide", folder, "D4", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    run("decide", folder, "D6", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    call, result = scored(folder)
    flags = {d.id: [f for f in d.flags if f.startswith("overridden:")]
             for d in result.dossiers}
    assert flags["D4"] == [] and flags["D6"] == ["overridden:vote"]

    page = pv_words(call, result)
    assert " D6 Projet D6 37,5 non retenu - retenu décidé ≠ proposé retenu " in page
    assert " D4 Projet D4 62,5 réserve - retenu retenu " in page
    # D6's cell, the legend and its vote's deliberation
    assert page.count("décidé ≠ proposé") == 3
    assert LEGEND in page

    rows = _docx_rows(render_minutes(call, result, "pv", "docx", lang="fr"))
    ranking = {r[1]: r for r in rows if len(r) == 11}
    assert ranking["D6"][4:8] == ["non retenu", "-", "retenu décidé ≠ proposé", "retenu"]
    assert ranking["D4"][4:8] == ["réserve", "-", "retenu", "retenu"]
    body = pv_words(call, result, "docx")
    assert LEGEND in body

    english = pv_words(call, result, lang="en")
    assert " D6 Projet D6 37.5 not selected - selected not as proposed selected " in english
    assert "“not as proposed”: the decision of that stage goes against" in english


def test_no_legend_without_an_override(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    call, result = scored(folder)
    for fmt in ("html", "docx"):
        assert "≠" not in pv_words(call, result, fmt), fmt


def test_the_deliberations_say_it_where_the_ranking_does(tmp_path: Path) -> None:
    """« Délibérations » repeats « décidé ≠ proposé » on the decision in force that the
    ranking marks (D6's vote), not on one that follows the proposal (D1's vote) nor on a
    decision a later one of its stage replaced (D6's jury « ajourné », then its jury's
    « retenu »: only the latter is in force and against the proposal), in HTML, PDF and
    DOCX alike."""
    from pypdf import PdfReader

    folder = _seance(tmp_path)
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    run("decide", folder, "D6", "--stage", "jury", "--outcome", "ajourne", "--by", "Jury",
        "--reason", "à revoir")
    run("decide", folder, "D6", "--stage", "jury", "--outcome", "retenu", "--by", "Jury",
        "--reason", "revu")
    call, result = scored(folder)
    assert [f for f in result.dossier("D6").flags if f.startswith("overridden:")] == [
        "overridden:jury"]
    d1 = "Dossier D1 « Projet D1 », vote : retenu pour un montant de 20 000 €"
    # replaced by the jury's « retenu », which the minutes say
    d6_first = "Dossier D6 « Projet D6 », jury : ajourné ; remplacée par la décision de l'entrée"
    d6 = "Dossier D6 « Projet D6 », jury : retenu (décidé ≠ proposé)."

    def deliberations(text: str) -> str:
        return text[text.index("4. Délibérations"):]

    html = deliberations(pv_words(call, result))
    pdf = deliberations(" ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(
        io.BytesIO(render_minutes(call, result, "pv", "pdf", lang="fr"))).pages))
    import docx

    doc = docx.Document(io.BytesIO(render_minutes(call, result, "pv", "docx", lang="fr")))
    paragraphs = [words(p.text).strip() for p in doc.paragraphs]
    start = paragraphs.index("Délibérations")
    docx_text = " ".join(paragraphs[start:])
    for fmt, text in (("html", html), ("pdf", words(pdf)), ("docx", docx_text)):
        assert f"{d1} (" in text or f"{d1}." in text, fmt
        assert d6_first in text, fmt
        assert d6 in text, fmt
        assert text.count("≠") == 1, fmt
    english = pv_words(call, result, lang="en")
    assert "Dossier D6 “Projet D6”, jury: selected (not as proposed)." in english
