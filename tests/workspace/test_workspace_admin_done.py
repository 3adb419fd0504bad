"""The secretariat's dashboard says what its last action did, as the juror's pages do
(``?done=…``): « Déport de j1 sur AL16-02 levé. », « Grille de j1 rouverte. », « Liens de j2
révoqués. » (and in English).  It went back to the dashboard without a word: the
secretariat could not tell the action was taken.  The address names the juror and the
dossier; a juror or a dossier the call does not have is not said."""

from __future__ import annotations

import html
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.store import Workspace
from workspacecalls import alsace

MSG = '<p class="msg" role="status">'


def said(page: str) -> list[str]:
    """The texts of the page's status messages (« j1's », its apostrophe unescaped)."""
    return [html.unescape(part.split("</p>", 1)[0]) for part in page.split(MSG)[1:]]


def test_lift_reopen_and_revoke_are_said(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    ws.set_scoring(True, None)
    ws.deport("j1", "AL16-02", "Cousin du président")
    sec = signed_in(ws, None)
    assert said(sec.get("/admin").get_data(as_text=True)) == []

    lifted = sec.post("/admin/lift/j1/AL16-02")
    where = "/admin?done=lifted&juror=j1&dossier=AL16-02"
    assert lifted.status_code == 303 and lifted.headers["Location"] == where
    assert ws.dossiers_of("j1")[1] == []
    assert said(sec.get(where).get_data(as_text=True)) == ["Déport de j1 sur AL16-02 levé."]
    assert said(sec.get(where + "&lang=en").get_data(as_text=True)) == [
        "j1's recusal from AL16-02 lifted."]
    sec.get("/admin?lang=fr")

    ws.submit("j1")
    reopened = sec.post("/admin/reopen/j1")
    assert reopened.headers["Location"] == "/admin?done=reopened&juror=j1"
    assert ws.juror("j1").status == "open"
    page = sec.get(reopened.headers["Location"]).get_data(as_text=True)
    assert said(page) == ["Grille de j1 rouverte."]
    assert said(sec.get("/admin?done=reopened&juror=j1&lang=en").get_data(as_text=True)) == [
        "j1's sheet reopened."]
    sec.get("/admin?lang=fr")

    revoked = sec.post("/admin/revoke/j2")
    assert revoked.headers["Location"] == "/admin?done=revoked&juror=j2"
    assert said(sec.get(revoked.headers["Location"]).get_data(as_text=True)) == [
        "Liens de j2 révoqués."]


def test_an_address_naming_what_the_call_has_not_says_nothing(tmp_path: Path,
                                                              db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    sec = signed_in(ws, None)
    for query in ("done=lifted&juror=Nobody&dossier=AL16-02",  # no such juror
                  "done=lifted&juror=j1&dossier=AL16-99",  # no such dossier
                  "done=lifted&juror=j1",  # no dossier
                  "done=saved&juror=j1",  # not a secretariat's action
                  "done=reopened"):
        page = sec.get(f"/admin?{query}")
        assert page.status_code == 200 and said(page.get_data(as_text=True)) == [], query
