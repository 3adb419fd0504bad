"""Assignment: balanced, respects déports, roles and fixed lists; call.yaml untouched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.jury.assign import propose, write_assignment
from isgrid.jury.sheets import write_sheets

DOSSIERS = [{"id": f"D{i:02d}"} for i in range(1, 11)]
JURY = [{"id": f"j{i}"} for i in range(1, 6)] + [{"id": "i1", "role": "instructeur"}]


def new_call(tmp_path: Path, name: str = "call", **extra: Any) -> Path:
    return make_call(tmp_path, "mini-scored", call={"assessors": JURY} | extra,
                     dossiers=DOSSIERS, name=name)


def test_balanced_without_deports(tmp_path: Path) -> None:
    call = load_call(new_call(tmp_path))
    a = propose(call, 3)
    assert len(a.pairs) == 30
    assert a.load == {"j1": 6, "j2": 6, "j3": 6, "j4": 6, "j5": 6}
    for d in DOSSIERS:
        assert len(set(a.of(d["id"]))) == 3
    assert "i1" not in a.load  # roles: an instructeur is not a juré
    assert propose(call, 3).pairs == a.pairs  # deterministic


def test_deports_respected_and_balanced(tmp_path: Path) -> None:
    conflicts = [{"assessor": "j1", "dossier": d} for d in ("D01", "D02", "D03")] + [
        {"assessor": "j2", "dossier": "D01"}]
    call = load_call(new_call(tmp_path, conflicts=conflicts))
    a = propose(call, 3)
    assert not {(c["assessor"], c["dossier"]) for c in conflicts} & {
        (x, d) for d, x in a.pairs}
    assert max(a.load.values()) - min(a.load.values()) <= 1
    assert all(len(a.of(d["id"])) == 3 for d in DOSSIERS)


def test_fixed_lists_kept(tmp_path: Path) -> None:
    jury = [dict(j) for j in JURY]
    jury[4]["dossiers"] = ["D01", "D02"]
    folder = new_call(tmp_path, assessors=jury)
    before = (folder / "call.yaml").read_bytes()
    call = load_call(folder)
    a = propose(call, 2)
    assert [d for d, x in a.pairs if x == "j5"] == ["D01", "D02"]
    assert all(len(a.of(d["id"])) == 2 for d in DOSSIERS)
    write_assignment(call, a)
    assert (folder / "call.yaml").read_bytes() == before
    lines = (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "dossier,assessor" and len(lines) == 21
    # the workbooks follow assignments.csv (and call.yaml's own lists)
    report = write_sheets(load_call(folder), tmp_path / "out")
    got = {p.assessor.id: [d for d, _, _ in p.dossiers] for p in report.plans}
    assert got["j5"] == ["D01", "D02"]
    assert got["j1"] == [d for d, x in a.pairs if x == "j1"]
    assert got["i1"] == [d["id"] for d in DOSSIERS]  # not assigned: every dossier


def test_impossible_named(tmp_path: Path) -> None:
    call = load_call(new_call(tmp_path, conflicts=[{"assessor": "j1", "dossier": "D04"}]))
    with pytest.raises(CallError) as exc:
        propose(call, 5)
    assert [(d.code, d.message.split()[0]) for d in exc.value.diagnostics] == [
        ("assign-impossible", "D04")]


def test_min_ratings_warning(tmp_path: Path) -> None:
    call = load_call(new_call(tmp_path, min_ratings=3))
    assert [d.code for d in propose(call, 2).warnings] == ["below-min-ratings"]


@settings(max_examples=40, deadline=None)
@given(st.sets(st.tuples(st.integers(1, 5), st.integers(1, 10)), max_size=12),
       st.integers(1, 3))
def test_constraints_hold(tmp_path_factory: pytest.TempPathFactory,
                          conflicts: set[tuple[int, int]], k: int) -> None:
    tmp = tmp_path_factory.mktemp("a")
    cf = [{"assessor": f"j{a}", "dossier": f"D{d:02d}"} for a, d in sorted(conflicts)]
    call = load_call(new_call(tmp, conflicts=cf))
    try:
        a = propose(call, k)
    except CallError:
        free = {d["id"]: 5 - sum(1 for x, y in conflicts if f"D{y:02d}" == d["id"])
                for d in DOSSIERS}
        assert min(free.values()) < k
        return
    bad = {(c["assessor"], c["dossier"]) for c in cf}
    assert not bad & {(x, d) for d, x in a.pairs}
    assert all(len(set(a.of(d["id"]))) == k for d in DOSSIERS)


def test_cli(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    runner = CliRunner()
    res = runner.invoke(cli, ["assign", str(folder), "--per-dossier", "2"])
    assert res.exit_code == 0, res.output
    assert "20 assignments" in res.output
    res = runner.invoke(cli, ["assign", str(folder), "--per-dossier", "2"])
    assert res.exit_code == 2 and "output-exists" in res.output
    # refused before the work: an impossible assignment is not even tried
    res = runner.invoke(cli, ["assign", str(folder), "--per-dossier", "9"])
    assert res.exit_code == 2 and "output-exists" in res.output, res.output
    res = runner.invoke(cli, ["assign", str(folder), "--per-dossier", "9", "--force"])
    assert res.exit_code == 1 and "assign-impossible" in res.output
