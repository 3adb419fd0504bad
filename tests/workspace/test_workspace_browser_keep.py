"""What a juror typed is never lost to a sign-in, a lost session or the Back button, in a
real browser (Playwright driving Debian's chromium), on SQLite and PostgreSQL:

* the invitation link opened again in a new tab (the same juror): the page open in the
  first tab goes on saving, by itself and by « Enregistrer le brouillon »;
* another juror signing in in that browser: the first page's save is refused (it would
  act for the other juror), and the refusal shows what was typed, to copy, in a juror's
  words (not « vient d'un autre site »);
* the browser's cookies cleared: « Votre session a expiré », and the typed text back;
* Back after confirming a déport or a submission: the page to confirm, never the
  browser's « Confirm Form Resubmission » (ERR_CACHE_MISS)."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, only_local, open_dossier, served, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures of test_workspace_browser.py

NB = "\u00a0"
DID = "AL16-04"
COMMENT = "Partenariat solide avec la commune"
SAVED = "Enregistré automatiquement."


def typed_back(page: Any) -> str:
    return str(page.locator("#typed").inner_text())


def test_the_link_opened_again_keeps_the_open_pages_saving(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    secret = ws.invite(["j1"])[0][1]
    a = new_page(browser, contexts)
    sign_in(a, base, secret)
    open_dossier(a, base, DID)
    # tab B of the same browser: the invitation link again, signed in again
    b = a.context.new_page()
    sign_in(b, base, secret)
    # tab A: autosave goes on
    a.fill("#c-ALS-2", COMMENT)
    expect(a.locator("#autosave-status")).to_have_text(SAVED)
    expect(a.locator("#unsaved")).to_be_hidden()
    assert ws.sheet("j1", DID)[0]["ALS-2"] == ("", COMMENT)
    # and so does « Enregistrer le brouillon »
    a.check('input[name="v:ALS-2"][value="3"]')
    a.click("#save")
    # said in the status region, the page kept (the juror's place)
    expect(a.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    assert a.url == f"{base}/dossier/{DID}"
    assert ws.sheet("j1", DID)[0]["ALS-2"] == ("3", COMMENT)
    only_local(a, base)


def test_a_page_refused_after_another_sign_in_shows_the_text_to_copy(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    links = {a.id: s for a, s, _ in ws.invite(["j1", "j2"])}
    a = new_page(browser, contexts)
    sign_in(a, base, links["j1"])
    open_dossier(a, base, DID)
    b = a.context.new_page()  # j2 signs in in the same browser, confirming the switch
    b.goto(f"{base}/signin/{links['j2']}")
    b.check("#confirm")
    b.click("text=Se connecter")
    b.wait_for_url(f"{base}/")
    a.evaluate("() => { document.getElementById('sheet').dataset.autosave = 'off'; }")
    a.fill("#c-ALS-2", COMMENT)  # the script saw the field before: it tries, refused
    expect(a.locator("#unsaved")).to_contain_text("Cette page n'est plus valable")
    # the button saves as the autosave does; refused, it posts the form: the server's page
    with a.expect_navigation():
        a.click("#save")
    expect(a.locator("p.warn[role=alert]")).to_have_text(
        f"Une autre session est ouverte dans ce navigateur{NB}: Marc Wendling. Ce formulaire "
        f"vient d'une page ouverte sous une autre session{NB}: rien n'a été fait. Si ce n'est "
        f"pas vous, touchez ou cliquez «{NB}Se déconnecter{NB}», puis rouvrez votre propre lien "
        f"personnel\u202f; sinon, rechargez la page et recommencez.")
    assert COMMENT in typed_back(a)
    assert "autre site" not in a.locator("main").inner_text()
    assert ws.sheet("j1", DID)[0] == {} and ws.sheet("j2", DID)[0] == {}


def test_cookies_cleared_say_the_session_expired_and_give_the_text_back(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    a.context.clear_cookies()
    a.fill("#c-ALS-2", COMMENT)
    expect(a.locator("#unsaved")).to_have_text(
        f"Votre session a expiré{NB}: ce que vous avez tapé n'est pas enregistré. Copiez-le, "
        "rouvrez votre lien personnel, puis recopiez-le dans le dossier.")
    with a.expect_navigation():
        a.click("#save")
    expect(a.locator("p.warn[role=alert]")).to_have_text(
        f"Votre session a expiré{NB}: ce que vous avez tapé n'est pas enregistré. Copiez-le, "
        "rouvrez votre lien personnel, puis recopiez-le dans le dossier.")
    assert COMMENT in typed_back(a)
    assert ws.sheet("j1", DID)[0] == {}


def test_back_after_a_deport_or_a_submission_shows_a_page(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    a.click("#deport-button")
    a.wait_for_url(f"{base}/dossier/{DID}/deport")
    a.fill("#reason", "Élu de la commune")
    a.click("#deport-confirm")
    a.wait_for_url(f"{base}/?done=deport")
    a.go_back()  # the page to confirm: now says the déport is recorded
    a.wait_for_url(f"{base}/dossier/{DID}/deport")
    expect(a.locator("main")).to_contain_text("Déport enregistré le ")
    assert ws.dossiers_of("j1")[1] == [DID]
    a.goto(f"{base}/")
    a.click("#submit-sheet")
    a.wait_for_url(f"{base}/submit")
    expect(a.locator("h1")).to_have_text("Soumettre votre grille\u202f?")
    a.click("#submit-confirm")
    a.wait_for_url(f"{base}/?done=submitted")
    a.go_back()  # the page to confirm, asked again: the list, saying it is submitted
    a.wait_for_url(f"{base}/")
    expect(a.locator("main")).to_contain_text("Votre grille est soumise")
    assert ws.juror("j1").status == "submitted"
    only_local(a, base)
