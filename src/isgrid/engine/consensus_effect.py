"""What each consensus value in effect did to the jury's proposal for its dossier (review
s16 recours, task 1: the minutes said « consensus ALS-4 : 1,33 → 2 » and whether it
crossed the floor, not that, without it, AL16-07 would not have been ranked at all).

A consensus is an act of the jury: what it did is said of the jury's proposal (the
proposed status and the rank), not of the status a later vote decided (s16 guide review,
finding 2).  The counterfactual is the pipeline's proposal (stages 1 to 5) without that one
journal entry: the cell then holds the value in effect before the entry (an earlier
consensus, else the jurors' aggregate, short of ratings or missing a required consensus as
stage 1 says), and floors, threshold, ranking, walk and reserve run as they do for the
call; the journal's decisions, which the proposal does not read, are not replayed.
Nothing is recomputed outside the engine, and the standing *with* the value is the call's
own result's (``computed.status`` and ``rank``: what ``propose`` gives,
``tests/engine/test_propose_status.py``).

A value changes one cell of one dossier, so the counterfactual is a one-dossier variant:
:meth:`isgrid.engine.batch.Batch.with_consensus` judges that dossier's rating rows alone
with the cell's value replaced, then ranks and walks the call with its row in place (in
array form where the call allows it), one Batch made for the run (at the first value that
needs it; :func:`consensus_effects` hands it to the :func:`yaml_consensus_effects` that
follows on the same call and result).  Where the Batch does not give the pipeline's answer,
the whole proposal is re-run through the scenario interface (:func:`isgrid.engine.propose`
with the journal's consensus values but that one, ``Scenario(consensus=…)``):

* a checklist or profile grid (the Batch scores a scored grid only);
* a value on an eliminatory criterion (the Batch holds eligibility fixed);
* portfolio constraints with a reserve (the reserve then reads the places held, their
  facts and amounts, which the Batch's walk does not give).

``tests/engine/test_consensus_effect_cost.py`` compares both with the plain re-run (floors,
threshold, ``min_ratings``, ``require_consensus``, ``selection.top``, a tie-break on a
criterion, replaced and cancelled entries, the fallbacks).

A consensus is in effect when it is not cancelled (:func:`isgrid.call.journal.in_effect`)
and no later consensus of the journal replaces it for the same cell; a cancelled or
replaced one did nothing and has no effect here.

call.yaml's consensus values are read alike (:func:`yaml_consensus_effects`): the proposal
without that one value, the cell then holding an earlier value of call.yaml's for it, else
the jurors' aggregate (the Batch's variant, or ``Scenario(consensus=…)`` in the fallbacks).

Cost: one counterfactual per consensus in effect that can change its proposal, no more
(docs/performance.md, thirty-seventh, thirty-eighth and forty-third passes): milliseconds
by the Batch, a whole proposal in the fallbacks above.  An entry whose cell holds, without
it, what it holds with it (:func:`_unchanged`: the value it replaced equals its own, the
cell not left short of ratings nor missing a required consensus) leaves every input of the
pipeline as it was: its standing without it is the result's, and nothing is run.  Two
entries in effect are on two cells: their counterfactuals are one scenario only when
neither changes its cell, which costs nothing already.  A fallback run is given the
journal's values already merged (:func:`_merged`), so that they are parsed once a run, not
twice.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from ..call.journal import Entry, in_effect, journal_of
from ..call.load import consensus_values
from ..call.model import Call, Consensus
from ..vocabulary import Mode
from .batch import Batch
from .consensus import with_journal
from .dossier import Standing as Proposed
from .pipeline import propose, rules_of
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


def _state(call: Call, cell: Any, criterion: str, value: Any) -> tuple[Any, bool, bool]:
    """What the pipeline reads of a cell holding the consensus ``value`` (None: none, the
    jurors' aggregate), as :func:`isgrid.engine.aggregate.cell_stats` makes it: its value
    (None: missing), too few ratings, a required consensus missing.  ``cell``: the
    result's cell (its ``raw`` aggregate and its count ``n`` do not depend on consensus)."""
    if value is not None:  # a consensus value: the cell's value, never short nor missing
        return value, False, False
    cfg = call.config
    short = cfg.min_ratings is not None and (cell["n"] or 0) < cfg.min_ratings
    missing = bool(cfg.require_consensus) and not call.grid.grid.criterion(criterion).eliminatory
    return (None if short or missing else cell["raw"]), short, missing


def _parsed(call: Call, given: Consensus) -> Any:
    """``given``'s value parsed on its scale, as the pipeline parses it (None: no value)."""
    cfg = call.config.model_copy(update={"consensus": [given]})
    return consensus_values(cfg, call.grid)[(given.dossier, given.criterion)][0]


def _unchanged(call: Call, result: Result, dossier: str, criterion: str,
               before: Consensus | None) -> bool:
    """The cell (``dossier``, ``criterion``) holds, for the pipeline, the same thing with
    the consensus value in effect (the result's) as with ``before`` in its place (the value
    it replaced: an earlier consensus; None, the jurors' aggregate).

    Why this is exact: a consensus value reaches the proposal through its cell only.
    :func:`~isgrid.engine.aggregate.cell_stats` makes of it the cell's value, its « too
    few ratings » and its « consensus missing » (:func:`_state`), and stages 2 to 5 read
    the cells through these three and nothing else of the consensus (its reason and the
    cell's ``consensus`` field are what the result shows, not what it decides).  Equal
    triples: every stage runs on the same inputs and gives the same proposal.  Otherwise
    the proposal is re-run (a total may change yet no standing: only the run can say)."""
    cell = result.dossier(dossier).criteria[criterion]
    now = _state(call, cell, criterion, cell["consensus"])
    then = _state(call, cell, criterion, None if before is None else _parsed(call, before))
    return now == then


def _journal_before(call: Call, earlier: Sequence[Entry], e: Entry,
                    yaml: dict[tuple[str, str], Consensus]) -> Consensus | None:
    """The value ``e`` replaced for its cell: the latest consensus entry in effect before
    it (``earlier``: those of its cell, in journal order; as
    :func:`isgrid.engine.consensus.with_journal` turns it into a value), else call.yaml's,
    else None."""
    before = [x for x in earlier if x.seq < e.seq]
    if before:
        return with_journal(call, before[-1:]).config.consensus[-1]
    return yaml.get((e.dossier, str(e.criterion)))


def _merged(call: Call, acts: Sequence[Entry]) -> tuple[list[Consensus], list[Entry]]:
    """The consensus values the pipeline reads from call.yaml and the journal's acts
    (:func:`isgrid.engine.consensus.with_journal`'s, made once), and the acts without
    their consensus entries.  A counterfactual is then ``Scenario(journal=rest,
    consensus=…)``: the journal's values are parsed once a run, not twice (once to check
    them, once to apply them), each of hundreds of runs (docs/performance.md,
    thirty-eighth pass); ``tests/engine/test_consensus_effect_cost.py`` checks it is the
    plain re-run without the entry."""
    return (list(with_journal(call, acts).config.consensus),
            [x for x in acts if x.kind != "consensus"])


class _Runs:
    """The counterfactuals of one minutes run: :meth:`without` gives a dossier's standing
    with one cell's consensus value replaced by the one it replaced (module docstring)."""

    def __init__(self, call: Call, result: Result, entries: Sequence[Entry]) -> None:
        self.call, self.result, self.entries = call, result, list(entries)
        g = call.grid.grid
        rules = rules_of(call)
        #: where :meth:`Batch.with_consensus` gives the pipeline's answer: a scored grid,
        #: no portfolio constraints with a reserve, a criterion that is not eliminatory
        self.batched = (Mode(g.resolved_mode()) == Mode.SCORED
                        and not (rules.constraints and rules.reserve))
        self.eliminatory = {c.id for c in g.criteria() if c.eliminatory}
        self._batch: tuple[Batch, dict[str, int]] | None = None

    @property
    def batch_made(self) -> bool:
        return self._batch is not None

    def without(self, dossier: str, criterion: str, before: Consensus | None,
                scenario: Callable[[], Scenario]) -> Standing:
        """``dossier``'s standing with ``before`` (None: no consensus) as its value on
        ``criterion``: the Batch's one-dossier variant, else ``propose(call, scenario())``."""
        if not self.batched or criterion in self.eliminatory:
            return _proposed(propose(self.call, scenario()), dossier)
        if self._batch is None:  # made at the first value that needs a run, once
            b = Batch(self.call, self.entries, self.result)
            self._batch = (b, {did: i for i, did in enumerate(b.ids)})
        b, at = self._batch
        got, rank = b.with_consensus(at[dossier], criterion, None if before is None
                                     else _parsed(self.call, before))
        return Standing(str(got), rank)


#: a minutes run's :class:`_Runs` (its Batch), handed by :func:`consensus_effects` to the
#: :func:`yaml_consensus_effects` that follows it on the same call, result and journal (the
#: minutes ask both, in that order): one Batch a minutes run, none kept after it
_HANDED: dict[str, _Runs] = {}


def _runs(call: Call, result: Result, entries: Sequence[Entry]) -> _Runs:
    """The :class:`_Runs` handed over for this call, result and journal, else a new one."""
    got = _HANDED.pop("runs", None)
    if got is not None and got.call is call and got.result is result \
            and got.entries == list(entries):
        return got
    return _Runs(call, result, entries)


def consensus_effects(call: Call, result: Result, entries: Sequence[Entry] | None = None,
                      dossiers: Collection[str] | None = None,
                      step: Callable[[int, int], None] | None = None
                      ) -> dict[int, ConsensusEffect]:
    """Each consensus entry in effect of ``entries`` (None: the call's journal, which
    ``result`` must be :func:`isgrid.engine.score` of), by its seq: its dossier's standing
    in ``result`` and in the proposal without that entry alone (none run when the entry's
    cell holds the same without it: :func:`_unchanged`).  ``dossiers``: the entries on
    those dossiers only (None: every dossier's).  ``step(done, total)``: called after
    each entry (a progress line)."""
    entries = list(entries) if entries is not None else journal_of(call)
    known = {d.id for d in result.dossiers}
    if dossiers is not None:
        known &= set(dossiers)
    acts = in_effect(entries)
    yaml = {(c.dossier, c.criterion): c for c in call.config.consensus}
    todo = [e for e in in_force(entries) if e.dossier in known]
    merged, rest = _merged(call, acts)
    of_cell: dict[tuple[str, str | None], list[Entry]] = {}  # each cell's consensus acts
    for x in acts:
        if x.kind == "consensus":
            of_cell.setdefault((x.dossier, x.criterion), []).append(x)
    runs = _Runs(call, result, entries)
    out: dict[int, ConsensusEffect] = {}
    for i, e in enumerate(todo):
        with_ = standing(result, e.dossier)
        before = _journal_before(call, of_cell[(e.dossier, e.criterion)], e, yaml)
        if _unchanged(call, result, e.dossier, str(e.criterion), before):
            without = with_
        else:
            cell = (e.dossier, e.criterion)

            def scenario(cell: tuple[str, str | None] = cell,
                         before: Consensus | None = before) -> Scenario:
                # the journal without ``e``, as the pipeline reads it (with_journal): every
                # value of ``merged`` but ``e``'s, the value it replaced in its place
                given = [c for c in merged if (c.dossier, c.criterion) != cell]
                return Scenario(journal=rest, decisions=False,
                                consensus=given + ([before] if before is not None else []))
            without = runs.without(e.dossier, str(e.criterion), before, scenario)
        out[e.seq] = ConsensusEffect(e.seq, e.dossier, str(e.criterion), without, with_)
        if step is not None:
            step(i + 1, len(todo))
    if runs.batch_made and call.config.consensus:
        _HANDED["runs"] = runs
    return out


def yaml_consensus_effects(call: Call, result: Result, entries: Sequence[Entry] | None = None,
                           dossiers: Collection[str] | None = None
                           ) -> dict[tuple[str, str], ConsensusEffect]:
    """What each of call.yaml's consensus values in effect did, by (dossier, criterion):
    the proposal without that value (the cell then holds the jurors' aggregate, or an
    earlier value of call.yaml's for it), unless the cell holds the same without it
    (:func:`_unchanged`).  A value the journal replaces for its cell (a consensus entry in
    effect, ``entries``: None, the call's journal) is not in effect."""
    entries = list(entries) if entries is not None else journal_of(call)
    replaced = {(e.dossier, e.criterion) for e in in_force(entries)}
    known = {d.id for d in result.dossiers}
    if dossiers is not None:
        known &= set(dossiers)
    given = list(call.config.consensus)
    # the journal's values after call.yaml's (with_journal): ``given[i]`` left out of the
    # values the pipeline reads, the journal's own not parsed twice a run (:func:`_merged`)
    merged, acts = _merged(call, in_effect(entries))
    journal = merged[len(merged) - len(replaced):] if replaced else []
    runs = _runs(call, result, entries)
    out: dict[tuple[str, str], ConsensusEffect] = {}
    for i, c in enumerate(given):
        cell = (c.dossier, c.criterion)
        if c.dossier not in known or cell in replaced:
            continue
        with_ = standing(result, c.dossier)
        rest = given[:i] + given[i + 1:]
        before = next((x for x in reversed(rest) if (x.dossier, x.criterion) == cell), None)
        if _unchanged(call, result, c.dossier, c.criterion, before):
            without = with_
        else:
            def scenario(rest: list[Consensus] = rest) -> Scenario:
                kept = [x for x in rest if (x.dossier, x.criterion) not in replaced]
                return Scenario(journal=acts, decisions=False, consensus=kept + journal)
            without = runs.without(c.dossier, c.criterion, before, scenario)
        out[cell] = ConsensusEffect(None, c.dossier, c.criterion, without, with_)
    return out
