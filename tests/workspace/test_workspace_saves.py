"""A juror never loses what they typed (Flask test client and the store, on SQLite and
PostgreSQL): comments are stored with ``\\n`` line ends."""

from __future__ import annotations

from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.draft import digest
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

DID = "AL16-02"
AUTO = {"X-Autosave": "1"}


def test_comments_are_stored_with_newlines(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    client = signed_in(ws, "j1")
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Ancrage fort.\r\nÀ suivre.",
            "shared": "Un\r\ndeux\rtrois"}
    assert client.post(f"/dossier/{DID}", data=form, headers=AUTO).status_code == 200
    assert ws.sheet("j1", DID) == ({"ALS-2": ("3", "Ancrage fort.\nÀ suivre.")},
                                   ("", "", "Un\ndeux\ntrois"))
    # the page's bases are those of what is stored: the same text sent again from the
    # page (with the browser's \r\n) is no change, and a stale page cannot write over it
    assert ws.bases("j1", DID)["c:ALS-2"] == digest("Ancrage fort.\r\nÀ suivre.")
    ws.save("j1", DID, Entry(comments={"ALS-2": "Ancrage fort.\r\nÀ revoir."},
                             values={"ALS-2": "3"}))
    ws.submit("j1")
    lines = (folder / "ratings" / "j1.csv").read_bytes().decode("utf-8")
    assert "\r" not in lines and '"Ancrage fort.\nÀ revoir."' in lines
