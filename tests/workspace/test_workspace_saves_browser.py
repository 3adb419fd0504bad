"""A juror never loses what they typed, in a real browser (Playwright driving Debian's
chromium), on SQLite and PostgreSQL: a failed autosave is said on the page (a bad amount,
the sheet submitted in another tab, the session expired) with the text kept in its field;
leaving the page right after typing still saves; a link opened in a browser where another
juror is signed in names both and asks before switching."""

from __future__ import annotations

import time
from typing import Any

import pytest
from test_workspace_browser import contexts, criteria_on, new_page, open_dossier, served, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace
from workspacecalls import expire_sessions

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures, shared with the module they come from

DID = "AL16-03"
NB = "\u00a0"


def test_a_failed_autosave_is_said_and_the_text_kept(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    unsaved = a.locator("#unsaved")
    expect(unsaved).to_be_hidden()

    # a bad amount: said, the field named, what was typed kept; fixed, saved
    a.fill("#amount", "vingt mille")
    expect(unsaved).to_have_text(f"Rien n'a été enregistré{NB}: corrigez le champ signalé, ce "
                                 "que vous avez tapé reste sur la page. À corriger"
                                 f"{NB}: Montant proposé (€).")
    expect(a.locator("#f-opinion .problem-note")).to_have_text(
        f"«{NB}vingt mille{NB}» n'est pas un montant en euros{NB}: tapez-le en chiffres, par "
        f"exemple «{NB}20\u202f000{NB}».")
    expect(a.locator("#amount")).to_have_value("vingt mille")
    a.fill("#amount", "20 000")
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    expect(unsaved).to_be_hidden()
    expect(a.locator("#f-opinion .problem-note")).to_have_count(0)
    assert ws.sheet("j1", DID)[1][1] == "20000"

    # the sheet submitted in another tab
    b = a.context.new_page()
    b.goto(f"{base}/")
    b.click("#submit-sheet")
    b.wait_for_url(f"{base}/submit")  # the page to confirm it
    b.click("#submit-confirm")
    b.wait_for_url(f"{base}/?done=submitted")
    first = criteria_on(a)[0]
    a.fill(f'[id="c-{first}"]', "Un ancrage local remarquable")
    expect(unsaved).to_have_text(
        f"Votre grille est déjà soumise{NB}: ce que vous avez tapé ici n'est pas enregistré. "
        "Copiez-le et demandez au secrétariat de rouvrir votre grille pour l'y reporter.")
    expect(a.locator(f'[id="c-{first}"]')).to_have_value("Un ancrage local remarquable")

    # the session expired
    ws.reopen("j1")
    expire_sessions(ws, "j1")
    a.fill(f'[id="c-{first}"]', "Un ancrage local remarquable, à suivre")
    expect(unsaved).to_have_text(
        f"Votre session a expiré{NB}: ce que vous avez tapé n'est pas enregistré. Copiez-le, "
        "rouvrez votre lien personnel, puis recopiez-le dans le dossier.")
    expect(a.locator(f'[id="c-{first}"]')).to_have_value(
        "Un ancrage local remarquable, à suivre")
    assert ws.sheet("j1", DID)[0].get(first, ("", ""))[1] == ""


def test_leaving_right_after_typing_saves_the_text(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """The autosave waits 1.2 s after the last key: a juror who leaves at once (a link,
    closing the tab) lost the text. The pending save is sent as the page goes, and the
    browser asks first while it is pending."""
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    asked: list[str] = []

    def leave(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.accept()

    a.on("dialog", leave)
    first = criteria_on(a)[0]
    a.fill(f'[id="c-{first}"]', "Écrit juste avant de partir")
    a.click("text=Retour à mes dossiers")
    a.wait_for_url(f"{base}/")
    deadline = time.monotonic() + 10
    while ws.sheet("j1", DID)[0].get(first, ("", ""))[1] != "Écrit juste avant de partir":
        assert time.monotonic() < deadline, "the text typed before leaving was not saved"
        time.sleep(0.1)
    assert asked == ["beforeunload"]
    # nothing pending: the page is left without a question
    open_dossier(a, base, DID)
    expect(a.locator(f'[id="c-{first}"]')).to_have_value("Écrit juste avant de partir")
    a.click("text=Retour à mes dossiers")
    a.wait_for_url(f"{base}/")
    assert asked == ["beforeunload"]


def test_a_link_opened_where_another_juror_is_signed_in_asks_first(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    expect(a.locator("#signed-in")).to_have_text(f"Session{NB}: Hélène Schaeffer")
    link = ws.invite(["j2"])[0][1]
    a.goto(f"{base}/signin/{link}")
    expect(a.locator("#link-owner")).to_have_text("Ce lien est celui de Marc Wendling.")
    expect(a.locator("#other-session")).to_contain_text(
        f"Une autre session est ouverte dans ce navigateur{NB}: Hélène Schaeffer.")
    a.click("text=Se connecter")  # not confirmed: the browser keeps the page
    expect(a.locator("#confirm")).to_be_visible()
    assert a.url == f"{base}/signin/{link}"
    a.check("#confirm")
    a.click("text=Se connecter")
    a.wait_for_url(f"{base}/")
    expect(a.locator("#signed-in")).to_have_text(f"Session{NB}: Marc Wendling")


def test_signing_out_right_after_typing_saves_first(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """« Se déconnecter » within the autosave's delay: the sign-out form waited for nothing
    (no question, and the save sent as the page went came after the session ended: 401).
    The pending save is sent and answered first, then the juror is signed out; a save that
    fails keeps the juror on the page, saying why."""
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    asked: list[str] = []

    def leave(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.accept()

    a.on("dialog", leave)
    # a save that fails (a bad amount): said, the juror still signed in, the text kept
    a.fill("#amount", "vingt mille")
    a.click("text=Se déconnecter")
    expect(a.locator("#unsaved")).to_have_text(
        f"Rien n'a été enregistré{NB}: corrigez le champ signalé, ce que vous avez tapé reste "
        f"sur la page. À corriger{NB}: Montant proposé (€).")
    assert a.url == f"{base}/dossier/{DID}"
    expect(a.locator("#signed-in")).to_have_text(f"Session{NB}: Hélène Schaeffer")
    expect(a.locator("#amount")).to_have_value("vingt mille")
    # fixed, then signed out at once: saved before the session ends
    a.fill("#amount", "")
    first = criteria_on(a)[0]
    a.fill(f'[id="c-{first}"]', "Écrit juste avant de me déconnecter")
    a.click("text=Se déconnecter")
    a.wait_for_url(f"{base}/")
    expect(a.locator("#signed-in")).to_have_count(0)
    assert ws.sheet("j1", DID)[0].get(first, ("", ""))[1] == \
        "Écrit juste avant de me déconnecter"
    assert ws.sheet("j1", DID)[1][1] == ""
    assert asked == []
