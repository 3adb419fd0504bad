"""A call's own grid that says it is a shipped grid and is not it (``shadowed-grid``).

``shadowed-grid`` warned of a *parent* found beside a grid that stands in for a shipped
grid, not of the call's grid itself: ``grid: alsace-aap-2016`` in ``call.yaml`` with a file
``alsace-aap-2016.yaml`` beside it (changed) read the file, and the call's documents named
the shipped grid for a grid that is not it, with nothing said.  It is warned now at
``call.yaml``'s ``grid:`` (line 2, column 7 below), and by ``call init`` before it writes;
a faithful copy (the same hash) is the shipped grid and is not warned.
"""

from __future__ import annotations

from pathlib import Path

from isgrid.call.init import init_call
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid, shipped_dir

SHIPPED = "alsace-aap-2016"
CALL = "title: Appel\ngrid: {grid}\nassessors:\n  - {{id: j1}}\n"


def _call(tmp_path: Path, grid: str, changed: bool) -> Path:
    folder = tmp_path / "appel"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "dossiers" / "D1.yaml").write_text("id: D1\ntitle: Projet\n", encoding="utf-8")
    text = (shipped_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    if changed:
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        text = text.replace(title, "title: Ma grille à moi", 1)
    name = grid if grid.endswith(".yaml") else f"{grid}.yaml"
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "call.yaml").write_text(CALL.format(grid=grid), encoding="utf-8")
    return folder


def _shadowed(folder: Path) -> list[tuple[str, int | None, int | None, str]]:
    return [(Path(d.location.file).name, d.location.line, d.location.column, str(d.message))
            for d in load_call(folder).warnings if d.code == "shadowed-grid"]


def test_a_changed_file_beside_the_call_with_a_shipped_id_is_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path, SHIPPED, changed=True)
    assert _shadowed(folder) == [
        ("call.yaml", 2, 7, f"the grid is read from {folder / 'alsace-aap-2016.yaml'}, whose "
                            "id 'alsace-aap-2016' is the id of a grid isgrid ships, but it is "
                            "not that grid")]
    assert load_call(folder).grid.grid.title == "Ma grille à moi"


def test_a_grid_file_named_by_path_with_a_shipped_id_is_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path, "ma-grille.yaml", changed=True)
    assert [(f, line, col) for f, line, col, _ in _shadowed(folder)] == [("call.yaml", 2, 7)]


def test_a_faithful_copy_and_the_shipped_grid_are_not_warned(tmp_path: Path) -> None:
    assert _shadowed(_call(tmp_path / "copie", SHIPPED, changed=False)) == []
    folder = _call(tmp_path / "id", SHIPPED, changed=False)
    (folder / "alsace-aap-2016.yaml").unlink()
    assert _shadowed(folder) == []


def test_call_init_says_it_before_writing(tmp_path: Path) -> None:
    source = tmp_path / "grilles" / "alsace-aap-2016.yaml"
    source.parent.mkdir()
    text = (shipped_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    assert "\nthreshold: 50\n" in text
    source.write_text(text.replace("\nthreshold: 50\n", "\nthreshold: 55\n"), encoding="utf-8")
    assert load_grid(source).sha256 != load_grid(SHIPPED).sha256
    said: list[tuple[str, str]] = []
    init_call(tmp_path / "appel", str(source), None,
              lambda ds: said.extend((d.code, str(d.location.file)) for d in ds))
    assert said == [("shadowed-grid", str(source))]
