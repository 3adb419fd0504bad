"""engine/batch.py: many variants of a call's ratings, scored by the engine's own stages.

Checked against the pipeline itself (:func:`isgrid.engine.propose` with a
:class:`~isgrid.engine.Scenario`), the one definition of the proposal.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from callfactory import make_call
from isgrid.analysis.rescoring import Rescorer
from isgrid.call.load import load_call
from isgrid.engine import Scenario, propose, score
from isgrid.engine.batch import Batch
from isgrid.engine.moves import _WHOLE


def _call(tmp_path: Path, **extra: Any) -> Any:
    # mini-scored: B1 (floor 2) and B2 in "besoin" (weight 2), I1 in "impact"; X1 is
    # eliminatory (instructors); tie-breaks: section impact, then submitted_at.
    # min_ratings 2: D6 has one X1 rating (short on an eliminatory criterion).
    config = {"budget": 30000, "funding": {"cap": 15000}, "min_ratings": 2,
              "consensus": [{"dossier": "D2", "criterion": "I1", "value": 4, "reason": "accord"}],
              "conflicts": [{"assessor": "j3", "dossier": "D5"}], **extra}
    folder = make_call(
        tmp_path, "mini-scored", call=config,
        dossiers=[{"id": f"D{i}", "region": "Alsace", "amount_requested": 6000 + 1000 * i,
                   "submitted_at": f"2016-01-{10 - i:02d}",
                   "partners": [{"type": "recherche"}, {"type": "collectivite"}]}
                  for i in range(1, 7)],
        ratings=[(f"D{i}", a, c, (i * 3 + j + 2 * k) % 5) for i in range(1, 7)
                 for j, a in enumerate(("j1", "j2", "j3")) for k, c in enumerate(("B1", "B2", "I1"))]
        + [(f"D{i}", "i1", "X1", 1) for i in range(1, 7)]
        + [(f"D{i}", "i2", "X1", 1) for i in range(1, 6)])  # D6: one X1 rating, short
    return load_call(folder)


def _standings(call: Any, scenario: Scenario | None = None) -> dict[str, tuple[Any, ...]]:
    return {s.id: (s.total, s.rank, s.selected)
            for s in propose(call, scenario or Scenario(decisions=False))}


def test_base_rows_give_the_engine_s_proposal(tmp_path: Path) -> None:
    call = _call(tmp_path)
    batch = Batch(call)
    p = batch.propose()
    assert {d: (p.total[i], p.rank[i], p.selected[i]) for i, d in enumerate(batch.ids)} \
        == _standings(call)
    # the déport is not in the rows: j3's ratings of D5 never count
    names = batch.assessor_ids
    d5 = batch.ids.index("D5")
    assert {names[a] for a in batch.rows.assessor[batch.rows.dossier == d5].tolist()} \
        == {"j1", "j2"}


def test_leaving_a_juror_out_equals_the_pipeline(tmp_path: Path) -> None:
    call = _call(tmp_path)
    batch = Batch(call)
    rs = Rescorer(call, score(call))
    rows = batch.rows
    for a, name in enumerate(batch.assessor_ids):
        if name not in {"j1", "j2", "j3"}:
            continue
        touched = np.unique(rows.dossier[rows.assessor == a]).tolist()
        picks = [np.flatnonzero((rows.dossier == d) & (rows.assessor != a)) for d in touched]
        out = batch.propose(batch.judge(batch.block(touched, picks)),
                            {d: k for k, d in enumerate(touched)})
        values = {k: {x: v for x, v in by.items() if x != name}
                  for k, by in rs.base_values.items()}
        ref = rs.run(values)  # the pipeline, through a Scenario
        for i, d in enumerate(batch.ids):
            assert (out.total[i], out.rank[i], out.selected[i]) == (
                ref.total[d], ref.rank[d], ref.selected[d]), (name, d)


def test_one_rating_moved_equals_the_pipeline(tmp_path: Path) -> None:
    # every rating of every dossier moved to every other level: the selection of
    # the changed dossier given by the place it takes (selected_if) is the pipeline's
    call = _call(tmp_path, budget=20000)
    batch = Batch(call)
    rs = Rescorer(call, score(call))
    rows = batch.rows
    names, cids = batch.assessor_ids, batch.criterion_ids
    origin, picks, values, cases = [], [], [], []
    for r, new in itertools.product(range(len(rows.dossier)), (0.0, 1.5, 2.0, 4.0)):
        d = int(rows.dossier[r])
        span = np.flatnonzero(rows.dossier == d)
        changed = rows.value[span].copy()
        changed[r - span[0]] = new
        origin.append(d)
        picks.append(span)
        values.append(changed)
        cases.append((d, names[int(rows.assessor[r])], cids[int(rows.criterion[r])], new))
    judged = batch.judge(batch.block(origin, picks, value=np.concatenate(values)))
    base = batch.propose().selected
    flipped = 0
    for k, (d, aid, cid, new) in enumerate(cases):
        did = batch.ids[d]
        changed_values = dict(rs.base_values)
        changed_values[(did, cid)] = changed_values[(did, cid)] | {aid: new}
        got = batch.selected_if(d, judged, k)
        assert got == rs.run(changed_values).selected[did], (did, aid, cid, new)
        flipped += got != base[d]
    assert flipped > 0  # the case moves dossiers across the line, not only within


def _random_call(tmp_path: Path, seed: int, **extra: Any) -> Any:
    """A seeded random call of the mini-scored grid: levels 0-4 (many equal totals, so
    ties at the line), B1's floor 2, some dossiers without an amount (à vérifier), and
    one of the selection rules (rank-order, skip, partial grants, top)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 11))
    rule = ["rank-order", "skip", "partial", "top"][seed % 4]
    config: dict[str, Any] = {"budget": int(rng.integers(15, 40)) * 1000}
    if rule == "skip":
        config["selection"] = {"rule": "skip", "reserve": 1}
    elif rule == "partial":
        config["funding"] = {"partial": True, "minimum": 2000}
    elif rule == "top":
        config = {"selection": {"top": int(rng.integers(2, 5))}}
    config |= extra
    dossiers = []
    for i in range(n):
        d: dict[str, Any] = {"id": f"D{i:02d}", "region": "Alsace",
                             "submitted_at": f"2016-01-{1 + int(rng.integers(0, 3)):02d}",
                             "partners": [{"type": "recherche"}, {"type": "collectivite"}]}
        if rng.random() > 0.15:
            d["amount_requested"] = int(rng.integers(3, 12)) * 1000
        dossiers.append(d)
    ratings = [(f"D{i:02d}", a, c, int(rng.integers(0, 5))) for i in range(n)
               for a in ("j1", "j2", "j3") for c in ("B1", "B2", "I1")]
    ratings += [(f"D{i:02d}", "i1", "X1", 1) for i in range(n)]
    return load_call(make_call(tmp_path, "mini-scored", call=config, dossiers=dossiers,
                               ratings=ratings, name=f"call{seed}"))


DATES = {"tie_breaks": [{"by": "fact:submitted_at", "order": "asc"}]}


@pytest.mark.parametrize("dates", [False, True], ids=["section-tie-break", "dates-only"])
def test_fast_walks_equal_score_on_random_calls(tmp_path: Path, dates: bool) -> None:
    # selected_if answers most moves by the engine's walk of the moved dossier's own
    # group from the state where it lands (Batch._step); every move of every rating
    # by one level (or to any level), on seeded random calls with ties, the skip rule,
    # partial grants, top, floors and unknown amounts, must give what the pipeline
    # itself gives: score(call, Scenario(table=...)) through the Rescorer.  So must
    # Batch.propose, which walks only the first groups of the ranking until the walk
    # stops (Batch._walk_top), for each juror left out.  With the grid's tie-breaks (a
    # section score first) each group is walked by the engine's walk; with the
    # submission date only, by its array form (arrays.step, Batch._group).
    checked = flipped = fast = whole = tied = 0
    rested: list[int] = []
    for seed in range(12):
        call = _random_call(tmp_path, seed, **(DATES if dates else {}))
        batch = Batch(call)
        assert (batch._array_plan() is not None) is dates
        alone = batch._alone
        answers: list[Any] = []
        ties: list[Any] = []

        def counted(i: int, where: Any, alone: Any = alone, answers: Any = answers,
                    ties: Any = ties) -> Any:
            answers.append(alone(i, where))
            if len(where) == 3 and (where[1] or where[2]):
                ties.append(answers[-1])  # landed tied with a neighbour: Batch._tied
            return answers[-1]

        batch._alone = counted  # type: ignore[method-assign]
        rs = Rescorer(call, score(call))
        rows = batch.rows
        names, cids = batch.assessor_ids, batch.criterion_ids
        base = batch.propose().selected
        origin, picks, values, cases = [], [], [], []
        for r in range(len(rows.dossier)):
            d = int(rows.dossier[r])
            span = np.flatnonzero(rows.dossier == d)
            for new in (0.0, 1.0, 2.0, 3.0, 4.0):
                if new == float(rows.value[r]):
                    continue
                changed = rows.value[span].copy()
                changed[r - span[0]] = new
                origin.append(d)
                picks.append(span)
                values.append(changed)
                cases.append((d, names[int(rows.assessor[r])], cids[int(rows.criterion[r])],
                              new))
        judged = batch.judge(batch.block(origin, picks, value=np.concatenate(values)))
        # the places of all moves found at once by arrays (Batch._places_of), where the
        # call is the array path's: the bisection's (Batch.place) for every one
        found = batch._places_of(judged)
        some = sum(f is not None for f in found)
        assert some > 0.9 * len(found) if dates else some == 0
        for k, f in enumerate(found):
            if f is not None:
                assert f == batch.place(origin[k], judged, k), (seed, k)
        for k, (d, aid, cid, new) in enumerate(cases):
            did = batch.ids[d]
            changed_values = dict(rs.base_values)
            changed_values[(did, cid)] = changed_values[(did, cid)] | {aid: new}
            got = batch.selected_if(d, judged, k)
            assert got == rs.run(changed_values).selected[did], (seed, did, aid, cid, new)
            checked += 1
            flipped += got != base[d]
        # leaving each juror out: the whole call re-ranked and walked (Batch.propose),
        # the walk over the first groups only (a hint of 1: the smallest start), and
        # under skip the rest without what cannot fit (Batch._walk_rest)
        batch._walk_hint = 1
        batch._rest_share = 1.0  # at once, whatever money is left
        rest = batch._walk_rest

        def counted_rest(*args: Any, rest: Any = rest) -> Any:
            rested.append(1)
            return rest(*args)

        batch._walk_rest = counted_rest  # type: ignore[method-assign]
        for a, name in enumerate(names):
            touched = np.unique(rows.dossier[rows.assessor == a]).tolist()
            if name not in {"j1", "j2", "j3"} or not touched:
                continue
            picks_a = [np.flatnonzero((rows.dossier == d) & (rows.assessor != a))
                       for d in touched]
            out = batch.propose(batch.judge(batch.block(touched, picks_a)),
                                {d: k for k, d in enumerate(touched)})
            ref = rs.run({k: {x: v for x, v in by.items() if x != name}
                          for k, by in rs.base_values.items()})
            for i, d in enumerate(batch.ids):
                assert (out.total[i], out.rank[i], out.selected[i]) == (
                    ref.total[d], ref.rank[d], ref.selected[d]), (seed, name, d)
                checked += 1
        fast += sum(1 for a in answers if a is not _WHOLE)
        whole += sum(1 for a in answers if a is _WHOLE)
        tied += sum(1 for a in ties if a is not _WHOLE)
    # the cases do move dossiers across the line, and the fast walk answered most of them,
    # ties with a neighbour included
    assert checked > 1000 and flipped > 50 and fast > 10 * whole, (fast, whole)
    assert tied >= 10, tied
    assert bool(rested) is not dates  # the array path walks without Batch._walk_top


def _reweighted(call: Any, impact: float, b1: float) -> Any:
    """The call's grid with section « impact » weighing ``impact`` and B1 ``b1``."""
    g = call.grid.grid
    sections = []
    for s in g.sections:
        crits = [c.model_copy(update={"weight": b1}) if c.id == "B1" else c for c in s.criteria]
        sections.append(s.model_copy(update={"criteria": crits, **(
            {"weight": impact} if s.id == "impact" else {})}))
    return g.model_copy(update={"sections": sections})


def test_weight_draws_judged_in_one_pass_equal_one_at_a_time(tmp_path: Path) -> None:
    # Sensitivity's weight draws: a block of k copies of the call's dossiers, part k judged
    # with grid k, in one pass (weights as columns).  With a tie-break on a section score
    # the records are built (mini-scored's own tie-breaks); with a fact only, the columns.
    for ties in (None, [{"by": "fact:submitted_at", "order": "asc"}]):
        call = _call(tmp_path / str(ties is None), **({"tie_breaks": ties} if ties else {}))
        batch = Batch(call)
        assert batch.ties_vary is (ties is None)
        grids = [_reweighted(call, 3.0, 1.0), batch.grid, _reweighted(call, 0.5, 4.0)]
        n = len(batch.ids)
        origin = np.tile(np.arange(n, dtype=np.int64), len(grids))
        starts = np.searchsorted(batch.rows.dossier, np.arange(n + 1))
        picks = [np.arange(starts[o], starts[o + 1]) for o in origin.tolist()]
        block = batch.block(origin, picks)
        values, short = batch.aggregate(block)
        stacked = batch.judge(block, values=values, short=short, weights=grids)
        for k, g in enumerate(grids):
            part = slice(k * n, (k + 1) * n)
            one = batch.judge(batch.block(origin[part], picks[part]), g)
            assert stacked.total[part] == one.total
            assert stacked.key[part] == one.key
            assert stacked.rankable[part] == one.rankable
            assert stacked.ties[part] == one.ties
        # D1 by hand (mean of three jurors): B1 3, 4, 0 -> 7/3; B2 0, 1, 2 -> 1; I1 2, 3, 4
        # -> 3; shares of the 0..4 scale: 7/12, 3/12, 9/12.
        # Grid 0: eff B1 = 2 x 1/2 = 1, B2 = 2 x 1/2 = 1, I1 = 3 x 1/1 = 3:
        #   100 x (7/12 + 3/12 + 27/12) / 5 = 100 x 37/60 = 61.666...
        # The call's grid: eff B1 = 2 x 2/3 = 4/3, B2 = 2/3, I1 = 1:
        #   100 x (28/36 + 6/36 + 27/36) / 3 = 100 x 61/108 = 56.481...
        d1 = batch.ids.index("D1")
        assert abs(stacked.total[d1] - 100 * 37 / 60) < 1e-6
        assert abs(stacked.total[n + d1] - 100 * 61 / 108) < 1e-6


def test_a_ranking_without_one_dossier_is_read_in_place() -> None:
    from isgrid.engine.chain import Without as _Without

    order = [7, 3, 9, 1, 4]
    for skip in range(len(order) + 1):  # len(order): the dossier is not ranked
        copy = [j for x, j in enumerate(order) if x != skip]
        view = _Without(order, skip)
        assert len(view) == len(copy) and list(view) == copy
        assert view[1:3] == copy[1:3] and view[2:] == copy[2:]
    # from a start on (the dossier's own group, Batch._state_before): [9, 1, 4] without 1
    assert list(_Without(order, 3, 2)) == [9, 4]
    assert list(_Without(order, 5, 2)) == [9, 1, 4]  # not ranked: nothing left out
    assert len(_Without(order, 2, 2)) == 2 and _Without(order, 2, 2)[0] == 1


def test_draws_in_array_form_equal_the_engine_s_rank_and_walk(
        tmp_path: Path, monkeypatch: Any) -> None:
    """The whole report of 60 draws, array path against the engine's ``rank`` + ``walk``
    per draw (``arrays.plan`` made to say None, as for a call it does not cover), on
    seeded random calls under every selection rule and on the Alsace example."""
    from isgrid.analysis.sensitivity import analyse, sensitivity_data
    from isgrid.engine import arrays
    from testpaths import EXAMPLES

    # tie-breaks on the submission date only: the array path's; the grid's own (a section
    # score first) and the Alsace example's: the engine's per draw
    calls = [(_random_call(tmp_path, seed, **DATES), True) for seed in range(8)]
    calls += [(_random_call(tmp_path / "own", seed), False) for seed in range(2)]
    calls.append((load_call(EXAMPLES / "alsace-2016"), False))
    plan = arrays.plan
    for call, covered in calls:
        used: list[bool] = []

        def spy(*args: Any, used: list[bool] = used, **kwargs: Any) -> Any:
            p = plan(*args, **kwargs)
            used.append(p is not None)
            return p

        monkeypatch.setattr(arrays, "plan", spy)
        fast = sensitivity_data(analyse(call, score(call), draws=60, seed=5))
        monkeypatch.setattr(arrays, "plan", lambda *a, **k: None)
        slow = sensitivity_data(analyse(call, score(call), draws=60, seed=5))
        assert fast == slow
        assert fast["all"]  # every dossier has its share of draws
        assert used == [covered]
