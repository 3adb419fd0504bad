"""``isgrid.web.server``: both web applications are served by waitress and stop cleanly
on Ctrl+C and on SIGTERM (``kill PID``, ``systemctl stop``), letting a request being
served finish; a port already taken is a clear usage error, not a traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest

from workspacecalls import alsace

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _first_url(stream: IO[str], marker: str) -> str:
    """The first http:// address on the line that holds ``marker``."""
    for line in stream:
        if marker in line:
            return "http" + line.split("http", 1)[1].split()[0].rstrip(".")
    raise AssertionError(f"the server never said {marker!r}")


def _stop(proc: subprocess.Popen[str], sig: signal.Signals) -> int:
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"the server did not stop within 30 s of {sig.name}")


def test_self_assessment_pages_are_served_by_waitress_and_stop_on_sigterm() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "isgrid", "serve", "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert proc.stderr is not None
        url = _first_url(proc.stderr, "isgrid")
        with urllib.request.urlopen(url, timeout=30) as resp:
            assert resp.status == 200
            assert resp.headers["Server"] == "isgrid"  # waitress, not Werkzeug's server
    finally:
        code = _stop(proc, signal.SIGTERM)
    assert code == 0  # stopped by isgrid, not killed by the signal (-15)


def test_jury_serve_stops_on_sigterm(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--port", "0",
         "--secretariat-link"],
        stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert proc.stderr is not None
        link = _first_url(proc.stderr, "Secretariat sign-in")
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe empty
        with urllib.request.urlopen(link, timeout=30) as resp:
            assert resp.status == 200 and resp.headers["Server"] == "isgrid"
    finally:
        code = _stop(proc, signal.SIGTERM)
    assert code == 0


SLOW_APP = """
import sys, time
from isgrid.web.server import make_server, run

def app(environ, start_response):
    time.sleep(1.5)  # a request being served when the signal comes
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done"]

server = make_server(app, "127.0.0.1", 0, threads=2)
print("listening on http://127.0.0.1:%d/" % int(server.effective_port), file=sys.stderr)
run(server)
print("stopped", file=sys.stderr)
"""


def test_a_request_being_served_finishes_after_sigterm() -> None:
    proc = subprocess.Popen([sys.executable, "-c", SLOW_APP], stderr=subprocess.PIPE,
                            text=True, env=ENV)
    got: list[bytes] = []
    try:
        assert proc.stderr is not None
        url = _first_url(proc.stderr, "listening")
        client = threading.Thread(
            target=lambda: got.append(urllib.request.urlopen(url, timeout=30).read()))
        client.start()
        time.sleep(0.5)  # the request is in the application now
        code = _stop(proc, signal.SIGTERM)
        client.join(timeout=30)
        rest = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert got == [b"done"]  # the answer was given before the server stopped
    assert code == 0 and "stopped" in rest  # run() returned: the program went on


def test_a_port_already_taken_is_a_usage_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "isgrid", "--lang", "fr", "serve",
                               "--port", str(port)],
                              capture_output=True, text=True, env=ENV, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"impossible d'écouter sur 127.0.0.1:{port}\u00a0:" in proc.stderr
    assert "[cannot-listen]" in proc.stderr and "--port" in proc.stderr


def test_a_name_that_is_no_address_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "isgrid", "serve", "--host", "nosuch.invalid",
                           "--port", "0"], capture_output=True, text=True, env=ENV, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "cannot listen on nosuch.invalid:0" in proc.stderr
    assert "[cannot-listen]" in proc.stderr


def test_the_port_of_a_server_on_two_addresses() -> None:
    # `--host localhost` where localhost is ::1 and 127.0.0.1: waitress opens one socket
    # for each (a MultiSocketServer, without effective_port)
    from types import SimpleNamespace

    from isgrid.web.server import bound_port, make_server

    two = SimpleNamespace(effective_listen=[("::1", 8765), ("127.0.0.1", 8765)])
    assert bound_port(two) == 8765
    one = make_server(lambda environ, start_response: [], "127.0.0.1", 0)
    try:
        assert bound_port(one) == int(one.effective_port) > 0
    finally:
        one.close()


def test_a_server_alone_builds_no_journal_validator() -> None:
    """The self-assessment never reads a journal: its server does not build the journal's
    deferred validator (10 ms at its start).  In a fresh process, as nothing else built it."""
    code = (
        "from isgrid.call.journal import Entry\n"
        "before = Entry.__pydantic_complete__\n"
        "from isgrid.web.selfassess import create_app\n"
        "from isgrid.web.server import make_server\n"
        "server = make_server(create_app(), '127.0.0.1', 0)\n"
        "print(before, Entry.__pydantic_complete__)\n"
        "server.close()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=ENV, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]


WORKSPACE_APP = """
import sys
from isgrid.call.journal import Entry
from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace

ws = Workspace(sys.argv[1])
before = Entry.__pydantic_complete__
create_app(ws)
print(before, Entry.__pydantic_complete__)
"""


def test_the_workspace_app_builds_the_journals_validator_when_made(tmp_path: Path) -> None:
    """The jury's workspace reads journals in its requests' threads: its app builds the
    journal's deferred validator when it is made, before any server serves it (waitress in
    production, the tests' and the benchmark's servers alike).  Its call has no journal
    yet, so nothing built it before (pydantic before 2.14: no lock on that first build)."""
    folder = alsace(tmp_path)
    assert not (folder / "journal.jsonl").exists()
    done = subprocess.run([sys.executable, "-c", WORKSPACE_APP, str(folder)],
                          capture_output=True, text=True, timeout=60, env=ENV, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True"]
