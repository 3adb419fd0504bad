"""The workspace's database refused with a clear error, exit 2, the URL without its password
(review rev-ops, finding 7: each was « internal error … report it », exit 3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from isgrid.errors import UsageError
from isgrid.workspace.store import Workspace
from workspacecalls import alsace


def serve(folder: Path, db: str) -> subprocess.CompletedProcess[str]:
    """``isgrid jury serve`` as a process (its exit code and standard error as given)."""
    import os

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    return subprocess.run([sys.executable, "-m", "isgrid", "jury", "serve", str(folder),
                           "--db", db, "--port", "1"], capture_output=True, text=True,
                          env=env, timeout=120)


def test_a_server_that_is_not_running(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    run = serve(folder, "postgresql://isgrid:S3cretPW@127.0.0.1:1/jury")
    assert run.returncode == 2
    assert "[database-unreachable]" in run.stderr
    assert "postgresql://isgrid:***@127.0.0.1:1/jury" in run.stderr
    assert "S3cretPW" not in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert "Is the database server running" in run.stderr


def test_a_database_file_that_cannot_be_made(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as exc:
        Workspace(alsace(tmp_path), f"sqlite:///{tmp_path}/no/such/folder/jury.sqlite3")
    said = exc.value.diagnostics[0]
    assert said.code == "database-unreachable"
    assert "unable to open database file" in said.message
    assert "folder exists" in said.effective_hint


@pytest.mark.parametrize("url", ["mysql://x:pw@y/z", "oracle://q"])
def test_a_kind_of_database_isgrid_does_not_use(tmp_path: Path, url: str) -> None:
    with pytest.raises(UsageError) as exc:
        Workspace(alsace(tmp_path), url)
    said = exc.value.diagnostics[0]
    assert said.code == "database-url"
    assert "only sqlite:///… and postgresql://… are supported" in said.message
    assert ":pw@" not in said.message


def test_a_database_a_newer_isgrid_upgraded(tmp_path: Path) -> None:
    from sqlalchemy import text

    folder = alsace(tmp_path)
    ws = Workspace(folder)
    with ws.engine.begin() as conn:  # as a later isgrid's migration 0099 leaves it
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    ws.close()
    with pytest.raises(UsageError) as exc:
        Workspace(folder)
    said = exc.value.diagnostics[0]
    assert said.code == "database-newer"
    assert "its schema is 0099; this isgrid knows up to 0004" in said.message
    assert "restore the backup" in said.effective_hint


def test_an_upgrade_is_said_in_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from isgrid.workspace.db import make_engine, migrate

    folder = alsace(tmp_path)
    url = f"sqlite:///{folder / '.isgrid' / 'jury.sqlite3'}"
    (folder / ".isgrid").mkdir(exist_ok=True)
    old = make_engine(url)
    migrate(old, "0003")  # as the previous isgrid left it
    old.dispose()
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        Workspace(folder).close()
    assert "upgraded from schema 0003 to 0004" in caplog.text


def test_the_forms_key_is_the_environment_s_or_the_database_s(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/security.md: ISGRID_SECRET_KEY signs the workspace's CSRF cookie when set (it
    was ignored: the database's key won); the database's key is rotated by deleting it
    (review rev-ops, finding 9)."""
    from isgrid.workspace.db import Setting

    monkeypatch.delenv("ISGRID_SECRET_KEY", raising=False)
    ws = Workspace(alsace(tmp_path))
    kept = ws.secret_key()
    assert len(kept) == 32 and ws.secret_key() == kept  # made once, kept
    monkeypatch.setenv("ISGRID_SECRET_KEY", "une longue phrase secrète")
    assert ws.secret_key() == "une longue phrase secrète".encode()
    monkeypatch.delenv("ISGRID_SECRET_KEY")
    with ws.tx() as s:  # the documented rotation: the row deleted, a new key made
        s.delete(s.get(Setting, "secret_key"))
    assert ws.secret_key() not in (kept, b"")
    fresh = ws.secret_key()
    ws.rotate_secret_key()
    assert ws.secret_key() != fresh
    assert ws.audit_log()[0].action == "rotate-key"
    ws.close()


def test_an_upgrade_keeps_the_sqlite_database_as_it_was(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review ops20, finding 6: the log said « restore the backup made before the upgrade »
    of a backup nobody had made; isgrid now keeps one itself, private, and names it."""
    import os
    import sqlite3

    from sqlalchemy import text

    from isgrid.workspace.db import make_engine, migrate

    folder = alsace(tmp_path)
    (folder / ".isgrid").mkdir(exist_ok=True)
    database = folder / ".isgrid" / "jury.sqlite3"
    old = make_engine(f"sqlite:///{database}")
    migrate(old, "0003")  # as the previous isgrid left it, with a juror in it
    with old.begin() as conn:
        conn.execute(text("INSERT INTO juror (id, name, status, version, unwritten) "
                          "VALUES ('j1', 'Hélène Schaeffer', 'open', 0, '')"))
    old.dispose()  # (its -wal folded in, or not: the copy is SQLite's backup either way)
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        Workspace(folder).close()
    kept = folder / ".isgrid" / "jury.before-upgrade-0003.sqlite3"
    assert kept.is_file() and (kept.stat().st_mode & 0o777) == 0o600
    copy = sqlite3.connect(kept)  # the earlier schema, and what it held
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0003",)]
        assert copy.execute("SELECT name FROM juror").fetchall() == [("Hélène Schaeffer",)]
        assert copy.execute("PRAGMA journal_mode").fetchall() == [("delete",)]  # one file
    finally:
        copy.close()
    assert f"the database as it was is kept as {kept}" in caplog.text
    assert "put that copy in place of jury.sqlite3" in caplog.text
    # started again, nothing more is copied (already upgraded); never replaced
    Workspace(folder).close()
    assert sorted(p.name for p in (folder / ".isgrid").iterdir()
                  if "before-upgrade" in p.name) == ["jury.before-upgrade-0003.sqlite3"]
    assert os.path.getsize(kept) > 0
