"""The database failing while the workspace serves: 503, what was typed shown back, one log line.

A full disk under SQLite was « Erreur 500 · Une erreur interne est survenue », the comment a
juror had typed on a dossier gone (a form posted without the script), and the log said
« internal error » then forty lines of traceback (review ops20, finding 3).  The disk is
filled here as SQLite sees it: ``PRAGMA max_page_count`` at the database's size, so that any
write is refused with « database or disk is full », as on a full partition.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from webclients import SameOriginClient, same_origin_client
from workspacecalls import alsace

#: longer than a page of the database: written, it needs new pages
COMMENT = "Un long commentaire tapé pendant vingt minutes, sans JavaScript. " * 80


def signed_in(ws: Workspace, juror: str) -> SameOriginClient:
    client = same_origin_client(create_app(ws))
    secret = ws.invite([juror])[0][1]
    assert client.get(f"/signin/{secret}").status_code == 200
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    return client


def fill_the_disk(ws: Workspace) -> None:
    """Every connection from now on refuses to grow the database (SQLITE_FULL)."""
    @event.listens_for(ws.engine, "connect")
    def _full(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.execute("VACUUM")  # no free page left to write in
        pages = cur.execute("PRAGMA page_count").fetchone()[0]
        cur.execute(f"PRAGMA max_page_count = {pages}")
        cur.close()

    ws.engine.dispose()  # the pooled connections, opened before, closed


def read_only(ws: Workspace) -> None:
    """Every connection from now on refuses to write (a database file made read-only)."""
    @event.listens_for(ws.engine, "connect")
    def _read_only(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA query_only = 1")

    ws.engine.dispose()


def test_a_full_disk_says_so_and_gives_back_what_the_juror_typed(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    other = same_origin_client(create_app(ws))
    secret = ws.invite(["j2"])[0][1]
    fill_the_disk(ws)
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": COMMENT, "opinion": "favorable"}
    caplog.set_level(logging.ERROR, logger="isgrid")
    resp = client.post("/dossier/AL16-02", data=form)
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "30"
    page = html.unescape(resp.get_data(as_text=True))
    assert COMMENT in page  # shown back, to copy
    assert "L'espace ne peut pas enregistrer pour le moment" in page
    assert "erreur interne" not in page
    # one line in the server's log, the database's own words, no traceback
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failed) == 1 and failed[0].exc_info is None
    assert failed[0].getMessage() == (
        "the workspace's database failed, nothing of this request was recorded: "
        "database or disk is full")
    assert ws.sheet("j1", "AL16-02")[0] == {}  # nothing was recorded
    # the autosave script: told why, in JSON (it keeps the text on the page)
    auto = client.post("/dossier/AL16-02", data=form, headers={"X-Autosave": "1"})
    assert auto.status_code == 503 and auto.get_json() == {"reason": "database"}
    # the page carries the words the script says for that reason
    dossier = html.unescape(client.get("/dossier/AL16-02").get_data(as_text=True))
    assert 'data-unsaved-database="L\'espace ne peut pas enregistrer' in dossier
    # another page that writes (a sign-in records a session, a small row that still fits
    # in the database's pages): the database made read-only, the workspace's words
    read_only(ws)
    signin = other.post("/signin", data={"secret": secret})
    assert signin.status_code == 503
    said = html.unescape(signin.get_data(as_text=True))
    assert "L'espace ne peut pas répondre pour le moment" in said and "rien n'a été fait" in said
    assert "attempt to write a readonly database" in caplog.text


def test_in_english_too(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    assert client.get("/?lang=en").status_code == 200
    fill_the_disk(ws)
    resp = client.post("/dossier/AL16-02", data={"action": "save", "c:ALS-2": COMMENT})
    page = html.unescape(resp.get_data(as_text=True))
    assert resp.status_code == 503 and COMMENT in page
    assert "The workspace cannot save for the moment" in page
