"""``isgrid intake push``: the proposal back into private annotations and labels, on request."""

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
from isgrid.intake.push import ALLOWED
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


@pytest.fixture
def server() -> Iterator[dict[str, Any]]:
    log: dict[str, Any] = {"mutations": [], "pages": api_pages()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            auth = self.headers.get("Authorization")
            if body["queryId"] == "ds-mutation-v2":
                assert auth == f"Bearer {WRITE}"
                log["mutations"].append((body["operationName"], body["variables"]["input"]))
                out = {"data": {body["operationName"]: {"errors": None}}}
            elif body["variables"].get("includeRevision"):
                out = {"data": {"demarche": {"id": "UHJvY2VkdXJlLTQyNDI=", "number": 4242,
                                             "activeRevision": {"id": "rev",
                                                                "annotationDescriptors":
                                                                    DESCRIPTORS},
                                             "labels": LABELS}}}
            else:
                assert auth == f"Bearer {READ}"
                after = body["variables"].get("after")
                out = log["pages"][0 if after is None else int(after.split("-")[1])]
            raw = json.dumps(out).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    log["url"] = f"http://127.0.0.1:{httpd.server_port}/api/v2/graphql"
    yield log
    httpd.shutdown()
    httpd.server_close()


def _call(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    push = {"instructeur": "SW5zdHJ1Y3RldXItNw==",
            "annotations": {"proposal": "Proposition du jury", "score": "Note du jury",
                            "amount": "Montant proposé"}}
    call = make_intake_call(tmp_path / "call", intake={**INTAKE, "endpoint": url,
                                                       "push": push})
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", READ)
    refresh(call, api=True)
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    return call


def test_the_dry_run_shows_what_would_be_written_and_sends_nothing(
        tmp_path: Path, server: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    monkeypatch.delenv("DEMARCHE_NUMERIQUE_WRITE_TOKEN", raising=False)
    res = CliRunner().invoke(cli, ["intake", "push", str(call)])
    assert res.exit_code == 0, res.output
    # every criterion rated 4, 3, 2 of 4: totals 100, 75, 50; budget 40 000:
    # DN-102 retenu (18 000), DN-101 réserve (25 000 proposed), DN-103 non retenu
    # the values in words, as a reader reads them (they were Python's: 'retenu', 18000)
    assert res.output.splitlines()[:8] == [
        "would write: DN-102 annotation « Proposition du jury » = retenu",
        "would write: DN-102 annotation « Note du jury » = 100.0",
        "would write: DN-102 annotation « Montant proposé » = €18,000",
        "would write: DN-102 label « Lauréat »",
        "would write: DN-101 annotation « Proposition du jury » = réserve",
        "would write: DN-101 annotation « Note du jury » = 75.0",
        "would write: DN-101 annotation « Montant proposé » = €25,000",
        "would write: DN-101 label « Liste de réserve »",
    ]
    assert "dry run: nothing sent" in res.output
    assert server["mutations"] == []
    # in French: the decimal comma, « 18 000 € », « étiquette »
    res = CliRunner().invoke(cli, ["--lang", "fr", "intake", "push", str(call)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[:4] == [
        "écrirait\u00a0: DN-102 annotation «\u00a0Proposition du jury\u00a0» = retenu",
        "écrirait\u00a0: DN-102 annotation «\u00a0Note du jury\u00a0» = 100,0",
        "écrirait\u00a0: DN-102 annotation «\u00a0Montant proposé\u00a0» = 18\u202f000\u202f€",
        "écrirait\u00a0: DN-102 étiquette «\u00a0Lauréat\u00a0»",
    ]


def test_apply_sends_only_annotations_and_labels(tmp_path: Path, server: dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path, server["url"], monkeypatch)
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_WRITE_TOKEN", WRITE)
    res = CliRunner().invoke(cli, ["intake", "push", str(call), "--apply"])
    assert res.exit_code == 0, res.output
    sent = server["mutations"]
    assert {op for op, _ in sent} <= ALLOWED
    assert not any("Accepter" in op or "Refuser" in op for op, _ in sent)
    assert sent[:4] == [
        ("dossierModifierAnnotationText", {"dossierId": "RG9zc2llci0102",
                                           "annotationId": "QW5ub3QtMQ==",
                                           "instructeurId": "SW5zdHJ1Y3RldXItNw==",
                                           "value": "retenu"}),
        ("dossierModifierAnnotationText", {"dossierId": "RG9zc2llci0102",
                                           "annotationId": "QW5ub3QtMg==",
                                           "instructeurId": "SW5zdHJ1Y3RldXItNw==",
                                           "value": "100,0"}),
        ("dossierModifierAnnotationIntegerNumber", {"dossierId": "RG9zc2llci0102",
                                                    "annotationId": "QW5ub3QtMw==",
                                                    "instructeurId": "SW5zdHJ1Y3RldXItNw==",
                                                    "value": 18000}),
        ("dossierAjouterLabel", {"dossierId": "RG9zc2llci0102", "labelId": "TGFiZWwtMQ=="}),
    ]
    # 102: 4 writes, 101: 4, 103 (non retenu): proposal and score only
    assert len(sent) == 10 and "10 writes sent" in res.output
    assert WRITE not in res.output and READ not in res.output


def test_a_call_taken_in_from_an_export_shows_its_writes_and_says_how_to_send_them(
        tmp_path: Path, server: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a review (an instructeur without a token): the call taken in from export
    files only, ``intake push`` said every dossier « not from the platform (no API id) »
    and showed nothing, with no hint; the dossiers are on the platform, only their API ids
    (recorded by ``intake --api``) are missing."""
    from dnexport import export_sheets, write_xlsx

    push = {"instructeur": "SW5zdHJ1Y3RldXItNw==",
            "annotations": {"proposal": "Proposition du jury"}}
    call = make_intake_call(tmp_path / "call", intake={**INTAKE, "endpoint": server["url"],
                                                       "push": push})
    refresh(call, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    res = CliRunner().invoke(cli, ["intake", "push", str(call)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[:2] == ["would write: DN-102 annotation « Proposition du jury » = retenu",
                         "would write: DN-102 label « Lauréat »"]
    out = " ".join(res.output.split())
    assert "not from the platform" not in out
    assert (f"no API id yet (taken in from an export): DN-102, DN-101, DN-103; run isgrid "
            f"intake {call} --api once") in out
    # --apply sends nothing without the ids, and says so (no token asked for)
    monkeypatch.delenv("DEMARCHE_NUMERIQUE_WRITE_TOKEN", raising=False)
    res = CliRunner().invoke(cli, ["intake", "push", str(call), "--apply"])
    assert res.exit_code == 0, res.output
    assert "0 writes sent" in res.output and "no API id yet" in res.output
    assert server["mutations"] == []
