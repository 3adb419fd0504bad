"""How real funders score (issue 16): totals out of N, ranking-only weights.

The call modelled here is an international research programme's published rules:
three criteria scored 0-5 with half points, a threshold of 3 per criterion and of
10 out of 15 overall, and Impact weighted 1.5 for the ranking only.  Every
expected number below is worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.errors import GridError

HEADER = """id: programme
version: "1"
title: Programme international
mode: scored
sources:
  - {id: T, title: Règles publiées}
"""
SCALE = """scales:
  s05:
    levels:
      - {value: 0, label: Insuffisant}
      - {value: 1, label: Faible}
      - {value: 2, label: Passable}
      - {value: 3, label: Bon}
      - {value: 4, label: Très bon}
      - {value: 5, label: Excellent}
    half_steps: true
"""


def grid(*, total: str = "total: {out_of: 15}\n", threshold: str = "threshold: 10\n",
         impact_ranking: str = "") -> str:
    return (HEADER + total + threshold + SCALE + f"""sections:
  - id: S1
    label: Excellence
    criteria:
      - {{id: EXC, label: Excellence, scale: s05, floor: 3, provenance: {{status: inferred}}}}
  - id: S2
    label: Impact
{impact_ranking}    criteria:
      - {{id: IMP, label: Impact, scale: s05, floor: 3, provenance: {{status: inferred}}}}
  - id: S3
    label: Mise en œuvre
    criteria:
      - {{id: IMPL, label: Mise en œuvre, scale: s05, floor: 3, provenance: {{status: inferred}}}}
""")


def rows(scores: dict[str, tuple[float, float, float]]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for did, (exc, imp, impl) in scores.items():
        out += [(did, "panel", "EXC", exc), (did, "panel", "IMP", imp),
                (did, "panel", "IMPL", impl)]
    return out


def run(folder: Path) -> dict[str, Any]:
    result = score(load_call(folder))
    return {d.id: d for d in result.dossiers}


def test_total_out_of_15_is_the_sum_and_the_threshold_of_10_is_exact(tmp_path: Path) -> None:
    # A: 3 + 3.5 + 3.5 = 10 -> exactly at the threshold of 10/15: ranked.
    # B: 3 + 3 + 3.5 = 9.5 -> below 10: not ranked (floors all reached).
    # C: 4 + 3 + 3 = 10 -> ranked, tied with A (no tie-break).
    scores = {"A": (3, 3.5, 3.5), "B": (3, 3, 3.5), "C": (4, 3, 3)}
    folder = make_call(tmp_path, grid(), dossiers=[{"id": d} for d in scores],
                       ratings=rows(scores))
    by = run(folder)
    assert by["A"].total == 10 and by["C"].total == 10  # the sum, with no binary residue
    assert by["B"].total == 9.5
    assert by["A"].rank == 1 and by["C"].rank == 1 and "tie" in by["A"].flags
    assert by["B"].rank is None and "below-threshold" in by["B"].flags
    assert by["A"].ranking_total is None  # no ranking weights: no second total


def test_ranking_weight_orders_while_thresholds_stay_on_the_plain_sum(tmp_path: Path) -> None:
    # Impact weighs 1.5 for the ranking: ranking total = 15 x (e + 1.5 i + m) / (5 x 3.5).
    # A (3, 3.5, 3.5): plain 10; ranking 15 x (3 + 5.25 + 3.5) / 17.5 = 15 x 11.75 / 17.5
    #   = 10.0714285714...
    # C (4, 3, 3): plain 10; ranking 15 x (4 + 4.5 + 3) / 17.5 = 15 x 11.5 / 17.5 = 9.857142...
    # B (2.5, 5, 5): plain 12.5 but Excellence 2.5 < floor 3: not ranked, whatever Impact.
    # D (3, 5, 1.5): plain 9.5 < 10 and IMPL below floor: not ranked, although its ranking
    #   total 15 x (3 + 7.5 + 1.5) / 17.5 = 10.2857 would put it first.
    scores = {"A": (3, 3.5, 3.5), "B": (2.5, 5, 5), "C": (4, 3, 3), "D": (3, 5, 1.5)}
    folder = make_call(tmp_path, grid(impact_ranking="    ranking_weight: 1.5\n"),
                       dossiers=[{"id": d} for d in scores], ratings=rows(scores))
    by = run(folder)
    assert by["A"].total == 10 and by["C"].total == 10
    assert by["A"].ranking_total == pytest.approx(15 * 11.75 / 17.5)
    assert by["C"].ranking_total == pytest.approx(15 * 11.5 / 17.5)
    assert (by["A"].rank, by["C"].rank) == (1, 2)  # no tie: Impact decides
    assert by["B"].rank is None and "below-floor:EXC" in by["B"].flags
    assert by["D"].rank is None and "below-threshold" in by["D"].flags


def test_ranking_total_is_in_the_result_json_only_where_it_exists(tmp_path: Path) -> None:
    scores = {"A": (3, 3.5, 3.5)}
    plain = make_call(tmp_path, grid(), dossiers=[{"id": "A"}], ratings=rows(scores),
                      name="plain")
    weighted = make_call(tmp_path, grid(impact_ranking="    ranking_weight: 1.5\n"),
                         dossiers=[{"id": "A"}], ratings=rows(scores), name="weighted")
    d_plain = score(load_call(plain)).to_json()["dossiers"][0]
    d_weighted = score(load_call(weighted)).to_json()["dossiers"][0]
    assert "ranking_total" not in d_plain
    assert d_weighted["ranking_total"] == pytest.approx(15 * 11.75 / 17.5)
    assert score(load_call(plain)).to_json()["grid"]["out_of"] == 15


@pytest.mark.parametrize("threshold", ["threshold: 16\n", "threshold: -1\n"])
def test_a_threshold_outside_the_total_is_a_grid_error(tmp_path: Path, threshold: str) -> None:
    folder = make_call(tmp_path, grid(threshold=threshold), dossiers=[{"id": "A"}])
    with pytest.raises(GridError) as info:
        load_call(folder)
    text = str(info.value) + " ".join(str(d) for d in getattr(info.value, "diagnostics", []))
    assert "bad-threshold" in text or "outside 0..15" in text


def test_threshold_10_without_out_of_is_ten_out_of_100(tmp_path: Path) -> None:
    # The trap the issue describes: `threshold: 10` on a total out of 100 lets 9.5/15
    # (= 63.33/100) through. With the default total, B is ranked: 100 x 9.5/15 = 63.33 >= 10.
    scores = {"B": (3, 3, 3.5)}
    folder = make_call(tmp_path, grid(total=""), dossiers=[{"id": "B"}], ratings=rows(scores))
    by = run(folder)
    assert by["B"].total == pytest.approx(100 * 9.5 / 15)
    assert by["B"].rank == 1


def test_the_committee_report_states_the_threshold_as_written(tmp_path: Path) -> None:
    scores = {"A": (3, 3.5, 3.5), "B": (3, 3, 3.5)}
    folder = make_call(tmp_path, grid(), dossiers=[{"id": d} for d in scores],
                       ratings=rows(scores))
    out = tmp_path / "comite.md"
    res = CliRunner().invoke(cli, ["report", str(folder), "--format", "md", "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "10 / 15" in text  # the threshold, out of 15 (not "/ 100", not rounded)
    assert "Total /15" in text
