"""What the selection holds, counted as the portfolio constraints read it, kept running.

The walk's maximums and minimums (:func:`isgrid.engine.select.blocker`, the minimums of
:func:`isgrid.engine.select.walk`) ask of the dossiers held how many match a constraint's
fact and value, how many hold each value of a fact (a maximum per distinct value: one
dossier per holder) and the money of those matching an envelope.  Counted again over every
dossier held for each candidate, a national call's proposal (20,000 candidates, 6,000
places) did 10⁸ fact lookups, and so did every freed place of a séance; :class:`Tallies`
keeps the counts as dossiers are put in and taken out, each dossier's facts read once.
The rules stay where they are: this module only counts (``count``, ``holding``, ``money``
are the sums those rules wrote, the money an exact :class:`~isgrid.engine.money.Tally`,
read as :func:`~isgrid.engine.money.add` gives it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..call.blocks import Envelope, MaxCount, MinCount, fact_values
from ..call.blocks import _norm as norm
from .money import Tally


class _Held(Protocol):
    @property
    def amount(self) -> float: ...

    @property
    def facts(self) -> Any: ...


class Tallies:
    """The counts of the dossiers held that ``constraints`` read (module docstring): those
    put in this one, and those of the tallies ``below`` it, read through and never
    changed (the places a séance holds, under what one walk takes)."""

    __slots__ = ("_counts", "_facts", "_money", "_seen", "_values", "below")

    def __init__(self, constraints: Iterable[MinCount | MaxCount | Envelope],
                 held: Iterable[_Held] = (), below: Sequence[Tallies] = ()) -> None:
        self.below = tuple(below)
        #: each dossier's facts as the constraints read them (:meth:`facts_of`), shared
        #: with the tallies below and the copies (a séance reads the same candidates at
        #: every freed place)
        self._seen: dict[int, tuple[Any, dict[str, list[str]]]] = (
            self.below[0]._seen if self.below else {})
        #: (fact, value as text): the dossiers held matching it
        self._counts: dict[tuple[str, str], int] = {}
        #: a fact: for each of its values, the dossiers held that have it
        self._values: dict[str, Counter[str]] = {}
        #: (fact, value as text): the money of the dossiers held matching it
        self._money: dict[tuple[str, str], Tally] = {}
        for k in constraints:
            if isinstance(k, Envelope):
                self._money.setdefault((k.fact, norm(k.value)), Tally())
            elif isinstance(k, MaxCount) and k.value is None:
                self._values.setdefault(k.fact, Counter())
            else:
                self._counts.setdefault((k.fact, norm(k.value)), 0)
        self._facts = sorted({f for f, _ in self._counts} | set(self._values)
                             | {f for f, _ in self._money})
        if self._facts:  # no constraint reads a fact: nothing to count (``put`` either)
            for h in held:
                self.put(h)

    def copy(self) -> Tallies:
        t = Tallies((), below=self.below)
        t._seen = self._seen
        t._counts = dict(self._counts)
        t._values = {f: Counter(c) for f, c in self._values.items()}
        t._money = {key: m.copy() for key, m in self._money.items()}
        t._facts = self._facts
        return t

    def put(self, h: _Held, sign: int = 1) -> None:
        """``h`` is held now (``sign`` -1: no longer, :meth:`take`)."""
        if not self._facts:
            return
        vals = self.facts_of(h.facts)
        for key in self._counts:
            if key[1] in vals[key[0]]:
                self._counts[key] += sign
        for f, counter in self._values.items():
            for v in set(vals[f]):
                counter[v] += sign
        for key, m in self._money.items():
            if key[1] in vals[key[0]]:
                if sign > 0:
                    m.put(h.amount)
                else:
                    m.take(h.amount)

    def facts_of(self, facts: Any) -> dict[str, list[str]]:
        """``fact_values`` of ``facts`` for each fact the constraints read, worked out once
        per mapping (kept with it, so that its id is never another's)."""
        got = self._seen.get(id(facts))
        if got is None or got[0] is not facts:
            got = self._seen[id(facts)] = (facts, {f: fact_values(facts, f)
                                                   for f in self._facts})
        return got[1]

    def matches(self, facts: Any, fact: str, value: Any) -> bool:
        """``fact_matches``: ``fact`` of these facts is ``value`` (any item of a list)."""
        return norm(value) in self.facts_of(facts)[fact]

    def take(self, h: _Held) -> None:
        self.put(h, -1)

    def count(self, fact: str, value: Any) -> int:
        """The dossiers held whose ``fact`` is ``value`` (any item of a list)."""
        key = (fact, norm(value))
        return self._counts[key] + sum(b.count(fact, value) for b in self.below)

    def holding(self, fact: str, v: str) -> int:
        """The dossiers held with ``v`` among the values of ``fact``."""
        return self._values[fact][v] + sum(b.holding(fact, v) for b in self.below)

    def money(self, fact: str, value: Any) -> float:
        """The money of the dossiers held whose ``fact`` is ``value``: ``add`` of it."""
        return self._tally((fact, norm(value))).total()

    def _tally(self, key: tuple[str, str]) -> Tally:
        """The money of ``key`` here and below, as one exact sum."""
        own = self._money[key]
        if not self.below:
            return own
        t = own.copy()
        for b in self.below:
            t.put_all(b._tally(key))
        return t


class Picked(list[Any]):
    """Dossiers held, as a list, with their :class:`Tallies` kept as the list grows and
    shrinks at its end (``append``, ``pop``: what the walk does)."""

    __slots__ = ("tallies",)

    def __init__(self, constraints: Iterable[MinCount | MaxCount | Envelope],
                 held: Iterable[_Held] = (), tallies: Tallies | None = None) -> None:
        super().__init__(held)
        self.tallies = tallies if tallies is not None else Tallies(constraints, self)

    def append(self, h: Any) -> None:
        super().append(h)
        self.tallies.put(h)

    def pop(self, index: Any = -1) -> Any:
        h = super().pop(index)
        self.tallies.take(h)
        return h


def tallies_of(constraints: Iterable[MinCount | MaxCount | Envelope],
               held: Sequence[_Held]) -> Tallies:
    """The tallies ``held`` keeps (a :class:`Picked`, or places read through that carry
    theirs), else counted now."""
    kept = getattr(held, "tallies", None)
    return kept if isinstance(kept, Tallies) else Tallies(constraints, held)
