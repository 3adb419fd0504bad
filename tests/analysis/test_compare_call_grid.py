"""A call judged with a grid that extends a compared grid (review s17 users, finding 2).

``isgrid compare avise-mouves-2011 picardie-marqueurs-2013 --call appel``, the Alsace call
judged with ``alsace-aap-2016`` (which extends avise-mouves-2011), named the call's grid
« avise-mouves-2011@1 », listed everything alsace-aap-2016 changes as the call's
« modifications locales » (its call.yaml only turns on half steps) and projected
« avise-mouves-2011@1 lu à travers avise-mouves-2011@1 ».  The call is now named by its own
grid, the grid's changes and the call's own are two diffs, and no grid is read through
itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from testpaths import EXAMPLES

NB = "\u00a0"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return compare([load_grid("avise-mouves-2011"), load_grid("picardie-marqueurs-2013")],
                   [load_call(EXAMPLES / "alsace-2016")])


def test_the_call_is_named_by_its_own_grid(report: dict[str, Any]) -> None:
    (call,) = report["calls"]["calls"]
    assert call["grid"] == "alsace-aap-2016@1 (alsace-2016)"
    assert call["extends"] == "avise-mouves-2011@1"
    md = render(report, "md", "fr")
    assert (f"- alsace-aap-2016@1 (alsace-2016), qui étend avise-mouves-2011@1{NB}: appel "
            f"«{NB}Appel à projets «{NB}Innovation(s) sociale(s) en Alsace{NB}» 2016 "
            f"(exemple fictif){NB}», 8 dossiers") in md.replace("\u202f", NB)
    en = render(report, "md", "en")
    assert "- alsace-aap-2016@1 (alsace-2016), which extends avise-mouves-2011@1: call" in en


def test_the_grid_s_changes_and_the_call_s_own_are_apart(report: dict[str, Any]) -> None:
    grid_diff, own = report["diffs"]
    # the grid's: Avise's checklist made a scored grid, threshold 50, 8 criteria added
    # (ALS-1..5, ALS-E1..3), 14 removed by id in alsace-aap-2016.yaml plus the 4 of the
    # section « experimentation-risque » removed whole: 18
    assert (grid_diff["before"], grid_diff["after"]) == ("avise-mouves-2011@1",
                                                         "alsace-aap-2016@1")
    assert grid_diff["relation"] == "call-extends"
    assert grid_diff["mode"] == {"field": "mode", "before": "checklist", "after": "scored"}
    assert len(grid_diff["criteria_added"]) == 8 and len(grid_diff["criteria_removed"]) == 18
    # the call's own: call.yaml's one `set:`, half steps on the 0-4 scale, and nothing else
    assert (own["before"], own["after"]) == ("alsace-aap-2016@1",
                                             "alsace-aap-2016@1 (alsace-2016)")
    assert own["relation"] == "call"
    assert own["mode"] is None and not own["criteria_added"] and not own["criteria_removed"]
    assert own["scales_changed"] == [{"id": "note04", "changes": [
        {"field": "half_steps", "before": False, "after": True}]}]
    md = render(report, "md", "fr").replace("\u202f", NB)
    head = "### alsace-aap-2016@1 → alsace-aap-2016@1 (alsace-2016)\n\nModifications locales"
    assert head in md
    local = md.split(head)[1].split("\n## ")[0]
    assert "Mode" not in local and "Critères ajoutés" not in local
    assert f"demi-niveaux{NB}: non → oui" in local
    assert ("### avise-mouves-2011@1 → alsace-aap-2016@1\n\nLa grille de l'appel étend la "
            "grille comparée") in md


def test_no_grid_is_read_through_itself(report: dict[str, Any]) -> None:
    pairs = {(p["source"], p["target"]) for p in report["projection"]["pairs"]}
    assert pairs == {("alsace-aap-2016@1 (alsace-2016)", "avise-mouves-2011@1"),
                     ("alsace-aap-2016@1 (alsace-2016)", "picardie-marqueurs-2013@1")}
    md = render(report, "md", "fr")
    assert "avise-mouves-2011@1 lu à travers avise-mouves-2011@1" not in md
    assert "### alsace-aap-2016@1 (alsace-2016) lu à travers avise-mouves-2011@1" in md


def test_two_editions_on_a_grid_that_extends_the_compared_one(tmp_path: Path) -> None:
    """``compare avise-mouves-2011 --call appel --call appel-2017``: two Alsace editions
    (alsace-aap-2016) given with the grid it extends.  Avise was dropped from the
    comparison (both calls matched it, and editions replace the grid they share); it stays,
    its differences with alsace-aap-2016 said once, as the grid's, and the editions'."""
    import shutil

    for name in ("appel", "appel-2017"):
        shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / name)
    with (tmp_path / "appel-2017" / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("  sections.besoin-social.weight: 3\n")
    rep = compare([load_grid("avise-mouves-2011")],
                  [load_call(tmp_path / "appel"), load_call(tmp_path / "appel-2017")])
    assert [g["key"] for g in rep["grids"]] == ["avise-mouves-2011@1", "appel", "appel-2017"]
    assert [(d["before"], d["after"], d["relation"]) for d in rep["diffs"]] == [
        ("avise-mouves-2011@1", "alsace-aap-2016@1", "call-extends"),
        ("appel", "appel-2017", "editions")]
    assert [c["extends"] for c in rep["calls"]["calls"]] == ["avise-mouves-2011@1"] * 2
    assert {(p["source"], p["target"]) for p in rep["projection"]["pairs"]} == {
        ("appel", "avise-mouves-2011@1"), ("appel-2017", "avise-mouves-2011@1")}
    md = render(rep, "md", "fr").replace("\u202f", NB)
    assert f"- appel-2017{NB}: appel «{NB}Appel à projets «{NB}Innovation(s) sociale(s) en " \
           f"Alsace{NB}» 2016 (exemple fictif){NB}», 8 dossiers{NB}; sa grille étend " \
           f"avise-mouves-2011@1" in md
