"""A juror's submission, or the secretariat's « write again », while another command holds
the call folder's write lock (a long ``sheets import``): the request waits a moment only
(``export.WAIT_SECONDS``, not the commands' minute: the server's threads are never held by
an import), then answers with a redirect to a page (Back and reload never send the form
again) in HTTP 503 with ``Retry-After``, that names who holds the folder (its lock file says
it) and asks to try again, with a button that writes the files.
Nothing is lost: the database keeps the submission, and the write, once the folder is free,
puts the juror's files in place."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

import pytest
from test_workspace_app import signed_in
from test_workspace_export import NEW_ROWS, call_files, j1_rows, resubmitting

from faultruns import held_elsewhere
from isgrid.io.writelock import LOCK_NAME
from isgrid.workspace import export
from isgrid.workspace.store import Workspace
from workspacecalls import alsace

NB = "\u00a0"


def test_a_submission_while_an_import_holds_the_folder_says_who_and_try_again(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path)
    ws = resubmitting(folder, db)
    before = call_files(folder)
    juror = signed_in(ws, "j1")
    pid = os.getpid()
    with held_elsewhere(folder, command="isgrid sheets import"):
        started = time.monotonic()
        posted = juror.post("/submit", data={"confirmed": "yes"})
        waited = time.monotonic() - started
        assert 1.5 <= waited < 5  # the default wait, a couple of seconds, not a minute
        assert posted.status_code == 303
        assert posted.headers["Location"] == "/held?done=submitted"
        shown = juror.get(posted.headers["Location"])
        assert shown.status_code == 503
        assert shown.headers["Retry-After"] == "5"
        page = html.unescape(shown.get_data(as_text=True))
        assert f"Votre grille est soumise et enregistrée dans l'espace{NB}: rien n'est " \
               "perdu." in page
        assert ("Mais une autre écriture occupe le dossier de l'appel (isgrid sheets import, "
                f"pid {pid}){NB}: l'espace n'a pas encore pu y écrire vos fichiers. Réessayez "
                "dans quelques secondes.") in page
        assert 'action="/write"' in page and "Réessayer l'écriture" in page
        # nothing written while it is held (but the holder's lock file)
        assert {k: v for k, v in call_files(folder).items() if k != LOCK_NAME} == before
        assert ws.juror("j1").status == "submitted"  # nothing lost
        # tried again too soon: the same page
        again = juror.post("/write", data={"done": "submitted"})
        assert again.status_code == 303
        assert again.headers["Location"] == "/held?done=submitted"
    # the import over: the button writes them, and the list says the sheet is submitted
    written = juror.post("/write", data={"done": "submitted"})
    assert written.status_code == 303 and written.headers["Location"] == "/?done=submitted"
    assert j1_rows(folder) == NEW_ROWS
    home = juror.get(written.headers["Location"]).get_data(as_text=True)
    assert f"Votre grille est soumise{NB}: elle est entre les mains du secrétariat." in home
    assert 'id="unwritten"' not in home
    assert ws.juror("j1").unwritten == ""
    # the page of the wait, opened again (Back, reload): what was done
    back = juror.get("/held?done=submitted")
    assert back.status_code == 303 and back.headers["Location"] == "/?done=submitted"


def test_the_secretariat_s_write_again_in_english_while_the_folder_is_held(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "WAIT_SECONDS", 0.2)
    folder = alsace(tmp_path)
    ws = resubmitting(folder, None)
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    sec.get("/admin?lang=en")  # the session's language
    with held_elsewhere(folder, command="isgrid sheets import"):
        assert juror.post("/submit", data={"confirmed": "yes"}).headers["Location"] == \
            "/held?done=submitted"
        # the dashboard knows it, if nobody tries again
        admin = sec.get("/admin").get_data(as_text=True)
        assert 'id="unwritten-j1"' in admin
        posted = sec.post("/admin/write/j1")
        assert posted.status_code == 303
        assert posted.headers["Location"] == "/admin/held/j1?done=written"
        shown = sec.get(posted.headers["Location"])
        assert shown.status_code == 503 and shown.headers["Retry-After"] == "5"
        page = html.unescape(shown.get_data(as_text=True))
        assert "What j1 did stays recorded in the workspace: nothing is lost." in page
        assert (f"But another write is using the call folder (isgrid sheets import, pid "
                f"{os.getpid()}): the workspace could not write j1's files there yet. Try "
                "again in a few seconds.") in page
        assert 'action="/admin/write/j1"' in page
    again = sec.post("/admin/write/j1", data={"done": "written"})
    assert again.status_code == 303
    assert again.headers["Location"] == "/admin?done=written&juror=j1"
    assert j1_rows(folder) == NEW_ROWS
    assert 'id="unwritten-j1"' not in sec.get("/admin").get_data(as_text=True)


def test_a_recusal_and_its_lift_while_the_folder_is_held(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "WAIT_SECONDS", 0.2)
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, None)
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    conflicts = folder / "conflicts" / "j1.csv"
    with held_elsewhere(folder, command="isgrid sheets import"):
        posted = juror.post("/dossier/AL16-02", data={
            "action": "deport", "confirmed": "yes", "reason": "Cousin du président"})
        assert posted.status_code == 303 and posted.headers["Location"] == "/held?done=deport"
        page = html.unescape(juror.get(posted.headers["Location"]).get_data(as_text=True))
        assert (f"Votre déport est enregistré dans l'espace (le dossier est retiré de votre "
                f"liste){NB}: rien n'est perdu.") in page
        assert ws.dossiers_of("j1")[1] == ["AL16-02"] and not conflicts.exists()
    assert juror.post("/write", data={"done": "deport"}).headers["Location"] == "/?done=deport"
    assert conflicts.read_text(encoding="utf-8").splitlines()[1:] == [
        "j1,AL16-02,Cousin du président"]
    with held_elsewhere(folder, command="isgrid sheets import"):
        lifted = sec.post("/admin/lift/j1/AL16-02")
        assert lifted.headers["Location"] == "/admin/held/j1?done=lifted"
        page = html.unescape(sec.get(lifted.headers["Location"]).get_data(as_text=True))
        assert f"La levée du déport de j1 est enregistrée dans l'espace{NB}: rien n'est " \
               "perdu." in page
        assert ws.dossiers_of("j1")[1] == []
    assert sec.post("/admin/write/j1").status_code == 303
    assert conflicts.read_text(encoding="utf-8").splitlines() == ["assessor,dossier,reason"]


SUBMITTED_FR = f"Votre grille est soumise{NB}: elle est entre les mains du secrétariat."
UNWRITTEN_FR = (f"Votre grille est soumise et enregistrée dans l'espace, mais pas encore écrite "
                f"dans les fichiers de l'appel{NB}: le secrétariat le voit sur son tableau de "
                "bord et la fera écrire. Vous n'avez rien à refaire.")
UNWRITTEN_EN = ("Your sheet is submitted and recorded in the workspace, but not yet written to "
                "the call's files: the secretariat sees it on its dashboard and will have it "
                "written. You have nothing to do again.")


def test_the_list_says_a_submission_is_not_written_yet_until_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "WAIT_SECONDS", 0.2)
    folder = alsace(tmp_path)
    ws = resubmitting(folder, None)
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    with held_elsewhere(folder, command="isgrid sheets import"):
        assert juror.post("/submit", data={"confirmed": "yes"}).headers["Location"] == \
            "/held?done=submitted"
    # the juror leaves the page of the wait for their list: the folder is free now, but
    # nobody has written the files yet (j1's rows in ratings/ are the old ones)
    assert j1_rows(folder) != NEW_ROWS and ws.juror("j1").unwritten
    home = html.unescape(juror.get("/").get_data(as_text=True))
    assert UNWRITTEN_FR in home
    assert "entre les mains du secrétariat" not in home
    assert UNWRITTEN_EN in html.unescape(juror.get("/?lang=en").get_data(as_text=True))
    # the secretariat writes them: the list says the sheet is with the secretariat
    assert sec.post("/admin/write/j1").headers["Location"] == "/admin?done=written&juror=j1"
    assert j1_rows(folder) == NEW_ROWS
    home = juror.get("/?lang=fr").get_data(as_text=True)
    assert SUBMITTED_FR in home and "pas encore écrite" not in home
