"""The workspace writes a juror's files to the call folder all or nothing.

A submission changes ``ratings/<juror>.csv`` and ``opinions/<juror>.csv`` together: they are
written in one :func:`isgrid.io.write.write_files` (its pending record, the folder's write
lock).  A real ``isgrid score`` started while that write is paused
(``ISGRID_FAULT_AT=temp:2:PAUSE``: the first file's new content made, not the second's)
waits for it and scores the call as the write left it; before, each file was written on
its own and a reader could see the ratings new and the opinions old.  A write the system
refuses partway (``temp:2:ENOSPC``) leaves every file as it was; the juror is told their
submission is recorded, the secretariat's dashboard says which juror's files are not
written and why, and its button writes them once the cause is gone.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_workspace_app import signed_in

from faultruns import held_elsewhere
from isgrid.io import faults
from isgrid.io.faults import FAULT_ENV, PAUSE_ENV
from isgrid.io.write import PENDING
from isgrid.io.writelock import LOCK_NAME
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

#: j1's criteria, and their new sheet on AL16-01 (the example's j1 gave 4, 3, 4, 3, 4, 3 and 3):
#: every criterion 0.5, an unfavourable opinion; the ratings file's rows, as written
CRITERIA = ["AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5"]
NEW_ROWS = [f"AL16-01,j1,{c},0.5," for c in CRITERIA]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (FAULT_ENV, PAUSE_ENV)}
    return {**env, "LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000"}


def score(folder: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "isgrid", "score", str(folder)],
                          capture_output=True, text=True, timeout=120, env=_env())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def resubmitting(folder: Path, db: str | None) -> Workspace:
    """The workspace with j1's sheet (the example's, taken in) reopened and AL16-01 changed."""
    ws = Workspace(folder, db)
    ws.reopen("j1")
    crits = [c.id for c in ws.criteria_of("j1")]
    assert crits == CRITERIA
    entry = Entry(values=dict.fromkeys(crits, "0.5"), opinion="defavorable", amount="0")
    assert ws.save("j1", "AL16-01", entry).problems == {}
    return ws


def call_files(folder: Path) -> dict[str, bytes]:
    """Every file of the call folder but the workspace's database, by its path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".isgrid" not in p.relative_to(folder).parts}


def j1_rows(folder: Path) -> list[str]:
    lines = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()
    return [r for r in lines if r.startswith("AL16-01,")]


def test_a_score_run_during_a_submissions_write_waits_and_sees_it_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # alone: the score once j1's new sheet is in the call folder
    alone = alsace(tmp_path, name="alone")
    resubmitting(alone, None).submit("j1")
    assert j1_rows(alone) == NEW_ROWS
    after = score(alone)

    folder = alsace(tmp_path)
    before = score(folder)
    assert after != before  # j1's new sheet changes the scores
    ws = resubmitting(folder, None)
    flag = tmp_path / "paused"
    monkeypatch.setattr(faults, "_fault_counts", {})
    monkeypatch.setenv(FAULT_ENV, "temp:2:PAUSE")  # ratings' new content made, not opinions'
    monkeypatch.setenv(PAUSE_ENV, str(flag))
    failed: list[BaseException] = []

    def submit() -> None:
        try:
            ws.submit("j1")
        except BaseException as exc:  # said by the test
            failed.append(exc)

    writer = threading.Thread(target=submit)
    writer.start()
    reader = None
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert writer.is_alive() and not failed, failed
            assert time.monotonic() < deadline, "the submission's write never paused"
            time.sleep(0.02)
        assert (folder / PENDING).is_file()  # one write of both files, in progress
        reader = subprocess.Popen([sys.executable, "-m", "isgrid", "score", str(folder)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=_env())
        time.sleep(1.5)
        assert reader.poll() is None  # waiting for the write to end
        assert j1_rows(folder) != NEW_ROWS  # not in place yet
    finally:
        flag.unlink(missing_ok=True)
        writer.join(120)
        if reader is not None and reader.poll() is None and writer.is_alive():
            reader.kill()
    assert reader is not None
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert not failed, failed
    assert out == after  # the call as the submission left it: both files new
    assert j1_rows(folder) == NEW_ROWS
    assert call_files(folder) == call_files(alone)
    assert not (folder / PENDING).exists() and not (folder / LOCK_NAME).exists()


def test_a_refused_write_leaves_the_files_as_before_and_the_secretariat_is_told(
        tmp_path: Path, db: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path)
    ws = resubmitting(folder, db)
    files = call_files(folder)
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    monkeypatch.setattr(faults, "_fault_counts", {})
    monkeypatch.setenv(FAULT_ENV, "temp:2:ENOSPC")  # the disk full at opinions/j1.csv

    # answered by a redirect, as a submission written (post/redirect/get: Back after it
    # shows a page, never the browser's « Confirm Form Resubmission »); the juror's list
    # says what happened, from the juror's state
    posted = juror.post("/submit", data={"confirmed": "yes"})
    assert posted.status_code == 303 and posted.headers["Location"] == "/?done=submitted"
    page = juror.get(posted.headers["Location"])
    assert page.status_code == 200
    assert ("Votre grille est soumise et enregistrée, mais l'espace n'a pas pu l'écrire dans "
            "le dossier de l'appel. Le secrétariat en est averti et la fera écrire\u00a0: vous "
            "n'avez rien à refaire.") in html.unescape(page.get_data(as_text=True))
    assert "Votre grille est soumise\u00a0: elle est entre les mains" not in \
        page.get_data(as_text=True)
    assert call_files(folder) == files  # every file as before, nothing left beside them
    assert ws.juror("j1").status == "submitted"  # the database keeps the submission

    admin = sec.get("/admin").get_data(as_text=True)
    assert 'id="unwritten-j1"' in admin
    assert ("opinions/j1.csv\u00a0: le système a refusé\u00a0: plus de place sur le disque ("
            in admin)
    assert 'action="/admin/write/j1"' in admin
    assert "plus de place" not in sec.get("/admin?lang=en").get_data(as_text=True)
    assert "opinions/j1.csv: the system refused: No space left on device (" in \
        sec.get("/admin?lang=en").get_data(as_text=True)
    sec.get("/admin?lang=fr")
    assert [(r.actor, r.action, r.target) for r in ws.audit_log(1)] == [
        ("isgrid", "unwritten", "j1")]

    monkeypatch.delenv(FAULT_ENV)  # the disk freed: the secretariat writes them again
    again = sec.post("/admin/write/j1")
    assert again.status_code == 303
    assert again.headers["Location"] == "/admin?done=written&juror=j1"
    assert j1_rows(folder) == NEW_ROWS
    assert (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "AL16-01,j1,défavorable,0,"]
    admin = sec.get(again.headers["Location"]).get_data(as_text=True)
    assert 'id="unwritten' not in admin
    assert "Fichiers de j1 écrits dans le dossier de l&#39;appel." in admin
    assert [(r.actor, r.action, r.target) for r in ws.audit_log(1)] == [
        ("isgrid", "written", "j1")]


def test_a_recusal_and_its_lift_refused_by_the_system_are_said(
        tmp_path: Path, db: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    monkeypatch.setattr(faults, "_fault_counts", {})
    monkeypatch.setenv(FAULT_ENV, "temp:1:ENOSPC")  # conflicts/j1.csv, the only file
    posted = juror.post("/dossier/AL16-02", data={"action": "deport", "confirmed": "yes",
                                                  "reason": "Cousin du président"})
    assert posted.status_code == 303 and posted.headers["Location"] == "/?done=deport"
    page = juror.get(posted.headers["Location"])
    assert page.status_code == 200
    assert "Votre déport est enregistré (le dossier est retiré de votre liste), mais" in \
        page.get_data(as_text=True)
    assert not (folder / "conflicts").exists()  # nothing written, no folder left
    assert ws.dossiers_of("j1")[1] == ["AL16-02"]  # the database keeps it
    assert 'id="unwritten-j1"' in sec.get("/admin").get_data(as_text=True)

    monkeypatch.delenv(FAULT_ENV)
    assert sec.post("/admin/write/j1").status_code == 303
    assert (folder / "conflicts" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "assessor,dossier,reason", "j1,AL16-02,Cousin du président"]

    monkeypatch.setattr(faults, "_fault_counts", {})
    monkeypatch.setenv(FAULT_ENV, "temp:1:ENOSPC")
    lifted = sec.post("/admin/lift/j1/AL16-02")
    assert lifted.status_code == 303  # the dashboard says it (Back works after it)
    assert lifted.headers["Location"] == "/admin?done=lifted&juror=j1&dossier=AL16-02"
    admin = html.unescape(sec.get(lifted.headers["Location"]).get_data(as_text=True))
    assert ("Fait dans la base de l'espace, mais les fichiers de j1 n'ont pas pu être écrits "
            "dans le dossier de l'appel (ils sont restés tels qu'avant)\u00a0: conflicts/j1.csv"
            "\u00a0: le système a refusé\u00a0: plus de place sur le disque.") in admin
    assert "Déport de j1 sur AL16-02 levé." not in admin
    assert (folder / "conflicts" / "j1.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "j1,AL16-02,Cousin du président"]  # as before
    assert ws.dossiers_of("j1")[1] == []


def test_a_submission_s_write_names_the_workspace(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """j1 submits: the pending record of the write names the workspace, the command that
    runs it and its process (it named « isgrid »: a request thread has no command line);
    a command that waited too long for that write says so, in French « l'espace du jury,
    isgrid jury serve »."""
    import json

    from isgrid.errors import UsageError
    from isgrid.io import write, writelock
    from isgrid.io.write import write_files

    folder = alsace(tmp_path)
    ws = resubmitting(folder, None)
    records: list[dict[str, object]] = []
    real = write.fault_point

    def spy(step: str) -> None:
        if step == "begin":
            records.append(json.loads((folder / PENDING).read_bytes()))
        real(step)

    monkeypatch.setattr(write, "fault_point", spy)
    ws.submit("j1")
    assert j1_rows(folder) == NEW_ROWS
    assert [(r["command"], r["by"], r["pid"]) for r in records] == [
        ("isgrid jury serve", "jury-workspace", os.getpid())]
    # that write still holding the folder: another command waits, then says which
    (folder / PENDING).write_text(json.dumps({**records[0], "pid": 4242}), encoding="utf-8")
    monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.2)
    with held_elsewhere(folder), pytest.raises(UsageError) as info:
        write_files(folder, [(folder / "x.txt", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.code == "write-in-progress"
    assert diag.message.translated("en") == (
        "a write is in progress in this folder (the jury workspace, isgrid jury serve, "
        "pid 4242): try again")
    assert diag.message.translated("fr") == (
        "une écriture est en cours dans ce dossier (l'espace du jury, isgrid jury serve, "
        "pid 4242)\u00a0: réessayez")
