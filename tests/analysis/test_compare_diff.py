"""Differences between a grid and a grid that extends it, and between versions."""

from __future__ import annotations

import math
from pathlib import Path

from gridtexts import NPM, criterion, grid, section
from isgrid.analysis.compare import compare, grid_diff, relation
from isgrid.grid.load import load_grid
from testpaths import FIXTURES

FIX = FIXTURES / "grids"


def test_diff_parent_and_child() -> None:
    parent = load_grid(FIX / "mini-scored.yaml")
    child = load_grid(FIX / "mini-child.yaml")
    assert relation(parent, child) == "extends"
    assert relation(child, parent) is None
    d = grid_diff(parent, child)
    assert d["before"] == "mini-scored@1" and d["after"] == "mini-child@2"
    assert d["relation"] == "extends"
    assert [c["id"] for c in d["criteria_added"]] == ["I2"]
    assert d["criteria_added"][0]["section"] == "impact"
    assert [c["id"] for c in d["criteria_removed"]] == ["B2"]
    assert d["criteria_changed"] == [
        {"id": "I1", "changes": [{"field": "weight", "before": 1, "after": 3}]}]
    assert d["mode"] is None and d["threshold"] is None and d["aggregator"] is None
    assert d["parameters_changed"] == [
        {"field": "criteria.I1.weight", "before": None, "after": "inferred"}]
    # Effective weights, by hand.  Parent: besoin (2) = B1 2*2/3, B2 2*1/3; impact (1) = I1 1;
    # total 3.  Child: besoin = B1 2; impact = I1 3/4, I2 1/4; total 3.
    eff = {c["field"]: (c["before"], c["after"]) for c in d["effective_weights"]}
    assert set(eff) == {"B1", "B2", "I1", "I2"}
    assert math.isclose(eff["B1"][0], 4 / 9) and math.isclose(eff["B1"][1], 2 / 3)
    assert math.isclose(eff["B2"][0], 2 / 9) and eff["B2"][1] is None
    assert math.isclose(eff["I1"][0], 1 / 3) and math.isclose(eff["I1"][1], 1 / 4)
    assert eff["I2"][0] is None and math.isclose(eff["I2"][1], 1 / 12)
    assert not d["unchanged"]


def test_diff_floors_thresholds_levels_core_and_mode(tmp_path: Path) -> None:
    (tmp_path / "mini-scored.yaml").write_text((FIX / "mini-scored.yaml").read_text("utf-8"),
                                               encoding="utf-8")
    child = tmp_path / "v2.yaml"
    child.write_text(
        "id: mini-scored-v2\nversion: '2'\ntitle: V2\nextends: mini-scored@1\n"
        "set:\n"
        "  threshold: 60\n"
        "  criteria.B1.floor: 3\n"
        "  sections.besoin.weight: 1\n"
        "  scales.s04.levels:\n"
        "    - {value: 0, label: Nul}\n"
        "    - {value: 4, label: Parfait}\n"
        "remove: [partners]\n",
        encoding="utf-8",
    )
    a = load_grid(tmp_path / "mini-scored.yaml")
    b = load_grid(child)
    d = grid_diff(a, b)
    assert d["threshold"] == {"field": "threshold", "before": 50, "after": 60}
    changes = {(c["id"], ch["field"]): (ch["before"], ch["after"])
               for c in d["criteria_changed"] for ch in c["changes"]}
    assert changes[("B1", "floor")] == (2, 3)
    assert d["sections_changed"] == [
        {"id": "besoin", "changes": [{"field": "weight", "before": 2, "after": 1}]}]
    levels = next(s for s in d["scales_changed"] if s["id"] == "s04")
    assert levels["changes"][0]["field"] == "levels"
    assert levels["changes"][0]["after"] == ["0 Nul", "4 Parfait"]
    assert d["eligibility_removed"] == ["partners"]


PARENT_CHECKLIST = grid(
    "base-list", "Base",
    section("s", "S",
            criterion("S1", "Besoin", "npm", core=True),
            criterion("S2", "Implication", "npm", "D3", core=True),
            criterion("C1", "Ancrage", "npm", "D5")),
    mode="checklist", head="counts_as: {met: 2, partly: 1}\n", scales=[NPM])


def test_diff_core_flags(tmp_path: Path) -> None:
    (tmp_path / "base-list.yaml").write_text(PARENT_CHECKLIST, encoding="utf-8")
    child = tmp_path / "c2.yaml"
    child.write_text("id: c2\nversion: '1'\ntitle: C2\nextends: base-list\n"
                     "set:\n  criteria.C1.core: true\n  criteria.S2.core: false\n",
                     encoding="utf-8")
    d = grid_diff(load_grid(tmp_path / "base-list.yaml"), load_grid(child))
    assert d["criteria_changed"] == [
        {"id": "S2", "changes": [{"field": "core", "before": True, "after": False}]},
        {"id": "C1", "changes": [{"field": "core", "before": False, "after": True}]},
    ]
    assert d["effective_weights"] == []


def test_diff_of_a_mode_change_avise_to_alsace() -> None:
    avise = load_grid("avise-mouves-2011")
    alsace = load_grid("alsace-aap-2016")
    d = grid_diff(avise, alsace)
    assert d["relation"] == "extends"
    assert d["mode"] == {"field": "mode", "before": "checklist", "after": "scored"}
    core = {c["id"]: ch for c in d["criteria_changed"] for ch in c["changes"]
            if ch["field"] == "core"}
    assert core["AV-1.1"]["before"] is True and core["AV-1.1"]["after"] is False


def test_compare_diffs_related_pairs_only() -> None:
    grids = [load_grid(FIX / "mini-scored.yaml"), load_grid("csess-2017"),
             load_grid(FIX / "mini-child.yaml")]
    report = compare(grids)
    assert [(d["before"], d["after"]) for d in report["diffs"]] == [
        ("mini-scored@1", "mini-child@2")]
    # order given child first: still parent -> child
    report = compare([grids[2], grids[0]])
    assert [(d["before"], d["after"]) for d in report["diffs"]] == [
        ("mini-scored@1", "mini-child@2")]


def test_identical_grids_are_unchanged() -> None:
    a = load_grid("csess-2017")
    d = grid_diff(a, a)
    assert d["unchanged"] and d["relation"] == "versions"
