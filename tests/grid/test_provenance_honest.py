"""Never present an invented parameter as sourced: three holes found by using the grids.

1. A criterion or a parameter marked ``sourced`` without a ``source`` was accepted
   silently: a secretariat could call its own invention sourced.  ``grids check`` now
   warns (``sourced-without-source``) at the key's line and column.
2. A grid extending another that changes an inherited parameter (``set: threshold: 60``)
   kept the parent's provenance for it (« Seuil de 50/100 », sourced, now describing 60).
   It is warned (``stale-provenance``) and read as inferred until the child gives its own
   entry under ``parameters``.
3. A parameter a call sets in its ``call.yaml`` kept the grid's provenance too, and was
   shown as sourced in the jurors' workbook and counted as sourced in the documents.  It
   is inferred (the call's own choice, with no source behind it), everywhere through
   :func:`isgrid.grid.provenance.parameter_status`.

The grids below are written line by line, so that the lines and columns are checked
against what is counted by hand.
"""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.grid.load import grid_dump, grid_hash, load_grid
from isgrid.grid.model import Grid
from isgrid.grid.provenance import parameter_provenance, parameter_status, provenance_summary
from isgrid.grid.view import grid_export

SCALE = """\
scales:
  s04:
    levels:
      - {value: 0, label: Insuffisant}
      - {value: 2, label: Moyen}
      - {value: 4, label: Bon}
"""

# line 7 `threshold`; the scale lines 8-13; line 21 `provenance` of B1 (column 9); line 27
# `threshold` under `parameters` (column 3)
ALONE = """\
id: g
version: "1"
title: Grille
mode: scored
sources:
  - {id: S1, title: Règlement de l'appel}
threshold: 50
""" + SCALE + """\
sections:
  - id: besoin
    label: Besoin
    criteria:
      - id: B1
        label: Besoin social
        scale: s04
        provenance: {status: sourced}
      - id: B2
        label: Ancrage
        scale: s04
        provenance: {status: sourced, source: "S1, p. 3"}
parameters:
  threshold: {status: sourced, note: Seuil de 50/100}
"""

PARENT = """\
id: parent
version: "1"
title: Parent
mode: scored
sources:
  - {id: S1, title: Règlement de l'appel}
threshold: 50
""" + SCALE + """\
sections:
  - id: besoin
    label: Besoin
    weight: 2
    criteria:
      - {id: B1, label: Besoin social, scale: s04, floor: 2, provenance: {status: sourced, source: S1}}
      - {id: B2, label: Ancrage, scale: s04, provenance: {status: sourced, source: S1}}
parameters:
  threshold: {status: sourced, source: "S1, p. 4", note: Seuil de 50/100}
  sections.besoin.weight: {status: sourced, source: S1}
  criteria.*.floor: {status: sourced, source: S1}
"""

CHILD_HEAD = 'id: child\nversion: "1"\ntitle: Enfant\nextends: parent\n'


def _codes(loaded_warnings: list[object], code: str) -> list[tuple[int | None, int | None, str]]:
    return [(d.location.line, d.location.column, str(d.message))  # type: ignore[attr-defined]
            for d in loaded_warnings if d.code == code]  # type: ignore[attr-defined]


def _write(tmp_path: Path, child: str) -> Path:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text(child, encoding="utf-8")
    return path


# -- 1. sourced, but no source -----------------------------------------------------------
def test_sourced_without_a_source_is_warned_at_its_key(tmp_path: Path) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(ALONE, encoding="utf-8")
    loaded = load_grid(path)
    found = [d for d in loaded.warnings if d.code == "sourced-without-source"]
    assert [(d.location.line, d.location.column, str(d.message)) for d in found] == [
        (21, 9, "the provenance of B1 is marked sourced but names no source"),
        (27, 3, "the provenance of threshold is marked sourced but names no source")]
    assert all(d.severity == "warning" and "source:" in d.effective_hint for d in found)
    # a source given, even as a short text, is enough
    path.write_text(ALONE.replace("{status: sourced}", "{status: sourced, source: S1}")
                    .replace("note: Seuil", "source: S1, note: Seuil"), encoding="utf-8")
    assert _codes(load_grid(path).warnings, "sourced-without-source") == []


def test_the_shipped_grids_name_a_source_for_everything_sourced() -> None:
    from isgrid.grid.load import list_shipped

    for p in list_shipped():
        assert _codes(load_grid(p).warnings, "sourced-without-source") == [], p.name


def test_grids_check_prints_it_with_its_place_and_hint(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from isgrid.cli.main import cli

    path = tmp_path / "grid.yaml"
    path.write_text(ALONE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "grids", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:21:9" in result.stderr
    assert "[sourced-without-source]" in result.stderr


# -- 2. a child changes an inherited parameter ----------------------------------------
def test_a_child_that_changes_a_parameter_keeps_no_stale_provenance(tmp_path: Path) -> None:
    # line 6: `threshold: 60` (column 3), line 7: `criteria.B1.floor: 3`
    path = _write(tmp_path, CHILD_HEAD + "set:\n  threshold: 60\n  criteria.B1.floor: 3\n")
    loaded = load_grid(path)
    assert _codes(loaded.warnings, "stale-provenance") == [
        (6, 3, "the parameter threshold is changed here but keeps the provenance of the "
               "parent grid's entry threshold, which describes the parent's value"),
        (7, 3, "the parameter criteria.B1.floor is changed here but keeps the provenance of "
               "the parent grid's entry criteria.*.floor, which describes the parent's "
               "value")]
    g = loaded.grid
    assert (g.threshold, g.parameters["threshold"].note) == (60, "Seuil de 50/100")
    assert parameter_status(g, "threshold") == "inferred"
    assert parameter_status(g, "sections.besoin.weight") == "sourced"
    assert parameter_provenance(g, "floor")["B1"] == "inferred"
    # `grids show --format json` gives the status shown, the one written beside it
    entry = grid_export(loaded)["parameters"]["threshold"]
    assert (entry["status"], entry["written_status"], entry["source"]) == (
        "inferred", "sourced", "S1, p. 4")
    assert grid_export(loaded)["parameters_changed_without_provenance"] == [
        "criteria.B1.floor", "threshold"]
    # the parent's three entries: threshold now inferred, the weight and the floors'
    # wildcard sourced; and B1's floor, changed: inferred
    assert provenance_summary(g)["parameters"] == {
        "sourced": 2, "reconstructed": 0, "inferred": 2}


def test_a_child_that_writes_the_threshold_itself_is_warned_too(tmp_path: Path) -> None:
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "threshold: 60\n"))
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "stale-provenance")] \
        == [(5, 1)]
    assert parameter_status(loaded.grid, "threshold") == "inferred"


def test_a_criterion_added_under_the_parents_wildcard_is_not_sourced(tmp_path: Path) -> None:
    body = ("add:\n  - section: besoin\n    criterion: {id: B3, label: Essaimage, scale: s04,"
            " floor: 3, provenance: {status: inferred}}\n")
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + body))
    assert [m for _, _, m in _codes(loaded.warnings, "stale-provenance")] == [
        "the parameter criteria.B3.floor is changed here but keeps the provenance of the "
        "parent grid's entry criteria.*.floor, which describes the parent's value"]
    assert parameter_provenance(loaded.grid, "floor") == {
        "B1": "sourced", "B2": "sourced", "B3": "inferred"}


def test_its_own_entry_gives_the_changed_parameter_its_provenance(tmp_path: Path) -> None:
    body = ("set:\n  threshold: 60\n"
            "parameters:\n  threshold: {status: sourced, source: \"Règlement 2026, art. 4\"}\n")
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + body))
    assert _codes(loaded.warnings, "stale-provenance") == []
    assert parameter_status(loaded.grid, "threshold") == "sourced"
    assert loaded.grid.changed_without_provenance() == frozenset()


def test_a_grandchild_inherits_the_change_until_it_says_where_it_comes_from(
        tmp_path: Path) -> None:
    _write(tmp_path, CHILD_HEAD + "set:\n  threshold: 60\n")
    path = tmp_path / "petit.yaml"
    path.write_text('id: petit\nversion: "1"\ntitle: Petit\nextends: child\n', encoding="utf-8")
    assert parameter_status(load_grid(path).grid, "threshold") == "inferred"
    path.write_text('id: petit\nversion: "1"\ntitle: Petit\nextends: child\nparameters:\n'
                    '  threshold: {status: inferred, note: choix du comité}\n', encoding="utf-8")
    loaded = load_grid(path)
    assert parameter_status(loaded.grid, "threshold") == "inferred"
    assert loaded.grid.changed_without_provenance() == frozenset()


def test_what_a_set_changed_stays_out_of_the_hash(tmp_path: Path) -> None:
    """The hash of a grid is its content's: recording what a ``set`` changed does not
    change it (a call whose jurors have started keeps its grid; ``grid-locked``)."""
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  threshold: 60\n"))
    again = Grid.model_validate(grid_dump(loaded.grid))  # the same content, nothing recorded
    assert again.changed_without_provenance() == frozenset()
    assert loaded.grid.changed_without_provenance() == {"threshold"}
    assert grid_hash(again) == loaded.sha256


# -- 3. a call sets a parameter ---------------------------------------------------------
CALL = {"assessors": [{"id": "j1", "name": "Anne"}],
        "set": {"criteria.B1.floor": 3, "threshold": 60}}


def test_what_a_call_sets_is_inferred(tmp_path: Path) -> None:
    """(The jurors' workbook: tests/jury/test_sheets_floors.py.)"""
    folder = make_call(tmp_path, PARENT, call=CALL, dossiers=[{"id": "D1"}])
    call = load_call(folder)
    g = call.grid.grid
    # a call has no `parameters:`: nothing to warn of, its values are its own choice
    assert [d.code for d in call.warnings if d.code == "stale-provenance"] == []
    assert g.changed_without_provenance() == {"criteria.B1.floor", "threshold"}
    assert parameter_status(g, "threshold") == "inferred"
    assert parameter_provenance(g, "floor")["B1"] == "inferred"
    # what the committee report counts: threshold inferred, B1's floor inferred
    assert provenance_summary(g)["parameters"] == {
        "sourced": 2, "reconstructed": 0, "inferred": 2}


def test_a_criterion_a_call_adds_as_sourced_names_its_source(tmp_path: Path) -> None:
    call = {"assessors": [{"id": "j1"}],
            "add": [{"section": "besoin", "criterion": {
                "id": "B3", "label": "Essaimage", "scale": "s04",
                "provenance": {"status": "sourced"}}}]}
    folder = make_call(tmp_path, PARENT, call=call, dossiers=[{"id": "D1"}])
    found = [d for d in load_call(folder).warnings if d.code == "sourced-without-source"]
    assert [(Path(d.location.file).name, str(d.message)) for d in found] == [
        ("call.yaml", "the provenance of B3 is marked sourced but names no source")]
