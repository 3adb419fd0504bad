"""A workspace stopped cleanly leaves its SQLite database whole in ``jury.sqlite3``.

In WAL mode SQLite writes every change to ``jury.sqlite3-wal`` first; a server stopped by
SIGTERM used to end with its pooled connections open, leaving the whole session (drafts,
comments, audit log) in the ``-wal`` file: a copy of ``jury.sqlite3`` made « the server
stopped », as docs/jury-web.md offered, held no rating at all (finding rev-dpo 1)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workspacecalls import alsace

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}

SERVE = """
import sys
from isgrid.workspace.app import serve
from isgrid.workspace.store import Entry, Workspace

ws = Workspace(sys.argv[1])
ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}, comments={"ALS-2": "premier brouillon"}))
ws.save("j1", "AL16-03", Entry(values={"ALS-2": "2"}, comments={"ALS-2": "second brouillon"}))
serve(ws, "127.0.0.1", 0, on_ready=lambda port: print("ready", port, file=sys.stderr))
print("stopped", file=sys.stderr)
"""


def _wait_for(proc: subprocess.Popen[str], marker: str) -> None:
    assert proc.stderr is not None
    for line in proc.stderr:
        if marker in line:
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            return
    raise AssertionError(f"the server never said {marker!r}")


def _stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("the server did not stop within 30 s of SIGTERM")


def _served_then_stopped(args: list[str], marker: str) -> int:
    """``python ARGS``, a server, stopped by SIGTERM once it has said ``marker``: its exit
    code (it is stopped whatever happens)."""
    proc = subprocess.Popen([sys.executable, *args], stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        _wait_for(proc, marker)
    finally:
        code = _stop(proc)
    return code


def _no_log_left(isgrid: Path) -> None:
    wal = isgrid / "jury.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_copy_of_the_database_file_after_sigterm_holds_the_drafts(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    assert _served_then_stopped(["-c", SERVE, str(folder)], "ready") == 0
    _no_log_left(folder / ".isgrid")
    # the backup the doc offers once the server is stopped: the one file, copied alone
    copy = tmp_path / "copie" / "jury.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(folder / ".isgrid" / "jury.sqlite3", copy)
    with sqlite3.connect(copy) as db:
        rows = db.execute("select dossier, value, comment from rating where juror_id = 'j1' "
                          "order by dossier").fetchall()
        saves = db.execute("select count(*) from audit where actor = 'j1'").fetchone()[0]
    assert rows == [("AL16-02", "3", "premier brouillon"), ("AL16-03", "2", "second brouillon")]
    assert saves >= 2  # each draft's save is in the audit log too


def test_jury_serve_and_invite_leave_no_write_ahead_log(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    done = subprocess.run([sys.executable, "-m", "isgrid", "jury", "invite", str(folder),
                           "-o", str(tmp_path / "liens.csv")], capture_output=True, text=True,
                          env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    _no_log_left(folder / ".isgrid")
    assert _served_then_stopped(["-m", "isgrid", "jury", "serve", str(folder), "--port", "0",
                                 "--secretariat-link"], "Secretariat sign-in") == 0
    _no_log_left(folder / ".isgrid")
    with sqlite3.connect(folder / ".isgrid" / "jury.sqlite3") as db:
        # three jurors' links, then the secretariat's link of the serve
        assert db.execute("select count(*) from signin_token where role = 'juror'"
                          ).fetchone()[0] == 3
        assert db.execute("select count(*) from signin_token where role = 'secretary'"
                          ).fetchone()[0] == 1
