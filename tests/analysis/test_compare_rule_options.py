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
    assert "aux conditions normales de marché (socle) ·" in out  # A15-II: required
    data = json.loads(CliRunner().invoke(cli, ["compare", "loi-ess-2014-art15",
                                               "ess-utilite-sociale-art2", "--format", "json"],
                                         env=FRENCH).stdout)
    marks = {it["id"]: (it["core"], it["option"]) for row in data["crosswalk"]["rows"]
             for items in row["cells"].values() for it in items}
    assert marks["A15-1"] == marks["A15-2"] == (False, True)
    assert marks["A15-II"] == (True, False)
    assert {marks[f"US-{i}"] for i in range(1, 5)} == {(False, True)}
