"""Opening a lock file safely: the one way of the journal's lock (``.journal.lock``,
:func:`isgrid.call.journal.locked`) and of a folder's write lock (``.isgrid-write.lock``,
:func:`isgrid.io.writelock.write_lock`).

The file is made if missing; a link is never followed (a link could make isgrid make or
lock a file outside the call), a pipe never waited on (opening a FIFO for writing blocks
until a reader comes), and what is opened must be a regular file.  Each caller says the
refusal in its own words (the journal's ``journal-invalid`` diagnostics; the write lock's
``OSError``, which :mod:`isgrid.io.write` says as the system's refusal).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The lock file's name holds something else than a regular file (a pipe, a device)."""


def open_lock_file(path: Path) -> int:
    """The descriptor of the lock file ``path``, opened for reading and writing (made,
    ``0644``, if missing): never through a link (``O_NOFOLLOW``: an ``OSError``,
    ``ELOOP``), never blocking on a pipe (``O_NONBLOCK``), a regular file, else
    :class:`NotAFile` (nothing left open).  The caller closes it."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(errno.EINVAL, f"{path.name} is not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd
