"""What the selection walk (:mod:`isgrid.engine.select`) reads and returns: the ranked
candidates, the dossiers held before it, the call's selection rules, and its answer for
each dossier (a pick, the choice that explains it) and for each portfolio constraint.

Records only, no rule: :mod:`.select` re-exports every name (``from .select import
Candidate`` keeps working), so the walk's module holds the walk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..call.blocks import Envelope, MaxCount, MinCount
from ..vocabulary import num
from .frozen import record
from .reasons import RANK, Reason, Reasons, said
from .reasons import note as reasons_note


@record
class ConstraintStatus:
    id: str
    kind: str
    label: str
    fact: str
    value: Any
    target: Any
    actual: float | int
    met: bool
    infeasible: bool
    #: why it is not met (an infeasible minimum, a constraint the decisions broke), as
    #: data (:mod:`isgrid.engine.reasons`); () when it is met
    reasons: tuple[Reason, ...]
    #: an infeasible minimum: the ranked dossiers matching it that no money can go to
    #: (below the minimum grant, amount unknown), in rank order
    unusable: tuple[str, ...] = ()

    @property
    def note(self) -> Reasons | None:
        """The reasons in words (a :class:`~isgrid.messages.Message` value: ``said`` in a
        language), None without any."""
        return reasons_note(self.reasons)

    def to_json(self, lang: str = "fr") -> dict[str, Any]:
        """As data, its words (``label``, ``note``) in ``lang``."""
        target = dict(self.target) if isinstance(self.target, Mapping) else self.target
        words = self.note
        return {"id": self.id, "kind": self.kind, "label": said(self.label, lang),
                "fact": self.fact, "value": self.value, "target": target,
                "actual": num(self.actual), "met": self.met, "infeasible": self.infeasible,
                "note": said(words, lang) if words is not None else None,
                "unusable": list(self.unusable),
                "reasons": [r.to_json() for r in self.reasons]}


@record
class Choice:
    """Why the walk took or left a ranked dossier (portfolio constraints)."""

    dossier: str
    selected: bool | None
    why: str  # "constraint:<id>", "rank", "budget", "max:<id>", "line", "top", "tie"
    over: tuple[str, ...] = ()
    #: the same, with what its sentence names (:mod:`isgrid.engine.reasons`)
    reason: Reason = RANK

    @property
    def text(self) -> str:
        """The reason in words (a :class:`~isgrid.messages.Message`: ``said`` in a
        language)."""
        from .reasons import message

        return message(self.reason)

    def to_json(self, lang: str = "fr", words: dict[int, str] | None = None
                ) -> dict[str, Any]:
        """As data, its ``text`` in ``lang``; ``words``: the texts already said, by reason
        (the walk shares one reason between the dossiers it leaves out for the same cause:
        a national call's thousands of choices are said a few times, not each)."""
        if words is None:
            text = said(self.text, lang)
        elif (text := words.get(id(self.reason))) is None:  # type: ignore[assignment]
            text = words[id(self.reason)] = said(self.text, lang)
        return {"dossier": self.dossier, "selected": self.selected, "why": self.why,
                "over": list(self.over), "text": text}


Constraint = MinCount | MaxCount | Envelope


@record
class Candidate:
    """A ranked dossier as the walk sees it."""

    id: str
    rank: int
    amount: float | None  # the proposed amount; None when it cannot be computed
    selectable: bool  # False: amount unknown, or below the minimum grant
    facts: Mapping[str, Any] = field(default_factory=dict)


@record
class Held:
    """A dossier in the selection before the walk, with the money it holds."""

    id: str
    amount: float
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rules:
    """How the call selects (call.yaml's ``budget``, ``selection``, ``funding``...)."""

    budget: float | None = None
    top: int | None = None
    rule: str = "rank-order"
    partial: bool = False
    minimum: float | None = None
    #: ``funding.round``: a partial grant is rounded down to it, as every computed amount
    step: float | int = 0.01
    reserve: int = 0
    constraints: tuple[Constraint, ...] = ()

    @property
    def selecting(self) -> bool:
        """A line exists: a budget or a number of laureates."""
        return self.budget is not None or self.top is not None


@record
class Pick:
    """What the walk did with one candidate."""

    selected: bool | None
    reserve: bool
    amount: float | None  # the money it would receive (a partial grant: what was left)
    flags: tuple[str, ...] = ()
    choice: Choice | None = None


@dataclass(frozen=True, slots=True)
class Walk:
    picks: Mapping[str, Pick]
    selected: tuple[str, ...]  # walked dossiers taken, in rank order (held ones not included)
    reserve: tuple[str, ...]
    spent: float  # held money included
    #: the funding line: the rank of the first dossier left out below the last one taken
    #: in rank order (where the walk stopped; with ``skip``, ``top`` reached, or after a
    #: partial grant, the first rank after the last dossier the ranking took): nothing at
    #: or below it is taken but what a minimum took; None when nothing is left below
    line: int | None
    constraints: tuple[ConstraintStatus, ...] = ()
    infeasible: tuple[str, ...] = ()
    #: ``skip``: dossiers above the line left out because they did not fit the envelope
    skipped: tuple[str, ...] = ()
    #: the walk stopped (a line was reached): no dossier after it in the ranking is taken
    stopped: bool = False
    #: the dossiers left out because ``top`` places were taken (their choice's ``why`` is
    #: ``top``), in rank order; () with ``explain=False``
    beyond_top: tuple[str, ...] = ()
