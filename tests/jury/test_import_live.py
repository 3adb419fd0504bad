"""A command run while ``sheets import`` is still writing never undoes that write.

The writer (a real ``python -m isgrid sheets import --replace`` process) is paused at a
chosen step of the multi-file write (``ISGRID_FAULT_AT=STEP:N:PAUSE``: it makes the
file named by ``ISGRID_FAULT_PAUSE`` and waits until the test removes it), its pending
record in the call folder.  Another process then runs ``isgrid score`` on the folder:
it waits for the write to end (the folder's write lock, :mod:`isgrid.io.writelock`),
then reads the call as the write left it; the write completes untouched.  Before the
lock, the reader took the live write for an interrupted one and undid it (paused
before its commit: the reader removed its temporary files and its record, and the
writer, resumed, put only some of the new files in place).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from faultruns import DATED, run, start, wait_for
from isgrid.call.early import start_reading
from isgrid.call.load import load_call
from isgrid.call.model import Call
from isgrid.cli.main import cli
from isgrid.io import writelock
from isgrid.io.faults import PAUSE_ENV
from isgrid.io.write import FAULT_ENV, PENDING
from isgrid.io.writelock import LOCK_NAME
from testpaths import HOSTILE

JURORS = ("j1", "j2")
#: the steps a writer is paused at: before its commit (temporary files, the previous
#: contents kept), after it (nothing renamed yet), and between its renames
PAUSES = [("temp", 1), ("temp", 2), ("keep", 1), ("commit", 1), ("replace", 1)]


def isgrid(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
    return run(DATED, *args, **env)


def started(*args: object, **env: str) -> subprocess.Popen[str]:
    return start(DATED, *args, **env)


def ratings(call: Path) -> dict[str, bytes]:
    return {aid: (call / "ratings" / f"{aid}.csv").read_bytes() for aid in JURORS}


def leftovers(call: Path) -> list[str]:
    return sorted(p.name for p in call.rglob("*")
                  if p.name.endswith(".tmp") or p.name in (PENDING, LOCK_NAME))


@pytest.fixture(scope="module")
def after(workbooks: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], str]:
    """The ratings files and ``isgrid score``'s answer once the import is done, alone."""
    call = tmp_path_factory.mktemp("done") / "call"
    shutil.copytree(HOSTILE / "base", call)
    proc = isgrid("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                  "--replace")
    assert proc.returncode == 0, proc.stderr
    score = isgrid("score", call)
    assert score.returncode == 0, score.stderr
    return ratings(call), score.stdout


@pytest.mark.parametrize(("step", "nth"), PAUSES, ids=[f"{s}-{n}" for s, n in PAUSES])
def test_a_reader_waits_for_a_live_write_and_sees_it_whole(
        tmp_path: Path, workbooks: Path, after: tuple[dict[str, bytes], str],
        step: str, nth: int) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    before = isgrid("score", call).stdout
    new_ratings, new_score = after
    assert new_score != before and new_ratings != ratings(call)  # the import changes the ranking
    flag = tmp_path / "paused"
    writer = started("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                     "--replace", **{FAULT_ENV: f"{step}:{nth}:PAUSE", PAUSE_ENV: str(flag)})
    try:
        wait_for(flag, writer)
        assert (call / PENDING).is_file()  # a write in progress, its record in the folder
        reader = started("score", call)
        time.sleep(1.5)
        assert reader.poll() is None  # waiting for the write, not undoing it
        assert (call / PENDING).is_file()
        flag.unlink()  # the writer goes on
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        read, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
    finally:
        for proc in (writer, *([reader] if "reader" in locals() else [])):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert ratings(call) == new_ratings  # the write completed untouched
    assert read == new_score  # the reader read the call as the write left it
    assert leftovers(call) == []


def test_a_write_held_too_long_is_named_and_nothing_is_undone(
        tmp_path: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    old = ratings(call)
    flag = tmp_path / "paused"
    writer = started("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                     "--replace", **{FAULT_ENV: "temp:1:PAUSE", PAUSE_ENV: str(flag)})
    try:
        wait_for(flag, writer)
        pid = int(flag.read_text() or writer.pid)
        monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.4)
        fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(call)])
        en = CliRunner().invoke(cli, ["--lang", "en", "score", str(call)])
        assert (call / PENDING).is_file() and ratings(call) == old  # nothing undone
        flag.unlink()
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert fr.exit_code == 2 and en.exit_code == 2
    # the command as click names it when run as `python -m isgrid`
    assert (f"une écriture est en cours dans ce dossier (python -m isgrid sheets import, "
            f"pid {pid})\u00a0: réessayez") in fr.output
    assert "isgrid a attendu 1\u00a0s qu'elle se termine\u202f; relancez" in fr.output
    assert (f"a write is in progress in this folder (python -m isgrid sheets import, "
            f"pid {pid}): try again") in en.output
    assert "Traceback" not in fr.output + en.output
    assert ratings(call) != old and leftovers(call) == []  # the write then completed


def test_a_killed_writer_is_recovered_by_the_next_command(
        tmp_path: Path, workbooks: Path, after: tuple[dict[str, bytes], str]) -> None:
    """Its lock released by its death: the next command does not wait, and finishes it."""
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    proc = isgrid("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                  "--replace", **{FAULT_ENV: "replace:1"})
    assert proc.returncode == 137
    assert (call / PENDING).is_file() and (call / LOCK_NAME).is_file()
    began = time.monotonic()
    score = isgrid("score", call)
    assert score.returncode == 0, score.stderr
    assert time.monotonic() - began < writelock.WAIT_SECONDS
    assert (ratings(call), score.stdout) == after
    assert leftovers(call) == []


def test_ratings_read_early_are_read_again_after_a_live_write(tmp_path: Path,
                                                              workbooks: Path) -> None:
    """A command starts reading the ratings early (:func:`isgrid.call.early.start_reading`),
    then a write begins: loading waits for it and reads the ratings it wrote, not the
    ones read before it."""
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    reading = start_reading(call)
    assert reading.futures
    for future in reading.futures.values():
        future.result()  # (the previous ratings, all read)
    flag = tmp_path / "paused"
    writer = started("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                     "--replace", **{FAULT_ENV: "temp:1:PAUSE", PAUSE_ENV: str(flag)})
    loaded: list[Call] = []
    loader = threading.Thread(target=lambda: loaded.append(load_call(call, reading=reading)))
    try:
        wait_for(flag, writer)
        loader.start()
        loader.join(1.0)
        assert loader.is_alive()  # waiting for the write
        flag.unlink()
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        loader.join(120)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    (loaded_call,) = loaded
    # every B1 mark of j1 and j2 is 4 in the workbooks (D01 was 3 for j1, 2 for j2)
    assert sorted((r.assessor, r.dossier, r.value) for r in loaded_call.ratings
                  if r.criterion == "B1" and r.assessor in JURORS) == [
        (aid, d, 4) for aid in JURORS for d in ("D01", "D02", "D03")]
