"""The séance view in a real browser (Playwright + Debian's chromium): the projected
page in current-dossier mode and the own view of a member déporté for that dossier.

Screenshots are saved in the test's temporary folder, for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from decisions_calls import seance_call
from isgrid.web.watch import watch

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect


def _page(browser: Any, path: Path) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    context.set_default_timeout(10000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    return context, page, errors


def test_seance_view_with_a_member_deporte(browser: Any, tmp_path: Path) -> None:
    folder = seance_call(tmp_path)  # j2 (M. Petit) is déporté for D4
    out = tmp_path / "seance"
    out.mkdir()
    (out / "dossier-en-cours.txt").write_text("D4", encoding="utf-8")
    assert watch(folder, out, once=True) == 1
    context, page, errors = _page(browser, out / "index.html")
    current = page.locator("section.current")
    assert current.count() == 1
    assert "M. Petit" in current.inner_text()
    assert "doivent quitter la salle" in current.inner_text()
    # the funded list with its running total: D1 20 000 then D2 15 000 -> 35 000,
    # 50 000 - 35 000 = 15 000 left
    funded = page.locator("table.funded tbody tr:not(.line):not(.total)")
    assert funded.count() == 2
    last = funded.nth(1).inner_text().replace("\u202f", " ").replace("\xa0", " ")
    assert "35 000 €" in last and "15 000 €" in last
    total = page.locator("table.funded tbody tr.total").inner_text()
    total = total.replace("\u202f", " ").replace("\xa0", " ")
    assert "35 000 €" in total and "15 000 €" in total  # committed, and left of 50 000
    assert page.locator("table.grey tr.grey-row").count() >= 1
    assert page.get_by_text("Décisions à prendre").count() == 1
    page.screenshot(path=str(tmp_path / "seance.png"), full_page=True)
    context.close()

    context, page, errors2 = _page(browser, out / "membre-j2.html")
    alert = page.get_by_role("alert")  # put in once the page is read (the next test)
    expect(page.locator("#leave-alert")).to_contain_text("Vous êtes en déport")
    assert "Vous êtes en déport pour le dossier D4" in alert.first.inner_text()
    assert page.locator("table.crit-now").count() == 0  # its ratings are hidden
    row = page.locator("table:has(th:text('Calculé')) tr", has=page.locator("td.id",
                                                                              has_text="D4"))
    assert "masqué (déport)" in row.first.inner_text()
    page.screenshot(path=str(tmp_path / "seance-membre-deporte.png"), full_page=True)
    context.close()
    assert errors == [] and errors2 == []


def test_a_member_can_stop_their_view_reloading_and_hears_the_recusal_once(
        browser: Any, tmp_path: Path) -> None:
    """RGAA 13.1 / WCAG 2.2.1: the projected page reloads itself (meta refresh); a member's
    own view, read on their device (perhaps with a screen reader), reloads by a script the
    member can stop, and says « veuillez quitter la salle » in an alert once, not at every
    reload."""
    folder = seance_call(tmp_path)  # j2 (M. Petit) is déporté for D4
    out = tmp_path / "seance"
    out.mkdir()
    (out / "dossier-en-cours.txt").write_text("D4", encoding="utf-8")
    assert watch(folder, out, once=True, refresh=1) == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    member = (out / "membre-j2.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="1">' in index
    assert "http-equiv=\"refresh\"" not in member

    context, page, errors = _page(browser, out / "membre-j2.html")
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    toggle = page.locator("#reload-toggle")
    assert toggle.inner_text() == "Arrêter le rechargement"
    assert page.locator("#reload-state").inner_text() == (
        "Cette page se recharge chaque seconde\u00a0: arrêtez le rechargement pour la "
        "lire à votre rythme.")
    alert = page.get_by_role("alert")
    expect(page.locator("#leave-alert")).to_contain_text("Vous êtes en déport")
    assert "Vous êtes en déport pour le dossier D4" in alert.inner_text()
    page.wait_for_timeout(2500)  # 1 s a reload: reloaded at least once
    assert len(loads) >= 1
    # after a reload the recusal is not said again (the text stays on the page)
    page.wait_for_timeout(700)  # past the script's half-second delay
    assert page.locator("#leave-alert").inner_text() == ""
    assert "Vous êtes en déport" in page.locator("#leave-you").inner_text()

    page.locator("#reload-toggle").click()
    assert page.url.endswith("#pause")
    assert page.locator("#reload-toggle").inner_text() == "Recharger de nouveau chaque seconde"
    before = len(loads)
    page.wait_for_timeout(2500)
    assert len(loads) == before  # stopped
    page.reload()  # F5: still stopped
    assert page.locator("#reload-state").inner_text().startswith("Rechargement arrêté")
    before = len(loads)
    page.wait_for_timeout(2000)
    assert len(loads) == before
    context.close()
    assert errors == []  # the script ran: allowed by the page's content-security policy
