"""The texts of a past version of a shipped grid, kept as a patch (isgrid.grid.reworded):
written by tools/grid_hashes.py, read to rebuild a call's grid as an older isgrid had it."""

from __future__ import annotations

import hashlib
from typing import Any

from isgrid.grid.dump import canonical_json, grid_dump
from isgrid.grid.load import list_shipped, load_grid, shipped_dir
from isgrid.grid.reworded import apply_patch, past_wording, wording_patch

NOW: dict[str, Any] = {
    "id": "g", "notes": ["une", "deux"], "title": "Titre",
    "sections": [{"id": "A", "label": "Axe A", "criteria": [
        {"id": "A-1", "label": "Un", "weight": 2}, {"id": "A-2", "label": "Deux"}]},
        {"id": "B", "label": "Axe B", "criteria": [{"id": "B-1", "label": "Trois"}]}],
}


def test_a_patch_gives_the_past_version_back() -> None:
    then = {**NOW, "notes": ["une", "deux bis"], "description": "ancienne",
            "sections": [{**NOW["sections"][0], "criteria": [
                {"id": "A-1", "label": "Un (ancien)", "weight": 2},
                {"id": "A-2", "label": "Deux", "guidance": "lire"}]}, NOW["sections"][1]]}
    del then["title"]
    patch = wording_patch(NOW, then)
    # each text by where it is, a criterion by its id: five changes, no more
    assert patch == [
        [["description"], "ancienne"],
        [["notes", 1], "deux bis"],
        [["sections", {"id": "A"}, "criteria", {"id": "A-1"}, "label"], "Un (ancien)"],
        [["sections", {"id": "A"}, "criteria", {"id": "A-2"}, "guidance"], "lire"],
        [["title"]],
    ]
    assert apply_patch(NOW, patch) == then
    assert NOW["title"] == "Titre"  # a copy is patched
    # a call's grid that added a criterion before A-1: the patch still finds A-1 by its id
    added = {**NOW, "sections": [{**NOW["sections"][0], "criteria": [
        {"id": "A-0", "label": "Zéro"}, *NOW["sections"][0]["criteria"]]},
        NOW["sections"][1]]}
    assert apply_patch(added, patch)["sections"][0]["criteria"][1]["label"] == "Un (ancien)"
    # one that removed A-2: the patch does not apply
    removed = {**NOW, "sections": [{**NOW["sections"][0], "criteria": [
        NOW["sections"][0]["criteria"][0]]}, NOW["sections"][1]]}
    assert apply_patch(removed, patch) is None


def test_every_patch_shipped_gives_its_hash_from_the_grid_as_it_is_now() -> None:
    """The table's texts are relative to the grids as shipped now: a grid edited without
    writing the table again (tools/grid_hashes.py) fails here."""
    files = [*list_shipped(), *sorted((shipped_dir() / "versions").glob("*.yaml"))]
    grids = {(g := load_grid(p)).ref: g for p in files}
    assert past_wording(), "the table keeps no texts"
    for ref, patches in past_wording().items():
        now = grid_dump(grids[ref].grid)
        for whole, patch in patches.items():
            then = apply_patch(now, patch)
            assert then is not None, (ref, whole)
            assert hashlib.sha256(canonical_json(then)).hexdigest() == whole, (ref, whole)
