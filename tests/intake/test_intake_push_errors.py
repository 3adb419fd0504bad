"""``isgrid intake push --apply`` when the platform says no: what it said, in words.

A review (a French secretariat): the errors of a push read as Python's reprs — the
annotation's name « 'Proposition du jury' » between Python's quotes, a malformed answer
named « KeyError », an HTTP error a bare « HTTP 500 » with nothing to do.  Now each says the
status (HTTP code or the platform's refusal), what the platform said, and what to do."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dnexport import INTAKE, api_pages, make_intake_call, write_ratings
from isgrid.cli.main import cli
from isgrid.intake.refresh import refresh

READ, WRITE = "read-token-abc", "write-token-xyz"
DESCRIPTORS = [
    {"__typename": "TextChampDescriptor", "id": "QW5ub3QtMQ==", "label": "Proposition du jury"},
    {"__typename": "TextChampDescriptor", "id": "QW5ub3QtMg==", "label": "Note du jury"},
    {"__typename": "IntegerNumberChampDescriptor", "id": "QW5ub3QtMw==",
     "label": "Montant proposé"},
]
LABELS = [{"id": "TGFiZWwtMQ==", "name": "Lauréat"},
          {"id": "TGFiZWwtMg==", "name": "Liste de réserve"}]
NB, NNB = "\u00a0", "\u202f"


@pytest.fixture
def server() -> Iterator[dict[str, Any]]:
    """The platform; ``log["mutation"]``: what it answers a write (a dict of the answer's
    JSON, or an HTTP status), ``log["revision"]``: the démarche's answer."""
    log: dict[str, Any] = {"pages": api_pages(), "mutation": None, "revision": None}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            status, out = 200, None
            if body["queryId"] == "ds-mutation-v2":
                answer = log["mutation"]
                if isinstance(answer, int):
                    status, out = answer, {"errors": [{"message": "boom"}]}
                else:
                    out = {"data": {body["operationName"]: answer or {"errors": None}}}
            elif body["variables"].get("includeRevision"):
                out = log["revision"] or {"data": {"demarche": {
                    "id": "UHJvY2VkdXJlLTQyNDI=", "number": 4242,
                    "activeRevision": {"id": "rev", "annotationDescriptors": DESCRIPTORS},
                    "labels": LABELS}}}
            else:
                after = body["variables"].get("after")
                out = log["pages"][0 if after is None else int(after.split("-")[1])]
            raw = json.dumps(out).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    log["url"] = f"http://127.0.0.1:{httpd.server_port}/api/v2/graphql"
    yield log
    httpd.shutdown()
    httpd.server_close()


def _call(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch,
          proposal: str = "Proposition du jury") -> Path:
    push = {"instructeur": "SW5zdHJ1Y3RldXItNw==",
            "annotations": {"proposal": proposal, "score": "Note du jury",
                            "amount": "Montant proposé"}}
    call = make_intake_call(tmp_path / "call", intake={**INTAKE, "endpoint": url,
                                                       "push": push})
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", READ)
    refresh(call, api=True)
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_WRITE_TOKEN", WRITE)
    return call


def _apply(call: Path, lang: str = "en") -> Any:
    return CliRunner().invoke(cli, ["--lang", lang, "intake", "push", str(call), "--apply"])


def _lines(res: Any) -> list[str]:
    return [line for line in res.output.splitlines() if line.strip()]


def test_a_write_the_platform_refuses(tmp_path: Path, server: dict[str, Any],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    server["mutation"] = {"errors": [{"message": "L'annotation n'est pas modifiable"}]}
    res = _apply(call)
    assert res.exit_code == 1
    # the annotation named as a reader reads it (it was « 'Proposition du jury' »), what
    # the platform said, and what to do (not the reading's « --from »)
    assert _lines(res) == [
        f"Error: {server['url']} (démarche 4242): DN-102: the platform refused to write the "
        "annotation “Proposition du jury”: L'annotation n'est pas modifiable [api-answer]",
        "  Hint: Nothing was written on the platform. Correct what the platform says (on "
        "the platform or in intake.push), then run isgrid intake push --apply again."]
    res = _apply(call, "fr")
    assert _lines(res)[0].endswith(
        f"DN-102{NB}: la plateforme a refusé d'écrire l'annotation «{NB}Proposition du "
        f"jury{NB}»{NB}: L'annotation n'est pas modifiable [api-answer]")


def test_a_refusal_after_writes_says_how_many_were_made(
        tmp_path: Path, server: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    # the platform takes two writes, refuses the third
    answers = iter([{"errors": None}] * 2 + [{"errors": [{"message": "Label inconnu"}]}])
    import isgrid.intake.push as push_module
    real = push_module.post

    def post(endpoint: str, token: str, payload: dict[str, Any], where: str) -> Any:
        if payload["queryId"] == "ds-mutation-v2":
            return {payload["operationName"]: next(answers)}
        return real(endpoint, token, payload, where)

    monkeypatch.setattr(push_module, "post", post)
    res = _apply(call)
    assert res.exit_code == 1
    assert _lines(res)[1] == (
        "  Hint: 2 writes were made before this one; isgrid intake push --apply writes the "
        "same values again. Correct what the platform says (on the platform or in "
        "intake.push), then run isgrid intake push --apply again.")


def test_an_http_error_says_the_status_and_what_the_platform_said(
        tmp_path: Path, server: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    server["mutation"] = 500
    res = _apply(call)
    assert res.exit_code == 1
    assert _lines(res) == [
        f"Error: {server['url']} (démarche 4242): the API answered HTTP 500 (a failure of "
        "the platform): boom [api-answer]",
        "  Hint: The platform failed: try again later. Nothing was written on the platform."]
    res = _apply(call, "fr")
    assert _lines(res)[0].endswith(
        f"l'API a répondu HTTP 500 (une panne de la plateforme){NB}: boom [api-answer]")


def test_an_annotation_the_demarche_lacks(tmp_path: Path, server: dict[str, Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch, proposal="Proposition")
    res = _apply(call)
    assert res.exit_code == 1
    assert _lines(res) == [
        f"Error: {call / 'call.yaml'} (intake.push.annotations): the démarche has no private "
        "annotation “Proposition” (its private annotations: Montant proposé, Note du jury, "
        "Proposition du jury) [call-invalid]",
        "  Hint: Nothing was written. Write the name as the platform has it in call.yaml, or "
        "create it on the platform (annotations privées, étiquettes)."]


def test_an_answer_without_the_annotations(tmp_path: Path, server: dict[str, Any],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    server["revision"] = {"data": {"demarche": {"id": "x"}}}
    res = _apply(call)
    assert res.exit_code == 1
    assert "KeyError" not in res.output
    assert _lines(res) == [
        f"Error: {server['url']} (démarche 4242): the platform's answer does not list the "
        "démarche's private annotations and labels as Démarche Numérique's API does "
        "[api-answer]",
        "  Hint: Nothing was written. Check intake.endpoint (the address of Démarche "
        "Numérique's API, ending in /api/v2/graphql) and intake.demarche in call.yaml."]
