"""From a loaded call to a :class:`~isgrid.engine.result.Result`: the whole pipeline.

``score(call, scenario)`` runs, in order, each stage of this package:

1. **aggregate** (:mod:`isgrid.engine.aggregate`): the statistics of every cell, with the
   consensus values of ``call.yaml`` and of the séance journal;
2. **eligibility** (:mod:`.eligibility`): rules on facts, eliminatory criteria;
3. **judge** (:mod:`isgrid.engine.judge`): checklist, profile or scored;
4. **rank** (:mod:`.rank`): ordering keys, tie-breaks;
5. **select** (:mod:`.select`): the one walk down the ranking (budget or top,
   ties, partial grants, reserve, portfolio constraints);
6. **decide** (:mod:`.decide`): the journal's decisions and withdrawals;
7. statuses and summary, once (:mod:`.status`).

A pure function of the call and the scenario (no clock, no randomness, stable
ordering): the same inputs always give byte-identical results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from .. import __version__
from ..call.deports import conflict_pairs
from ..call.journal import Entry, cancelled, in_effect, journal_of
from ..call.load import consensus_values
from ..call.model import Call
from ..call.ratings import dossier_index
from ..grid.facts import fact_value, values_at
from ..grid.model import JURY_ROLE
from ..io.collector import gc_paused
from ..messages import Message
from ..vocabulary import Mode, Status, num
from .aggregate import cell_stats, fact_columns, with_facts
from .cellgroups import CELL_KEYS, cell_groups, cell_value, consensus_missing, disagreements
from .consensus import with_journal
from .decide import Proposed, decide
from .dossiers import FIELDS, Dossiers
from .eligibility import eligibility_many
from .journaled import changes, money_of
from .judge import (
    checklist,
    effective_weights,
    nan_as_none,
    profile,
    scored_rows,
)
from .money import held_total, less, money_many
from .portfolio import decided_statuses
from .rank import rank_columns
from .result import (
    EMPTY,
    Amounts,
    Budget,
    Cell,
    Cells,
    Constraints,
    FrozenDict,
    JournalInfo,
    Proposal,
    Result,
    Selection,
    Standing,
    deep_frozen,
    frozen_map,
)
from .scenario import Scenario
from .select import Candidate, Pick, Rules, decided_line, walk
from .status import NOISE_WHEN_INELIGIBLE, main_vote, outcome_of, sort_flags, status, summary
from .status import incomplete as is_incomplete

#: Version of the result JSON (docs/result.md).
RESULT_FORMAT = 1


def score(call: Call, scenario: Scenario | None = None) -> Result:
    """Score, rank, select and apply the journal: the whole pipeline (module docstring).

    ``call``: a loaded call (:func:`isgrid.load_call`); anything else, a folder's path
    included, is a TypeError that says so (it was « 'str' object has no attribute
    'folder' »)."""
    _a_call(call, "score")
    with gc_paused():
        result = _score(call, scenario or Scenario())
    assert isinstance(result, Result)
    return result


def propose(call: Call, scenario: Scenario | None = None) -> tuple[Standing, ...]:
    """The same pipeline stopped after the selection (stages 1 to 5): the jury's proposal.

    What analyses compare between scenarios (hundreds of runs); the journal's
    consensus values apply, its decisions are not read.  ``score(call, s)``'s
    dossiers have the same totals, ranks, ``computed.selected`` and ``computed.status``
    (:class:`~.dossier.Standing`'s ``status``: one rule, the stage-5 loop's).
    """
    _a_call(call, "propose")
    with gc_paused():
        standings = _score(call, scenario or Scenario(), propose_only=True)
    assert isinstance(standings, tuple)
    return standings


def _a_call(call: object, name: str) -> None:
    if not isinstance(call, Call):
        raise TypeError(f"{name}() takes a loaded call, not {type(call).__name__}: "
                        f"{name}(isgrid.load_call(folder))")


def tie_breaks_of(call: Call) -> tuple[Any, ...]:
    """The call's tie-break cascade: call.yaml's ``tie_breaks``, else its grid's (the one
    reading of it: the ranking, the analyses' batch, the letters that name it)."""
    own = call.config.tie_breaks
    return tuple(own if own is not None else call.grid.grid.tie_breaks)


def rules_of(call: Call) -> Rules:
    """The selection rules of a call (call.yaml's budget, selection, funding, constraints)."""
    from ..call.constraints import parse_constraints

    cfg = call.config
    sel = cfg.selection
    funding = cfg.funding
    return Rules(
        budget=float(cfg.budget) if cfg.budget is not None else None,
        top=sel.top if sel else None,
        rule=sel.rule if sel else "rank-order",
        partial=bool(funding and funding.partial),
        minimum=float(funding.minimum) if funding and funding.minimum else None,
        step=funding.round if funding else 0.01,
        reserve=sel.reserve if sel else 0,
        constraints=tuple(parse_constraints(cfg.constraints, str(call.folder / "call.yaml"))),
    )


#: the result's columns (:data:`.dossiers.FIELDS`) read as they are from the stages before
#: the decisions (and ``sections``, frozen once): the others are the decisions'
#: (``decided`` in :func:`_score`)
_KEPT = ("id", "title", "eligible", "eligibility", "complete", "total", "verdict", "profile",
         "checklist", "rank", "criteria", "ranking_total")
#: the columns the decisions give, in the order ``decided`` makes them
_MADE = ("status", "selected", "reserve", "amounts", "flags", "computed", "decision")


def _score(call: Call, scenario: Scenario, propose_only: bool = False
           ) -> Result | tuple[Standing, ...]:
    entries: Sequence[Entry] = (scenario.journal if scenario.journal is not None
                                else journal_of(call))
    # the acts that count: an entry cancelled (and its cancellation) was never decided;
    # ``entries``, all of them, are the journal's history (``changes``) and its head
    dropped = cancelled(entries)
    acts = in_effect(entries)
    # what the scenario replaced of the call as its files are (the result's ``scenario``):
    # a journal given that is the call's own (the minutes read it again) replaces nothing
    replaced = scenario.replaced(scenario.journal is None or [e.hash for e in entries]
                                 == [e.hash for e in journal_of(call)])
    call = with_journal(scenario.apply(call), acts)
    loaded = call.grid
    g = loaded.grid
    cfg = call.config
    mode = Mode(g.resolved_mode())
    how = cfg.aggregator or g.effective_aggregator()
    tie_breaks = tie_breaks_of(call)
    table = call.table
    criteria = g.criteria()
    # -- 1. aggregate
    dmap = dossier_index(table)
    cmap = {cid: i for i, cid in enumerate(table.criterion_ids)}
    conflicts = conflict_pairs(table, cfg.conflicts)
    consensus = consensus_values(cfg, loaded)
    cs = cell_stats(table, g, how, conflicts,
                    {(dmap[d], cmap[c]): v[0] for (d, c), v in consensus.items()
                     if d in dmap and c in cmap}, cfg.min_ratings, cfg.require_consensus)
    cs = with_facts(cs, fact_columns(g, [d.facts for d in call.dossiers]))
    cell_of, cell_keys = cell_groups(cs, consensus_given=bool(consensus))
    cell_of.flags.writeable = False  # the result's Cells read it: frozen like them
    short_any = cs.short.any(axis=1).tolist() if cs.short.size else [False] * len(call.dossiers)
    no_consensus = consensus_missing(cs, criteria)
    scoring = [c for c in criteria if not c.eliminatory]
    eff = effective_weights(g, scoring) if mode == Mode.SCORED else None
    scored_sections = {s.id for s in g.sections if any(not c.eliminatory for c in s.criteria)}
    every_section_scored = len(scored_sections) == len(g.sections)
    cids = [c.id for c in criteria]
    col = {c.id: i for i, c in enumerate(criteria)}
    scoring_cols = [col[c.id] for c in scoring]
    # -- 2. eligibility, for every dossier at once (each distinct reading made once)
    facts = [d.facts for d in call.dossiers]
    readings = eligibility_many(g, facts, [
        (c.id, nan_as_none(cs.value[:, col[c.id]]),
         g.scales[c.scale].min) for c in criteria if c.eliminatory])
    # money: what each dossier asks and what the call can propose (the funding read once)
    amounts = money_many(facts, cfg)
    # -- 3. judge, for every dossier at once in scored mode
    # (scored: as lists, no record per dossier; the other modes judge each dossier below)
    rows = scored_rows(g, scoring, cs.value[:, scoring_cols],
                       renormalise=cfg.missing == "renormalise",
                       eff=eff) if mode == Mode.SCORED else None
    reasons: dict[int, list[tuple[str, str]]] = {}
    for (did, cid), (_v, why) in consensus.items():
        if did in dmap and cid in cmap and why is not None:
            reasons.setdefault(dmap[did], []).append((cid, why))
    disagree = disagreements(g, scoring, scoring_cols, cs)
    # Cells with the same statistics are one frozen object: a national call has
    # millions of cells but a few hundred distinct ones (time and memory).
    # A proposal alone (:func:`propose`: the analyses, the minutes' consensus effects) of a
    # scored grid reads no cell, unless a tie-break reads a criterion: none is made then.
    with_cells = (not propose_only or mode != Mode.SCORED
                  or any(tb.by.startswith("criterion:") for tb in tie_breaks))
    cells_by_group = [Cell(zip(CELL_KEYS, map(cell_value, k), strict=True),
                           consensus_reason=None) for k in cell_keys] if with_cells else []
    # -- the dossiers as columns, in the call's order (no record per dossier between the
    # stages: each stage reads the columns it needs; the result's columns are these, put
    # in the ranking's order once, :func:`_in_order`)
    n = len(call.dossiers)
    ids = [d.id for d in call.dossiers]
    titles = [d.title for d in call.dossiers]
    crit_col: list[Mapping[str, Cell]] = (
        [Cells(col, cells_by_group, groups=cell_of, at=di) for di in range(n)]
        if with_cells else [EMPTY] * n)
    if with_cells:
        for di, whys in reasons.items():
            c = crit_col[di]
            crit_col[di] = FrozenDict({**c, **{
                cid: c[cid].replaced(consensus_reason=why) for cid, why in whys}})
    # a dossier's eligibility is one of a few readings in the whole call: one frozen
    # map each, shared like the cells (and encoded once in the JSON)
    elig_maps, eligible_col, elig_flags = _transposed(readings, 3)
    requested_col, proposed_col, selectable_col, unknown_col, money_flags = _transposed(
        amounts, 5)
    # -- 3. judge (scored: the columns of every dossier at once; checklist and profile:
    # per dossier)
    verdict_col: list[str | None] = [None] * n
    profile_col: list[Mapping[str, Any] | None] = [None] * n
    checklist_col: list[Mapping[str, Any] | None] = [None] * n
    if rows is not None:
        complete_col, total_col, sections_col, mo_flags = (
            rows.complete, rows.total, rows.sections, rows.flags)
        key_col, judged_col, incomplete_col, ranking_col = (
            rows.key, rows.rankable, rows.incomplete, rows.ranking_total)
    else:
        complete_col, total_col, sections_col, mo_flags = [], [], [], []
        key_col, judged_col, incomplete_col, ranking_col = [], [], [], []
        for di in range(n):
            if mode == Mode.CHECKLIST:
                sel = cfg.selection
                allowed: list[str] | None = (list(sel.verdicts) if sel and sel.verdicts
                                             else None)
                mo = checklist(g, scoring, _stats(crit_col[di]), allowed)
            else:
                mo = profile(g, scoring, _stats(crit_col[di]),
                             renormalise=cfg.missing == "renormalise")
            if mo.states:
                crit_col[di] = FrozenDict({cid: crit_col[di][cid].replaced(
                    state=mo.states.get(cid)) for cid in cids})
            complete_col.append(mo.complete)
            total_col.append(mo.total)
            verdict_col[di] = mo.verdict
            profile_col[di] = frozen_map(mo.profile) if mo.profile else None
            checklist_col[di] = frozen_map(mo.checklist) if mo.checklist else None
            sections_col.append(mo.sections)
            mo_flags.append(mo.flags)
            key_col.append(mo.key)
            judged_col.append(mo.rankable)
            incomplete_col.append(mo.incomplete)
            ranking_col.append(mo.ranking_total)
    for di in no_consensus:  # require_consensus: incomplete until the committee scores
        total_col[di], key_col[di], judged_col[di], ranking_col[di] = None, (), False, None
        incomplete_col[di] = is_incomplete(incomplete_col[di], True)
    if not every_section_scored:
        sections_col = [{k: v for k, v in sec.items() if k in scored_sections}
                        for sec in sections_col]
    # the cells the jurés owe (load_call's), read against a scenario's ratings and grid
    # when it gives them (what loading the call with them would say); a proposal alone
    # has no flags to give
    missing = getattr(call, "missing", None) if not propose_only else None
    if missing is not None and (scenario.table is not None or scenario.grid is not None):
        missing = missing.for_ratings(table, [c.id for c in g.criteria_rated_by(JURY_ROLE)])
    rated_col = missing.jurors_of(ids) if missing is not None else [None] * n
    # each dossier's flags in the order of the stages that give them, gathered stage by
    # stage (a pass over the dossiers per stage, most of which give nothing to most
    # dossiers): the same lists as a loop over the dossiers taking each stage's in turn
    flags_col: list[list[str]] = [["below-min-ratings"] if short else [] for short in short_any]
    _extend_each(flags_col, elig_flags)
    for di, cids in no_consensus.items():
        flags_col[di].extend(f"consensus-missing:{cid}" for cid in cids)
    _extend_each(flags_col, mo_flags)
    for di, more in disagree.items():
        flags_col[di].extend(more)
    # fewer jurés rated it than were expected on it (review recours, finding 9): a few
    # (rated, expected) counts in a call, each flag's text made once, one object (its hash
    # kept for the flags' sort)
    missing_flag: dict[tuple[int, int], str] = {}
    for flags, rated_by in zip(flags_col, rated_col, strict=True):
        if rated_by is not None:
            flag = missing_flag.get(rated_by)
            if flag is None:
                flag = missing_flag[rated_by] = "ratings-missing:{}/{}".format(*rated_by)
            flags.append(flag)
    for di, conflicted in cs.excluded.items():
        if conflicted:
            flags_col[di].extend(sorted(f"conflict-excluded:{table.assessor_ids[ai]}"
                                        for ai in conflicted))
    _extend_each(flags_col, money_flags)
    for di, eligible in enumerate(eligible_col):
        if eligible is False:
            flags_col[di] = [f for f in flags_col[di] if not f.startswith(NOISE_WHEN_INELIGIBLE)]
    rankable_col = [eligible is True and judged and not short for eligible, judged, short
                    in zip(eligible_col, judged_col, short_any, strict=True)]
    # -- 4. rank
    tie_refs = [(*tb.by.partition(":")[::2], tb.count) for tb in tie_breaks]
    to_rank = [di for di in range(n) if rankable_col[di]]  # as columns: no record each
    ranked_at = rank_columns(
        [ids[di] for di in to_rank], [key_col[di] for di in to_rank],
        [[_tie_value(kind, ref, count, sections_col[di], crit_col[di], facts[di])
          for di in to_rank] for kind, ref, count in tie_refs], [tb.order for tb in tie_breaks])
    rank_col: list[int | None] = [None] * n
    order: list[int] = []  # the result's order: the ranking, then the others by id
    for k, r, tie, parted in zip(ranked_at.order, ranked_at.rank, ranked_at.tie,
                                 ranked_at.parted_by, strict=True):
        di = to_rank[k]
        rank_col[di] = r
        order.append(di)
        if tie:
            flags_col[di].append("tie")
        if parted is not None:  # at the rank above's key, after it by this step
            flags_col[di].append(f"tie-broken:{tie_breaks[parted].by}")
    ranked = list(order)
    order.extend(sorted((di for di in range(n) if rank_col[di] is None),
                        key=ids.__getitem__))
    in_order = _in_order(order)
    # -- 5. select: the jury's proposal
    rules = rules_of(call)
    # constraints read facts: a copy, so that nothing reached from the result is the call's
    cands = [Candidate(ids[di], rank_col[di] or 0, proposed_col[di], selectable_col[di],
                       deep_frozen(facts[di]) if rules.constraints else EMPTY)
             for di in ranked]
    # each pick's reason only where a constraint's explanations read it (select.walk)
    w = walk(cands, rules, reasons=bool(rules.constraints)) if rules.selecting else None
    proposal_of: dict[tuple[Any, ...], Proposal] = {}
    # each dossier's pick read once (a dict lookup per dossier, not three)
    pick_of = w.picks.get if w is not None else _nothing.get
    selecting = w is not None
    if propose_only:
        return tuple(Standing(ids[di], total_col[di], rank_col[di], (p := _proposal(
            eligible_col[di], incomplete_col[di], rankable_col[di], unknown_col[di],
            pick_of(ids[di]), selecting, proposal_of)).selected, eligible_col[di], p.status)
                     for di in order)
    proposals: list[Proposal] = []  # in the result's order
    prop_in: list[Proposed] = []
    for di in order:
        did = ids[di]
        pick = pick_of(did)
        p = _proposal(eligible_col[di], incomplete_col[di], rankable_col[di], unknown_col[di],
                      pick, selecting, proposal_of)
        proposals.append(p)
        if pick is not None:
            flags_col[di].extend(pick.flags)
            if pick.amount is not None and proposed_col[di] is not None:
                proposed_col[di] = pick.amount
        # tied at the line: a flag only the walk gives (its pick's), read there
        prop_in.append(Proposed(did, titles[di], rank_col[di], p.outcome, p.selected,
                                pick is not None and "tie-at-line" in pick.flags,
                                proposed_col[di], p.reserve, crit_col[di]))
    # -- 6. decide (the journal up to an entry too: the list's adoption is judged by what
    # was true at each deliberation, Result.in_time)
    # the result's columns the decisions do not change (Dossiers: no record per dossier),
    # each put in the result's order at once
    kept = dict(zip(_KEPT, map(in_order, (
        ids, titles, eligible_col, elig_maps, complete_col, total_col, verdict_col,
        profile_col, checklist_col, rank_col, crit_col, ranking_col)), strict=True))
    # the sections too: no decision changes them (frozen once, not at each replay)
    kept["sections"] = tuple(map(frozen_map, in_order(sections_col)))
    # the columns each replay's statuses and amounts read, in the result's order (put in
    # it once)
    read = (kept["id"], kept["eligible"], in_order(incomplete_col), in_order(rankable_col),
            in_order(unknown_col), in_order(requested_col), in_order(proposed_col),
            in_order(flags_col), proposals)
    facts_of = dict(zip(ids, facts, strict=True)) if rules.constraints else {}

    def decided(used: Sequence[Entry]) -> Result:
        done = [e for e in used if e.kind != "cancellation" and e.seq not in dropped]
        journaled = decide(prop_in, cands, rules, done if scenario.decisions else (),
                           facts_of)
        decs = journaled.dossiers
        status_of: dict[tuple[Any, ...], Status] = {}
        # Amounts are frozen and a national call has a few thousand distinct ones: one object
        # each, shared like the cells (equal amounts, 3 and 3.0, are the same JSON)
        amounts_of: dict[tuple[float | None, ...], Amounts] = {}
        rows: list[tuple[Any, ...]] = []  # each dossier's _MADE, in order
        add = rows.append
        for (did, eligible, incomplete, rankable, amount_unknown, requested, proposed, flags,
             proposal) in zip(*read, strict=True):
            dec = decs[did]
            decided_key = (eligible, incomplete, rankable, amount_unknown, dec.selected,
                           dec.reserve, dec.outcome)
            known = status_of.get(decided_key)
            if known is None:
                known = status_of[decided_key] = status(
                    eligible=eligible, incomplete=incomplete, rankable=rankable,
                    selecting=w is not None, amount_unknown=amount_unknown,
                    selected=dec.selected, reserve=dec.reserve, outcome=dec.outcome)
            money = money_of(requested, proposed, dec, known)
            shared = amounts_of.get(money)
            if shared is None:
                shared = amounts_of[money] = Amounts(*money)
            add((known, dec.selected, dec.reserve, shared,
                 sort_flags([*flags, *dec.flags] if dec.flags else flags), proposal,
                 dec.decision))
        made = kept | _columns(_MADE, rows)
        statuses = made["status"]
        dossiers = Dossiers([made[f] for f in FIELDS])
        selection = None
        constraints = None
        if w is not None:
            # the money the proposal holds, by the decided budget's rule (journaled): the
            # walk's own sum with a budget, the selected dossiers' amounts without one
            spent = held_total(w.picks[i].amount for i in w.selected)
            proposed_budget = Budget(
                selected=w.selected, reserve=w.reserve, budget=rules.budget,
                committed=spent, granted=None,
                remaining=less(rules.budget, spent) if rules.budget is not None else None,
                decided=False, line=w.line, skipped=w.skipped)
            decided = journaled.budget
            line, skipped = decided_line(
                cands, rules, w.line, w.selected, decided.selected, w.skipped,
                (i for i, x in journaled.dossiers.items() if x.outcome == Status.RETIRE))
            decided = dataclasses.replace(decided, line=line, skipped=skipped)
            selection = Selection(
                rule=rules.rule if rules.budget is not None else f"top:{rules.top}",
                top=rules.top, line=w.line, proposed=proposed_budget, decided=decided,
                skipped=w.skipped, beyond_top=w.beyond_top)
        if rules.constraints:
            if w is None:
                constraints = Constraints((), (), (), Message(
                    "no budget and no top: nothing is selected"))
            else:
                choices = tuple(pk.choice for c in cands
                                if (pk := w.picks[c.id]).choice is not None)
                constraints = Constraints(w.constraints, choices, w.infeasible, decided=(
                    decided_statuses(rules.constraints, w.constraints, dossiers, facts_of)))
        return Result(
            format=RESULT_FORMAT, isgrid=__version__,
            grid=frozen_map({"id": g.id, "version": g.version, "mode": str(mode),
                             "sha256": loaded.sha256, "scoring_sha256": loaded.scoring_sha256,
                             "title": g.title,
                             "extends": tuple(loaded.chain[1:])}
                            | ({"out_of": num(g.out_of())} if mode == Mode.SCORED else {})),
            inputs=frozen_map(dict(sorted(call.inputs.items()))),
            call=frozen_map({"title": cfg.title, "aggregator": how, "missing": cfg.missing,
                             "lang": cfg.lang, "fictitious": bool(cfg.fictitious)}),
            dossiers=dossiers, selection=selection,
            summary=frozen_map(summary(statuses)),
            constraints=constraints,
            decisions=journaled.decisions, withdrawals=journaled.withdrawals,
            changes=tuple(frozen_map(c) for c in changes(prop_in, used, dropped)),
            journal=JournalInfo(
                entries=len(used), head=used[-1].hash if used else None,
                voted=any(e.kind == "decision" and e.stage == "vote" for e in done),
                decided=journaled.decided),
            candidates=tuple(cands), rules=rules, freed_places=journaled.freed_places,
            line_tie=journaled.line_tie, main_vote=main_vote(cfg),
            scenario=frozen_map({"replaced": replaced}) if replaced else None)

    final = decided(entries)
    return final.in_time(lambda seq: decided([e for e in entries if e.seq <= seq]))


def _extend_each(lists: list[list[str]], column: Iterable[Sequence[str]]) -> None:
    """Each list of ``lists`` extended by its dossier's value of ``column`` (flags)."""
    for target, more in zip(lists, column, strict=True):
        if more:
            target.extend(more)


def _columns(names: tuple[str, ...], rows: Iterable[tuple[Any, ...]]
             ) -> dict[str, tuple[Any, ...]]:
    """Rows of the values of ``names`` as one column each (a tuple, in the rows' order)."""
    cols = list(zip(*rows, strict=True))
    return dict(zip(names, cols or [()] * len(names), strict=True))


#: no walk (no budget, no top): no dossier has a pick
_nothing: Mapping[str, Pick] = FrozenDict()


def _transposed(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """Rows of ``width`` values as ``width`` columns (lists, in the rows' order)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(c) for c in zip(*rows, strict=True)]


def _in_order(order: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function putting a column (a value per dossier, in the call's order) in the
    result's order ``order`` (positions in the call's order): one getter made for every
    column (its indexing is done in C, not a Python loop per column)."""
    if len(order) < 2:
        return lambda column: tuple(column[i] for i in order)
    return itemgetter(*order)


def _proposal(eligible: bool | None, incomplete: bool, rankable: bool, amount_unknown: bool,
              pick: Pick | None, selecting: bool,
              proposal_of: dict[tuple[Any, ...], Proposal]) -> Proposal:
    """What the jury's proposal (stage 5) says of a dossier (``eligible`` … ``amount_unknown``:
    its columns' values): its status by the one rule (:func:`.status.status`), selection
    and reserve.  One frozen Proposal per reading (a handful in a call), kept in
    ``proposal_of``; :func:`propose` and the result read it alike.  ``pick``: the walk's
    for it (None when the walk did not reach it or there is no walk: ``selecting`` False).
    """
    selected = _proposed_selection(rankable, amount_unknown, pick, selecting)
    reserve = pick.reserve if pick is not None else False
    key = (eligible, incomplete, rankable, amount_unknown, selected, reserve)
    p = proposal_of.get(key)
    if p is None:
        s = status(eligible=eligible, incomplete=incomplete, rankable=rankable,
                   selecting=selecting, amount_unknown=amount_unknown,
                   selected=selected, reserve=reserve)
        p = proposal_of[key] = Proposal(s, selected, reserve, outcome_of(s))
    return p


def _proposed_selection(rankable: bool, amount_unknown: bool, pick: Pick | None,
                        selecting: bool) -> bool | None:
    """``selected`` in the jury's proposal: None without a selection, or while the amount
    of a ranked dossier cannot be computed (it cannot be decided until it is known)."""
    if not selecting or (rankable and amount_unknown):
        return None
    return pick.selected if pick is not None else False


def _stats(crit: Mapping[str, Cell]) -> dict[str, dict[str, Any]]:
    """Cells as the per-dossier mode functions read them."""
    return {cid: {"value": c.value} for cid, c in crit.items()}


def _distinct_key(v: Any) -> str:
    """A value as one comparable text (distinct counts: 1 and 1.0 are one value)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return repr(v) if not isinstance(v, str) else v


#: what a tie-break compares, as one tuple (``int | float | str`` makes a union at each
#: call: once per ranked dossier)
_TIE_TYPES = (int, float, str)


def _tie_value(kind: str, ref: str, count: str | None, sections: Mapping[str, Any],
               criteria: Mapping[str, Any], facts: dict[str, Any]) -> Any:
    """The value a tie-break ``kind:ref`` compares (None when missing).

    ``count: distinct`` on a list fact: the number of distinct values (a list has
    no order of its own; the grid's checks refuse a list without it).
    """
    if kind == "section":
        return sections.get(ref)
    if kind == "criterion":
        c = criteria.get(ref)
        return c.value if c else None
    if count == "distinct":
        _, values = values_at(facts, ref)
        flat = [v for item in values for v in (item if isinstance(item, list | tuple)
                                                else (item,))]
        return len({_distinct_key(v) for v in flat})
    v = facts.get(ref) if ref in facts else fact_value(facts, ref)
    return v if isinstance(v, _TIE_TYPES) and not isinstance(v, bool) else None


__all__ = ["RESULT_FORMAT", "Status", "propose", "rules_of", "score", "tie_breaks_of"]
