"""« Ne s'applique pas » on a criterion with a floor, and the threshold of a provisional total
(review19, findings 1 and 6).  The engine counts a criterion without a value as below its
floor (engine.judge.below_floor): the self-assessment says what the engine would do, and
does not offer n/a where it would block the ranking.  Numbers worked out by hand."""

from __future__ import annotations

import re

from isgrid.grid.load import load_grid
from isgrid.selfassess.answers import na_offered
from isgrid.selfassess.assess import Answer, answers_yaml, assess, render_result
from isgrid.web.selfassess import create_app
from webclients import same_origin_client

NA = Answer(None, True, None)


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# alsace-aap-2016: seven scored criteria on 0-4, each 1/7 of the total; floors 2 on AV-1.1
# and ALS-4; threshold 50.  The reviewer's nafloor.yaml: every criterion 3, AV-1.1 na.
NAFLOOR = {"AV-1.1": NA, "ALS-2": A(3), "ALS-3": A(3), "ALS-4": A(3), "AV-4.2": A(3),
           "ALS-1": A(3), "ALS-5": A(3), "ALS-E1": A(1), "ALS-E2": A(1), "ALS-E3": A(1)}


def test_na_on_a_floor_blocks_the_ranking_and_comes_first() -> None:
    res = assess(load_grid("alsace-aap-2016"), NAFLOOR)
    # six criteria at 3/4: total 100 x 0.75 = 75,0, computed without AV-1.1
    assert res.total is not None and abs(res.total - 75) < 1e-9
    assert res.left_out == {"unanswered": 0, "na": 1, "na_floor": 1}
    [av11, als4] = res.floors
    assert (av11.id, av11.na, av11.met, av11.value) == ("AV-1.1", True, False, None)
    assert (als4.id, als4.na, als4.met) == ("ALS-4", False, True)
    assert {c.id: c.state for c in res.criteria}["AV-1.1"] == "below-floor"
    first = res.improvements[0]
    assert (first.id, first.kind, first.na, first.target, first.target_level) == (
        "AV-1.1", "floor", True, 2.0, "Moyen")
    md = _plain(render_result(res, "md", "fr"))
    assert "plancher 2 · **ne s'applique pas : sans note, compte comme non atteint**" in md
    assert "sans réponse : compte comme non atteint" not in md
    assert "ni pour ni contre" not in md  # the only n/a blocks the ranking
    assert ("Sur un critère qui a un plancher, « ne s'applique pas » n'est pas une note"
            in md)
    assert ("1. **Réponse à un besoin social nouveau ou mal satisfait** (plancher) — "
            "aujourd'hui : ne s'applique pas → viser au moins : Moyen (le plancher)") in md
    html = _plain(render_result(res, "html", "fr"))
    assert "ne s&#39;applique pas : sans note, compte comme non atteint" in html
    assert "ni pour ni contre" not in html
    en = render_result(res, "md", "en")
    assert "does not apply: without a level, counts as not met" in en


def test_na_without_a_floor_still_counts_neither_for_nor_against() -> None:
    # ALS-5 na too: the total over the five others is still 75,0; its n/a is said apart
    res = assess(load_grid("alsace-aap-2016"), {**NAFLOOR, "ALS-5": NA})
    assert res.left_out == {"unanswered": 0, "na": 2, "na_floor": 1}
    md = _plain(render_result(res, "md", "fr"))
    assert ("Les autres critères auxquels vous avez répondu « ne s'applique pas », sans "
            "plancher, ne comptent ni pour ni contre") in md
    assert [i.id for i in res.improvements][:1] == ["AV-1.1"]


def test_na_is_not_offered_on_a_floor() -> None:
    g = load_grid("alsace-aap-2016")
    offered = {c.id: na_offered(g.grid, c) for c in g.grid.criteria()}
    assert offered["AV-1.1"] is False and offered["ALS-4"] is False  # floors 2
    assert offered["ALS-2"] is True and offered["ALS-E1"] is False  # oui/non: no n/a
    template = _plain(answers_yaml(g, None, "fr"))
    block = template.split("  AV-1.1:")[0].split("# AV-1.1")[1]
    assert "na = ne s'applique pas" not in block
    assert "(pas de « na » ici : sans note, le plancher n'est pas atteint" in block
    als2 = template.split("  ALS-2:")[0].split("# ALS-2")[1]
    assert "na = ne s'applique pas" in als2
    client = same_origin_client(create_app(grids={"alsace-aap-2016": g}))
    html = _plain(client.get("/g/alsace-aap-2016").get_data(as_text=True))
    assert 'name="v:AV-1.1" value="na"' not in html
    assert 'name="v:ALS-2" value="na"' in html
    assert html.count("n&#39;est pas proposé ici : ce critère a un plancher") == 2
    # an answers file that says na there anyway: kept, checked, for the result to say it
    again = client.post("/g/alsace-aap-2016", data={"v:AV-1.1": "na"}).get_data(as_text=True)
    assert re.search(r'name="v:AV-1.1" value="na" checked', again)


def test_threshold_of_a_provisional_total_is_on_the_answered_criteria() -> None:
    # the reviewer's b5.yaml: ALS-2 4, ALS-3 3, ALS-4 2 (AV-1.1 na, three unanswered):
    # shares 1, 0.75, 0.5, each 1/7: 100 x 2.25 / 3 = 75,0 over 3 of the 7 criteria
    g = load_grid("alsace-aap-2016")
    res = assess(g, {"ALS-2": A(4), "ALS-3": A(3), "AV-1.1": NA, "ALS-4": A(2),
                     "ALS-E1": A(0)})
    assert res.total is not None and abs(res.total - 75) < 1e-9
    assert res.provisional and res.counted == {"n": 3, "of": 7}
    md = _plain(render_result(res, "md", "fr"))
    assert "Le seuil de 50 / 100 serait atteint sur les critères répondus (3 sur 7)." in md
    assert "Le seuil de 50 / 100 est atteint" not in md
    assert ("The threshold of 50 / 100 would be reached on the answered criteria (3 of 7)."
            in render_result(res, "md", "en"))
    # ALS-2 1 and ALS-3 1: 100 x 0.25 = 25,0, 25,0 points short, on 2 of 7
    low = assess(g, {"ALS-2": A(1), "ALS-3": A(1)})
    assert ("Sur les critères répondus (2 sur 7), il manquerait 25,0 points pour atteindre "
            "le seuil de 50 / 100.") in _plain(render_result(low, "md", "fr"))
    # every criterion answered: the plain sentence
    full = assess(g, {**NAFLOOR, "AV-1.1": A(3)})
    assert not full.provisional
    assert "Le seuil de 50 / 100 est atteint." in _plain(render_result(full, "md", "fr"))
