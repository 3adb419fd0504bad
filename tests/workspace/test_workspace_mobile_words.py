"""The words of the jury workspace for a juror on a phone and a tablet (the reviewer
"mobile"'s findings 6, 7, 8, 10; Flask test client, on SQLite and PostgreSQL):

* scoring closed on a reopened grid: one statement, never « vous pouvez de nouveau la
  modifier » (6);
* the page of a save refused because the session expired is titled as an error (7);
* the grid's own texts with French typography's non-breaking spaces, its words unchanged (8);
* « un autre appareil ou une autre fenêtre », « touchez ou cliquez » (10)."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa
from test_workspace_app import signed_in

from isgrid.workspace.store import Workspace
from isgrid.workspace.texts import TEXTS
from workspacecalls import alsace

NB, NNB = "\u00a0", "\u202f"
DID = "AL16-03"


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_scoring_closed_on_a_reopened_grid_is_said_once_and_coherently(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    juror = signed_in(ws, "j1")
    ws.submit("j1")
    ws.reopen("j1")
    opened = juror.get("/").get_data(as_text=True)
    assert "vous pouvez de nouveau la modifier" in opened  # reopened, scoring open
    ws.set_scoring(False, None)
    closed = juror.get("/").get_data(as_text=True)
    assert "vous pouvez de nouveau la modifier" not in closed
    assert closed.count("La notation est close") == 1
    assert (f"La notation est close{NB}: votre grille, que le secrétariat avait rouverte, ne "
            "peut plus être modifiée. Les notes que vous aviez soumises comptent, telles "
            "quelles.") in closed
    # the page to confirm a submission, merely opened: back to the list, no refused save
    page = juror.get("/submit")
    assert page.status_code == 303 and page.headers["Location"].endswith("/")


def test_a_save_refused_for_an_expired_session_is_titled_as_an_error(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    juror = signed_in(ws, "j1")
    csrf = token(juror.get(f"/dossier/{DID}").get_data(as_text=True))
    with ws.engine.begin() as conn:  # twelve hours later
        conn.execute(sa.text("UPDATE web_session SET expires_at = 0"))
    refused = juror.post(f"/dossier/{DID}", data={"action": "save", "csrf_token": csrf,
                                                  "page_of": "j1", "c:ALS-2": "Tapé le soir.",
                                                  "v:ALS-2": "3", "v:ALS-3": "2.5"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 401
    assert "Votre session a expiré" in html and "Tapé le soir." in html
    # the ratings as the page's buttons say them: ALS-2's level 3 is « Bon », 2.5 has no label
    assert "<dd>3 — Bon</dd>" in html
    assert "<dd>2,5</dd>" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).startswith(f"Erreur{NB}: rien n&#39;a été enregistré · ")


def test_the_grids_texts_get_french_spaces_and_keep_their_words(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    juror = signed_in(ws, "j1")
    html = juror.get(f"/dossier/{DID}").get_data(as_text=True)
    # ALS-4's guidance and ALS-5's, as written in the grid with ordinary spaces
    assert f"Capacité de la démarche à durer{NB}: modèle économique" in html
    assert f"engagement du porteur et des partenaires{NNB}; calendrier" in html
    # the call's title (call.yaml: ordinary spaces inside « »), on every page and its title
    assert html.count(f"«{NB}Innovation(s) sociale(s) en Alsace{NB}»") == 2
    text = re.sub(r"<[^>]+>", "", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    assert not re.search(r"\w [:;?!]", text), re.findall(r".{30}\w [:;?!].{10}", text)


def test_two_devices_and_touch_screens_are_named() -> None:
    french = " ".join(fr for fr, _ in TEXTS.values())
    english = " ".join(en for _, en in TEXTS.values())
    assert "dans une autre fenêtre" not in french.replace(
        "sur un autre appareil ou dans une autre fenêtre", "")
    assert "(autre fenêtre)" not in french
    assert not re.search(r"(?<!touchez ou )cliquez", french)
    assert not re.search(r"(?<!tap or )click “", english)
    assert "in another window" not in english.replace(
        "on another device or in another window", "")
    assert TEXTS["conflict.field"] == (
        f"Modifié sur un autre appareil ou dans une autre fenêtre{NB}: ce que vous avez saisi "
        "ici n'est pas enregistré.",
        "Changed on another device or in another window: what you typed here is not saved.")
