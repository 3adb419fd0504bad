"""The sign-in link's secret stays out of the proxy's log where isgrid can keep it out
(rev-ops finding 8): the sign-in page's form sent its address, ``/signin/<secret>``, as
``Referer`` (logged by nginx's default format); its ``Referrer-Policy`` is now
``strict-origin``, so that the POST says only the site's origin.  Not ``no-referrer``: with
it, Chromium sends ``Origin: null`` with the form, which the CSRF check refuses (tried:
every sign-in failed with a 403).  After the sign-in, the redirect leaves the secret out of
the address bar."""

from __future__ import annotations

from typing import Any

import pytest

from browsers import MARKS
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from workspacecalls import alsace, served

expect = pytest.importorskip("playwright.sync_api").expect


def test_the_sign_in_page_sends_no_path_as_referer(tmp_path: Any) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = create_app(ws).test_client()
    secret = ws.invite(["j1"])[0][1]
    assert client.get(f"/signin/{secret}").headers["Referrer-Policy"] == "strict-origin"
    assert client.get("/signin/not-a-link").headers["Referrer-Policy"] == "strict-origin"
    # the other pages keep theirs (security.install)
    assert client.get("/").headers["Referrer-Policy"] == "same-origin"
    ws.close()


def browser_test(test: Any) -> Any:
    for mark in MARKS:  # the real-browser marks (browsers.py), on this test only
        test = mark(test)
    return test


@browser_test
def test_in_chromium_the_secret_is_in_no_referer_nor_the_address_bar(
        tmp_path: Any, browser: Any) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    secret = ws.invite(["j1"])[0][1]
    posts: list[dict[str, str]] = []
    with served(create_app(ws), threads=2) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("request", lambda r: posts.append(r.headers) if r.method == "POST"
                    else None)
            page.goto(f"{base}/signin/{secret}")
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(f"{base}/")
            expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
            url = page.url
        finally:
            context.close()
    assert len(posts) == 1
    assert posts[0].get("origin") == base  # the CSRF check's origin, not "null"
    assert posts[0].get("referer") == base + "/"
    assert url == f"{base}/" and secret not in url
    ws.engine.dispose()
