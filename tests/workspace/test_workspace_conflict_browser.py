"""« Garder ma version » in a real browser (Playwright driving Debian's chromium), on SQLite
and PostgreSQL: two pages of one juror edit one comment; the second's autosave meets the
conflict, the page shows the stored value beside the juror's (juror-typed text, shown as
text: hostile markup stays inert), the juror keeps their version: it is stored, and the
first page's next save conflicts in turn; there « Reprendre la valeur enregistrée » puts
the stored value back in the field."""

from __future__ import annotations

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
FIRST = "Version de la première page"
SECOND = '<img src=x onerror="alert(1)"> Version de la seconde page'


def test_keep_my_version_then_the_other_page_conflicts(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    first = new_page(browser, contexts)
    dialogs: list[str] = []
    first.context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(first, base, ws.invite(["j1"])[0][1])
    open_dossier(first, base, DID)
    second = first.context.new_page()
    second.goto(f"{base}/dossier/{DID}")
    cid = criteria_on(first)[0]
    field = f'[id="c-{cid}"]'

    def stored() -> str:
        return ws.sheet("j1", DID)[0].get(cid, ("", ""))[1]

    first.fill(field, FIRST)
    expect(first.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert stored() == FIRST

    # the second page: the conflict, both versions, the choice
    second.fill(field, SECOND)
    expect(second.locator("#conflict")).to_contain_text(
        "Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre")
    box = second.locator(f'[id="f-{cid}"] .theirs[data-field="c:{cid}"]')
    expect(box.locator(".theirs-label")).to_have_text("Commentaire")
    expect(box.locator(".theirs-text")).to_have_text(FIRST)
    expect(box.locator(".mine-text")).to_have_text(SECOND)
    expect(second.locator(field)).to_have_value(SECOND)
    assert stored() == FIRST
    box.locator("text=Garder ma version").click()
    expect(second.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    expect(second.locator(".theirs")).to_have_count(0)
    expect(second.locator("#conflict")).to_be_hidden()
    expect(second.locator(f'[id="f-{cid}"].conflict')).to_have_count(0)
    assert stored() == SECOND

    # the first page's next save: a conflict in turn, the hostile text shown as text
    first.fill(field, FIRST + ", relue")
    theirs = first.locator(f'.theirs[data-field="c:{cid}"]')
    expect(theirs.locator(".theirs-text")).to_have_text(SECOND)
    expect(first.locator(".theirs img")).to_have_count(0)
    assert stored() == SECOND
    # « Reprendre la valeur enregistrée »: the stored value in the field, nothing written
    theirs.locator("text=Reprendre la valeur enregistrée").click()
    expect(first.locator(field)).to_have_value(SECOND)
    expect(first.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    expect(first.locator(".theirs")).to_have_count(0)
    assert stored() == SECOND
    # from there, the first page saves again normally
    first.fill(field, SECOND + " — complétée")
    expect(first.locator("#autosave-status")).to_have_text("Enregistré automatiquement.")
    assert stored() == SECOND + " — complétée"
    assert dialogs == [] and first.url == second.url == f"{base}/dossier/{DID}"
