"""The dossiers the journal touched, carried from one entry to the next by the replay.

:func:`isgrid.engine.decide.decide` reads, at each entry of the journal, every dossier's
outcome, the places held and their money (its module docstring says the rules, which stay
there: :meth:`Touched.one`, :meth:`Touched.held_place` and the in-the-end amount are the
replay's ``one``, ``held_place`` and ``in_the_end``, :class:`isgrid.engine.replay.Replay`).
A dossier nothing recorded, never promoted nor taken at the line keeps the proposal's
reading at every entry; the others (*touched*) change only when the replay passes one of
their own entries, their promotion or the line's settlement on them.  :class:`Touched` keeps their reading at one entry (``at``, which only
moves forward) and works out again, at each move, only the dossiers whose reading the
entries passed may change: a journal of E entries costs E steps, not E² (a national call's
séance refusing a thousand dossiers, each voted over after, took 23 s for a 2-second score).

It also keeps, as they change, what the replay reads of them at each freed place: the places
held with their money (``plain``: the amount granted at the entry; ``end``: the amount
decided in the end), the exact sum of the money the places hold (``money``, a
:class:`~isgrid.engine.money.Tally`: the untouched places and ``end``), the touched
candidates the reserve may take while undecided (``pool``, in rank order) and those decided
``réserve`` (``reserved``).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from ..call.blocks import Envelope, MaxCount
from ..call.journal import Entry
from .journaled import AJOURNE, RESERVE, RETENU, Journal, Proposed, effective, granted_amount
from .money import Tally
from .select import Candidate, Constraint, Held, blocker
from .tallies import Tallies

#: a dossier's outcome and effective entry at one entry of the journal
Reading = tuple[str | None, "Entry | None"]


class _State(dict[str, Reading]):
    """Each dossier's outcome and effective entry at one entry of the journal: the
    dossiers worked out (what this dict holds), the others read from ``base`` (the
    proposal's, or another state this one changes) without being copied."""

    __slots__ = ("base",)

    def __init__(self, base: Mapping[str, Reading], changed: dict[str, Reading]) -> None:
        super().__init__(changed)
        self.base = base

    def __missing__(self, key: str) -> Reading:
        return self.base[key]


class Touched:
    """The touched dossiers' reading just before one entry of the journal (module
    docstring).  ``promoted_at`` and ``taken_at`` are the replay's own dictionaries: it
    calls :meth:`touch` on each dossier it adds to them."""

    def __init__(self, proposal: Sequence[Proposed], cands: Sequence[Candidate],
                 journal: Journal, promoted_at: Mapping[str, tuple[int, str]],
                 taken_at: Mapping[str, int], facts: Mapping[str, Mapping[str, Any]],
                 constraints: Sequence[Constraint] = (), *,
                 by_id: Mapping[str, Proposed] | None = None,
                 index: Mapping[str, int] | None = None) -> None:
        # ``by_id`` and ``index``: the replay's own, when it has made them (read only)
        self.by_id = by_id if by_id is not None else {p.id: p for p in proposal}
        self.cands = cands
        # rank order
        self.index = index if index is not None else {c.id: k for k, c in enumerate(cands)}
        self.journal = journal
        self.promoted_at = promoted_at
        self.taken_at = taken_at
        self.facts = facts
        base: dict[str, Reading] = {p.id: (p.outcome, None) for p in proposal}
        self.now = _State(base, {})
        #: the places the proposal holds, of the dossiers not touched
        self.base_held = {p.id: Held(p.id, float(p.proposed or 0.0), facts.get(p.id, {}))
                          for p in proposal if p.outcome == RETENU}
        self.money = Tally(h.amount for h in self.base_held.values())
        #: with constraints, the places' counts (:mod:`.tallies`), kept as ``money`` is:
        #: the untouched places and ``end``; and the untouched places and ``plain``
        self.tallies: Tallies | None = None
        self.plain_tallies: Tallies | None = None
        if constraints:
            self.tallies = Tallies(constraints, self.base_held.values())
            self.plain_tallies = self.tallies.copy()
        self.plain: dict[str, Held] = {}
        self.end: dict[str, Held] = {}
        self.pool: list[int] = []  # rank indexes, sorted
        self.reserved: set[str] = set()
        self.ids: set[str] = set()
        # the candidates the reserve may take while untouched: not retained, not withdrawn
        self._base_pool = [c for c in cands if base[c.id][0] not in (RETENU, "retiré")]
        self._head = 0  # base_pool before it is touched, all of it
        self._open: list[int] | None = None  # with maximums: see _set_aside
        if any(isinstance(k, MaxCount | Envelope) for k in constraints):
            self._set_aside(tuple(constraints))
        # (seq, id): the dossier's reading may change once the replay is past seq
        self._events: list[tuple[int, str]] = [(e.seq, e.dossier) for e in journal.entries]
        heapq.heapify(self._events)
        self.seq: int | None = journal.entries[0].seq if journal.entries else None
        self._started = False

    # -- the rules read per dossier (engine/decide.py's docstring)
    def one(self, p: Proposed, seq: int | None) -> Reading:
        """One dossier's outcome (and effective entry) just before entry ``seq``."""
        eff = effective(self.journal.before(p.id, seq))
        prom = self.promoted_at.get(p.id)
        if prom is not None and (seq is None or prom[0] < seq) and (
                eff is None or (eff.seq < prom[0] and eff.outcome == RESERVE)):
            return RETENU, None
        if eff is not None:
            return "retiré" if eff.kind == "withdrawal" else eff.outcome, eff
        taken = self.taken_at.get(p.id)
        if taken is not None and (seq is None or taken < seq):
            return RETENU, None  # the tie at the line settled on it
        return p.outcome, None

    def held_place(self, p: Proposed, seq: int | None) -> bool:
        """Whether ``p`` held a place of the selection just before entry ``seq``: retained
        then, or postponed (``ajourné``) while it held one: a postponement keeps the place
        for the committee's later decision, which frees it when it refuses."""
        outcome, eff = self.one(p, seq)
        while outcome == AJOURNE and eff is not None:
            outcome, eff = self.one(p, eff.seq)
        return outcome == RETENU

    def in_the_end(self, h: Held, seq: int | None) -> Held:
        """The place ``h`` held just before entry ``seq`` with the money decided for it in
        the end when nothing but decisions retaining it follows (its amount lowered or
        raised later: the later reduction frees money for the place as a later grant
        spends it): what was decided counts whatever the order in which it was recorded."""
        later = [x for x in self.journal.per.get(h.id, ())
                 if seq is not None and x.seq >= seq]
        if later and all(x.kind == "decision" and x.outcome == RETENU for x in later):
            mine = self.journal.before(h.id, None)
            g = granted_amount(mine, effective(mine), self.by_id[h.id].proposed)
            return Held(h.id, float(g or 0.0), h.facts)
        return h

    # -- the reading carried
    def at(self, seq: int | None) -> _State:
        """The state just before entry ``seq`` (None: after the journal); ``seq`` never
        goes back."""
        events = self._events
        if not self._started:
            self._started = True
            self.seq = seq
            while events and (seq is None or events[0][0] < seq):
                heapq.heappop(events)  # worked out at seq below
            for i in self.journal.per:
                self.touch(i)
            return self.now
        if seq == self.seq:
            return self.now
        assert self.seq is not None and (seq is None or seq > self.seq), \
            "the replay's state only moves forward"
        self.seq = seq
        moved: set[str] = set()
        while events and (seq is None or events[0][0] < seq):
            moved.add(heapq.heappop(events)[1])
        for i in moved:
            self._work_out(i)
        return self.now

    def touch(self, i: str, at: int | None = None) -> None:
        """``i`` is recorded, promoted or taken at the line (at entry ``at``): its reading
        is worked out now, and again once the replay is past ``at``."""
        if not self._started:
            self.at(self.seq)
        if i not in self.ids:
            self.ids.add(i)
            h = self.base_held.pop(i, None)
            if h is not None:
                self.money.take(h.amount)
                if self._open is not None:
                    self._take_back(h)
                if self.tallies is not None and self.plain_tallies is not None:
                    self.tallies.take(h)
                    self.plain_tallies.take(h)
        if at is not None and self.seq is not None and at >= self.seq:
            heapq.heappush(self._events, (at, i))
        self._work_out(i)

    def _work_out(self, i: str) -> None:
        p = self.by_id[i]
        seq = self.seq
        outcome, eff = self.now[i] = self.one(p, seq)
        g: float | None = None
        holds = False
        if outcome == RETENU:
            g, holds = granted_amount(self.journal.before(i, seq), eff, p.proposed), True
        elif outcome == AJOURNE and self.held_place(p, seq):
            # postponed while retained: its place, and the money it held, are kept for
            # the committee's later decision (never offered to another freed place)
            g, holds = granted_amount(self.journal.before(i, seq), None, p.proposed), True
        old = self.end.pop(i, None)
        if old is not None:
            self.money.take(old.amount)
            if self.tallies is not None:
                self.tallies.take(old)
        old = self.plain.pop(i, None)
        if old is not None and self.plain_tallies is not None:
            self.plain_tallies.take(old)
        if holds:
            h = self.plain[i] = Held(i, float(g or 0.0), self.facts.get(i, {}))
            end = self.end[i] = self.in_the_end(h, seq)
            self.money.put(end.amount)
            if self.tallies is not None and self.plain_tallies is not None:
                self.tallies.put(end)
                self.plain_tallies.put(h)
        k = self.index.get(i)
        if k is None:
            return
        at = bisect.bisect_left(self.pool, k)
        inside = at < len(self.pool) and self.pool[at] == k
        if eff is None and outcome not in (RETENU, "retiré"):
            if not inside:
                self.pool.insert(at, k)
                self._file(k, True)
        elif inside:
            del self.pool[at]
            self._file(k, False)
        if eff is not None and outcome == RESERVE:
            self.reserved.add(i)
        else:
            self.reserved.discard(i)

    def _set_aside(self, constraints: tuple[Constraint, ...]) -> None:
        """The untouched candidates a maximum blocks, set aside from the reserve's reading.
        The reserve (``select.reserve_list``) reads the pool up to the first dossiers no
        maximum blocks; above the line the pool holds every dossier the proposal left out
        for a maximum, which every freed place read again (the journal's length times the
        call's size).  Each reading of the places held holds the untouched places: a
        dossier a maximum per distinct value (one per holder) blocks on them alone is
        blocked in every reading until the journal touches one of them
        (:meth:`_take_back`); the dossiers matching a maximum with a value or an envelope
        are read together only when that maximum lets in the one of them asking least
        (:meth:`untouched_pool`).  What is set aside is what the reserve would pass over:
        the rule stays ``select.blocker``'s."""
        self._base_tallies = Tallies(constraints, self.base_held.values())
        base = Places(tallies=self._base_tallies)
        self._per_value = tuple(k for k in constraints
                                if isinstance(k, MaxCount) and k.value is None)
        grouped = [k for k in constraints if (isinstance(k, MaxCount) and k.value is not None)
                   or (isinstance(k, Envelope) and k.max_amount is not None)]
        members: dict[str, list[int]] = {k.id: [] for k in grouped}
        self._open = []
        self._parked: dict[tuple[str, str], list[int]] = {}
        self._parked_ids: set[int] = set()
        # the touched pool read the same way (:meth:`_file`): by rank index, the group
        # each candidate of a group is in, and the touched candidates read one by one
        self._group_of: dict[int, str] = {}
        self._j_of = {self.index[c.id]: j for j, c in enumerate(self._base_pool)}
        self._touched_open: list[int] = []
        self._touched_groups: dict[str, list[int]] = {k.id: [] for k in grouped}
        t = self._base_tallies
        for j, c in enumerate(self._base_pool):
            g = next((k for k in grouped if t.matches(c.facts, k.fact, k.value)), None)
            if g is not None:
                members[g.id].append(j)
                self._group_of[self.index[c.id]] = g.id
                continue
            b = next((k for k in self._per_value
                      if blocker(c.facts, c.amount or 0.0, (k,), base) is not None), None)
            if b is None:
                self._open.append(j)
                continue
            self._parked_ids.add(j)
            for v in t.facts_of(c.facts)[b.fact]:
                self._parked.setdefault((b.id, v), []).append(j)
        # each group with the one of its dossiers asking least: blocked, all are
        self._groups = [(k, js, min((self._base_pool[j] for j in js),
                                    key=lambda c: c.amount or 0.0))
                        for k in grouped if (js := members[k.id])]

    def _take_back(self, h: Held) -> None:
        """An untouched place ``h`` is touched: the dossiers set aside for the values it
        held (:meth:`_set_aside`) are read again."""
        assert self._open is not None
        self._base_tallies.take(h)
        for k in self._per_value:
            for v in self._base_tallies.facts_of(h.facts)[k.fact]:
                for j in self._parked.pop((k.id, v), ()):
                    if j in self._parked_ids:
                        self._parked_ids.discard(j)
                        bisect.insort(self._open, j)
                        k_ = self.index[self._base_pool[j].id]
                        at = bisect.bisect_left(self.pool, k_)
                        if at < len(self.pool) and self.pool[at] == k_:  # touched, pooled
                            bisect.insort(self._touched_open, k_)

    def untouched_pool(self, held: Tallies | None = None) -> Iterator[Candidate]:
        """The candidates the reserve may take that nothing touched, in rank order; with
        ``held``, the tallies of the places the reserve is read with (the untouched ones
        among them), without those a maximum blocks there (:meth:`_set_aside`)."""
        pool, ids = self._base_pool, self.ids
        if self._open is not None and held is not None:
            reading = Places(tallies=held)
            streams: list[Iterable[int]] = [self._open]
            for k, js, least in self._groups:
                if blocker(least.facts, least.amount or 0.0, (k,), reading) is None:
                    streams.append(js)
            return (pool[j] for j in heapq.merge(*streams) if pool[j].id not in ids)
        while self._head < len(pool) and pool[self._head].id in ids:
            self._head += 1
        return (pool[k] for k in range(self._head, len(pool)) if pool[k].id not in ids)

    def _file(self, k: int, pooled: bool) -> None:
        """The touched candidate of rank index ``k`` enters the pool (``pooled``) or
        leaves it: with maximums, filed as :meth:`_set_aside` files the untouched ones (in
        its group, set aside while a maximum per distinct value blocks it on the untouched
        places alone, else read one by one).  The touched pool holds every undecided
        dossier the journal decides later: read whole at every freed place, it made a
        séance under maximums quadratic in its journal (docs/performance.md, thirty-fifth
        pass)."""
        if self._open is None:
            return
        g = self._group_of.get(k)
        j = self._j_of.get(k)
        if g is not None:
            into = self._touched_groups[g]
        elif j is not None and j in self._parked_ids:
            return  # set aside: _take_back files it when the place blocking it is touched
        else:
            into = self._touched_open
        if pooled:
            bisect.insort(into, k)
        else:
            del into[bisect.bisect_left(into, k)]

    def touched_pool(self, held: Tallies | None = None) -> Iterator[Candidate]:
        """The touched candidates the reserve may take, undecided, in rank order; with
        ``held`` (as :meth:`untouched_pool`), without those a maximum blocks there."""
        if self._open is None or held is None:
            return (self.cands[k] for k in self.pool)
        reading = Places(tallies=held)
        streams: list[Iterable[int]] = [self._touched_open]
        for k, _, least in self._groups:
            if blocker(least.facts, least.amount or 0.0, (k,), reading) is None:
                streams.append(self._touched_groups[k.id])
        return (self.cands[k] for k in heapq.merge(*streams))


class Places(Sequence[Held]):
    """Places held read through (the untouched ones, the touched ones, the grants spent
    later), never copied: a walk reads only how many there are and is handed their money
    (:func:`isgrid.engine.select.walk`'s ``held_money``) and, with constraints, their
    ``tallies`` (:mod:`.tallies`, what the maximums and minimums count of them)."""

    __slots__ = ("parts", "tallies")

    def __init__(self, *parts: Collection[Held], tallies: Tallies | None = None) -> None:
        self.parts = parts
        self.tallies = tallies

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def __iter__(self) -> Iterator[Held]:
        return itertools.chain.from_iterable(self.parts)

    @overload
    def __getitem__(self, k: int) -> Held: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[Held]: ...

    def __getitem__(self, k: int | slice) -> Held | Sequence[Held]:
        return list(self)[k]
