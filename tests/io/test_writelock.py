"""The write lock of a folder (:mod:`isgrid.io.writelock`), held by every multi-file write
and taken by :func:`isgrid.io.write.recover` only where a write's record is found."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from faultruns import held_elsewhere, taken_elsewhere
from isgrid.errors import UsageError
from isgrid.io import write, writelock
from isgrid.io.write import PENDING, recover, write_files
from isgrid.io.writelock import LOCK_NAME, Busy, write_lock


def test_a_held_lock_makes_another_holder_wait_then_refuses(tmp_path: Path) -> None:
    with held_elsewhere(tmp_path):
        assert (tmp_path / LOCK_NAME).is_file()
        began = time.monotonic()
        with pytest.raises(Busy), write_lock(tmp_path, wait=0.3):
            pass  # (another open file of the same lock: flock refuses it)
        assert time.monotonic() - began >= 0.3
    assert not (tmp_path / LOCK_NAME).exists()  # removed by its holder
    with write_lock(tmp_path, wait=0):  # free again
        pass


def _taken_elsewhere(root: Path) -> bool:
    return taken_elsewhere(root, wait=0.3)


def test_the_threads_own_lock_is_taken_again_at_once_and_the_write_ends_it(
        tmp_path: Path) -> None:
    """A command holding the lock from its reading to its writing (``call purge --apply``)
    writes under it: its ``write_files`` neither waits for itself (a second ``flock`` of
    another open file would, then say a write is in progress) nor lets another thread in
    before it; it removes the lock file with its record, its hold's last act."""
    (tmp_path / "a").write_bytes(b"old")
    with write_lock(tmp_path, wait=0):
        assert writelock.holds(tmp_path) and writelock.holds(tmp_path / ".")
        assert not _taken_elsewhere(tmp_path)  # another thread waits, as a process does
        began = time.monotonic()
        write_files(tmp_path, [(tmp_path / "a", b"new", None)])  # (60 s, then Busy, else)
        assert time.monotonic() - began < 5
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # record and lock gone
        assert (tmp_path / "a").read_bytes() == b"new"
        with pytest.raises(writelock.Released), write_lock(tmp_path):
            pass  # never a hold on a file no longer locking the folder
    assert not writelock.holds(tmp_path) and _taken_elsewhere(tmp_path)


def test_a_write_that_says_more_follows_leaves_the_folder_locked(tmp_path: Path) -> None:
    """``sheets import`` checks the call it wrote under its hold, and may write the previous
    files back: its write (``more=True``) removes its record and leaves the lock file to the
    hold (it removed both: another command could write between the write and the undo,
    and the undo's write raised Released); the hold's end removes it."""
    (tmp_path / "a").write_bytes(b"old")
    with write.writing(tmp_path):
        write_files(tmp_path, [(tmp_path / "a", b"new", None)], more=True)
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "a"]  # no record
        assert not _taken_elsewhere(tmp_path)  # still locked, for what follows the write
        began = time.monotonic()
        write_files(tmp_path, [(tmp_path / "a", b"old", None)], more=True)  # (an undo)
        assert time.monotonic() - began < 5 and (tmp_path / "a").read_bytes() == b"old"
        assert not _taken_elsewhere(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # the lock file gone with it
    assert _taken_elsewhere(tmp_path)


def test_a_recovery_under_the_hold_keeps_the_folder_locked(tmp_path: Path) -> None:
    """A write found interrupted when a command takes the lock to read (:func:`writing`) is
    finished, and the lock file stays held for the reading and the write that follow (the
    recovery removed it: another command could write between them)."""
    (tmp_path / ".a.x.tmp").write_text("new")
    (tmp_path / "a").write_text("old")
    (tmp_path / PENDING).write_text(json.dumps({"state": "commit", "files": [[".a.x.tmp", "a"]]}))
    with write.writing(tmp_path):
        assert (tmp_path / "a").read_text() == "new" and not (tmp_path / PENDING).exists()
        assert (tmp_path / LOCK_NAME).is_file() and not _taken_elsewhere(tmp_path)
        write_files(tmp_path, [(tmp_path / "a", b"newer", None)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_a_lock_file_removed_by_its_holder_is_not_held_by_the_next(tmp_path: Path) -> None:
    """The next holder opened the file its predecessor then removed: it locks a new one."""
    import fcntl

    stale = os.open(tmp_path / LOCK_NAME, os.O_CREAT | os.O_RDWR)
    fcntl.flock(stale, fcntl.LOCK_EX)
    os.unlink(tmp_path / LOCK_NAME)
    fcntl.flock(stale, fcntl.LOCK_UN)
    with write_lock(tmp_path, wait=0):
        held = os.stat(tmp_path / LOCK_NAME)
        assert (held.st_dev, held.st_ino) != (os.fstat(stale).st_dev, os.fstat(stale).st_ino)
    os.close(stale)


def test_no_record_no_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading a call where no write is recorded takes no lock (nor makes its file)."""
    @contextmanager
    def refused(root: Path, wait: float | None = None) -> Iterator[None]:
        raise AssertionError("locked")
        yield

    monkeypatch.setattr(write, "write_lock", refused)
    assert recover(tmp_path) is False
    assert list(tmp_path.iterdir()) == []


def test_a_record_is_recovered_under_the_lock(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".a.x.tmp").write_text("new")
    (tmp_path / "a").write_text("old")
    (tmp_path / PENDING).write_text(json.dumps({"state": "commit", "files": [[".a.x.tmp", "a"]]}))
    seen: list[bool] = []
    real = write._recover_held

    def spy(root: Path) -> bool:
        seen.append((root / LOCK_NAME).is_file())
        return real(root)

    monkeypatch.setattr(write, "_recover_held", spy)
    assert recover(tmp_path) is True
    assert seen == [True] and (tmp_path / "a").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # no record, no lock file


def test_a_write_waits_for_another_then_says_which(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / PENDING).write_text(json.dumps({
        "state": "writing", "pid": 4242, "command": "isgrid intake", "files": []}))
    monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.2)
    with held_elsewhere(tmp_path), pytest.raises(UsageError) as info:
        write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.code == "write-in-progress" and diag.location.file == str(tmp_path)
    assert diag.message.translated("en") == ("a write is in progress in this folder "
                                             "(isgrid intake, pid 4242): try again")
    assert not (tmp_path / "a").exists() and (tmp_path / PENDING).is_file()


def test_a_write_records_its_command_and_process(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    records: list[dict[str, object]] = []
    real = write.fault_point

    def spy(step: str) -> None:
        if step == "begin":
            records.append(json.loads((tmp_path / PENDING).read_bytes()))
        real(step)

    monkeypatch.setattr(write, "fault_point", spy)
    write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    assert [(r["pid"], r["command"]) for r in records] == [(os.getpid(), "isgrid")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


@pytest.mark.parametrize(("who", "said"), [
    ({"command": "isgrid sheets import"}, "isgrid sheets import"),
    ({"command": "isgrid jury serve", "by": "jury-workspace"},
     "the jury workspace, isgrid jury serve")])
def test_a_hold_without_a_write_says_its_holder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                who: dict[str, str], said: str) -> None:
    """The holder was named only by the pending record, which exists only inside a write:
    a command kept waiting by a whole import's (or intake's, or purge's) hold said « a write
    is in progress in this folder: try again », nobody named.  The holder writes who it is
    into the lock file as it takes it; the command that waits reads it there."""
    monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.2)
    with held_elsewhere(tmp_path, **who):  # through writing(): no pending record yet
        assert not (tmp_path / PENDING).exists()
        assert json.loads((tmp_path / LOCK_NAME).read_bytes()) == {**who, "pid": os.getpid()}
        with pytest.raises(UsageError) as info:
            write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.code == "write-in-progress" and diag.location.file == str(tmp_path)
    assert diag.message.translated("en") == (
        f"a write is in progress in this folder ({said}, pid {os.getpid()}): try again")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # the lock file gone with its hold


def test_what_a_dead_holder_wrote_is_emptied_by_the_next(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock file left by a killed holder names it; the next holder empties it as it takes
    the lock (it says nothing of itself here): a waiting command never names a dead one."""
    (tmp_path / LOCK_NAME).write_text(json.dumps({"command": "isgrid intake", "pid": 4242}))
    monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.2)
    with held_elsewhere(tmp_path), pytest.raises(UsageError) as info:
        write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.message.translated("en") == "a write is in progress in this folder: try again"
