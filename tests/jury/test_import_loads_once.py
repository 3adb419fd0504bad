"""``isgrid sheets import`` parses the call twice, not three times, when nothing changed.

The import reads the workbooks against the call loaded without the lock, then imports
under the lock and loads the call once more to check what it wrote.  Under the lock the
call was loaded again every time (the race fixes): at 20,000 dossiers one juror's import
took 1.46× as long.  Now the call is loaded again only if a file of the folder changed
since the first load began (:func:`isgrid.io.folder.settled_fingerprint`); a file written
meanwhile (a juror's submission from the workspace) still makes it load again.

The tests set :data:`isgrid.io.folder.RECENT_NS` to 0: a folder copied a moment ago is
otherwise always « recent », so always loaded again (the safe side).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from isgrid.io import folder as folder_mod
from testpaths import HOSTILE


@pytest.fixture
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", folder)
    old = 1_600_000_000  # every file's modification time in 2020
    for p in folder.rglob("*"):
        os.utime(p, (old, old))
    return folder


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each loading of a call (the CLI's, the import's and its check's), by folder."""
    from isgrid.call import load

    real, seen = load.load_call, []

    def loading(folder: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(load, "load_call", loading)
    monkeypatch.setattr(folder_mod, "RECENT_NS", 0)
    return seen


def _import(call: Path, *args: object) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(call),
                                    *map(str, args)])


def test_an_unchanged_call_is_loaded_once_before_and_once_to_check(
        call: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _loads(monkeypatch)
    res = _import(call, workbooks / "j1.xlsx", "--replace")
    assert res.exit_code == 0, res.output
    assert seen == [call, call]  # (three before: again under the lock)
    assert b"D01,j1,B1,4,commentaire de j1\n" in (call / "ratings" / "j1.csv").read_bytes()


def test_a_file_written_before_the_lock_loads_the_call_again(
        call: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file holding j1's ratings copied into ratings/ between the first load and the lock
    (j1's web submission saved under another name): under the lock the call is loaded
    again, which says at once that j1 rates D01 twice, in which files, before anything is
    written (planned from the call as first loaded, the import wrote j1.csv, then its check
    found the call broken and undid the write: « the imported files would break the
    call »)."""
    from isgrid.jury import importer

    seen = _loads(monkeypatch)
    copied = call / "ratings" / "j1-web.csv"
    real = importer.read_workbook

    def reading(c: Any, path: Path, *args: Any) -> Any:
        found = real(c, path, *args)
        shutil.copyfile(call / "ratings" / "j1.csv", copied)
        return found

    writes: list[Any] = []
    real_write = importer.write_files
    monkeypatch.setattr(importer, "read_workbook", reading)
    monkeypatch.setattr(importer, "write_files",
                        lambda *a, **k: writes.append(a) or real_write(*a, **k))
    res = _import(call, workbooks / "j1.xlsx", "--replace")
    assert res.exit_code != 0
    assert f"j1 rates B1 of D01 twice (first at {copied}:2)" in res.output, res.output
    assert writes == []  # (planned from the stale call: j1.csv written, then undone)
    assert seen == [call, call]  # the first load, the load under the lock
