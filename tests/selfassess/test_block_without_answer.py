"""A marker block with no answer reads « sans réponse », not « 0 marqueur présent sur 1 »;
PIC-M9's question asks what its levels answer (review19, finding 10).  Worked by hand."""

from __future__ import annotations

from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, answers_yaml, assess, render_result


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# the reviewer's: M0=3, M1=2, M2=1, M3=0, M4=3, M5=2, M6=na, M7=3, the rest empty
ANSWERS = {"PIC-M0": A(3), "PIC-M1": A(2), "PIC-M2": A(1), "PIC-M3": A(0), "PIC-M4": A(3),
           "PIC-M5": A(2), "PIC-M6": Answer(None, True, None), "PIC-M7": A(3)}


def test_a_block_without_an_answer_says_so() -> None:
    res = assess(load_grid("picardie-marqueurs-2013"), ANSWERS)
    # blocks: Contexte M0 (3: present); Processus M1-M6 (M1 2, M4 3, M5 2: 3 present);
    # Résultats M7-M9 (M7 3: 1 present); Impacts directs M10 and Diffusion M11: no answer
    assert [(s["present"], s["of"], s["answered"]) for s in res.sections] == [
        (1, 1, 1), (3, 6, 6), (1, 3, 1), (0, 1, 0), (0, 1, 0)]
    md = _plain(render_result(res, "md", "fr"))
    assert "- Impacts directs : sans réponse" in md
    assert "- Diffusion et changements : sans réponse" in md
    assert "0 marqueur présent sur 1" not in md
    assert "- Résultats : 1 marqueur présent sur 3" in md
    html = _plain(render_result(res, "html", "fr"))
    assert "Impacts directs</span> : sans réponse" in html
    assert "- Impacts directs: no answer" in render_result(res, "md", "en")
    # answered « Absent »: a count, 0 of 1
    res = assess(load_grid("picardie-marqueurs-2013"), {**ANSWERS, "PIC-M10": A(0)})
    assert "- Impacts directs : 0 marqueur présent sur 1" in _plain(
        render_result(res, "md", "fr"))


def test_pic_m9_asks_how_far_the_project_breaks_with_practice() -> None:
    # isgrid's own wording (the grid's note: « consignes, questions, conseils » are a
    # formulation isgrid): a question its levels Absent … Fort answer
    g = load_grid("picardie-marqueurs-2013")
    m9 = g.grid.criterion("PIC-M9")
    assert m9.question == ("Votre projet rompt-il avec les pratiques existantes sur votre "
                           "territoire ?")
    assert m9.guidance is not None and "Dites en commentaire ce qui" in m9.guidance
    assert "Qu'est-ce qui" not in answers_yaml(g, None, "fr")
