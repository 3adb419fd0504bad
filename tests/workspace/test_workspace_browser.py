"""The jury workspace in a real browser (Playwright driving Debian's chromium), on SQLite
and PostgreSQL: invite → sign in → déport → score (one juror on a phone, keyboard only)
→ submit → the secretariat sees progress → ``isgrid score`` ranks with those ratings.

A click that loads a page returns before the page is there (the more so with the cores
busy): after each, the test waits for the address or the text the action brings
(``wait_for_url``, ``expect``) before it reads the page."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from browsers import MARKS
from isgrid.cli.main import cli
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from workspacecalls import alsace
from workspacecalls import served as serve

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect

PHONE = {"width": 390, "height": 844}
TOP = "4"  # the top of the grid's 0-4 scale
#: the positions of the values in a criterion's radio group: —, 0, 0.5, 1, ... 4, NE
DOWNS_TO_TOP = 9


@pytest.fixture
def served(tmp_path: Any, db: str | None) -> Iterator[tuple[Workspace, str]]:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    try:
        with serve(create_app(ws), threads=4) as base:
            yield ws, base
    finally:
        ws.engine.dispose()


@pytest.fixture
def contexts(served: tuple[Workspace, str]) -> Iterator[list[Any]]:
    """The browser contexts of a test, closed before the server stops."""
    opened: list[Any] = []
    yield opened
    for context in opened:
        context.close()


def new_page(browser: Any, contexts: list[Any], **options: Any) -> Any:
    context = browser.new_context(**options)
    contexts.append(context)
    context.set_default_timeout(10000)
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    return page


def only_local(page: Any, base: str) -> None:
    """No request left the page for another site (no CDN, font, analytics), and nothing
    was refused by the content-security policy (it reports in the console)."""
    assert page.errors == []
    assert page.requests  # the page's own, at least
    assert all(u.startswith((base, "data:", "about:")) for u in page.requests), page.requests


def tab_to(page: Any, predicate: str, limit: int = 80) -> None:
    """Press Tab until ``predicate`` (JS, on document.activeElement ``el``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; "
                         f"return !!el && ({predicate}); }})()"):
            return
    raise AssertionError(f"never reached {predicate!r} with Tab")


def sign_in(page: Any, base: str, secret: str, home: str = "/") -> None:
    """Follow the invitation link and sign in: back once the home page is loaded."""
    page.goto(f"{base}/signin/{secret}")
    page.click("text=Se connecter")
    page.wait_for_url(f"{base}{home}")


def open_dossier(page: Any, base: str, did: str, via: str = "#dossiers >> text=") -> None:
    """Click the dossier's link: back once its page (the sheet) is loaded."""
    page.click(f"{via}{did}")
    page.wait_for_url(f"{base}/dossier/{did}")


def criteria_on(page: Any) -> list[str]:
    names: list[str] = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('#sheet input[type=radio]')]"
        ".map(e => e.name).filter(n => n.startsWith('v:')))]")
    return [n[2:] for n in names]


def test_invite_deport_score_submit_and_rank(browser: Any, served: tuple[Workspace, str],
                                             contexts: list[Any]) -> None:
    ws, base = served
    links = {a.id: secret for a, secret, _ in ws.invite(["j1", "j3"])}

    # j3, at a desk with a mouse: déport from AL16-08, then AL16-03 at the top everywhere
    j3 = new_page(browser, contexts)
    sign_in(j3, base, links["j3"])
    expect(j3.locator("#dossiers li")).to_have_count(7)  # j3's 7 dossiers in call.yaml
    open_dossier(j3, base, "AL16-08", via="text=")
    j3.click("#deport-button")  # a page to confirm it first (test_workspace_deport.py)
    expect(j3.locator("h1")).to_have_text("Vous déporter du dossier AL16-08\u202f?")
    j3.fill("#reason", "Trésorière de l'association porteuse")
    j3.click("#deport-confirm")
    j3.wait_for_url(f"{base}/?done=deport")
    expect(j3.locator("main")).to_contain_text("Votre déport est enregistré")
    expect(j3.locator("#deported")).to_contain_text("AL16-08")
    expect(j3.locator("#dossiers")).not_to_contain_text("AL16-08")
    open_dossier(j3, base, "AL16-03")
    crits = criteria_on(j3)
    assert len(crits) == 7
    for c in crits:
        j3.check(f'input[name="v:{c}"][value="{TOP}"]')
    # the autosave script (allowed by the CSP's nonce) saved the draft by itself; the
    # status says so only once the last change is saved
    expect(j3.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert ws.sheet("j3", "AL16-03")[0][crits[-1]][0] == TOP
    j3.click("#save")
    # said in the status region, the page kept (the juror's place)
    expect(j3.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    assert j3.url == f"{base}/dossier/AL16-03"
    j3.click("text=Retour à mes dossiers")
    j3.wait_for_url(f"{base}/")
    j3.click("#submit-sheet")
    j3.wait_for_url(f"{base}/submit")  # the page to confirm it
    j3.click("#submit-confirm")
    j3.wait_for_url(f"{base}/?done=submitted")
    expect(j3.locator("main")).to_contain_text("Votre grille est soumise")
    only_local(j3, base)

    # j1, on a phone, keyboard only
    j1 = new_page(browser, contexts, viewport=PHONE, is_mobile=True, has_touch=True)
    j1.goto(f"{base}/signin/{links['j1']}")
    tab_to(j1, "el.type === 'submit' && el.form.action.endsWith('/signin')")
    j1.keyboard.press("Enter")
    j1.wait_for_url(f"{base}/")
    tab_to(j1, "el.textContent.trim().startsWith('AL16-03')")
    j1.keyboard.press("Enter")
    j1.wait_for_url(f"{base}/dossier/AL16-03")
    for c in criteria_on(j1):
        tab_to(j1, f"el.name === 'v:{c}'")
        for _ in range(DOWNS_TO_TOP):
            j1.keyboard.press("ArrowDown")
        expect(j1.locator(f'input[name="v:{c}"][value="{TOP}"]')).to_be_checked()
    # nothing wider than the phone: no sideways scrolling
    assert j1.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab_to(j1, "el.id === 'save'")
    j1.keyboard.press("Enter")
    # said in the status region, the page kept (the juror's place)
    expect(j1.locator("#autosave-status")).to_have_text("Brouillon enregistré.")
    assert j1.url == f"{base}/dossier/AL16-03"
    j1.goto(f"{base}/")
    tab_to(j1, "el.id === 'submit-sheet'")
    j1.keyboard.press("Enter")
    j1.wait_for_url(f"{base}/submit")
    tab_to(j1, "el.id === 'submit-confirm'")
    j1.keyboard.press("Enter")
    j1.wait_for_url(f"{base}/?done=submitted")
    expect(j1.locator("main")).to_contain_text("Votre grille est soumise")
    assert j1.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    only_local(j1, base)

    # the secretariat
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    expect(sec.locator("#juror-j1 .status")).to_contain_text("soumise")
    expect(sec.locator("#juror-j3 .status")).to_contain_text("soumise")
    expect(sec.locator("#juror-j2 .status")).to_contain_text("en cours")
    expect(sec.locator("#dossier-AL16-08")).to_contain_text("j3")
    expect(sec.locator("#deports")).to_contain_text("AL16-08")
    only_local(sec, base)

    # isgrid score ranks with those ratings: AL16-03 is the one dossier rated by the
    # jurors, every criterion at the top of the scale by both, so its total is 100
    # whatever the weights, and it ranks first (the others have no jurors' ratings yet)
    run = CliRunner().invoke(cli, ["score", str(ws.folder), "--format", "json"],
                             obj=None, catch_exceptions=False)
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    d03 = next(d for d in data["dossiers"] if d["id"] == "AL16-03")
    assert (d03["total"], d03["rank"]) == (100, 1)
    assert (ws.folder / "conflicts" / "j3.csv").read_text(encoding="utf-8").splitlines()[1] \
        == "j3,AL16-08,Trésorière de l'association porteuse"


def until(page: Any, holds: Any, what: str) -> None:
    """Let Playwright deliver the page's events (one round trip to the page each time)
    until ``holds()``, for at most 10 s."""
    deadline = time.monotonic() + 10
    while not holds():
        assert time.monotonic() < deadline, f"never {what}"
        page.evaluate("0")


def test_the_autosave_status_waits_for_the_last_change(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """A value changed while the autosave of an earlier one is on its way: « Enregistré
    automatiquement. » waits for the save that holds the change (the status once came with
    the earlier save's answer, the last change not saved: a busy machine showed it)."""
    ws, base = served
    j1 = new_page(browser, contexts)
    sign_in(j1, base, ws.invite(["j1"])[0][1])
    open_dossier(j1, base, "AL16-03")
    first, second = criteria_on(j1)[:2]
    held: list[Any] = []  # the first autosave, held on its way to the server
    j1.route(f"{base}/dossier/AL16-03",
             lambda route: route.continue_() if held else held.append(route))
    j1.check(f'input[name="v:{first}"][value="{TOP}"]')
    until(j1, lambda: held, "saved by itself")
    j1.check(f'input[name="v:{second}"][value="{TOP}"]')
    held[0].continue_()
    expect(j1.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    values = ws.sheet("j1", "AL16-03")[0]
    assert [values.get(c, ("",))[0] for c in (first, second)] == [TOP, TOP]


def test_a_ticked_comment_reaches_the_letter_and_an_unticked_one_does_not(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any],
        tmp_path: Any) -> None:
    """Issue 17: j1 ticks « à transmettre au porteur » under one comment (with the
    keyboard), leaves another unticked, the autosave keeps the box, j1 submits; the
    letter to the applicant (communicable) quotes the first comment and not the second."""
    ws, base = served
    shared = "Partenariat exemplaire avec la commune"
    internal = "Budget à revoir avec l'instructeur"
    j1 = new_page(browser, contexts)
    sign_in(j1, base, ws.invite(["j1"])[0][1])
    open_dossier(j1, base, "AL16-03")
    crits = criteria_on(j1)
    for c in crits:
        j1.check(f'input[name="v:{c}"][value="{TOP}"]')
    j1.fill("#c-ALS-2", shared)
    j1.fill("#c-ALS-3", internal)
    # the box is reached with Tab from the comment it belongs to, and ticked with Space
    # (the comment at the bottom of the window, so the box is reached out of sight)
    j1.evaluate("(() => { const t = document.getElementById('c-ALS-2');"
                " window.scrollTo(0, t.getBoundingClientRect().bottom + window.scrollY"
                " - window.innerHeight + 2); t.focus({preventScroll: true}); })()")
    tab_to(j1, "el.id === 's-ALS-2'", limit=3)
    j1.keyboard.press("Space")
    expect(j1.locator("#s-ALS-2")).to_be_checked()
    expect(j1.locator("#s-ALS-3")).not_to_be_checked()
    # the focused box is not hidden under the sticky "save" bar
    assert j1.evaluate("(() => document.getElementById('s-ALS-2').getBoundingClientRect()"
                       ".bottom <= document.querySelector('.actions')"
                       ".getBoundingClientRect().top)()")
    # the autosave keeps it: the draft in the database, and the page reloaded
    expect(j1.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert ws.shared("j1", "AL16-03") == {"ALS-2"}
    j1.reload()
    expect(j1.locator("#s-ALS-2")).to_be_checked()
    expect(j1.locator("#s-ALS-3")).not_to_be_checked()
    expect(j1.locator("#c-ALS-2")).to_have_value(shared)
    j1.click("text=Retour à mes dossiers")
    j1.wait_for_url(f"{base}/")
    j1.click("#submit-sheet")
    j1.click("#submit-confirm")  # the page to confirm it
    j1.wait_for_url(f"{base}/?done=submitted")
    expect(j1.locator("main")).to_contain_text("Votre grille est soumise")
    only_local(j1, base)

    out = tmp_path / "lettres"
    run = CliRunner().invoke(cli, ["report", str(ws.folder), "--kind", "feedback",
                                   "--level", "communicable", "--format", "md",
                                   "--dossier", "AL16-03", "-o", str(out)],
                             obj=None, catch_exceptions=False)
    assert run.exit_code == 0, run.output
    letter = (out / "AL16-03.md").read_text(encoding="utf-8")
    # under its criterion, in the table of scores (« label<br>« comment » »)
    row = next(line for line in letter.splitlines() if shared in line)
    # the label as a French document prints it (its spaces made French: grid-typo)
    from isgrid.documents.typography import printed

    assert row.startswith(f"| {printed(ws.criteria['ALS-2'].label, 'fr')}<br>")
    assert internal not in letter and "Budget" not in letter


def test_the_dossier_names_its_facts_by_the_grids_labels(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """The dossier's facts under the labels the grid file declares, as every document
    names them, in French and in English (the grid's words); the id in the title (the page
    showed ``eligible_costs``, ``legal_form``)."""
    import yaml

    from testpaths import ROOT

    ws, base = served
    grid = yaml.safe_load((ROOT / "grids" / "alsace-aap-2016.yaml").read_text("utf-8"))
    labels = {name: spec["label"] for name, spec in grid["facts"].items()}
    assert labels["eligible_costs"] == "Dépenses éligibles (prestations externes, HT)"
    # AL16-01's facts, in the dossier file's order, with their values as a reader reads them
    # (the page showed 32000 and 2016-05-20): amounts (unit: EUR) in euros, the date in
    # words, text as written
    said = {"fr": ["68", "SCIC SARL", "32\u202f000\u202f€", "70\u202f000\u202f€", "20 mai 2016"],
            "en": ["68", "SCIC SARL", "€32,000", "€70,000", "20 May 2016"]}
    expected = [("departement", ""), ("legal_form", ""), ("amount_requested", ""),
                ("eligible_costs", ""), ("submitted_at", "")]
    j1 = new_page(browser, contexts)
    sign_in(j1, base, ws.invite(["j1"])[0][1])
    for lang in ("fr", "en"):
        j1.goto(f"{base}/dossier/AL16-01?lang={lang}")
        terms = j1.locator("dl.facts dt")
        shown = [(terms.nth(i).inner_text().strip(), terms.nth(i).get_attribute("title"))
                 for i in range(terms.count())]
        values = j1.locator("dl.facts dd").all_inner_texts()
        assert shown == [(labels[k], k) for k, _ in expected], (lang, shown)
        assert [v.strip() for v in values] == said[lang], (lang, values)
        assert "eligible_costs" not in j1.inner_text("main")
    only_local(j1, base)


def test_two_tabs_of_one_juror_never_lose_a_rating(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    """j1 has AL16-03 open in two tabs. Tab B rates the first criterion; tab A, loaded
    before, rates the second: both are kept (A's whole form once wrote its empty first
    criterion over B's). Then A changes the first criterion too: refused, B's value stays,
    A says so and keeps what the juror chose, to copy before reloading; reloaded, A shows
    B's value and saves from there."""
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    b = a.context.new_page()  # a second tab of the same browser: the same session
    b.requests, b.errors = [], []
    b.on("console", lambda msg: msg.type == "error" and b.errors.append(msg.text))
    a.goto(f"{base}/dossier/AL16-03")
    b.goto(f"{base}/dossier/AL16-03")
    first, second, third = criteria_on(a)[:3]
    b.check(f'input[name="v:{first}"][value="{TOP}"]')
    expect(b.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    a.check(f'input[name="v:{second}"][value="1"]')
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    values = ws.sheet("j1", "AL16-03")[0]
    assert (values[first][0], values[second][0]) == (TOP, "1")
    expect(a.locator("#conflict")).to_be_hidden()

    # the same criterion on A: a conflict
    a.check(f'input[name="v:{first}"][value="2"]')
    expect(a.locator("#conflict")).to_be_visible()
    expect(a.locator("#conflict")).to_have_text(
        "Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre depuis que vous l'avez ouvert ici\u00a0: "
        f"vos changements d'{first} n'ont pas été enregistrés, pour ne pas effacer l'autre "
        "version (vos autres changements le sont). Sous chaque champ encadré, la valeur "
        "enregistrée est affichée à côté de la vôtre\u00a0: choisissez «\u00a0Garder ma "
        "version\u00a0» ou «\u00a0Reprendre la valeur enregistrée\u00a0».")
    expect(a.locator(f'[id="f-{first}"]')).to_have_class("conflict")
    expect(a.locator(f'[id="f-{first}"] .conflict-note')).to_contain_text(
        "Modifié sur un autre appareil ou dans une autre fenêtre")
    expect(a.locator(f'[id="f-{second}"]')).not_to_have_class("conflict")
    expect(a.locator(f'input[name="v:{first}"][value="2"]')).to_be_checked()  # kept
    expect(a.locator("#autosave-status")).to_have_text("")
    assert ws.sheet("j1", "AL16-03")[0][first][0] == TOP

    # B keeps working with itself: its bases follow its saves (the first criterion
    # again, a third one); the second, changed by A since B loaded, is not B's to write
    b.check(f'input[name="v:{first}"][value="3"]')
    b.check(f'input[name="v:{third}"][value="3"]')
    expect(b.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    values = ws.sheet("j1", "AL16-03")[0]
    assert [values[c][0] for c in (first, second, third)] == ["3", "1", "3"]
    expect(b.locator("#conflict")).to_be_hidden()
    b.check(f'input[name="v:{second}"][value="4"]')
    expect(b.locator("#conflict")).to_contain_text(f"vos changements d'{second} n'ont pas")
    assert ws.sheet("j1", "AL16-03")[0][second][0] == "1"

    # A reloaded: the latest version, and a change from it is saved
    a.reload()
    expect(a.locator(f'input[name="v:{first}"][value="3"]')).to_be_checked()
    expect(a.locator(f'input[name="v:{third}"][value="3"]')).to_be_checked()
    expect(a.locator("#conflict")).to_be_hidden()
    a.check(f'input[name="v:{first}"][value="2"]')
    expect(a.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert ws.sheet("j1", "AL16-03")[0][first][0] == "2"
    # chromium's console reports each answer 409 (a conflict said on the page); nothing
    # else may be there (a refusal of the content-security policy)
    for p in (a, b):
        assert p.errors and all("status of 409" in e for e in p.errors), p.errors
    a.errors = []
    only_local(a, base)
