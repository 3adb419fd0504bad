"""30 jurors at once against the real WSGI server (waitress on 127.0.0.1), on SQLite and
PostgreSQL: every draft saved, every sheet submitted, no update lost, no rating twice."""

from __future__ import annotations

import csv
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import isgrid
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from workspacecalls import many_jurors, served

JURORS = 30
ROUNDS = 2  # each juror saves every dossier twice (the second save must win), then submits
CRITERIA = ["AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5"]
DOSSIERS = ["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-06", "AL16-07",
            "AL16-08"]


def value(juror: int, dossier: int, criterion: int, rnd: int) -> int:
    return (juror + dossier + criterion + rnd) % 5  # 0-4, the grid's scale


class Browser:
    """What a juror's browser does: cookies, the form's CSRF token, its own Origin."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as resp:
            html: str = resp.read().decode("utf-8")
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return html

    def post(self, path: str, data: dict[str, str]) -> int:
        body = urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        req = urllib.request.Request(self.base + path, data=body, method="POST",
                                     headers={"Origin": self.base})
        try:
            with self.opener.open(req, timeout=60) as resp:
                resp.read()
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)


@pytest.fixture
def server(tmp_path: Path, db: str | None) -> Iterator[tuple[Workspace, str]]:
    ws = Workspace(many_jurors(tmp_path, JURORS), db)
    try:
        with served(create_app(ws), threads=8) as base:
            yield ws, base
    finally:
        ws.engine.dispose()


def test_thirty_jurors_at_once_lose_nothing(server: tuple[Workspace, str]) -> None:
    ws, base = server
    links = {a.id: secret for a, secret, _ in ws.invite()}
    errors: list[str] = []
    start = threading.Barrier(JURORS)

    def juror(i: int) -> None:
        aid = f"j{i:02d}"
        b = Browser(base)
        try:
            b.get(f"/signin/{links[aid]}")
            start.wait(timeout=60)
            assert b.post("/signin", {"secret": links[aid]}) == 200  # 303 then the home page
            b.get(f"/dossier/{DOSSIERS[0]}")  # the form's token (the session's)
            for rnd in range(ROUNDS):
                for d, did in enumerate(DOSSIERS):
                    form = {f"v:{c}": str(value(i, d, k, rnd))
                            for k, c in enumerate(CRITERIA)}
                    status = b.post(f"/dossier/{did}", {"action": "save", **form})
                    if status != 200:
                        errors.append(f"{aid} {did} round {rnd}: {status}")
            if b.post("/submit", {"confirmed": "yes"}) != 200:
                errors.append(f"{aid}: submit failed")
        except Exception as exc:  # reported below, with the juror
            errors.append(f"{aid}: {exc!r}")

    threads = [threading.Thread(target=juror, args=(i,)) for i in range(1, JURORS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    # every juror's file holds exactly their last round: 8 dossiers × 7 criteria, once each
    last = ROUNDS - 1
    for i in range(1, JURORS + 1):
        aid = f"j{i:02d}"
        assert ws.juror(aid).status == "submitted"
        with (ws.folder / "ratings" / f"{aid}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        got = {(r["dossier"], r["criterion"]): r["value"] for r in rows}
        assert len(rows) == len(got) == len(DOSSIERS) * len(CRITERIA)
        assert got == {(did, c): str(value(i, d, k, last)) for d, did in enumerate(DOSSIERS)
                       for k, c in enumerate(CRITERIA)}
    # the call loads (a duplicate would be an error) with 30 × 56 jurors' ratings + i1's
    call = isgrid.load_call(ws.folder)
    assert sum(1 for r in call.ratings if r.assessor != "i1") == JURORS * 56
    drafts = [a for a in ws.audit_log(limit=10_000) if a.action == "draft"]
    assert len(drafts) == JURORS * len(DOSSIERS) * ROUNDS  # each save recorded once


def test_behind_a_proxy_sign_in_is_limited_per_forwarded_address(tmp_path: Path) -> None:
    ws = Workspace(many_jurors(tmp_path, 1))
    # (cookies not Secure here: this client speaks http to the server, as the proxy does)
    app = create_app(ws, signin_limit=2, trusted_origins=("https://jury.example.org",))

    def attempt(client: str) -> str:
        b = Browser(base)
        b.get(f"/signin/{ws.secretary_link()}")  # a sign-in page, for its form's token
        body = urllib.parse.urlencode({"secret": "guess", "csrf_token": b.token}).encode()
        req = urllib.request.Request(base + "/signin", data=body, method="POST", headers={
            "Origin": "https://jury.example.org", "X-Forwarded-For": client,
            "X-Forwarded-Proto": "https"})
        try:
            with b.opener.open(req, timeout=30) as resp:
                return f"{resp.status}"
        except urllib.error.HTTPError as exc:
            page = exc.read().decode("utf-8")
            return f"{exc.code} " + ("bad link" if "pas valable" in page else
                                     "limited" if "Trop de tentatives" in page else "other")

    with served(app, threads=2, behind_proxy=True) as base:
        # two failures from one juror's address block that address, not the others
        assert [attempt("203.0.113.7") for _ in range(3)] == [
            "403 bad link", "403 bad link", "429 limited"]
        assert attempt("198.51.100.2") == "403 bad link"
    ws.engine.dispose()
