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
        ("conflicts", "D02 can get only 1 of 2 assessors (recusals, fixed lists)", None),
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


def _rows(folder: Path) -> list[str]:
    return (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()


def test_assigning_one_role_keeps_the_other_roles_rows(tmp_path: Path) -> None:
    """The review's case: the instructor's assignment rewrote assignments.csv with its
    rows alone, the jurors' 90 gone without a word (and with them their ratings-missing
    warnings, a juror without rows being expected on every dossier)."""
    folder = new_call(tmp_path)  # 10 dossiers, jurors j1..j5, instructor i1 (last)
    runner = CliRunner()

    def assign(*args: str) -> Any:
        return runner.invoke(cli, ["assign", str(folder), *args])

    res = assign("--per-dossier", "3")
    assert res.exit_code == 0, res.output
    jurors = _rows(folder)[1:]
    assert len(jurors) == 10 * 3
    # a role with no rows yet: no --force needed, the 30 jurors' rows kept
    res = assign("--per-dossier", "1", "--role", "instructeur")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        f"wrote {folder}/assignments.csv (10 assignments; load: i1 10)",
        "kept: 30 assignments of the other roles"]
    rows = _rows(folder)
    assert rows[0] == "dossier,assessor" and len(rows) == 1 + 30 + 10
    assert [r for r in rows[1:] if not r.endswith(",i1")] == jurors
    assert rows[1:5] == ["D01,j1", "D01,j2", "D01,j3", "D01,i1"]  # dossier, then call.yaml order
    # the role has rows now: refused without --force, saying which, the file untouched
    before = (folder / "assignments.csv").read_bytes()
    res = assign("--per-dossier", "1", "--role", "instructeur")
    assert res.exit_code == 2
    assert ("already has 10 assignments for the role “instructor” [output-exists]"
            in res.output)
    assert "the rows of the other roles are kept" in res.output
    assert (folder / "assignments.csv").read_bytes() == before
    res = assign("--per-dossier", "1", "--role", "instructeur", "--force")
    assert res.exit_code == 0, res.output
    assert (folder / "assignments.csv").read_bytes() == before  # deterministic
    # the jurors again (no --role: the jurors, as before), 2 a dossier: 20 rows, i1's 10 kept
    res = assign("--per-dossier", "2")
    assert res.exit_code == 2 and "30 assignments for the role “jury member”" in res.output
    res = CliRunner().invoke(cli, ["--lang", "fr", "assign", str(folder), "--per-dossier",
                                   "2", "--force"])
    assert res.exit_code == 0, res.output
    # 3 a dossier replaced by 2: the previous file kept, dated, as sheets import --replace
    # keeps a juror's ratings (no ratings here: nothing refused)
    kept = sorted((folder / "replaced").glob("assignments.*.csv"))
    assert len(kept) == 1
    assert res.output.splitlines()[1:] == ["conservées\u00a0: 10 attributions des autres rôles",
                                           f"fichier précédent gardé sous {kept[0]}"]
    rows = _rows(folder)
    assert len(rows) == 1 + 20 + 10
    loaded = load_call(folder)
    from isgrid.errors import Collector
    from isgrid.jury.common import read_assignments
    got = read_assignments(loaded, Collector())
    assert got is not None
    assert {a: len(ds) for a, ds in got.items()} == {
        "j1": 4, "j2": 4, "j3": 4, "j4": 4, "j5": 4, "i1": 10}


def test_rows_it_cannot_place_are_kept(tmp_path: Path) -> None:
    """A row naming an assessor call.yaml does not declare, and another role's row now
    under a déport, are kept as they are (their readers report or leave them out)."""
    folder = new_call(tmp_path, conflicts=[{"assessor": "i1", "dossier": "D02"}])
    (folder / "assignments.csv").write_text(
        "Dossier,Assessor\nD02,i1\n D03 ,x9\nD01,j1\n\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["assign", str(folder), "--per-dossier", "1"])
    assert res.exit_code == 2 and "1 assignment for the role “jury member”" in res.output
    res = CliRunner().invoke(cli, ["assign", str(folder), "--per-dossier", "1", "--force"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1] == "kept: 2 assignments of the other roles"
    rows = _rows(folder)
    assert len(rows) == 1 + 10 + 2
    # the kept rows in their dossier's place, an unknown assessor after the known ones
    assert rows[:6] == ["dossier,assessor", "D01,j1", "D02,j2", "D02,i1", "D03,j3", "D03,x9"]


@pytest.mark.parametrize("text, said", [
    ("dossier,assessor,note\nD01,i1,à revoir\n",
     "the column note of assignments.csv would be lost"),
    ("dossier;who\nD01;i1\n", "cannot read them"),
])
def test_a_file_it_cannot_keep_whole_is_refused(tmp_path: Path, text: str, said: str) -> None:
    """Rewriting would lose something the user wrote: refused even with --force."""
    folder = new_call(tmp_path)
    (folder / "assignments.csv").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["assign", str(folder), "--per-dossier", "1", "--force"])
    assert res.exit_code == 1
    assert said in res.output and "[assign-would-drop]" in res.output
    assert (folder / "assignments.csv").read_text(encoding="utf-8") == text
