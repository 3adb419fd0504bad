"""The workspace's database is this call's: not another edition's, nor another juror's.

A call folder copied with ``cp -r`` (last year's call reused for this year's edition)
carried its workspace database (``.isgrid/jury.sqlite3``) along: a juror given last
year's id signed in as last year's juror, with their drafts and submitted sheet.  So the
database records what it was made for, and every start (``isgrid jury serve``,
``invite``, ``secretariat``) checks it before anyone is served or invited:

* **the call**: its ``title`` and its own first date (``meeting.date``, else
  ``meeting.vote.date``: :func:`isgrid.call.edition.own_first_date`), the keys
  ``isgrid call init --from`` says « to update » for a new edition.  Another title, or a
  date more than :data:`~isgrid.call.edition.EDITION_GAP_DAYS` away (the same rule as the
  journal's ``journal-other-edition``), is another edition's database: refused
  (``workspace-other-edition``).  A date set where there was none, or moved within that
  gap (a séance postponed), is recorded.
* **each juror**: the name their id was issued under (``juror.name``, kept since the
  first start).  A juror whose name in call.yaml is another is refused at start
  (``workspace-juror-renamed``), naming them: signed in, they would read another
  person's drafts and comments.  The whole start is refused rather than that juror's
  sign-in, so the secretariat learns it at once, in its terminal, before any link is
  sent (a warning would scroll by in a service's log; a juror refused at sign-in would
  learn it alone).

Nothing is ever deleted: the secretariat moves the database away (a new one is made), or
gives the new juror an id of their own, or, for a title or a name only corrected,
confirms with ``isgrid jury confirm-call CALL --apply`` (:func:`confirm`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..call.edition import EDITION_GAP_DAYS, own_first_date
from ..call.load import load_call
from ..call.model import Assessor, Call
from ..errors import Diagnostic, Location, Message, UsageError
from ..grid.model import JURY_ROLE
from ..jury.common import jury
from .access import SECRETARY
from .db import DEFAULT_SQLITE, Juror, Setting
from .dbcheck import shown

#: The setting that records the call a database was made for (JSON: ``title``, ``date``).
EDITION = "edition"


@dataclass(frozen=True)
class Change:
    """One difference between the database's record and call.yaml: ``what`` is
    ``title``, ``date`` or a juror's id (``juror``); ``was`` and ``now`` as written."""

    what: str
    was: str
    now: str
    juror: str = ""


def identity(call: Call) -> dict[str, str]:
    """What tells this edition of the call from another: its title and its own first
    date (ISO, '' for none)."""
    first = own_first_date(call.config.meeting)
    return {"title": call.config.title, "date": first.isoformat() if first else ""}


def _same(a: str, b: str) -> bool:
    """The same words, whatever the case and the spaces (« Hélène  SCHAEFFER »)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _far(was: str, now: str) -> bool:
    if not was or not now:
        return False
    try:
        gap = abs(dt.date.fromisoformat(now) - dt.date.fromisoformat(was))
    except ValueError:
        return False
    return gap > dt.timedelta(days=EDITION_GAP_DAYS)


def changes(s: Session, call: Call, members: list[Assessor]) -> list[Change]:
    """What differs between what the database was made for and call.yaml now: another
    edition's title or date, a juror's other name (nothing when the database records no
    call yet: a new one, or one an older isgrid made)."""
    out: list[Change] = []
    row = s.get(Setting, EDITION)
    now = identity(call)
    if row is not None:
        was = json.loads(row.value or "{}")
        if not _same(str(was.get("title", "")), now["title"]):
            out.append(Change("title", str(was.get("title", "")), now["title"]))
        if _far(str(was.get("date", "")), now["date"]):
            out.append(Change("date", str(was.get("date", "")), now["date"]))
    names = {aid: name for aid, name in s.execute(select(Juror.id, Juror.name))}
    for a in members:
        held = names.get(a.id)
        if held and a.name and not _same(held, a.name):
            out.append(Change("name", held, a.name, juror=a.id))
    return out


def record(s: Session, call: Call, members: list[Assessor]) -> None:
    """The call and the jurors' names as call.yaml says them now, recorded (a juror
    without a name yet, given one)."""
    value = json.dumps(identity(call), ensure_ascii=False, sort_keys=True)
    s.merge(Setting(key=EDITION, value=value))
    for a in members:
        j = s.get(Juror, a.id)
        if j is not None and a.name and j.name != a.name:
            j.name = a.name


def check(s: Session, call: Call, members: list[Assessor], folder: Path, engine: Engine
          ) -> None:
    """Refuse (exit 2) a database made for another edition of the call, or one that
    holds the sheet of another person under a juror's id; else record what call.yaml
    says now (a date set or moved within the gap, a name given)."""
    found = changes(s, call, members)
    if found:
        raise refusal(found, folder, engine)
    record(s, call, members)


def database_words(folder: Path, engine: Engine) -> tuple[str, bool]:
    """The database as the secretariat knows it (the SQLite file, else its URL without
    its password), and whether it is the call's own ``.isgrid`` folder's."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        try:
            own = path.resolve() == (folder / DEFAULT_SQLITE).resolve()
        except OSError:
            own = False
        return str(path), own
    return shown(url), False


def refusal(found: list[Change], folder: Path, engine: Engine) -> UsageError:
    database, own = database_words(folder, engine)
    where = Location(str(folder / "call.yaml"))
    if own:
        edition_hint = Message(
            "This year's call starts from isgrid call init NEW --from OLD (it copies no "
            "workspace); or move the folder {place} away (nothing in it is deleted) and the "
            "workspace starts a database of its own. If it is the same call, its title or "
            "date only corrected: isgrid jury confirm-call {folder} --apply.",
            place=folder / DEFAULT_SQLITE.parent, folder=folder)
    else:
        edition_hint = Message(
            "This year's call starts from isgrid call init NEW --from OLD (it copies no "
            "workspace) with a database of its own: give another --db. If it is the same "
            "call, its title or date only corrected: isgrid jury confirm-call {folder} "
            "--apply.", folder=folder)
    diags: list[Diagnostic] = []
    for c in found:
        if c.what == "title":
            msg = Message("the jury workspace's database {database} was made for the call "
                          "titled « {was} », not for {folder}, titled « {now} »: another "
                          "edition's database (a call folder copied?)",
                          database=database, was=c.was, folder=folder, now=c.now)
        elif c.what == "date":
            msg = Message("the jury workspace's database {database} was made for the call "
                          "dated {was}, not for {folder}, dated {now} (more than six months "
                          "apart): another edition's database (a call folder copied?)",
                          database=database, was=c.was, folder=folder, now=c.now)
        else:
            msg = Message("the juror {juror} is « {now} » in call.yaml, but the jury "
                          "workspace's database {database} holds the sheet (drafts, ratings, "
                          "comments) of « {was} » under that id: signed in, they would read "
                          "it", juror=c.juror, now=c.now, database=database, was=c.was)
            hint = Message("If it is another person, give them an id of their own in "
                           "call.yaml (the sheet of « {was} » stays in the database); if it "
                           "is the same person, their name corrected: isgrid jury "
                           "confirm-call {folder} --apply.", was=c.was, folder=folder)
            diags.append(Diagnostic("workspace-juror-renamed", msg, where, hint=hint))
            continue
        diags.append(Diagnostic("workspace-other-edition", msg, where, hint=edition_hint))
    return UsageError("the workspace's database is another call's", diags)


def members_of(call: Call) -> list[Assessor]:
    """The jurors the workspace serves: the call's declared jurés (instructors rate
    eligibility in their own files)."""
    return [a for a in jury(call) if a.role == JURY_ROLE]


def confirm(folder: Path, db: str | None, apply: bool, *,
            clock: Callable[[], float] = time.time) -> list[Change]:
    """``isgrid jury confirm-call``: what differs between the workspace's database and
    call.yaml; with ``apply``, call.yaml's title, date and names recorded as the
    database's, in the audit log (before, after).  Nothing else of the workspace is
    started: the database is opened, read, and with ``apply`` only those rows written."""
    from .db import Audit, close_database, database_url, open_database

    call = load_call(folder)
    members = members_of(call)
    engine = open_database(database_url(folder, db))
    try:
        with Session(engine, expire_on_commit=False) as s, s.begin():
            found = changes(s, call, members)
            if apply:
                record(s, call, members)
                if found:
                    def said(side: str) -> str:
                        return json.dumps({c.juror or c.what: getattr(c, side)
                                           for c in found}, ensure_ascii=False,
                                          sort_keys=True)
                    s.add(Audit(at=clock(), actor=SECRETARY, action="confirm-call",
                                target="", before=said("was"), after=said("now")))
    finally:
        close_database(engine)
    return found
