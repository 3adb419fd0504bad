"""Opening a lock file safely: the one way of the journal's lock (``.journal.lock``,
:func:`isgrid.call.journal_append.locked`) and of a folder's write lock (``.isgrid-write.lock``,
:func:`isgrid.io.writelock.write_lock`).

The file is made if missing; a link is never followed (a link could make isgrid make or
lock a file outside the call), a pipe never waited on (opening a FIFO for writing blocks
until a reader comes), and what is opened must be a regular file.  Each caller says the
refusal in its own words (the journal's ``journal-invalid`` diagnostics; the write lock's
``OSError``, which :mod:`isgrid.io.write` says as the system's refusal).

Locking the file is here too, the one place that knows the systems: ``fcntl.flock``
(POSIX), else ``msvcrt.locking`` (Windows: a lock of one byte, :data:`WINDOWS_BYTE`, far
past what a lock file holds, since Windows' locks are mandatory and the holder's record
at the file's start is read by others), else nothing (:func:`try_lock`, :func:`lock`,
:func:`unlock`).  Both kinds are exclusive between two open files of one process too, so
two threads wait for each other as two processes do.  Neither spans two machines on a
network share (docs/platforms.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path
from types import ModuleType

#: The byte a lock covers on Windows (``msvcrt.locking``), 1 GiB into the file: never one
#: of the bytes a lock file holds.
WINDOWS_BYTE = 1 << 30
#: How often a lock held by another is tried again where the system cannot wait for it.
POLL_SECONDS = 0.02


class NotAFile(OSError):
    """The lock file's name holds something else than a regular file (a pipe, a device)."""


def open_lock_file(path: Path) -> int:
    """The descriptor of the lock file ``path``, opened for reading and writing (made,
    ``0644``, if missing): never through a link (``O_NOFOLLOW``: an ``OSError``,
    ``ELOOP``), never blocking on a pipe (``O_NONBLOCK``; Windows has neither flag, nor
    pipes in a folder), a regular file, else
    :class:`NotAFile` (nothing left open).  The caller closes it."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0), 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(errno.EINVAL, f"{path.name} is not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _fcntl() -> ModuleType | None:
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


def _msvcrt() -> ModuleType | None:
    try:
        import msvcrt
    except ImportError:
        return None
    return msvcrt


def try_lock(fd: int) -> bool:
    """An exclusive lock of ``fd``'s file, taken at once if no one else holds it: whether
    it was (True where the system has no locks at all).  Another refusal of the system is
    an ``OSError``."""
    fcntl = _fcntl()
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    msvcrt = _msvcrt()
    if msvcrt is None:  # pragma: no cover - neither POSIX nor Windows
        return True
    os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)  # (locking covers bytes from the position)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EDEADLK):  # held by another handle
            return False
        raise
    return True


def lock(fd: int) -> None:
    """An exclusive lock of ``fd``'s file, waited for as long as another holds it."""
    fcntl = _fcntl()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    while not try_lock(fd):  # (msvcrt's own wait gives up after ten seconds)
        time.sleep(POLL_SECONDS)


def unlock(fd: int) -> None:
    """The lock of :func:`try_lock` or :func:`lock` released (closing ``fd`` releases it
    too; Windows asks that it be released first)."""
    fcntl = _fcntl()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return
    msvcrt = _msvcrt()
    if msvcrt is not None:
        os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)
        with contextlib.suppress(OSError):  # (not held: nothing to release)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
