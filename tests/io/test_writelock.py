"""The write lock of a folder (:mod:`isgrid.io.writelock`), held by every multi-file write
and taken by :func:`isgrid.io.write.recover` only where a write's record is found."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from isgrid.errors import UsageError
from isgrid.io import write, writelock
from isgrid.io.write import PENDING, recover, write_files
from isgrid.io.writelock import LOCK_NAME, Busy, write_lock


def test_a_held_lock_makes_another_holder_wait_then_refuses(tmp_path: Path) -> None:
    with write_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).is_file()
        began = time.monotonic()
        with pytest.raises(Busy), write_lock(tmp_path, wait=0.3):
            pass  # (another open file of the same lock: flock refuses it)
        assert time.monotonic() - began >= 0.3
    assert not (tmp_path / LOCK_NAME).exists()  # removed by its holder
    with write_lock(tmp_path, wait=0):  # free again
        pass


def test_a_lock_file_removed_by_its_holder_is_not_held_by_the_next(tmp_path: Path) -> None:
    """The next holder opened the file its predecessor then removed: it locks a new one."""
    import fcntl
    import os

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
    with write_lock(tmp_path), pytest.raises(UsageError) as info:
        write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.code == "write-in-progress" and diag.location.file == str(tmp_path)
    assert diag.message.translated("en") == ("a write is in progress in this folder "
                                             "(isgrid intake, pid 4242): try again")
    assert not (tmp_path / "a").exists() and (tmp_path / PENDING).is_file()


def test_a_write_records_its_command_and_process(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import os

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
