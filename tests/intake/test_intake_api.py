"""``isgrid intake CALL --api``: the GraphQL API, against a local server answering fixtures.

The server (127.0.0.1, a free port) answers ``getDemarche`` of the stored
query ``ds-query-v2`` page by page with the answers of :func:`dnexport.api_pages`,
shaped like the published schema; it records every request so the tests check
what isgrid sent (the stored query, the cursors, ``updatedSince``, the token in
the Authorization header only).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from dnexport import api_pages, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli
from isgrid.errors import IsgridError
from isgrid.intake.refresh import refresh

TOKEN = "secret-token-1234567890"


class _Server:
    def __init__(self) -> None:
        self.pages: list[dict[str, Any]] = api_pages()
        self.requests: list[dict[str, Any]] = []
        self.mode = "ok"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"body": body,
                                        "auth": self.headers.get("Authorization")})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}" \
                        or server.mode == "expired":
                    return self._send(401, {"errors": [{"message": "Unauthorized"}]})
                if server.mode == "malformed":
                    return self._send(200, b"{\"data\": {\"demarche\": {\"dossiers\": [1, 2")
                if server.mode == "graphql-error":
                    return self._send(200, {"data": None, "errors": [
                        {"message": "Démarche introuvable", "extensions": {"code":
                                                                            "not_found"}}]})
                after = body["variables"].get("after")
                k = 0 if after is None else int(after.split("-")[1])
                if server.mode == "fail-page-2" and k == 1:
                    return self._send(502, b"Bad gateway")
                return self._send(200, server.pages[k])

            def _send(self, code: int, data: Any) -> None:
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/api/v2/graphql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.close()


def _call(tmp_path: Path, url: str, name: str = "call") -> Path:
    from dnexport import INTAKE

    return make_intake_call(tmp_path / name, intake={**INTAKE, "endpoint": url})


def test_the_api_gives_the_same_call_as_the_export(tmp_path: Path, server: _Server,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    by_api = _call(tmp_path, server.url, "api")
    report = refresh(by_api, api=True)
    assert report.new == ["DN-101", "DN-102", "DN-103"] and report.left == {}
    assert report.outside == {"DN-104": "refuse"}  # refused before it was taken in
    by_file = _call(tmp_path, server.url, "file")
    refresh(by_file, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    for name in ("DN-101.yaml", "DN-102.yaml", "DN-103.yaml"):
        assert (by_api / "dossiers" / name).read_bytes() == \
            (by_file / "dossiers" / name).read_bytes()
    assert (by_api / "opinions" / "demarche-numerique.csv").read_bytes() == \
        (by_file / "opinions" / "demarche-numerique.csv").read_bytes()
    # two pages of two dossiers: the second asked with the first page's endCursor
    bodies = [r["body"] for r in server.requests]
    assert [(b["queryId"], b["operationName"], b["variables"].get("after"))
            for b in bodies] == [("ds-query-v2", "getDemarche", None),
                                 ("ds-query-v2", "getDemarche", "cursor-1")]
    assert bodies[0]["variables"]["demarcheNumber"] == 4242
    assert bodies[0]["variables"]["includeAvis"] is True
    assert "updatedSince" not in bodies[0]["variables"]
    # the API ids are kept for `intake push`
    state = json.loads((by_api / "intake-state.json").read_text(encoding="utf-8"))
    assert state["dossiers"]["DN-101"]["graphql_id"] == "RG9zc2llci0101"
    # a later refresh from an export (which has no API id) keeps them, and changes nothing
    again = refresh(by_api, export=tmp_path / "e.xlsx")
    assert (again.new, again.changed, again.unchanged) == ([], {}, 3)
    state = json.loads((by_api / "intake-state.json").read_text(encoding="utf-8"))
    assert state["dossiers"]["DN-101"]["graphql_id"] == "RG9zc2llci0101"


def test_a_second_refresh_asks_only_what_changed_since(tmp_path: Path, server: _Server,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    call = _call(tmp_path, server.url)
    refresh(call, api=True, now=dt.datetime(2016, 5, 2, 8, 0, tzinfo=dt.UTC))
    from dnexport import DOSSIERS

    changed = [dict(DOSSIERS[0], amount=20000, amount_text="20 000 €")]
    server.pages = api_pages(changed)
    server.requests.clear()
    report = refresh(call, api=True)
    assert server.requests[0]["body"]["variables"]["updatedSince"] == "2016-05-02T08:00:00+00:00"
    assert [(c.fact, c.old, c.new) for c in report.changed["DN-101"]] == \
        [("amount_requested", 25000, 20000)]
    # an incremental answer says nothing of the other dossiers: none has left
    assert report.left == {} and report.new == []
    assert sorted(p.name for p in (call / "dossiers").iterdir()) == \
        ["DN-101.yaml", "DN-102.yaml", "DN-103.yaml"]


@pytest.mark.parametrize(("mode", "code", "exit_code"), [
    ("expired", "api-auth", 2), ("malformed", "api-answer", 1),
    ("graphql-error", "api-answer", 1), ("fail-page-2", "api-answer", 1)])
def test_api_failures_are_clear_and_write_nothing(tmp_path: Path, server: _Server,
                                                  monkeypatch: pytest.MonkeyPatch, mode: str,
                                                  code: str, exit_code: int) -> None:
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    server.mode = mode
    call = _call(tmp_path, server.url)
    res = CliRunner().invoke(cli, ["intake", str(call), "--api"])
    assert res.exit_code == exit_code, res.output
    assert f"[{code}]" in res.output and "Traceback" not in res.output
    assert TOKEN not in res.output
    assert not (call / "dossiers").exists() and not (call / "intake-state.json").exists()


def test_a_refused_connection_and_a_missing_token(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    call = _call(tmp_path, f"http://127.0.0.1:{port}/api/v2/graphql")
    monkeypatch.delenv("DEMARCHE_NUMERIQUE_TOKEN", raising=False)
    with pytest.raises(IsgridError) as info:
        refresh(call, api=True)
    assert [d.code for d in info.value.diagnostics] == ["api-auth"]
    assert "DEMARCHE_NUMERIQUE_TOKEN" in info.value.diagnostics[0].message
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    res = CliRunner().invoke(cli, ["intake", str(call), "--api"])
    assert res.exit_code == 2 and "[api-unreachable]" in res.output
    assert TOKEN not in res.output
    assert not (call / "dossiers").exists()


def test_the_token_is_never_read_from_the_call(tmp_path: Path) -> None:
    from dnexport import INTAKE

    call = make_intake_call(tmp_path / "call", intake={**INTAKE, "token": TOKEN})
    res = CliRunner().invoke(cli, ["call", "check", str(call)])
    # an unknown key of call.yaml: the call's data (README, exit codes)
    assert res.exit_code == 1 and "intake.token" in res.output
    assert yaml.safe_load((call / "call.yaml").read_text(encoding="utf-8"))["intake"]


def test_a_dossier_the_pages_give_twice_is_taken_once_and_said(
        tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages that repeat a dossier (101 on the first page and again on the second) were
    taken in without a word (review-data19 §12): the second is left out, said
    ``intake-duplicate`` at its place in the answer."""
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    from dnexport import DOSSIERS

    server.pages = api_pages([DOSSIERS[0], DOSSIERS[1], DOSSIERS[0], DOSSIERS[2]])
    call = _call(tmp_path, server.url)
    report = refresh(call, api=True)
    assert report.new == ["DN-101", "DN-102", "DN-103"]
    twice = [w for w in report.warnings if w.code == "intake-duplicate"]
    assert len(twice) == 1 and twice[0].severity == "warning"
    assert twice[0].message == "the source gives the dossier 101 twice: the second is left out"
