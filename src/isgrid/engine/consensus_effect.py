"""What each consensus value in effect did to the jury's proposal for its dossier (review
s16 recours, task 1: the minutes said « consensus ALS-4 : 1,33 → 2 » and whether it
crossed the floor, not that, without it, AL16-07 would not have been ranked at all).

A consensus is an act of the jury: what it did is said of the jury's proposal (the
proposed status and the rank), not of the status a later vote decided (s16 guide review,
finding 2).  The counterfactual is the pipeline's proposal re-run without that one journal
entry, through the scenario interface (:func:`isgrid.engine.propose` with
``Scenario(journal=…)``, stages 1 to 5): the cell then holds the value in effect before
the entry (an earlier consensus, else the jurors' aggregate), and floors, ranking and walk
run as they do for the call; the journal's decisions, which the proposal does not read,
are not replayed.  Nothing is recomputed outside the pipeline, and the standing *with* the
value is the call's own result's (``computed.status`` and ``rank``: what ``propose`` gives,
``tests/engine/test_propose_status.py``).

A consensus is in effect when it is not cancelled (:func:`isgrid.call.journal.in_effect`)
and no later consensus of the journal replaces it for the same cell; a cancelled or
replaced one did nothing and has no effect here.

call.yaml's consensus values are read alike (:func:`yaml_consensus_effects`): the pipeline
re-run without that one value (``Scenario(consensus=…)``), the cell then holding the
jurors' aggregate.

Cost: one proposal (stages 1 to 5, no result built) per consensus in effect: linear in
their number (docs/performance.md, thirty-seventh pass).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..call.journal import Entry, in_effect, journal_of
from ..call.model import Call
from .dossier import Standing as Proposed
from .pipeline import propose
from .result import Result
from .scenario import Scenario


@dataclass(frozen=True, slots=True)
class Standing:
    """A dossier's place in the jury's proposal: the status the proposal gave it (before
    the decisions: a result's ``computed.status``) and its rank (None: not ranked)."""

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
    def proposal_moved(self) -> bool:
        """The entry changed the jury's proposal for the dossier: its rank or its proposed
        status (a consensus is an act of the jury; the status a later vote decided is that
        vote's, not the consensus's)."""
        return self.without != self.with_


def standing(result: Result, dossier: str) -> Standing:
    """``dossier``'s proposed status and rank in ``result``."""
    d = result.dossier(dossier)
    return Standing(str(d.computed.status), d.rank)


def _proposed(standings: Sequence[Proposed], dossier: str) -> Standing:
    """``dossier``'s proposed status and rank in :func:`isgrid.engine.propose`'s answer."""
    s = next(s for s in standings if s.id == dossier)
    return Standing(str(s.status), s.rank)


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
    in ``result`` and in the proposal re-run without that entry alone.  ``dossiers``: the
    entries on those dossiers only (None: every dossier's)."""
    entries = list(entries) if entries is not None else journal_of(call)
    known = {d.id for d in result.dossiers}
    if dossiers is not None:
        known &= set(dossiers)
    out: dict[int, ConsensusEffect] = {}
    for e in in_force(entries):
        if e.dossier not in known:
            continue
        without = propose(call, Scenario(journal=[x for x in entries if x.seq != e.seq],
                                          decisions=False))
        out[e.seq] = ConsensusEffect(e.seq, e.dossier, str(e.criterion),
                                     _proposed(without, e.dossier), standing(result, e.dossier))
    return out


def yaml_consensus_effects(call: Call, result: Result, entries: Sequence[Entry] | None = None,
                           dossiers: Collection[str] | None = None
                           ) -> dict[tuple[str, str], ConsensusEffect]:
    """What each of call.yaml's consensus values in effect did, by (dossier, criterion):
    the proposal re-run without that value (``Scenario(consensus=…)``; the cell then holds
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
        without = propose(call, Scenario(journal=entries, decisions=False,
                                         consensus=given[:i] + given[i + 1:]))
        out[cell] = ConsensusEffect(None, c.dossier, c.criterion,
                                    _proposed(without, c.dossier), standing(result, c.dossier))
    return out
