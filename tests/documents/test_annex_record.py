"""The annex of a deliberation is the record of what it voted (docs/decisions.md, "A later
deliberation"): a dossier it voted « retenu » stays in it, as voted, when it withdraws or
is decided otherwise later; its row says so, its total is what the deliberation voted, and
a line gives what still stands.  A deliberation that took place says « votées ».

The call (tests/votecalls.py): alsace-2016, ``meeting.vote`` CP-2016-05-12 (12 mai 2016).
AL16-01 (proposed 27 000 €, eligible costs 70 000 €) voted « retenu » 10/0/1; AL16-02
(proposed 24 000 €, eligible costs 50 000 €) voted « retenu » 9/1/1 for 20 000 €, then
withdrawn on 20 June 2016 (or refused by CP-2016-06-02 on 2 June 2016).  Worked out by
hand, the annex of CP-2016-05-12:

- AL16-01, 27 000 €, rate 27 000 / 70 000 = 0,3857… → 38,6 %, no remark;
- AL16-02, 20 000 € (the amount voted, not the 24 000 € proposed), rate 20 000 / 50 000
  = 40 %, « retiré depuis, le 20 juin 2016 » (or « décidé depuis par la délibération
  CP-2016-06-02 (2 juin 2016) »);
- Total 27 000 + 20 000 = 47 000 €; « dont maintenu » 27 000 €.

Before this change the annex of CP-2016-05-12 listed AL16-01 alone (total 27 000 €), and
the empty annex of CP-2016-06-02, which refused AL16-02, said « Subventions soumises au
vote de la Commission permanente. ».
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_annex_reference import annex, rows
from test_vote_reference import words

from votecalls import example, run

REF = ("--reference", "CP-2016-05-12")


def voted(folder: Path) -> None:
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu",
        "--by", "CP", "--reason", "r", "--votes", "10/0/1")
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "retenu",
        "--amount", "20000", "--by", "CP", "--reason", "r", "--votes", "9/1/1")


@pytest.fixture
def withdrawn(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    voted(folder)
    run("withdraw", folder, "AL16-02", "--by", "president", "--reason", "retrait",
        "--at", "2016-06-20")
    return folder


@pytest.fixture
def refused_later(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    voted(folder)
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "non-retenu",
        "--reference", "CP-2016-06-02", "--at", "2016-06-02", "--by", "CP", "--reason", "r")
    return folder


def test_a_withdrawn_dossier_stays_in_the_annex_that_voted_it(withdrawn: Path,
                                                              tmp_path: Path) -> None:
    page = annex(withdrawn, tmp_path / "a.html", *REF)
    text = words(page)
    assert (" Subventions votées par la Commission permanente. "
            "Délibération : CP-2016-05-12 (12 mai 2016) ") in text
    assert "<th>Observations</th>" in page
    assert rows(page) == [
        ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %", "10 / 0 / 1",
         ""),
        ("AL16-02", "-", "Maison des aidants itinérante du Kochersberg", "20 000 €", "40 %",
         "9 / 1 / 1", "retiré depuis, le 20 juin 2016"),
        ("", "Total", "", "47 000 €", "", "", ""),
        ("", "dont maintenu", "", "27 000 €", "", "", "")]
    assert "Aucun dossier" not in text


def test_the_record_in_english_and_docx(withdrawn: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    run("minutes", withdrawn, "--kind", "cp-annex", *REF, "--lang", "en", "--format", "docx",
        "-o", out)
    with zipfile.ZipFile(out) as z:
        body = words(z.read("word/document.xml").decode("utf-8"))
    assert " Grants voted by the Commission permanente. Deliberation: CP-2016-05-12 " in body
    assert (" Rate Vote (for / against / abstention) Remarks AL16-01 - Recyclerie solidaire "
            "du Sundgau €27,000 38.6% 10 / 0 / 1 AL16-02 - Maison des aidants itinérante du "
            "Kochersberg €20,000 40% 9 / 1 / 1 withdrawn since, on 20 June 2016 Total €47,000 "
            "of which still stands €27,000 ") in body


def test_a_dossier_decided_otherwise_later(refused_later: Path, tmp_path: Path) -> None:
    page = annex(refused_later, tmp_path / "a.html", *REF)
    assert rows(page) == [
        ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %", "10 / 0 / 1",
         ""),
        ("AL16-02", "-", "Maison des aidants itinérante du Kochersberg", "20 000 €", "40 %",
         "9 / 1 / 1", "décidé depuis par la délibération CP-2016-06-02 (2 juin 2016)"),
        ("", "Total", "", "47 000 €", "", "", ""),
        ("", "dont maintenu", "", "27 000 €", "", "", "")]


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", " Subventions votées par la Commission permanente. Délibération : CP-2016-06-02 "
           "(2 juin 2016) Aucun dossier retenu n'a été voté par la délibération "
           "CP-2016-06-02. "),
    ("en", " Grants voted by the Commission permanente. Deliberation: CP-2016-06-02 "
           "(2 June 2016) No retained dossier was voted at the deliberation CP-2016-06-02. ")])
def test_an_empty_annex_of_a_deliberation_held_says_voted(refused_later: Path,
                                                          tmp_path: Path, lang: str,
                                                          said: str) -> None:
    page = annex(refused_later, tmp_path / "a.html", "--reference", "CP-2016-06-02",
                 "--lang", lang)
    assert said in words(page) and "<table" not in page
    assert "soumises" not in page and "submitted" not in page


def test_a_full_annex_before_and_after_the_vote(tmp_path: Path) -> None:
    folder = example(tmp_path)
    page = annex(folder, tmp_path / "before.html", *REF)
    assert (" Subventions soumises au vote de la Commission permanente. "
            "Délibération : CP-2016-05-12 (12 mai 2016) ") in words(page)
    assert [r[0] for r in rows(page)] == ["AL16-01", "AL16-02", ""]
    voted(folder)
    page = annex(folder, tmp_path / "after.html", *REF)
    assert (" Subventions votées par la Commission permanente. "
            "Délibération : CP-2016-05-12 (12 mai 2016) ") in words(page)
    assert rows(page) == [  # all stand: no remarks, no « dont maintenu »
        ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %", "10 / 0 / 1"),
        ("AL16-02", "-", "Maison des aidants itinérante du Kochersberg", "20 000 €", "40 %",
         "9 / 1 / 1"),
        ("", "Total", "", "47 000 €", "", "")]
