"""One dossier's rating changed: where it lands in the call's ranking, and whether it is
selected there (the zone grise's one-level moves), without a whole rank and walk per move.

:class:`Moves` is the part of :class:`~isgrid.engine.batch.Batch` that answers
:meth:`Moves.selected_if`; a Batch is a Moves.  The rule stays the engine's: the walk
is :func:`.select.walk` of one group of equal rank from the state the groups before it
leave (chained once, :class:`.chain.Chain`), or its array form :func:`.arrays.step`
(see the comment above :meth:`Moves._step`, and docs/engine.md §8).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..vocabulary import EPS
from . import arrays
from .chain import Chain, State, Without
from .rank import Entry as RankEntry
from .rank import compare, rank
from .select import Candidate, Held, Rules, Walk, walk


@dataclass(frozen=True)
class Judged:
    """Stages 1 and 3 for the rows of a block, one entry per block row."""

    origin: Any
    total: list[float | None]
    key: list[tuple[float, ...]]
    rankable: list[bool]  # judged rankable, enough ratings, and eligible
    ties: list[list[Any]]  # tie-break values


@dataclass(frozen=True)
class Proposal:
    """The jury's proposal for one variant, by dossier index (:attr:`Batch.ids`)."""

    total: list[float | None]
    rank: list[int | None]
    selected: list[bool | None]


#: :meth:`Moves._alone`'s answer when the whole rank and walk is needed
_WHOLE = object()


class Moves:
    """One-level moves of a :class:`~isgrid.engine.batch.Batch` (module docstring)."""

    # what Moves reads of the Batch it is (set by Batch.__init__)
    ids: list[str]
    base: Judged
    rules: Rules
    money: list[Any]
    facts: list[Any]
    orders: list[str]
    ties_vary: bool
    fixed_ties: list[list[Any]]
    _order: list[int] | None
    _ranks: list[int]
    _position: dict[int, int]
    _without: tuple[int, Without]
    _chain: Chain | None
    _own: tuple[int, Chain | None]
    _placed: dict[tuple[int, tuple[Any, ...]], bool | None]
    _places: dict[tuple[Any, ...], tuple[Any, ...]]
    _proposal: Proposal | None
    _plan: tuple[arrays.Plan | None] | None
    _lean: tuple[list[bool], list[float]]
    _composite: tuple[tuple[Any, Any, Any, Any] | None] | None
    _fast: dict[int, tuple[Judged, list[tuple[Any, ...] | None]]]

    if TYPE_CHECKING:
        def propose(self, judged: Judged | None = None, at: Mapping[int, int] | None = None,
                    base: Judged | None = None) -> Proposal: ...

    # ------------------------------------------------- one dossier changed
    def place(self, i: int, judged: Judged, k: int) -> tuple[Any, ...]:
        """Where dossier ``i`` with row ``k`` of ``judged`` goes in the base ranking.

        Only ``i`` changes, so the ranking is the others' (in their base order) with
        ``i`` inserted: its position and whether it ties with its neighbours
        decide every rank, hence the walk.  Found by bisection, each comparison
        being :func:`.rank.compare`, the order :func:`.rank.rank` sorts by; returned as a hashable place
        (``("out",)`` when ``i`` is not ranked)."""
        if not judged.rankable[k]:
            return ("out",)
        others = self._others(i)
        key, ties, did = judged.key[k], judged.ties[k], self.ids[i]

        def versus(j: int) -> tuple[bool, bool]:
            """(``i`` comes before the j-th other, they tie): the ranking's own order."""
            o = others[j]
            c, tie = compare(RankEntry(did, key, ties), RankEntry(
                self.ids[o], self.base.key[o], self.base.ties[o]), self.orders)
            return c < 0, tie
        lo, hi = 0, len(others)
        while lo < hi:
            mid = (lo + hi) // 2
            if versus(mid)[0]:
                hi = mid
            else:
                lo = mid + 1
        return (lo, lo > 0 and versus(lo - 1)[1], lo < len(others) and versus(lo)[1])

    def _places_of(self, judged: Judged) -> list[tuple[Any, ...] | None]:
        """:meth:`place` of every row of ``judged`` (row ``k`` moving dossier
        ``judged.origin[k]``) at once, by arrays; None for a row left to :meth:`place`.

        When the call is the array path's (:func:`.arrays.plan`: tie-break values that
        compare consistently) and the base ranking's neighbours' keys are exactly equal
        or more than EPS apart, the ranking's order (:func:`.rank.compare`) is the
        order of (key, descending; place in the tie-break order): a strict total order
        in which a bisection finds what ``numpy.searchsorted`` finds.  A row whose new
        key comes within EPS of a key of the ranking without being equal is left to
        :meth:`place` (the tolerance would decide)."""
        got = self._fast.get(id(judged))
        if got is not None and got[0] is judged:
            return got[1]
        out: list[tuple[Any, ...] | None] = [None] * len(judged.total)
        base = self._base_order()
        if base is not None:
            out = self._search(judged, *base)
        if judged is not self.base:
            self._fast = {k: v for k, v in self._fast.items() if v[0] is self.base}
        self._fast[id(judged)] = (judged, out)
        return out

    def _base_order(self) -> tuple[Any, Any, Any, Any] | None:
        """The base ranking as arrays when its order is the composite one (:meth:`_places_of`):
        (keys in rank order, distinct keys best first, composite keys, tie classes in rank
        order), else None."""
        if self._composite is None:
            self._composite = (None,)
            p = self._array_plan()
            order, _ = self._ranking()
            if p is not None and all(len(self.base.key[j]) == 1 for j in order):
                keys = np.array([self.base.key[j][0] for j in order], dtype=np.float64)
                gap = keys[:-1] - keys[1:]
                if not np.isnan(keys).any() and bool(((gap == 0) | (gap > EPS)).all()):
                    new = np.ones(len(keys), dtype=bool)
                    new[1:] = gap != 0
                    level = 2 * (np.cumsum(new) - 1)  # the rank of each distinct key, even
                    idx = np.array(order, dtype=np.int64)
                    composite = level * (len(self.ids) + 1) + p.tiepos[idx]
                    if bool((np.diff(composite) > 0).all()):
                        self._composite = ((keys, keys[new], composite, p.tieclass[idx]),)
        return self._composite[0]

    def _search(self, judged: Judged, keys: Any, distinct: Any, composite: Any,
                classes: Any) -> list[tuple[Any, ...] | None]:
        """:meth:`_places_of` for a base ranking whose order is the composite one."""
        p = self._array_plan()
        assert p is not None
        origin = np.asarray(judged.origin, dtype=np.int64)
        rows = len(origin)
        ranked = np.array(judged.rankable, dtype=bool) & np.array(
            [len(k) == 1 for k in judged.key], dtype=bool)
        new = np.array([k[0] if len(k) == 1 else np.nan for k in judged.key], dtype=np.float64)
        ranked &= ~np.isnan(new)
        out: list[tuple[Any, ...] | None] = [
            None if r else ("out",) for r in judged.rankable]
        if not ranked.any() or not len(keys):
            return out
        m = len(keys)
        pos = self._positions()
        q = np.array([pos.get(o, m) for o in origin.tolist()], dtype=np.int64)
        neg = -distinct  # ascending
        x = -new
        a = np.searchsorted(neg, x, side="left")
        at = np.minimum(a, len(neg) - 1)
        exact = (a < len(neg)) & (neg[at] == x)
        # a key between two distinct keys must be more than EPS from both
        above = np.where(a > 0, np.abs(neg[np.maximum(a - 1, 0)] - x), np.inf)
        below = np.where(a < len(neg), np.abs(neg[at] - x), np.inf)
        clean = exact | ((above > EPS) & (below > EPS))
        level = np.where(exact, 2 * a, 2 * a - 1)
        mine = level * (len(self.ids) + 1) + p.tiepos[origin]
        full = np.searchsorted(composite, mine, side="left")
        lo = full - (q < full)
        size = m - (q < m)  # the ranking without the moved dossier
        before = np.where(lo - 1 < q, lo - 1, lo)  # base positions of its neighbours
        after = np.where(lo < q, lo, lo + 1)
        cls = p.tieclass[origin]
        b = np.clip(before, 0, m - 1)
        f = np.clip(after, 0, m - 1)
        tie_before = (lo > 0) & (keys[b] == new) & (classes[b] == cls)
        tie_after = (lo < size) & (keys[f] == new) & (classes[f] == cls)
        for k, ok, lo_k, tb, ta in zip(range(rows), (ranked & clean).tolist(), lo.tolist(),
                                       tie_before.tolist(), tie_after.tolist(), strict=True):
            if ok:
                out[k] = (lo_k, tb, ta)
        return out

    def _ranking(self) -> tuple[list[int], list[int]]:
        """The base ranking: dossier indices in rank order, and their ranks."""
        if self._order is None:
            entries = [RankEntry(self.ids[j], self.base.key[j], self.base.ties[j])
                       for j in range(len(self.ids)) if self.base.rankable[j]]
            at = {did: j for j, did in enumerate(self.ids)}
            ordered = rank(entries, self.orders)
            self._order = [at[e.id] for e in ordered]
            self._ranks = [e.rank or 0 for e in ordered]
        return self._order, self._ranks

    def _positions(self) -> dict[int, int]:
        """Each ranked dossier's position in the base ranking."""
        if not self._position:
            self._position = {j: x for x, j in enumerate(self._ranking()[0])}
        return self._position

    def _others(self, i: int) -> Without:
        """The base ranking's dossiers (indices, in rank order) without ``i``."""
        order, _ = self._ranking()
        if self._without[0] != i:
            self._without = (i, Without(order, self._positions().get(i, len(order))))
        return self._without[1]

    # ---------------------------------------- the walk, one group at a time
    # Why a trick, and why it is the engine's rule: sensitivity asks, for every
    # one-level move of every dossier near the line (tens of thousands of moves
    # in a national call), whether *that* dossier is selected.  A whole rank and
    # walk per move is quadratic.  Without portfolio constraints the walk is
    # online: what it does with a group of equal rank depends on the groups
    # before it only through what they took (money spent, number of dossiers)
    # and whether it stopped; and ``walk(before + group)`` gives the group what
    # ``walk(group, held=[what before took])`` gives it, since held money and
    # places are spent first exactly as taken ones are (exact decimal sums,
    # ``money.add``; ``top`` counts places).  So the state before every group of
    # the base ranking is computed once, by the engine's ``walk`` chained group
    # by group, and a moved dossier's selection is ``walk`` of its own
    # one-dossier group from the state where it lands; one that ties with a
    # neighbour, of that neighbour's group with it (:meth:`_tied`).  Any call with
    # constraints (minimums look down the whole ranking) takes the whole rank and
    # walk instead.  Checked against
    # ``score(call, scenario)`` on seeded random calls (tests/engine/test_batch.py).
    def _step(self, state: State, group: list[Candidate]) -> tuple[State, Walk]:
        """The engine's walk of one group of equal rank from ``state``."""
        _stopped, spent, count = state
        rules = self.rules
        held = [Held("", spent)] if count else []
        if count and rules.top is not None:  # the one held entry stands for ``count`` places
            rules = dataclasses.replace(rules, top=rules.top - count + 1)
        w = walk(group, rules, held, explain=False)
        return (w.stopped, w.spent, count + len(w.selected)), w

    def _cand(self, j: int, r: int) -> Candidate:
        return Candidate(self.ids[j], r, self.money[j][1], self.money[j][2], self.facts[j])

    def _group(self, state: State, members: Sequence[int]) -> tuple[State, list[bool | None]]:
        """The walk of one group of equal rank (dossier indices) from ``state`` (not
        stopped): the state after it and each member's selection.  The engine's
        :meth:`_step` (:func:`.select.walk`); when the call is the array path's
        (:func:`.arrays.plan`), its array form :func:`.arrays.step`, the same rule
        on whole euros without a record per dossier (a national zone grise walks
        hundreds of thousands of groups)."""
        p = self._array_plan()
        if p is None:
            after, w = self._step(state, [self._cand(j, 1) for j in members])
            return after, [w.picks[self.ids[j]].selected for j in members]
        usable, need = self._lean
        free = 0
        total = 0.0
        for j in members:
            if usable[j]:
                free += 1
                total += need[j]
        stopped, spent, count, what = arrays.step(state[1], state[2], free, total, p.rules)
        got = _SELECTED[what]
        return (stopped, spent, count), [got if usable[j] else False for j in members]

    def _array_plan(self) -> arrays.Plan | None:
        """:func:`.arrays.plan` of the call, made once."""
        if self._plan is None:
            p = arrays.plan(self.ids, None if self.ties_vary else self.fixed_ties,
                            self.orders, self.money, self.rules)
            self._plan = (p,)
            if p is not None:
                self._lean = (p.usable.tolist(), p.need.tolist())
        return self._plan[0]

    def _state_before(self, i: int, lo: int) -> State | None:
        """The walk's state where ``i`` lands at position ``lo`` of the ranking without it,
        None when ``lo`` is inside a group of equal rank."""
        order, ranks = self._ranking()
        if self._chain is None:
            self._chain = Chain(self, order, ranks, (False, 0.0, 0), 0)
        q = self._positions().get(i)
        s0 = q
        while s0 is not None and s0 > 0 and ranks[s0 - 1] == ranks[s0]:
            s0 -= 1  # the start of i's group in the base ranking
        if q is None or s0 is None or lo <= s0:  # before i's own group: the base ranking's
            return self._chain.state_at(lo)
        alone = s0 == q and (q + 1 == len(order) or ranks[q + 1] != ranks[q])
        if alone and self._chain.state_at(q) == self._chain.state_at(q + 1):
            # i alone in its group took nothing and stopped nothing (left out, skipped):
            # the state is all the walk carries, so without i the walk after it is the
            # base walk's, one position earlier
            return self._chain.state_at(lo + 1)
        if self._own[0] != i:  # from i's group on, without i: chained for this dossier
            start = self._chain.state_at(s0)
            assert start is not None  # s0 starts a group
            self._own = (i, Chain(self, Without(order, q, s0), Without(ranks, q, s0), start,
                                  s0))
        chain = self._own[1]
        assert chain is not None
        return chain.state_at(lo)

    def _alone(self, i: int, where: tuple[Any, ...]) -> bool | object | None:
        """Dossier ``i``'s selection at place ``where`` by the walk of its own group
        (comment above), or :data:`_WHOLE` when the whole walk is needed."""
        if not self.rules.selecting or self.rules.constraints:
            return _WHOLE
        if where == ("out",):
            return False
        if self.money[i][3]:  # ranked, amount unknown: à vérifier, as in propose()
            return None
        lo, tie_before, tie_after = where
        if tie_before or tie_after:
            return self._tied(i, lo, tie_before, tie_after)
        state = self._state_before(i, lo)
        if state is None:
            return _WHOLE
        if state[0]:
            return False
        return self._group(state, [i])[1][0]

    def _tied(self, i: int, lo: int, before: bool, after: bool) -> bool | object | None:
        """:meth:`_alone` when ``i`` lands at ``lo`` tied with its neighbour(s): it joins
        their group of equal rank, and its selection is the engine's walk of that whole
        group (``i`` in its place) from the state before the group.  The ranking's groups
        are runs of neighbours that tie (:func:`.rank.rank`): when ``i`` would join a
        group without tying the neighbour on its other side inside it, or join two
        groups, it is left to the whole walk."""
        others = self._others(i)
        _, ranks = self._ranking()
        position = self._positions()

        def rank_at(x: int) -> int:
            return ranks[position[others[x]]]

        s = lo - 1 if before else lo
        group = rank_at(s)
        start, end = s, s + 1
        while start > 0 and rank_at(start - 1) == group:
            start -= 1
        while end < len(others) and rank_at(end) == group:
            end += 1
        if (before and after and not lo < end) or (before and not after and end != lo) or (
                after and not before and start != lo):
            return _WHOLE
        state = self._state_before(i, start)
        if state is None:
            return _WHOLE
        if state[0]:
            return False
        members = [*others[start:lo], i, *others[lo:end]]
        return self._group(state, members)[1][lo - start]

    def selected_if(self, i: int, judged: Judged, k: int) -> bool | None:
        """Dossier ``i``'s selection when only its row changes to row ``k`` of ``judged``:
        one rank and walk per distinct place (:meth:`place`), cached."""
        entry = (i, judged.rankable[k], judged.key[k], repr(judged.ties[k]))
        if entry not in self._places:  # the same ranking entry: the same place
            fast = self._places_of(judged)[k]
            self._places[entry] = fast if fast is not None else self.place(i, judged, k)
        where = (i, self._places[entry])
        if where not in self._placed:
            home_fast = self._places_of(self.base)[i]
            home = (i, home_fast if home_fast is not None else self.place(i, self.base, i))
            if home not in self._placed:  # its own place: the call's ranking, the call's walk
                if self._proposal is None:
                    self._proposal = self.propose()
                self._placed[home] = self._proposal.selected[i]
            if where not in self._placed:
                alone = self._alone(i, where[1])
                self._placed[where] = (self.propose(judged, {i: k}).selected[i]
                                       if alone is _WHOLE else alone)  # type: ignore[assignment]
        return self._placed[where]


#: :func:`.arrays.step`'s answers as the walk's selections
_SELECTED: dict[int, bool | None] = {arrays.TAKEN: True, arrays.OUT: False,
                                     arrays.UNDECIDED: None}
