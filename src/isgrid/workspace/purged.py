"""A call purged of its personal data (``isgrid call purge --apply``) is closed to its jury
workspace, and the call folder records where the workspace keeps its database.

**Purged.**  The purge empties the comments of ``ratings/`` and ``opinions/`` and
pseudonymises the jurors' names; a workspace still serving the call would write them back
at the next submission (its database keeps every draft, comment and name).  Once the
call's journal holds a ``purge`` entry (:func:`purge_of`), the workspace writes nothing
more into the call (:meth:`isgrid.workspace.export.Exports.export` checks it under the
folder's write lock, which the purge holds while it writes: no submission slips in
after it), every page says the call was purged (:mod:`isgrid.workspace.app`), and
``isgrid jury serve`` and ``isgrid jury invite`` refuse to start (:func:`refuse_purged`).

**Where the database is.**  A workspace on PostgreSQL (``--db``) leaves nothing in the
call folder: ``isgrid call purge`` could not tell the jury's names, drafts and comments
were kept elsewhere.  Every workspace writes ``.isgrid/workspace.json``
(:func:`record_database`): the kind of database and where it is (host, port, database
name, user; never a password), which the purge names in its warning
(:func:`isgrid.call.purge_extra.workspace_warnings`).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..call.journal import journal_path
from ..call.purge_extra import MARK, RECORD, Day, recorded_database
from ..errors import Diagnostic, Location, Message, UsageError
from ..io.write import atomic_write
from .access import Refused


def record_database(folder: Path, url: Any) -> None:
    """``.isgrid/workspace.json``: the workspace's database (``url``, a SQLAlchemy URL),
    without its password; written when it changes (a failure to write it is no reason
    not to serve: the purge then says only what the folder shows)."""
    record = database_record(url)
    path = Path(folder) / RECORD
    data = (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    with contextlib.suppress(OSError):
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)


def database_record(url: Any) -> dict[str, Any]:
    """What the record says of ``url``: ``database`` (``sqlite``, ``postgresql``…) and, on
    SQLite, the file; elsewhere the database's ``name``, ``host``, ``port`` and ``user``
    (a Unix socket's folder as its host) — never the password, nor other parameters."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        return {"database": "sqlite", "file": str(url.database or "")}
    host = url.host or url.query.get("host") or ""
    if isinstance(host, tuple):
        host = ",".join(host)
    port = url.port or url.query.get("port") or ""
    if isinstance(port, tuple):
        port = ",".join(port)
    return {"database": backend, "name": url.database or "", "host": str(host),
            "port": str(port), "user": url.username or ""}


class Purged(Refused):
    """The call was purged (:func:`purge_of`): the workspace changes nothing more."""

    def __init__(self) -> None:
        super().__init__("purged")


@dataclass(frozen=True)
class Purge:
    """A purge of the call: its day (ISO) and the file that records it (the journal, or
    the workspace's mark, :data:`~isgrid.call.purge_extra.MARK`, for a call with none)."""

    at: str
    where: Path


_cache: dict[Path, tuple[tuple[int, int, int], Purge | None]] = {}
_cache_lock = threading.Lock()


def purge_of(folder: Path) -> Purge | None:
    """The call's purge (``isgrid call purge --apply``), or None: the journal's ``purge``
    entry, else the mark the purge left in ``.isgrid/``; each read again only when its
    file changed (a workspace asks at every request)."""
    return _read(journal_path(folder), _journal_purge) or _read(Path(folder) / MARK, _marked)


def _read(path: Path, parse: Callable[[Path], str | None]) -> Purge | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_mtime_ns, st.st_size, st.st_ino)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        at = parse(path)
    except OSError:
        return None
    found = None if at is None else Purge(at, path)
    with _cache_lock:
        _cache[path] = (key, found)
    return found


def _journal_purge(path: Path) -> str | None:
    """The day of the journal's first ``purge`` entry."""
    with open(path, "rb") as f:
        for line in f:
            if b'"purge"' not in line:  # (a journal of thousands of decisions)
                continue
            with contextlib.suppress(ValueError):
                data = json.loads(line)
                if isinstance(data, dict) and data.get("kind") == "purge":
                    return str(data.get("at") or "")
    return None


def _marked(path: Path) -> str | None:
    """The day the purge's mark records ('' if it cannot be read: purged all the same)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return ""
    return str(data.get("at") or "") if isinstance(data, dict) else ""


def refuse_purged(folder: Path, command: str) -> None:
    """``isgrid jury serve`` and ``jury invite`` on a purged call: a usage error (exit 2)
    that says why and what to do."""
    purge = purge_of(folder)
    if purge is None:
        return
    raise UsageError("purged", [Diagnostic(
        "workspace-purged", Message(
            "the call was purged of its personal data on {date}: {command} would bring "
            "jurors' names and comments back into it", date=Day(purge.at), command=command),
        Location(str(purge.where)),
        hint=Message("The jury's work on this call is over. Delete the workspace's database "
                     "({where}) rather than serve it again (docs/jury-web.md).",
                     where=where(folder)))])


def where(folder: Path) -> str:
    """What deletes the workspace's database: ``DROP DATABASE jury`` or ``rm -r …/.isgrid``."""
    record = recorded_database(folder)
    if record is not None and record.get("database") not in (None, "sqlite"):
        return f"DROP DATABASE {record.get('name') or '…'}"
    return f"rm -r {Path(folder) / '.isgrid'}"

