"""After the séance's vote, a submission, a déport or a lift waits for the call folder's write
lock before its check (isgrid.workspace.decided: Decided.deciding).  A lock the system
refuses (not another command holding it: its file cannot be opened, here its name taken by
a folder, which refuses root too, where a chmod would not) was an « Erreur 500 »: now a page
that says what was not done, why (what the system said), that nothing is lost and what to
do, HTTP 503 without ``Retry-After`` (waiting does not help); nothing recorded, and the
server goes on serving.  The browser's side: test_workspace_lock_refused_browser.py."""

from __future__ import annotations

import html
from pathlib import Path

from decidedcalls import recused_elsewhere
from test_workspace_app import signed_in

from isgrid.io.writelock import LOCK_NAME
from isgrid.workspace.store import Workspace
from votecalls import example, vote

NB = "\u00a0"
#: What the system said, as the French page says it (the lock's name from the call folder)
WHY_FR = f".isgrid-write.lock{NB}: le système a refusé{NB}: c'est un dossier"
WHY_EN = ".isgrid-write.lock: the system refused: Is a directory"


def lock_made_a_folder(folder: Path) -> None:
    """The lock's path a folder: opening it is refused, whoever the server runs as."""
    (folder / LOCK_NAME).unlink(missing_ok=True)
    (folder / LOCK_NAME).mkdir()


def text(page: object) -> str:
    return html.unescape(page.get_data(as_text=True))  # type: ignore[attr-defined]


def test_a_submission_and_a_deport_say_the_lock_refused_and_record_nothing(
        tmp_path: Path, db: str | None) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-02")
    ws = Workspace(folder, db)
    ws.reopen("j3")
    ratings = (folder / "ratings" / "j3.csv").read_bytes()
    lock_made_a_folder(folder)
    client = signed_in(ws, "j3")
    audit = len(ws.audit_log())  # the link's and the sign-in's rows in

    page = client.post("/submit", data={"confirmed": "yes"})
    said = text(page)
    assert page.status_code == 503 and "Retry-After" not in page.headers
    assert "<h1>Dossier de l'appel inaccessible</h1>" in said
    assert (f"Votre grille n'a pas été soumise{NB}: l'espace ne peut pas verrouiller le "
            f"dossier de l'appel pour y écrire ({WHY_FR}), et il doit le faire pour vérifier "
            "que votre soumission ne change pas ce que la séance a décidé. Rien n'est "
            f"perdu{NB}: vos notes restent en brouillon. Prévenez le secrétariat") in said
    assert ws.juror("j3").status == "open"
    assert (folder / "ratings" / "j3.csv").read_bytes() == ratings

    page = client.post("/dossier/AL16-01", data={"action": "deport", "reason": "Lien",
                                                 "confirmed": "yes"})
    said = text(page)
    assert page.status_code == 503
    assert f"Votre déport n'a pas été enregistré{NB}: l'espace ne peut pas" in said
    assert f"({WHY_FR})" in said and "le dossier reste dans votre liste" in said
    assert "AL16-01" in ws.dossiers_of("j3")[0]
    assert not (folder / "conflicts" / "j3.csv").exists()
    assert len(ws.audit_log()) == audit  # nothing recorded

    # the server goes on serving; the folder given back, the same submission goes through
    assert client.get("/").status_code == 200
    (folder / LOCK_NAME).rmdir()
    assert client.post("/submit", data={"confirmed": "yes"}).status_code == 303
    assert ws.juror("j3").status == "submitted"
    ws.close()


def test_a_lift_says_the_lock_refused_in_english_too(tmp_path: Path, db: str | None) -> None:
    folder = recused_elsewhere(tmp_path)
    ws = Workspace(folder, db)
    conflicts = (folder / "conflicts" / "j3.csv").read_bytes()
    lock_made_a_folder(folder)
    client = signed_in(ws, None)
    audit = len(ws.audit_log())
    page = client.post("/admin/lift/j3/AL16-02")
    said = text(page)
    assert page.status_code == 503 and "Retry-After" not in page.headers
    assert (f"Le déport n'a pas été levé{NB}: l'espace ne peut pas verrouiller le dossier de "
            f"l'appel pour y écrire ({WHY_FR})") in said
    assert (f"Rien n'a changé{NB}: le déport reste en place. Donnez au serveur de l'espace le "
            "droit d'écrire dans le dossier de l'appel, où .isgrid-write.lock doit être un "
            f"fichier ordinaire (s'il ne l'est pas, supprimez-le{NB}: isgrid en refait un), "
            "puis levez le déport de nouveau.") in said
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]
    assert (folder / "conflicts" / "j3.csv").read_bytes() == conflicts
    assert len(ws.audit_log()) == audit  # not checked: no refusal of the lift either

    client.get("/admin?lang=en")
    page = client.post("/admin/lift/j3/AL16-02")
    said = text(page)
    assert page.status_code == 503 and "<h1>Call folder out of reach</h1>" in said
    assert ("The recusal was not lifted: the workspace cannot lock the call folder to write "
            f"to it ({WHY_EN}), which it must do") in said
    assert client.get("/admin").status_code == 200
    ws.close()
