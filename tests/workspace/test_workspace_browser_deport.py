"""A déport in a real browser (Playwright driving Debian's chromium): the juror confirms it
on a page that says what a déport does, Back shows « Déport enregistré le … : vous ne
notez pas ce dossier. », the secretariat lifts it from /admin and the dossier is back in the juror's
list with what they had typed."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, only_local, open_dossier, served, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]  # the fixtures of test_workspace_browser.py


def test_a_deport_confirmed_then_lifted_by_the_secretariat(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    j1 = new_page(browser, contexts)
    sign_in(j1, base, ws.invite(["j1"])[0][1])
    open_dossier(j1, base, "AL16-02")
    j1.check('input[name="v:ALS-2"][value="3"]')
    expect(j1.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    j1.click("#deport-button")
    # a page to confirm it, saying what a déport does, where the reason is typed
    j1.wait_for_url(f"{base}/dossier/AL16-02/deport")
    expect(j1.locator("h1")).to_have_text("Vous déporter du dossier AL16-02\u202f?")
    expect(j1).to_have_title(f"Vous déporter du dossier AL16-02\u202f? · {ws.call.config.title}")
    expect(j1.locator("#deport-what")).to_contain_text(
        "seul le secrétariat peut lever un déport")
    j1.fill("#reason", "Cousin du président")
    assert ws.dossiers_of("j1")[1] == []  # nothing yet
    j1.click("#deport-confirm")
    j1.wait_for_url(f"{base}/?done=deport")
    expect(j1.locator("#deported")).to_contain_text("AL16-02")
    expect(j1.locator("#dossiers")).not_to_contain_text("AL16-02")
    # Back, to the dossier's page: told, not a 404
    j1.goto(f"{base}/dossier/AL16-02")
    expect(j1.locator("h1")).to_have_text("Dossier AL16-02")
    expect(j1.locator("main")).to_contain_text("Déport enregistré le ")
    assert [a for a in ws.audit_log() if a.action == "refused"] == []

    # the secretariat lifts it
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    expect(sec.locator("#deports")).to_contain_text("j1 — AL16-02\u00a0: Cousin du président")
    sec.click('[id="deport-j1-AL16-02"] button')
    sec.wait_for_url(f"{base}/admin?done=lifted&juror=j1&dossier=AL16-02")
    expect(sec.locator("p.msg")).to_have_text("Déport de j1 sur AL16-02 levé.")
    expect(sec.locator("#deports")).not_to_contain_text("AL16-02")
    only_local(sec, base)

    # the juror sees it back, with their 3
    j1.goto(f"{base}/")
    expect(j1.locator("#dossiers")).to_contain_text("AL16-02")
    expect(j1.locator("#deported")).to_have_count(0)
    open_dossier(j1, base, "AL16-02")
    expect(j1.locator('input[name="v:ALS-2"][value="3"]')).to_be_checked()
    expect(j1.locator("#deport")).to_be_visible()
    only_local(j1, base)
