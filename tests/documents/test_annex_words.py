"""The CP annex's words (docs/decisions.md, §6): without a dossier, the DOCX says what the
HTML says; its opening sentence and its deliberations say which grants were voted and which
still await the vote.

The call (tests/votecalls.py): alsace-2016, envelope 52 000 €, ``meeting.vote``
CP-2016-05-12 (12 mai 2016); the proposal retains AL16-01 (27 000 €, eligible costs
70 000 €) and AL16-02 (24 000 €), AL16-03 (15 000 €, eligible costs 30 000 €) heads the
reserve.  Worked out by hand:

- AL16-01 voted « retenu », AL16-02 voted « non retenu»: 52 000 − 27 000 = 25 000 € are
  offered, AL16-03 (15 000 €) is proposed in AL16-02's place; no vote decided it.  The
  annex lists AL16-01 (CP-2016-05-12) and AL16-03 (to be voted), 42 000 €; the annex of
  CP-2016-05-12 lists AL16-01 alone, 27 000 €, rate 27 000 / 70 000 → 38,6 %;
- the same after AL16-02, voted « retenu », withdraws, except that the annex of
  CP-2016-05-12, the record of what it voted, lists AL16-02 too (24 000 €, 48 %, « retiré
  depuis »): 51 000 €, of which 27 000 € still stand (tests/documents/test_annex_record.py);
- AL16-01 to AL16-04 all voted « non retenu »: no dossier is retained.

Before these tests, the annex said « Subventions soumises au vote de la Commission
permanente. » and « Délibération : CP-2016-05-12 (12 mai 2016) » above AL16-03, which no
deliberation voted, and the annex of CP-2016-05-12 listed it (42 000 €); an empty annex's
DOCX was a table of its total line alone.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from test_annex_reference import annex, rows
from test_vote_reference import words

from votecalls import example, run, vote


def refuse(folder: Path, dossier: str) -> None:
    run("decide", folder, dossier, "--stage", "vote", "--outcome", "non-retenu",
        "--by", "CP", "--reason", "vote")


def docx_text(folder: Path, out: Path, *args: str) -> tuple[str, str]:
    """The DOCX annex's body as words, and its XML."""
    run("minutes", folder, "--kind", "cp-annex", "--format", "docx", *args, "-o", out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return words(xml), xml


# ------------------------------------------------------------------ no dossier
@pytest.fixture
def nothing_retained(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    for dossier in ("AL16-01", "AL16-02", "AL16-03", "AL16-04"):
        refuse(folder, dossier)
    return folder


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Aucun dossier n'est retenu."), ("en", "No dossier is retained.")])
def test_an_empty_annex_says_so_in_docx_as_in_html(nothing_retained: Path, tmp_path: Path,
                                                   lang: str, sentence: str) -> None:
    page = annex(nothing_retained, tmp_path / "a.html", "--lang", lang)
    assert f" {sentence} " in words(page) and "<table" not in page
    body, xml = docx_text(nothing_retained, tmp_path / "a.docx", "--lang", lang)
    assert f" {sentence} " in body
    assert "<w:tbl>" not in xml and "Total" not in body


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Aucun dossier retenu n'a été voté par la délibération CP-2016-06-02."),
    ("en", "No retained dossier was voted at the deliberation CP-2016-06-02.")])
def test_an_empty_deliberation_says_so_in_docx_as_in_html(tmp_path: Path, lang: str,
                                                          sentence: str) -> None:
    folder = example(tmp_path)
    run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "non-retenu",
        "--reference", "CP-2016-06-02", "--at", "2016-06-02", "--by", "CP", "--reason", "vote")
    ref = ("--reference", "CP-2016-06-02", "--lang", lang)
    page = annex(folder, tmp_path / "a.html", *ref)
    assert f" {sentence} " in words(page) and "<table" not in page
    body, xml = docx_text(folder, tmp_path / "a.docx", *ref)
    assert f" {sentence} " in body
    assert "<w:tbl>" not in xml and "Total" not in body


# ------------------------------------------------------------------ awaiting the vote
@pytest.fixture(params=["refusal", "withdrawal"])
def replaced(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """AL16-01 voted; AL16-02 refused by the vote, or voted and withdrawn; AL16-03 proposed
    in its place, not voted."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    if request.param == "refusal":
        refuse(folder, "AL16-02")
    else:
        vote(folder, "AL16-02")
        run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    return folder


def test_before_the_vote_the_grants_are_submitted_to_it(tmp_path: Path) -> None:
    page = annex(example(tmp_path), tmp_path / "a.html")
    text = words(page)
    assert (" Subventions soumises au vote de la Commission permanente. "
            "Délibération : CP-2016-05-12 (12 mai 2016) ") in text
    assert [r[0] for r in rows(page)] == ["AL16-01", "AL16-02", ""]


def test_a_dossier_proposed_in_a_freed_place_awaits_the_vote(replaced: Path,
                                                              tmp_path: Path) -> None:
    page = annex(replaced, tmp_path / "a.html")
    text = words(page)
    assert ("<title>Annexe à la délibération\u00a0: subventions · ") in page
    assert (" Subventions votées par la Commission permanente, et subventions proposées qui "
            "restent soumises à son vote. La dernière colonne donne la délibération qui a "
            "voté chaque dossier ; « à voter » : pas encore voté. ") in text
    assert "Délibération : CP-2016-05-12" not in text  # not AL16-03's
    assert rows(page) == [  # AL16-03, not voted: a dash for its counts
        ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %", "10 / 0 / 1",
         "CP-2016-05-12 (12 mai 2016)"),
        ("AL16-03", "-", "Épicerie mobile bio de l'Outre-Forêt", "15 000 €", "50 %", "-",
         "à voter"),
        ("", "Total", "", "42 000 €", "", "", "")]


def test_the_deliberation_annex_leaves_out_who_it_did_not_vote(
        replaced: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    page = annex(replaced, tmp_path / "a.html", "--reference", "CP-2016-05-12")
    text = words(page)
    assert (" Subventions votées par la Commission permanente. "
            "Délibération : CP-2016-05-12 (12 mai 2016) ") in text
    if request.node.callspec.params["replaced"] == "refusal":
        assert rows(page) == [
            ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %",
             "10 / 0 / 1"),
            ("", "Total", "", "27 000 €", "", "")]
    else:  # it voted AL16-02, which withdrew since: its record keeps it
        assert rows(page) == [
            ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %",
             "10 / 0 / 1", ""),
            ("AL16-02", "-", "Maison des aidants itinérante du Kochersberg", "24 000 €",
             "48 %", "10 / 0 / 1", "retiré depuis"),
            ("", "Total", "", "51 000 €", "", "", ""),
            ("", "dont maintenu", "", "27 000 €", "", "", "")]
    assert "AL16-03" not in text and "soumises" not in text


def test_the_words_in_english_and_docx(replaced: Path, tmp_path: Path,
                                      request: pytest.FixtureRequest) -> None:
    body, _xml = docx_text(replaced, tmp_path / "a.docx", "--lang", "en")
    assert (" Grants voted by the Commission permanente, and grants proposed that still await "
            "its vote. The last column gives the deliberation that voted each dossier; "
            '"to be voted": not voted yet. ') in body
    assert (" AL16-01 - Recyclerie solidaire du Sundgau €27,000 38.6% 10 / 0 / 1 "
            "CP-2016-05-12 (12 May 2016) AL16-03 - Épicerie mobile bio de l'Outre-Forêt "
            "€15,000 50% - to be voted Total €42,000 ") in body
    assert "Deliberation: CP-2016-05-12" not in body
    body, _xml = docx_text(replaced, tmp_path / "r.docx", "--lang", "en",
                           "--reference", "CP-2016-05-12")
    assert (" Grants voted by the Commission permanente. Deliberation: CP-2016-05-12 "
            "(12 May 2016) ") in body
    assert " AL16-01 - Recyclerie solidaire du Sundgau €27,000 38.6% " in body
    assert (" Total €27,000 " if request.node.callspec.params["replaced"] == "refusal" else
            " €24,000 48% 10 / 0 / 1 withdrawn since Total €51,000 of which still stands "
            "€27,000 ") in body
    assert "AL16-03" not in body and "await" not in body
    assert re.search(r"Subventions|soumises", body) is None
