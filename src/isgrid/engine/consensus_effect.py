"""What each consensus value in effect did to its dossier's standing (review s16 recours,
task 1: the minutes said « consensus ALS-4 : 1,33 → 2 » and whether it crossed the floor,
not that, without it, AL16-07 would not have been ranked at all).

The counterfactual is the whole pipeline re-run without that one journal entry, through
the scenario interface (:func:`isgrid.engine.score` with ``Scenario(journal=…)``): the
cell then holds the value in effect before the entry (an earlier consensus, else the
jurors' aggregate), and every stage -- floors, ranking, walk, the journal's decisions --
runs as it does for the call.  Nothing is recomputed outside the pipeline, and the
standing *with* the value is the call's own result's.

A consensus is in effect when it is not cancelled (:func:`isgrid.call.journal.in_effect`)
and no later consensus of the journal replaces it for the same cell; a cancelled or
replaced one did nothing and has no effect here.

call.yaml's consensus values are read alike (:func:`yaml_consensus_effects`): the pipeline
re-run without that one value (``Scenario(consensus=…)``), the cell then holding the
jurors' aggregate.

Cost: one run of the pipeline per consensus in effect (linear in their number; the bench
call of 2,000 dossiers, 20 consensus values: docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..call.journal import Entry, in_effect, journal_of
from ..call.model import Call
from .pipeline import score
from .result import Result
from .scenario import Scenario


@dataclass(frozen=True, slots=True)
class Standing:
    """A dossier's place in a result: its status (the result's, decisions applied), the
    status the jury's proposal gave it (before the decisions: ``computed.status``) and its
    rank (None: not ranked)."""

    status: str
    proposed: str
    rank: int | None


@dataclass(frozen=True, slots=True)
class ConsensusEffect:
    """One consensus value in effect and its dossier's standing without it and with it
    (``seq``: its journal entry; None: a value of call.yaml's ``consensus``)."""

    seq: int | None
    dossier: str
    criterion: str
    without: Standing
    with_: Standing

    @property
    def moved(self) -> bool:
        """The entry changed the dossier's status or rank."""
        return self.without != self.with_

    @property
    def proposal_moved(self) -> bool:
        """The entry changed the jury's proposal for the dossier: its rank or its proposed
        status (a consensus is an act of the jury; the status a later vote decided is that
        vote's, not the consensus's)."""
        return ((self.without.proposed, self.without.rank)
                != (self.with_.proposed, self.with_.rank))


def standing(result: Result, dossier: str) -> Standing:
    """``dossier``'s status and rank in ``result``."""
    d = result.dossier(dossier)
    return Standing(str(d.status), str(d.computed.status), d.rank)


def in_force(entries: Sequence[Entry]) -> list[Entry]:
    """The consensus entries in effect, in journal order: not cancelled, and the latest
    of their cell (module docstring)."""
    latest: dict[tuple[str, str], Entry] = {}
    for e in in_effect(entries):
        if e.kind == "consensus" and e.criterion is not None:
            latest[(e.dossier, e.criterion)] = e
    return sorted(latest.values(), key=lambda e: e.seq)


def consensus_effects(call: Call, result: Result, entries: Sequence[Entry] | None = None,
                      dossiers: Collection[str] | None = None) -> dict[int, ConsensusEffect]:
    """Each consensus entry in effect of ``entries`` (None: the call's journal, which
    ``result`` must be :func:`isgrid.engine.score` of), by its seq: its dossier's standing
    in ``result`` and in the pipeline re-run without that entry alone.  ``dossiers``: the
    entries on those dossiers only (None: every dossier's)."""
    entries = list(entries) if entries is not None else journal_of(call)
    known = {d.id for d in result.dossiers}
    if dossiers is not None:
        known &= set(dossiers)
    out: dict[int, ConsensusEffect] = {}
    for e in in_force(entries):
        if e.dossier not in known:
            continue
        without = score(call, Scenario(journal=[x for x in entries if x.seq != e.seq]))
        out[e.seq] = ConsensusEffect(e.seq, e.dossier, str(e.criterion),
                                     standing(without, e.dossier), standing(result, e.dossier))
    return out


def yaml_consensus_effects(call: Call, result: Result, entries: Sequence[Entry] | None = None,
                           dossiers: Collection[str] | None = None
                           ) -> dict[tuple[str, str], ConsensusEffect]:
    """What each of call.yaml's consensus values in effect did, by (dossier, criterion):
    the pipeline re-run without that value (``Scenario(consensus=…)``; the cell then holds
    the jurors' aggregate).  A value the journal replaces for its cell (a consensus entry
    in effect, ``entries``: None, the call's journal) is not in effect."""
    entries = list(entries) if entries is not None else journal_of(call)
    replaced = {(e.dossier, e.criterion) for e in in_force(entries)}
    known = {d.id for d in result.dossiers}
    if dossiers is not None:
        known &= set(dossiers)
    given = list(call.config.consensus)
    out: dict[tuple[str, str], ConsensusEffect] = {}
    for i, c in enumerate(given):
        cell = (c.dossier, c.criterion)
        if c.dossier not in known or cell in replaced:
            continue
        without = score(call, Scenario(journal=entries,
                                       consensus=given[:i] + given[i + 1:]))
        out[cell] = ConsensusEffect(None, c.dossier, c.criterion,
                                    standing(without, c.dossier), standing(result, c.dossier))
    return out
