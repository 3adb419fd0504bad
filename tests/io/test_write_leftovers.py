"""A write killed before its rename left ``.NAME.XXXXXXXX.tmp`` beside its output, never
removed (the hostile review: 25 ``score -o r.json`` killed, the temporary file of each
killed run stayed, holding part of a result).  The next write of the same output removes
the ones no writer holds and that are over a minute old; a concurrent writer's live file,
one just made, another output's, a ``write_files`` temporary file and the file
``jury invite`` set aside are left alone (isgrid.io.leftovers)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from isgrid.io.leftovers import STALE_SECONDS, remove_stale
from isgrid.io.write import atomic_write, staged
from testpaths import ROOT

OLD = time.time() - 2 * STALE_SECONDS


def _leftover(folder: Path, name: str, age: float = OLD) -> Path:
    path = folder / name
    path.write_bytes(b'{"partial": ')
    os.utime(path, (age, age))
    return path


def test_a_killed_writes_leftover_is_removed_by_the_next_write(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    stale = _leftover(tmp_path, ".r.json.1ni95mij.tmp")  # the review's name
    fresh = _leftover(tmp_path, ".r.json.abcd1234.tmp", age=time.time())  # just made
    other = _leftover(tmp_path, ".s.json.1ni95mij.tmp")  # another output's
    batch = _leftover(tmp_path, ".r.json.0123456789abcdef.tmp")  # write_files' (16 hex)
    aside = _leftover(tmp_path, ".r.json.staged.1ni95mij.tmp")  # jury invite's links
    atomic_write(out, b"{}")
    assert out.read_bytes() == b"{}"
    assert not stale.exists()
    assert fresh.exists() and other.exists() and batch.exists() and aside.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".r.json.abcd1234.tmp", ".s.json.1ni95mij.tmp", ".r.json.0123456789abcdef.tmp",
         ".r.json.staged.1ni95mij.tmp", "r.json"])


def test_a_live_writers_file_is_never_removed(tmp_path: Path) -> None:
    """A writer holds its temporary file (flock) until its rename: another process
    writing the same output meanwhile leaves it, however old it looks."""
    out = tmp_path / "r.json"
    code = ("import sys, time\n"
            "from pathlib import Path\n"
            "from isgrid.io.write import atomic_write\n"
            "def pieces():\n"
            "    yield b'[1'\n"
            "    print('writing', flush=True)\n"
            "    time.sleep(30)\n"
            "    yield b']'\n"
            "atomic_write(Path(sys.argv[1]), pieces())\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writer = subprocess.Popen([sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE,
                              env=env, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        [live] = [p for p in tmp_path.iterdir() if p.name.startswith(".r.json.")]
        os.utime(live, (OLD, OLD))  # as old as a stale one: only its writer's hold protects it
        assert remove_stale(out) == []
        assert live.exists()
        atomic_write(out, b"{}")  # a second writer of the same output
        assert live.exists()
    finally:
        writer.kill()
        writer.wait()
    # the writer is gone (killed): its file is now a leftover, removed by the next write
    assert remove_stale(out) == [live] and not live.exists()


def test_stage_aside_is_not_a_leftover(tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    aside = staged(out, b"j1;link\n")
    os.utime(aside, (OLD, OLD))
    assert aside.name.startswith(".links.csv.staged.") and aside.name.endswith(".tmp")
    atomic_write(out, b"x")
    assert aside.read_bytes() == b"j1;link\n"


def test_score_o_removes_a_killed_runs_leftover(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from isgrid.cli.main import cli
    from testpaths import HOSTILE

    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    out = tmp_path / "kout"
    out.mkdir()
    stale = _leftover(out, ".r.json.1ni95mij.tmp")
    res = CliRunner().invoke(cli, ["score", str(call), "--format", "json", "-o",
                                   str(out / "r.json")])
    assert res.exit_code == 0, res.output
    assert [p.name for p in out.iterdir()] == ["r.json"] and not stale.exists()
