"""The JSON Schema of the result JSON (review-data19, finding 4): shipped beside the grid's,
written from the result's types, every enumeration closed; every example's `isgrid score
--format json` and generated calls (decisions, a withdrawal, « ajourné », a cancellation,
a vote, portfolio constraints) validate against it."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import isgrid
from decisions_calls import seance_call
from isgrid.cli import cli
from isgrid.engine.resultschema import result_json_schema
from isgrid.io.write import dumps_json
from quotacalls import quota_call
from testpaths import ROOT

COMMITTED = ROOT / "src" / "isgrid" / "schema" / "result.schema.json"
REGENERATE = ("python -m isgrid.engine.resultschema > "
              "src/isgrid/schema/result.schema.json")
EXAMPLES = ["alsace-2016", "alterincub-2019", "lfse-2024", "picardie-sieg-2015",
            "auditions-2027/ecrit", "auditions-2027/audition"]


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]


def test_the_committed_schema_is_the_generated_one_and_ships() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == dumps_json(result_json_schema()), (
        f"{COMMITTED.relative_to(ROOT)} is stale; regenerate it with: {REGENERATE}")
    shipped = resources.files("isgrid") / "schema" / "result.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8"))["title"] == "isgrid result"


def test_every_enumeration_is_closed() -> None:
    defs = json.loads(COMMITTED.read_text(encoding="utf-8"))["$defs"]
    # the ten statuses, « ajourné » included (lfse-2024's LF24-11)
    assert defs["status"]["enum"] == [
        "à vérifier", "irrecevable", "incomplet", "classé", "non classé", "retenu",
        "réserve", "non retenu", "retiré", "ajourné"]
    assert defs["outcome"]["enum"] == ["retenu", "réserve", "non retenu", "ajourné", "retiré"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_validates(example: str) -> None:
    res = CliRunner().invoke(cli, ["score", str(ROOT / "examples" / example),
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert errors(data) == []
    if example == "lfse-2024":
        assert data["summary"]["ajourné"] == 1


def test_a_seance_with_every_kind_of_entry_validates(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    call = isgrid.load_call(folder)
    isgrid.set_consensus(call, "D3", "Q1", 4, by="CP", reason="accord")
    isgrid.withdraw(call, "D1", by="Secrétariat", reason="lettre")
    isgrid.decide(call, "D4", outcome="ajourné", by="Jury", reason="r", motivation="m")
    isgrid.decide(call, "D2", stage="vote", outcome="retenu", amount=15000,
                  votes=(7, 1, 2), motivation="ok", by="CP", reason="d",
                  reference="CP-1", at="2026-04-02")
    isgrid.decide(call, "D6", outcome="non retenu", by="Jury", reason="r", motivation="m")
    isgrid.cancel_entry(call, 5, by="Secrétariat", reason="erreur")
    data = isgrid.score(isgrid.load_call(folder)).to_json()
    assert data["withdrawals"] and data["changes"][-1]["kind"] == "cancellation"
    assert errors(data) == []


def test_a_call_with_constraints_validates(tmp_path: Path) -> None:
    data = isgrid.score(isgrid.load_call(quota_call(tmp_path))).to_json()
    assert data["constraints"]["items"]
    assert errors(data) == []


def test_the_schema_refuses_what_the_contract_does_not_allow(tmp_path: Path) -> None:
    folder = tmp_path / "alsace"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    good = isgrid.score(isgrid.load_call(folder)).to_json()
    assert errors(good) == []
    for change in (
            lambda d: d["dossiers"][0].update(status="ajournée"),
            lambda d: d["dossiers"][0].update(extra=1),
            lambda d: d["dossiers"][0]["flags"].append("tie-maybe"),
            lambda d: d["summary"].update({"admis": 1}),
            lambda d: d.update(format=2),
            lambda d: d["grid"].pop("scoring_sha256")):
        bad = json.loads(json.dumps(good))
        change(bad)
        assert errors(bad), change
