"""A profile grid's self-assessment says the grid's own word for its items (review s12
grids #10).

nouvelle-aquitaine-ami's source (N1) and title say « Critères de caractérisation »; the
result called them « marqueurs » and said « ce qui compte, ce sont les marqueurs présents
ensemble », the Picardie SIEG's doctrine (S-P3).  Now: « marqueurs » (and that doctrine)
only for a grid whose title or description calls its items so (the Picardie markers, the
SIEG that extends them), else the neutral « critères ».
"""

from __future__ import annotations

from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result
from isgrid.selfassess.words import item_words

NB = "\u00a0"


def _a(v: int) -> Answer:
    return Answer(float(v), False, None)


def test_the_grids_word() -> None:
    assert item_words(load_grid("nouvelle-aquitaine-ami").grid) == "criteria"
    assert item_words(load_grid("rallynov").grid) == "criteria"
    # « Marqueurs d'innovation sociale (Picardie, 2013) »
    assert item_words(load_grid("picardie-marqueurs-2013").grid) == "markers"
    # its title is the SIEG's, its description « les cinq blocs des marqueurs »
    assert item_words(load_grid("picardie-sieg-2015").grid) == "markers"


def test_nouvelle_aquitaine_says_criteres() -> None:
    # present from 2 (« Plutôt présent », the grid's counts_as): NA-01, 02, 05, 07, 08, 11
    values = [2, 3, 1, 0, 2, 1, 3, 2, 0, 1, 2, 1]
    answers = {f"NA-{i:02d}": _a(v) for i, v in enumerate(values, 1)}
    res = assess(load_grid("nouvelle-aquitaine-ami"), answers)
    md = render_result(res, "md", "fr")
    body = md[:md.index("## D'où viennent")]
    assert "arqueur" not in body
    lines = md.splitlines()
    assert f"**Critères présents{NB}: 6 sur 12**" in lines
    assert (f"Cette grille décrit un profil{NB}: elle se lit critère par critère, présent ou "
            f"non, sans note ni total.") in lines
    assert "| N° | Critère | Intensité | Présent |" in lines
    assert "ensemble" not in body
    en = render_result(res, "md", "en")
    assert "**Criteria present: 6 of 12**" in en.splitlines()
    assert "marker" not in en[:en.index("## Where the rules")].lower()
    html = render_result(res, "html", "fr")
    assert f"Critères présents{NB}: 6 sur 12" in html and "Marqueur" not in html


def test_picardie_keeps_its_markers() -> None:
    g = load_grid("picardie-marqueurs-2013")
    answers = {c.id: _a(2) for c in g.grid.criteria()}
    md = render_result(assess(g, answers), "md", "fr")
    lines = md.splitlines()
    # 12 markers at 2, « Présent » from 2 in this grid: all present
    assert f"**Marqueurs présents{NB}: 12 sur 12**" in lines
    assert (f"Cette grille décrit un profil{NB}: ce qui compte, ce sont les marqueurs présents "
            f"ensemble, pas une note.") in lines
