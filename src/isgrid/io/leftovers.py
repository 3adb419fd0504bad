"""Temporary files a killed write left beside its output, removed by the next write of
the same output (docs/security.md, « Nothing is lost »).

:func:`isgrid.io.write.atomic_write` writes ``.NAME.XXXXXXXX.tmp`` beside ``NAME`` (eight
characters of :func:`tempfile.mkstemp`), then renames it over ``NAME``; killed before the
rename (``kill -9``, a power cut), the temporary file stayed, hidden, holding part of a
result (jurors' names, comments), and no later run removed it.  Now each writer holds an
exclusive ``flock`` on its temporary file from its creation until it is written and
closed, just before its rename (:func:`hold`; Windows refuses to rename an open file),
and the next write of the same output removes the temporary files of that pattern that
no writer holds and that are over :data:`STALE_SECONDS` old (:func:`remove_stale`): a
concurrent writer's live file is held, and a file just made (before its writer took the
lock) or just written (closed, not yet renamed) is younger than that.  Where ``fcntl`` does not
exist (Windows), a file open by its writer cannot be deleted, and age alone decides.

The temporary files of :func:`isgrid.io.write.write_files` (sixteen hex characters,
named in its manifest, finished or undone by the next command) and those set aside by
:func:`isgrid.io.write.staged` (``.NAME.staged.XXXXXXXX.tmp``: the only copy of new
links) never match the pattern.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

#: A temporary file younger than this is never removed (its writer may not hold it yet).
STALE_SECONDS = 60.0


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def hold(fd: int) -> None:
    """Hold ``fd``'s temporary file until it is closed (before its rename)."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted there
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held(path: Path) -> bool:
    """Does a writer hold ``path`` (:func:`hold`)?  Opened read-only, never created."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # gone, or not ours to open: left alone
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # the lock, if taken, goes with it
    return False


def remove_stale(path: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of :func:`~isgrid.io.write.atomic_write` left beside
    ``path`` by writes that were killed; the ones removed."""
    pattern = _pattern(path.name)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not entry.is_file(follow_symlinks=False) or now - st.st_mtime < STALE_SECONDS:
            continue
        leftover = Path(entry.path)
        if _held(leftover):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


@contextlib.contextmanager
def removed_on_failure(tmp: str | Path, *, keep: bool = False) -> Iterator[None]:
    """The temporary file ``tmp`` removed when the block fails (any exception, Ctrl+C
    included), and the failure raised again; ``keep``: left (the only copy of what it
    holds).  The one cleanup of the temporary files isgrid writes (:mod:`.write`, :mod:`.keep`)."""
    try:
        yield
    except BaseException:
        if not keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
