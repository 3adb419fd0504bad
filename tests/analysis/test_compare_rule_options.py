"""`compare` marks « socle » only what a verdict rule requires (review s12, grids #2).

The crosswalk called every criterion a verdict rule names « socle » (« the verdict needs
it »), the alternatives of « l'un de (A15-1 ; A15-2) » and the four of « au moins 1 parmi
(US-1 … US-4) » included: a Région read that a project must meet both 1° and 2° of the
law's art. 15.  A criterion is now « socle » when its failure alone fails the rule
(:func:`isgrid.grid.logic.required_criteria`); an alternative reads « au choix dans la
règle du verdict ».
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.logic import required_criteria
from isgrid.grid.model import VerdictRule

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def _rule(data: object) -> VerdictRule:
    return VerdictRule.model_validate(data)


def test_required_criteria_worked_by_hand() -> None:
    c = [{"criterion": f"C{i}"} for i in range(1, 5)]
    # art. 15: all of (any of (C1, C2), C3): C3 alone fails it; C1 or C2 alone does not
    assert required_criteria(_rule({"all": [{"any": c[:2]}, c[2]]})) == {"C3"}
    # art. 2: at least 1 of 4: none required
    assert required_criteria(_rule({"at_least": 1, "of": c})) == frozenset()
    # at least 3 of (C1, C2, C3): 3 - 3 = 0 spare parts, each one is required
    assert required_criteria(_rule({"at_least": 3, "of": c[:3]})) == {"C1", "C2", "C3"}
    # any of (all of (C1, C2), all of (C1, C3)): C1 is in both alternatives, so required
    assert required_criteria(_rule({"any": [{"all": c[:2]}, {"all": [c[0], c[2]]}]})) == {"C1"}
    # at least 2 of (all(C1, C4), all(C2, C4), C3): C4 unmet fails two parts, leaving one
    # (fewer than 2): required; C1 unmet fails one part, leaving two: not required
    assert required_criteria(_rule({"at_least": 2, "of": [
        {"all": [c[0], c[3]]}, {"all": [c[1], c[3]]}, c[2]]})) == {"C4"}
    # only_with: C1 counts only with C2 or C3: C1 required, its companions are options
    assert required_criteria(_rule({"criterion": "C1", "only_with": ["C2", "C3"]})) == {"C1"}


def test_the_law_s_alternatives_are_not_socles() -> None:
    run = CliRunner().invoke(cli, ["compare", "csess-2017", "loi-ess-2014-art15",
                                   "ess-utilite-sociale-art2"], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = run.stdout
    assert "d'organisation du travail (au choix dans la règle du verdict) ·" in out
    assert "dans le cadre des politiques publiques (au choix dans la règle du verdict) ·" in out
    # A15-II (version 2): the II, a condition apart, is neither required nor an option
    assert "aux conditions normales de marché (socle)" not in out
    data = json.loads(CliRunner().invoke(cli, ["compare", "loi-ess-2014-art15",
                                               "ess-utilite-sociale-art2", "--format", "json"],
                                         env=FRENCH).stdout)
    marks = {it["id"]: (it["core"], it["option"]) for row in data["crosswalk"]["rows"]
             for items in row["cells"].values() for it in items}
    assert marks["A15-1"] == marks["A15-2"] == (False, True)
    assert marks["A15-II"] == (False, False)
    assert {marks[f"US-{i}"] for i in range(1, 5)} == {(False, True)}


def test_a_dimension_another_grid_reaches_is_not_said_asked_by_one_grid_alone() -> None:
    """Review s12, grids #3: art. 15-II is A15-II (D8 (D7)) in the law and CS-3.2 (D7 (D8))
    in the CSESS: neither grid is « seule à demander » D7 or D8; La France s'engage alone
    reaches D9 (LFSE-3, no secondary D9 elsewhere)."""
    run = CliRunner().invoke(cli, ["compare", "csess-2017", "loi-ess-2014-art15",
                                   "la-france-s-engage-2024"], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = run.stdout
    assert ("- loi-ess-2014-art15@2 est seule à avoir D8 pour dimension principale\u00a0: "
            "A15-4, A15-II (atteinte aussi, comme dimension secondaire ou par un critère "
            "éliminatoire, dans\u00a0: csess-2017@2 (CS-3.2))") in out
    assert ("- csess-2017@2 est seule à avoir D7 pour dimension principale\u00a0: CS-3.1, "
            "CS-3.2 (atteinte aussi, comme dimension secondaire ou par un critère "
            "éliminatoire, dans\u00a0: loi-ess-2014-art15@2 (A15-II))") in out
    assert "- la-france-s-engage-2024@1 est seule à demander D9\u00a0: LFSE-3" in out
    assert "seule à demander D7" not in out and "seule à demander D8" not in out


def test_the_differences_read_in_words(tmp_path: Path) -> None:
    """Review s12, grids #9.1: « seuils de l'état (rempli, en partie, présent) » is not
    French for what counts as met; « dont 0 diffère » reads « dont aucun ne diffère »."""
    run = CliRunner().invoke(cli, ["compare", "avise-mouves-2011", "alsace-aap-2016"],
                             env=FRENCH)
    assert run.exit_code == 0, run.output
    assert "ce qui compte comme «\u00a0atteint\u00a0», «\u00a0en partie\u00a0», " \
           "«\u00a0présent\u00a0»\u00a0: " in run.stdout
    assert "seuils de l'état" not in run.stdout
    # a grid that only removes AV-3.4 from Avise's 20: 19 shared, none differs
    # (docs/fr/comparer-des-grilles.md's incubator example)
    child = tmp_path / "g.yaml"
    child.write_text('id: inc\nversion: "1"\ntitle: Inc\nextends: avise-mouves-2011\n'
                     "remove: [AV-3.4]\n", encoding="utf-8")
    same = CliRunner().invoke(cli, ["compare", "avise-mouves-2011", str(child)], env=FRENCH)
    assert same.exit_code == 0, same.output
    assert "19 critères en commun" in same.stdout
    assert "dont aucun ne diffère\u202f;" in same.stdout
