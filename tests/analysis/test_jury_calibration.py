"""Calibration and sensitivity against small cases worked out by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from gridtexts import criterion, grid, scale, section
from isgrid.analysis.calibration import calibrate, calibration_data
from isgrid.analysis.rescoring import Rescorer
from isgrid.analysis.sensitivity import analyse, sensitivity_data
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.batch import Batch
from isgrid.errors import CallError

# One criterion C on a 0..4 scale whose levels are named by their value; TWO adds E (D2).
S04_NAMED = scale("s04", "zéro", "un", "deux", "trois", "quatre")
ONE = grid("one", "Une seule note", section("s", "Section", criterion("C", "Critère")),
           scales=[S04_NAMED])
TWO = grid("one", "Une seule note",
           section("s", "Section", criterion("C", "Critère"),
                   criterion("E", "Autre", dimension="D2")),
           scales=[S04_NAMED])


def build(tmp_path: Path, ratings: list[tuple[Any, ...]], grid: str = ONE,
          dossiers: int = 3, **call: Any) -> Any:
    folder = make_call(tmp_path, grid, call=call,
                       dossiers=[{"id": f"D{i}"} for i in range(1, dossiers + 1)],
                       ratings=ratings)
    loaded = load_call(folder)
    return loaded, score(loaded)


# ------------------------------------------------------------------ calibration
def test_calibration_hand_case(tmp_path: Path) -> None:
    # j1 gives 4 and 4, j2 2 and 2, j3 3 and 3 to D1 and D2 (scale 0..4, k = 2).
    # j1: others' mean 2.5 on both; deviation (4 - 2.5) / 4 = 0.375; n = 2;
    #     b = 2 / (2 + 2) x 0.375 = 0.1875, i.e. 0.75 scale units: 4 -> 3.25.
    # j2: deviation (2 - 3.5) / 4 = -0.375; b = -0.1875: 2 -> 2.75.
    # j3: deviation (3 - 3) / 4 = 0: 3 stays 3.  Calibrated mean (3.25+2.75+3)/3 = 3.
    rows = [(d, a, "C", v) for d in ("D1", "D2") for a, v in (("j1", 4), ("j2", 2), ("j3", 3))]
    call, result = build(tmp_path, rows, dossiers=2, calibration={"k": 2})
    cal = calibrate(call, result)
    s = cal.severities
    assert s["j1"].n == 2 and s["j1"].deviations == 2
    assert s["j1"].mean_deviation == pytest.approx(0.375)
    assert s["j1"].shrink == pytest.approx(0.5)
    assert s["j1"].bias == pytest.approx(0.1875)
    assert s["j2"].bias == pytest.approx(-0.1875)
    assert s["j3"].bias == pytest.approx(0.0)
    assert cal.values[("D1", "C")] == pytest.approx({"j1": 3.25, "j2": 2.75, "j3": 3.0})
    assert cal.calibrated.total["D1"] == pytest.approx(75.0)  # 100 x 3 / 4
    assert cal.raw.total["D1"] == pytest.approx(75.0)
    # raw ratings never change
    assert {r.value for r in load_call(call.folder).ratings if r.assessor == "j1"} == {4.0}


def test_calibration_default_k_shrinks_small_juries(tmp_path: Path) -> None:
    # the same case with the default k = 10: b_j1 = 2/12 x 0.375 = 0.0625 -> 4 - 0.25
    rows = [(d, a, "C", v) for d in ("D1", "D2") for a, v in (("j1", 4), ("j2", 2), ("j3", 3))]
    call, result = build(tmp_path, rows, dossiers=2)
    cal = calibrate(call, result)
    assert cal.k == 10
    assert cal.severities["j1"].bias == pytest.approx(0.0625)
    assert cal.values[("D1", "C")]["j1"] == pytest.approx(3.75)


def test_calibration_moves_ranks(tmp_path: Path) -> None:
    # j1 is harsh, j2 lenient; both rate D3 (j1: 1, j2: 3). k = 2.
    # j1: deviation on D3 (1 - 3) / 4 = -0.5; n = 2 (D1, D3); b = 0.5 x -0.5 = -0.25,
    #     i.e. -1 unit: D1 2 -> 3.  j2: b = +0.25: D2 3 -> 2.
    # Raw: D2 (75) before D1 (50); calibrated: D1 (75) before D2 (50). D3: 2 either way.
    rows = [("D1", "j1", "C", 2), ("D3", "j1", "C", 1), ("D2", "j2", "C", 3),
            ("D3", "j2", "C", 3)]
    call, result = build(tmp_path, rows, calibration={"k": 2}, selection={"top": 1})
    cal = calibrate(call, result)
    assert cal.raw.total == pytest.approx({"D1": 50.0, "D2": 75.0, "D3": 50.0})
    assert cal.calibrated.total == pytest.approx({"D1": 75.0, "D2": 50.0, "D3": 50.0})
    assert cal.raw.selected == {"D1": False, "D2": True, "D3": False}
    assert cal.calibrated.rank["D1"] == 1 and cal.calibrated.selected["D1"] is True
    assert cal.calibrated.selected["D2"] is False
    assert set(cal.moved) == {"D1", "D2"}
    data = calibration_data(cal, [d.id for d in result.dossiers])
    assert data["moved"] == cal.moved and data["assessors"]["j1"]["bias"] == -0.25


def test_calibration_clips_to_scale(tmp_path: Path) -> None:
    # j1 gives 0 where the others give 4 and 4: deviation -1 on each of 1 dossier,
    # k = 0: b = -1 -> 0 + 4 = 4 (at the top); the others: deviation (4 - 2)/4 = 0.5,
    # b = 0.5 -> 4 - 2 = 2 ... clipped values stay in [0, 4].
    rows = [("D1", "j1", "C", 0), ("D1", "j2", "C", 4), ("D1", "j3", "C", 4)]
    call, result = build(tmp_path, rows, dossiers=1, calibration={"k": 0})
    cal = calibrate(call, result)
    assert cal.values[("D1", "C")] == pytest.approx({"j1": 4.0, "j2": 2.0, "j3": 2.0})
    assert all(0 <= v <= 4 for v in cal.values[("D1", "C")].values())


def test_calibration_config_checked(tmp_path: Path) -> None:
    # checked when call.yaml is loaded (isgrid.call.blocks), located
    with pytest.raises(CallError) as exc:
        build(tmp_path, [("D1", "j1", "C", 1)], calibration={"k": -1})
    assert exc.value.diagnostics[0].code == "call-invalid"
    assert exc.value.diagnostics[0].location.key_path == "calibration.k"
    assert exc.value.diagnostics[0].location.line is not None


# ------------------------------------------------------------------ sensitivity
SENS = [("D1", "j1", "C", 3), ("D1", "j2", "C", 3), ("D1", "j3", "C", 2),
        ("D2", "j1", "C", 3), ("D2", "j2", "C", 2), ("D2", "j3", "C", 2),
        ("D3", "j1", "C", 1), ("D3", "j2", "C", 1), ("D3", "j3", "C", 1)]


def test_sensitivity_hand_case(tmp_path: Path) -> None:
    # top 1.  D1: 3,3,2 -> mean 8/3 (66.7); D2: 3,2,2 -> 7/3 (58.3); D3: 1,1,1 (25).
    # Line: (66.7 + 58.3) / 2 = 62.5; margin 5: D1 and D2 are near, D3 is not.
    call, result = build(tmp_path, SENS, selection={"top": 1})
    s = analyse(call, result)
    assert s.line_value == pytest.approx(62.5)
    assert [n.id for n in s.near] == ["D1", "D2"]
    d1, d2 = s.near
    assert d1.selected is True and d2.selected is False
    # (a) without j2: D1 (3+2)/2 = 2.5 = D2 (3+2)/2: a tie at the line, undecided.
    #     without j1: D1 2.5 > D2 2; without j3: D1 3 > D2 2.5: no change.
    assert [(c.assessor, c.selected) for c in d1.leave_one_out] == [("j2", None)]
    assert [(c.assessor, c.selected) for c in d2.leave_one_out] == [("j2", None)]
    # (b) D1 one level down: any of j1 3 -> 2, j2 3 -> 2, j3 2 -> 1 gives 7/3 = D2:
    #     a tie at the line, undecided.  Up moves keep it selected.
    assert sorted((c.assessor, c.before, c.after, c.selected) for c in d1.one_level) == [
        ("j1", 3, 2, None), ("j2", 3, 2, None), ("j3", 2, 1, None)]
    assert [round(c.total or 0, 6) for c in d1.one_level] == [58.333333] * 3
    # D2 one level up: j1 3 -> 4 gives 8/3 = D1: undecided; j2 or j3 2 -> 3 likewise.
    assert sorted((c.assessor, c.before, c.after, c.selected) for c in d2.one_level) == [
        ("j1", 3, 4, None), ("j2", 2, 3, None), ("j3", 2, 3, None)]
    assert s.zone_grise == ["D1", "D2"]
    data = sensitivity_data(s)
    assert data["zone_grise"] == ["D1", "D2"] and data["near"][0]["one_level"][0]["to"] == 2


def test_sensitivity_stable_case_has_no_zone_grise(tmp_path: Path) -> None:
    rows = [(d, a, "C", v) for d, v in (("D1", 4), ("D2", 1), ("D3", 0))
            for a in ("j1", "j2", "j3")]
    call, result = build(tmp_path, rows, selection={"top": 1})
    s = analyse(call, result, draws=50, seed=1)
    assert s.zone_grise == []
    assert [n.id for n in s.near] == ["D1", "D2"]  # the last in, the first out
    assert s.all_draws["D1"].probability == 1.0
    assert s.all_draws["D1"].rank_interval == (1, 1)
    assert s.all_draws["D3"].probability == 0.0
    assert s.all_draws["D3"].rank_interval == (3, 3)


def test_bootstrap_seeded_and_weights(tmp_path: Path) -> None:
    # E: D1 2,2,2; D2 3,2,2; D3 0,0,0.  Per juror, D1 - D2 on C is 0, 1, 0 and on
    # E 1, 0, 0 the other way: resampled jurors and weights decide between D1 and D2.
    e = {"D1": (2, 2, 2), "D2": (3, 2, 2), "D3": (0, 0, 0)}
    rows = SENS + [(d, a, "E", e[d][i]) for d in e for i, a in enumerate(("j1", "j2", "j3"))]
    call, result = build(tmp_path, rows, grid=TWO, selection={"top": 1},
                         sensitivity={"weights": 0.5, "margin": 100})
    a = sensitivity_data(analyse(call, result, draws=200, seed=7))
    b = sensitivity_data(analyse(call, result, draws=200, seed=7))
    assert a == b  # seeded: the same draws
    c = sensitivity_data(analyse(call, result, draws=200, seed=8))
    assert c != a
    probs = {d: v["probability"] for d, v in a["all"].items()}
    assert all(0 <= p <= 1 for p in probs.values())
    assert probs["D3"] == 0.0  # D3 is below D1 and D2 on both criteria
    # D1 leads D2 on C, D2 leads on E: weights decide, so both have a real chance
    assert 0 < probs["D1"] < 1 and 0 < probs["D2"] < 1


def test_a_scenario_with_the_call_s_own_ratings_reproduces_the_engine(tmp_path: Path) -> None:
    folder = make_call(
        tmp_path, "mini-scored",
        call={"budget": 30000, "funding": {"cap": 15000}, "min_ratings": 2,
              "consensus": [{"dossier": "D2", "criterion": "I1", "value": 4,
                             "reason": "accord"}]},
        dossiers=[{"id": f"D{i}", "region": "Alsace", "amount_requested": 10000 * i,
                   "partners": [{"type": "recherche"}, {"type": "collectivite"}]}
                  for i in range(1, 5)],
        ratings=[(f"D{i}", a, c, (i + j + k) % 5) for i in range(1, 5)
                 for j, a in enumerate(("j1", "j2")) for k, c in enumerate(("B1", "B2", "I1"))]
        + [(f"D{i}", "i1", "X1", 1) for i in range(1, 5)])
    call = load_call(folder)
    rs = Rescorer(call, score(call))
    # the call's own ratings, through a scenario, give the engine's proposal back
    assert rs.run(rs.base_values) == rs.base
    # a change to D3's ratings changes D3's total and nobody else's
    values = dict(rs.base_values)
    values[("D3", "B1")] = {"j1": 4.0, "j2": 4.0}
    out = rs.run(values)
    assert out.total["D3"] != rs.base.total["D3"]
    assert {d: t for d, t in out.total.items() if d != "D3"} == {
        d: t for d, t in rs.base.total.items() if d != "D3"}


def test_sensitivity_scales(tmp_path: Path) -> None:
    rows = [(f"D{i:03d}", f"j{j}", c, (i * 7 + j * 3 + k) % 5)
            for i in range(200) for j in range(6) for k, c in enumerate(("C", "E"))]
    folder = make_call(tmp_path, TWO, call={"selection": {"top": 60}},
                       dossiers=[{"id": f"D{i:03d}"} for i in range(200)], ratings=rows)
    call = load_call(folder)
    calls: list[int] = []
    whole = Batch.propose

    def counted(self: Batch, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return whole(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Batch, "propose", counted)
        s = analyse(call, score(call), draws=20)
    assert s.near
    moves = sum(2 * 12 for _ in s.near)  # 6 jurors x 2 criteria, one level up and down
    # Speed is measured by bench/, not here; what is checked is the count of whole
    # rank-and-walk passes: the base, one per juror left out (6), one per draw (20), and
    # for the one-level moves far fewer than one per move (a move is answered by the walk
    # of the moved dossier's own group, Batch._alone; ties with a neighbour take a whole
    # pass each).  Quadratic would be one whole pass per move.
    assert len(calls) < 1 + 6 + 20 + moves // 4


def test_needs_a_line_and_a_scored_grid(tmp_path: Path) -> None:
    call, result = build(tmp_path, SENS)
    with pytest.raises(CallError) as exc:
        analyse(call, result)
    assert exc.value.diagnostics[0].code == "call-invalid"
    folder = make_call(tmp_path, "mini-checklist", dossiers=[{"id": "D1"}], name="c2")
    cl = load_call(folder)
    with pytest.raises(CallError) as exc:
        calibrate(cl, score(cl))
    assert exc.value.diagnostics[0].code == "mode-mismatch"


def test_min_ratings_counts_after_deports(tmp_path: Path) -> None:
    # D1 has three ratings but j3 is conflicted on it: 2 usable < min_ratings 3,
    # so D1 is flagged and not ranked; D2 (three usable ratings) is ranked.
    rows = [(d, a, "C", 3) for d in ("D1", "D2") for a in ("j1", "j2", "j3")]
    _call, result = build(tmp_path, rows, dossiers=2, min_ratings=3,
                         conflicts=[{"assessor": "j3", "dossier": "D1"}])
    recs = {d.id: d for d in result.dossiers}
    assert "below-min-ratings" in recs["D1"].flags and recs["D1"].rank is None
    assert recs["D2"].rank == 1
