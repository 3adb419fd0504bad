"""The workspace behind a reverse proxy (rev-ops findings 3, 4): the proxy's address declared
(``--trusted-proxy``), the sign-in limit never refusing a valid link, an address with a
path refused."""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from workspacecalls import alsace, served


@pytest.mark.parametrize(("proxy", "seen"), [("127.0.0.1", "203.0.113.7"),
                                              ("10.0.0.5", "127.0.0.1")])
def test_the_forwarded_address_is_believed_from_the_declared_proxy_only(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, proxy: str, seen: str) -> None:
    """The test's requests come from 127.0.0.1: with the proxy declared there (the default)
    the X-Forwarded-For address is the client's; with the proxy declared elsewhere
    (10.0.0.5), a request from 127.0.0.1 is not the proxy's and its header is dropped."""
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    app = create_app(ws, trusted_origins=("https://jury.example.org",))
    caplog.set_level(logging.WARNING, logger="isgrid.workspace")
    # a real sign-in page first, for its form's CSRF token
    with served(app, threads=2, behind_proxy=True, trusted_proxy=proxy) as base:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(base + f"/signin/{ws.secretary_link()}", timeout=30).read()
        token = page.decode("utf-8").split('name="csrf_token" value="')[1].split('"')[0]
        body = urllib.parse.urlencode({"secret": "guess", "csrf_token": token}).encode()
        req = urllib.request.Request(base + "/signin", data=body, method="POST", headers={
            "Origin": "https://jury.example.org", "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(req, timeout=30)
        assert refused.value.code == 403
    said = [r.getMessage() for r in caplog.records if "sign-in failed" in r.getMessage()]
    assert said == [f"sign-in failed from {seen}"]
    ws.engine.dispose()


def test_trusted_proxy_is_an_ip_address_given_with_public_url(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    run = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--public-url",
                                   "https://jury.example.org", "--trusted-proxy", "proxy.dmz"])
    assert run.exit_code == 2, run.output
    assert "--trusted-proxy proxy.dmz is not an IP address" in run.output
    run = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--trusted-proxy", "10.0.0.5"])
    assert run.exit_code == 2 and "--trusted-proxy goes with --public-url" in run.output


@pytest.mark.parametrize(("command", "option"), [
    (["jury", "invite", "-o", "liens.csv"], "--base-url"),
    (["jury", "serve"], "--public-url"),
    (["jury", "secretariat"], "--base-url")])
def test_an_address_under_a_path_is_refused_at_once(
        tmp_path: Path, command: list[str], option: str) -> None:
    """rev-ops finding 3: ``https://localhost:8733/jury`` was accepted and put in every link,
    and the sign-in form then posted to the proxy's root (another application)."""
    folder = alsace(tmp_path)
    args = [*command[:2], str(folder), *[c if c != "liens.csv" else str(tmp_path / c)
                                         for c in command[2:]]]
    run = CliRunner().invoke(cli, [*args, option, "https://localhost:8733/jury"])
    assert run.exit_code == 2, run.output
    assert (f"{option} https://localhost:8733/jury: isgrid's pages are served at the root of "
            "a host name, not under a path (/jury)") in run.output
    assert not (tmp_path / "liens.csv").exists()


def test_the_address_given_is_the_origin_a_browser_sends(tmp_path: Path) -> None:
    from isgrid.cli.juryweb import site_root

    assert site_root("--public-url", "https://Jury.Example.org:443/",
                     https_only=True) == "https://jury.example.org"
    assert site_root("--base-url", "http://127.0.0.1:8771") == "http://127.0.0.1:8771"
    assert site_root("--base-url", "http://[::1]:80/") == "http://[::1]"
    folder = alsace(tmp_path)
    out = tmp_path / "liens.csv"
    run = CliRunner().invoke(cli, ["jury", "invite", str(folder), "-o", str(out),
                                   "--base-url", "https://JURY.example.org:443/"])
    assert run.exit_code == 0, run.output
    assert "https://jury.example.org/signin/" in out.read_text(encoding="utf-8-sig")
    for bad, said in [("https://jury.example.org?x=1", "not under a path (?x=1)"),
                      ("https://", "https:// names no host"),
                      ("https://jury.example.org:99999", "names no host")]:
        run = CliRunner().invoke(cli, ["jury", "secretariat", str(folder), "--base-url", bad])
        assert run.exit_code == 2 and said in run.output, run.output
