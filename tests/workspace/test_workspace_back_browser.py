"""The browser's Back after a write the workspace refused, in a real browser (Playwright
driving Debian's chromium), on SQLite and PostgreSQL: never the browser's « Confirm Form
Resubmission » (ERR_CACHE_MISS), never the form sent twice.

* A save refused because the session expired (the juror's links revoked), the page without
  JavaScript (the form's own post): the answer says so with the typed text to copy; Back
  shows the dossier's address again, read anew: « Votre session a expiré ».
* A submission while another command holds the call folder (a ``sheets import``, here a
  thread of the test holding its write lock): the workspace waits 2 s, then shows the page
  of the wait (a GET the post redirected to, HTTP 503); Back shows the list (the sheet is
  submitted: nothing lost), Forward the page of the wait again; the folder free, its button
  writes the files, and Back to the page of the wait says what was done."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, open_dossier, served, sign_in

from browsers import MARKS
from faultruns import held_elsewhere
from isgrid.workspace.store import Workspace
from workspacecalls import expire_sessions

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures, shared with the module they come from

DID = "AL16-03"
NB = "\u00a0"


def test_back_after_a_save_refused_for_an_expired_session(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts, java_script_enabled=False)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    comment = page.locator("textarea[id^='c-']").first
    comment.fill("Un ancrage local remarquable")
    expire_sessions(ws, "j1")  # the session expires while the page is open
    with page.expect_navigation():
        page.click("#save")
    body = page.locator("main")
    expect(body).to_contain_text(f"Votre session a expiré{NB}: ce que vous avez tapé n'est pas "
                                 "enregistré.")
    expect(page.locator("#typed")).to_contain_text("Un ancrage local remarquable")
    back = page.go_back()
    assert back is not None and back.status == 401  # the dossier's page, read again
    assert page.url == f"{base}/dossier/{DID}"
    expect(body).to_contain_text(f"Votre session a expiré{NB}: rouvrez votre lien personnel.")
    assert ws.sheet("j1", DID)[0] == {}  # nothing saved, nothing sent twice


def test_back_and_forward_after_a_submission_kept_waiting_by_an_import(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    page.click("#submit-sheet")
    page.wait_for_url(f"{base}/submit")
    ratings = ws.folder / "ratings" / "j1.csv"
    assert not ratings.exists()
    with held_elsewhere(ws.folder, command="isgrid sheets import"):
        with page.expect_navigation(url=f"{base}/held?done=submitted") as nav:
            page.click("#submit-confirm")
        assert nav.value.status == 503 and nav.value.headers["retry-after"] == "5"
        expect(page.locator("#held")).to_contain_text("(isgrid sheets import, pid ")
        back = page.go_back()  # the page to confirm, which says the sheet is submitted
        assert back is not None and back.ok
        assert page.url == f"{base}/"
        expect(page.locator("main")).to_contain_text("Votre grille est soumise")
        # not yet written: not said to be with the secretariat
        expect(page.locator("#submitted")).to_contain_text(
            "pas encore écrite dans les fichiers de l'appel")
        forward = page.go_forward()
        assert forward is not None and forward.status == 503
        expect(page.locator("#held")).to_contain_text("isgrid sheets import")
        assert not ratings.exists()
    page.click("text=Réessayer l'écriture")
    page.wait_for_url(f"{base}/?done=submitted")
    expect(page.locator("main")).to_contain_text(
        f"Votre grille est soumise{NB}: elle est entre les mains du secrétariat.")
    assert ratings.is_file()
    back = page.go_back()  # the page of the wait: the files are written, it says so
    assert back is not None
    page.wait_for_url(f"{base}/?done=submitted")
    expect(page.locator("#held")).to_have_count(0)
