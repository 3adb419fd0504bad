"""« Voir avec une autre grille » (``assess --grid``): a criterion of the other grid gets a
level only from the same criterion of the holder's grid, and says which answer it came from
(review19, finding 3).  Worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, render_result
from isgrid.selfassess.carry import assess_carried, same_criteria

NA = Answer(None, True, None)


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# the guide's mes-reponses.yaml (Avise, presence 0-3), as the reviewer ran it
AVISE = {"AV-1.1": A(3), "AV-1.2": A(2), "AV-1.3": A(2), "AV-1.4": A(3), "AV-2.1": A(2),
         "AV-2.2": A(1), "AV-2.3": A(2), "AV-2.4": A(3), "AV-3.1": A(2), "AV-3.2": A(1),
         "AV-4.1": A(3), "AV-4.2": A(2), "AV-4.5": NA}


def test_a_grid_that_extends_another_gets_its_criteria_levels_and_nothing_else() -> None:
    avise, alsace = load_grid("avise-mouves-2011"), load_grid("alsace-aap-2016")
    assert same_criteria(avise, alsace) == ["AV-1.1", "AV-4.2"]
    res = assess_carried(avise, AVISE, alsace)
    assert res.approximation is not None
    # AV-1.1: 3 of 0-3 is the whole scale: 4 on 0-4, « Très bon ».  AV-4.2: 2 of 0-3 is
    # 2/3, 2.67 on 0-4, the level at or below: 2, « Moyen »
    values = {c.id: c.value for c in res.criteria}
    assert (values["AV-1.1"], values["AV-4.2"]) == (4.0, 2.0)
    assert [v for k, v in values.items() if k not in ("AV-1.1", "AV-4.2")] == [None] * 5
    assert res.approximation["carried"] == ["AV-1.1", "AV-4.2"]
    assert res.approximation["from_answers"]["AV-4.2"] == {
        "id": "AV-4.2", "label": avise.grid.criterion("AV-4.2").label, "na": False,
        "value": 2.0, "level": "Plutôt présent"}
    # AV-1.1 and AV-4.2 each weigh 1 (sections 2/2 and 1/1): 100 x (1 + 0.5) / 2 = 75
    assert res.total is not None and abs(res.total - 75) < 1e-9
    md = _plain(render_result(res, "md", "fr"))
    assert ("> Niveaux reportés (2) : Réponse à un besoin social nouveau ou mal satisfait : "
            "**Très bon**, depuis « Réponse à un besoin social nouveau ou mal satisfait » "
            "(Totalement présent) · ") in md
    assert "Niveau reporté : 2 — Moyen, depuis « Coopération et partenariats" in md
    html = _plain(render_result(res, "html", "fr"))
    assert "Niveau reporté : <strong>Très bon</strong> (4)" in html
    assert "Réponse : <strong>Très bon</strong>" not in html  # never as her answer


def test_unrelated_grids_carry_nothing_from_a_shared_dimension() -> None:
    # Picardie's « Logique d'accessibilité » (D6) is no answer on Nouvelle-Aquitaine's
    # « Impact environnemental » (D6): nothing is carried, every criterion stays unanswered
    picardie, na = load_grid("picardie-marqueurs-2013"), load_grid("nouvelle-aquitaine-ami")
    answers = {"PIC-M0": A(3), "PIC-M1": A(2), "PIC-M2": A(1), "PIC-M3": A(0), "PIC-M4": A(3),
               "PIC-M5": A(2), "PIC-M6": NA, "PIC-M7": A(3)}
    res = assess_carried(picardie, answers, na)
    assert res.approximation is not None and res.approximation["carried"] == []
    assert len(res.criteria) == 12  # Nouvelle-Aquitaine's 12 criteria
    assert all(c.value is None and not c.na for c in res.criteria)
    assert res.present == []
    md = _plain(render_result(res, "md", "fr"))
    assert "aucun niveau n'est reporté" in md
    assert "Impact environnemental : Totalement présent" not in md
    assert "No criterion of this grid is a criterion of" in render_result(res, "md", "en")


def test_na_is_carried_only_where_the_other_grid_offers_it(tmp_path: Path) -> None:
    # Avise's AV-1.1 na: Alsace's AV-1.1 has a floor, n/a is not offered there (it would
    # block the ranking): left unanswered, not carried
    res = assess_carried(load_grid("avise-mouves-2011"), {"AV-1.1": NA, "AV-4.2": NA},
                         load_grid("alsace-aap-2016"))
    assert res.approximation is not None and res.approximation["carried"] == ["AV-4.2"]
    assert {c.id: (c.value, c.na) for c in res.criteria}["AV-1.1"] == (None, False)
    # the command line: the same, in JSON
    answers = tmp_path / "a.yaml"
    answers.write_text("grid: avise-mouves-2011@1\nanswers:\n  AV-1.1: 3\n  AV-2.4: 3\n",
                       encoding="utf-8")
    r = CliRunner().invoke(cli, ["assess", "avise-mouves-2011", str(answers), "--grid",
                                 "alsace-aap-2016", "--grid", "nouvelle-aquitaine-ami",
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    alsace, nouvelle = json.loads(r.output)["other_grids"]
    assert alsace["approximation"]["carried"] == ["AV-1.1"]
    assert nouvelle["approximation"]["carried"] == []  # AV-2.4 « effets environnementaux »
