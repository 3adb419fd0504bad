"""`minimum`/`maximum` belong to number facts: the grid refuses them elsewhere.

A grid fact ``{type: string, minimum: 3}`` used to be accepted, and loading a
dossier *table* then crashed inside the quick check (``'abc' < 3``: a
TypeError, a traceback).  Now ``grids check`` (and every command that loads the
grid) reports the bound with its place and code ``schema-invalid``; and the
quick check never raises on a value it cannot compare: it leaves the value to
the JSON Schema validator.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call import dossiers
from isgrid.call.load import load_call
from isgrid.call.model import CallConfig
from isgrid.cli import cli
from isgrid.errors import Collector, GridError, IsgridError
from isgrid.grid.facts import quick_valid, value_quick_valid
from isgrid.grid.load import LoadedGrid, load_grid
from isgrid.grid.model import FactSpec
from testpaths import HOSTILE

BASE = HOSTILE / "base"
CSV = ("id,title,region,postcode,amount_requested,submitted_at\n"
       "D01,Repair café,Alsace,67000,12000,2016-03-14\n"
       "D02,Épicerie,Alsace,67000,9000,2016-03-14\n"
       "D03,Garage,Alsace,67000,15000,2016-03-14\n")


def table_call(tmp_path: Path, facts_yaml: str | None = None, call_extra: str = "") -> Path:
    """The hostile corpus's base call, its dossiers as dossiers.csv, its postcode fact replaced."""
    call = tmp_path / "call"
    shutil.copytree(BASE, call)
    shutil.rmtree(call / "dossiers")
    (call / "dossiers.csv").write_text(CSV, encoding="utf-8")
    grid = (call / "grid.yaml").read_text(encoding="utf-8")
    if facts_yaml is not None:
        assert "  postcode: {type: string}\n" in grid
        grid = grid.replace("  postcode: {type: string}\n", facts_yaml)
        (call / "grid.yaml").write_text(grid, encoding="utf-8")
    if call_extra:
        with (call / "call.yaml").open("a", encoding="utf-8") as fh:
            fh.write(call_extra)
    return call


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if text in ln)


# ------------------------------------------------------------------ the quick check
@pytest.mark.parametrize(("spec", "value"), [
    (FactSpec(type="string", minimum=3), "abc"),
    (FactSpec(type="string", maximum=3), "abc"),
    (FactSpec(type="date", minimum=0), "2016-03-14"),
    (FactSpec(type="date", maximum=5), "2016-03-14"),
])
def test_value_quick_valid_never_raises_on_a_bound_it_cannot_compare(
        spec: FactSpec, value: object) -> None:
    assert value_quick_valid(value, spec) is False
    assert quick_valid({"x": value}, {"x": spec}) is False


def test_value_quick_valid_still_judges_numbers() -> None:
    spec = FactSpec(type="number", minimum=3, maximum=10)
    assert [value_quick_valid(v, spec) for v in (2, 3, 10, 11, 5.5)] == [
        False, True, True, False, True]


def test_a_table_read_with_such_a_grid_never_raises(tmp_path: Path) -> None:
    """Even when the grid check is bypassed (a grid built in code), the table loads."""
    call = table_call(tmp_path)
    loaded = load_grid(call / "grid.yaml")
    facts = dict(loaded.grid.facts)
    facts["postcode"] = FactSpec(type="string", minimum=3)
    bad = LoadedGrid(loaded.grid.model_copy(update={"facts": facts}), loaded.sha256,
                     loaded.path)
    diags = Collector()
    config = CallConfig.model_validate({"title": "t", "grid": "grid.yaml"})
    out = dossiers.load_dossiers(call, config, bad, diags, {})
    assert [d.id for d in out] == ["D01", "D02", "D03"]
    assert out[0].facts["postcode"] == "67000"
    assert diags.errors == []  # JSON Schema's minimum ignores strings


# ------------------------------------------------------------------ the grid refuses it
def test_load_call_reports_the_bound_in_the_grid(tmp_path: Path) -> None:
    call = table_call(tmp_path, "  postcode: {type: string, minimum: 3}\n")
    with pytest.raises(GridError) as info:
        load_call(call)
    [d] = info.value.diagnostics
    assert d.code == "schema-invalid"
    assert d.location.file == str(call / "grid.yaml")
    assert d.location.line == line_of(call / "grid.yaml", "postcode:")
    assert d.location.column == 37
    assert d.location.key_path == "facts.postcode.minimum"
    assert "'postcode' is declared `type: string`" in d.message
    assert "minimum applies only to integer and number facts" in d.message
    assert "type: number" in d.hint
    assert info.value.exit_code == 2


@pytest.mark.parametrize("args", [["call", "check", "{call}"], ["score", "{call}"],
                                  ["grids", "check", "{call}/grid.yaml"]])
def test_the_cli_says_where_and_exits_2(tmp_path: Path, args: list[str]) -> None:
    call = table_call(tmp_path, "  postcode: {type: string, minimum: 3}\n")
    result = CliRunner().invoke(cli, [a.format(call=call) for a in args])
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 2, out
    assert "Traceback" not in out and "internal error" not in out, out
    line = line_of(call / "grid.yaml", "postcode:")
    assert f"Error: {call / 'grid.yaml'}:{line}:37 (facts.postcode.minimum): " in out, out
    assert "[schema-invalid]" in out
    assert "Hint: Remove `minimum`" in out


def test_nested_facts_arrays_and_crossed_bounds(tmp_path: Path) -> None:
    facts = ("  postcode: {type: string}\n"
             "  partners:\n"
             "    type: array\n"
             "    minimum: 1\n"
             "    items:\n"
             "      type: object\n"
             "      properties:\n"
             "        name: {type: string, maximum: 40}\n"
             "        amount: {type: number, minimum: 10, maximum: 5}\n"
             "        share: {type: integer, minimum: 0, maximum: 100}\n")
    call = table_call(tmp_path, facts)
    with pytest.raises(GridError) as info:
        load_grid(call / "grid.yaml")
    grid = call / "grid.yaml"
    found = [(d.code, d.location.line, d.location.key_path, d.message, d.hint)
             for d in info.value.diagnostics]
    assert found == [
        ("schema-invalid", line_of(grid, "    minimum: 1"), "facts.partners.minimum",
         "the fact 'partners' is declared `type: array`: minimum applies only to integer "
         "and number facts",
         "Put the bound on the items (`items: {type: number, minimum: ...}`), or remove it."),
        ("schema-invalid", line_of(grid, "name: {type: string, maximum: 40}"),
         "facts.partners.items.properties.name.maximum",
         "the fact 'partners[].name' is declared `type: string`: maximum applies only to "
         "integer and number facts",
         "Remove `maximum`, or declare the fact `type: number` or `type: integer`."),
        ("schema-invalid", line_of(grid, "amount: {type: number"),
         "facts.partners.items.properties.amount.minimum",
         "the fact 'partners[].amount' has minimum 10 above its maximum 5: no value can be "
         "valid", "Swap the bounds, or remove one of them."),
    ]


def test_a_call_that_sets_such_a_fact_is_told_where(tmp_path: Path) -> None:
    call = table_call(tmp_path, call_extra="set:\n  facts.postcode: {type: string, maximum: 5}\n")
    with pytest.raises(IsgridError) as info:
        load_call(call)
    found = [(d.code, d.location.file, d.location.line, d.location.key_path)
             for d in info.value.diagnostics if d.severity == "error"]
    assert found == [("schema-invalid", str(call / "call.yaml"),
                      line_of(call / "call.yaml", "facts.postcode"),
                      "facts.postcode.maximum")]
    assert info.value.exit_code == 2


def test_a_parents_fact_is_reported_at_extends(tmp_path: Path) -> None:
    call = table_call(tmp_path, "  postcode: {type: string, minimum: 3}\n")
    shutil.copyfile(call / "grid.yaml", call / "hostile-base.yaml")
    (call / "child.yaml").write_text(
        'id: enfant\nversion: "1"\ntitle: Enfant\nextends: hostile-base\n', encoding="utf-8")
    with pytest.raises(GridError) as info:
        load_grid(call / "child.yaml")
    found = [(d.code, d.location.file, d.location.line, d.location.key_path)
             for d in info.value.diagnostics]
    assert found == [("schema-invalid", str(call / "child.yaml"), 4, "facts.postcode.minimum")]


def test_number_bounds_and_shipped_grids_are_still_accepted(tmp_path: Path) -> None:
    call = table_call(tmp_path, "  postcode: {type: integer, minimum: 1000, maximum: 99999}\n")
    loaded = load_call(call)
    assert [d.facts["postcode"] for d in loaded.dossiers] == [67000] * 3
