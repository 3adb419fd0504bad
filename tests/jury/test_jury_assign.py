"""Assignment: balanced, respects déports, roles and fixed lists; call.yaml untouched."""

from __future__ import annotations

import shutil
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
from testpaths import EXAMPLES

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



def test_a_shortage_is_said_where_its_cause_is(tmp_path: Path) -> None:
    """As on the French guide's example, where every juror's list is fixed and leaves the
    irrecevable dossier out: the error pointed at the déports (``conflicts``), which had
    nothing to do with it, and its hint said to check them."""
    # j1 rates D01 and D02, j2 D01 only (their lists); j3 is free but in déport on D02.
    # At 2 a dossier: D01 gets j1, j2; D02 j1 and nobody else (j3's déport); D03 only j3.
    jury = [{"id": "j1", "dossiers": ["D01", "D02"]}, {"id": "j2", "dossiers": ["D01"]},
            {"id": "j3"}]
    call = load_call(make_call(tmp_path, "mini-scored", dossiers=DOSSIERS[:3], call={
        "assessors": jury, "conflicts": [{"assessor": "j3", "dossier": "D02"}]}))
    with pytest.raises(CallError) as exc:
        propose(call, 2)
    assert [(d.location.key_path, d.message, d.hint) for d in exc.value.diagnostics] == [
        ("conflicts", "D02 can get only 1 of 2 assessors (déports, fixed lists)", None),
        ("assessors", "D03 can get only 1 of 2 assessors: the dossiers of j1, j2 are fixed in "
                      "call.yaml and do not include it",
         "Add D03 to the dossiers: list of one of them, or lower --per-dossier.")]
    # in French, the noun agrees with the count given, not with the count asked for (it
    # read « 1 des 2 évaluateurs »)
    nbsp = "\u00a0"
    assert [d.message.translated("fr") for d in exc.value.diagnostics] == [
        "D02 ne peut recevoir que 1 évaluateur sur 2 (déports, listes fixées)",
        f"D03 ne peut recevoir que 1 évaluateur sur 2{nbsp}: les dossiers de j1, j2 sont "
        "fixés dans call.yaml et ne le comprennent pas"]
    # neither déports nor lists: the jury is too small
    call = load_call(make_call(tmp_path, "mini-scored", dossiers=DOSSIERS[:1], name="small",
                               call={"assessors": [{"id": "j1"}, {"id": "j2"}]}))
    with pytest.raises(CallError) as exc:
        propose(call, 3)
    assert [(d.location.key_path, d.message) for d in exc.value.diagnostics] == [
        ("assessors", "D01 can get only 2 of 3 assessors: the call has 2 with this role")]
    [short] = exc.value.diagnostics
    assert short.message.translated("fr") == ("D01 ne peut recevoir que 2 évaluateurs sur 3"
                                              f"{nbsp}: l'appel en compte 2 de ce rôle")


def test_the_examples_irrecevable_dossier_is_in_no_list(tmp_path: Path) -> None:
    """The French guide's example: AL16-06, ruled out by the instruction, is in none of the
    three jurors' lists; even one assessor a dossier is impossible, and said so in French."""
    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    res = CliRunner().invoke(cli, ["--lang", "fr", "assign", str(tmp_path / "appel"),
                                   "--per-dossier", "1"])
    assert res.exit_code == 1
    nbsp = "\u00a0"
    assert [line for line in res.stderr.splitlines() if "assign-impossible" in line
            or line.startswith("  Indice")][-2:] == [
        f"Erreur{nbsp}: {tmp_path}/appel/call.yaml (assessors){nbsp}: AL16-06 ne peut "
        f"recevoir que 0 évaluateur sur 1{nbsp}: les dossiers de j1, j2, j3 sont fixés dans "
        "call.yaml et ne le comprennent pas [assign-impossible]",
        f"  Indice{nbsp}: Ajoutez AL16-06 à la liste dossiers: de l'un d'eux, ou baissez "
        "--per-dossier."]
    assert not (tmp_path / "appel" / "assignments.csv").exists()
