"""The fast paths of a table of dossiers and of eligibility give what the slow ones gave.

A dossiers.csv row whose cells all surely validate skips the JSON Schema
validator, cells are typed once per distinct text of a column, the place of a
cell is built only for a diagnostic, and eligibility conditions are compiled
once.  These tests pin the results and the diagnostics (code, message, place)
of the rows that do *not* take the fast path, and the values of those that do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from callfactory import TABLE_FACTS
from isgrid.call import dossiers
from isgrid.call.model import CallConfig, Dossier
from isgrid.errors import Collector, Location
from isgrid.grid import facts
from isgrid.grid.load import load_grid
from isgrid.grid.model import Condition
from isgrid.io import tabular
from testpaths import FIXTURES

FIXTURE = FIXTURES / "grids" / "mini-scored.yaml"

FACTS = TABLE_FACTS


def load(tmp_path: Path, csv_text: str, columns: dict[str, str] | None = None,
         fact_types: dict[str, Any] | None = None) -> tuple[list[Dossier], list[tuple[Any, ...]]]:
    grid = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    grid["facts"] = FACTS if fact_types is None else fact_types
    grid["eligibility"] = []
    (tmp_path / "grid.yaml").write_text(yaml.safe_dump(grid, allow_unicode=True),
                                        encoding="utf-8")
    (tmp_path / "dossiers.csv").write_text(csv_text, encoding="utf-8")
    config = CallConfig.model_validate(
        {"title": "t", "grid": "grid.yaml"}
        | ({"dossier_table": {"columns": columns}} if columns else {}))
    diags = Collector()
    out = dossiers.load_dossiers(tmp_path, config, load_grid(tmp_path / "grid.yaml"), diags, {})
    where = str(tmp_path / "dossiers.csv")
    found = [(d.code, d.message, d.location.line, d.location.column, d.severity)
             for d in diags.items if d.location.file == where]
    return out, found


def test_valid_rows_are_typed_and_say_nothing(tmp_path: Path) -> None:
    out, found = load(tmp_path, "id,title,amount_requested,region,postcode,submitted_at,n,ess\n"
                      "D1,Un,\"1 000\",Alsace,01000,01/02/2016,2,oui\n"
                      "D2,Deux,\"3,5\",Alsace, 01000 ,2016-02-03,2,Non\n"
                      "D3,Trois,\"1 000\",Lorraine,01000,01/02/2016,3,\n")
    assert found == []
    assert [(d.id, d.title, d.file.endswith("dossiers.csv:2")) for d in out] == [
        ("D1", "Un", True), ("D2", "Deux", False), ("D3", "Trois", False)]
    assert out[0].facts == {"amount_requested": 1000, "region": "Alsace", "postcode": "01000",
                            "submitted_at": "2016-02-01", "n": 2, "ess": True}
    assert out[1].facts["amount_requested"] == 3.5 and out[1].facts["ess"] is False
    assert out[1].facts["postcode"] == "01000"
    assert out[2].facts["ess"] is None  # an empty cell is kept as None, as before
    # a repeated cell gives an equal value (typed once per column and text)
    assert out[2].facts == out[0].facts | {"region": "Lorraine", "n": 3, "ess": None}


def test_rows_that_fail_the_quick_check_get_the_located_schema_diagnostic(
        tmp_path: Path) -> None:
    out, found = load(tmp_path, "id,title,amount_requested,region,submitted_at,n\n"
                      "D1,Un,abc,Alsace,2016-01-01,2\n"
                      "D2,Deux,10,Bretagne,2016-01-01,2\n"
                      "D3,Trois,10,Alsace,31/02/2016,0\n"
                      "D4,Quatre,-5,Alsace,2016-01-01,2\n"
                      "D5,Cinq,abc,Alsace,2016-01-01,2.5\n"
                      "D6,Six,10,Alsace,,2\n")
    assert [d.id for d in out] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert found == [
        ("fact-invalid", "amount_requested: 'abc' is not an amount", 2, 3, "error"),
        ("fact-invalid", "region: 'Bretagne' is not one of Alsace, Lorraine", 3, 4, "error"),
        ("fact-invalid", "n: 0 is below 1", 4, 6, "error"),
        # its pattern and its format both fail: said once
        ("fact-invalid", "submitted_at: '31/02/2016' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
         4, 5, "error"),
        ("fact-invalid", "amount_requested: -5 is a negative amount", 5, 3, "error"),
        ("fact-invalid", "amount_requested: 'abc' is not an amount", 6, 3, "error"),
        ("fact-invalid", "n: expected integer, got 2.5", 6, 6, "error"),
        ("fact-invalid", "the required fact 'submitted_at' is missing", 7, None, "error"),
    ]


def test_a_required_fact_without_a_column_is_reported_on_every_row(tmp_path: Path) -> None:
    _, found = load(tmp_path, "id,title,region\nD1,Un,Alsace\nD2,Deux,Alsace\n")
    assert found == [("fact-invalid", "the required fact 'submitted_at' is missing", n, None,
                      "error") for n in (2, 3)]


def test_lists_of_objects_still_go_through_the_schema(tmp_path: Path) -> None:
    out, found = load(tmp_path, "id,title,submitted_at,partners[].name,partners[].type\n"
                      "D1,Un,2016-01-01,A;B,asso;ent\n"
                      "D2,Deux,2016-01-01,A;B,asso;banque\n")
    assert out[0].facts["partners"] == [{"name": "A", "type": "asso"},
                                        {"name": "B", "type": "ent"}]
    assert found == [("fact-invalid", "partners[1].type: 'banque' is not one of asso, ent",
                      3, 5, "error")]


def test_mapped_and_repeated_columns(tmp_path: Path) -> None:
    # "Montant" and amount_requested both map to amount_requested: the last column wins
    # the value and the place; the id's place is the first column mapped to id.
    out, found = load(tmp_path, "N°,Intitulé,Montant,amount_requested,submitted_at,id\n"
                      "D1,Un,-1,abc,2016-01-01,D 1\n",
                      columns={"N°": "id", "Intitulé": "title", "Montant": "amount_requested"})
    assert out == []
    assert found == [
        ("invalid-id", "the id 'D 1' has characters isgrid does not accept", 2, 1, "error"),
        ("fact-invalid", "amount_requested: 'abc' is not an amount", 2, 4, "error"),
    ]


def test_id_problems_are_located_in_the_id_column(tmp_path: Path) -> None:
    out, found = load(tmp_path, "title,id,submitted_at\nUn,,2016-01-01\nDeux,D2,2016-01-01\n")
    assert [d.id for d in out] == ["D2"]
    assert found == [("call-invalid", "the dossier has no id", 2, 2, "error")]


def test_row_places_are_built_on_demand() -> None:
    diags = Collector()
    table = tabular.parse_csv("a;b;a\n1;2\n\n3;4;5;;\n", "t.csv", diags)
    assert table is not None and diags.items[0].code == "csv-syntax"  # 'a' twice
    first, second = table.rows
    assert first.values == {"a": "", "b": "2"} and second.values == {"a": "5", "b": "4"}
    assert second.where == Location("t.csv", line=4)
    assert second.loc("b") == Location("t.csv", line=4, column=2)
    assert second.loc("a") == Location("t.csv", line=4, column=3)  # the last 'a'
    assert second.loc("zz") == second.where
    assert second.locations == {"a": Location("t.csv", line=4, column=3),
                                "b": Location("t.csv", line=4, column=2)}


# ------------------------------------------------------------------ eligibility
def cond(data: dict[str, Any]) -> Condition:
    return Condition.model_validate(data)


@pytest.mark.parametrize(("rule", "cases"), [
    ({"fact": "region", "in": ["Alsace", " lorraine", 67, True]},
     [({"region": "ALSACE "}, "pass"), ({"region": "Lorraine"}, "pass"),
      ({"region": "Vosges"}, "fail"), ({"region": 67}, "pass"), ({"region": 67.0}, "pass"),
      ({"region": True}, "pass"), ({"region": 1}, "fail"), ({"region": None}, "unknown"),
      ({}, "unknown"), ({"region": ""}, "fail"), ({"region": ["Alsace"]}, "fail")]),
    ({"fact": "region", "not-in": ["Alsace"]},
     [({"region": "alsace"}, "fail"), ({"region": "Vosges"}, "pass"), ({}, "unknown")]),
    ({"fact": "region", "equals": " Alsace"},
     [({"region": "alsace"}, "pass"), ({"region": 1}, "fail"), ({}, "unknown")]),
    ({"fact": "ess", "not-equals": True},
     [({"ess": True}, "fail"), ({"ess": 1}, "pass"), ({"ess": False}, "pass")]),
    ({"fact": "a.b", "equals": 3},
     [({"a": {"b": 3}}, "pass"), ({"a": {"b": 3.0}}, "pass"), ({"a": {"b": None}}, "unknown"),
      ({"a": 3}, "unknown"), ({"a": {"b": "3"}}, "fail")]),
    ({"fact": "amount", "le": {"fact": "costs", "times": 0.5}},
     [({"amount": 5, "costs": 10}, "pass"), ({"amount": 6, "costs": 10}, "fail"),
      ({"amount": 5}, "unknown"), ({"amount": 5, "costs": "x"}, "fail")]),
    ({"fact": "partners[].type", "in": ["asso"]},
     [({"partners": [{"type": "Asso"}]}, "pass"), ({"partners": []}, "fail"),
      ({}, "unknown"), ({"partners": [{"type": "asso"}, {"type": "ent"}]}, "fail")]),
    ({"fact": "themes", "contains": "emploi"},
     [({"themes": ["Emploi"]}, "pass"), ({"themes": "l'emploi"}, "pass"), ({}, "unknown")]),
    ({"fact": "region", "present": True},
     [({"region": ""}, "fail"), ({"region": "x"}, "pass"), ({}, "fail")]),
    ({"all": [{"fact": "region", "equals": "Alsace"}, {"fact": "n", "ge": 2}]},
     [({"region": "Alsace", "n": 2}, "pass"), ({"region": "Alsace"}, "unknown"),
      ({"region": "Vosges"}, "fail"), ({"region": "Alsace", "n": "x"}, "fail")]),
    ({"any": [{"fact": "region", "equals": "Alsace"}, {"fact": "n", "ge": 2}]},
     [({"n": 3}, "pass"), ({"region": "Vosges"}, "unknown"), ({"region": "V", "n": 1}, "fail")]),
    ({"not": {"fact": "region", "in": ["Alsace"]}},
     [({"region": "Alsace"}, "fail"), ({"region": "V"}, "pass"), ({}, "unknown")]),
])
def test_compiled_conditions_give_the_documented_outcomes(
        rule: dict[str, Any], cases: list[tuple[dict[str, Any], str]]) -> None:
    c = cond(rule)
    for _ in range(2):  # compiled on the first call, reused on the second
        assert [facts.evaluate(c, f) for f, _ in cases] == [want for _, want in cases]


def test_equal_conditions_are_compiled_apart() -> None:
    a = cond({"fact": "region", "in": ["Alsace"]})
    b = cond({"fact": "region", "in": ["Lorraine"]})
    assert (facts.evaluate(a, {"region": "Alsace"}), facts.evaluate(b, {"region": "Alsace"})) \
        == ("pass", "fail")


def test_an_unusable_target_fails_when_asked_as_before() -> None:
    c = cond({"fact": "region", "in": None})
    assert facts.evaluate(c, {}) == "unknown"  # nothing to compare: no error
    with pytest.raises(TypeError):
        facts.evaluate(c, {"region": "Alsace"})


def test_the_quick_check_treats_true_and_1_as_json_schema_does() -> None:
    """An enum [0, 1] refuses true (JSON Schema's rule: true is not 1)."""
    spec01 = facts.FactSpec(type="boolean", enum=[0, 1])
    assert not facts.value_quick_valid(True, spec01)
    assert facts.value_quick_valid(2, facts.FactSpec(type="integer", enum=[1, 2]))
    assert facts.value_quick_valid(2.0, facts.FactSpec(type="number", enum=[2]))


def test_yaml_dossiers_use_the_quick_check_with_the_same_diagnostics(tmp_path: Path) -> None:
    """A YAML dossier that surely passes skips the schema; one that fails is located as before."""
    from callfactory import make_call
    from gridtexts import SOURCES, criterion, grid, section
    from isgrid.call.load import load_call
    from isgrid.errors import CallError

    g = grid("q", "Grille", section("S", "Axe", criterion("C", "Critère")), head=SOURCES,
             facts="  amount_requested: {type: number, minimum: 0}\n"
                   "  statut: {type: string, enum: [association, scop]}\n")
    ok = make_call(tmp_path / "ok", g, dossiers=[
        "id: D1\ntitle: Un\namount_requested: 1000\nstatut: scop\n"],
        ratings=[("D1", "j1", "C", "3")])
    assert load_call(ok).dossiers[0].facts == {"amount_requested": 1000, "statut": "scop"}
    bad = make_call(tmp_path / "bad", g, dossiers=[
        "id: D1\ntitle: Un\namount_requested: 1000\nstatut: sarl\n"],
        ratings=[("D1", "j1", "C", "3")])
    with pytest.raises(CallError) as err:
        load_call(bad)
    found = [(d.code, d.location.line, d.location.key_path) for d in err.value.diagnostics]
    assert ("fact-invalid", 4, "statut") in found
