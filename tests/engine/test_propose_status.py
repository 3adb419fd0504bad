"""``propose`` gives each dossier's proposed status (``Standing.status``), by the stage-5
rule the result's ``computed.status`` comes from; and what a consensus did
(:mod:`isgrid.engine.consensus_effect`), worked out from ``propose``, is what the whole
pipeline (``score``, as the minutes first did it) says of the proposal, on every consensus
of seeded random journals.

The benchmark's seeded calls (``bench.generate``): 30 to 90 dossiers, threshold 40, C07 with
a floor of 1, a budget of 6 000 € a dossier (about a third funded, a reserve of 5), a
département rule that leaves one dossier in fifty « irrecevable »; the quota shapes add
portfolio constraints and, for ``quota_top``, a top in place of the budget.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.generate import _journal, generate

from isgrid.call.journal import journal_of
from isgrid.call.load import load_call
from isgrid.call.model import Call
from isgrid.engine import Scenario, propose, score
from isgrid.engine.consensus_effect import (
    consensus_effects,
    in_force,
    yaml_consensus_effects,
)


def _both(call: Call, scenario: Scenario) -> None:
    """``propose``'s status, rank and selection of every dossier are ``score``'s proposal."""
    result = score(call, scenario)
    proposal = {s.id: (s.status, s.rank, s.selected) for s in propose(call, scenario)}
    assert proposal == {d.id: (str(d.computed.status), d.rank, d.computed.selected)
                        for d in result.dossiers}


@pytest.mark.parametrize("shape", ["plain", "real", "quota", "quota_top"])
def test_propose_gives_the_result_s_proposed_status(tmp_path: Path, shape: str) -> None:
    for seed in (1, 2, 3):
        call = load_call(generate(tmp_path / f"{shape}-{seed}", 30 * seed, 3, 8, shape=shape,
                                  seed=seed))
        _both(call, Scenario())
        statuses = {str(s.status) for s in propose(call)}
        # the walk's statuses at least: retenu and non retenu, réserve where it selects
        assert {"retenu", "non retenu"} <= statuses, (shape, seed, statuses)


def _random_journal(folder: Path, rng: random.Random, ids: list[str]) -> None:
    """Consensus values on random cells (C07, the floored one, and C01 most often; a cell
    set twice, the first replaced), an « ajourné » and a « retenu » decision, and one
    consensus cancelled: the kinds of entry a séance's journal holds."""
    entries: list[dict[str, object]] = []
    cells = [(rng.choice(ids), rng.choice(["C07", "C07", "C01", "C03", "C08"]))
             for _ in range(12)]
    cells += [cells[0], cells[3]]  # replaced: the later one is in effect
    for d, c in cells:
        entries.append({"kind": "consensus", "dossier": d, "criterion": c,
                        "value": rng.choice([0, 0.5, 1, 2, 3, 4]), "by": "jury",
                        "reason": "accord en séance"})
    entries.append({"kind": "decision", "dossier": ids[1], "outcome": "ajourné",
                    "by": "président", "reason": "pièce manquante"})
    entries.append({"kind": "decision", "dossier": ids[2], "outcome": "retenu",
                    "by": "jury", "reason": "choix du jury"})
    entries.append({"kind": "cancellation", "cancels": 5, "dossier": cells[4][0], "by": "jury",
                    "reason": "erreur"})
    _journal(folder, entries)


@pytest.mark.parametrize("shape", ["real", "quota_top"])
def test_each_consensus_effect_is_the_whole_pipeline_s(tmp_path: Path, shape: str) -> None:
    seen = moved = 0
    for seed in range(1, 6):
        folder = generate(tmp_path / f"{shape}-{seed}", 40, 3, 8, shape=shape, seed=seed)
        rng = random.Random(seed)
        _random_journal(folder, rng, sorted(p.stem for p in (folder / "dossiers").iterdir()))
        call = load_call(folder)
        entries = journal_of(call)
        result = score(call)
        effects = consensus_effects(call, result)
        assert sorted(effects) == [e.seq for e in in_force(entries)]
        assert 5 not in effects  # cancelled
        for seq, effect in effects.items():
            without = score(call, Scenario(journal=[x for x in entries if x.seq != seq]))
            d, w = result.dossier(effect.dossier), without.dossier(effect.dossier)
            assert (effect.without.proposed, effect.without.rank) \
                == (str(w.computed.status), w.rank), (shape, seed, seq)
            assert (effect.with_.proposed, effect.with_.rank) \
                == (str(d.computed.status), d.rank)
            _both(call, Scenario(journal=[x for x in entries if x.seq != seq]))
            seen += 1
            moved += effect.proposal_moved
    assert seen >= 50 and moved >= 20  # the proof covers consensus values that moved a proposal


def test_call_yaml_s_consensus_effect_is_the_whole_pipeline_s(tmp_path: Path) -> None:
    folder = generate(tmp_path / "real", 40, 3, 8, shape="real", seed=4)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    ids = sorted(p.stem for p in (folder / "dossiers").iterdir())
    values = "".join(f"  - {{dossier: {d}, criterion: C07, value: {v}, reason: accord}}\n"
                     for d, v in zip(ids[::5], [0, 4, 0.5, 3, 0, 2, 1, 0], strict=True))
    (folder / "call.yaml").write_text(text + "consensus:\n" + values, encoding="utf-8")
    call = load_call(folder)
    result = score(call)
    effects = yaml_consensus_effects(call, result)
    assert len(effects) == 8
    given = list(call.config.consensus)
    for i, c in enumerate(given):
        without = score(call, Scenario(consensus=given[:i] + given[i + 1:])).dossier(c.dossier)
        effect = effects[(c.dossier, c.criterion)]
        assert (effect.without.proposed, effect.without.rank) \
            == (str(without.computed.status), without.rank)
