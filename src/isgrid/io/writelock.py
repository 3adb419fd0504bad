"""The lock of a multi-file write (:func:`isgrid.io.write.write_files`) in its folder.

A write holds an exclusive lock on ``ROOT/.isgrid-write.lock`` from before its
pending record (``.isgrid-pending.json``) is written until that record is removed;
:func:`isgrid.io.write.recover` takes the same lock before it looks at a record.  So a
record found by a holder of the lock is, by construction, from a writer that died (the
system releases a dead process's locks): the next command never undoes, nor finishes
under its feet, a write still in progress in another process (``isgrid watch``
reloading the call while ``sheets import`` writes, two terminals).

A sibling of the journal's ``.journal.lock``, not that file: ``isgrid call purge``
holds the journal's lock while it writes through ``write_files``, and a second
``flock`` of the same file by the same process (another open file) would wait for
itself; a séance's ``decide`` need not wait behind a ``sheets import``; and
``write_files`` also writes folders that are no call (the jurors' workbooks, a
report's folder).  The order is always the journal's lock first, then this one.

A command that writes what it read (``isgrid call purge --apply``, ``isgrid intake``,
``isgrid sheets import``) takes the lock before it reads and holds it until it has written
(:func:`isgrid.io.write.writing`), and, ``sheets import``, checked what it wrote and put
the previous files back if they break the call: a ``sheets import`` or a juror's
submission from the web workspace cannot land between its reading and its writing, to be
overwritten by a copy made from what was there before, nor between its writing and its
undo.  The lock is the thread's own once it holds it: taken
again in the same thread (the :func:`isgrid.io.write.write_files` of that command, or the
recovery of an interrupted write when it loads the call) it is only counted, never waited
for (a second ``flock`` on another open file of the same path would wait for itself).
Another thread of the same process (two jurors' submissions in the web workspace) waits
for it as another process does.

The lock file lives only while it is held: its holder removes it with the write's
record (:func:`drop`; a write is the last act of a hold, the outer one's too, unless it
says that the hold goes on after it: ``write_files(..., more=True)``), or before
releasing it, and whoever gets a lock on a file that is no longer the one at its path
(removed, or made again since) tries again; the thread's own lock taken again once its
file was removed is a mistake of isgrid's (:class:`Released`), never a hold on nothing.
A recovery removes the record, not the lock file: the hold goes on (the reading, or the
write, that follows it).  Its holder writes who it is into the file once it holds it
(``{command, pid, by}``, what a dead holder left there emptied first): a command that waits
too long names it (:func:`isgrid.io.refusal.busy`), for the whole hold of ``sheets
import``, ``intake`` or ``call purge``, not only while a pending record exists.  The file is opened as the journal's lock is
(:func:`isgrid.io.lockfile.open_lock_file`) and locked as it is
(:func:`isgrid.io.lockfile.try_lock`: ``flock``, or ``msvcrt.locking`` on Windows).  On
Windows an open file cannot be removed: the lock file stays after its hold (emptied and
written again by the next holder), which changes nothing of the above.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .lockfile import open_lock_file, try_lock, unlock

#: The manifest of a multi-file write in progress, in its root folder
#: (:func:`isgrid.io.write.write_files`).
PENDING = PENDING_NAME = ".isgrid-pending.json"
#: The lock file of a multi-file write, in the folder written.
LOCK_NAME = ".isgrid-write.lock"
#: How long a command waits for another's write to end before saying it is in progress.
WAIT_SECONDS = 60.0
_POLL = 0.02
#: The locks this thread holds: the folder's identity (device, inode) -> [how many
#: holds, the lock file's descriptor].
_held = threading.local()


class Busy(Exception):
    """Another process has held the folder's write lock for longer than the wait."""


class Released(RuntimeError):
    """The thread's own lock taken again after a write under it removed its file: the
    folder is no longer locked (a command must write last under its hold)."""


def _holds() -> dict[tuple[int, int], list[int]]:
    holds: dict[tuple[int, int], list[int]] | None = getattr(_held, "holds", None)
    if holds is None:
        holds = _held.holds = {}
    return holds


def _folder(root: Path) -> tuple[int, int] | None:
    """The identity of the folder ``root`` (the same folder by another path too), or None
    where it cannot be read (then opening its lock file says why)."""
    try:
        st = os.stat(root)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def holds(root: Path) -> bool:
    """Whether this thread holds the write lock of ``root``."""
    key = _folder(root)
    return key is not None and key in _holds()


@contextlib.contextmanager
def write_lock(root: Path, wait: float | None = None,
               holder: bytes = b"") -> Iterator[None]:
    """Hold the exclusive write lock of ``root`` (a folder that exists).

    ``wait``: at most that many seconds (default :data:`WAIT_SECONDS`), then
    :class:`Busy`.  A refusal of the system (a read-only folder) is an ``OSError``.
    Held already by this thread: held once more, at once (see the module's docstring).
    ``holder``: written into the lock file once it is held (what a dead holder left there
    emptied first), for the message of a command that waits too long
    (:func:`isgrid.io.refusal.busy`: ``{command, pid, by}``, as the pending record says it).
    """
    key, holding = _folder(root), _holds()
    path = root / LOCK_NAME
    if key is not None and key in holding:  # the thread's own: counted, not waited for
        if not _same_file(holding[key][1], path):
            raise Released(str(root))
        holding[key][0] += 1
        try:
            yield
        finally:
            holding[key][0] -= 1
        return
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while True:
        fd = open_lock_file(path)
        try:
            while not try_lock(fd):
                if time.monotonic() >= deadline:
                    raise Busy(str(root)) from None
                time.sleep(_POLL)
            if _same_file(fd, path):
                break
            os.close(fd)  # removed by its last holder (or made again since): try again
        except BaseException:
            os.close(fd)
            raise
    _write_holder(fd, holder)
    if key is not None:
        holding[key] = [1, fd]
    try:
        yield
    finally:
        if key is not None:
            del holding[key]
        if _same_file(fd, path):  # (not yet removed by :func:`drop`)
            drop(root)  # while still held: nobody else can hold this file any more
        unlock(fd)  # (Windows: an open file is not removed, and is locked anew)
        os.close(fd)


def _write_holder(fd: int, holder: bytes) -> None:
    """The lock file (held) holding ``holder`` alone; a refusal of the system (a full
    disk) leaves it as it is: who holds a lock is said when it can be, never needed."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        if holder and hasattr(os, "pwrite"):
            os.pwrite(fd, holder, 0)
        elif holder:  # (Windows has no pwrite)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, holder)


def holder_of(root: Path) -> bytes:
    """What the holder of the write lock of ``root`` wrote into its file (empty: none
    said, or the file unreadable; a link is never followed)."""
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return b""
    try:
        return os.read(fd, 4096) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def drop(root: Path) -> None:
    """Remove the lock file of ``root``, by its holder, as soon as the write's record is
    removed: a kill after that leaves neither (the lock is still held until the process
    ends or leaves :func:`write_lock`; another command then locks a new file, and finds
    no record)."""
    with contextlib.suppress(OSError):
        os.unlink(root / LOCK_NAME)


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)
