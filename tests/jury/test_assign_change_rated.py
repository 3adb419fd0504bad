"""``isgrid assign --force`` over a distribution the jurors already rated: refused unless
``--change-rated``, saying how many returned ratings the new distribution contradicts;
the previous ``assignments.csv`` always kept as ``replaced/assignments.<date>.csv``
(isgrid.jury.reassign; docs/jury.md, docs/fr/preparer-un-appel.md §4).

The call: ten dossiers D01..D10, jurors j1..j5 then the instructor i1; the jurors rate
B1, B2 and I1.  ``--per-dossier 1`` gives each dossier the least-loaded juror, in dossier
then call.yaml order: D01 j1, D02 j2, D03 j3, D04 j4, D05 j5, D06 j1, D07 j2… so j1 gets
{D01, D06} and j2 {D02, D07}.  The distribution sent out (by hand) gave j1 D01, D02, D03
and j2 D02; j1 rated its three (9 ratings), j2 its one (3), i1 X1 on D01: 12 ratings of
jurors, of which j1's on D02 and D03 (6) are on dossiers the new distribution takes from
j1; j2's D02 stays j2's.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from callfactory import make_call
from isgrid.cli.main import cli

DOSSIERS = [{"id": f"D{i:02d}"} for i in range(1, 11)]
JURY = [{"id": f"j{i}"} for i in range(1, 6)] + [{"id": "i1", "role": "instructeur"}]
SENT = ["dossier,assessor", "D01,j1", "D02,j1", "D03,j1", "D02,j2"] + [
    f"D{i:02d},j{j}" for i, j in ((4, 3), (5, 4), (6, 5))]


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _call(tmp_path: Path, *, rated: bool) -> Path:
    ratings = [(d, "j1", c, 3) for d in ("D01", "D02", "D03") for c in ("B1", "B2", "I1")]
    ratings += [("D02", "j2", c, 2) for c in ("B1", "B2", "I1")]
    ratings += [("D01", "i1", "X1", "non")]
    folder = make_call(tmp_path, "mini-scored", call={"assessors": JURY}, dossiers=DOSSIERS,
                       ratings=ratings if rated else ())
    (folder / "assignments.csv").write_text("\n".join(SENT) + "\n", encoding="utf-8")
    return folder


def _kept(folder: Path) -> list[Path]:
    return sorted((folder / "replaced").glob("assignments.*.csv"))


def test_refused_when_ratings_were_returned(tmp_path: Path) -> None:
    folder = _call(tmp_path, rated=True)
    before = (folder / "assignments.csv").read_bytes()
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force")
    assert res.exit_code == 1, res.output
    assert ("6 of the 12 ratings already returned are by jurors on dossiers the new "
            "distribution no longer gives them (j1: 2 dossiers) [assign-changes-rated]"
            ) in res.output, res.output
    assert "--change-rated" in res.output
    assert (folder / "assignments.csv").read_bytes() == before
    assert not (folder / "replaced").exists()
    res = _run("--lang", "fr", "assign", folder, "--per-dossier", "1", "--force")
    assert res.exit_code == 1
    assert ("6 des 12 notes déjà rendues portent sur des dossiers que la nouvelle "
            "répartition ne donne plus à leur juré (j1\u00a0: 2 dossiers)") in res.output


def test_with_change_rated_it_writes_and_keeps_the_previous_file(tmp_path: Path) -> None:
    folder = _call(tmp_path, rated=True)
    before = (folder / "assignments.csv").read_bytes()
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force",
               "--change-rated")
    assert res.exit_code == 0, res.output
    assert "Warning: " in res.output and "6 of the 12 ratings" in res.output
    kept = _kept(folder)
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert f"kept the previous file as {kept[0]}" in res.output
    rows = (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert [r for r in rows if r.endswith(",j1")] == ["D01,j1", "D06,j1"]
    assert [r for r in rows if r.endswith(",j2")] == ["D02,j2", "D07,j2"]


def test_without_ratings_force_writes_and_keeps_a_copy(tmp_path: Path) -> None:
    folder = _call(tmp_path, rated=False)
    before = (folder / "assignments.csv").read_bytes()
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force")
    assert res.exit_code == 0, res.output
    assert "assign-changes-rated" not in res.output
    kept = _kept(folder)
    assert len(kept) == 1 and kept[0].read_bytes() == before
    # the same distribution again: nothing to keep, no second copy
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force")
    assert res.exit_code == 0 and "kept the previous file" not in res.output
    assert len(_kept(folder)) == 1


def test_the_jurors_are_listed_by_id(tmp_path: Path) -> None:
    """The jurors whose rated dossiers the new distribution takes away were listed in the
    order their ratings came (here one file, D01's j3 before D02's j1): by id, j1 then j3.  The new
    distribution gives D01 to j1 and D02 to j2 (module docstring), so j3's rating of D01
    and j1's of D02 are both off: 2 of the 2 ratings, one dossier each."""
    ratings = [("D01", "j3", "B1", 3), ("D02", "j1", "B1", 2)]
    folder = make_call(tmp_path, "mini-scored", call={"assessors": JURY}, dossiers=DOSSIERS,
                       ratings=ratings, ratings_file="jury.csv")
    (folder / "assignments.csv").write_text("dossier,assessor\nD01,j3\nD02,j1\n",
                                            encoding="utf-8")
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force")
    assert res.exit_code == 1, res.output
    assert ("2 of the 2 ratings already returned are by jurors on dossiers the new "
            "distribution no longer gives them (j1: 1 dossier; j3: 1 dossier)") in res.output
