"""The walk group by group, as the analyses read it (engine/batch.py): the walk's state
before each group of equal rank of a ranking, and a ranking without one dossier.

Why it is the engine's rule and not a copy: the comment above
:meth:`isgrid.engine.moves.Moves._step`; every step is :func:`.select.walk` of one group,
or its array form :func:`.arrays.step` (:meth:`isgrid.engine.moves.Moves._group`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any, Protocol

#: the walk's state between two groups of equal rank: (stopped, money spent, places taken)
State = tuple[bool, float, int]


class Steps(Protocol):
    """What a :class:`Chain` walks with: the engine's walk of one group from a state."""

    def _group(self, state: State, members: Sequence[int]
               ) -> tuple[State, list[bool | None]]: ...


class Without(Sequence[int]):
    """A ranking (a list of dossier indices, or their ranks) from position ``start`` on,
    without the one at position ``skip``, read in place: a national call asks for it
    once per dossier near the line, and a copy of 20,000 indices each time would make
    the zone grise quadratic."""

    def __init__(self, order: Sequence[int], skip: int, start: int = 0) -> None:
        self.order, self.skip, self.start = order, skip - start, start
        self.size = len(order) - start - (1 if start <= skip < len(order) else 0)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, x: Any) -> Any:
        if isinstance(x, slice):
            return [self[y] for y in range(*x.indices(self.size))]
        if not 0 <= x < self.size:
            raise IndexError(x)
        return self.order[self.start + (x if x < self.skip else x + 1)]


class Chain:
    """The walk's states before each group of equal rank of ``members`` (dossier indices
    in rank order, ``ranks`` theirs), from ``start``, computed as far as asked; positions
    count from ``offset`` (see the comment above :meth:`.moves.Moves._step`)."""

    def __init__(self, batch: Steps, members: Sequence[int], ranks: Sequence[int], start: State,
                 offset: int) -> None:
        self.batch, self.members, self.ranks, self.offset = batch, members, ranks, offset
        self.at: list[int] = []
        self.states: list[State] = []
        self.pos = 0
        self.state = start

    def state_at(self, lo: int) -> State | None:
        """The state before position ``lo``; None when ``lo`` is inside a group."""
        m, r = self.members, self.ranks
        while self.offset + self.pos < lo and self.pos < len(m) and not self.state[0]:
            pos = self.pos
            end = pos + 1
            while end < len(m) and r[end] == r[pos]:
                end += 1
            self.at.append(self.offset + pos)
            self.states.append(self.state)
            self.state, _ = self.batch._group(self.state, [m[x] for x in range(pos, end)])
            self.pos = end
        here = self.offset + self.pos
        if lo == here or (lo > here and self.state[0]):  # stopped: nothing after is taken
            return self.state
        x = bisect.bisect_left(self.at, lo)
        return self.states[x] if x < len(self.at) and self.at[x] == lo else None
