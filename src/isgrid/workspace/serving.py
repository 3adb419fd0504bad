"""One ``isgrid jury serve`` per call: the second is refused, naming the first.

Two servers of one call (the service, and an operator trying something on another port)
both started: both wrote the call's files and the database, and the last one started
recorded its own address as where the call is served, so that ``isgrid jury secretariat``
then printed a link to a port nobody listened on once it stopped (review ops20, finding 4).
``jury serve`` now holds a lock on ``CALL/.isgrid/serve.lock`` for as long as it runs (the
system releases it when the process ends, even killed with ``kill -9``); the file says
which process holds it and where it serves.  A second ``jury serve`` of the same call is
refused (``workspace-served``, exit 2), naming them.  A call folder where that file cannot
be made (mounted read-only, owned by another user than the service's) is refused at once
too (``write-failed``): the workspace writes the jurors' submitted sheets into it, and
every submission would have failed, told only in the log.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Diagnostic, Location, Message, UsageError
from ..io.folder import CONFLICTS_DIR, OPINIONS_DIR, RATINGS_DIR
from ..io.lockfile import open_lock_file, try_lock, unlock
from ..io.refusal import system_words

#: The lock file of a served call, relative to its folder.
SERVE_LOCK = Path(".isgrid") / "serve.lock"


def _holder(fd: int) -> dict[str, str]:
    """What the serving process wrote in the lock file: its ``pid`` and ``url``."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write(fd: int, facts: dict[str, str]) -> None:
    with contextlib.suppress(OSError):  # only words for the one refused: never fatal
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(facts).encode("utf-8"))


def _not_writable(path: Path, error: str) -> UsageError:
    return UsageError("call folder not writable", [Diagnostic(
        "write-failed", Message(
            "the call folder cannot be written ({error}): the jury workspace writes the "
            "jurors' submitted sheets into it (ratings/, opinions/, conflicts/)", error=error),
        Location(str(path)),
        hint="Give the user that runs isgrid jury serve the right to write in the call "
             "folder (chown -R), or serve a copy of it that can be written.")])


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[Callable[[str], None]]:
    """The call ``folder`` held as served by this process until the block ends; yields
    the function that records where it serves (its address, once bound)."""
    path = Path(folder) / SERVE_LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_lock_file(path)
    except OSError as exc:
        raise _not_writable(path, system_words(exc)) from exc
    # the folders the submissions are written to (the call folder itself makes those
    # missing): one the system would refuse, refused now (a mount read-only, another owner)
    for sub in (RATINGS_DIR, OPINIONS_DIR, CONFLICTS_DIR):
        where = Path(folder) / sub
        if where.is_dir() and not os.access(where, os.W_OK | os.X_OK):
            os.close(fd)
            raise _not_writable(where, system_words(PermissionError(
                errno.EACCES, os.strerror(errno.EACCES))))
    try:
        if not try_lock(fd):
            held = _holder(fd)
            raise UsageError("already served", [Diagnostic(
                "workspace-served", Message(
                    "isgrid jury serve already serves this call (process {pid}, {url}): "
                    "one server per call", pid=held.get("pid", "?"),
                    url=held.get("url", "?")),
                Location(str(path)))])
        facts = {"pid": str(os.getpid())}
        _write(fd, facts)
        yield lambda url: _write(fd, {**facts, "url": url})
    finally:
        with contextlib.suppress(OSError):
            unlock(fd)
        os.close(fd)
