"""The workspace's SQLite database and the invitation links are private to their owner.

With Debian's default umask (022) both were made ``-rw-r--r--``: every user of the server
could read the jurors' names, drafts and comments, the key that signs the forms
(``jury.sqlite3``, its ``-wal``) and every juror's 30-day sign-in link (``liens.csv``).
They are now made 0600 whatever the umask (review ops20, finding 1).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace


@pytest.fixture()
def umask_022() -> Iterator[None]:
    """The umask of a Debian login or service: files readable by everyone."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_and_its_wal_are_made_private(tmp_path: Path,
                                                          umask_022: None) -> None:
    folder = alsace(tmp_path)
    (folder / "ratings" / "j2.csv").unlink()  # j2 scores online
    ws = Workspace(folder)
    database = folder / ".isgrid" / "jury.sqlite3"
    crits = [c.id for c in ws.criteria_of("j2")]
    did = ws.dossiers_of("j2")[0][0]
    assert ws.save("j2", did, Entry(values={crits[0]: "3"})).problems == {}
    assert mode(database) == 0o600
    wal = database.with_name("jury.sqlite3-wal")
    assert wal.exists() and mode(wal) == 0o600  # SQLite gives it the database's mode
    ws.close()
    # the workspace's note on its database holds no personal data: made as any file
    assert mode(folder / ".isgrid" / "workspace.json") == 0o644


def test_a_database_given_with_db_is_made_private_too(tmp_path: Path,
                                                      umask_022: None) -> None:
    folder = alsace(tmp_path)
    database = tmp_path / "elsewhere" / "jury.sqlite3"
    database.parent.mkdir()
    Workspace(folder, f"sqlite:///{database}").close()
    assert mode(database) == 0o600


def test_an_existing_database_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    folder = alsace(tmp_path)
    Workspace(folder).close()
    database = folder / ".isgrid" / "jury.sqlite3"
    database.chmod(0o640)  # an operator's choice (a group that makes the backups)
    Workspace(folder).close()
    assert mode(database) == 0o640


def test_the_links_file_is_private_even_replacing_a_readable_one(tmp_path: Path,
                                                                 umask_022: None) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "liens.csv"
    run = CliRunner().invoke(cli, ["jury", "invite", str(folder), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert mode(out) == 0o600
    out.chmod(0o644)  # a file the secretariat made readable, invited again with --force
    run = CliRunner().invoke(cli, ["jury", "invite", str(folder), "-o", str(out), "--force"])
    assert run.exit_code == 0, run.output
    assert mode(out) == 0o600
    assert "/signin/" in out.read_text(encoding="utf-8-sig")


def test_the_database_url_may_come_from_isgrid_db(tmp_path: Path) -> None:
    """ISGRID_DB stands for --db (review ops20, finding 2): a PostgreSQL password in the
    URL stays out of the process list; --db given wins."""
    folder = alsace(tmp_path)
    elsewhere = tmp_path / "env.sqlite3"
    given = tmp_path / "given.sqlite3"
    runner = CliRunner(env={"ISGRID_DB": f"sqlite:///{elsewhere}"})
    run = runner.invoke(cli, ["jury", "invite", str(folder), "-o", str(tmp_path / "a.csv")])
    assert run.exit_code == 0, run.output
    assert elsewhere.is_file() and not (folder / ".isgrid" / "jury.sqlite3").exists()
    run = runner.invoke(cli, ["jury", "secretariat", str(folder)])
    assert run.exit_code == 0 and "/signin/" in run.output, run.output
    run = runner.invoke(cli, ["jury", "invite", str(folder), "-o", str(tmp_path / "b.csv"),
                              "--db", f"sqlite:///{given}"])
    assert run.exit_code == 0, run.output
    assert given.is_file()
    run = runner.invoke(cli, ["jury", "serve", "--help"])
    assert "ISGRID_DB]" in " ".join(run.output.split())
