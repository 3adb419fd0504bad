"""Portfolio constraints: the greedy against cases worked out by hand."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.analysis.envelope import envelope_table
from isgrid.call.constraints import parse_constraints
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.engine.reasons import said
from isgrid.engine.select import Candidate, Rules, walk
from isgrid.errors import CallError


def cands(*rows: tuple[str, float, dict[str, Any]]) -> list[Candidate]:
    """Candidates in rank order, ranks 1, 2, 3..."""
    return [Candidate(i, n + 1, amount, True, facts) for n, (i, amount, facts) in enumerate(rows)]


def select(c: list[Candidate], constraints: Any, *, budget: float | None, top: int | None,
           reserve_n: int = 0) -> SimpleNamespace:
    """The engine's walk, read as these tests were first written (lists and dicts)."""
    w = walk(c, Rules(budget=budget, top=top, reserve=reserve_n,
                      constraints=tuple(constraints)))
    return SimpleNamespace(
        selected=list(w.selected), spent=w.spent, reserve=list(w.reserve),
        choices=[SimpleNamespace(dossier=ch.dossier, why=ch.why, over=list(ch.over),
                                 text=said(ch.text, "fr"))
                 for cand in c if (ch := w.picks[cand.id].choice) is not None],
        status=[st.to_json() for st in w.constraints], infeasible=list(w.infeasible),
        undecided=[cand.id for cand in c if w.picks[cand.id].selected is None])


def cons(*raw: dict[str, Any]) -> Any:
    return parse_constraints(list(raw))


def test_min_per_territory() -> None:
    """Budget 30, all cost 10, at least one rural: A4 is taken first (over A3), then A1, A2;
    A3 no longer fits, and rank-order stops there."""
    c = cands(("A1", 10, {"t": "urbain"}), ("A2", 10, {"t": "urbain"}),
              ("A3", 10, {"t": "urbain"}), ("A4", 10, {"t": "rural"}), ("A5", 10, {"t": "rural"}))
    s = select(c, cons({"id": "rural", "kind": "min", "fact": "t", "value": "rural",
                        "count": 1}), budget=30, top=None, reserve_n=1)
    assert s.selected == ["A1", "A2", "A4"] and s.spent == 30
    by = {ch.dossier: ch for ch in s.choices}
    assert by["A4"].why == "constraint:rural" and by["A4"].over == ["A3"]
    assert "retenu de préférence à A3 (mieux classé) pour respecter la contrainte rural" \
        in by["A4"].text
    assert by["A3"].why == "budget" and by["A5"].why == "line"
    assert s.reserve == ["A3"]
    assert s.status[0]["met"] and not s.infeasible


def test_max_per_value_and_skip() -> None:
    """At most two SCOP: A3 is skipped for the constraint, A4 comes in."""
    c = cands(("A1", 10, {"s": "scop"}), ("A2", 10, {"s": "scop"}), ("A3", 10, {"s": "scop"}),
              ("A4", 10, {"s": "asso"}))
    s = select(c, cons({"id": "scop", "kind": "max", "fact": "s", "value": "scop", "count": 2}),
               budget=40, top=None)
    assert s.selected == ["A1", "A2", "A4"]
    assert {ch.dossier: ch.why for ch in s.choices}["A3"] == "max:scop"
    assert s.status[0] | {"label": ""} == {
        "id": "scop", "kind": "max", "label": "", "fact": "s", "value": "scop", "target": 2,
        "actual": 2, "met": True, "infeasible": False, "note": None, "unusable": [],
        "reasons": []}


def test_max_per_holder_without_value() -> None:
    c = cands(("A1", 10, {"h": "X"}), ("A2", 10, {"h": "X"}), ("A3", 10, {"h": "Y"}))
    s = select(c, cons({"id": "holder", "kind": "max", "fact": "h", "count": 1}),
               budget=100, top=None)
    assert s.selected == ["A1", "A3"]
    assert s.status[0]["actual"] == 1


def test_sub_envelope_max_and_min() -> None:
    c = cands(("A1", 10, {"p": "emploi"}), ("A2", 10, {"p": "emploi"}),
              ("A3", 10, {"p": "mobilite"}))
    s = select(c, cons({"id": "emploi", "kind": "envelope", "fact": "p", "value": "emploi",
                        "max_amount": 15}), budget=100, top=None)
    assert s.selected == ["A1", "A3"]
    assert {ch.dossier: ch.why for ch in s.choices}["A2"] == "max:emploi"
    s = select(c, cons({"id": "mob", "kind": "envelope", "fact": "p", "value": "mobilite",
                        "min_amount": 10}), budget=20, top=None)
    assert s.selected == ["A1", "A3"]
    assert {ch.dossier: ch.over for ch in s.choices}["A3"] == ["A2"]


def test_infeasible_minimums_are_named() -> None:
    """Three rural laureates asked, only two rural dossiers: infeasible, the rest goes on."""
    c = cands(("A1", 10, {"t": "urbain"}), ("A2", 10, {"t": "rural"}),
              ("A3", 10, {"t": "rural"}))
    s = select(c, cons({"id": "rural", "kind": "min", "fact": "t", "value": "rural",
                        "count": 3}), budget=100, top=None)
    assert s.infeasible == ["rural"] and s.selected == ["A1", "A2", "A3"]
    assert s.status[0]["note"] == "seulement 2 dossiers classés correspondent, il en faut 3"
    # blocked by the budget: A2 (25) in, A3 (25) no longer fits 40
    c = cands(("A1", 10, {"t": "urbain"}), ("A2", 25, {"t": "rural"}),
              ("A3", 25, {"t": "rural"}))
    s = select(c, cons({"id": "rural", "kind": "min", "fact": "t", "value": "rural",
                        "count": 2}), budget=40, top=None)
    assert s.infeasible == ["rural"] and s.selected == ["A1", "A2"]
    assert s.status[0]["note"] == "le budget ne permet pas d'en retenir davantage"
    # blocked by another constraint
    c = cands(("A1", 10, {"t": "rural", "s": "scop"}), ("A2", 10, {"t": "rural", "s": "scop"}))
    s = select(c, cons({"id": "scop", "kind": "max", "fact": "s", "value": "scop", "count": 1},
                       {"id": "rural", "kind": "min", "fact": "t", "value": "rural",
                        "count": 2}), budget=100, top=None)
    assert s.selected == ["A1"] and s.status[1]["note"] == "bloqué par scop"


def test_top_k_and_list_facts() -> None:
    c = cands(("A1", 0, {"th": ["emploi"]}), ("A2", 0, {"th": ["emploi"]}),
              ("A3", 0, {"th": ["climat", "emploi"]}))
    s = select(c, cons({"id": "climat", "kind": "min", "fact": "th[]", "value": "climat",
                        "count": 1}), budget=None, top=2)
    assert s.selected == ["A1", "A3"]


def test_ties_at_the_line_are_left_to_people() -> None:
    c = [Candidate("A1", 1, 10, True, {}), Candidate("A2", 2, 10, True, {}),
         Candidate("A3", 2, 10, True, {})]
    s = select(c, cons({"id": "x", "kind": "max", "fact": "s", "value": "z", "count": 0}),
               budget=25, top=None)
    assert s.selected == ["A1"] and s.undecided == ["A2", "A3"]


def test_bad_constraints_are_call_errors() -> None:
    with pytest.raises(CallError) as exc:
        parse_constraints([{"id": "a", "kind": "min", "fact": "t", "value": "x"}])
    assert exc.value.diagnostics[0].code == "call-invalid"
    with pytest.raises(CallError):
        parse_constraints([{"id": "e", "kind": "envelope", "fact": "t", "value": "x"}])
    with pytest.raises(CallError):
        parse_constraints([{"id": "a", "kind": "max", "fact": "t", "count": 1}] * 2)


def test_on_the_seance_call(tmp_path: Path) -> None:
    """At least two rural laureates: D3 and D5 first (18 000), then D1 (38 000); D2 (15 000)
    no longer fits and rank-order stops there.  Worked by hand in docs/decisions.md."""
    folder = seance_call(tmp_path, call={"constraints": [
        {"id": "rural", "kind": "min", "fact": "territory", "value": "rural", "count": 2,
         "label": "au moins deux projets ruraux"}]})
    call = load_call(folder)
    res = score(call).to_json()
    by = {d["id"]: d for d in res["dossiers"]}
    assert res["selection"]["selected"] == ["D1", "D3", "D5"]
    assert res["selection"]["spent"] == 38000 and res["selection"]["remaining"] == 12000
    assert res["selection"]["reserve"] == ["D2", "D4"]
    assert by["D5"]["status"] == "retenu" and by["D2"]["status"] == "réserve"
    choice = {c["dossier"]: c for c in res["constraints"]["choices"]}
    assert choice["D5"]["over"] == ["D2", "D4"]
    assert choice["D3"]["over"] == ["D2"]
    assert "tie-at-line" not in by["D3"]["flags"]
    assert res["summary"] == {"non retenu": 1, "retenu": 3, "réserve": 2}
    # through decisions too, and the minutes explain the choice
    full = score(call).to_json()
    assert full["selection"]["selected"] == ["D1", "D3", "D5"]
    out = tmp_path / "pv.html"
    r = CliRunner().invoke(cli, ["minutes", str(folder), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "retenu de préférence à D2, D4 (mieux classés) pour respecter la contrainte " \
        "rural (au moins deux projets ruraux)" in out.read_text(encoding="utf-8")


def test_infeasible_on_a_call_warns(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"constraints": [
        {"id": "rural", "kind": "min", "fact": "territory", "value": "rural", "count": 4}]})
    call = load_call(folder)
    typed = score(call)
    res = typed.to_json()
    assert res["constraints"]["infeasible"] == ["rural"]
    [d] = typed.constraint_warnings("call.yaml")
    assert d.code == "constraint-infeasible" and d.severity == "warning"
    r = CliRunner().invoke(cli, ["decisions", str(folder)])
    assert r.exit_code == 0 and "constraint-infeasible" in r.output
    r = CliRunner().invoke(cli, ["--strict", "decisions", str(folder)])
    assert r.exit_code == 1


def test_envelope_table(tmp_path: Path) -> None:
    """-10 % (45 000): D1, D2 (35 000), the tie D3/D4 still waits; +10 % (55 000): both fit."""
    call = load_call(seance_call(tmp_path))
    table = envelope_table(score(call))
    assert table is not None
    rows = {r["delta"]: r for r in table["rows"]}
    assert rows[0.0]["selected"] == ["D1", "D2"]
    assert rows[-0.1]["budget"] == 45000 and rows[-0.1]["leaves"] == []
    assert rows[0.1]["enters"] == ["D3", "D4"] and rows[0.1]["spent"] == 55000
    assert envelope_table(score(load_call(seance_call(tmp_path, name="nb",
                                                     call={"budget": None})))) is None


def test_reserve_after_the_journal_counts_the_decided_dossiers_against_a_maximum(
        tmp_path: Path) -> None:
    """Budget 40 000, at most two SCOP, a reserve of two.  The walk takes D1 (20 000) and
    D2 (SCOP, 15 000: 35 000); D3 (10 000) would make 45 000: the line.  The jury then
    retains D5 (SCOP) for 5 000: D2 and D5 are two SCOP, so D3 (SCOP) can no longer be
    on the reserve, which is D4 and D6, the next two that break no maximum."""
    from isgrid.call.journal_append import append

    dossiers = {  # Q1, Q2 (total 100 x (Q1 + Q2) / 8), amount, costs, territory, type, priority
        "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
        "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
        "D3": (3, 3, 10000, 20000, "rural", "scop", "emploi"),
        "D4": (3, 2, 10000, 20000, "urbain", "association", "emploi"),
        "D5": (2, 2, 8000, 16000, "rural", "scop", "emploi"),
        "D6": (1, 2, 5000, 10000, "rural", "association", "emploi"),
    }
    folder = seance_call(tmp_path, dossiers=dossiers, call={
        "budget": 40000, "conflicts": [],
        "constraints": [{"id": "scop", "kind": "max", "fact": "structure_type",
                         "value": "scop", "count": 2}]})
    proposal = score(load_call(folder))
    assert [d.id for d in proposal.dossiers if d.selected] == ["D1", "D2"]
    assert [d.id for d in proposal.dossiers if d.reserve] == ["D3", "D4"]
    append(folder, kind="decision", dossier="D5", outcome="retenu", amount=5000, by="Jury",
           reason="priorité rurale")
    decided = {d.id: d for d in score(load_call(folder)).dossiers}
    assert [i for i, d in decided.items() if d.selected] == ["D1", "D2", "D5"]
    assert [i for i, d in decided.items() if d.reserve] == ["D4", "D6"]
    assert decided["D3"].reserve is False
