"""The jury workspace's database refused with a clear error, never « internal error ».

An administrator's ``--db`` may name a server that is not running, a database not
created, a kind of database isgrid does not support, or a database an upgraded isgrid
already migrated (an upgrade rolled back): each is said with what to do, the URL without
its password, exit 2 (``database-url``, ``database-unreachable``, ``database-newer``).
A migration is one-way: when a start upgrades the schema, the server's log says from and
to what (docs/jury-web.md, « Upgrading »).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, IsgridError, Location, Message, UsageError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import URL, Connection

log = logging.getLogger("isgrid.workspace")

#: The kinds of database URL the workspace takes (``postgres://`` is PostgreSQL's too).
SUPPORTED = ("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")


def shown(url: str | URL) -> str:
    """The URL as an administrator typed it, without its password."""
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url) if isinstance(url, str) else url
    except Exception:  # an unreadable URL: nothing of it said but its kind
        return str(url).split(":", 1)[0] + ":…"
    text = u.render_as_string(hide_password=True)  # « isgrid:***@host »
    return text.replace("postgresql+psycopg://", "postgresql://", 1)


def check_url(url: str) -> None:
    """Refuse (``database-url``) a URL that is not SQLite's nor PostgreSQL's."""
    if url.lower().startswith(SUPPORTED):
        return
    raise _refused("database-url", Message(
        "the database {url} given by --db is not one the jury workspace can use: only "
        "sqlite:///… and postgresql://… are supported", url=shown(url)), None)


@contextmanager
def guarded(url: str) -> Iterator[None]:
    """Errors of the database at ``url`` (reaching it, its driver) said as
    ``database-unreachable`` or ``database-url``."""
    from sqlalchemy.exc import ArgumentError, DBAPIError

    try:
        yield
    except IsgridError:
        raise
    except DBAPIError as exc:
        raise _unreachable(url, exc) from None
    except (ArgumentError, ImportError) as exc:
        raise _refused("database-url", Message(
            "the database {url} given by --db cannot be opened ({why}): only sqlite:///… "
            "and postgresql://… are supported", url=shown(url),
            why=_first_line(exc, url)), None) from None


def _unreachable(url: str, exc: Any) -> UsageError:
    why = _first_line(exc.orig if getattr(exc, "orig", None) is not None else exc, url)
    low = why.lower()
    if "does not exist" in low and "database" in low:
        hint = Message("Create the database first (createdb, or CREATE DATABASE), or give "
                       "the one the workspace uses with --db.")
    elif "password" in low or "authentication" in low or "role" in low:
        hint = Message("Check the user name and password in the URL given with --db (or in "
                       "~/.pgpass), and the server's pg_hba.conf.")
    elif url.startswith("sqlite"):
        hint = Message("Check that the database file's folder exists and that this user may "
                       "write in it.")
    else:
        hint = Message("Is the database server running, on that host and port, and does "
                       "it accept connections from this machine? Start it, or give the "
                       "right address with --db.")
    return _refused("database-unreachable", Message(
        "cannot open the jury workspace's database {url}: {why}", url=shown(url), why=why),
        hint)


def newer_schema(cfg: Config, conn: Connection, url: URL) -> str | None:
    """The database's schema revision (None: a new database); refused
    (``database-newer``) when a newer isgrid wrote it."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(conn).get_current_revision()
    script = ScriptDirectory.from_config(cfg)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is None or current in known:
        return current
    raise _refused("database-newer", Message(
        "the database {url} was upgraded by a newer isgrid (its schema is {found}; this "
        "isgrid knows up to {head}): an upgrade is one-way", url=shown(url), found=current,
        head=script.get_current_head() or "?"), None)


def upgraded(cfg: Config, before: str | None, url: URL, kept: Path | None = None) -> None:
    """Say in the server's log that a start upgraded the schema, from and to what, and
    where the database as it was is kept (``kept``: SQLite's copy), if anywhere."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(cfg).get_current_head()
    if before is None or before == head:
        return
    if kept is not None:
        log.warning("the workspace's database %s was upgraded from schema %s to %s: an "
                    "older isgrid can no longer open it; the database as it was is kept "
                    "as %s (to go back: stop the server, put that copy in place of %s, "
                    "and use the earlier isgrid)", shown(url), before, head, kept,
                    Path(url.database or "").name)
    else:
        log.warning("the workspace's database %s was upgraded from schema %s to %s: an "
                    "older isgrid can no longer open it (to go back, restore the backup "
                    "made before the upgrade, pg_dump, into a new database)", shown(url),
                    before, head)


def _first_line(exc: BaseException, url: str) -> str:
    """The first line of the driver's message, the URL's password never in it."""
    from sqlalchemy.engine import make_url

    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()
    try:
        password = make_url(url).password
    except Exception:
        password = None
    if password:
        text = text.replace(str(password), "***")
    return text or type(exc).__name__


def _refused(code: str, message: Message, hint: Message | None) -> UsageError:
    return UsageError("the workspace's database", [Diagnostic(
        code, message, Location(""), hint=hint)])
