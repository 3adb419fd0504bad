"""Issue 17 in the jury workspace, on SQLite and PostgreSQL: a juror marks a criterion's
comment « à transmettre au porteur »; the mark is a column of the database (migration
0002, not shareable by default), kept by drafts, written to ``ratings/<juror>.csv`` as the
ratings contract's ``shareable`` column (docs/calls.md#ratings) and recorded in the audit
log."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

import isgrid
from isgrid.workspace.app import create_app
from isgrid.workspace.db import database_url, make_engine, migrate
from isgrid.workspace.store import Entry, Workspace
from webclients import same_origin_client
from workspacecalls import alsace

SHARED = "Partenariat exemplaire avec la commune"
INTERNAL = "Budget à vérifier avec l'instructeur"


def shared_rows(folder: Path) -> set[tuple[str, str, str, str]]:
    """(dossier, assessor, criterion, comment) of every rating the engine reads as shared."""
    return {(r.dossier, r.assessor, r.criterion, r.comment)
            for r in isgrid.load_call(folder).ratings if r.shareable}


def test_a_ticked_comment_becomes_the_contracts_shareable_column(tmp_path: Path,
                                                                  db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    # ALS-2: a comment, ticked; ALS-3: a comment, not ticked; ALS-4: ticked over no comment
    entry = Entry(values={"ALS-2": "3", "ALS-3": "2", "ALS-4": "4"},
                  comments={"ALS-2": SHARED, "ALS-3": INTERNAL}, shared={"ALS-2", "ALS-4"})
    assert ws.save("j1", "AL16-02", entry).problems == {}
    assert ws.shared("j1", "AL16-02") == {"ALS-2", "ALS-4"}  # the draft keeps the boxes
    assert ws.shared("j1", "AL16-03") == set()
    draft = next(a for a in ws.audit_log() if a.action == "draft")
    # the audit log: [value, comment, shareable] per criterion
    assert json.loads(draft.after)["ALS-2"] == ["3", SHARED, True]
    assert json.loads(draft.after)["ALS-3"] == ["2", INTERNAL, False]
    assert not (folder / "ratings" / "j1.csv").exists()  # a draft is not a rating
    ws.submit("j1")
    # the contract (docs/calls.md#ratings): a shareable column, oui where the juror lets
    # the letter quote the comment; empty otherwise, and where there is no comment to quote
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment,shareable",
        f"AL16-02,j1,ALS-2,3,{SHARED},oui",
        f"AL16-02,j1,ALS-3,2,{INTERNAL},",
        "AL16-02,j1,ALS-4,4,,"]
    assert shared_rows(folder) == {("AL16-02", "j1", "ALS-2", SHARED)}

    # the juror changes their mind: the audit log says so, and with nothing shared the
    # file is the plain five-column contract again (as an import writes it)
    ws.reopen("j1")
    entry.shared = set()
    assert ws.save("j1", "AL16-02", entry).problems == {}
    change = next(a for a in ws.audit_log() if a.action == "draft")
    assert json.loads(change.before) == {"ALS-2": ["3", SHARED, True],
                                         "ALS-4": ["4", "", True]}
    assert json.loads(change.after) == {"ALS-2": ["3", SHARED, False],
                                        "ALS-4": ["4", "", False]}
    ws.submit("j1")
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "dossier,assessor,criterion,value,comment")
    assert shared_rows(folder) == set()


def test_a_shareable_column_already_in_the_call_is_taken_in_and_written_back(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path)
    path = folder / "ratings" / "j1.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*rows[0], "shareable"])
    for row in rows[1:]:  # the one comment of AL16-01 shared (line 2 of the file)
        w.writerow([*row, "oui" if (row[0], row[2]) == ("AL16-01", "AV-1.1") else ""])
    path.write_text(buf.getvalue(), encoding="utf-8")
    before = path.read_bytes()
    ws = Workspace(folder, db)
    assert ws.juror("j1").status == "submitted"
    assert ws.shared("j1", "AL16-01") == {"AV-1.1"}
    assert ws.shared("j1", "AL16-02") == set()
    # reopened and submitted again unchanged: the very same bytes
    ws.reopen("j1")
    ws.submit("j1")
    assert path.read_bytes() == before
    assert shared_rows(folder) == {("AL16-01", "j1", "AV-1.1", "Aucune offre de réemploi "
                                    "dans le Sundgau ; besoin bien documenté.")}


def test_the_migration_keeps_a_database_of_the_previous_version(tmp_path: Path,
                                                                db: str | None) -> None:
    """A database left by the previous isgrid (revision 0001, no shareable column) with a
    juror's draft in it: upgraded in place, the draft kept, and not shareable."""
    folder = alsace(tmp_path, keep_ratings=False)
    url = database_url(folder, db)
    old = make_engine(url)
    migrate(old, "0001")
    with old.begin() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        conn.execute(text("INSERT INTO juror (id, name, status, submitted_at, version) "
                          "VALUES ('j1', 'Hélène Schaeffer', 'open', NULL, 1)"))
        conn.execute(text("INSERT INTO rating (juror_id, dossier, criterion, value, comment, "
                          "updated_at) VALUES ('j1', 'AL16-02', 'ALS-2', '3', :c, 1.0)"),
                     {"c": INTERNAL})
    old.dispose()
    ws = Workspace(folder, db)  # opening it migrates it
    with ws.engine.connect() as conn:  # (through 0003: juror.unwritten, '' for them all)
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
        assert conn.execute(text("SELECT unwritten FROM juror WHERE id = 'j1'")).scalar() == ""
    assert ws.sheet("j1", "AL16-02")[0] == {"ALS-2": ("3", INTERNAL)}
    assert ws.shared("j1", "AL16-02") == set()
    ws.submit("j1")
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", f"AL16-02,j1,ALS-2,3,{INTERNAL}"]
    ws.engine.dispose()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_box_without_javascript(tmp_path: Path, lang: str) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    client = same_origin_client(create_app(ws))
    secret = ws.invite(["j1"])[0][1]
    client.get(f"/signin/{secret}")
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    page = client.get(f"/dossier/AL16-02?lang={lang}").get_data(as_text=True)
    label = "À transmettre au porteur" if lang == "fr" else "Share with the applicant"
    assert f'name="s:ALS-2" value="oui" aria-describedby="h-ALS-2" > {label}' in page
    hint = "sans votre nom" if lang == "fr" else "without your name"
    assert hint in page
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": SHARED, "s:ALS-2": "oui",
            "v:ALS-3": "2", "c:ALS-3": INTERNAL}
    assert client.post("/dossier/AL16-02", data=form).status_code == 303
    again = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert 'id="s-ALS-2" name="s:ALS-2" value="oui" aria-describedby="h-ALS-2" checked' in again
    assert 'id="s-ALS-3" name="s:ALS-3" value="oui" aria-describedby="h-ALS-3" >' in again
    # a value off the scale: nothing saved, and the boxes shown back as they were typed
    bad = client.post("/dossier/AL16-02", data={**form, "v:ALS-2": "9", "s:ALS-3": "oui"})
    assert bad.status_code == 422
    shown = bad.get_data(as_text=True)
    assert 'id="s-ALS-3" name="s:ALS-3" value="oui" aria-describedby="h-ALS-3" checked' in shown
    assert ws.shared("j1", "AL16-02") == {"ALS-2"}
    # a box for a criterion that is not the juror's (the instructor's eligibility one)
    refused = client.post("/dossier/AL16-02", data={**form, "s:ALS-E1": "oui"})
    assert refused.status_code == 404
    ws.engine.dispose()
