"""In a real browser: a déport declared on a sheet reopened after the séance's vote that would
move a decided dossier is refused, the page naming the change and keeping the dossier in the
juror's list; allowed by the secretariat (« Autoriser »), the same déport is recorded
(isgrid.workspace.decided).  The call and its numbers: tests/workspace/decidedcalls.py (j3's
ratings leaving AL16-02 would raise it from 55.95, not ranked, to 78.57, rank 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from decidedcalls import zeroed_then_voted
from test_workspace_browser import contexts, new_page, open_dossier, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace
from workspacecalls import served_workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts"]  # the fixture, shared with the module it comes from

NB = "\u00a0"


@pytest.fixture
def served(tmp_path: Path, db: str | None) -> Iterator[tuple[Workspace, str]]:
    with served_workspace(zeroed_then_voted(tmp_path), db) as got:
        yield got


def _declare(page: Any, base: str) -> None:
    open_dossier(page, base, "AL16-02")
    page.click("#deport-button")
    page.wait_for_url(f"{base}/dossier/AL16-02/deport")
    page.fill("#reason", "Associée du porteur")
    page.click("#deport-confirm")


def test_a_deport_undoing_the_vote_is_refused_until_allowed(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    sec.click("#juror-j3 >> button:has-text('Rouvrir sa grille')")
    sec.wait_for_url(f"{base}/admin?done=reopened&juror=j3")

    j3 = new_page(browser, contexts)
    sign_in(j3, base, ws.invite(["j3"])[0][1])
    _declare(j3, base)
    expect(j3.locator("h1")).to_have_text("Déport non enregistré")
    expect(j3.locator("#changes-decided")).to_have_text(
        f"Votre déport n'est pas enregistré{NB}: il changerait ce que la séance a déjà décidé, "
        "car les notes de votre dernière soumission sur ce dossier ne compteraient plus.")
    items = j3.locator("#decided-changes li")
    expect(items).to_have_count(2)
    expect(j3.locator("#decided-changes")).to_contain_text(
        f"le déport change ce que la séance a décidé pour AL16-02{NB}: rang -, total 55,95, "
        "retenu (calculé non classé, décidé ≠ proposé, décidé par le vote) -> rang 2, total "
        "78,57, retenu (calculé retenu, décidé par le vote)")
    expect(j3.locator("#decided-changes")).to_contain_text("pour AL16-05")
    expect(j3.locator("#decided-kept")).to_contain_text("le dossier reste dans votre liste")
    assert "AL16-02" in ws.dossiers_of("j3")[0]
    assert not (ws.folder / "conflicts" / "j3.csv").exists()

    # the secretariat allows it; the same déport is recorded and written
    sec.goto(f"{base}/admin")
    sec.click("#juror-j3 >> button:has-text('Autoriser sa soumission')")
    sec.wait_for_url(f"{base}/admin?done=allowed&juror=j3")
    j3.goto(f"{base}/")
    _declare(j3, base)
    j3.wait_for_url(f"{base}/?done=deport")
    expect(j3.locator("#deported")).to_contain_text("AL16-02")
    assert "j3,AL16-02" in (ws.folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
