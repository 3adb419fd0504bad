"""The grid language on valid grids: the three modes, defaults, provenance, dimensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.errors import GridError
from isgrid.grid.check import counts_as
from isgrid.grid.load import dimensions, load_grid
from isgrid.grid.model import Grid
from testpaths import FIXTURES

FIXTURES = FIXTURES / "grids"
SCORED_TEXT = (FIXTURES / "mini-scored.yaml").read_text(encoding="utf-8")

MINIMAL = """\
id: g
version: "1"
title: Grille
mode: {mode}
{extra}scales:
  s:
    levels:
      - {{value: 0, label: non}}
      - {{value: 1, label: un peu}}
      - {{value: 2, label: oui}}
sections:
  - id: a
    label: A
    criteria:
      - {{id: c1, label: C1, scale: s, dimension: D1, provenance: {{status: inferred}}}}
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("name", "mode", "aggregator", "n_criteria"),
    [
        ("mini-scored", "scored", "mean", 4),
        ("mini-checklist", "checklist", "median", 4),
        ("mini-profile", "profile", "median", 3),
    ],
)
def test_fixture_grids_load(name: str, mode: str, aggregator: str, n_criteria: int) -> None:
    loaded = load_grid(FIXTURES / f"{name}.yaml")
    assert loaded.grid.id == name
    assert loaded.grid.mode == mode
    assert loaded.grid.effective_aggregator() == aggregator
    assert len(loaded.grid.criteria()) == n_criteria
    assert loaded.chain == [name]
    assert loaded.warnings == []


def test_dimensions_are_the_ten_shared_ones() -> None:
    dims = dimensions()
    assert list(dims) == [f"D{i}" for i in range(1, 11)]
    assert all(d.label and d.definition for d in dims.values())


def test_scale_bounds_and_criterion_lookup() -> None:
    g = load_grid(FIXTURES / "mini-scored.yaml").grid
    assert (g.scales["s04"].min, g.scales["s04"].max) == (0.0, 4.0)
    assert (g.scales["yesno"].min, g.scales["yesno"].max) == (0.0, 1.0)
    assert [c.id for c in g.criteria()] == ["B1", "B2", "I1", "X1"]
    assert g.criterion("I1").label == "Impact"
    assert g.section_of("X1").id == "impact"
    with pytest.raises(KeyError):
        g.criterion("nope")


def test_counts_as_on_the_scale_wins_over_the_grid(tmp_path: Path) -> None:
    text = MINIMAL.format(mode="checklist", extra="counts_as: {met: 2, partly: 1}\n")
    text = sub(text, "    levels:\n", "    counts_as: {met: 1}\n    levels:\n")
    g = load_grid(write(tmp_path, text)).grid
    c = g.criterion("c1")
    assert counts_as(g, c, "met") == 1.0  # the scale's
    assert counts_as(g, c, "partly") == 1.0  # the grid's
    assert counts_as(g, c, "present") is None


def test_counts_as_outside_the_scale(tmp_path: Path) -> None:
    text = MINIMAL.format(mode="checklist", extra="counts_as: {met: 3, partly: 1}\n")
    with pytest.raises(GridError) as info:
        load_grid(write(tmp_path, text))
    assert [d.code for d in info.value.diagnostics] == ["floor-out-of-scale"]


def test_aggregator_can_be_declared(tmp_path: Path) -> None:
    text = MINIMAL.format(mode="profile", extra="counts_as: {present: 1}\naggregator: mean\n")
    assert load_grid(write(tmp_path, text)).grid.effective_aggregator() == "mean"


def test_version_written_as_a_number_is_text(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, 'version: "1"', "version: 2")
    assert load_grid(write(tmp_path, text)).grid.version == "2"


def test_version_keeps_what_was_written(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, 'version: "1"', "version: 1.10")
    assert load_grid(write(tmp_path, text)).grid.version == "1.10"


def test_schema_key_is_accepted(tmp_path: Path) -> None:
    text = "$schema: https://isgrid.invalid/schema/grid.schema.json\n" + SCORED_TEXT
    assert load_grid(write(tmp_path, text)).grid.id == "mini-scored"


# ----------------------------------------------------------------- provenance
def test_parameter_without_provenance_is_a_warning(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, "  threshold: {status: inferred}\n", "")
    loaded = load_grid(write(tmp_path, text))
    assert [(d.code, d.severity) for d in loaded.warnings] == [("missing-provenance", "warning")]
    assert "threshold" in loaded.warnings[0].message


def test_wildcard_parameter_covers_every_criterion(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, "  criteria.B1.weight: {status: inferred}\n",
               "  criteria.*.weight: {status: sourced, source: T}\n")
    text = sub(text, "{id: B2, label: Public, scale: s04,", "{id: B2, label: Public, scale: s04, weight: 3,")
    assert load_grid(write(tmp_path, text)).warnings == []


def test_profile_and_checklist_grids_need_no_parameter_provenance() -> None:
    assert load_grid(FIXTURES / "mini-checklist.yaml").warnings == []


def test_parameter_naming_an_unknown_criterion(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, "  threshold: {status: inferred}\n",
               "  threshold: {status: inferred}\n  criteria.ZZ.weight: {status: inferred}\n")
    with pytest.raises(GridError) as info:
        load_grid(write(tmp_path, text))
    assert [d.code for d in info.value.diagnostics if d.severity == "error"] == ["unknown-target"]


def test_provenance_status_is_closed(tmp_path: Path) -> None:
    text = sub(SCORED_TEXT, "{id: B2, label: Public, scale: s04, dimension: D1, "
               "provenance: {status: inferred}}",
               "{id: B2, label: Public, scale: s04, dimension: D1, "
               "provenance: {status: guessed}}")
    with pytest.raises(GridError) as info:
        load_grid(write(tmp_path, text))
    [d] = info.value.diagnostics
    assert d.code == "schema-invalid"
    assert d.location.key_path == "sections[0].criteria[1].provenance.status"


# ------------------------------------------------------------------- eligibility
@pytest.mark.parametrize(
    "rule",
    [
        "{id: r, label: R, fact: amount_requested, le: {fact: eligible_costs, times: 0.5}}",
        "{id: r, label: R, all: [{fact: region, equals: Alsace}, {fact: postcode, present: true}]}",
        "{id: r, label: R, not: {fact: region, in: [Lorraine, Champagne]}}",
        "{id: r, label: R, fact: 'partners[].type', contains-any: [recherche]}",
    ],
)
def test_valid_rules(tmp_path: Path, rule: str) -> None:
    text = sub(SCORED_TEXT, "eligibility:\n", f"eligibility:\n  - {rule}\n")
    g = load_grid(write(tmp_path, text)).grid
    assert g.eligibility[0].id == "r"


def test_rule_comparing_with_an_undeclared_fact(tmp_path: Path) -> None:
    rule = "{id: r, label: R, fact: amount_requested, le: {fact: budget_total, times: 0.5}}"
    text = sub(SCORED_TEXT, "eligibility:\n", f"eligibility:\n  - {rule}\n")
    with pytest.raises(GridError) as info:
        load_grid(write(tmp_path, text))
    [d] = info.value.diagnostics
    assert d.code == "unknown-fact"
    assert "'budget_total'" in d.message
    assert d.location.line == 39  # the rule, first under `eligibility:` (line 38)


def test_rule_on_a_list_item_of_a_fact_that_is_not_a_list(tmp_path: Path) -> None:
    rule = "{id: r, label: R, fact: 'region[].x', equals: a}"
    text = sub(SCORED_TEXT, "eligibility:\n", f"eligibility:\n  - {rule}\n")
    with pytest.raises(GridError) as info:
        load_grid(write(tmp_path, text))
    assert [d.code for d in info.value.diagnostics] == ["unknown-fact"]


def test_grid_model_forbids_unknown_keys_everywhere() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Grid.model_validate({"id": "g", "version": "1", "title": "t", "wieght": 1})
