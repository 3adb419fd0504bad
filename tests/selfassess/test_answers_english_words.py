"""An English answers file reads « yes », « no », « N.A. » as the jurors' workbooks of an
English call do (a review asked whether the self-assessment read its answers in French
only: what isgrid writes — a level's value, ``na`` — reads in both languages; what a holder
types by hand, a label or n/a, was read in French only).  The English template says its
language (``lang: en``); a French file reads as before."""

from __future__ import annotations

from isgrid.grid.load import load_grid
from isgrid.selfassess.answers import Answer, answers_yaml, load_answers_text

ALSACE = load_grid("alsace-aap-2016")
#: ALS-E1 on the yes/no scale (0 = non, 1 = oui, no n/a); ALS-2 on 0-4 with NE
TEXT = "grid: alsace-aap-2016\nlang: {lang}\nanswers:\n  ALS-E1: {yes}\n  ALS-2: {na}\n"


def test_an_english_file_reads_yes_and_na() -> None:
    answers, diags = load_answers_text(TEXT.format(lang="en", yes="yes", na="N.A."),
                                       ALSACE.grid)
    assert diags.items == []
    assert answers == {"ALS-E1": Answer(1.0, False, None), "ALS-2": Answer(None, True, None)}
    # its French words too
    answers, diags = load_answers_text(TEXT.format(lang="en", yes="oui", na="NE"), ALSACE.grid)
    assert diags.items == [] and answers["ALS-E1"].value == 1.0


def test_a_french_file_as_before() -> None:
    answers, diags = load_answers_text(TEXT.format(lang="fr", yes="yes", na="NE"), ALSACE.grid)
    assert [d.code for d in diags.items] == ["value-out-of-scale"]
    assert answers == {"ALS-2": Answer(None, True, None)}


def test_the_english_template_says_its_language_and_reads_back() -> None:
    text = answers_yaml(ALSACE, None, "en")
    assert "\nlang: en\n" in text and "lang:" not in answers_yaml(ALSACE, None, "fr")
    filled = text.replace("ALS-E1:", "ALS-E1: yes", 1)
    answers, diags = load_answers_text(filled, ALSACE.grid)
    assert diags.items == [] and answers["ALS-E1"] == Answer(1.0, False, None)


def test_a_web_upload_without_lang_reads_in_the_page_s_language() -> None:
    text = "grid: alsace-aap-2016\nanswers:\n  ALS-E1: no\n"
    answers, diags = load_answers_text(text, ALSACE.grid, "a.yaml", "en")
    assert diags.items == [] and answers["ALS-E1"].value == 0.0
    _, diags = load_answers_text(text, ALSACE.grid, "a.yaml", "fr")
    assert [d.code for d in diags.items] == ["value-out-of-scale"]
