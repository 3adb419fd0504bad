"""A juror's submitted sheet in the call folder that the database does not know is taken
back at start, never overwritten unkept (review rev-ops, finding 1): the documented
restore of a backup made before a juror submitted lost that submission at their next one."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

CRITERIA = ["AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5"]


def full(value: str, comment: str = "") -> Entry:
    """A dossier's seven criteria all given ``value``."""
    return Entry(values=dict.fromkeys(CRITERIA, value),
                 comments={"ALS-2": comment} if comment else {})


def rows(folder: Path, juror: str) -> list[tuple[str, str, str]]:
    with (folder / "ratings" / f"{juror}.csv").open(encoding="utf-8") as f:
        return [(r["dossier"], r["criterion"], r["value"]) for r in csv.DictReader(f)]


def test_a_submission_made_after_the_backup_survives_its_restore(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    db = folder / ".isgrid" / "jury.sqlite3"
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "1"}))  # a draft, before the backup
    ws.close()
    shutil.copy(db, tmp_path / "backup.sqlite3")  # the backup (server stopped: one file)
    ws = Workspace(folder)
    ws.save("j1", "AL16-01", full("3", "Bon ancrage territorial AL16-01"))
    ws.save("j1", "AL16-02", full("2"))
    ws.submit("j1")
    ws.close()
    submitted = rows(folder, "j1")
    assert len(submitted) == 14  # 2 dossiers x 7 criteria
    # the incident: the backup restored as docs/jury-web.md says
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.sqlite3", db)

    ws = Workspace(folder)
    j1 = ws.juror("j1")
    assert j1.status == "submitted"  # taken back from ratings/j1.csv
    assert ws.sheet("j1", "AL16-01")[0]["ALS-2"] == ("3", "Bon ancrage territorial AL16-01")
    assert ws.progress("j1")["AL16-02"] == (7, 7)
    # the backup's draft (AL16-02 ALS-2 = 1) is kept beside, as a dated copy
    kept = sorted((folder / "ratings" / "replaced").glob("j1.*.workspace.csv"))
    assert len(kept) == 1
    with kept[0].open(encoding="utf-8") as f:
        assert [(r["dossier"], r["criterion"], r["value"]) for r in csv.DictReader(f)] == [
            ("AL16-02", "ALS-2", "1")]
    assert [a.action for a in ws.audit_log()][:1] == ["take-back"]
    dash = {j["id"]: j for j in ws.dashboard()["jurors"]}
    assert (dash["j1"]["status"], dash["j1"]["complete"]) == ("submitted", 2)
    said = ws.dashboard()["taken_back"]
    assert [(x["id"], x["file"], x["kept"]) for x in said] == [
        ("j1", "ratings/j1.csv", f"ratings/replaced/{kept[0].name}")]
    from test_workspace_app import signed_in

    page = signed_in(ws, None).get("/admin").get_data(as_text=True)
    item = page.split('id="taken-back-j1">', 1)[1].split("</li>", 1)[0]
    assert item == (f"j1 — Hélène Schaeffer\u00a0: ratings/j1.csv ; ce que la base en tenait "
                    f"est gardé dans ratings/replaced/{kept[0].name}").replace(" ;", "\u202f;")

    # the secretariat reopens, the juror scores one more dossier and submits again: the
    # file holds the three dossiers (21 rows), nothing lost
    ws.reopen("j1")
    ws.save("j1", "AL16-03", full("4"))
    ws.submit("j1")
    after = rows(folder, "j1")
    assert len(after) == 21
    assert set(submitted) <= set(after)
    # the file was the database's own again: no second copy
    assert len(list((folder / "ratings" / "replaced").glob("j1.*"))) == 1
    ws.close()


def test_a_sheet_imported_while_stopped_is_taken_back(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    ws.save("j2", "AL16-02", full("1"))
    ws.submit("j2")
    ws.close()
    # while the server is stopped, j2's workbook is imported over the file (values 3)
    text = (folder / "ratings" / "j2.csv").read_text(encoding="utf-8")
    (folder / "ratings" / "j2.csv").write_text(text.replace(",1,", ",3,"), encoding="utf-8")

    ws = Workspace(folder, db)
    assert ws.sheet("j2", "AL16-02")[0]["ALS-4"] == ("3", "")
    kept = list((folder / "ratings" / "replaced").glob("j2.*.workspace.csv"))
    assert len(kept) == 1  # what the database held (the 1s)
    assert kept[0].read_text(encoding="utf-8").count(",1,") == 7
    # a second start changes nothing more
    ws.close()
    ws = Workspace(folder, db)
    assert len(list((folder / "ratings" / "replaced").glob("j2.*"))) == 1
    ws.close()


def test_a_file_changed_while_the_server_runs_is_kept_before_a_submission(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    ws.save("j3", "AL16-02", full("2"))
    ws.submit("j3")
    ws.reopen("j3")
    # edited by hand under the running server
    path = folder / "ratings" / "j3.csv"
    edited = path.read_bytes().replace(b",2,", b",4,")
    path.write_bytes(edited)
    ws.save("j3", "AL16-03", full("1"))
    ws.submit("j3")
    kept = list((folder / "ratings" / "replaced").glob("j3.*.csv"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited
    assert [a.action for a in ws.audit_log()][:3].count("kept") == 1
    ws.close()


def test_a_reopened_sheet_keeps_its_drafts_at_a_restart(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    ws.save("j1", "AL16-02", full("2"))
    ws.submit("j1")
    ws.reopen("j1")
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "4"}))
    ws.close()
    ws = Workspace(folder, db)
    assert ws.juror("j1").status == "open"  # not taken back: the file is its own
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"] == ("4", "")
    assert not (folder / "ratings" / "replaced").exists()
    ws.close()


@pytest.mark.parametrize("drafts", [False, True])
def test_a_database_older_than_the_fingerprint(tmp_path: Path, drafts: bool) -> None:
    """A database made before juror.written: an open juror with no rating beside a file
    that holds some is taken back; one with drafts is a reopened sheet."""
    from sqlalchemy import update

    from isgrid.workspace.db import Juror

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", full("2"))
    ws.submit("j1")
    with ws.tx() as s:  # as the older database left it, restored before the submission
        s.execute(update(Juror).values(written=""))
        if drafts:
            s.execute(update(Juror).where(Juror.id == "j1").values(status="open"))
        else:
            from sqlalchemy import delete

            from isgrid.workspace.db import Rating
            s.execute(delete(Rating))
            s.execute(update(Juror).where(Juror.id == "j1").values(status="open",
                                                                   submitted_at=None))
    ws.close()
    ws = Workspace(folder)
    assert ws.juror("j1").status == ("open" if drafts else "submitted")
    assert ws.progress("j1")["AL16-02"] == (7, 7)
    ws.close()


def test_a_submission_equal_to_the_backups_drafts_is_submitted_after_the_restore(
        tmp_path: Path) -> None:
    """Review ops20, finding 8: the backup held j1's drafts, complete; j1 then submitted them
    unchanged; after the restore j1 stayed « open » (dashboard: not submitted) while
    ratings/j1.csv counted in isgrid score.  Nothing differs, so nothing is kept aside."""
    folder = alsace(tmp_path, keep_ratings=False)
    db = folder / ".isgrid" / "jury.sqlite3"
    ws = Workspace(folder)
    ws.save("j1", "AL16-01", full("3", "Bon ancrage territorial"))
    ws.save("j1", "AL16-02", full("2"))
    ws.close()
    shutil.copy(db, tmp_path / "backup.sqlite3")  # the backup: j1 open, drafts complete
    ws = Workspace(folder)
    ws.submit("j1")  # the same drafts, submitted
    ws.close()
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.sqlite3", db)

    ws = Workspace(folder)
    assert ws.juror("j1").status == "submitted"
    assert ws.sheet("j1", "AL16-01")[0]["ALS-2"] == ("3", "Bon ancrage territorial")
    assert not (folder / "ratings" / "replaced").exists()  # nothing differed: no copy
    assert [x["id"] for x in ws.dashboard()["taken_back"]] == ["j1"]
    assert len(rows(folder, "j1")) == 14


def test_a_reopened_sheet_equal_to_its_file_stays_open(tmp_path: Path) -> None:
    """The other side of that rule: a sheet reopened by the secretariat whose drafts still
    equal its last submission stays open, even when the file was written again (same
    ratings) while the server was stopped."""
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", full("2"))
    ws.submit("j1")
    ws.reopen("j1")
    ws.close()
    own = folder / "ratings" / "j1.csv"
    own.write_bytes(own.read_bytes().replace(b"\n", b"\r\n"))  # re-saved, same ratings
    ws = Workspace(folder)
    assert ws.juror("j1").status == "open"
    assert ws.dashboard()["taken_back"] == []
