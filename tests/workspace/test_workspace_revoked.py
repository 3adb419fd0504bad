"""A juror whose links the secretariat revoked is told their access was withdrawn (not that
their session « expired », to reopen the very link revoked), and the dashboard marks them
revoked with the command that invites them again (review rev-ops, finding 11)."""

from __future__ import annotations

from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.store import Workspace
from workspacecalls import alsace


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_revoked_juror_is_told_so_and_the_dashboard_marks_them(
        tmp_path: Path, db: str | None) -> None:
    # 1_800_000_000 s = 15 January 2027 08:00 UTC = 09:00 in Paris (UTC+1 in winter)
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db, clock=Clock())
    juror = signed_in(ws, "j2")
    sec = signed_in(ws, None)
    assert juror.get("/").status_code == 200
    assert sec.post("/admin/revoke/j2").status_code == 303

    page = juror.get("/dossier/AL16-02")  # the page they had open, reloaded
    text = page.get_data(as_text=True)
    assert page.status_code == 401
    assert "Le secrétariat a retiré l&#39;accès de ce lien à l&#39;espace du jury" in text
    assert "<title>Accès retiré" in text
    assert "expiré" not in text
    assert "retiré" in juror.get("/").get_data(as_text=True)  # their list too
    # a form sent from the page left open (without JavaScript): said, the text shown back
    sent = juror.post("/dossier/AL16-02", data={"action": "save", "c:ALS-2": "Très ancré"})
    text = sent.get_data(as_text=True)
    assert sent.status_code == 401 and "Très ancré" in text
    assert "ce que vous avez tapé n&#39;est pas enregistré" in text and "retiré" in text
    assert "expiré" not in text
    auto = juror.post("/dossier/AL16-02", data={"action": "save", "c:ALS-2": "x"},
                      headers={"X-Autosave": "1"})
    assert (auto.status_code, auto.get_json()) == (401, {"reason": "revoked"})

    dash = sec.get("/admin").get_data(as_text=True)
    row = dash.split('id="juror-j2"', 1)[1].split("</tr>", 1)[0]
    assert "liens révoqués le 15 janvier 2027 à 9\u00a0h\u00a000" in row
    assert "isgrid jury invite APPEL --juror j2 -o lien.csv" in row
    other = dash.split('id="juror-j1"', 1)[1].split("</tr>", 1)[0]
    assert "révoqués" not in other  # never invited: nothing revoked

    # invited again: no longer marked, and the new link signs in
    again = signed_in(ws, "j2")
    assert again.get("/").status_code == 200
    row = sec.get("/admin").get_data(as_text=True).split('id="juror-j2"', 1)[1]
    assert "révoqués" not in row.split("</tr>", 1)[0]


def test_an_expired_session_is_still_said_expired(tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db, clock=clock)
    juror = signed_in(ws, "j1")
    clock.now += 13 * 3600  # sessions last 12 hours
    text = juror.get("/").get_data(as_text=True)
    assert "Votre session a expiré" in text and "retiré" not in text
