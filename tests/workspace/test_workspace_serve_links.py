"""``isgrid jury invite --base-url https://…`` then ``isgrid jury serve`` without
``--public-url`` (docs/fr's two commands, the reviewer "mobile"'s finding 2): the server
takes the links' https:// address as its public one (Secure cookies, forms posted from that
origin accepted) and says so; every sign-in through the proxy was refused before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from workspacecalls import alsace


def served_with(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[dict[str, Any], str]:
    """``isgrid jury serve`` with ``args``, the server itself replaced: how it would serve,
    and what the command said (the server ready on port 8770)."""
    seen: dict[str, Any] = {}

    def fake(ws: Any, host: str, port: int, **options: Any) -> None:
        seen.update(options, host=host, port=port)
        options["on_ready"](port)

    monkeypatch.setattr("isgrid.workspace.app.serve", fake)
    run = CliRunner().invoke(cli, ["jury", "serve", *args, "--no-secretariat-link"])
    assert run.exit_code == 0, run.output
    return seen, run.output


def test_serve_takes_the_https_address_of_the_invitation_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    run = CliRunner().invoke(cli, ["jury", "invite", str(folder), "-o",
                                   str(tmp_path / "liens.csv"), "--base-url",
                                   "https://jury.example.org"])
    assert run.exit_code == 0, run.output
    seen, said = served_with(monkeypatch, str(folder))
    assert seen["trusted_origins"] == ("https://jury.example.org",)
    assert seen["secure_cookies"] is True
    assert seen["port"] == 8770  # the proxy's port is not the server's
    assert ("Public address: https://jury.example.org, that of the invitation links "
            "(isgrid jury invite --base-url)") in said
    assert "invitation links (isgrid jury invite) open" not in said
    # --public-url given: that one, and nothing said of the links' address
    seen, said = served_with(monkeypatch, str(folder), "--public-url", "https://autre.example.org")
    assert seen["trusted_origins"] == ("https://autre.example.org",)
    assert "Public address" not in said
    assert "Warning: the invitation links (isgrid jury invite) open https://jury.example.org" in said


def test_http_links_keep_a_local_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    run = CliRunner().invoke(cli, ["jury", "invite", str(folder), "-o",
                                   str(tmp_path / "liens.csv"), "--base-url",
                                   "http://127.0.0.1:8793"])
    assert run.exit_code == 0, run.output
    seen, said = served_with(monkeypatch, str(folder))
    assert seen["trusted_origins"] == () and seen["secure_cookies"] is False
    assert seen["port"] == 8793
    assert "Public address" not in said
