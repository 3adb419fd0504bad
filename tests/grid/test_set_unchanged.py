"""A ``set`` that writes the parent's own value changes nothing.

Before, ``set: threshold: 50`` under a parent whose threshold is 50 (sourced, « Seuil de
50/100 ») was counted a change: the threshold was shown « inféré » and warned
``stale-provenance`` though nothing changed.  It keeps the parent's provenance now, and
``grids check`` warns gently that the line changes nothing (``set-changes-nothing``, at its
key, with a hint to remove it).  The lines and columns are counted by hand from the texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_provenance_honest import CHILD_HEAD, PARENT, _codes, _write

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.errors import GridError
from isgrid.grid.load import load_grid
from isgrid.grid.provenance import parameter_provenance, parameter_status, provenance_summary


def test_a_set_to_the_parents_value_keeps_its_provenance(tmp_path: Path) -> None:
    # line 5 `set:`; line 6 `threshold: 50` (the parent's), line 7 B1's floor 2 (the
    # parent's), line 8 the section's weight 3 (the parent's is 2): a change
    path = _write(tmp_path, CHILD_HEAD + "set:\n  threshold: 50\n  criteria.B1.floor: 2\n"
                  "  sections.besoin.weight: 3\n")
    loaded = load_grid(path)
    g = loaded.grid
    assert parameter_status(g, "threshold") == "sourced"
    assert parameter_provenance(g, "floor")["B1"] == "sourced"
    assert parameter_status(g, "sections.besoin.weight") == "inferred"
    assert g.changed_without_provenance() == {"sections.besoin.weight"}
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "stale-provenance")] \
        == [(8, 3)]
    assert _codes(loaded.warnings, "set-changes-nothing") == [
        (6, 3, "threshold is written with the value the grid parent already gives it: "
               "this changes nothing"),
        (7, 3, "criteria.B1.floor is written with the value the grid parent already gives "
               "it: this changes nothing")]
    # the parent's three entries: threshold and floors sourced, the section's weight
    # changed: inferred
    assert provenance_summary(g)["parameters"] == {
        "sourced": 2, "reconstructed": 0, "inferred": 1}


def test_a_top_level_key_with_the_parents_value_changes_nothing(tmp_path: Path) -> None:
    # line 5 `threshold: 50.0`: the same number as the parent's 50
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "threshold: 50.0\n"))
    assert parameter_status(loaded.grid, "threshold") == "sourced"
    assert _codes(loaded.warnings, "stale-provenance") == []
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "set-changes-nothing")] \
        == [(5, 1)]


def test_a_label_set_to_the_same_text_is_warned_and_a_new_one_is_not(tmp_path: Path) -> None:
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  criteria.B1.label: Besoin social\n"
                              "  criteria.B2.label: Ancrage local\n"))
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "set-changes-nothing")] \
        == [(6, 3)]
    assert [c.label for c in loaded.grid.criteria()] == ["Besoin social", "Ancrage local"]


def test_a_set_after_an_add_is_a_change(tmp_path: Path) -> None:
    # B3 is added with floor 2 and set to 2: nothing in the parent to be the same as
    body = ("add:\n  - section: besoin\n    criterion: {id: B3, label: Essaimage, scale: s04,"
            " floor: 2, provenance: {status: inferred}}\nset:\n  criteria.B3.floor: 2\n")
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + body))
    assert _codes(loaded.warnings, "set-changes-nothing") == []
    assert parameter_provenance(loaded.grid, "floor")["B3"] == "inferred"


def test_grids_check_says_it_with_its_place_and_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, CHILD_HEAD + "set:\n  threshold: 50\n")
    result = CliRunner().invoke(cli, ["--lang", "en", "grids", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:6:3" in result.stderr
    assert "[set-changes-nothing]" in result.stderr
    assert "Remove the line" in result.stderr


def test_a_call_that_sets_the_grids_value_keeps_its_provenance(tmp_path: Path) -> None:
    call = {"assessors": [{"id": "j1"}], "set": {"threshold": 50, "criteria.B1.floor": 3}}
    folder = make_call(tmp_path, PARENT, call=call, dossiers=[{"id": "D1"}])
    loaded = load_call(folder)
    g = loaded.grid.grid
    assert g.changed_without_provenance() == {"criteria.B1.floor"}
    assert parameter_status(g, "threshold") == "sourced"
    assert [(Path(d.location.file).name, str(d.message)) for d in loaded.warnings
            if d.code == "set-changes-nothing"] == [
        ("call.yaml", "threshold is written with the value the grid parent already gives "
                      "it: this changes nothing")]


def test_a_call_that_writes_out_a_default_changes_nothing(tmp_path: Path) -> None:
    # the parent writes no weight for B2 (1 by default) and no `na:` for s04 (n/a accepted
    # by default): writing them out changes nothing, and B2's weight keeps its provenance
    # (its criterion's and its section's, both sourced), not « inféré »
    call = {"assessors": [{"id": "j1"}],
            "set": {"criteria.B2.weight": 1, "scales.s04.na": True,
                    "criteria.B1.weight": 2}}
    folder = make_call(tmp_path, PARENT, call=call, dossiers=[{"id": "D1"}])
    loaded = load_call(folder)
    g = loaded.grid.grid
    assert parameter_provenance(g, "weight")["B2"] == "sourced"
    assert g.criterion("B2").weight is None  # left as the parent leaves it
    assert g.changed_without_provenance() == {"criteria.B1.weight"}
    assert parameter_provenance(g, "weight")["B1"] == "inferred"  # 2: a change
    assert [str(d.message) for d in loaded.warnings if d.code == "set-changes-nothing"] == [
        "criteria.B2.weight is written with the value it has by default, which the grid "
        "parent leaves unwritten: this changes nothing",
        "scales.s04.na is written with the value it has by default, which the grid parent "
        "leaves unwritten: this changes nothing"]


def test_a_grid_that_writes_out_a_default_is_told_at_its_key(tmp_path: Path) -> None:
    # line 6 `sections.besoin.ranking_weight: 2` (no default to compare: the weight's),
    # line 7 `criteria.B2.core: false`, line 8 `total: {out_of: 100}` at column 1
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  sections.besoin.ranking_weight: 2\n"
                              "  criteria.B2.core: false\ntotal: {out_of: 100}\n"))
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "set-changes-nothing")] \
        == [(8, 1), (7, 3)]
    assert loaded.grid.total is None and loaded.grid.out_of() == 100
    assert loaded.grid.changed_without_provenance() == {"sections.besoin.ranking_weight"}
    # `true` is not the default weight 1, though Python says True == 1: no weight at all,
    # refused at its `set` entry (line 6, the value at column 3 + 20 = 23), where pydantic
    # once read it as 1 (tests/grid/test_boolean_numbers.py)
    with pytest.raises(GridError) as caught:
        load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  criteria.B2.weight: true\n"))
    assert [(d.code, d.location.line, d.location.column, str(d.message))
            for d in caught.value.diagnostics if d.severity == "error"] == [
        ("schema-invalid", 6, 23, "a number is expected here (got true)")]
