"""``sheets import``'s undo killed at every step: all the previous files, or all the
import's, never some of each.

When the files an import wrote break the call (its check, the call loaded again), it puts
back what was there before.  The undo wrote the previous contents back in one
:func:`~isgrid.io.write.write_files`, then deleted the files the import made and its dated
copies one by one: killed in between, the call was left with the previous ``j1.csv`` beside
the import's new ``j2.csv`` and a dated copy of a replacement that no longer was.  Now the
undo is one write that restores and removes (``remove=``), all or nothing.

A real process runs the import (``ISGRID_FAULT_AT`` kills it the N-th time the writer
reaches a step: the import's own write is the first, the undo's the second); its check
of the call is made to fail once ``ratings/j1.csv`` is not what it was (the import's files
do not really break this call).  Then the call is loaded (which finishes or undoes an
interrupted write) and the folder compared with what it was before, or with the import's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from faultruns import DATED, command_env
from isgrid.call.load import load_call
from isgrid.io.write import FAULT_ENV
from isgrid.io.writelock import LOCK_NAME
from testpaths import HOSTILE

#: ``sheets import CALL BOOKS… --replace``, its check of the call failing once j1's
#: ratings file has changed (the undo follows).
_BREAKING = """
import sys
from pathlib import Path

import isgrid.call.load as load
from isgrid.cli.main import cli
from isgrid.errors import CallError, Diagnostic, Location, Message

j1 = Path(sys.argv[1]) / "ratings" / "j1.csv"
before = j1.read_bytes()
real = load.load_call

def checking(folder, **kw):
    if j1.read_bytes() != before:
        raise CallError("the call has errors", [Diagnostic(
            "duplicate-rating", Message("simulated: the imported files break the call"),
            Location(str(j1)))])
    return real(folder, **kw)

load.load_call = checking
cli(["--lang", "en", "sheets", "import", *sys.argv[1:], "--replace"])
"""

#: (where the undo is killed, whether the import's files are what stays)
#: The undo's write: begin 2, temp 3 (j1.csv as before), keep (none), commit 2,
#: replace 3, remove 1 (j2.csv, the import's new file) and 2 (j1's dated copy), end 2.
KILLS = [("begin:2", True), ("temp:3", True), ("commit:2", False), ("replace:3", False),
         ("remove:1", False), ("remove:2", False), ("end:2", False)]


def _files(call: Path) -> dict[str, bytes]:
    """Every file of the call folder (the lock file a kill leaves aside)."""
    return {p.relative_to(call).as_posix(): p.read_bytes() for p in sorted(call.rglob("*"))
            if p.is_file() and p.name != LOCK_NAME}


def _import(call: Path, books: list[Path], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _BREAKING, str(call), *map(str, books)],
                          capture_output=True, text=True, timeout=120,
                          env=command_env(DATED, **env))


@pytest.fixture
def call(tmp_path: Path) -> Path:
    """The base call without j2's ratings: the import replaces j1's file (a dated copy
    kept) and makes j2's."""
    folder = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", folder)
    (folder / "ratings" / "j2.csv").unlink()
    return folder


@pytest.fixture
def imported(tmp_path: Path, workbooks: Path) -> dict[str, bytes]:
    """The call's files once the import is done (nothing broken, nothing undone)."""
    folder = tmp_path / "alone"
    shutil.copytree(HOSTILE / "base", folder)
    (folder / "ratings" / "j2.csv").unlink()
    proc = subprocess.run([sys.executable, "-m", "isgrid", "sheets", "import", str(folder),
                           str(workbooks / "j1.xlsx"), str(workbooks / "j2.xlsx"), "--replace"],
                          capture_output=True, text=True, timeout=120, env=command_env(DATED))
    assert proc.returncode == 0, proc.stderr
    files = _files(folder)
    assert "ratings/j2.csv" in files and len([f for f in files if "/replaced/" in f]) == 1
    return files


def test_the_undo_puts_everything_back(call: Path, workbooks: Path) -> None:
    before = _files(call)
    proc = _import(call, [workbooks / "j1.xlsx", workbooks / "j2.xlsx"])
    assert proc.returncode == 1, proc.stderr
    assert "simulated: the imported files break the call [duplicate-rating]" in proc.stderr
    assert _files(call) == before


@pytest.mark.parametrize(("kill", "stays"), KILLS, ids=[k for k, _ in KILLS])
def test_a_kill_in_the_undo_leaves_one_state_or_the_other(
        call: Path, workbooks: Path, imported: dict[str, bytes], kill: str,
        stays: bool) -> None:
    before = _files(call)
    assert before != imported
    proc = _import(call, [workbooks / "j1.xlsx", workbooks / "j2.xlsx"], **{FAULT_ENV: kill})
    assert proc.returncode == 137, proc.stderr  # killed where asked
    load_call(call)  # finishes (committed) or undoes (not committed) the undo
    assert _files(call) == (imported if stays else before)
