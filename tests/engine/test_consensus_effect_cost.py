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
    """The proposals consensus_effect runs, counted."""
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
