"""A juror whose links the secretariat revokes while their dossier is open is told, by the
autosave, that the access was withdrawn, the text kept in its field (review rev-ops,
finding 11: « your session has expired: open your personal link again », the link revoked)."""

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


def test_an_autosave_after_a_revocation_says_the_access_was_withdrawn(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    a = new_page(browser, contexts)
    sign_in(a, base, ws.invite(["j1"])[0][1])
    open_dossier(a, base, DID)
    first = criteria_on(a)[0]
    ws.revoke("j1")
    a.fill(f'[id="c-{first}"]', "Un ancrage local remarquable")
    expect(a.locator("#unsaved")).to_have_text(
        f"Le secrétariat a retiré l'accès de ce lien à l'espace du jury{NB}: ce que vous avez "
        "tapé n'est pas enregistré. Copiez-le\u202f; si vous devez continuer à noter, "
        "demandez au secrétariat un nouveau lien.")
    expect(a.locator(f'[id="c-{first}"]')).to_have_value("Un ancrage local remarquable")
    assert ws.sheet("j1", DID)[0] == {}
