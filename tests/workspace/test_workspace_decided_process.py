"""A juror's submission after the séance's vote and a ``sheets import`` run by the secretariat
in another process at the same moment: the workspace's check and its write are under the
call folder's write lock (``.isgrid-write.lock``, which ``sheets import`` holds from before
its own check until it has written), not only under a lock of the server's process
(isgrid.workspace.decided: Decided.deciding).

The call and the numbers: tests/workspace/test_workspace_decided_together.py.  j1 and j3
each lower three criteria of AL16-01; one alone changes nothing decided, both together move
AL16-02 and AL16-05.  Here j1's lowered sheet is written by another process (as ``sheets
import`` writes it) while j3 submits from the workspace.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_workspace_decided_together import _both_reopened  # the call: its docstring

from isgrid.workspace import decided
from isgrid.workspace.app import create_app
from isgrid.workspace.export import Busy
from isgrid.workspace.store import ChangesDecided
from testpaths import ROOT
from webclients import same_origin_client

#: Another process, as ``isgrid sheets import`` holds the folder: the write lock from before
#: its check until its write, then (argv) j1's ratings written after ``hold`` seconds.
IMPORT = r"""
import sys, time
from pathlib import Path
from isgrid.io.write import write_files, writing
folder, hold, data = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
with writing(folder, command="isgrid sheets import"):
    print("held", flush=True)
    time.sleep(hold)
    if data:
        write_files(folder, [(folder / "ratings" / "j1.csv", Path(data).read_bytes(), None)],
                    command="isgrid sheets import")
print("done", flush=True)
"""


def importing(folder: Path, hold: float, data: Path | None) -> subprocess.Popen[str]:
    """The other process, once it holds the call folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, str(folder), str(hold),
                             str(data or "")], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    return proc


def test_a_submission_waits_for_an_import_and_is_checked_against_what_it_wrote(
        tmp_path: Path, db: str | None) -> None:
    folder, ws = _both_reopened(tmp_path, db)
    lowered = tmp_path / "j1-lowered.csv"  # j1's sheet as an import writes it
    lowered.write_bytes(dict((p.name, d) for p, d in ws._files("j1", submitting=True)[0])
                        ["j1.csv"])
    j3_before = (folder / "ratings" / "j3.csv").read_bytes()
    proc = importing(folder, 1.5, lowered)
    try:
        # checked at once, before the import's write, it would pass (j3 alone changes
        # nothing) and be written over it: it waits, and sees j1's lowered sheet
        with pytest.raises(ChangesDecided) as refused:
            ws.submit("j3")
        assert proc.wait(30) == 0
    finally:
        proc.kill()
    assert (folder / "ratings" / "j1.csv").read_bytes() == lowered.read_bytes()
    said = [str(d.message) for d in refused.value.found]
    assert any(s.startswith("the submission changes what the meeting decided for AL16-02: "
                            "rank 2, total 77.38") for s in said), said
    assert ws.juror("j3").status == "open"
    assert (folder / "ratings" / "j3.csv").read_bytes() == j3_before
    ws.close()


def test_a_folder_held_too_long_refuses_the_submission_naming_who_holds_it(
        tmp_path: Path, db: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, ws = _both_reopened(tmp_path, db)
    monkeypatch.setattr(decided, "CHECK_WAIT_SECONDS", 0.5)
    j3_before = (folder / "ratings" / "j3.csv").read_bytes()
    audit_before = len(ws.audit_log())
    proc = importing(folder, 60, None)
    try:
        with pytest.raises(Busy) as busy:
            ws.submit("j3")
        assert f"pid {proc.pid}" in busy.value.holder["fr"]
        assert "sheets import" in busy.value.holder["fr"]
        # nothing recorded: the sheet open, the drafts kept, the file as it was
        assert ws.juror("j3").status == "open"
        assert ws.sheet("j3", "AL16-01")[0]["ALS-2"][0] == "2"
        assert len(ws.audit_log()) == audit_before
        assert (folder / "ratings" / "j3.csv").read_bytes() == j3_before
        # the juror's page: 503, who holds the folder, nothing lost, « try again »
        client = same_origin_client(create_app(ws))
        (_, secret, _), = ws.invite(["j3"])
        assert client.post("/signin", data={"secret": secret}).status_code == 303
        page = client.post("/submit", data={"confirmed": "yes"})
        text = page.get_data(as_text=True)
        assert page.status_code == 503 and page.headers["Retry-After"] == "60"
        assert "Votre grille n'a pas été soumise" in text.replace("&#39;", "'")
        assert f"pid {proc.pid}" in text and "Réessayez dans une minute" in text
        assert "Dossier de l'appel occupé" in text.replace("&#39;", "'")
        # a déport: the same, the dossier kept in the juror's list
        page = client.post("/dossier/AL16-01", data={"action": "deport", "reason": "Lien",
                                                     "confirmed": "yes"})
        text = page.get_data(as_text=True).replace("&#39;", "'")
        assert page.status_code == 503 and "Votre déport n'a pas été enregistré" in text
        assert "AL16-01" in ws.dossiers_of("j3")[0]
    finally:
        proc.kill()
        proc.wait(30)
    ws.submit("j3")  # the folder free again: checked (j3 alone changes nothing), written
    assert ws.juror("j3").status == "submitted"
    ws.close()
