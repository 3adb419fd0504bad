"""A juror on a phone in a train (the reviewer "mobile"'s findings), in a real browser
(Playwright driving Debian's chromium), on SQLite and PostgreSQL:

* text typed offline and kept by the browser (localStorage) is never left out in silence:
  the list and the page to confirm the submission name the dossier; once the grid is
  submitted (or scoring closed), the dossier, read-only, says the text was not saved and
  shows it to copy (finding 1);
* a failed save is said in the save bar at the bottom of the phone's screen (finding 3);
* « il est enregistré maintenant » only once the server answered the save (finding 4);
* a save that hangs is said « Enregistrement en cours… », then, 15 s on, as no answer,
  the text kept for a retry (finding 5);
* at 200 % zoom on a 360 px phone (180 CSS px) nothing scrolls sideways (finding 9)."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, criteria_on, new_page, open_dossier, served, sign_in
from test_workspace_browser_net import DID, FAILED, RESTORED, cut, stored

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures, shared with the module they come from

NB = "\u00a0"
PHONE = {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "fr-FR"}
PENDING = ("Ce que vous aviez tapé sur cette page sans qu'il soit enregistré (connexion "
           "perdue, page fermée trop tôt) a été remis dans les champs depuis ce "
           f"navigateur{NB}: vérifiez-le. Il n'est pas encore enregistré.")
KEPT_OPEN = ("Ce navigateur garde du texte tapé et pas encore enregistré pour ces "
             f"dossiers{NB}: ouvrez chacun pour l'enregistrer.")
KEPT_SUBMIT = ("Ce navigateur garde du texte tapé et pas encore enregistré pour ces "
               f"dossiers{NB}: il ne fera pas partie de votre grille si vous la soumettez "
               "maintenant. Ouvrez chacun pour l'enregistrer, puis revenez soumettre.")
SAVING = "Enregistrement en cours…"


def on_screen(page: Any, selector: str) -> bool:
    """The element is within the window as it is now (not scrolled out of sight)."""
    return bool(page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }", selector))


def phone(browser: Any, served: tuple[Workspace, str], contexts: list[Any],
          **screen: Any) -> tuple[Workspace, str, Any]:
    """j1 signed in on a phone (PHONE, with ``screen``'s changes): the workspace, its
    address and the page."""
    ws, base = served
    page = new_page(browser, contexts, **{**PHONE, **screen})
    sign_in(page, base, ws.invite(["j1"])[0][1])
    return ws, base, page


def kept_offline(page: Any, base: str, which: int, text: str) -> tuple[str, Any]:
    """``text`` and a rating typed offline on the dossier's ``which``-th criterion, reached
    from the list, then the tab closed (:func:`typed_offline_then_closed`): the criterion
    and the new tab."""
    crit = criteria_on_dossier(page, base)[which]
    page.goto(f"{base}/")
    return crit, typed_offline_then_closed(page, base, crit, text)


def typed_offline_then_closed(page: Any, base: str, crit: str, text: str) -> Any:
    """On the dossier: the connection cut, a comment and a rating typed, the save failed,
    the tab closed (the browser's question accepted). Returns a new tab of that browser,
    the connection back."""
    open_dossier(page, base, DID)
    restore = cut(page.context)
    page.fill(f'[id="c-{crit}"]', text)
    page.check(f'input[name="v:{crit}"][value="3"]')
    expect(page.locator("#unsaved")).to_have_text(FAILED)
    page.on("dialog", lambda d: d.accept())
    other = page.context.new_page()
    page.close(run_before_unload=True)
    other.wait_for_timeout(300)
    restore()
    return other


def test_text_kept_offline_is_named_before_submitting_and_shown_once_read_only(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base, a = phone(browser, served, contexts)
    text = "Emplois : 2 postes d’infirmiers coordinateurs."
    crit, b = kept_offline(a, base, 1, text)
    assert stored(ws, crit) == ("", "")  # nothing reached the server
    # the list, opened from the start (not that dossier): the dossier is named, linked
    b.goto(f"{base}/")
    expect(b.locator("#kept-box")).to_be_visible()
    expect(b.locator("#kept-box p")).to_have_text(KEPT_OPEN)
    expect(b.locator("#kept-box li a")).to_have_count(1)
    expect(b.locator("#kept-box li a")).to_have_attribute("href", f"/dossier/{DID}")
    expect(b.locator(f'#dossiers a[href="/dossier/{DID}"] ~ .kept-mark')).to_be_visible()
    expect(b.locator(".kept-mark:visible")).to_have_count(1)  # that dossier only
    # « Soumettre ma grille »: the page to confirm warns, with the link
    b.click("#submit-sheet")
    b.wait_for_url(f"{base}/submit")
    expect(b.locator("#kept-box p")).to_have_text(KEPT_SUBMIT)
    expect(b.locator("#kept-box li a")).to_have_attribute("href", f"/dossier/{DID}")
    # she submits all the same: the dossier, read-only, says it and shows the text
    b.click("#submit-confirm")
    b.wait_for_url(f"{base}/?done=submitted")
    assert ws.juror("j1").status == "submitted"
    assert stored(ws, crit) == ("", "")
    expect(b.locator("#kept-box li a")).to_have_count(1)  # still named on the list
    open_dossier(b, base, DID)
    box = b.locator("#kept-box")
    expect(box).to_be_visible()
    expect(box).to_contain_text("ce dossier ne peut plus être modifié")
    expect(box.locator("dd")).to_have_count(2)  # the rating and the comment
    expect(box.locator("dd").nth(0)).to_contain_text("3")
    expect(box.locator("dd").nth(1)).to_have_text(text)
    expect(box.locator("dt").nth(1)).to_contain_text(f"{crit} — ")
    # copied: erased from this browser, on request only
    assert b.evaluate("() => window.localStorage.length") == 1
    box.locator("button").click()
    expect(box).to_be_hidden()
    assert b.evaluate("() => window.localStorage.length") == 0
    b.goto(f"{base}/")
    expect(b.locator("#kept-box")).to_be_hidden()


def criteria_on_dossier(page: Any, base: str) -> list[str]:
    open_dossier(page, base, DID)
    return criteria_on(page)


def test_scoring_closed_with_text_kept_shows_it_on_the_dossier(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base, a = phone(browser, served, contexts)
    text = "Gouvernance : SCIC en projet, 3 collèges."
    crit, b = kept_offline(a, base, 0, text)
    ws.set_scoring(False, None)  # the secretariat closes scoring meanwhile
    b.goto(f"{base}/")
    expect(b.locator("#kept-box li a")).to_have_attribute("href", f"/dossier/{DID}")
    expect(b.locator("#kept-box p")).to_contain_text("ne peut plus être modifiée")
    open_dossier(b, base, DID)
    expect(b.locator("#kept-box dd").nth(1)).to_have_text(text)
    assert stored(ws, crit) == ("", "")


def test_a_failed_save_is_said_in_the_save_bar_on_a_phone(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    _, base, a = phone(browser, served, contexts)
    crit = criteria_on_dossier(a, base)[4]
    cut(a.context)
    a.fill(f'[id="c-{crit}"]', "auprès de 40 restaurants.")
    a.locator(f'input[name="v:{crit}"][value="2"]').check()
    bar = a.locator("#save-problem")
    expect(bar).to_have_text(FAILED)
    expect(bar).to_have_attribute("role", "alert")
    # the criterion she rated is on her screen, the top of the grid is not: the bar is
    assert not on_screen(a, "#unsaved")
    assert on_screen(a, "#save-problem")
    a.click("#save")
    expect(bar).to_have_text(FAILED)
    assert on_screen(a, "#save-problem")
    expect(a.locator("#autosave-status")).not_to_have_text("Enregistré automatiquement.")


def test_a_hanging_save_says_so_then_gives_up_and_keeps_the_text(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base, a = phone(browser, served, contexts)
    crit = criteria_on_dossier(a, base)[3]
    held: list[Any] = []

    def hold(route: Any) -> None:  # a connection that neither fails nor answers
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    pattern = f"**/dossier/{DID}"
    a.context.route(pattern, hold)
    text = "Tapé entre deux relais, sans réseau ni erreur."
    a.fill(f'[id="c-{crit}"]', text)
    expect(a.locator("#autosave-status")).to_have_text(SAVING)
    assert held  # the save is under way, unanswered
    # 15 s without an answer: given up, said in the bar, the text kept for a retry
    expect(a.locator("#save-problem")).to_have_text(FAILED, timeout=25000)
    expect(a.locator(f'[id="c-{crit}"]')).to_have_value(text)
    kept = a.evaluate("() => Object.keys(localStorage).map(k => localStorage.getItem(k))"
                      ".join(' ')")
    assert text in kept
    assert stored(ws, crit) == ("", "")
    # the connection back: the button saves it, and the bar's failure is gone
    a.context.unroute(pattern, hold)
    a.click("#save")
    expect(a.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    expect(a.locator("#save-problem")).to_have_text("")
    assert stored(ws, crit) == ("", text)


def test_put_back_text_is_said_saved_only_once_the_server_answered(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base, a = phone(browser, served, contexts)
    text = "Commentaire tapé dans le train."
    crit, b = kept_offline(a, base, 2, text)
    restore = cut(b.context)  # the connection drops again before the restore's save
    open_dossier_direct(b, base)
    expect(b.locator("#unsaved")).to_have_text(FAILED)
    expect(b.locator("#restored")).to_have_text(PENDING)
    assert "enregistré maintenant" not in b.locator("#restored").inner_text()
    restore()
    b.click("#save")
    expect(b.locator("#restored")).to_have_text(RESTORED)
    expect(b.locator("#save-problem")).to_have_text("")
    assert stored(ws, crit) == ("3", text)


def open_dossier_direct(page: Any, base: str) -> None:
    page.goto(f"{base}/dossier/{DID}")


@pytest.mark.parametrize("size", [(180, 390), (277, 600), (360, 780)])
def test_the_dossier_page_fits_a_phone_at_200_percent(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any],
        size: tuple[int, int]) -> None:
    _, base, a = phone(browser, served, contexts,
                       viewport={"width": size[0], "height": size[1]})
    open_dossier(a, base, DID)
    widths = a.evaluate("() => [document.documentElement.scrollWidth,"
                        " document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == size[0], widths
    too_wide = a.evaluate(f"() => [...document.querySelectorAll('fieldset')]"
                          f".filter(f => f.getBoundingClientRect().right > {size[0]}).length")
    assert too_wide == 0
