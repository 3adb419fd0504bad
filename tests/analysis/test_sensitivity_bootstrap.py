"""The draws of ``isgrid sensitivity``: each dossier's own raters resampled with replacement.

Worked out by hand on tiny calls (one criterion C on a 0..4 scale, total = 25 x mean).
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import criterion, grid, scale, section
from isgrid.analysis.sensitivity import analyse, rater_groups, resample, sensitivity_data
from isgrid.call.blocks import WEIGHT_PERTURBATION, SensitivityConfig
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score
from isgrid.engine.batch import Batch
from testpaths import EXAMPLES, ROOT

ONE = grid("one", "Une seule note", section("s", "Section", criterion("C", "Critère")),
           scales=[scale("s04", "zéro", "un", "deux", "trois", "quatre")])

# D1: j1 4, j2 0 (mean 2: 50).  D2: j3 3, j4 3 (75).  D3: j6 1 alone (25).
HAND = [("D1", "j1", "C", 4), ("D1", "j2", "C", 0),
        ("D2", "j3", "C", 3), ("D2", "j4", "C", 3),
        ("D3", "j6", "C", 1)]


def _call(tmp_path: Path, rows: list[tuple[Any, ...]], **config: Any) -> Any:
    ids = sorted({r[0] for r in rows})
    folder = make_call(tmp_path, ONE, call=config, dossiers=[{"id": d} for d in ids],
                       ratings=rows)
    return load_call(folder)


def test_resamples_of_two_raters_enumerated(tmp_path: Path) -> None:
    # D1 has 2 raters: the ordered resamples (j1, j1), (j1, j2), (j2, j1), (j2, j2) are
    # equally likely, so the multisets {j1, j1}, {j1, j2}, {j2, j2} come 1/4, 1/2, 1/4
    # of the time.  D3 has one rater: always itself.  Nobody else's rater is ever drawn.
    call = _call(tmp_path, HAND, selection={"top": 1})
    batch = Batch(call)
    starts = np.searchsorted(batch.rows.dossier, np.arange(len(batch.ids) + 1)).tolist()
    g_start, _len, first, raters = rater_groups(batch, starts)
    assert raters.tolist() == [2, 2, 1]
    names = batch.assessor_ids
    rater_of_group = [names[int(batch.rows.assessor[s])] for s in g_start.tolist()]
    rng = np.random.default_rng(5)
    seen: collections.Counter[tuple[str, ...]] = collections.Counter()
    n = 8000
    for _ in range(n):
        groups = resample(rng, first, raters).tolist()
        assert len(groups) == 5  # as many raters as each dossier has: 2 + 2 + 1
        d1, d2, d3 = groups[:2], groups[2:4], groups[4:]
        assert {rater_of_group[g] for g in d1} <= {"j1", "j2"}
        assert {rater_of_group[g] for g in d2} <= {"j3", "j4"}
        assert [rater_of_group[g] for g in d3] == ["j6"]
        seen[tuple(sorted(rater_of_group[g] for g in d1))] += 1
    assert set(seen) == {("j1", "j1"), ("j1", "j2"), ("j2", "j2")}
    # binomial standard deviations at n = 8000: about 0.005 for 1/4 and 0.006 for 1/2
    assert seen[("j1", "j1")] / n == pytest.approx(0.25, abs=0.025)
    assert seen[("j1", "j2")] / n == pytest.approx(0.50, abs=0.025)
    assert seen[("j2", "j2")] / n == pytest.approx(0.25, abs=0.025)


def test_probability_and_rank_interval_by_hand(tmp_path: Path) -> None:
    # top 1.  D2 (j3 3, j4 3) is 75 in every resample.  D1 (j1 4, j2 0) is 100 with
    # {j1, j1} (1/4), 50 with {j1, j2} (1/2), 0 with {j2, j2} (1/4).  So D1 is first
    # and selected in 1/4 of the draws, second in 1/2, third (below D3's 25) in 1/4;
    # D2 is second in 1/4 and first (selected) in 3/4; D3 second in 1/4, third in 3/4.
    # Rank intervals (5th and 95th percentiles, nearest rank; every share is far from
    # 5 % and 95 %): D1 1-3, D2 1-2, D3 2-3.
    call = _call(tmp_path, HAND, selection={"top": 1})
    s = analyse(call, score(call), draws=2000, seed=3)
    a = s.all_draws
    assert a["D1"].probability == pytest.approx(0.25, abs=0.04)  # sd about 0.01
    assert a["D2"].probability == pytest.approx(0.75, abs=0.04)
    assert a["D1"].probability + a["D2"].probability == pytest.approx(1.0)  # one laureate
    assert a["D3"].probability == 0.0
    assert (a["D1"].rank_interval, a["D2"].rank_interval, a["D3"].rank_interval) == (
        (1, 3), (1, 2), (2, 3))
    assert a["D1"].unranked_share == a["D2"].unranked_share == a["D3"].unranked_share == 0.0


def test_a_dossier_is_never_left_without_raters(tmp_path: Path) -> None:
    # Four dossiers, each rated by its own single juror.  Resampling the assessors of
    # the whole call would leave a dossier unrated whenever its juror is not drawn
    # ((3/4)^4, about 32 % of the draws); resampling its own raters never does:
    # every dossier is ranked in every draw, and the order never changes.
    rows = [(f"D{i}", f"j{i}", "C", i) for i in range(1, 5)]
    call = _call(tmp_path, rows, selection={"top": 2})
    s = analyse(call, score(call), draws=300, seed=0)
    assert {d: (b.probability, b.rank_interval, b.unranked_share)
            for d, b in s.all_draws.items()} == {
        "D4": (1.0, (1, 1), 0.0), "D3": (1.0, (2, 2), 0.0),
        "D2": (0.0, (3, 3), 0.0), "D1": (0.0, (4, 4), 0.0)}


def test_shipped_example_first_dossier_always_selected() -> None:
    # AL16-01 is first, far above the line (j1 and j3; j2 is in a déport): it is
    # selected in every draw.  The same seed writes the same bytes.
    runner = CliRunner()
    args = ["sensitivity", str(EXAMPLES / "alsace-2016"), "--draws", "1000", "--format", "json"]
    a = runner.invoke(cli, args)
    b = runner.invoke(cli, args)
    assert a.exit_code == 0, a.output
    assert a.stdout_bytes == b.stdout_bytes
    data = sensitivity_data(analyse(load_call(EXAMPLES / "alsace-2016"),
                                    score(load_call(EXAMPLES / "alsace-2016")), draws=1000))
    assert data["all"]["AL16-01"]["probability"] == 1.0
    assert data["all"]["AL16-01"]["rank_interval"] == [1, 1]


def test_one_default_for_the_weight_perturbation() -> None:
    # the code's default and the documents' say the same: no perturbation unless asked
    assert WEIGHT_PERTURBATION == 0.0 and SensitivityConfig().weights == WEIGHT_PERTURBATION
    jury = (ROOT / "docs" / "jury.md").read_text(encoding="utf-8")
    calls = (ROOT / "docs" / "calls.md").read_text(encoding="utf-8")
    assert "  weights: 0       # the default" in jury
    assert "weights: 0," in calls and "weights: 0.1" not in calls


@pytest.mark.parametrize(("how", "weights"), [("mean", 0.0), ("trimmed-mean", 0.0),
                                            ("mean", 0.2)])
def test_raters_sums_give_the_draws_of_the_rating_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, weights: float) -> None:
    # The draws add up each chosen rater's sums (Batch.rater_rows); aggregating the
    # chosen raters' rating rows instead must give the very same report, draw by draw,
    # with perturbed weights too.  Six dossiers, up to six raters each, two criteria
    # of a 0..4 scale in halves; D5 has a consensus value.
    two = grid("two", "Deux notes", section("s", "Section", criterion("A", "Critère A"),
                                             criterion("B", "Critère B")),
               scales=[scale("s04", "zéro", "un", "deux", "trois", "quatre")])
    rng = np.random.default_rng(11)
    rows = [(f"D{d}", f"j{j}", c, float(rng.integers(0, 5)))
            for d in range(6) for j in range(d + 1) for c in ("A", "B")]
    folder = make_call(tmp_path, two, dossiers=[{"id": f"D{d}"} for d in range(6)],
                       ratings=rows, call={"selection": {"top": 2}, "aggregator": how,
                                           "sensitivity": {"weights": weights},
                                           "consensus": [{"dossier": "D5", "criterion": "A",
                                                          "value": 1,
                                                          "reason": "Séance"}]})
    call = load_call(folder)
    result = score(call)
    made: list[Any] = []
    real = Batch.rater_rows
    monkeypatch.setattr(Batch, "rater_rows",
                        lambda self, group, n: made.append(real(self, group, n)) or made[-1])
    by_raters = sensitivity_data(analyse(call, result, draws=400, seed=2))
    assert made and made[0] is not None  # the raters' sums were used
    monkeypatch.setattr(Batch, "rater_rows", lambda self, group, n: None)
    by_rows = sensitivity_data(analyse(call, result, draws=400, seed=2))
    assert by_raters == by_rows
    # not a report that says nothing: D0's single rater never changes, D5 is drawn
    assert by_raters["all"]["D0"]["unranked_share"] == 0.0
    assert 0.0 < by_raters["all"]["D5"]["probability"] < 1.0 or by_raters["all"]["D5"][
        "rank_interval"][0] != by_raters["all"]["D5"]["rank_interval"][1]
