"""In a real browser: after the séance's vote, the call folder's write lock refused by the
system (its path a folder: refused to root too), a juror's submission and the secretariat's
lift of a déport each get a page that says what was not done, why, that nothing is lost and
what to do (not « Erreur 500 »); nothing recorded, the server goes on serving, and once the
folder is given back the same button works (isgrid.workspace.decided: Decided.deciding;
the HTTP side: test_workspace_lock_refused.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from decidedcalls import recused_elsewhere
from test_workspace_browser import contexts, new_page, sign_in
from test_workspace_lock_refused import WHY_FR, lock_made_a_folder

from browsers import MARKS
from isgrid.io.writelock import LOCK_NAME
from isgrid.workspace.store import Workspace
from votecalls import example, vote
from workspacecalls import served_workspace

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect
__all__ = ["contexts"]  # the fixture, shared with the module it comes from

NB = "\u00a0"


@pytest.fixture
def served(request: Any, tmp_path: Path, db: str | None) -> Iterator[tuple[Workspace, str]]:
    """``submit``: alsace-2016 voted, j3's sheet reopened; ``lift``: j3 recused from AL16-02,
    their ratings in another file (decidedcalls.recused_elsewhere)."""
    if request.param == "submit":
        folder = example(tmp_path)
        vote(folder, "AL16-02")
        reopen: tuple[str, ...] = ("j3",)
    else:
        folder, reopen = recused_elsewhere(tmp_path), ()
    with served_workspace(folder, db, reopen=reopen) as got:
        yield got


@pytest.mark.parametrize("served", ["submit"], indirect=True)
def test_a_submission_refused_the_lock_says_why_and_what_to_do(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    folder = ws.folder
    j3 = new_page(browser, contexts)
    sign_in(j3, base, ws.invite(["j3"])[0][1])
    audit = len(ws.audit_log())
    lock_made_a_folder(folder)
    j3.goto(f"{base}/submit")
    j3.click("#submit-confirm")
    expect(j3.locator("h1")).to_have_text("Dossier de l'appel inaccessible")
    expect(j3.locator("p.warn")).to_have_text(
        f"Votre grille n'a pas été soumise{NB}: l'espace ne peut pas verrouiller le "
        f"dossier de l'appel pour y écrire ({WHY_FR}), et il doit le faire pour vérifier "
        "que votre soumission ne change pas ce que la séance a décidé. Rien n'est "
        f"perdu{NB}: vos notes restent en brouillon. Prévenez le secrétariat (le serveur "
        "de l'espace doit pouvoir écrire dans le dossier de l'appel), puis soumettez de "
        "nouveau quand il vous le dira.")
    assert ws.juror("j3").status == "open" and len(ws.audit_log()) == audit
    j3.click("text=Retour à mes dossiers")  # the server goes on serving
    j3.wait_for_url(f"{base}/")
    (folder / LOCK_NAME).rmdir()
    j3.goto(f"{base}/submit")
    j3.click("#submit-confirm")
    j3.wait_for_url(f"{base}/?done=submitted")
    assert ws.juror("j3").status == "submitted"
    assert [e for e in j3.errors if "503" not in e] == []  # (the refusal's own status)


@pytest.mark.parametrize("served", ["lift"], indirect=True)
def test_a_lift_refused_the_lock_says_why_and_what_to_do(
        browser: Any, served: tuple[Workspace, str], contexts: list[Any]) -> None:
    ws, base = served
    folder = ws.folder
    sec = new_page(browser, contexts)
    sign_in(sec, base, ws.secretary_link(), home="/admin")
    lock_made_a_folder(folder)
    sec.click("form[action='/admin/lift/j3/AL16-02'] >> button")
    expect(sec.locator("h1")).to_have_text("Dossier de l'appel inaccessible")
    expect(sec.locator("p.warn")).to_contain_text(
        f"Le déport n'a pas été levé{NB}: l'espace ne peut pas verrouiller le dossier de "
        f"l'appel pour y écrire ({WHY_FR})")
    expect(sec.locator("p.warn")).to_contain_text("puis levez le déport de nouveau.")
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]
    sec.click("text=Retour au tableau de bord")
    sec.wait_for_url(f"{base}/admin")
    (folder / LOCK_NAME).rmdir()
    sec.click("form[action='/admin/lift/j3/AL16-02'] >> button")  # checked, refused
    expect(sec.locator("h1")).to_have_text("Déport non levé")
