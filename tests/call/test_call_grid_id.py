"""A call's grid named by id must be the grid of that id (``grid-id-mismatch``).

``grid: alsace-aap-2016`` in ``call.yaml``, with a file ``alsace-aap-2016.yaml`` in the call
folder whose ``id:`` is another grid (``id: autre-grille``), read that file with nothing
said: the call was checked, scored and its documents written with a grid that is not the
one it names.  It is refused now, as a parent found by its file name is
(``extends-id-mismatch``), at ``call.yaml``'s ``grid:`` (line 2, column 7 below: the value
after ``grid: ``), by ``call check``, ``score`` and ``call init`` (before it writes).  A grid
named by its file (``grid: alsace-aap-2016.yaml``) is that file, whatever its id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.init import init_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import GridError
from isgrid.grid.load import shipped_dir

SHIPPED = "alsace-aap-2016"
CALL = "title: Appel\ngrid: {grid}\nassessors:\n  - {{id: j1}}\n"


def _other(name: str) -> str:
    """The shipped grid's text under another id (``id: autre-grille``)."""
    text = (shipped_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    assert f"\nid: {SHIPPED}\n" in "\n" + text
    return ("\n" + text).replace(f"\nid: {SHIPPED}\n", "\nid: autre-grille\n", 1)[1:]


def _call(tmp_path: Path, grid: str, file: str) -> Path:
    folder = tmp_path / "appel"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "dossiers" / "D1.yaml").write_text("id: D1\ntitle: Projet\n", encoding="utf-8")
    (folder / file).write_text(_other(file), encoding="utf-8")
    (folder / "call.yaml").write_text(CALL.format(grid=grid), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("grid", "file"), [
    (SHIPPED, f"{SHIPPED}.yaml"),            # stands in for a shipped grid
    (f"{SHIPPED}@1", f"{SHIPPED}.yaml"),     # pinned: the id before « @ » is checked
    ("ma-grille", "ma-grille.yaml"),          # a grid of the call's own
    ("ma-grille", "ma-grille.yml"),
])
def test_a_grid_named_by_id_found_with_another_id_is_refused(tmp_path: Path, grid: str,
                                                              file: str) -> None:
    folder = _call(tmp_path, grid, file)
    with pytest.raises(GridError) as err:
        load_call(folder)
    found = [d for d in err.value.diagnostics if d.code == "grid-id-mismatch"]
    assert [(Path(str(d.location.file)).name, d.location.line, d.location.column, d.severity)
            for d in found] == [("call.yaml", 2, 7, "error")]
    gid = grid.split("@")[0]
    assert str(found[0].message) == (f"the grid {gid!r} is named by its id, but the file "
                                     f"{folder / file} found for it is the grid 'autre-grille'")
    hint = found[0].effective_hint
    assert f"`grid: {file}`" in hint and "autre-grille.yaml" in hint
    # nothing else is said of it (no shadowed-grid: it is refused, not read)
    assert [d.code for d in err.value.diagnostics] == ["grid-id-mismatch"]


def test_named_by_its_file_it_is_that_file(tmp_path: Path) -> None:
    folder = _call(tmp_path, f"{SHIPPED}.yaml", f"{SHIPPED}.yaml")
    call = load_call(folder)
    assert call.grid.grid.id == "autre-grille"
    assert not [d for d in call.warnings if d.code == "grid-id-mismatch"]


def test_a_file_of_the_same_id_is_still_read(tmp_path: Path) -> None:
    folder = _call(tmp_path, "autre-grille", "autre-grille.yaml")
    assert load_call(folder).grid.grid.id == "autre-grille"


@pytest.mark.parametrize("command", [["call", "check"], ["score"]])
def test_call_check_and_score_refuse_it(tmp_path: Path, command: list[str]) -> None:
    folder = _call(tmp_path, SHIPPED, f"{SHIPPED}.yaml")
    res = CliRunner().invoke(cli, ["--lang", "en", *command, str(folder)])
    assert res.exit_code == 2, res.output
    assert f"{folder / 'call.yaml'}:2:7" in res.output
    assert "grid-id-mismatch" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_call_init_refuses_before_writing(tmp_path: Path) -> None:
    # a folder of dossiers exported from elsewhere, with a grid file of the shipped grid's
    # name that is another grid: call.yaml would name the id, and the call read that file
    folder = tmp_path / "appel"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "dossiers" / "D1.yaml").write_text("id: D1\ntitle: Projet\n", encoding="utf-8")
    (folder / f"{SHIPPED}.yaml").write_text(_other(SHIPPED), encoding="utf-8")
    with pytest.raises(GridError) as err:
        init_call(folder, SHIPPED, None)
    found = [d for d in err.value.diagnostics if d.code == "grid-id-mismatch"]
    # located at the id of the file that stands in (no call.yaml yet): its 8th line,
    # after 7 lines of comments, column 5 (after « id: »)
    assert _other(SHIPPED).splitlines()[7] == "id: autre-grille"
    assert [(Path(str(d.location.file)).name, d.location.line, d.location.column)
            for d in found] == [(f"{SHIPPED}.yaml", 8, 5)]
    assert not (folder / "call.yaml").exists()
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "init", str(folder), "--grid",
                                   SHIPPED])
    assert res.exit_code == 2, res.output
    assert "grid-id-mismatch" in res.output and not (folder / "call.yaml").exists()
