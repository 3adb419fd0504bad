"""What ``isgrid call purge`` says of the places it does not rewrite (split from
:mod:`isgrid.call.purge`, whose rules of names and journal stay there).

* The jurors' web workspace (:func:`workspace_warnings`, and :func:`purge_mark`, what tells
  it the call was purged).
* The recusal reasons of ``conflicts/<juror>.csv`` (:func:`purge_conflicts`), where the
  workspace writes every recusal a juror declares (the reason they typed): the names
  purged are replaced by their pseudonyms there, as in the journal's reasons; a removed
  contact value still written there is a ``purge-name-left`` warning with its line, as
  in call.yaml.
* Any other file of the call folder (:func:`other_files_warnings`): a platform export kept
  there (``export-dossiers.csv``, what ``isgrid intake --from`` reads: the applicants'
  e-mails, SIRET, the instructors' addresses), or a text file where a removed contact
  value is still written, is a ``purge-name-left`` warning: the purge does not touch
  those files, the secretariat deletes them.: its database keeps their names,
  drafts, comments and audit log, whether it is the call folder's own SQLite file
  (``.isgrid/jury.sqlite3``) or a PostgreSQL database given with ``--db``, which the
  workspace records in ``.isgrid/workspace.json`` (:data:`RECORD`, written by
  :func:`isgrid.workspace.purged.record_database`; no password in it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..documents.typography import date_words
from ..errors import Collector, Diagnostic, Location, Message, Quote
from ..intake.sheets import MAX_BYTES as SHEET_MAX_BYTES
from ..intake.sheets import read_sheets
from ..intake.source import fold
from ..io.cells import csv_writer
from ..io.folder import CONFLICTS_DIR, OPINIONS_DIR, RATINGS_DIR, inside
from ..io.tabular import csv_header
from ..io.text import read_text
from ..io.write import neutralise_row
from ..messages import _Value

if TYPE_CHECKING:
    from .purge import PurgePlan
    from .purge_names import _Names, _Values

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


def purge_conflicts(folder: Path, find: _Names, removed: _Values, plan: PurgePlan,
                    ) -> list[tuple[Path, bytes]]:
    """The ``conflicts/*.csv`` files with the purged names of their ``reason`` column
    replaced by their pseudonyms (recorded in ``plan.values``: « reason[AL16-03] »), and a
    warning for each removed contact value still written in a reason (file:line)."""
    d = folder / CONFLICTS_DIR
    out: list[tuple[Path, bytes]] = []
    if not d.is_dir():
        return out
    for path in sorted(d.glob("*.csv")):
        if not inside(folder, path):
            continue
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        try:
            text, encoding = raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:  # a French Excel's CSV
            text, encoding = raw.decode("cp1252", errors="replace"), "cp1252"
        first = text.split("\n", 1)[0]
        sep = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        rows: list[list[str]] = []
        lines: list[int] = []
        start = 1
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
        header = [c.strip().casefold() for c in rows[0]] if rows else []
        if "reason" not in header:
            continue
        i = header.index("reason")
        dossier = header.index("dossier") if "dossier" in header else None
        rel = str(path.relative_to(folder))
        changed = False
        for row, line in zip(rows[1:], lines[1:], strict=True):
            if i >= len(row):
                continue
            for _, value in removed.found(row[i]):
                plan.warnings.append(Diagnostic(
                    "purge-name-left", Message("{value} is still written here",
                                               value=Quote(value)),
                    Location(str(path), line), severity="warning"))
            new = find.sub(row[i])
            if new != row[i]:
                row[i] = new
                changed = True
                did = row[dossier] if dossier is not None and dossier < len(row) else str(line)
                plan.values.setdefault(rel, []).append(f"reason[{did}]")
        if changed:
            buf = io.StringIO(newline="")
            # a reason holding a lone \r quoted too (io.cells.csv_writer): written bare, its
            # row split in two when read back, the call no longer loaded
            csv_writer(buf, delimiter=sep, lineterminator="\n").writerows(
                neutralise_row(row) for row in rows)
            out.append((path, (b"\xef\xbb\xbf" if bom else b"")
                        + buf.getvalue().encode(encoding, errors="replace")))
    return out


#: The files and folders of a call the purge reads itself (or leaves on purpose: the
#: journal, the workspace's folder), relative to the call folder.
_OWN = frozenset({"call.yaml", "journal.jsonl", "intake-state.json", "dossiers", RATINGS_DIR,
                  OPINIONS_DIR, CONFLICTS_DIR,
                  # the call's own table of dossiers, never a platform export
                  # (purge._dossier_table, :mod:`isgrid.call.purge_workbook`)
                  "dossiers.csv", "dossiers.xlsx"})
#: The files looked into for a removed contact value (texts a person may keep there), and
#: the platform exports (:func:`_platform_export`); at most this many bytes each.
_TEXTS = frozenset({".csv", ".tsv", ".txt", ".md", ".json", ".yaml", ".yml", ".html"})
_SHEETS = frozenset({".csv", ".xlsx", ".ods"})
_MAX_BYTES = 50_000_000
#: The columns that make a file a Démarche Numérique export (:mod:`isgrid.intake.export`).
_EXPORT_COLUMNS = {fold("ID"), fold("Email")}


def other_files_warnings(folder: Path, removed: _Values) -> list[Diagnostic]:
    """``purge-name-left`` for each other file of the call folder that keeps applicants'
    personal data: a platform export (said once, with the hint to delete it), or a text
    file where a removed contact value is still written (each, with its line)."""
    out: list[Diagnostic] = []
    for path in _other_files(folder):
        if path.suffix.lower() in _SHEETS and _platform_export(path):
            out.append(Diagnostic(
                "purge-name-left", Message(
                    "this file is a platform export (Démarche Numérique): it holds the "
                    "applicants' e-mails and other personal data; the purge does not touch "
                    "it"),
                Location(str(path)), severity="warning", hint=Message(
                    "Delete it once the dossiers are imported (isgrid intake --from reads an "
                    "export from any folder: keep the next one outside the call folder), then "
                    "purge again.")))
            continue
        if path.suffix.lower() not in _TEXTS:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for at, value in removed.found(text):
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            out.append(Diagnostic(
                "purge-name-left", Message("{value} is still written here",
                                           value=Quote(value)),
                Location(str(path), line, column), severity="warning"))
    return out


def _other_files(folder: Path) -> list[Path]:
    """The call folder's files that are none of the purge's own (:data:`_OWN`), nor hidden
    (``.isgrid/``, a write's temporary files), nor links, nor too large."""
    out: list[Path] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in _OWN or any(p.startswith(".") for p in rel.parts):
            continue
        if path.is_symlink() or not path.is_file() or not inside(folder, path):
            continue
        try:
            if path.stat().st_size > _MAX_BYTES:
                continue
        except OSError:
            continue
        out.append(path)
    return out


def _platform_export(path: Path) -> bool:
    """``path`` reads as a Démarche Numérique export: its first sheet's header has the
    platform's ``ID`` and ``Email`` columns."""
    if path.suffix.lower() == ".csv" and not _header_may_name_export(path):
        return False  # (a national call's assignments.csv: 120,000 rows read for a header)
    try:
        sheets = read_sheets(path, Collector())
    except Exception:
        return False
    if not sheets:
        return False
    return {fold(h) for h in sheets[0].header if h} >= _EXPORT_COLUMNS


def _header_may_name_export(path: Path) -> bool:
    """False when the CSV file at ``path`` is no export by its header alone, as
    :func:`read_sheets` reads it (:func:`isgrid.io.tabular.csv_header`, the header
    :func:`~isgrid.io.tabular.parse_csv` reads): then the file is not read whole.  True
    when it may be one, or when its header cannot be read (:func:`_platform_export` then
    reads the file as before)."""
    try:
        text = read_text(path, Collector(), max_bytes=SHEET_MAX_BYTES, table=True)
        header = csv_header(text) if text is not None else None
    except Exception:
        return True
    return header is None or {fold(h) for h in header if h} >= _EXPORT_COLUMNS
