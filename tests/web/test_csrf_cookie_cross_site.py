"""The CSRF cookie is ``SameSite=Lax``: a juror's link opened from another site keeps it.

A browser sends no ``SameSite=Strict`` cookie on a navigation that starts on another site
(the juror's sign-in link clicked in a webmail).  The CSRF cookie (Flask's session cookie,
``isgrid_jury_csrf`` in the jurors' workspace) was ``Strict``: ``GET /signin/<secret>``
from the webmail found no session, made a new token, and its ``Set-Cookie`` replaced the
browser's; the juror's pages already open were refused (« this form has expired »), though
the same juror signed in again.  ``Lax`` is sent on that navigation (a GET, which changes
nothing), never on another site's POST; the sign-in cookie stays ``Strict``.

The test client sends every cookie it holds: :class:`Browser` leaves out, on a navigation
from another site, the cookies the app set ``SameSite=Strict``, as a browser does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask, request

from isgrid.web import security
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from workspacecalls import alsace

ORIGIN = {"Origin": "http://localhost"}


def token_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, html
    return m.group(1)


class Browser:
    """A test client that remembers each cookie's ``SameSite`` from the ``Set-Cookie``
    headers, and sends no ``Strict`` one on a navigation from another site."""

    def __init__(self, app: Flask) -> None:
        self.client = app.test_client()
        self.samesite: dict[str, str] = {}

    def _seen(self, resp: Any) -> Any:
        for header in resp.headers.getlist("Set-Cookie"):
            name = header.split("=", 1)[0]
            found = re.search(r"SameSite=(\w+)", header, re.IGNORECASE)
            self.samesite[name] = found.group(1).lower() if found else "lax"
        return resp

    def get(self, path: str) -> Any:
        return self._seen(self.client.get(path))

    def post(self, path: str, data: dict[str, str]) -> Any:  # from a page of the app
        return self._seen(self.client.post(path, data=data, headers=ORIGIN))

    def get_from_another_site(self, path: str) -> Any:
        held = {}
        for name, samesite in self.samesite.items():
            cookie = self.client.get_cookie(name)
            if samesite == "strict" and cookie is not None:
                held[name] = cookie.value
                self.client.delete_cookie(name)
        resp = self._seen(self.client.get(path))
        for name, value in held.items():  # (not sent, still in the browser)
            if self.client.get_cookie(name) is None:
                self.client.set_cookie(name, value)
        return resp


def test_the_link_opened_from_a_webmail_keeps_the_open_pages_saving(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    secret = ws.invite(["j1"])[0][1]
    browser = Browser(create_app(ws))
    page = browser.get(f"/signin/{secret}").get_data(as_text=True)
    assert browser.post("/signin", {"csrf_token": token_of(page),
                                    "secret": secret}).status_code == 303
    assert browser.samesite == {"isgrid_jury_csrf": "lax", "isgrid_jury": "strict"}
    did = ws.dossiers_of("j1")[0][0]
    crit = ws.criteria_of("j1")[0].id
    open_page = token_of(browser.get(f"/dossier/{did}").get_data(as_text=True))

    def save(value: str) -> int:
        return int(browser.post(f"/dossier/{did}", {
            "csrf_token": open_page, "action": "save", f"v:{crit}": value}).status_code)

    assert save("3") == 303
    # the same juror opens their link again, from their webmail, and signs in
    page = browser.get_from_another_site(f"/signin/{secret}").get_data(as_text=True)
    assert token_of(page) == open_page  # the browser's token, not a new one
    assert browser.post("/signin", {"csrf_token": token_of(page),
                                    "secret": secret}).status_code == 303
    assert save("2") == 303  # the page opened before still saves
    assert ws.sheet("j1", did)[0][crit][0] == "2"


def test_another_site_s_post_is_still_refused(tmp_path: Path) -> None:
    """Another site's form, even with a token it could not have read: refused by the
    origin check, whatever the cookie."""
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    secret = ws.invite(["j1"])[0][1]
    client = create_app(ws).test_client()
    token = token_of(client.get(f"/signin/{secret}").get_data(as_text=True))
    resp = client.post("/signin", data={"csrf_token": token, "secret": secret},
                       headers={"Origin": "https://webmail.example", "Sec-Fetch-Site":
                                "cross-site"})
    assert resp.status_code == 403
    assert not [h for h in resp.headers.getlist("Set-Cookie") if h.startswith("isgrid_jury=")]


def _signing_app() -> Flask:
    """Sign-in as ``role``/``id`` (security.keep_csrf_for), and a form to post."""
    app = Flask(__name__)
    security.install(app)

    @app.post("/signin")
    def signin() -> str:
        security.keep_csrf_for(request.form["id"], role=request.form["role"])
        return "in"

    @app.get("/form")
    def form() -> str:
        return str(security.csrf_field())

    @app.post("/save")
    def save() -> str:
        return "saved"

    return app


def test_the_token_is_bound_to_the_role_and_the_id() -> None:
    """A juror whose id is « secretariat », then the secretariat (whose sessions act as
    « secretariat »), in the same browser: bound to the id alone, the juror's open page
    acted for the secretariat.  Bound to role:id, it is refused; the same role and id
    signing in again keep it."""
    c = _signing_app().test_client()
    first = token_of(c.get("/form").get_data(as_text=True))

    def sign_in(role: str) -> None:
        assert c.post("/signin", data={"csrf_token": token_of(c.get("/form").get_data(
            as_text=True)), "role": role, "id": "secretariat"}, headers=ORIGIN).status_code == 200

    sign_in("juror")
    juror_page = token_of(c.get("/form").get_data(as_text=True))
    assert juror_page != first  # (no owner before: a new token for the juror)
    sign_in("juror")
    assert c.post("/save", data={"csrf_token": juror_page}, headers=ORIGIN).status_code == 200
    sign_in("secretary")
    assert c.post("/save", data={"csrf_token": juror_page}, headers=ORIGIN).status_code == 403
