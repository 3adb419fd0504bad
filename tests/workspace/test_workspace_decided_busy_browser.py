"""In a real browser: a juror submits after the séance's vote while another process (a
``sheets import``) holds the call folder longer than the workspace waits before its check:
« Dossier de l'appel occupé », who holds it, nothing recorded, « réessayez »
(isgrid.workspace.decided: Decided.deciding; tests/workspace/test_workspace_decided_process.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_workspace_browser import contexts, new_page, sign_in
from test_workspace_decided_process import importing

from browsers import MARKS
from isgrid.workspace import decided
from isgrid.workspace.store import Workspace
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
    with served_workspace(folder, db, reopen=("j3",)) as got:
        yield got


def test_a_submission_while_an_import_holds_the_folder_says_who_and_to_try_again(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws, base = served
    monkeypatch.setattr(decided, "CHECK_WAIT_SECONDS", 0.5)
    j3 = new_page(browser, contexts)
    sign_in(j3, base, ws.invite(["j3"])[0][1])
    j3.goto(f"{base}/submit")
    proc = importing(ws.folder, 60, None)
    try:
        j3.click("#submit-confirm")
        expect(j3.locator("h1")).to_have_text("Dossier de l'appel occupé")
        expect(j3.locator("p.warn")).to_have_text(
            f"Votre grille n'a pas été soumise{NB}: une autre écriture occupe le dossier de "
            f"l'appel (isgrid sheets import, pid {proc.pid}), et l'espace doit le lire tel "
            "qu'elle l'aura laissé pour vérifier que votre soumission ne change pas ce que la "
            f"séance a décidé. Rien n'est perdu{NB}: vos notes restent en brouillon. "
            "Réessayez dans une minute.")
        assert ws.juror("j3").status == "open"
    finally:
        proc.kill()
        proc.wait(30)
    j3.click("text=Retour à mes dossiers")
    j3.goto(f"{base}/submit")
    j3.click("#submit-confirm")  # the folder free: checked (nothing decided moves), written
    j3.wait_for_url(f"{base}/?done=submitted")
    assert ws.juror("j3").status == "submitted"
