"""What the server's log says of a grid that only a newer isgrid reads differently.

Upgrading isgrid, the log said « the call's grid changed since jurors started scoring (?,
now alsace-aap-2016@1+call) »: a « ? » for a database from before ``grid_ref``, and a grid
« changed » that nobody had touched (review ops20, finding 9).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, update

from isgrid.workspace.db import Setting
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace


def _as_an_earlier_isgrid_left_it(ws: Workspace, *forget: str) -> None:
    """The database as an earlier isgrid left it: its own hash of the grid (one no table
    lists), and none of what scores (``grid_scoring_sha256``, recorded since session 20)."""
    with ws.tx() as s:
        s.execute(update(Setting).where(Setting.key == "grid_sha256").values(value="0" * 64))
        s.execute(delete(Setting).where(Setting.key.in_(("grid_scoring_sha256", *forget))))


def test_a_database_from_before_grid_ref_is_said_in_words(tmp_path: Path, caplog: Any) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder)
    ws.reopen("j1")
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    _as_an_earlier_isgrid_left_it(ws, "grid_ref", "grid_files_sha256", "grid_sheet_sha256")
    ws.close()
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        Workspace(folder).close()
    assert ("the call's grid changed since jurors started scoring (as an earlier isgrid "
            "recorded it, now alsace-aap-2016@1+call), but not its criteria") in caplog.text
    assert "(?," not in caplog.text


def test_the_same_grid_files_read_by_a_newer_isgrid_are_not_a_changed_grid(
        tmp_path: Path, caplog: Any) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder)
    ws.reopen("j1")
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    _as_an_earlier_isgrid_left_it(ws)  # its own hash of the grid; the same files
    ws.close()
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        Workspace(folder).close()
    assert ("the call's grid reads differently with this isgrid (its files did not change) "
            "since jurors started scoring (alsace-aap-2016@1+call, now "
            "alsace-aap-2016@1+call), but not its criteria nor their values") in caplog.text


def test_what_the_start_logs_is_dated_as_the_server_s_lines(tmp_path: Path) -> None:
    """The upgrade notice, logged while ``jury serve`` opens the database, was a bare line
    before the first dated one (« … INFO started »): undatable under ``nohup``."""
    import os
    import re
    import signal
    import subprocess
    import sys

    from isgrid.workspace.db import make_engine, migrate

    folder = alsace(tmp_path)
    (folder / ".isgrid").mkdir(exist_ok=True)
    old = make_engine(f"sqlite:///{folder / '.isgrid' / 'jury.sqlite3'}")
    migrate(old, "0003")  # as the previous isgrid left it
    old.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--port", "0",
         "--no-secretariat-link"], stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if " INFO started (port " in line:
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    upgrade = [x for x in lines if "upgraded from schema 0003 to 0004" in x]
    assert len(upgrade) == 1, lines
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} WARNING the workspace's "
                    r"database sqlite:///\S+ was upgraded", upgrade[0]), upgrade[0]
