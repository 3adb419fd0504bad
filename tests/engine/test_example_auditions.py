"""examples/auditions-2027: a call in two stages, run as its README says, every number
worked out by hand from the ratings files.

Stage 1 (``ecrit/``): written totals = 5 × (sum of the three jurors' ratings of each
criterion, summed over the five criteria) ÷ 3: P4 5 × 53 ÷ 3 = 88.33, P1 80, P2 73.33,
P3 60, P5 45, P6 31.67; ``top: 3`` présélectionne P4, P1, P2 and the committee's decision
repêche P5.  Stage 2 (``audition/``): audition totals P1 5 × 55 ÷ 3 = 91.67, P4 70,
P2 53.33, P5 95; final = 0.6 × audition + 0.4 × written.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

TWO = EXAMPLES / "auditions-2027"


def _run(*args: object) -> str:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def _score(folder: Path) -> dict[str, dict[str, object]]:
    return {d["id"]: d for d in json.loads(_run("score", folder, "--format", "json"))["dossiers"]}


def test_both_folders_check() -> None:
    for folder in (TWO / "ecrit", TWO / "audition"):
        out = _run("call", "check", folder)
        assert out.startswith("ok:"), out
        assert "ratings-missing" not in out


def test_the_preselection_and_the_repechage() -> None:
    d = _score(TWO / "ecrit")
    written = {"P4": 5 * 53 / 3, "P1": 80.0, "P2": 5 * 44 / 3, "P3": 60.0, "P5": 45.0,
               "P6": 5 * 19 / 3}
    for did, total in written.items():
        assert abs(d[did]["total"] - total) < 1e-9, did  # type: ignore[operator]
    assert sorted(i for i, x in d.items() if x["selected"]) == ["P1", "P2", "P4", "P5"]
    assert d["P5"]["rank"] == 5 and d["P3"]["rank"] == 4 and not d["P3"]["selected"]


def test_the_written_totals_carried_are_stage_ones() -> None:
    """The second folder's ``written_total`` facts are the first folder's ``total`` column
    of ``score --format csv`` (nine decimals), for the four dossiers heard."""
    rows = _run("score", TWO / "ecrit", "--format", "csv").splitlines()
    head = rows[0].split(";")
    totals = {r.split(";")[head.index("id")]: r.split(";")[head.index("total")]
              for r in rows[1:]}
    heard = sorted(p.stem for p in (TWO / "audition" / "dossiers").glob("*.yaml"))
    assert heard == ["P1", "P2", "P4", "P5"]
    for did in heard:
        text = (TWO / "audition" / "dossiers" / f"{did}.yaml").read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("written_total:"))
        assert line.split()[1] == totals[did].replace(",", "."), did


def test_the_final_ranking_counts_the_written_total_exactly() -> None:
    d = _score(TWO / "audition")
    audition = {"P1": 5 * 55 / 3, "P4": 70.0, "P2": 5 * 32 / 3, "P5": 95.0}
    written = {"P1": 80.0, "P4": 88.333333333, "P2": 73.333333333, "P5": 45.0}
    for did in audition:
        final = 0.6 * audition[did] + 0.4 * written[did]
        assert abs(d[did]["total"] - final) < 1e-9, did  # type: ignore[operator]
    assert abs(d["P4"]["total"] - 77.3333333332) < 1e-9  # 77.33, not 77.2 (88 rounded)
    assert [i for i, _ in sorted(d.items(), key=lambda kv: kv[1]["rank"])] == \
        ["P1", "P4", "P5", "P2"]  # type: ignore[arg-type, return-value]
    # 30 000 €: P1 12 000 + P4 8 000; P5's 14 000 no longer fit: the reserve of one
    assert d["P1"]["selected"] and d["P4"]["selected"]
    assert d["P5"]["reserve"] and not d["P2"]["selected"] and not d["P2"]["reserve"]
    assert all(x["criteria"]["ECRIT"]["n"] == 0 for x in d.values())  # never rated


def test_the_committees_workbooks_do_not_ask_for_the_written_total(tmp_path: Path) -> None:
    _run("sheets", TWO / "audition", "--format", "csv", "-o", tmp_path)
    for path in sorted(tmp_path.iterdir()):
        text = path.read_text(encoding="utf-8-sig")
        assert "VDM-1" in text and "ECRIT" not in text, path.name


def test_the_analyses_draws_keep_the_written_total() -> None:
    """Sensitivity's draws resample the committee's ratings, never the fact: every draw
    ranks every dossier (a criterion left missing would leave them all unranked), and P1
    (87.00, 10 points above P4) is selected in every draw."""
    out = json.loads(_run("sensitivity", TWO / "audition", "--draws", 200, "--seed", 1,
                          "--format", "json"))
    assert sorted(out["all"]) == ["P1", "P2", "P4", "P5"]
    assert all(x["unranked_share"] == 0.0 for x in out["all"].values())
    assert out["all"]["P1"]["probability"] == 1.0
