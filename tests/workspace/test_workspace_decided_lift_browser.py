"""In a real browser: the secretariat lifts a déport after the séance's vote, the juror's
ratings kept in another file of ratings/ (no submission of the workspace to allow: their
row on /admin has no « Autoriser »).  The page names the changes and gives the way forward,
« Lever le déport quand même », which lifts it (isgrid.workspace.decided).  The call and its
numbers: tests/workspace/decidedcalls.py (j3's 0s of AL16-02 counting again: 78.57, rank 2,
→ 55.95, not ranked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from decidedcalls import recused_elsewhere
from test_workspace_browser import contexts, new_page, sign_in

from browsers import MARKS
from isgrid.workspace.store import Workspace
from workspacecalls import served_workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts"]  # the fixture, shared with the module it comes from

NB = "\u00a0"


@pytest.fixture
def served(tmp_path: Path, db: str | None) -> Iterator[tuple[Workspace, str]]:
    with served_workspace(recused_elsewhere(tmp_path), db) as got:
        yield got


def test_a_refused_lift_says_the_changes_and_can_be_confirmed(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    expect(sec.locator("#juror-j3 >> text=Autoriser")).to_have_count(0)
    sec.click("form[action='/admin/lift/j3/AL16-02'] >> button")
    expect(sec.locator("h1")).to_have_text("Déport non levé")
    expect(sec.locator("#changes-decided")).to_have_text(
        f"Le déport de j3 sur AL16-02 n'est pas levé{NB}: ses notes de ce dossier, tenues dans "
        "un autre fichier de ratings/, compteraient de nouveau et changeraient ce que la "
        "séance a déjà décidé.")
    expect(sec.locator("#decided-changes")).to_contain_text(  # the act said: the lift
        f"la levée du déport change ce que la séance a décidé pour AL16-02{NB}: rang 2, "
        "total 78,57")
    expect(sec.locator("#decided-changes")).to_contain_text("-> rang -, total 55,95")
    expect(sec.locator("#decided-kept")).to_contain_text("le déport reste en place")
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]  # nothing lifted by the refusal

    sec.click("#lift-anyway")
    sec.wait_for_url(f"{base}/admin?done=lifted&juror=j3&dossier=AL16-02")
    expect(sec.locator("p.msg")).to_have_text("Déport de j3 sur AL16-02 levé.")
    assert ws.dossiers_of("j3")[1] == []
    assert "AL16-02" not in (ws.folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
    assert [e for e in sec.errors if "409" not in e] == []  # (the refusal's own status)
