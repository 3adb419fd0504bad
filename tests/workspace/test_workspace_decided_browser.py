"""After the séance's vote, in a real browser: the dashboard says what reopening a sheet
risks; a reopened sheet whose submission would undo a decided dossier is refused at
submission, the page naming the dossiers and the change, the sheet kept; the secretariat
allows it (« Autoriser »), and the next submission is written (isgrid.workspace.decided).

The call and its numbers: tests/workspace/test_workspace_decided.py (AL16-02, voted
« retenu » at rank 2 with 77.38, falls to 55.95, under a floor, when j3 rates it 0)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, sign_in

from browsers import MARKS
from isgrid.workspace.store import Entry, Workspace
from votecalls import example, vote
from workspacecalls import served_workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts"]  # the fixture, shared with the module it comes from

NB = "\u00a0"


@pytest.fixture
def served(tmp_path: Path, db: str | None) -> Iterator[tuple[Workspace, str]]:
    folder = example(tmp_path)
    vote(folder, "AL16-02")
    with served_workspace(folder, db) as got:
        yield got


def test_a_submission_undoing_the_vote_is_refused_until_allowed(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    before = (ws.folder / "ratings" / "j3.csv").read_bytes()

    # the secretariat reopens j3's sheet, the box « autoriser… » left unticked
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    expect(sec.locator("#decided-risk")).to_contain_text(
        f"Le journal de la séance contient des décisions{NB}:")
    expect(sec.locator("#juror-j3 .allow-decided")).to_contain_text(
        "autoriser sa prochaine soumission à changer ce que la séance a décidé")
    sec.click("#juror-j3 >> button:has-text('Rouvrir sa grille')")
    sec.wait_for_url(f"{base}/admin?done=reopened&juror=j3")

    # j3 rates AL16-02 0 everywhere (their draft), then submits in the browser: refused
    ws.save("j3", "AL16-02", Entry(values=dict.fromkeys(
        [c.id for c in ws.criteria_of("j3")], "0")))
    j3 = new_page(browser, contexts)
    sign_in(j3, base, ws.invite(["j3"])[0][1])
    j3.goto(f"{base}/submit")
    j3.click("#submit-confirm")
    expect(j3.locator("h1")).to_have_text("Grille non soumise")
    expect(j3.locator("#changes-decided")).to_have_text(
        f"Votre grille n'est pas soumise{NB}: elle changerait ce que la séance a déjà décidé.")
    items = j3.locator("#decided-changes li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_text(
        f"la soumission change ce que la séance a décidé pour AL16-02{NB}: rang 2, total "
        "77,38, retenu (calculé retenu, décidé par le vote) -> rang -, total 55,95, retenu "
        "(calculé non classé, décidé ≠ proposé, décidé par le vote)")
    expect(items.nth(1)).to_contain_text("pour AL16-05")
    expect(j3.locator("#decided-kept")).to_contain_text("Rien n'est perdu")
    assert ws.juror("j3").status == "open"
    assert (ws.folder / "ratings" / "j3.csv").read_bytes() == before

    # the secretariat allows it on the reopened sheet; j3 submits again: written
    sec.goto(f"{base}/admin")
    sec.click("#juror-j3 >> button:has-text('Autoriser sa soumission')")
    sec.wait_for_url(f"{base}/admin?done=allowed&juror=j3")
    expect(sec.locator("#juror-j3 .allowed-decided")).to_have_text(
        "Sa prochaine soumission peut changer ce que la séance a décidé.")
    j3.goto(f"{base}/submit")
    j3.click("#submit-confirm")
    j3.wait_for_url(f"{base}/?done=submitted")
    rows = (ws.folder / "ratings" / "j3.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[3] for r in rows if r.startswith("AL16-02,")] == ["0"] * 7
