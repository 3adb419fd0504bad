"""`grids show` of a grid that extends another says whose each note is (review s9, F7).

Found by a review: a grid extending val-de-marne-ess-2024 (one criterion removed, one
added, VDM-2 at weight 2) was shown with the parent's note « les cinq libellés … poids
égaux (un cinquième du total chacun) » at its head, unmarked, as if it described the
child, which has four VDM labels and unequal weights.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from isgrid.grid.view import grid_export, grid_text
from testpaths import FIXTURES

GRIDS = FIXTURES / "grids"
PARENT_NOTE = "Val-de-Marne ESS 2024 : les auditions font partie de la procédure (VDM) ; " \
    "elles ne sont pas un critère."


def _chain(tmp_path: Path) -> Path:
    """grand-child (one note) extends mini-child (one note) extends mini-scored (none
    written in the fixture: given one here)."""
    parent = (GRIDS / "mini-scored.yaml").read_text(encoding="utf-8")
    (tmp_path / "mini-scored.yaml").write_text(
        parent.replace("mode: scored\n", "mode: scored\nnotes: [Note du parent.]\n", 1),
        encoding="utf-8")
    child = (GRIDS / "mini-child.yaml").read_text(encoding="utf-8")
    (tmp_path / "mini-child.yaml").write_text(
        child.replace("extends: mini-scored@1\n",
                      "extends: mini-scored@1\nnotes: [Note de l'enfant.]\n"), encoding="utf-8")
    grand = tmp_path / "petit.yaml"
    grand.write_text("id: petit\nversion: '1'\ntitle: Petit-enfant\nextends: mini-child@2\n"
                     "notes: [Note du petit-enfant.]\n", encoding="utf-8")
    return grand


def test_each_note_says_its_grid_in_text_and_json(tmp_path: Path) -> None:
    loaded = load_grid(_chain(tmp_path))
    export = grid_export(loaded)
    assert export["notes"] == ["Note du parent.", "Note de l'enfant.",
                               "Note du petit-enfant."]
    assert export["note_grids"] == ["mini-scored", "mini-child", "petit"]
    text = grid_text(loaded, lang="fr").replace("\xa0", " ")
    assert ("  note de mini-scored (grille de départ) :\n    Note du parent.\n"
            "  note de mini-child (grille de départ) :\n    Note de l'enfant.\n"
            "  note : Note du petit-enfant.\n") in text
    english = grid_text(loaded, lang="en")
    assert "  note from mini-scored (the grid extended):\n    Note du parent.\n" in english
    assert "  note: Note du petit-enfant.\n" in english


def test_a_shipped_parent_note(tmp_path: Path) -> None:
    grid = tmp_path / "g.yaml"
    grid.write_text("id: cress\nversion: '1'\ntitle: CRESS\nextends: val-de-marne-ess-2024\n"
                    "remove: [VDM-5]\nnotes: [Appel 2027.]\n", encoding="utf-8")
    text = grid_text(load_grid(grid), width=200, lang="fr")
    text = text.replace("\xa0", " ").replace("\u202f", " ")
    assert f"  note de val-de-marne-ess-2024 (grille de départ) :\n    {PARENT_NOTE}\n" \
        in text
    assert "  note : Appel 2027.\n" in text
    # the shipped grid itself: its notes are its own
    own = grid_text(load_grid("val-de-marne-ess-2024"), width=200, lang="fr")
    assert "  note : " + PARENT_NOTE in own.replace("\xa0", " ").replace("\u202f", " ")
    assert "grille de départ" not in own


def test_a_call_that_changes_its_grid_keeps_the_grid_notes_its_own(tmp_path: Path) -> None:
    """A call's set/add/remove keeps its grid's id: the grid's notes stay the grid's."""
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(GRIDS / "mini-scored.yaml", folder)
    call = make_call(tmp_path, (folder / "mini-scored.yaml").read_text(encoding="utf-8")
                     .replace("mode: scored\n", "mode: scored\nnotes: [Note.]\n", 1),
                     call={"set": {"threshold": 60}},
                     dossiers=[{"id": "D1", "title": "Projet", "region": "Alsace"}])
    grid = load_call(call).grid
    assert grid.grid.note_grids() == ("mini-scored",)
    assert "  note : Note." in grid_text(grid, lang="fr").replace("\xa0", " ")
