"""``isgrid call init`` makes a call whose grid is read the same wherever it is run from.

A call reads its grid by id (a shipped grid) or as a file inside its folder (``path-escape``
otherwise).  ``call init --grid FILE`` with a file outside the folder wrote that path in
call.yaml: every command then refused the call (an absolute path), or read the grid beside the
working directory (a relative one), so the call worked from one folder and not another.  The
file is now copied into the call, with the grids of its ``extends`` chain found beside it; and
the title and grid are written by the project's one writer of new YAML values
(:mod:`isgrid.io.yamlemit`), so that a value YAML reads apart reads back as it was given."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.init import init_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import GridError, UsageError
from testpaths import FIXTURES, ROOT

ALSACE = ROOT / "grids" / "alsace-aap-2016.yaml"


@pytest.mark.parametrize("title", [
    "Appel : « 2026 » # n°1", "'06100'", "oui", "- tiret", "suivi\x85ligne", "25\u202f000 €"])
def test_title_and_grid_file_read_back(tmp_path: Path, title: str) -> None:
    grid = tmp_path / "grilles #2" / "ma grille: test.yaml"
    grid.parent.mkdir()
    shutil.copy(ALSACE, grid)
    folder = tmp_path / "appel"
    written = init_call(folder, str(grid), title)
    assert folder / "ma grille: test.yaml" in written
    assert (folder / "ma grille: test.yaml").read_bytes() == ALSACE.read_bytes()
    call = load_call(folder)
    assert call.config.title == title
    assert call.config.grid == "ma grille: test.yaml"
    assert call.grid.grid.id == "alsace-aap-2016"


def test_a_grid_file_outside_is_copied_with_its_chain(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    grids = tmp_path / "grilles"
    grids.mkdir()
    for name in ("mini-child.yaml", "mini-scored.yaml"):  # mini-child extends mini-scored@1
        shutil.copy(FIXTURES / "grids" / name, grids / name)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(grids)
    res = CliRunner().invoke(cli, ["call", "init", str(tmp_path / "appel"), "--grid",
                                   "mini-child.yaml"])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "appel"
    assert (folder / "mini-child.yaml").is_file() and (folder / "mini-scored.yaml").is_file()
    assert "grid: mini-child.yaml\n" in (folder / "call.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(elsewhere)  # run from another folder: the same grid
    call = load_call(folder)
    assert (call.grid.grid.id, call.grid.chain) == ("mini-child", ["mini-child", "mini-scored"])


def test_a_shipped_grid_given_by_path_is_named_by_id(tmp_path: Path) -> None:
    init_call(tmp_path / "appel", str(ALSACE), None)
    assert "grid: alsace-aap-2016\n" in (tmp_path / "appel" / "call.yaml").read_text("utf-8")
    assert not list((tmp_path / "appel").glob("*.yaml"))[1:]  # call.yaml alone


def test_a_different_file_of_the_same_name_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    (folder / "dossiers").mkdir(parents=True)  # a folder of exported dossiers, no call.yaml
    (folder / "g.yaml").write_text("# la grille d'un autre appel\n", encoding="utf-8")
    shutil.copy(ALSACE, tmp_path / "g.yaml")
    with pytest.raises(UsageError) as err:
        init_call(folder, str(tmp_path / "g.yaml"), None)
    assert err.value.diagnostics[0].code == "output-exists"
    assert (folder / "g.yaml").read_text("utf-8") == "# la grille d'un autre appel\n"
    assert not (folder / "call.yaml").exists()


def test_the_grid_file_is_never_read_beside_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "appel"
    init_call(folder, "alsace-aap-2016", None)
    text = (folder / "call.yaml").read_text("utf-8")
    (folder / "call.yaml").write_text(text.replace("grid: alsace-aap-2016", "grid: g.yaml"),
                                      encoding="utf-8")
    shutil.copy(ALSACE, tmp_path / "g.yaml")
    monkeypatch.chdir(tmp_path)  # g.yaml is here, not in the call
    with pytest.raises(GridError) as err:
        load_call(folder)
    d = err.value.diagnostics[0]
    assert (d.code, d.location.line) == ("unknown-grid", 3)
    assert "g.yaml" in str(d.message)
