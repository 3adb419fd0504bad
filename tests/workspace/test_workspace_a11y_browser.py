"""The jury workspace for a juror using a screen reader or the keyboard, in a real browser
(Playwright driving Debian's chromium), on SQLite and PostgreSQL (RGAA / WCAG 2.1 AA):

* a refused field is tied to its message (``aria-invalid``, ``aria-describedby``), with or
  without JavaScript, the message just before the field, and the summary names the field;
* the focus ring stands out at 3:1 against the white cards and the grey page (WCAG 1.4.11),
  worked out here from the colours the browser computes;
* « Enregistrer le brouillon » keeps the juror's place and says the save in the page's
  status region;
* French grid and dossier text on an English page is marked ``lang="fr"``;
* the secretariat's per-juror buttons name their juror; the tables' headers have a scope;
* the pages of a refused save or link say so in their title."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, open_dossier, served, sign_in

from browsers import MARKS
from contrast import contrast
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures, shared with the module they come from

DID = "AL16-03"
NB = "\u00a0"
AMOUNT_PROBLEM = (f"«{NB}vingt mille{NB}» n'est pas un montant en euros{NB}: tapez-le en "
                  f"chiffres, par exemple «{NB}20\u202f000{NB}».")


def described_by(page: Any, selector: str) -> str:
    """The text of the elements an element's aria-describedby names."""
    text: str = page.eval_on_selector(selector, """el => (el.getAttribute('aria-describedby')
        || '').split(' ').filter(Boolean).map(id => document.getElementById(id).textContent)
        .join(' | ')""")
    return text


def test_a_refused_amount_without_javascript_is_tied_to_its_message(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts, java_script_enabled=False)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    page.fill("#amount", "vingt mille")
    with page.expect_navigation():
        page.click("#save")
    amount = page.locator("#amount")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert described_by(page, "#amount") == AMOUNT_PROBLEM
    # the summary at the top names the field and links to it
    link = page.locator("#problems a")
    expect(link).to_have_count(1)
    expect(link).to_have_text("Montant proposé (€)")
    expect(link).to_have_attribute("href", "#amount")
    # the other fields are not marked
    assert page.locator("[aria-invalid]").count() == 1
    # the title says nothing was saved (F12)
    assert page.title().startswith(f"Erreur{NB}: rien n'a été enregistré · {DID} · ")


def test_a_refused_amount_with_javascript_is_said_at_the_field_and_named(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    page.fill("#amount", "vingt mille")
    expect(page.locator("#unsaved")).to_have_text(
        f"Rien n'a été enregistré{NB}: corrigez le champ signalé, ce que vous avez tapé reste "
        f"sur la page. À corriger{NB}: Montant proposé (€).")
    amount = page.locator("#amount")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert described_by(page, "#amount") == AMOUNT_PROBLEM
    # the message right before the box, not above the opinion's radios
    assert page.eval_on_selector("#amount", "el => el.previousElementSibling.id") == "e-amount"
    assert page.eval_on_selector("#f-opinion", "el => el.classList.contains('problem')") is False
    page.fill("#amount", "20 000")
    expect(page.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    expect(page.locator("#e-amount")).to_have_count(0)
    assert page.locator("[aria-invalid]").count() == 0
    assert page.get_attribute("#amount", "aria-describedby") is None


def test_contrast_helper_against_known_values() -> None:
    # black on white is 21:1; #767676 on white is the well-known 4.54:1; the old ring
    # #ffb000 on white was 1.83:1 (the finding's measure)
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    assert contrast("rgb(255, 176, 0)", "rgb(255, 255, 255)") == pytest.approx(1.83, abs=0.01)
    assert contrast("#ffb000", "#ffffff") == pytest.approx(1.83, abs=0.01)


def test_the_focus_ring_stands_out_on_the_cards_and_the_page(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    open_dossier(page, base, DID)
    page.focus("#amount")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused by the keyboard: :focus-visible
    ring = page.eval_on_selector("#amount", "el => getComputedStyle(el).outlineColor")
    card = page.eval_on_selector("#f-opinion", "el => getComputedStyle(el).backgroundColor")
    body = page.eval_on_selector("body", "el => getComputedStyle(el).backgroundColor")
    assert card == "rgb(255, 255, 255)" and body == "rgb(246, 246, 246)"
    assert contrast(ring, card) >= 3
    assert contrast(ring, body) >= 3
    border = page.eval_on_selector("#shared", "el => getComputedStyle(el).borderTopColor")
    assert contrast(border, card) >= 3


def test_french_grid_and_dossier_text_is_marked_on_an_english_page(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    page = new_page(browser, contexts)
    sign_in(page, base, ws.invite(["j1"])[0][1])
    page.goto(f"{base}/dossier/AL16-02?lang=en")
    assert page.get_attribute("html", "lang") == "en"

    def lang_of(text: str) -> str:  # the language a screen reader reads ``text`` in
        found: str = page.evaluate("""text => {
            const all = [...document.querySelectorAll('main *')].filter(
                el => el.childNodes.length && [...el.childNodes].some(
                    n => n.nodeType === 3 && n.textContent.includes(text)));
            return all.length ? all[0].closest('[lang]').getAttribute('lang') : 'absent';
        }""", text)
        return found

    # the dossier's summary, a fact's label (the grid's), a criterion's legend, a level's
    # label (the grid's), its guidance: French; the page's own words: English
    assert lang_of("Une association de santé de proximité") == "fr"
    assert lang_of("Département du lieu de réalisation du projet") == "fr"
    assert lang_of("Réponse à un besoin social nouveau ou mal satisfait") == "fr"
    assert lang_of("Très bon") == "fr"
    assert lang_of("Le porteur nomme le besoin") == "fr"
    assert lang_of("What to look for") == "en"
    assert lang_of("Proposed amount (€)") == "en"
    # on a French page nothing is marked twice
    page.goto(f"{base}/dossier/AL16-02?lang=fr")
    assert page.locator("main [lang]").count() == 0


def test_the_secretariat_buttons_name_their_juror(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """RGAA 5.7 / 11.9: tabbing through /admin, each juror's buttons say whose links and
    whose sheet (three « Révoquer ses liens » were alike); the rows are headed by their
    juror and dossier, the header rows by scope."""
    ws, base = served
    ws.invite(["j1", "j2", "j3"])
    page = new_page(browser, contexts)
    sign_in(page, base, ws.secretary_link(), home="/admin")
    revoke = page.get_by_role("button", name="Révoquer ses liens — Marc Wendling (j2)")
    expect(revoke).to_have_count(1)
    expect(revoke).to_have_text("Révoquer ses liens — Marc Wendling (j2)")
    assert revoke.is_visible()
    # the name is read, not shown: the visible label stays « Révoquer ses liens »
    shown = revoke.evaluate("el => el.getBoundingClientRect().width")
    words = revoke.evaluate("el => el.querySelector('.sr-only').getBoundingClientRect().width")
    assert shown > 40 and words <= 1
    names = page.eval_on_selector_all("#jurors button", "bs => bs.map(b => b.textContent)")
    assert len(names) == 3 and len(set(names)) == 3  # j1, j2, j3: no two alike
    row = page.locator("#juror-j2 th[scope=row]")
    expect(row).to_have_text("j2 — Marc Wendling")
    assert page.locator("#jurors thead th[scope=col]").count() == 5
    assert page.locator("#dossiers tbody th[scope=row]").count() == len(ws.dossiers)


def test_saving_the_draft_keeps_the_juror_s_place(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """WCAG 4.1.3: « Enregistrer le brouillon » said its « Brouillon enregistré. » in a page
    loaded again at its top (focus on the body, a status present at load: not spoken); the
    page stays now, the button keeps the focus and the status region says it."""
    ws, base = served
    page = new_page(browser, contexts, viewport={"width": 640, "height": 450})
    sign_in(page, base, ws.invite(["j1"])[0][1])
    page.goto(f"{base}/dossier/AL16-07")
    last = page.locator("textarea[id^='c-']").last
    last.fill("Un partenariat solide avec la commune")
    page.focus("#save")
    before = page.evaluate("window.scrollY")
    assert before > 1000  # far down the sheet
    page.keyboard.press("Enter")
    expect(page.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    assert page.url == f"{base}/dossier/AL16-07"
    assert page.evaluate("document.activeElement.id") == "save"
    assert page.evaluate("window.scrollY") == before
    assert ws.sheet("j1", "AL16-07")[0][last.get_attribute("id")[2:]][1] == (
        "Un partenariat solide avec la commune")


def test_the_titles_say_a_refused_link(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """RGAA 8.6: the title is what a screen reader speaks first; an invalid link and a
    page without a session kept the ordinary « Connexion » title."""
    ws, base = served
    # the call's title as the pages print it: French typography's spaces inside « »
    call = ("Appel à projets «\u00a0Innovation(s) sociale(s) en Alsace\u00a0» 2016 "
            "(exemple fictif)")
    page = new_page(browser, contexts)
    page.goto(f"{base}/signin/not-a-real-secret")
    assert page.title() == f"Lien non valable · Connexion · {call}"
    page.goto(f"{base}/")
    assert page.title() == f"Lien personnel requis · {call}"
    page.goto(f"{base}/signin/{ws.invite(['j1'])[0][1]}")
    assert page.title() == f"Connexion · {call}"
