"""The journal's lock and the folder's write lock where ``fcntl`` does not exist
(Windows): ``msvcrt.locking`` behind one function (:mod:`isgrid.io.lockfile`), so two
séance commands at once never lose an entry (review windows, finding 6).

Emulated on Linux (tests/winemu.py): ``import fcntl`` fails, ``msvcrt`` is a fake whose
``locking`` refuses a byte another descriptor locked, of this process too (Windows'
``LockFile`` locks belong to a handle).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from isgrid.call import journal, journal_append
from isgrid.io import writelock
from isgrid.io.lockfile import WINDOWS_BYTE
from isgrid.io.writelock import Busy, holder_of, write_lock
from winemu import without_fcntl


def test_eight_withdrawals_at_once_all_kept(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fake = without_fcntl(monkeypatch)
    real = journal_append.atomic_write

    def slow(path: Path, data: bytes) -> None:  # the window between reading and renaming,
        time.sleep(0.05)  # widened: without a lock, the appends overwrite each other
        real(path, data)

    monkeypatch.setattr(journal_append, "atomic_write", slow)
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def withdraw(i: int) -> None:
        start.wait()
        try:
            journal_append.append(tmp_path, kind="withdrawal", dossier=f"AL16-0{i}", by="secretariat",
                           reason=f"test {i}")
        except BaseException as exc:  # (said by the assertion below)
            failures.append(exc)

    threads = [threading.Thread(target=withdraw, args=(i,)) for i in range(1, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    entries = journal.read_journal(tmp_path)  # the chain checked as it is read
    assert sorted(e.dossier for e in entries) == [f"AL16-0{i}" for i in range(1, 9)]
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    # every lock and unlock of one byte far past the file's content; the appends waited
    # for each other (more tries than appends), and each released its lock once
    assert {c[1:] for c in fake.calls} == {(WINDOWS_BYTE, 1)}
    tries = [c for c in fake.calls if c[0] == fake.LK_NBLCK]
    assert len(tries) > 8 and len([c for c in fake.calls if c[0] == fake.LK_UNLCK]) == 8
    assert fake.owners == {}


def test_the_write_lock_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_fcntl(monkeypatch)
    for name in ("O_NOFOLLOW", "O_NONBLOCK", "pwrite"):  # (Windows has none of them)
        monkeypatch.delattr(os, name, raising=False)
    held, release, outcome = threading.Event(), threading.Event(), []

    def first() -> None:
        with write_lock(tmp_path, holder=b'{"command": "isgrid sheets import", "pid": 7}'):
            held.set()
            release.wait(5)

    t = threading.Thread(target=first)
    t.start()
    assert held.wait(5)
    # who holds it is readable while it is held (the lock is far past those bytes)
    assert holder_of(tmp_path) == b'{"command": "isgrid sheets import", "pid": 7}'
    # another thread waits, then gives up: never both at once
    with pytest.raises(Busy), write_lock(tmp_path, wait=0.2):
        outcome.append("entered while held")
    release.set()
    t.join()
    with write_lock(tmp_path, wait=1):  # released: taken at once
        outcome.append("entered after")
    assert outcome == ["entered after"]
    assert not writelock.holds(tmp_path)
