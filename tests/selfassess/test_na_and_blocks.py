"""« Ne s'applique pas » is an answer, and a profile's blocks count the markers present
(review s17 users, findings 10 and 11).  Worked by hand."""

from __future__ import annotations

import re

from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result

NA = Answer(None, True, None)


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


ALSACE = {"AV-1.1": A(3), "ALS-2": A(2), "ALS-3": A(4), "ALS-4": A(1), "AV-4.2": A(2),
          "ALS-1": A(3), "ALS-E1": A(1), "ALS-E2": A(1), "ALS-E3": A(1)}


def test_na_answered_everything_the_total_is_not_provisional() -> None:
    # every question answered, ALS-5 « ne s'applique pas »: 62,5 over the six others
    res = assess(load_grid("alsace-aap-2016"), {**ALSACE, "ALS-5": NA})
    assert (res.answered, res.questions) == (10, 10)
    assert res.provisional is False
    assert res.left_out == {"unanswered": 0, "na": 1, "na_floor": 0}
    md = _plain(render_result(res, "md", "fr"))
    assert "**Total : 62,5 / 100** (calculé sans les critères qui ne s'appliquent pas)" in md
    assert "provisoire" not in md.split("## Ce qui peut")[0].replace(
        "n'est pas provisoire pour autant", "")
    html = _plain(render_result(res, "html", "fr"))
    assert "calculé sans les critères qui ne s&#39;appliquent pas" in html
    assert '<span class="badge">provisoire</span>' not in html
    assert "computed without the criteria that do not apply" in render_result(res, "md", "en")


def test_an_unanswered_question_keeps_the_total_provisional() -> None:
    # ALS-5 left empty: same 62,5, provisional; ALS-5 na and AV-1.1 empty: both said
    res = assess(load_grid("alsace-aap-2016"), ALSACE)
    assert (res.provisional, res.left_out) == (True, {"unanswered": 1, "na": 0, "na_floor": 0})
    assert "**Total : 62,5 / 100** (provisoire)" in _plain(render_result(res, "md", "fr"))
    both = {**ALSACE, "ALS-5": NA}
    del both["AV-1.1"]
    res = assess(load_grid("alsace-aap-2016"), both)
    # five answered: shares .5 1 .25 .5 .75 = 3, total 100 x 3 / 5 = 60
    assert res.total is not None and abs(res.total - 60) < 1e-9
    assert ("**Total : 60,0 / 100** (provisoire ; calculé sans les critères qui ne "
            "s'appliquent pas)") in _plain(render_result(res, "md", "fr"))


PICARDIE = {"PIC-M0": A(0), "PIC-M1": A(1), "PIC-M2": NA, "PIC-M3": A(0), "PIC-M4": A(1),
            "PIC-M5": A(2), "PIC-M6": A(3), "PIC-M7": NA, "PIC-M8": A(0), "PIC-M9": A(1),
            "PIC-M10": A(2), "PIC-M11": A(3)}


def test_blocks_count_the_markers_present_never_a_mean() -> None:
    # present from « Présent » (2): M5, M6, M10, M11.  Blocks: Contexte M0; Processus M1-M6;
    # Résultats M7-M9; Impacts directs M10; Diffusion et changements M11.
    res = assess(load_grid("picardie-marqueurs-2013"), PICARDIE)
    assert len(res.present) == 4
    assert [(s["present"], s["of"], s["score"]) for s in res.sections] == [
        (0, 1, None), (2, 6, None), (0, 3, None), (1, 1, None), (1, 1, None)]
    md = _plain(render_result(res, "md", "fr"))
    assert "### Par bloc : marqueurs présents" in md
    assert "- Processus : 2 marqueurs présents sur 6" in md
    assert "- Contexte : 0 marqueur présent sur 1" in md
    assert "intensité moyenne" not in md
    assert "- Processus: 2 of 6 markers present" in render_result(res, "md", "en")


def test_the_radar_marks_na_apart_from_unanswered() -> None:
    answers = dict(PICARDIE)
    del answers["PIC-M3"]  # unanswered
    res = assess(load_grid("picardie-marqueurs-2013"), answers)
    html = _plain(render_result(res, "html", "fr"))
    labels = re.findall(r'dominant-baseline="middle" fill="[^"]*">([^<]*)</text>', html)
    assert "2 –" in labels and "7 –" in labels and "3 ?" in labels
    assert "2 ?" not in labels and "7 ?" not in labels
    assert ("Un numéro suivi de « ? » est un marqueur sans réponse, suivi de « – » un "
            "marqueur qui ne s&#39;applique pas (votre réponse)") in html
