"""The save bar of the jurors' workspace, heard with a screen reader (Playwright driving
Debian's chromium, on SQLite and PostgreSQL): its status region (role="status") said
« Enregistrement en cours… » then « Enregistré automatiquement. » at every autosave, a few
seconds after each word typed, so a screen reader read them over the juror's typing (review
mobile, left over).  Now the bar's words are shown, not spoken (#autosave-status is no live
region); a successful autosave changes no live region of the page; a failure is said at once
(#save-problem, role="alert"), and the return to saved after it politely (#save-said,
role="status"), as is « Brouillon enregistré. » that the juror asked for."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, open_dossier, served, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]

DID = "AL16-03"
NB = "\u00a0"
SAVED = "Enregistré automatiquement."

#: Every change of the text of a live region of the page (role status or alert, or
#: aria-live other than off), as (its id, its new text), recorded from now on.
LISTEN = """() => {
  window.heard = [];
  const live = [...document.querySelectorAll(
    '[role=status], [role=alert], [aria-live]:not([aria-live=off])')];
  const last = new Map(live.map(el => [el, el.textContent]));
  const watch = new MutationObserver(() => live.forEach(el => {
    if (el.textContent !== last.get(el)) {
      last.set(el, el.textContent);
      window.heard.push([el.id, el.textContent]);
    }
  }));
  live.forEach(el => watch.observe(el, {childList: true, characterData: true, subtree: true}));
  return live.map(el => el.id);
}"""


def heard(page: Any) -> list[list[str]]:
    out: list[list[str]] = page.evaluate("() => window.heard")
    return out


def test_an_autosave_is_not_spoken_a_failure_and_its_end_are(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    regions = page.evaluate(LISTEN)
    # the bar's words are no live region; its two live regions are there, empty
    assert "autosave-status" not in regions
    assert {"save-problem", "save-said"} <= set(regions), regions
    comment = page.locator("textarea[id^='c-']").first
    comment.fill("Un ancrage local solide")
    expect(page.locator("#autosave-status")).to_have_text(SAVED)  # shown
    assert heard(page) == []  # and nothing spoken: « en cours », « enregistré » alike
    comment.fill("Un ancrage local solide, des partenaires")  # a second autosave
    expect(page.locator("#autosave-status")).to_have_text(SAVED)
    assert ws.sheet("j1", DID)[0][comment.get_attribute("id")[2:]][1] == (
        "Un ancrage local solide, des partenaires")
    assert heard(page) == []
    # a refused amount: said at once (the alert); corrected, the return to saved politely
    page.fill("#amount", "vingt mille")
    failure = (f"Rien n'a été enregistré{NB}: corrigez le champ signalé, ce que vous avez "
               f"tapé reste sur la page. À corriger{NB}: Montant proposé (€).")
    expect(page.locator("#save-problem")).to_have_text(failure)
    page.fill("#amount", "20 000")
    expect(page.locator("#save-said")).to_have_text(SAVED)
    # (the alert emptied, unspoken, and the status in one change: in the page's order)
    after = [["save-problem", failure], ["save-said", SAVED], ["save-problem", ""]]
    assert heard(page) == after
    # saved again: nothing more is spoken
    comment.fill("Un ancrage local solide, des partenaires engagés")
    expect(page.locator("#autosave-status")).to_have_text(SAVED)
    page.wait_for_function("() => !document.querySelector('#autosave-status')"
                           ".textContent.includes('cours')")
    assert heard(page) == after


def test_the_draft_saved_on_request_is_spoken(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    page.evaluate(LISTEN)
    page.locator("textarea[id^='c-']").first.fill("Projet solide")
    page.click("#save")
    expect(page.locator("#save-said")).to_have_text("Brouillon enregistré.")
    assert heard(page)[-1] == ["save-said", "Brouillon enregistré."]
    assert [h for h in heard(page) if h[0] != "save-said"] == []
