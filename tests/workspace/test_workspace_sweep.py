"""Expired sessions and sign-in links deleted from the workspace's database (review ops20,
left then: a session row says who signed in and when, kept for nothing once expired), on
SQLite and PostgreSQL: at every opening of the workspace, and at most every ten minutes
while the server runs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from isgrid.workspace.access import SWEEP_SECONDS
from isgrid.workspace.app import COOKIE, create_app
from isgrid.workspace.db import Audit, SignInToken, WebSession
from isgrid.workspace.store import Workspace
from webclients import same_origin_client
from workspacecalls import alsace

HOUR = 3600.0
T0 = 1_800_000_000.0


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def rows(ws: Workspace) -> tuple[int, list[tuple[str | None, float | None]]]:
    """(how many sessions, the links as (juror, revoked_at) in the order made)."""
    with ws.tx() as s:
        sessions = int(s.scalar(select(func.count()).select_from(WebSession)) or 0)
        links = [(t.juror_id, t.revoked_at)
                 for t in s.scalars(select(SignInToken).order_by(SignInToken.id))]
    return sessions, links


def audit_rows(ws: Workspace) -> int:
    with ws.tx() as s:
        return int(s.scalar(select(func.count()).select_from(Audit)) or 0)


def test_expired_sessions_and_links_are_deleted_the_dashboards_revocations_kept(
        tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    folder = alsace(tmp_path)
    ws = Workspace(folder, db, clock=clock)
    links = {a.id: secret for a, secret, _ in ws.invite(["j1", "j2", "j3"], days=2)}
    ws.secretary_link()  # 12 hours
    s1 = ws.sign_in(links["j1"])
    s1b = ws.sign_in(links["j1"])  # a second browser
    s2 = ws.sign_in(links["j2"])
    assert s1 and s1b and s2
    ws.revoke("j3")  # at T0: j3's link revoked, no session
    assert rows(ws)[0] == 3 and ws.sweep_expired() == (0, 0)  # nothing expired yet

    clock.now = T0 + 13 * HOUR  # the sessions (12 h) and the secretariat's link expired
    ws.invite(["j2"], days=2)  # j2's first link revoked now; the new one ends at T0 + 61 h
    before = audit_rows(ws)
    assert ws.sweep_expired() == (3, 1)
    assert ws.principal(s1[0]) is None and ws.principal(s2[0]) is None
    sessions, left = rows(ws)
    assert sessions == 0
    assert left == [("j1", None), ("j2", T0 + 13 * HOUR), ("j3", T0), ("j2", None)]
    assert audit_rows(ws) == before  # the audit log keeps every sign-in, untouched

    clock.now = T0 + 72 * HOUR  # every link expired
    revoked = ws.revoked_jurors()
    # j2: no valid link, its last revoked one at T0 + 13 h (what the dashboard says)
    assert revoked == {"j2": T0 + 13 * HOUR, "j3": T0}
    # deleted: j1's link (expired, never revoked) and j2's second one (expired); kept:
    # the link whose revocation the dashboard shows for j2 and for j3
    assert ws.sweep_expired() == (0, 2)
    assert rows(ws)[1] == [("j2", T0 + 13 * HOUR), ("j3", T0)]
    assert ws.revoked_jurors() == revoked
    ws.close()


def test_an_expired_revoked_link_goes_once_the_juror_has_a_valid_one(
        tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    ws = Workspace(alsace(tmp_path), db, clock=clock)
    ws.invite(["j3"], days=1)
    ws.revoke("j3")
    clock.now = T0 + 48 * HOUR  # the revoked link expired
    assert ws.sweep_expired() == (0, 0)  # j3 has no valid link: the revocation is shown
    ws.invite(["j3"], days=1)
    assert ws.revoked_jurors() == {}
    assert ws.sweep_expired() == (0, 1)
    assert [j for j, _ in rows(ws)[1]] == ["j3"]
    ws.close()


def test_opening_the_workspace_deletes_what_expired_while_it_was_stopped(
        tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    folder = alsace(tmp_path)
    ws = Workspace(folder, db, clock=clock)
    (_, secret, _), = ws.invite(["j1"], days=30)
    assert ws.sign_in(secret)
    ws.close()  # the server stopped, a session still valid
    clock.now = T0 + 12 * HOUR + 1
    again = Workspace(folder, db, clock=clock)  # jury serve, secretariat, invite…
    assert rows(again) == (0, [("j1", None)])  # the link is valid for 30 days: kept
    again.close()


def test_the_server_sweeps_at_most_every_ten_minutes(tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    ws = Workspace(alsace(tmp_path), db, clock=clock)
    client = same_origin_client(create_app(ws))
    (_, secret, _), = ws.invite(["j1"], days=30)
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    assert client.get_cookie(COOKIE) is not None
    assert rows(ws)[0] == 1
    # opened at T0: the next sweep is due at T0 + 600 s; the session expires at T0 + 12 h
    clock.now = T0 + 12 * HOUR + 1
    ws._swept_at = clock.now - SWEEP_SECONDS + 1  # a sweep 599 s ago: not yet
    page = client.get("/")
    assert page.status_code == 200 and "expiré" in page.get_data(as_text=True)
    assert rows(ws)[0] == 1
    clock.now += 1  # 600 s since the last sweep: this request sweeps
    client.get("/")
    assert rows(ws)[0] == 0
    ws.close()
