"""``isgrid serve`` behind the HTTPS reverse proxy its docs recommend (rev-ops finding 6):
every form was refused as « not sent from a page of this site » (the page's origin is the
proxy's https:// one, the app knew itself as http://), and the cookie was not ``Secure``.
``--public-url`` declares the proxy's origin, as for ``isgrid jury serve``.  The requests
below are what nginx forwards (``Host``, ``X-Forwarded-Proto``, the page's ``Origin``);
checked by hand with nginx and Chromium too (the report of this change)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli

ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "ISGRID_SECRET_KEY": "test"}
PUBLIC = "https://autoeval.example.org"


@contextmanager
def serving(*args: str) -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "isgrid", "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert m, line
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        yield m.group(0)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def through_proxy(base: str) -> tuple[int, str]:
    """The questionnaire then its result, as a browser on https://autoeval.example.org sends
    them through the proxy: (the result's status, the Set-Cookie of the questionnaire)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    proxied = {"Host": "autoeval.example.org", "X-Forwarded-Proto": "https",
               "X-Forwarded-For": "203.0.113.9"}
    with opener.open(urllib.request.Request(base + "/g/csess-2017", headers=proxied),
                     timeout=30) as resp:
        page = resp.read().decode("utf-8")
        set_cookie = resp.headers.get("Set-Cookie", "")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, page[:500]
    # the cookie came back Secure (or not): sent back by hand, as the browser does over https
    cookie = set_cookie.split(";", 1)[0]
    body = urllib.parse.urlencode({"csrf_token": token.group(1)}).encode()
    req = urllib.request.Request(base + "/g/csess-2017/result", data=body, method="POST",
                                 headers={**proxied, "Origin": PUBLIC, "Cookie": cookie,
                                          "Sec-Fetch-Site": "same-origin"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, set_cookie
    except urllib.error.HTTPError as exc:
        return exc.code, set_cookie


def test_behind_the_proxy_with_public_url_the_forms_work_and_the_cookie_is_secure() -> None:
    with serving("--public-url", PUBLIC) as base:
        status, cookie = through_proxy(base)
    assert status == 200
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_without_it_the_proxy_s_forms_are_refused_as_before() -> None:
    """What the docs now say to avoid: no --public-url behind an https:// proxy."""
    with serving() as base:
        status, cookie = through_proxy(base)
    assert status == 403 and "Secure" not in cookie


@pytest.mark.parametrize(("args", "said"), [
    (["--public-url", "http://autoeval.example.org"],
     "--public-url must be the https:// address of the reverse proxy"),
    (["--public-url", "https://services.example.org/autoeval"], "not under a path (/autoeval)"),
    (["--trusted-proxy", "10.0.0.5"], "--trusted-proxy goes with --public-url")])
def test_its_options_are_checked(args: list[str], said: str) -> None:
    run = CliRunner().invoke(cli, ["serve", *args])
    assert run.exit_code == 2 and said in run.output, run.output
