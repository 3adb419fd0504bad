"""What a consensus did costs a proposal only when its cell holds something else without it
(review s16 hostile, finding 5: 1,000 consensus values at 300 dossiers took 27 s, one
proposal each).  ``engine.consensus_effect._unchanged``: with the value it replaced equal to
its own, and the cell neither short of ratings nor missing a required consensus without it,
every stage reads the same cells; the standing without it is the result's, not re-run.

Worked by hand on tests/recourscalls.py (examples/alsace-2016, j2 recused from AL16-01):
AL16-01's ALS-4 is rated 3 by j1 and 3 by j3, mean 3; its ALS-2 3 and 3, mean 3.

* a consensus at 3 on AL16-01's ALS-4 replaces 3 by 3: no proposal run, AL16-01 1st and
  « retenu » with it and without it;
* ALS-2 set to 4, then to 4 again: the second replaces the first's 4 by 4, no run (the
  first is not in effect);
* with ``min_ratings: 3`` AL16-01's cells have 2 ratings: without a consensus at 3 on
  ALS-4 the cell is short of ratings (no value), with it the cell holds 3: the proposal is
  re-run (AL16-01 stays « à vérifier », its other cells short all the same).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from bench.generate import _journal, generate

import isgrid
from clirun import run
from isgrid.call.journal import journal_of
from isgrid.call.load import load_call
from isgrid.engine import Scenario, propose
from isgrid.engine import consensus_effect as ce
from isgrid.engine.consensus_effect import (
    Standing,
    consensus_effects,
    in_force,
    yaml_consensus_effects,
)
from recourscalls import recours_call


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The counterfactuals consensus_effect works out, counted (the Batch's one-dossier
    variant or, where it does not apply, a proposal)."""
    count: list[int] = []
    real = ce._Runs.without

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ce._Runs, "without", counted)
    return count


@pytest.fixture
def proposals(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The whole proposals consensus_effect runs (where the Batch does not apply)."""
    count: list[int] = []
    real = ce.propose

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ce, "propose", counted)
    return count


def _set(folder: Path, dossier: str, criterion: str, value: str) -> None:
    run("consensus", "set", folder, dossier, criterion, value, "--by", "Jury", "--reason", "r")


def test_a_consensus_equal_to_the_jurors_mean_runs_nothing(tmp_path: Path,
                                                           runs: list[int]) -> None:
    folder = recours_call(tmp_path)
    _set(folder, "AL16-01", "ALS-4", "3")  # entry 6: 3 -> 3
    call = isgrid.load_call(folder)
    result = isgrid.score(call)
    steps: list[tuple[int, int]] = []
    effects = consensus_effects(call, result, step=lambda *x: steps.append(x))
    assert steps == [(1, 2), (2, 2)]  # what isgrid minutes' progress line says
    assert sorted(effects) == [1, 6]
    assert effects[6].without == effects[6].with_ == Standing("retenu", 1)
    assert effects[1].without == Standing("non classé", None)  # entry 1, run
    assert len(runs) == 1


def test_a_consensus_replacing_the_same_value_runs_nothing(tmp_path: Path,
                                                           runs: list[int]) -> None:
    folder = recours_call(tmp_path)
    _set(folder, "AL16-01", "ALS-2", "4")  # entry 6: 3 -> 4
    call = isgrid.load_call(folder)
    # entry 7: 4 -> 4, entry 6 replaced (« consensus set » refuses it: a journal written
    # otherwise, or by an older isgrid, may hold it)
    entries = journal_of(call)
    entries.append(entries[-1].model_copy(update={"seq": 7}))
    effects = consensus_effects(call, isgrid.score(call, Scenario(journal=entries)), entries)
    assert sorted(effects) == [1, 7]
    assert effects[7].without == effects[7].with_ == Standing("retenu", 1)
    assert len(runs) == 1  # entry 1's only


def test_a_consensus_that_fills_a_short_cell_is_run(tmp_path: Path, runs: list[int]) -> None:
    folder = recours_call(tmp_path)
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "min_ratings: 3\n", encoding="utf-8")
    _set(folder, "AL16-01", "ALS-4", "3")  # entry 6: the same 3, but a short cell without it
    call = isgrid.load_call(folder)
    result = isgrid.score(call)
    effects = consensus_effects(call, result)
    assert len(runs) == 2  # entries 1 and 6
    assert effects[6].without == effects[6].with_ == Standing("à vérifier", None)
    plain = propose(call, Scenario(journal=[e for e in journal_of(call) if e.seq != 6],
                                   decisions=False))
    assert next((s.status, s.rank) for s in plain if s.id == "AL16-01") == ("à vérifier", None)


def test_call_yaml_s_value_equal_to_the_mean_runs_nothing(tmp_path: Path,
                                                          runs: list[int]) -> None:
    folder = recours_call(tmp_path)
    yaml = folder / "call.yaml"
    # AL16-01's ALS-4: the jurors' 3, call.yaml's 3 beside the example's AL16-02 ALS-5
    text = yaml.read_text(encoding="utf-8").replace(
        "consensus:\n", "consensus:\n  - {dossier: AL16-01, criterion: ALS-4, value: 3, "
        "reason: accord}\n", 1)
    yaml.write_text(text, encoding="utf-8")
    call = isgrid.load_call(folder)
    effects = yaml_consensus_effects(call, isgrid.score(call))
    assert set(effects) == {("AL16-01", "ALS-4"), ("AL16-02", "ALS-5")}
    assert effects[("AL16-01", "ALS-4")].without == Standing("retenu", 1)
    assert len(runs) == 1  # AL16-02's ALS-5 (2,67 -> 3) only


def _journal_of_many(folder: Path, rng: random.Random, min_ratings: bool) -> None:
    """Consensus values on random cells: a third the jurors' own mean where it is on the
    scale (halves), some set twice to the same value, the rest random; a cancelled one
    and two decisions.  ``min_ratings``: 3 ratings a cell (some cells have fewer: n/a,
    déports), where a value equal to the mean still fills a short cell."""
    call = load_call(folder)
    result = isgrid.score(call)
    ids = [d.id for d in call.dossiers]
    crits = [c.id for c in call.grid.grid.criteria()]
    cells = {(rng.choice(ids), rng.choice(crits)) for _ in range(45)}
    entries: list[dict[str, object]] = []
    for d, c in sorted(cells):
        raw = result.dossier(d).criteria[c]["raw"]
        value: object = rng.choice([0, 0.5, 1, 2, 3, 3.5, 4])
        if raw is not None and raw * 2 == int(raw * 2) and rng.random() < 0.4:
            value = raw
        entries.append({"kind": "consensus", "dossier": d, "criterion": c, "value": value,
                        "by": "jury", "reason": "accord en séance"})
        if rng.random() < 0.15:  # set again, to the same value
            entries.append(dict(entries[-1]))
    entries.append({"kind": "decision", "dossier": ids[1], "outcome": "ajourné",
                    "by": "président", "reason": "pièce manquante"})
    entries.append({"kind": "cancellation", "cancels": 3, "dossier": entries[2]["dossier"],
                    "by": "jury", "reason": "erreur"})
    # a value replaced by a later one, which is then cancelled: the first is in effect again
    d, c = sorted(cells)[1]
    for value in (1.5, 3.5):
        entries.append({"kind": "consensus", "dossier": d, "criterion": c, "value": value,
                        "by": "jury", "reason": "accord en séance"})
    entries.append({"kind": "cancellation", "cancels": len(entries), "dossier": d,
                    "by": "jury", "reason": "erreur"})
    _journal(folder, entries)
    # call.yaml's values: on cells of the journal's (replaced by it) and on others, half of
    # them the jurors' own mean
    lines = ["consensus:"]
    for d, c in sorted(set(sorted(cells)[::4]) | {(rng.choice(ids), rng.choice(crits))
                                                  for _ in range(8)}):
        raw = result.dossier(d).criteria[c]["raw"]
        value = raw if raw is not None and raw * 2 == int(raw * 2) and rng.random() < 0.5 \
            else rng.choice([0, 1, 2.5, 4])
        lines.append(f"  - {{dossier: {d}, criterion: {c}, value: {value}, reason: accord}}")
    lines += ["min_ratings: 3"] if min_ratings else []
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n".join(lines) + "\n",
                    encoding="utf-8")


@pytest.mark.parametrize("shape", ["real", "quota_top"])
def test_every_effect_is_the_plain_re_run_s(tmp_path: Path, shape: str,
                                            runs: list[int]) -> None:
    seen = skipped = moved = yaml_seen = 0
    for seed in range(1, 5):
        folder = generate(tmp_path / f"{shape}-{seed}", 40, 3, 8, shape=shape, seed=seed)
        _journal_of_many(folder, random.Random(seed), min_ratings=seed % 2 == 0)
        call = load_call(folder)
        entries = journal_of(call)
        result = isgrid.score(call)
        before = len(runs)
        effects = consensus_effects(call, result)
        assert sorted(effects) == [e.seq for e in in_force(entries)]
        skipped += len(effects) - (len(runs) - before)
        for seq, effect in effects.items():
            plain = propose(call, Scenario(journal=[x for x in entries if x.seq != seq],
                                           decisions=False))
            s = next(s for s in plain if s.id == effect.dossier)
            assert effect.without == Standing(str(s.status), s.rank), (shape, seed, seq)
            assert effect.with_ == ce.standing(result, effect.dossier)
            seen += 1
            moved += effect.proposal_moved
        given = list(call.config.consensus)
        for (d, c), effect in yaml_consensus_effects(call, result).items():
            i = max(i for i, x in enumerate(given) if (x.dossier, x.criterion) == (d, c))
            plain = propose(call, Scenario(consensus=given[:i] + given[i + 1:],
                                           decisions=False))
            s = next(s for s in plain if s.id == d)
            assert effect.without == Standing(str(s.status), s.rank), (shape, seed, d, c)
            yaml_seen += 1
    # the proof covers values that moved a proposal and values that cost no run
    assert yaml_seen >= 20
    assert seen >= 120 and moved >= 20 and skipped >= 20, (seen, moved, skipped)


# -- the Batch's one-dossier variant (docs/performance.md, forty-third pass): every effect
# compared with the plain re-run, on calls that exercise each rule a consensus reaches the
# proposal through, and on calls where the Batch does not apply (a proposal each)

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _floors(folder: Path) -> None:  # no threshold; a floor of 2 on C02, C04, C06, C07, C08
    _edit(folder / "grid.yaml", "threshold: 40\n", "threshold: 0\n")
    _edit(folder / "grid.yaml", ", floor: 1", ", floor: 2")
    for n in (2, 4, 6, 8):
        _edit(folder / "grid.yaml", f"{{id: C{n:02d}, label: Critère {n}, scale: s04,",
              f"{{id: C{n:02d}, label: Critère {n}, scale: s04, floor: 2,")


def _threshold(folder: Path) -> None:  # the threshold alone: 55 out of 100, no floor
    _edit(folder / "grid.yaml", "threshold: 40\n", "threshold: 55\n")
    _edit(folder / "grid.yaml", ", floor: 1", "")


def _min_ratings(folder: Path) -> None:
    (folder / "call.yaml").write_text((folder / "call.yaml").read_text(encoding="utf-8")
                                      + "min_ratings: 3\n", encoding="utf-8")


def _require_consensus(folder: Path) -> None:
    # every criterion agreed for four dossiers (ranked only they are), the rest incomplete
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    lines = [f"  - {{dossier: D{d:06d}, criterion: C{c:02d}, value: {(d + c) % 5}, "
             f"reason: accord}}" for d in (3, 7, 11, 19) for c in range(1, 9)
             if f"{{dossier: D{d:06d}, criterion: C{c:02d}," not in text]
    _edit(folder / "call.yaml", "consensus:\n", "consensus:\n" + "\n".join(lines) + "\n")
    _edit(folder / "call.yaml", "consensus:\n", "require_consensus: true\nconsensus:\n")


def _require_renormalised(folder: Path) -> None:
    # the same with missing values renormalised: a total without the missing consensus,
    # yet « incomplet » (the pipeline's stage 3), not ranked
    _require_consensus(folder)
    _edit(folder / "call.yaml", "require_consensus: true\n",
          "require_consensus: true\nmissing: renormalise\n")


def _top(folder: Path) -> None:  # selection.top, no budget
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    text = "\n".join(x for x in text.splitlines() if not x.startswith("budget:")) + "\n"
    (folder / "call.yaml").write_text(text.replace(
        "selection: {rule: skip, reserve: 5}", "selection: {top: 12, reserve: 4}"),
        encoding="utf-8")


def _criterion_tie_break(folder: Path) -> None:  # C01 first, then the date
    _edit(folder / "grid.yaml", "tie_breaks:\n",
          "tie_breaks:\n  - {by: 'criterion:C01', order: desc}\n")


def _effects_checked(call: Any, runs: list[int]) -> list[Any]:
    """Every effect (the journal's and call.yaml's) asserted equal to the plain re-run
    without its value; the effects that were worked out (not left as they were)."""
    entries = journal_of(call)
    result = isgrid.score(call)
    before = len(runs)
    effects = consensus_effects(call, result)
    out = []
    for seq, effect in effects.items():
        plain = propose(call, Scenario(journal=[x for x in entries if x.seq != seq],
                                       decisions=False))
        s = next(s for s in plain if s.id == effect.dossier)
        assert effect.without == Standing(str(s.status), s.rank), (seq, effect)
        out.append(effect)
    given = list(call.config.consensus)
    for (d, c), effect in yaml_consensus_effects(call, result).items():
        i = max(i for i, x in enumerate(given) if (x.dossier, x.criterion) == (d, c))
        plain = propose(call, Scenario(consensus=given[:i] + given[i + 1:], decisions=False))
        s = next(s for s in plain if s.id == d)
        assert effect.without == Standing(str(s.status), s.rank), (d, c, effect)
        out.append(effect)
    assert len(runs) > before
    return out


def _across(effects: list[Any], status: str) -> int:
    """The effects that moved the dossier into or out of ``status``."""
    return sum((e.without.proposed == status) != (e.with_.proposed == status)
               for e in effects)


@pytest.mark.parametrize(("edit", "status"), [
    (_floors, "non classé"), (_threshold, "non classé"), (_min_ratings, "non classé"),
    (_require_consensus, "incomplet"), (_require_renormalised, "incomplet"), (_top, "réserve"), (_criterion_tie_break, "retenu"),
    (None, "réserve")])
def test_the_batch_s_variant_is_the_plain_re_run(tmp_path: Path, edit: Any, status: str,
                                                 runs: list[int],
                                                 proposals: list[int]) -> None:
    moved = across = 0
    for seed in (1, 2, 3):
        folder = generate(tmp_path / f"real-{seed}", 40, 3, 8, shape="real", seed=seed)
        _journal_of_many(folder, random.Random(seed), min_ratings=False)
        if edit is not None:
            edit(folder)
        call = load_call(folder)
        start = len(proposals)
        effects = _effects_checked(call, runs)
        assert len(proposals) == start  # no whole proposal: the Batch's variant each
        moved += sum(e.proposal_moved for e in effects)
        across += _across(effects, status)
    # the rule the call is about decided some of the standings without a value
    assert moved >= 10 and across >= 2, (moved, across)


def test_the_batch_s_variant_ranks_by_the_criterion_tie_break(tmp_path: Path) -> None:
    from isgrid.engine.batch import Batch

    folder = generate(tmp_path / "tie", 40, 3, 8, shape="real", seed=1)
    _criterion_tie_break(folder)
    assert Batch(load_call(folder)).ties_vary  # the records' path, C01 read per variant


@pytest.mark.parametrize("shape", ["quota", "quota_top"])
def test_portfolio_constraints_with_a_reserve_take_a_proposal_each(
        tmp_path: Path, shape: str, runs: list[int], proposals: list[int]) -> None:
    folder = generate(tmp_path / shape, 40, 3, 8, shape=shape, seed=2)
    _journal_of_many(folder, random.Random(2), min_ratings=False)
    effects = _effects_checked(load_call(folder), runs)
    assert len(proposals) == len(runs) >= 10  # the Batch does not apply: propose each
    assert sum(e.proposal_moved for e in effects) >= 3


def test_an_eliminatory_criterion_takes_a_proposal(tmp_path: Path, runs: list[int],
                                                   proposals: list[int]) -> None:
    # examples/alsace-2016: ALS-E1 (oui/non) is eliminatory.  Entry 1 (ALS-4 on AL16-01)
    # takes the Batch's variant; a consensus « non » (0) on AL16-01's ALS-E1 makes it
    # « irrecevable »: without it, AL16-01 is eligible again (j1's « oui ») and first,
    # « retenu », as in the call before that entry
    folder = recours_call(tmp_path)
    _set(folder, "AL16-01", "ALS-E1", "0")
    call = isgrid.load_call(folder)
    assert call.grid.grid.criterion("ALS-E1").eliminatory
    effects = _effects_checked(call, runs)
    # entry 1 and call.yaml's AL16-02 ALS-5 by the Batch's variant, the new entry by propose
    assert len(runs) == 3 and len(proposals) == 1
    last = max(effects, key=lambda e: e.seq or 0)
    assert (last.criterion, last.with_, last.without) == (
        "ALS-E1", Standing("irrecevable", None), Standing("retenu", 1))


def test_one_batch_a_minutes_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the recours call: entry 1 (ALS-4 on AL16-01) and call.yaml's AL16-02 ALS-5 (2,67 -> 3)
    # each need a counterfactual; the minutes ask the journal's, then call.yaml's
    made: list[int] = []
    real = ce.Batch

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ce, "Batch", counted)
    call = isgrid.load_call(recours_call(tmp_path))
    result = isgrid.score(call)
    assert consensus_effects(call, result)[1].proposal_moved
    assert yaml_consensus_effects(call, result)[("AL16-02", "ALS-5")]
    assert made == [1]
    assert not ce._HANDED  # none kept after the run
    yaml_consensus_effects(call, result)  # asked again, alone: a Batch of its own
    assert made == [1, 1]
