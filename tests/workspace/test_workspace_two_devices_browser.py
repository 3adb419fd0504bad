"""Text kept offline on one device, then a newer text saved from another (review mobile,
left over), in a real browser (Playwright driving Debian's chromium), on SQLite and
PostgreSQL.  A juror types a comment on her phone without a connection (the browser keeps
it: autosave.js, localStorage, with the field's base, the digest of what the field held
when her phone loaded it); she then saves another comment for the same dossier from her
laptop.  When the phone comes back, its kept text is sent with that old base: the server
(workspace/draft.py) finds the field changed since, writes nothing and answers a conflict,
and the phone shows both versions (« Ce dossier a été modifié sur un autre appareil… », the
laptop's text beside hers, « Garder ma version » / « Reprendre la valeur enregistrée »).
The laptop's text is never overwritten in silence, whether the phone's page stayed open or
was opened again; only her explicit « Garder ma version » writes the phone's text."""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_browser import (
    PHONE,
    contexts,
    criteria_on,
    new_page,
    open_dossier,
    served,
    sign_in,
)
from test_workspace_browser_net import FAILED, cut

from browsers import MARKS
from isgrid.workspace.store import Workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts", "served"]

DID = "AL16-03"
ON_PHONE = "Tapé dans le train, sans réseau"
ON_LAPTOP = "Relu au bureau : partenariat solide"
CHANGED = "Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre"


def _offline_then_laptop(browser: Any, served: tuple[Workspace, str], contexts: list[Any]
                         ) -> tuple[Any, Any, Any, str]:
    """The phone's text typed without a connection (kept), then the laptop's saved: the
    phone's page, how to give it its connection back, and the comment's criterion."""
    ws, base = served
    secret = ws.invite(["j1"])[0][1]
    phone = new_page(browser, contexts, viewport=PHONE)
    sign_in(phone, base, secret)
    open_dossier(phone, base, DID)
    cid = criteria_on(phone)[1]
    restore = cut(phone.context)
    phone.fill(f'[id="c-{cid}"]', ON_PHONE)
    expect(phone.locator("#unsaved")).to_have_text(FAILED)  # kept, not saved
    assert phone.evaluate("() => window.localStorage.length") == 1
    laptop = new_page(browser, contexts)
    sign_in(laptop, base, secret)
    open_dossier(laptop, base, DID)
    laptop.fill(f'[id="c-{cid}"]', ON_LAPTOP)
    expect(laptop.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert ws.sheet("j1", DID)[0][cid][1] == ON_LAPTOP
    return phone, laptop, restore, cid


def _both_shown(phone: Any, cid: str) -> Any:
    expect(phone.locator("#conflict")).to_contain_text(CHANGED)
    box = phone.locator(f'[id="f-{cid}"] .theirs[data-field="c:{cid}"]')
    expect(box.locator(".theirs-text")).to_have_text(ON_LAPTOP)
    expect(box.locator(".mine-text")).to_have_text(ON_PHONE)
    expect(phone.locator(f'[id="c-{cid}"]')).to_have_value(ON_PHONE)
    return box


def test_the_phone_page_left_open_meets_the_laptop_s_text(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, _ = served
    phone, _, restore, cid = _offline_then_laptop(browser, served, contexts)
    restore()  # the connection is back: she saves on the phone
    phone.click("#save")
    box = _both_shown(phone, cid)
    assert ws.sheet("j1", DID)[0][cid][1] == ON_LAPTOP  # not overwritten
    # her choice, and only it, writes the phone's text
    box.locator("text=Garder ma version").click()
    expect(phone.locator(".theirs")).to_have_count(0)
    expect(phone.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert ws.sheet("j1", DID)[0][cid][1] == ON_PHONE


def test_the_phone_page_opened_again_meets_the_laptop_s_text(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    phone, _, restore, cid = _offline_then_laptop(browser, served, contexts)
    phone.on("dialog", lambda d: d.accept())  # « leave the page? » (text not saved)
    phone.goto(f"{base}/")
    restore()
    open_dossier(phone, base, DID)  # the kept text put back from the browser, sent
    box = _both_shown(phone, cid)
    assert ws.sheet("j1", DID)[0][cid][1] == ON_LAPTOP  # not overwritten
    # the notice of the text put back never says it is saved
    expect(phone.locator("#restored")).to_contain_text("Il n'est pas encore enregistré.")
    box.locator("text=Reprendre la valeur enregistrée").click()
    expect(phone.locator(f'[id="c-{cid}"]')).to_have_value(ON_LAPTOP)
    expect(phone.locator(".theirs")).to_have_count(0)
    assert ws.sheet("j1", DID)[0][cid][1] == ON_LAPTOP
