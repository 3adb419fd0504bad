"""The jury workspace's database: SQLAlchemy 2 tables, engines, Alembic migrations.

SQLite by default (``.isgrid/jury.sqlite3`` in the call folder, nothing to
install), PostgreSQL with ``--db postgresql://…``.  The schema is versioned by
Alembic (``isgrid/workspace/migrations``): :func:`open_database` brings any
database to the latest version before it is used.

The database holds what the call folder cannot: sign-in tokens (hashed),
sessions, drafts, the scoring state and the audit log.  The ratings a juror
*submits* are written to the call's own CSV contracts (``ratings/<juror>.csv``,
``opinions/<juror>.csv``, ``conflicts/<juror>.csv``), which ``isgrid score``
reads as it reads any other: see docs/jury-web.md.

Times are seconds since the epoch (floats, UTC): the same on both databases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..io.write import PRIVATE
from .dbcheck import check_url, guarded, newer_schema, upgraded

#: The SQLite file of a call, relative to its folder.
DEFAULT_SQLITE = Path(".isgrid") / "jury.sqlite3"


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Scoring state: ``scoring`` (open / closed), ``deadline`` (epoch seconds or '');
    the addresses ``links_url`` (of the last invitation) and ``served_url`` (last served)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Juror(Base):
    """One assessor of the call and the state of their sheet."""

    __tablename__ = "juror"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    #: ``open`` (drafts), ``submitted`` (in the call's CSV), ``external`` (ratings kept in
    #: another file of ratings/: the workspace does not take their sheet).
    status: Mapped[str] = mapped_column(String(16), default="open")
    submitted_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Incremented by every change to the juror's sheet (drafts, déports, submission).
    version: Mapped[int] = mapped_column(Integer, default=0)
    #: '' while the call's files hold what this database holds of the juror; else why
    #: the workspace's last write of them failed (JSON: ``at``, ``fr``, ``en``), shown to
    #: the secretariat until a write of them succeeds (:mod:`.export`; migration 0003).
    unwritten: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The sha256 of the juror's ``ratings/<juror>.csv`` and ``opinions/<juror>.csv`` as
    #: the workspace last wrote them or took them in ('' unknown): a file that is not
    #: that is taken back at start, never overwritten unkept (:mod:`.takeback`; 0004).
    written: Mapped[str] = mapped_column(Text, default="", server_default="")


class SignInToken(Base):
    """A personal sign-in link: only the sha256 of its secret is kept."""

    __tablename__ = "signin_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    role: Mapped[str] = mapped_column(String(16))  # juror | secretary
    juror_id: Mapped[str | None] = mapped_column(ForeignKey("juror.id"), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)
    revoked_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class WebSession(Base):
    """A signed-in browser: the cookie holds a secret whose sha256 is the key."""

    __tablename__ = "web_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    juror_id: Mapped[str | None] = mapped_column(ForeignKey("juror.id"), nullable=True)
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)
    #: when the secretariat revoked it (kept, refused: its browser is told so; 0004)
    revoked_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class Rating(Base):
    """A juror's value and comment for one criterion of one dossier (draft or submitted),
    and whether the comment may be quoted to the applicant."""

    __tablename__ = "rating"
    juror_id: Mapped[str] = mapped_column(ForeignKey("juror.id"), primary_key=True)
    dossier: Mapped[str] = mapped_column(String(200), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), default="")  # as in ratings CSV: 3, 2.5, NE
    comment: Mapped[str] = mapped_column(Text, default="")
    #: The juror lets the applicant's letter quote the comment (``shareable`` in the
    #: ratings CSV); not shareable unless they ticked it (migration 0002).
    shareable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[float] = mapped_column(Float)


class Opinion(Base):
    """A juror's overall opinion, proposed amount and comment for the applicant."""

    __tablename__ = "opinion"
    juror_id: Mapped[str] = mapped_column(ForeignKey("juror.id"), primary_key=True)
    dossier: Mapped[str] = mapped_column(String(200), primary_key=True)
    opinion: Mapped[str] = mapped_column(String(32), default="")
    amount: Mapped[str] = mapped_column(String(32), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[float] = mapped_column(Float)


class Deport(Base):
    """A déport (conflict of interest): the dossier is hidden from the juror."""

    __tablename__ = "deport"
    juror_id: Mapped[str] = mapped_column(ForeignKey("juror.id"), primary_key=True)
    dossier: Mapped[str] = mapped_column(String(200), primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[float] = mapped_column(Float)


class Audit(Base):
    """One change: who, when, what, the value before and after (JSON texts)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


def database_url(call_folder: Path, db: str | None) -> str:
    """The SQLAlchemy URL: ``db`` as given, else the call's SQLite file; a URL of another
    kind than SQLite or PostgreSQL refused (``database-url``: :mod:`.dbcheck`)."""
    if db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        if db.startswith("postgres://"):
            return "postgresql+psycopg://" + db[len("postgres://"):]
        check_url(db)
        return db
    path = (call_folder / DEFAULT_SQLITE).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine whose write transactions never lose an update.

    SQLite: WAL (readers never wait for the writer), a busy timeout, and every
    transaction begins ``IMMEDIATE`` (it takes the write lock at once, so two
    transactions never both read and then fail to write).  PostgreSQL: the
    workspace locks the juror's row (``SELECT … FOR UPDATE``) before a change.
    """
    if url.startswith("sqlite"):
        private_file(url)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               pool_size=10, max_overflow=30)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)


def private_file(url: str) -> None:
    """The SQLite file of ``url`` made readable by its owner only (0600) when it does not
    exist yet, before SQLite makes it with the umask's mode (0644 on Debian: every user of
    the server could read the jurors' names, drafts, comments and the key that signs the
    forms).  SQLite gives its ``-wal`` and ``-shm`` files the database file's mode.  An
    existing file keeps its mode (docs/jury-web.md, « Backups »: ``chmod 600``)."""
    import contextlib
    import os

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    # it exists (its mode kept), or cannot be made: SQLite then says why
    with contextlib.suppress(OSError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to the latest Alembic revision (or to ``revision``: the tests
    build a database as an older isgrid left it)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    kept: Path | None = None
    with engine.begin() as conn:
        before = newer_schema(cfg, conn, engine.url)  # refused when newer than this isgrid
        if before is not None and before != _head(cfg):
            kept = keep_before_upgrade(engine, before)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    upgraded(cfg, before, engine.url, kept)


def _head(cfg: Any) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(cfg).get_current_head()


def keep_before_upgrade(engine: Engine, schema: str) -> Path | None:
    """A SQLite database about to be upgraded from ``schema``, copied whole beside it
    first (``jury.before-upgrade-0003.sqlite3``, 0600; SQLite's online backup, its
    ``-wal`` included), so that the earlier isgrid can be gone back to: an upgrade is
    one-way, and the copy the docs ask for before upgrading was often not made (review
    ops20, finding 6).  None for PostgreSQL (``pg_dump``, docs/jury-web.md) or an
    in-memory database; a copy that cannot be made stops the start (the error said), the
    database not upgraded."""
    import sqlite3

    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    source = Path(database)
    stem = source.name.removesuffix(".sqlite3")
    copy = source.with_name(f"{stem}.before-upgrade-{schema}.sqlite3")
    n = 1
    while copy.exists():  # an earlier copy of that schema is never replaced
        n += 1
        copy = source.with_name(f"{stem}.before-upgrade-{schema}-{n}.sqlite3")
    private_file(f"sqlite:///{copy}")
    src = sqlite3.connect(source)  # (read only: its pages are copied)
    try:
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        finally:
            dst.close()
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return copy


def open_database(url: str) -> Engine:
    """The database at ``url``, brought to the latest schema; a database that cannot be
    reached, or whose schema is newer than this isgrid's, is refused with a located error
    (:mod:`.dbcheck`), the URL said without its password."""
    with guarded(url):
        engine = make_engine(url)
        migrate(engine)
    return engine


def close_database(engine: Engine) -> None:
    """The engine's connections closed, and on SQLite the write-ahead log folded back into
    the database file first (``PRAGMA wal_checkpoint(TRUNCATE)``).

    In WAL mode every change is first written to ``jury.sqlite3-wal``; SQLite copies it
    into ``jury.sqlite3`` at a checkpoint, and at the close of the last connection.  A
    process that ends with its pooled connections still open (as a server stopped by
    SIGTERM did) leaves the whole session's drafts, comments and audit log in the
    ``-wal`` file: a copy of ``jury.sqlite3`` alone, « the server stopped », held none of
    them.  Called when ``isgrid jury serve`` stops and when ``isgrid jury invite`` ends:
    afterwards the database is that one file (docs/jury-web.md, « Backups »)."""
    try:
        if engine.url.get_backend_name() == "sqlite":
            raw = engine.raw_connection()
            try:
                cur = raw.cursor()
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cur.fetchall()
                cur.close()
            finally:
                raw.close()
    finally:
        engine.dispose()
