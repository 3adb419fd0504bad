"""The self-assessment's « D'où viennent les règles » says the weights once, right
(review s12 grids #9).

alsace-aap-2016 weighs each criterion 1 in its section (`criteria.*.weight`) and each
section as many as its criteria (`sections.*.weight`: besoin-social 2, effets-positifs 2,
implication-acteurs 1, demarche-porteur 2, 7 in all): each scored criterion is 1/7 of the
total.  One line strung the sections' notes after the criteria's: « Poids 1 (par défaut)
pour chaque critère dans sa section … Poids 2 pour 2 critères … », the criteria weighing 1,
then 2.  The criteria's weights and the sections' are now two rules, each with its notes
(copied below from grids/alsace-aap-2016.yaml's `parameters:`).
"""

from __future__ import annotations

from isgrid.grid.choices import outcome_choices
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result

NB = "\u00a0"
CRITERIA = "Poids 1 (par défaut) pour chaque critère dans sa section\u00a0: choix isgrid."
SECTIONS_2 = ("Poids 2 pour 2 critères\u00a0: chaque critère noté compte pour 1/7 du total "
              "(choix isgrid).")
SECTIONS_1 = ("Poids 1 pour 1 critère\u00a0: chaque critère noté compte pour 1/7 du total "
              "(choix isgrid).")


def test_two_rules_each_with_its_notes() -> None:
    g = load_grid("alsace-aap-2016").grid
    by = {ch["what"]: ch for ch in outcome_choices(g)}
    assert by["weights"]["notes"] == [CRITERIA.replace(NB, " ")]
    # four sections, two notes (three sections share the first): each said once
    assert by["section_weights"]["notes"] == [SECTIONS_2.replace(NB, " "),
                                              SECTIONS_1.replace(NB, " ")]
    assert by["weights"]["status"] == by["section_weights"]["status"] == "inferred"


def test_the_result_says_each_once() -> None:
    lg = load_grid("alsace-aap-2016")
    # (3+2+3+2+4+3+1)/7/4 = 18/28 = 64.29 %, as the review worked out
    two, three = Answer(2.0, False, None), Answer(3.0, False, None)
    yes = Answer(1.0, False, None)
    answers = {"AV-1.1": three, "ALS-2": two, "ALS-3": three, "ALS-4": two,
               "ALS-1": Answer(4.0, False, None), "ALS-5": three,
               "AV-4.2": Answer(1.0, False, None), "ALS-E1": yes, "ALS-E2": yes,
               "ALS-E3": yes}
    md = render_result(assess(lg, answers), "md", "fr")
    assert "64,3" in md
    lines = md.splitlines()
    assert f"- **Les poids des critères** [inféré]{NB}: {CRITERIA}" in lines
    assert f"- **Les poids des sections** [inféré]{NB}: {SECTIONS_2} {SECTIONS_1}" in lines
    en = render_result(assess(lg, answers), "md", "en")
    assert "- **The sections' weights** [inferred]: " in en
