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
parameters:
  threshold: {status: sourced, source: T}
  total.out_of: {status: sourced, source: T}
  criteria.*.floor: {status: sourced, source: T}
  sections.*.ranking_weight: {status: sourced, source: T}
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


# -- require_consensus ------------------------------------------------------
def consensus_call(tmp_path: Path, consensus: list[dict[str, Any]]) -> Path:
    scores = {"A": (3, 3.5, 3.5), "B": (4, 4, 4)}
    return make_call(tmp_path, grid(), {"require_consensus": True, "consensus": consensus},
                     dossiers=[{"id": d} for d in scores], ratings=rows(scores))


def full(did: str, exc: float, imp: float, impl: float) -> list[dict[str, Any]]:
    return [{"dossier": did, "criterion": c, "value": v, "reason": "séance"}
            for c, v in (("EXC", exc), ("IMP", imp), ("IMPL", impl))]


def test_require_consensus_a_missing_cell_makes_the_dossier_incomplete(tmp_path: Path) -> None:
    # A has its three consensus values (3 + 4 + 4 = 11 / 15: ranked); B lacks IMPL's:
    # incomplete, not ranked, although its experts' mean (4, 4, 4 = 12) would rank it first.
    folder = consensus_call(tmp_path, full("A", 3, 4, 4) + full("B", 4, 4, 4)[:2])
    by = run(folder)
    assert by["A"].total == 11 and by["A"].rank == 1
    assert by["B"].rank is None and by["B"].total is None
    assert by["B"].status == "incomplet"
    assert "consensus-missing:IMPL" in by["B"].flags
    assert by["B"].criteria["IMPL"]["value"] is None  # the mean does not stand in
    assert by["B"].criteria["IMPL"]["raw"] == 4  # the experts' mean is still shown


def test_require_consensus_warns_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    folder = consensus_call(tmp_path, full("A", 3, 4, 4) + full("B", 4, 4, 4)[:2])
    res = CliRunner().invoke(cli, ["score", str(folder)])
    assert res.exit_code == 0, res.output
    assert "consensus-missing" in res.output and "'B'" in res.output and "IMPL" in res.output
    strict = CliRunner().invoke(cli, ["--strict", "score", str(folder)])
    assert strict.exit_code == 1
    assert "consensus-missing" in strict.output


def test_require_consensus_counts_the_seance_journal(tmp_path: Path) -> None:
    folder = consensus_call(tmp_path, full("A", 3, 4, 4) + full("B", 4, 4, 4)[:2])
    res = CliRunner().invoke(cli, ["consensus", "set", str(folder), "B", "IMPL", "2",
                                   "--by", "Présidente", "--reason", "débat en séance"])
    assert res.exit_code == 0, res.output
    by = run(folder)
    # B now: 4 + 4 + 2 = 10 / 15, at the threshold; but IMPL 2 < floor 3: not ranked,
    # for its floor this time, no longer for a missing consensus.
    assert not any(f.startswith("consensus-missing") for f in by["B"].flags)
    assert by["B"].total == 10 and "below-floor:IMPL" in by["B"].flags
    again = CliRunner().invoke(cli, ["--strict", "score", str(folder)])
    assert again.exit_code == 0, again.output


# -- tie-breaks on list facts -------------------------------------------------
LIST_FACTS = """facts:
  countries: {type: array, items: {type: string}, label: Pays partenaires}
"""


def tie_grid(tie: str) -> str:
    return grid().replace("scales:", LIST_FACTS + tie + "scales:", 1)


def test_a_list_fact_tie_break_without_count_is_a_grid_error(tmp_path: Path) -> None:
    folder = make_call(tmp_path, tie_grid("tie_breaks:\n  - {by: 'fact:countries'}\n"),
                       dossiers=[{"id": "A", "countries": ["FR"]}])
    with pytest.raises(GridError) as info:
        load_call(folder)
    text = "\n".join(f"{d.code} {d.message} {d.hint}" for d in info.value.diagnostics)
    assert "bad-tie-break" in text and "count: distinct" in text


def test_a_list_fact_tie_break_counts_distinct_values(tmp_path: Path) -> None:
    # A and C tie at 10/15. A has 2 distinct countries (FR, DE; DE given twice), C has 3:
    # with `count: distinct` and the default order (desc), C comes first.
    scores = {"A": (3, 3.5, 3.5), "C": (4, 3, 3)}
    folder = make_call(
        tmp_path, tie_grid("tie_breaks:\n  - {by: 'fact:countries', count: distinct}\n"),
        dossiers=[{"id": "A", "countries": ["FR", "DE", "DE"]},
                  {"id": "C", "countries": ["FR", "IT", "ES"]}], ratings=rows(scores))
    by = run(folder)
    assert (by["C"].rank, by["A"].rank) == (1, 2)
    assert "tie" not in by["A"].flags


def test_a_call_tie_break_on_a_list_fact_is_refused_with_its_place(tmp_path: Path) -> None:
    folder = make_call(tmp_path, tie_grid(""),
                       {"tie_breaks": [{"by": "fact:countries"}]},
                       dossiers=[{"id": "A", "countries": ["FR"]}])
    with pytest.raises(Exception) as info:
        load_call(folder)
    diags = info.value.diagnostics  # type: ignore[attr-defined]
    hit = [d for d in diags if d.code == "bad-tie-break"]
    assert hit and hit[0].location.file.endswith("call.yaml") and hit[0].location.line


# -- exact money --------------------------------------------------------------
MONEY_GRID = grid(total="", threshold="").replace("scales:", """facts:
  amount_requested: {type: number, unit: EUR}
  eligible_costs: {type: number, unit: EUR}
scales:""", 1)


def money_call(tmp_path: Path, funding: dict[str, Any], budget: float,
               dossiers: dict[str, tuple[float, float, tuple[float, float, float]]],
               rule: str = "rank-order", name: str = "call") -> Path:
    """dossiers: id -> (requested, eligible costs, scores)."""
    return make_call(
        tmp_path, MONEY_GRID,
        {"funding": funding, "budget": budget, "selection": {"rule": rule}},
        dossiers=[{"id": d, "amount_requested": r, "eligible_costs": c}
                  for d, (r, c, _) in dossiers.items()],
        ratings=rows({d: s for d, (_, _, s) in dossiers.items()}), name=name)


def test_alsace_2013_money_two_laureates_and_nothing_left(tmp_path: Path) -> None:
    # Rate 0.5, cap 27 100, budget 52 100, rule skip.
    # L1 (first): min(40 000, 0.5 x 80 000 = 40 000, 27 100) = 27 100 -> taken, 25 000 left.
    # L2 (second): min(30 000, 0.5 x 70 000 = 35 000, 27 100) = 27 100 > 25 000: skipped.
    # L3 (third): min(25 000, 0.5 x 60 000 = 30 000, 27 100) = 25 000 = what is left: taken.
    folder = money_call(tmp_path, {"rate": 0.5, "cap": 27100}, 52100, {
        "L1": (40000, 80000, (5, 5, 5)), "L2": (30000, 70000, (4, 4, 4)),
        "L3": (25000, 60000, (3, 3, 3))}, rule="skip")
    result = score(load_call(folder))
    by = {d.id: d for d in result.dossiers}
    assert by["L1"].amounts.proposed == 27100 and by["L3"].amounts.proposed == 25000
    assert [d for d in by if by[d].selected] == ["L1", "L3"]
    sel = result.to_json()["selection"]
    assert sel["spent"] == 52100 and sel["remaining"] == 0
    assert sel["skipped"] == ["L2"] and sel["line"] is None  # nothing left below L3


def test_amounts_are_decimal_and_rounded_down(tmp_path: Path) -> None:
    # 0.55 x 46 000 = 25 300 exactly (binary floats give 25300.000000000004).
    # 0.55 x 33 333 = 18 333.15 -> 18 333.15 at cents; 18 333 with round 1; 18 300 with 100.
    dossiers = {"P": (30000, 46000, (4, 4, 4)), "Q": (30000, 33333, (3, 3, 3))}
    folder = money_call(tmp_path, {"rate": 0.55}, 100000, dossiers)
    result = score(load_call(folder))
    by = {d.id: d for d in result.dossiers}
    assert by["P"].amounts.proposed == 25300 and by["Q"].amounts.proposed == 18333.15
    text = (tmp_path / "r.json")
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json", "-o", str(text)])
    assert res.exit_code == 0, res.output
    raw = text.read_text(encoding="utf-8")
    assert "25300.000000000004" not in raw
    assert '"proposed":25300,' in raw and '"proposed":18333.15,' in raw
    # spent 25 300 + 18 333.15 = 43 633.15; left 100 000 - 43 633.15 = 56 366.85
    assert '"spent":43633.15' in raw and '"remaining":56366.85' in raw
    csv_out = tmp_path / "r.csv"
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "csv", "-o", str(csv_out)])
    assert res.exit_code == 0, res.output
    assert "25300.000000000004" not in csv_out.read_text(encoding="utf-8")
    for step, q in ((1, 18333), (100, 18300)):
        f = money_call(tmp_path, {"rate": 0.55, "round": step}, 100000, dossiers,
                       name=f"round{step}")
        assert {d.id: d for d in score(load_call(f)).dossiers}["Q"].amounts.proposed == q


def test_funding_round_other_steps_are_refused(tmp_path: Path) -> None:
    folder = money_call(tmp_path, {"rate": 0.5, "round": 10}, 1000,
                        {"P": (100, 100, (4, 4, 4))})
    with pytest.raises(Exception) as info:
        load_call(folder)
    assert "round" in str(info.value.diagnostics)  # type: ignore[attr-defined]


def test_a_half_point_without_half_steps_names_half_steps() -> None:
    from isgrid.grid.model import Scale
    from isgrid.grid.scales import parse_value

    scale = Scale.model_validate({"levels": [{"value": v, "label": str(v)} for v in range(6)]})
    parsed = parse_value("2.5", scale)  # halfway between 2 and 3: a half step
    assert parsed.value is None and parsed.error and "half_steps: true" in parsed.error
    other = parse_value("2.7", scale)  # not a half step: the plain message
    assert other.error and "half_steps" not in other.error
