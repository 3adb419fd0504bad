"""A submission whose files were never written (the process died first) is written at start.

The database is committed first, then the juror's files are written.  A process killed
between the two (``ISGRID_FAULT_AT=temp:1``: ``os._exit(137)`` at the first file's new
content, where a ``kill -9`` or an out-of-memory kill would land) raises nothing: before,
the juror's sheet stayed « soumise » while ``ratings/j2.csv`` never came, and nobody was
told.  The submission now marks the files pending in its own transaction; the next start
finds the mark and writes them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from isgrid.io.faults import FAULT_ENV, PAUSE_ENV
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

#: j2 submits from its own process, killed by the hook while it writes ratings/j2.csv
_SUBMIT = """
import sys
from isgrid.workspace.store import Workspace
Workspace(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None).submit("j2")
"""


def test_a_submission_killed_before_its_files_are_written_is_written_at_the_next_start(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path)
    (folder / "ratings" / "j2.csv").unlink()  # j2 scores online
    ws = Workspace(folder, db)
    assert [d.code for d in ws.call.warnings] == ["ratings-missing"]  # j2: nothing yet
    visible = ws.dossiers_of("j2")[0]
    crits = [c.id for c in ws.criteria_of("j2")]
    assert visible and crits
    for did in visible:
        entry = Entry(values=dict.fromkeys(crits, "3"), opinion="favorable", amount="15000")
        assert ws.save("j2", did, entry).problems == {}
    ws.engine.dispose()

    env = {k: v for k, v in os.environ.items() if k not in (FAULT_ENV, PAUSE_ENV)}
    proc = subprocess.run([sys.executable, "-c", _SUBMIT, str(folder), *([db] if db else [])],
                          capture_output=True, text=True, timeout=120,
                          env={**env, FAULT_ENV: "temp:1"})
    assert proc.returncode == 137, proc.stderr  # killed while it wrote
    assert not (folder / "ratings" / "j2.csv").exists()  # the write rolled back

    again = Workspace(folder, db)  # the restart
    assert again.juror("j2").status == "submitted"
    # what `jury serve` says at start (ws.call.warnings) is checked once the files are
    # written: before, « j2 has not rated 6 dossiers yet » of the ratings just written
    assert "ratings-missing" not in [d.code for d in again.call.warnings], [
        str(d.message) for d in again.call.warnings]
    assert again.juror("j2").unwritten == ""  # written: nothing left to say
    lines = (folder / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines()
    rows = sorted(r.split(",")[:4] for r in lines[1:])
    # every criterion of every dossier j2 rated, with the value 3 typed
    assert rows == sorted([did, "j2", c, "3"] for did in visible for c in crits)
    opinions = (folder / "opinions" / "j2.csv").read_text(encoding="utf-8")
    for did in visible:
        assert f"{did},j2,favorable,15000" in opinions
    dash = again.dashboard()
    assert not [j for j in dash["jurors"] if j["unwritten"]]


def test_a_written_submission_leaves_no_mark_and_no_audit_line_of_it(
        tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    (folder / "ratings" / "j2.csv").unlink()
    ws = Workspace(folder)
    crits = [c.id for c in ws.criteria_of("j2")]
    for did in ws.dossiers_of("j2")[0]:
        ws.save("j2", did, Entry(values=dict.fromkeys(crits, "2"), opinion="favorable",
                                 amount="1000"))
    ws.submit("j2")
    assert ws.juror("j2").unwritten == ""
    assert (folder / "ratings" / "j2.csv").is_file()
    actions = [e.action for e in ws.audit_log()]
    assert "written" not in actions and "unwritten" not in actions
