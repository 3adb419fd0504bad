"""Provenance honesty, second pass: what a review found after the first one.

1. A parent found by its file name whose ``id:`` is another grid was accepted: the grid
   checked was not the one a call copied and scored with.  It is refused
   (``extends-id-mismatch``); ``call init`` copies the files the loader read; a file beside
   a grid that stands in for a shipped grid is warned (``shadowed-grid``).
2. ``sourced`` without a ``source`` was still shown and counted as sourced.
3. ``grids show --format json``'s ``parameters`` said « sourced » of a changed value.
4. ``aggregator`` and ``tie_breaks`` changes were not tracked.
5. ``grids show`` (text) printed unsourced numbers with no provenance.
6. ``call check`` warned ``missing-provenance`` at ``call.yaml:1:1`` for a value the call
   sets, with a hint at a key call.yaml does not have.
7. ``call init`` beside a call's own dossiers wrote ratings for a D001 it did not write.

The expected lines, columns and counts are worked out by hand from the texts below.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_provenance_honest import ALONE, CHILD_HEAD, PARENT, _codes, _write

from callfactory import make_call
from isgrid.call.init import init_call
from isgrid.call.load import load_call
from isgrid.errors import GridError, IsgridError
from isgrid.grid.load import load_grid, shipped_dir
from isgrid.grid.provenance import parameter_provenance, parameter_status, provenance_summary
from isgrid.grid.view import grid_export, grid_text

# line 4 `extends: parent`: its value at column 10
MISMATCH = PARENT.replace("id: parent", "id: autre-grille", 1)


# -- 1. the parent found by name is another grid ---------------------------------------
def test_a_parent_whose_id_differs_is_refused_at_extends(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(MISMATCH, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(CHILD_HEAD + "set:\n  threshold: 60\n", encoding="utf-8")
    with pytest.raises(GridError) as err:
        load_grid(child)
    found = [d for d in err.value.diagnostics if d.code == "extends-id-mismatch"]
    assert [(d.location.line, d.location.column) for d in found] == [(4, 10)]
    assert "'autre-grille'" in str(found[0].message)
    assert "extends: autre-grille" in found[0].effective_hint
    # call init refuses it too: it copied the child alone, and the call scored with
    # whatever grid `parent` was elsewhere
    with pytest.raises(GridError):
        init_call(tmp_path / "appel", str(child), None)
    assert not (tmp_path / "appel").exists()


def test_the_mismatch_hint_says_both_steps_and_following_it_loads(tmp_path: Path) -> None:
    """The hint said `extends: autre-grille` alone, which is refused in turn (unknown-grid):
    a parent is found by its file name.  It now says to rename the file too."""
    (tmp_path / "parent.yaml").write_text(MISMATCH, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(CHILD_HEAD + "set:\n  threshold: 60\n", encoding="utf-8")
    with pytest.raises(GridError) as err:
        load_grid(child)
    found = next(d for d in err.value.diagnostics if d.code == "extends-id-mismatch")
    assert found.effective_hint == (
        "To extend the grid autre-grille, write `extends: autre-grille` and rename "
        "parent.yaml to autre-grille.yaml: a parent grid is found by its file name, "
        "`<id>.yaml`. To extend parent, rename or move parent.yaml, which stands in its "
        "place.")
    # half the hint is not enough: the parent is looked up as autre-grille.yaml
    child.write_text(CHILD_HEAD.replace("extends: parent", "extends: autre-grille", 1)
                     + "set:\n  threshold: 60\n", encoding="utf-8")
    with pytest.raises(GridError) as err:
        load_grid(child)
    assert [d.code for d in err.value.diagnostics] == ["unknown-grid"]
    # both halves: the grid loads, extending autre-grille
    (tmp_path / "parent.yaml").rename(tmp_path / "autre-grille.yaml")
    loaded = load_grid(child)
    assert loaded.chain == ["child", "autre-grille"] and loaded.grid.threshold == 60


def test_call_init_copies_the_files_the_loader_read(tmp_path: Path) -> None:
    grids = tmp_path / "grilles"
    grids.mkdir()
    child = _write(grids, CHILD_HEAD + "parameters:\n  threshold: {status: inferred}\n"
                   "set:\n  threshold: 60\n")
    loaded = load_grid(child)
    assert [p.name for p in loaded.paths] == ["child.yaml", "parent.yaml"]
    written = init_call(tmp_path / "appel", str(child), None)
    assert {p.name for p in written} >= {"child.yaml", "parent.yaml"}
    assert (tmp_path / "appel" / "parent.yaml").read_text(encoding="utf-8") == PARENT


def test_a_file_standing_in_for_a_shipped_grid_is_warned(tmp_path: Path) -> None:
    shutil.copy(shipped_dir() / "alsace-aap-2016.yaml", tmp_path / "alsace-aap-2016.yaml")
    child = tmp_path / "child.yaml"
    child.write_text('id: child\nversion: "1"\ntitle: Enfant\nextends: alsace-aap-2016\n',
                     encoding="utf-8")
    loaded = load_grid(child)
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "shadowed-grid")] \
        == [(4, 10)]
    assert loaded.paths[1] == tmp_path / "alsace-aap-2016.yaml"
    # call init says it before writing the call
    said: list[str] = []
    init_call(tmp_path / "appel", str(child), None,
              lambda ds: said.extend(d.code for d in ds))
    assert said == ["shadowed-grid"]
    # the shipped grid by id: nothing to warn of
    assert _codes(load_grid("alsace-aap-2016").warnings, "shadowed-grid") == []


# -- 2. sourced without a source --------------------------------------------------------
def test_sourced_without_a_source_is_shown_and_counted_as_inferred(tmp_path: Path) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(ALONE, encoding="utf-8")
    loaded = load_grid(path)
    g = loaded.grid
    # B1 `{status: sourced}`, B2 sourced with S1: one of each; the threshold's entry names
    # no source: inferred (and the warnings stay)
    assert provenance_summary(g)["criteria"] == {"sourced": 1, "reconstructed": 0,
                                                 "inferred": 1}
    assert provenance_summary(g)["parameters"] == {"sourced": 0, "reconstructed": 0,
                                                   "inferred": 1}
    assert parameter_status(g, "threshold") == "inferred"
    assert parameter_provenance(g, "weight") == {"B1": "inferred", "B2": "sourced"}
    assert len(_codes(loaded.warnings, "sourced-without-source")) == 2
    export = grid_export(loaded)
    b1 = export["sections"][0]["criteria"][0]["provenance"]
    assert (b1["status"], b1["written_status"]) == ("inferred", "sourced")
    assert export["parameters"]["threshold"]["status"] == "inferred"
    lines = grid_text(loaded, lang="fr").splitlines()
    assert "  2 critères : 1 sourcé, 0 reconstitué, 1 inféré".replace(" :", "\u00a0:") \
        in lines
    assert "  agrégation moyenne  total sur 100  seuil 50 (inféré)" in lines
    assert "           [p 1 (inféré), non classé] inféré" in lines
    assert "           [p 1, non classé] sourcé S1, p. 3" in lines


# -- 3. the export's parameters map -----------------------------------------------------
def test_the_export_says_the_status_shown_and_keeps_the_written_one(tmp_path: Path) -> None:
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  threshold: 60\n"))
    params = grid_export(loaded)["parameters"]
    assert params["threshold"]["status"] == "inferred"
    assert params["threshold"]["written_status"] == "sourced"
    # an entry nothing changed is as written, with no second status
    assert params["sections.besoin.weight"] == {"status": "sourced", "source": "S1"} | {
        k: v for k, v in params["sections.besoin.weight"].items()
        if k not in ("status", "source")}
    assert "written_status" not in params["sections.besoin.weight"]


# -- 4. aggregator and tie-breaks -------------------------------------------------------
def test_aggregator_and_tie_breaks_changes_are_tracked(tmp_path: Path) -> None:
    parent = PARENT + ("  aggregator: {status: sourced, source: S1}\n"
                       "  tie_breaks: {status: sourced, source: S1}\n")
    (tmp_path / "parent.yaml").write_text(parent, encoding="utf-8")
    child = tmp_path / "child.yaml"
    # line 6 `aggregator`, line 7 `tie_breaks`, both at column 3
    child.write_text(CHILD_HEAD + "set:\n  aggregator: median\n"
                     "  tie_breaks: [{by: 'section:besoin'}]\n", encoding="utf-8")
    loaded = load_grid(child)
    assert [(line, col) for line, col, _ in _codes(loaded.warnings, "stale-provenance")] \
        == [(6, 3), (7, 3)]
    g = loaded.grid
    assert g.changed_without_provenance() == {"aggregator", "tie_breaks"}
    assert parameter_status(g, "aggregator") == "inferred"
    assert parameter_status(g, "tie_breaks") == "inferred"
    # threshold, section weight, floors' wildcard sourced; aggregator, tie-breaks inferred
    assert provenance_summary(g)["parameters"] == {
        "sourced": 3, "reconstructed": 0, "inferred": 2}
    # a top-level `aggregator:` in the child is a change too (line 5, column 1)
    child.write_text(CHILD_HEAD + "aggregator: median\n", encoding="utf-8")
    assert [(line, col) for line, col, _ in
            _codes(load_grid(child).warnings, "stale-provenance")] == [(5, 1)]


# -- 5. the text view ---------------------------------------------------------------------
def test_the_text_view_marks_what_nobody_sourced(tmp_path: Path) -> None:
    loaded = load_grid(_write(tmp_path, CHILD_HEAD + "set:\n  threshold: 60\n"
                              "  criteria.B1.floor: 3\n"))
    fr = grid_text(loaded, lang="fr").splitlines()
    assert "  agrégation moyenne  total sur 100  seuil 60 (inféré)" in fr
    # B1's floor changed: inferred; its weight (1, not written) follows the section's
    # sourced weight and the criterion: no mark; the section's weight is sourced
    assert "           [p 1, plancher 3 sur 4 (inféré), non classé] sourcé S1" in fr
    assert "besoin  Besoin  (poids 2)" in fr
    en = grid_text(loaded, lang="en").splitlines()
    assert "           [w 1, floor 3 of 4 (inferred), unclassified] sourced S1" in en


# -- 6. a call that sets a floor --------------------------------------------------------
def test_a_call_that_sets_a_floor_is_not_warned_at_call_yaml_1_1(tmp_path: Path) -> None:
    # no wildcard for floors: B1's floor has its own entry, B2's has none
    grid = PARENT.replace("criteria.*.floor", "criteria.B1.floor")
    call = {"assessors": [{"id": "j1"}], "set": {"criteria.B2.floor": 1}}
    folder = make_call(tmp_path, grid, call=call, dossiers=[{"id": "D1"}])
    loaded = load_call(folder)
    assert [(Path(d.location.file).name, d.location.line) for d in loaded.warnings
            if d.code == "missing-provenance"] == []
    # the value is shown as inferred everywhere instead
    assert parameter_provenance(loaded.grid.grid, "floor")["B2"] == "inferred"


# -- 7. call init beside a call's own dossiers -----------------------------------------
def test_call_init_writes_no_rating_for_a_dossier_it_does_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "dossiers" / "D5.yaml").write_text("id: D5\ntitle: Projet\n", encoding="utf-8")
    init_call(folder, "alsace-aap-2016", None)
    assert not (folder / "dossiers" / "D001.yaml").exists()
    assert (folder / "ratings" / "ratings.csv").read_text(encoding="utf-8") \
        == "dossier,assessor,criterion,value,comment\n"
    # what `call check` read: no rating names a dossier the call does not have
    try:
        codes = [d.code for d in load_call(folder).warnings]
    except IsgridError as exc:
        codes = [d.code for d in exc.diagnostics]
    assert "unknown-dossier" not in codes
