"""Two ``isgrid call init`` of the same folder at once: the second waits, then is refused.

``call init`` checked that the folder was new or empty, loaded the grid, and only then took
the folder's write lock (:mod:`isgrid.io.writelock`) in its
:func:`~isgrid.io.write.write_files`: two of them run at once both found the folder empty,
and the second to write silently replaced the first's call.yaml, ``dossiers/D001.yaml``
and ``ratings/ratings.csv``.  It now makes the folder first and holds its write lock from
the check until its files are written.  Here ``call init`` runs in this process and, at
the moment it writes (its check done), another ``python -m isgrid call init`` of the same
folder starts (:func:`faultruns.start`); this one goes on once that process has ended or is
waiting for the lock (:func:`faultruns.done_or_waiting`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from faultruns import WIDE, done_or_waiting, start
from isgrid.call import init as init_module
from isgrid.cli.main import cli
from isgrid.io.write import PENDING
from isgrid.io.writelock import LOCK_NAME

GRID = "alsace-aap-2016"


@pytest.mark.parametrize("exists", [False, True], ids=["new-folder", "empty-folder"])
def test_a_second_call_init_waits_and_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see the other process wait for the lock")
    folder = tmp_path / "appel"
    if exists:
        folder.mkdir()
    real = init_module.write_files
    others = []

    def racing(root: Path, files: Any, **kw: Any) -> Any:
        others.append(start(WIDE, "call", "init", folder, "--grid", GRID,
                            "--title", "Second appel"))
        done_or_waiting(others[-1], folder)
        return real(root, files, **kw)

    monkeypatch.setattr(init_module, "write_files", racing)
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "init", str(folder),
                                   "--grid", GRID, "--title", "Premier appel"])
    assert res.exit_code == 0, res.output
    assert res.output == "".join(f"wrote {folder / name}\n" for name in
                                 ("call.yaml", "dossiers/D001.yaml", "ratings/ratings.csv"))
    (other,) = others
    out, err = other.communicate(timeout=120)
    # the other waited, then found this one's files: refused as when run after it
    assert other.returncode == 2, out + err
    assert out == ""
    assert err == f"Error: {folder}: {folder} already exists and is not empty " \
                  "[output-exists]\n  Hint: Choose a new folder name.\n", err
    # this command's call, whole
    call_yaml = (folder / "call.yaml").read_text("utf-8")
    assert "title: Premier appel\n" in call_yaml and "Second" not in call_yaml
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "call.yaml", "dossiers", "dossiers/D001.yaml", "ratings", "ratings/ratings.csv"]
    assert not (folder / PENDING).exists() and not (folder / LOCK_NAME).exists()


def test_a_refused_call_init_leaves_no_folder_it_made(tmp_path: Path) -> None:
    # the folder is made before the check now: refused (an unknown grid), it is removed,
    # with the parent folders made for it; a folder that was there stays
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "init",
                                   str(tmp_path / "aap" / "2026" / "appel"), "--grid", "nope"])
    assert res.exit_code == 2 and "no grid “nope” [unknown-grid]" in res.output
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "vide").mkdir()
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "init", str(tmp_path / "vide"),
                                   "--grid", "nope"])
    assert res.exit_code == 2
    assert [p.name for p in tmp_path.rglob("*")] == ["vide"]
