"""Many variants of one call's ratings, scored at once: the analyses' entry point.

Sensitivity and calibration score the same call hundreds or thousands of times
(a juror left out, one rating moved by a level, the raters of every dossier
resampled, weights perturbed).  Running the whole pipeline (:func:`.propose`)
for each variant re-aggregates and re-judges every dossier and builds a record
per dossier each time: fine for a regional call, hours for a national one.

:class:`Batch` runs the same stages, with the same functions, in two halves:

1. :meth:`Batch.judge`: stages 1 and 3 (:func:`.aggregate.cell_stats` with the
   call's consensus values, then :func:`.judge.scored_many`) over a block of
   *rows*: rating rows whose dossier index points into the block, each block
   row standing for one of the call's dossiers (``origin``).  A block holds
   only the dossiers a variant changes (one dossier for a one-level move), or
   every dossier of many draws stacked (one pass of numpy for them all);
2. :meth:`Batch.propose`: stages 4 and 5 (:func:`.rank.rank`, then
   :func:`.select.walk`) over the whole call, with the judged rows of the
   changed dossiers in place of the base ones; :meth:`Batch.draws` the same for
   each draw of a block.  Both use the rank and walk in array form
   (:mod:`.arrays`) where the call and the ranking allow it (:meth:`Batch._in_arrays`
   says where not).

:meth:`Batch.with_consensus` is the one-dossier variant of a consensus value changed (the
minutes' « sans ce consensus, le jury proposait »): that dossier's proposed status and rank.

Eligibility (facts, eliminatory criteria), the proposed amounts and the
tie-break facts are the call's, held fixed, as the analyses require; the
journal's consensus values apply, its decisions do not (the jury's proposal).
:func:`.propose` of the call and :meth:`Batch.propose` of the base rows give
the same totals, ranks and selection (``tests/engine/test_batch.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from ..call.deports import conflict_pairs, conflicted_rows
from ..call.journal import Entry, journal_of
from ..call.load import consensus_values
from ..call.model import Call
from ..call.ratings import dossier_index
from ..grid.model import Grid
from ..vocabulary import Mode, Status
from . import arrays
from .aggregate import (
    RaterRows,
    cell_stats,
    fact_columns,
    rater_rows,
    rater_stats,
    with_facts,
)
from .chain import Chain, Without
from .consensus import with_journal
from .judge import (
    effective_weights,
    nan_as_none,
    ranks_differently,
    scored_columns,
    scored_many,
)
from .money import less, money_many
from .moves import _SELECTED, Judged, Moves, Proposal
from .pipeline import _tie_value, propose, rules_of, tie_breaks_of
from .rank import Entry as RankEntry
from .rank import rank
from .result import EMPTY, Result, deep_frozen
from .scenario import Scenario
from .select import Candidate, Held, Walk, reserve_list, walk
from .status import incomplete, status


@dataclass(frozen=True)
class Rows:
    """Rating rows of scoring criteria: the columns :func:`.aggregate.cell_stats` reads.

    ``dossier`` indexes the block (0 .. ``len(origin)`` - 1); ``origin[i]`` is the
    call's dossier (an index into :attr:`Batch.ids`) that block row ``i`` stands for.
    """

    origin: Any  # int64 (block rows,)
    dossier: Any  # int64 (rating rows,)
    assessor: Any
    criterion: Any
    value: Any  # float64

    def __len__(self) -> int:
        return len(self.dossier)


@dataclass
class _Table:
    """The attributes of a rating table that :func:`cell_stats` reads."""

    dossier_ids: Sequence[Any]
    criterion_ids: Sequence[str]
    assessor_ids: Sequence[str]
    dossier: Any
    assessor: Any
    criterion: Any
    value: Any
    na: Any
    distinct_values: frozenset[float] | None = None


class Batch(Moves):
    """A call prepared for scoring many variants of its ratings (module docstring)."""

    def __init__(self, call: Call, journal: Sequence[Entry] | None = None,
                 result: Result | None = None) -> None:
        """``result``: the call's result when the caller has it (its eligibility is
        reused; otherwise the pipeline runs once to get it)."""
        entries = list(journal) if journal is not None else journal_of(call)
        self.entries = entries
        self.call = call
        base = with_journal(call, entries)
        g = base.grid.grid
        if Mode(g.resolved_mode()) != Mode.SCORED:
            raise ValueError("a batch needs a scored grid")
        self.grid = g
        cfg = base.config
        self.how = cfg.aggregator or g.effective_aggregator()
        self.renormalise = cfg.missing == "renormalise"
        self.min_ratings = cfg.min_ratings
        self.require_consensus = cfg.require_consensus
        table = call.table
        self.ids = [d.id for d in call.dossiers]
        self.criterion_ids = list(table.criterion_ids)
        self.assessor_ids = list(table.assessor_ids)
        criteria = g.criteria()
        self.scoring = [c for c in criteria if not c.eliminatory]
        col = {cid: i for i, cid in enumerate(self.criterion_ids)}
        self.scoring_cols = [col[c.id] for c in self.scoring]
        scoring_mask = np.zeros(len(self.criterion_ids), dtype=bool)
        scoring_mask[self.scoring_cols] = True
        # -- the consensus values of call.yaml and of the journal, by (dossier, column)
        dmap = dossier_index(table)
        self.consensus: dict[int, list[tuple[int, float | None]]] = {}
        for (did, cid), (v, _why) in consensus_values(cfg, base.grid).items():
            if did in dmap and cid in col:
                self.consensus.setdefault(dmap[did], []).append((col[cid], v))
        self._agreed = np.zeros(max(len(self.ids), len(table.dossier_ids)), dtype=bool)
        self._agreed[list(self.consensus)] = True
        # -- the usable rows of scoring criteria (not n/a, not empty, not a déport)
        d = np.asarray(table.dossier, dtype=np.int64)
        c = np.asarray(table.criterion, dtype=np.int64)
        v = np.asarray(table.value, dtype=np.float64)
        na = np.asarray(table.na, dtype=bool)
        conflicted = conflicted_rows(table, conflict_pairs(table, cfg.conflicts))
        scoring_rows = scoring_mask[c] if len(c) else np.zeros(0, dtype=bool)
        keep = scoring_rows & ~conflicted & ~na & ~np.isnan(v)
        kd, ka, kc, kv = d[keep], np.asarray(table.assessor, np.int64)[keep], c[keep], v[keep]
        # rows by (dossier, assessor, criterion): one combined key, sorted only if needed
        order_key = (kd * max(1, len(self.assessor_ids)) + ka) * max(1, len(self.criterion_ids)) \
            + kc
        if len(order_key) > 1 and bool((order_key[1:] < order_key[:-1]).any()):
            order = np.argsort(order_key, kind="stable")
            kd, ka, kc, kv = kd[order], ka[order], kc[order], kv[order]
        self.rows = Rows(np.arange(len(self.ids), dtype=np.int64), kd, ka, kc, kv)
        self.distinct = getattr(table, "distinct_values", None)
        # -- what no variant changes: eligibility, money, short on eliminatory criteria
        # eligibility does not depend on the journal's decisions: the result's is the same
        fixed: Sequence[Any] = (result.dossiers if result is not None else
                                propose(call, Scenario(journal=entries, decisions=False)))
        at = {s.id: s.eligible for s in fixed}
        self.eligible = [at[i] for i in self.ids]
        self._eligible = np.array([e is True for e in self.eligible], dtype=bool)
        elim_cols = [i for i, cid in enumerate(self.criterion_ids) if not scoring_mask[i]]
        self.elim_short = np.zeros(len(self.ids), dtype=bool)
        if elim_cols and self.min_ratings:
            full = cell_stats(table, g, self.how, conflict_pairs(table, cfg.conflicts),
                              {(di, ci): val for di, cells in self.consensus.items()
                               for ci, val in cells}, self.min_ratings)
            self.elim_short = full.short[:, elim_cols].any(axis=1)
        self.rules = rules_of(base)
        self.money = money_many([dos.facts for dos in call.dossiers], cfg)
        #: the criteria read from a dossier fact, never resampled (:func:`with_facts`)
        self.fact_columns = fact_columns(g, [dos.facts for dos in call.dossiers])
        self.facts = [deep_frozen(dos.facts) if self.rules.constraints else EMPTY
                      for dos in call.dossiers]
        tie_breaks = tie_breaks_of(base)
        self.tie_refs = [(*tb.by.partition(":")[::2], tb.count) for tb in tie_breaks]
        self.orders: list[str] = [str(tb.order) for tb in tie_breaks]
        self.ties_vary = any(kind in ("section", "criterion") for kind, _, _ in self.tie_refs)
        self.fixed_ties = [self._ties(i, {}, {}) for i in range(len(self.ids))]
        #: stage 1 of the call as it is: the scoring criteria's values, and too few ratings
        self.base_values, self.base_short = self.aggregate(self.rows)
        self.base = self.judge(self.rows, values=self.base_values, short=self.base_short)
        self._order: list[int] | None = None
        self._without: tuple[int, Without] = (-1, Without([], 0))
        self._placed: dict[tuple[int, tuple[Any, ...]], bool | None] = {}
        self._places: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self._proposal: Proposal | None = None
        self._ranks: list[int] = []
        self._walk_hint = 64
        #: the share of the budget left below which ``skip`` walks only what can fit
        self._rest_share = 0.1
        r = self.rules
        self._skips = (r.rule == "skip" and r.budget is not None and r.top is None
                       and not r.partial and not r.constraints)
        self._chain: Chain | None = None
        self._position: dict[int, int] = {}
        self._own: tuple[int, Chain | None] = (-1, None)
        self._plan: tuple[arrays.Plan | None] | None = None  # made on first use
        self._lean: tuple[list[bool], list[float]] = ([], [])
        self._composite: tuple[tuple[Any, Any, Any, Any] | None] | None = None
        self._fast: dict[int, tuple[Judged, list[tuple[Any, ...] | None]]] = {}

    # ------------------------------------------------------------- stages 1, 3
    def _ties(self, i: int, sections: Mapping[str, Any], values: Mapping[str, Any]) -> list[Any]:
        facts = self.call.dossiers[i].facts
        criteria = {cid: SimpleNamespace(value=val) for cid, val in values.items()}
        return [_tie_value(kind, ref, count, sections, criteria, facts)
                for kind, ref, count in self.tie_refs]

    def block(self, origin: Any, picks: Any, *, value: Any = None,
              lengths: Any = None) -> Rows:
        """A block whose row ``k`` stands for dossier ``origin[k]`` and holds the base rating
        rows ``picks[k]`` (an array of indices into :attr:`rows`), values optionally replaced.
        With ``lengths``, ``picks`` is one array: block row ``k``'s ``lengths[k]`` rows
        after those of the rows before it."""
        if lengths is None:
            lengths = np.array([len(p) for p in picks], dtype=np.int64)
            idx = np.concatenate(picks) if len(picks) else np.zeros(0, dtype=np.int64)
        else:
            lengths = np.asarray(lengths, dtype=np.int64)
            idx = np.asarray(picks, dtype=np.int64)
        r = self.rows
        return Rows(np.asarray(origin, dtype=np.int64),
                    np.repeat(np.arange(len(lengths), dtype=np.int64), lengths),
                    r.assessor[idx], r.criterion[idx],
                    r.value[idx] if value is None else np.asarray(value, dtype=np.float64))

    def aggregate(self, rows: Rows) -> tuple[Any, Any]:
        """Stage 1 over a block: (values of the scoring criteria, too few ratings)."""
        return self._scoring_values(self._stats(rows), rows.origin)

    def _stats(self, rows: Rows, own: Mapping[int, Sequence[tuple[int, float | None]]]
               | None = None) -> Any:
        """:func:`.aggregate.cell_stats` of a block (``own``: :meth:`_consensus_of`'s)."""
        n = len(rows.origin)
        table = _Table(range(n), self.criterion_ids, self.assessor_ids, rows.dossier,
                       rows.assessor, rows.criterion, rows.value,
                       np.zeros(len(rows.dossier), dtype=bool), self.distinct)
        return cell_stats(table, self.grid, self.how, set(),
                          self._consensus_of(rows.origin, own), self.min_ratings,
                          self.require_consensus, extremes=False)

    def rater_rows(self, group: Any, n_groups: int) -> RaterRows | None:
        """:attr:`rows` summed by ``group`` (a group index per row: each dossier's raters,
        as sensitivity's draws resample them): :func:`.aggregate.rater_rows`."""
        return rater_rows(group, self.rows.criterion, self.rows.value, n_groups, self.grid,
                          self.how, self.distinct)

    def aggregate_raters(self, rr: RaterRows, origin: Any, chosen: Any, owner: Any
                         ) -> tuple[Any, Any] | None:
        """Stage 1 over a block whose row ``k`` stands for dossier ``origin[k]`` and holds
        the rating rows of the groups ``chosen[j]`` where ``owner[j] == k`` (``owner``
        ascending): what :meth:`aggregate` gives for those rows, or None where it must
        be asked (:func:`.aggregate.rater_stats`)."""
        cs = rater_stats(rr, chosen, owner, len(origin), self.grid, self.how,
                         self._consensus_of(origin), self.min_ratings, self.require_consensus)
        return None if cs is None else self._scoring_values(cs, origin)

    def _consensus_of(self, origin: Any, own: Mapping[int, Sequence[tuple[int, float | None]]]
                      | None = None) -> dict[tuple[int, int], float | None]:
        """The consensus values of the block rows standing for a dossier that has some.

        ``own``: some dossiers' consensus values (by dossier index: (column, value) pairs,
        a value None being none) in place of the call's: a variant's consensus change (the
        minutes' « sans ce consensus », :meth:`with_consensus`), the one place a variant
        changes one; stage 1 then makes of them what it makes of the call's."""
        consensus: dict[tuple[int, int], float | None] = {}
        if self.consensus or own:
            agreed = self._agreed[origin]
            if own:
                agreed = agreed | np.isin(origin, list(own))
            for k in np.flatnonzero(agreed).tolist():
                o = int(origin[k])
                for ci, val in (own[o] if own is not None and o in own else self.consensus[o]):
                    consensus[(k, ci)] = val
        return consensus

    def _scoring_values(self, cs: Any, origin: Any) -> tuple[Any, Any]:
        """(values of the scoring criteria, too few ratings) of a block's statistics."""
        cs = with_facts(cs, self.fact_columns, origin)
        short = cs.short[:, self.scoring_cols].any(axis=1) | self.elim_short[origin]
        if cs.consensus_missing is not None:  # require_consensus: not ranked, as in score()
            short = short | cs.consensus_missing[:, self.scoring_cols].any(axis=1)
        return cs.value[:, self.scoring_cols], short

    def judge(self, rows: Rows, grid: Grid | None = None, *, values: Any = None,
              short: Any = None, weights: Sequence[Grid] = ()) -> Judged:
        """Stages 1 and 3 over a block (``values``/``short``: stage 1 already done).

        ``grid``: the call's grid with other weights.  ``weights``: as many grids (the
        call's with other weights) as the block has equal parts, part ``k`` judged with
        ``weights[k]``: many weight draws in one pass of :func:`.judge.scored_many`."""
        if values is None:
            values, short = self.aggregate(rows)
        return self._judged(rows.origin, values, short, grid, weights)

    def _judged(self, origin_a: Any, values: Any, short: Any, grid: Grid | None,
                weights: Sequence[Grid]) -> Judged:
        """Stage 3 of :meth:`judge`: block row ``k`` stands for dossier ``origin_a[k]``."""
        g = grid if grid is not None else self.grid
        scoring = self.scoring if grid is None else [
            c for c in g.criteria() if not c.eliminatory]
        eff, ranking_eff = (self._stacked_weights(weights, len(origin_a)) if weights
                            else (effective_weights(g, scoring), None))
        origin = origin_a.tolist()
        short_l = short.tolist()
        ties: list[list[Any]]
        if self.ties_vary:  # tie-breaks on section scores or criteria: the records
            outcomes = scored_many(g, scoring, values, renormalise=self.renormalise,
                                   eff=eff, ranking_eff=ranking_eff)
            cids = [c.id for c in scoring]
            vals = np.where(np.isnan(values), np.nan, values).tolist()
            ties = [self._ties(o, mo.sections, {
                cid: (None if x != x else x) for cid, x in zip(cids, row, strict=True)})
                for o, mo, row in zip(origin, outcomes, vals, strict=True)]
            return Judged(origin_a, [mo.total for mo in outcomes],
                          [mo.key for mo in outcomes],
                          [self.eligible[o] is True and mo.rankable and not s
                           for o, mo, s in zip(origin, outcomes, short_l, strict=True)], ties)
        # otherwise the columns are enough (no record per row: 1,000 draws are 1,000 x
        # the call's dossiers); the same values as the records' (scored_many reads them)
        sc = scored_columns(g, scoring, values, renormalise=self.renormalise, eff=eff,
                            ranking_eff=ranking_eff)
        return self._judged_of(origin_a, sc.total, sc.key,
                               self._rankable(origin_a, sc, short))

    def _rankable(self, origin: Any, sc: Any, short: Any) -> Any:
        """Judged rankable, enough ratings, and eligible: by block row."""
        return sc.rankable & ~short & self._eligible[origin]

    def _judged_of(self, origin: Any, total: Any, key: Any, rankable: Any) -> Judged:
        """The records of :class:`Judged` from the columns (fixed tie-break values)."""
        totals = nan_as_none(total)
        return Judged(origin, totals, [(k,) if t is not None else () for t, k in zip(
            totals, key.tolist(), strict=True)], rankable.tolist(),
            [self.fixed_ties[o] for o in origin.tolist()])

    def _stacked_weights(self, grids: Sequence[Grid], n_rows: int
                         ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Each criterion's weight row by row when part ``k`` of ``n_rows`` rows is judged
        with ``grids[k]``; the ranking weights too when a grid ranks with other weights
        (a grid that does not gets its plain weights there: the same ranking key)."""
        part = n_rows // len(grids)
        if part * len(grids) != n_rows:
            raise ValueError("a block of weight draws has one equal part per grid")
        ids = [c.id for c in self.scoring]
        plain = [effective_weights(g, self.scoring) for g in grids]
        eff = {cid: np.repeat(np.array([p[cid] for p in plain], dtype=np.float64), part)
               for cid in ids}
        if not any(ranks_differently(g) for g in grids):
            return eff, None
        ranking = [effective_weights(g, self.scoring, ranking=True) if ranks_differently(g)
                   else p for g, p in zip(grids, plain, strict=True)]
        return eff, {cid: np.repeat(np.array([r[cid] for r in ranking], dtype=np.float64), part)
                     for cid in ids}

    # ------------------------------------------------------------- stages 4, 5
    def propose(self, judged: Judged | None = None, at: Mapping[int, int] | None = None,
                base: Judged | None = None) -> Proposal:
        """Rank and select the call: dossier ``i`` takes row ``at[i]`` of ``judged``
        (every other dossier its row of ``base``, default the call's own ratings)."""
        b = base if base is not None else self.base
        n = len(self.ids)
        total = list(b.total)
        key = b.key
        rankable = b.rankable
        ties = b.ties
        replaced: dict[int, int] = dict(at or {})
        if judged is not None and replaced:
            key, rankable, ties = list(key), list(rankable), list(ties)
            for i, k in replaced.items():
                total[i] = judged.total[k]
                key[i] = judged.key[k]
                rankable[i] = judged.rankable[k]
                ties[i] = judged.ties[k]
        if all(len(k) == 1 for k, r in zip(key, rankable, strict=True) if r):
            fast = self._in_arrays(np.array([k[0] if len(k) == 1 else np.nan for k in key],
                                            dtype=np.float64), np.array(rankable, dtype=bool))
            if fast is not None:
                rank_a, sel = fast
                return Proposal(total, [r or None for r in rank_a.tolist()],
                                [_SELECTED[x] for x in sel.tolist()])
        ids = self.ids
        entries = [RankEntry(ids[i], key[i], ties[i]) for i in range(n) if rankable[i]]
        ordered = rank(entries, self.orders)
        ranks: list[int | None] = [None] * n
        pos = {did: i for i, did in enumerate(ids)} if n else {}
        order_i = [pos[e.id] for e in ordered]
        for e, i in zip(ordered, order_i, strict=True):
            ranks[i] = e.rank
        selected: list[bool | None] = [None] * n
        if self.rules.selecting:
            walked = self._walk_top(order_i, ranks)
            for i in range(n):
                if rankable[i] and self.money[i][3]:
                    selected[i] = None
                else:
                    selected[i] = walked.get(i, False)
        return Proposal(total, ranks, selected)

    # ------------------------------------------------- one consensus changed
    def with_consensus(self, i: int, criterion: str, value: float | None
                       ) -> tuple[Status, int | None]:
        """Dossier ``i``'s proposed status and rank when its consensus on the scoring
        criterion ``criterion`` is ``value`` (None: none, the jurors' aggregate, short of
        ratings or missing a required consensus as stage 1 says), everything else the
        call's: its rating rows judged alone (stages 1 and 3, :meth:`_consensus_of`), the
        call ranked and walked with that row in place (:meth:`propose`), the status by the
        engine's rule (:func:`.status.status`) with « incomplet » as stage 3 says it
        (:func:`.status.incomplete`) and the reserve by
        :func:`.select.reserve_list`.  Not for an eliminatory criterion (eligibility is
        held fixed) nor portfolio constraints with a reserve (the reserve then reads the
        places held): the caller runs :func:`.propose` there."""
        lo, hi = np.searchsorted(self.rows.dossier, [i, i + 1]).tolist()
        rows = self.block([i], [np.arange(lo, hi, dtype=np.int64)])
        ci = self.criterion_ids.index(criterion)
        own = [(c, v) for c, v in self.consensus.get(i, []) if c != ci]
        cs = self._stats(rows, {i: [*own, (ci, value)]})
        values, short = self._scoring_values(cs, rows.origin)  # facts put in cs too
        judged = self._judged(rows.origin, values, short, None, ())
        missing = cs.consensus_missing is not None and bool(
            cs.consensus_missing[0, self.scoring_cols].any())
        p = self.propose(judged, {i: 0})
        selected, rank_i = p.selected[i], p.rank[i]
        reserve = False
        if self.rules.reserve > 0 and selected is False and rank_i is not None:
            # the pool the walk's reserve reads (ranked, not selected), in rank order, up
            # to i's group: the groups after it do not decide whether i is in the reserve
            pool = sorted((r, j) for j, (r, s) in enumerate(zip(p.rank, p.selected,
                                                                strict=True))
                          if r is not None and r <= rank_i and s is False)
            reserve = self.ids[i] in reserve_list(
                (self._cand(j, r) for r, j in pool), self.rules, [])[0]
        return status(eligible=self.eligible[i],
                      incomplete=incomplete(judged.total[0] is None, missing),
                      rankable=judged.rankable[0], selecting=self.rules.selecting,
                      amount_unknown=self.money[i][3], selected=selected,
                      reserve=reserve), rank_i

    # ------------------------------------------------------ many draws at once
    def draws(self, origin: Any, values: Any, short: Any, weights: Sequence[Grid] = ()
              ) -> Iterator[tuple[Any, Any]]:
        """The jury's proposal of each draw of a block of draws (the block is equal parts,
        each the call's dossiers in order; stage 1 done: ``values``, ``short``; part
        ``k`` judged with ``weights[k]`` when given): for each draw, in order, (taken:
        bool by dossier, rank: int32 by dossier, 0 when not ranked), what
        :meth:`propose` gives (selected is True, rank).

        The rank and walk of each draw are the engine's rules in array form
        (:mod:`.arrays`), or the engine's own where :meth:`_in_arrays` says so."""
        n = len(self.ids)
        parts = len(origin) // n if n else 0
        if self._array_plan() is None:  # the engine's rank + walk per draw (_in_arrays)
            judged = self._judged(origin, values, short, None, weights)
            for k in range(parts):
                yield self._taken_ranks(self.propose(base=_part(judged, k, n)))
            return
        eff, ranking_eff = (self._stacked_weights(weights, len(origin)) if weights
                            else (effective_weights(self.grid, self.scoring), None))
        sc = scored_columns(self.grid, self.scoring, values, renormalise=self.renormalise,
                            eff=eff, ranking_eff=ranking_eff)
        rankable = self._rankable(origin, sc, short)
        for k in range(parts):
            part = slice(k * n, (k + 1) * n)
            fast = self._in_arrays(sc.key[part], rankable[part])
            if fast is None:
                yield self._taken_ranks(self.propose(base=self._judged_of(
                    origin[part], sc.total[part], sc.key[part], rankable[part])))
                continue
            yield fast[1] == arrays.TAKEN, fast[0]

    def _in_arrays(self, key: Any, rankable: Any) -> tuple[Any, Any] | None:
        """The jury's proposal of one ranking key per dossier by the engine's rank and walk
        in array form (:mod:`.arrays`): (rank: int32 by dossier, 0 when not ranked; the
        walk's answer: int8 by dossier, :data:`.arrays.TAKEN`...).

        THE place where the array path is left for the engine's ``rank`` + ``walk``
        (None: the caller runs them): a call whose shape the array path does not cover
        (:func:`.arrays.plan` says which: constraints, tie-breaks on scores, tie values
        that do not compare consistently, amounts that are not whole euros), and a
        ranking whose keys come within EPS of each other without being equal
        (:func:`.arrays.rank_draw`)."""
        p = self._array_plan()
        if p is None:
            return None
        ranked = arrays.rank_draw(key, rankable, p)
        if ranked is None:
            return None
        order, ranks = ranked
        n = len(self.ids)
        rank = np.zeros(n, dtype=np.int32)
        rank[order] = ranks
        return rank, arrays.walk_draw(order, ranks, n, p)

    @staticmethod
    def _taken_ranks(out: Proposal) -> tuple[Any, Any]:
        n = len(out.selected)
        return (np.fromiter((s is True for s in out.selected), dtype=bool, count=n),
                np.fromiter((r or 0 for r in out.rank), dtype=np.int32, count=n))

    def _walk_top(self, order: list[int], ranks: list[int | None]) -> dict[int, bool | None]:
        """The engine's walk of the ranking ``order`` (dossier indices): each walked
        dossier's selection; a dossier not in the answer is not selected.

        Why not simply ``walk`` of the whole ranking: 1,000 draws of a national call
        walk 20,000 dossiers each, while the line is usually in the first few hundred.
        Without constraints the walk is online (what it does with a group of equal rank
        depends only on the groups before it, see :meth:`_step`) and, once it has
        stopped, takes nothing more: walking the first groups only gives them the
        selection the whole walk gives them, and every later dossier is not selected.
        So the first groups are walked, more of them (four times as many) until the
        walk stops within them; the whole ranking with constraints (minimums look down
        the whole ranking).  ``skip`` never stops: once nine tenths of the money are
        given, the rest of the ranking is walked without what cannot fit
        (:meth:`_walk_rest`)."""
        n = len(order)
        size = n if self.rules.constraints else min(n, self._walk_hint)
        while True:
            while 0 < size < n and ranks[order[size]] == ranks[order[size - 1]]:
                size += 1  # a whole group of equal rank, never part of one
            head = order[:size]
            w = walk([Candidate(self.ids[i], ranks[i] or 0, self.money[i][1], self.money[i][2],
                                self.facts[i]) for i in head], self.rules,
                     explain=False)
            if size >= n or w.stopped:
                self._walk_hint = max(self._walk_hint, 2 * size)
                return {i: w.picks[self.ids[i]].selected for i in head}
            if self._skips and less(self.rules.budget or 0.0, w.spent) <= (
                    self._rest_share * (self.rules.budget or 0.0)):  # most money is given
                self._walk_hint = max(self._walk_hint, size)
                return self._walk_rest(order, ranks, head, w)
            size *= 4

    def _walk_rest(self, order: list[int], ranks: list[int | None], head: list[int],
                   w: Walk) -> dict[int, bool | None]:
        """``skip`` (no ``top``, no partial grants, no constraints) after the first groups:
        the rest of the ranking walked by the engine from where they left it, without the
        lone dossiers that cannot fit in what is left.  Such a dossier is left out and
        skipped, and the walk goes on unchanged (the money left only shrinks), so its
        answer is "not selected" and dropping it changes nothing for the others; groups of
        equal rank are all kept (together they may fit, or be undecided at the line)."""
        out = {i: w.picks[self.ids[i]].selected for i in head}
        left = less(self.rules.budget or 0.0, w.spent) + 1.0  # a margin: kept ones are walked
        keep: list[int] = []
        n, pos = len(order), len(head)
        while pos < n:
            end = pos + 1
            while end < n and ranks[order[end]] == ranks[order[pos]]:
                end += 1
            i = order[pos]
            amount = self.money[i][1]
            if end - pos > 1 or (self.money[i][2] and amount is not None and amount <= left):
                keep.extend(order[pos:end])
            pos = end
        rest = walk([Candidate(self.ids[i], ranks[i] or 0, self.money[i][1], self.money[i][2],
                               self.facts[i]) for i in keep], self.rules,
                    [Held("", w.spent)] if w.selected else [], explain=False)
        out.update((i, rest.picks[self.ids[i]].selected) for i in keep)
        return out


def _part(j: Judged, k: int, n: int) -> Judged:
    """Part ``k`` (of ``n`` rows) of a block of draws."""
    part = slice(k * n, (k + 1) * n)
    return Judged(j.origin[part], j.total[part], j.key[part], j.rankable[part], j.ties[part])


__all__ = ["Batch", "Judged", "Proposal", "Rows"]
