"""The servers' log lines (rev-ops finding 10): « internal error » then a traceback, « sign-in
failed from … », with no time nor request; under nohup (no time stamp of its own) an incident
could not be dated nor matched with the proxy's access log.  Now each line says when (with
the UTC offset), the level, the request's method and path (never a sign-in link's secret,
never the query), then the message."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from isgrid.web.server import _OURS, log_to_stderr
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from webclients import same_origin_client
from workspacecalls import alsace

WHEN = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """The servers' log lines written to a text buffer.  ``log_to_stderr`` adds its handler
    once per process: one a server started by an earlier test of this process left (the
    proxy's tests serve the workspace) is set aside meanwhile, else the lines went to it,
    not to this buffer (this module failed after tests/workspace/test_workspace_proxy.py)."""
    loggers = [logging.getLogger(name) for name in ("isgrid", "waitress")]
    earlier = [(lg, h) for lg in loggers for h in list(lg.handlers)
               if getattr(h, _OURS, False)]
    for lg, h in earlier:
        lg.removeHandler(h)
    out = io.StringIO()
    handler = log_to_stderr(out)
    try:
        yield out
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
        for lg, h in earlier:
            lg.addHandler(h)


def test_each_line_has_its_time_and_request_and_no_secret(
        tmp_path: Path, logged: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = same_origin_client(create_app(ws))
    assert client.post("/signin?x=secret-in-query", data={"secret": "guess"}).status_code == 403
    secret = ws.invite(["j1"])[0][1]

    def broken(_secret: str) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ws, "link_owner", broken)
    assert client.get(f"/signin/{secret}").status_code == 500
    lines = logged.getvalue().splitlines()
    assert re.fullmatch(WHEN + r" WARNING POST /signin: sign-in failed from 127\.0\.0\.1",
                        lines[0]), lines
    assert re.fullmatch(WHEN + r" ERROR GET /signin/…: internal error", lines[1]), lines
    assert "Traceback" in lines[2] and "the database went away" in logged.getvalue()
    assert secret not in logged.getvalue() and "secret-in-query" not in logged.getvalue()
    ws.close()


def test_outside_a_request_the_line_has_no_request(logged: io.StringIO) -> None:
    logging.getLogger("isgrid.web.server").info("stopped (Ctrl+C or SIGTERM)")
    assert re.fullmatch(WHEN + r" INFO stopped \(Ctrl\+C or SIGTERM\)\n", logged.getvalue())
    assert log_to_stderr() is log_to_stderr()  # installed once per process


def test_a_path_cannot_forge_a_line_nor_reorder_one(tmp_path: Path,
                                                   logged: io.StringIO) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = same_origin_client(create_app(ws))
    secret = ws.invite(["j2"])[0][1]
    assert client.get(f"/signin/{secret}").status_code == 200
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    logged.truncate(0)
    logged.seek(0)
    forged = "/dossier/AL16-06%0A2026-12-07T00:00:00+0000%20INFO%20forged%20line%E2%80%AEtxt"
    assert client.get(forged).status_code == 404
    lines = logged.getvalue().splitlines()
    # its request and its messages as repr quotes a text: the newline and U+202E escaped
    assert len(lines) == 2, lines
    assert re.fullmatch(
        WHEN + r" WARNING GET /dossier/AL16-06\\n2026-12-07T00:00:00\+0000 INFO forged "
        r"line\\u202etxt: refused: juror 'j2' asked for dossier "
        r"'AL16-06\\n2026-12-07T00:00:00\+0000 INFO forged line\\u202etxt', which is not "
        r"theirs", lines[0]), lines
    assert re.fullmatch(WHEN + r" WARNING GET /dossier/AL16-06\\n2026.*: refused: j2 asked "
                        r"for /dossier/AL16-06\\n2026-12-07T00:00:00\+0000 INFO forged "
                        r"line\\u202etxt", lines[1]), lines
    assert "\u202e" not in logged.getvalue()
    ws.close()
