"""What ``isgrid call purge`` says of the places it does not rewrite (split from
:mod:`isgrid.call.purge`, whose rules of names and journal stay there).

* The jurors' web workspace (:func:`workspace_warnings`, and :func:`purge_mark`, what tells
  it the call was purged).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..documents.typography import date_words
from ..errors import Diagnostic, Location, Message
from ..messages import _Value

#: Where a call's jury workspace records its database, relative to the call folder.
RECORD = Path(".isgrid") / "workspace.json"
#: What a purge leaves in the workspace's folder, for a call with no journal to record it
#: (:func:`purge_mark`; read by :func:`isgrid.workspace.purged.purge_of`).
MARK = Path(".isgrid") / "purged.json"
#: The workspace's own SQLite file, relative to the call folder (``isgrid jury serve``
#: without ``--db``).
SQLITE = Path(".isgrid") / "jury.sqlite3"


class Day(_Value):
    """A day (an ISO text) put into a :class:`~isgrid.messages.Message`, in words as its
    language writes it (:func:`~isgrid.documents.typography.date_words`): « 30 juin
    2025 », "30 June 2025"."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        return date_words(str(x), "en" if lang == "en" else "fr")


def recorded_database(folder: Path) -> dict[str, Any] | None:
    """The workspace's record of its database in ``folder`` (:data:`RECORD`), or None
    (none, or unreadable)."""
    try:
        data = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("database"), str) else None


def _server(record: dict[str, Any]) -> str:
    """`` (host /tmp/pg, port 5433)``, where the record's database server is ('' if unsaid)."""
    where = ", ".join(f"{k} {record[k]}" for k in ("host", "port") if record.get(k))
    return f" ({where})" if where else ""


def workspace_warnings(folder: Path) -> list[Diagnostic]:
    """``purge-name-left`` when the call has a jury workspace, whatever its database: the
    purge does not touch it (its database keeps names, drafts, comments, the audit log)."""
    workspace = folder / ".isgrid"
    if not workspace.is_dir():
        return []
    record = recorded_database(folder)
    if record is None or (record.get("database") == "sqlite" and (
            (folder / SQLITE).exists()
            or (folder / SQLITE).resolve() == Path(str(record.get("file") or "")).resolve())):
        return [Diagnostic(
            "purge-name-left", Message("the jurors' web workspace still holds their names, "
                                       "drafts and comments; the purge does not touch it"),
            Location(str(workspace)), severity="warning",
            hint="Delete the .isgrid folder once the ratings are in ratings/ "
            "(docs/jury-web.md), then purge again.")]
    if record.get("database") == "sqlite":  # an SQLite file elsewhere (--db sqlite:///…)
        return [Diagnostic(
            "purge-name-left", Message(
                "the jurors' web workspace was served from the database {file}: it still "
                "holds their names, drafts and comments; the purge does not touch it",
                file=str(record.get("file") or "?")),
            Location(str(workspace / RECORD.name)), severity="warning",
            hint=Message("Stop isgrid jury serve, delete that file once the ratings are in "
                         "ratings/, then the .isgrid folder (docs/jury-web.md); then purge "
                         "again."))]
    return [Diagnostic(
        "purge-name-left", Message(
            "the jurors' web workspace was served from the {kind} database {name}{server}: "
            "it still holds their names, drafts, comments and audit log; the purge does not "
            "touch it", kind={"postgresql": "PostgreSQL"}.get(str(record["database"]),
                                                              str(record["database"])),
            name=str(record.get("name") or "?"), server=_server(record)),
        Location(str(workspace / RECORD.name)), severity="warning",
        hint=Message("Stop isgrid jury serve; once the ratings are in ratings/, delete that "
                     "database (DROP DATABASE {name}) and its backups, then the .isgrid "
                     "folder (docs/jury-web.md); then purge again.",
                     name=str(record.get("name") or "…")))]


def purge_mark(folder: Path, today: dt.date) -> list[tuple[Path, bytes]]:
    """``.isgrid/purged.json`` (the day of the purge), written with the purge when the call
    has a jury workspace and none was written before: the workspace then refuses to write
    into the call again, even a call whose journal (which records the purge) does not
    exist."""
    path = folder / MARK
    if not (folder / ".isgrid").is_dir() or path.exists():
        return []
    return [(path, (json.dumps({"at": today.isoformat()}) + "\n").encode())]

