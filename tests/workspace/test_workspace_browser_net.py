"""Nothing a juror typed is lost to a lost connection or a very long comment, in a real
browser (Playwright driving Debian's chromium), on SQLite and PostgreSQL:

* « Enregistrer le brouillon » clicked while the server cannot be reached: the page stays
  (no browser error page, whose Back lost the text), says the save failed, keeps the
  text in its fields and in the browser's storage; the dossier opened again once the
  server answers puts it back, says so, and saves it;
* a form over Chromium's 64 kB keepalive quota (a very long comment): hiding the page
  saves what was typed (the changed fields only, or an ordinary request), never a false
  « Vérifiez votre connexion »; closing the tab right after typing saves it too.

The connection is cut by Playwright's routing (each request to the dossier aborted as
« connection refused »), the server itself left running."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from test_workspace_browser import contexts, criteria_on, new_page, open_dossier, served, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures, shared with the module they come from

DID = "AL16-03"
NB = "\u00a0"
FAILED = (f"L'enregistrement a échoué, sans réponse du serveur{NB}: ce que vous avez tapé "
          "n'est pas encore enregistré. Il reste sur cette page, et ce navigateur le garde "
          f"jusqu'à ce qu'il le soit. Vérifiez votre connexion, puis touchez ou cliquez «{NB}Enregistrer "
          f"le brouillon{NB}».")
RESTORED = ("Ce que vous aviez tapé sur cette page sans qu'il soit enregistré (connexion "
            "perdue, page fermée trop tôt) a été remis dans les champs depuis ce "
            f"navigateur{NB}: vérifiez-le\u202f; il est enregistré maintenant.")
#: ~70,000 characters: the form is over 64 kB however it is encoded
LONG = "Analyse détaillée du plan de financement, poste par poste ; " * 1200


def cut(context: Any) -> Callable[[], None]:
    """Every post to the dossier refused as by a server down; returns how to restore it."""
    def refuse(route: Any) -> None:
        if route.request.method == "POST":
            route.abort("connectionrefused")
        else:
            route.continue_()

    pattern = f"**/dossier/{DID}"
    context.route(pattern, refuse)
    return lambda: context.unroute(pattern, refuse)


def stored(ws: Workspace, cid: str) -> tuple[str, str]:
    return ws.sheet("j1", DID)[0].get(cid, ("", ""))


def until(holds: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 10
    while not holds():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_the_save_button_without_a_server_keeps_the_page_and_the_text(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    crit = criteria_on(a)[2]
    restore = cut(a.context)
    text = "Commentaire tapé, puis clic sur Enregistrer pendant la coupure."
    a.fill(f'[id="c-{crit}"]', text)
    a.check(f'input[name="v:{crit}"][value="1.5"]')
    a.click("#save")  # within the autosave's delay
    expect(a.locator("#unsaved")).to_have_text(FAILED)
    assert a.url == f"{base}/dossier/{DID}"  # the page, not the browser's error page
    expect(a.locator(f'[id="c-{crit}"]')).to_have_value(text)
    expect(a.locator(f'input[name="v:{crit}"][value="1.5"]')).to_be_checked()
    assert stored(ws, crit) == ("", "")
    # the browser keeps it: the juror leaves (the page asks, they go), the server comes back
    a.on("dialog", lambda d: d.accept())
    a.goto(f"{base}/")
    restore()
    open_dossier(a, base, DID)
    expect(a.locator("#restored")).to_have_text(RESTORED)
    expect(a.locator(f'[id="c-{crit}"]')).to_have_value(text)
    expect(a.locator(f'input[name="v:{crit}"][value="1.5"]')).to_be_checked()
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert stored(ws, crit) == ("1.5", text)
    # saved: nothing left in the storage, the page opened again says nothing
    a.goto(f"{base}/dossier/{DID}")
    expect(a.locator(f'[id="c-{crit}"]')).to_have_value(text)
    expect(a.locator("#restored")).to_be_hidden()
    assert a.evaluate("() => window.localStorage.length") == 0
    # the button with the server up: the saved draft, said
    a.fill(f'[id="c-{crit}"]', text + " Suite.")
    a.click("#save")
    # said in the status region, the page kept (the juror's place)
    expect(a.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    assert a.url == f"{base}/dossier/{DID}"
    assert stored(ws, crit) == ("1.5", text + " Suite.")


def test_a_form_over_the_keepalive_quota_saves_on_hiding_and_on_closing(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    crits = criteria_on(a)
    a.fill(f'[id="c-{crits[4]}"]', LONG)
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert stored(ws, crits[4])[1] == LONG.strip()
    size = a.evaluate("() => new URLSearchParams(new FormData("
                      "document.getElementById('sheet'))).toString().length")
    assert size > 65536
    # typed, then another tab at once (before the autosave's 1.2 s)
    a.fill(f'[id="c-{crits[2]}"]', "Dernière phrase tapée.")
    a.evaluate("() => { Object.defineProperty(document, 'visibilityState', "
               "{value: 'hidden', configurable: true}); "
               "document.dispatchEvent(new Event('visibilitychange')); }")
    until(lambda: stored(ws, crits[2])[1] == "Dernière phrase tapée.",
          "the text typed before hiding the page was not saved")
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    expect(a.locator("#unsaved")).to_be_hidden()  # no false « Vérifiez votre connexion »
    a.evaluate("() => { Object.defineProperty(document, 'visibilityState', "
               "{value: 'visible', configurable: true}); }")
    # typed, then the tab closed at once (the browser asks; the juror leaves)
    a.on("dialog", lambda d: d.accept())
    a.fill(f'[id="c-{crits[3]}"]', "Tapé puis onglet fermé aussitôt.")
    a.close(run_before_unload=True)
    until(lambda: stored(ws, crits[3])[1] == "Tapé puis onglet fermé aussitôt.",
          "the text typed before closing the tab was not saved")


def test_a_long_comment_typed_as_the_tab_closes_offline_comes_back(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """A change over the keepalive quota by itself cannot outlive the page: the browser's
    storage keeps it, and the dossier opened again puts it back and saves it."""
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    crit = criteria_on(a)[5]
    restore = cut(a.context)
    a.on("dialog", lambda d: d.accept())
    a.fill(f'[id="c-{crit}"]', LONG)
    b = a.context.new_page()  # another tab of the same browser, kept open
    a.close(run_before_unload=True)
    # the browser's question answered and the tab gone (Playwright's events delivered
    # while the other tab waits), its last save tried while the connection is cut
    deadline = time.monotonic() + 10
    while not a.is_closed():
        assert time.monotonic() < deadline, "the tab was not closed"
        b.wait_for_timeout(100)
    if stored(ws, crit) != ("", ""):
        # On a loaded machine Playwright sometimes lets a closing page's last request past
        # the context's route (seen 2 runs in 8 at load 8): the text reached the server,
        # nothing was lost, but there is nothing left for this test to restore
        assert stored(ws, crit) == ("", LONG.strip())
        pytest.skip("the closing tab's save went through the cut: nothing to restore")
    restore()
    b.goto(f"{base}/dossier/{DID}")
    expect(b.locator("#restored")).to_have_text(RESTORED)
    expect(b.locator("#unsaved")).to_be_hidden()
    expect(b.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert stored(ws, crit) == ("", LONG.strip())
    assert b.evaluate("() => window.localStorage.length") == 0


#: what each of the page's fetches asked: its keepalive flag, the order of the calls (set
#: before the page's scripts run: autosave.js calls window.fetch)
RECORD_FETCH = """
(() => {
  const real = window.fetch;
  window.__keepalive = [];
  window.fetch = function (url, init) {
    window.__keepalive.push(!!(init && init.keepalive));
    return real.apply(this, arguments);
  };
})();
"""
#: 20,000 « é » (2 bytes each in UTF-8) and 8,000 emoji (2 UTF-16 units, 4 bytes each):
#: 36,000 characters as JavaScript counts them (.length), 72,000 bytes as sent: under the
#: 60,000 margin in characters, over Chromium's 64 kB keepalive quota in bytes
ACCENTED = "é" * 20_000 + "\U0001F600" * 8_000


def _hide(page: Any) -> None:
    page.evaluate("() => { Object.defineProperty(document, 'visibilityState', "
                  "{value: 'hidden', configurable: true}); "
                  "document.dispatchEvent(new Event('visibilitychange')); }")


def _show(page: Any) -> None:
    page.evaluate("() => { Object.defineProperty(document, 'visibilityState', "
                  "{value: 'visible', configurable: true}); }")


def test_the_keepalive_quota_is_counted_in_bytes_not_characters(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """A comment in accented French or with emoji is larger in UTF-8 than in characters:
    the save made on hiding the page weighs what it sends in bytes (TextEncoder), so a
    72,000-byte change of 36,000 characters goes as an ordinary request, and a small one
    as a keepalive request."""
    ws, base = served
    a = new_page(browser, contexts)
    a.add_init_script(RECORD_FETCH)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    crits = criteria_on(a)
    assert a.evaluate("t => [t.length, new TextEncoder().encode(t).length]",
                      ACCENTED) == [36_000, 72_000]
    # a small change (accents and all), then the page hidden at once: keepalive
    a.fill(f'[id="c-{crits[1]}"]', "Écrit à la hâte, déjà noté 🙂")
    _hide(a)
    until(lambda: stored(ws, crits[1])[1] == "Écrit à la hâte, déjà noté 🙂",
          "the small change was not saved on hiding the page")
    assert a.evaluate("() => window.__keepalive") == [True]
    _show(a)
    # the long accented comment, then hidden at once: over the quota in bytes, an ordinary
    # request (counted in characters it was sent as keepalive, which Chromium refuses)
    a.fill(f'[id="c-{crits[2]}"]', ACCENTED)
    _hide(a)
    until(lambda: stored(ws, crits[2])[1] == ACCENTED,
          "the long accented comment was not saved on hiding the page")
    assert a.evaluate("() => window.__keepalive") == [True, False]
    expect(a.locator("#unsaved")).to_be_hidden()
