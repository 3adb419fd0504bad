"""The JSON Schema of grid files: printed, committed, and in agreement with the loader."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.errors import Collector
from isgrid.grid.model import grid_json_schema
from isgrid.io.write import dumps_json
from isgrid.io.yamlio import load_yaml
from testpaths import FIXTURES, ROOT

ROOT = ROOT
COMMITTED = ROOT / "src" / "isgrid" / "schema" / "grid.schema.json"
FIXTURES = FIXTURES / "grids"
REGENERATE = ".venv/bin/isgrid grids schema > src/isgrid/schema/grid.schema.json"


def printed_schema() -> dict[str, object]:
    result = CliRunner().invoke(cli, ["grids", "schema"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(printed_schema())


def test_printed_schema_is_a_draft_2020_12_schema() -> None:
    schema = printed_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"id", "version", "title"} <= set(schema["required"])  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_validates_the_fixture_grids(path: Path) -> None:
    doc = load_yaml(path, Collector())
    assert doc is not None
    errors = [e.message for e in validator().iter_errors(doc.data)]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [
        {"wieght": 1},  # unknown keys are refused, as by the loader
        {"id": "g h"},
        {"mode": "notée"},
        {"threshold": "haut"},
        {"sections": "none"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_schema_refuses_what_the_loader_refuses(change: dict[str, object]) -> None:
    doc = load_yaml(FIXTURES / "mini-scored.yaml", Collector())
    assert doc is not None
    data = {**doc.data, **change}
    [key] = change
    errors = list(validator().iter_errors(data))
    assert any(key in e.message or list(e.absolute_path)[:1] == [key] for e in errors), [
        e.message for e in errors
    ]


def test_schema_refuses_a_criterion_with_an_unknown_key() -> None:
    doc = load_yaml(FIXTURES / "mini-scored.yaml", Collector())
    assert doc is not None
    doc.data["sections"][0]["criteria"][0]["scael"] = "s04"
    assert not validator().is_valid(doc.data)


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.is_file(), f"missing {COMMITTED}; generate it with: {REGENERATE}"
    expected = dumps_json(grid_json_schema())
    assert COMMITTED.read_text(encoding="utf-8") == expected, (
        f"{COMMITTED.relative_to(ROOT)} is stale; regenerate it with: {REGENERATE}"
    )


def test_printed_schema_is_the_committed_one() -> None:
    result = CliRunner().invoke(cli, ["grids", "schema"])
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_committed_schema_ships_with_the_package() -> None:
    shipped = resources.files("isgrid") / "schema" / "grid.schema.json"
    assert shipped.is_file()
    assert json.loads(shipped.read_text(encoding="utf-8"))["title"] == "isgrid grid"
