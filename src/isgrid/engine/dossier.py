"""A dossier's records in the :class:`~isgrid.engine.result.Result`: the engine's proposal
(:class:`Proposal`), the decisions recorded for it (:class:`Decision`, a
:class:`StageDecision` per stage, their :class:`Votes`) and the dossier as the result holds
it (:class:`DossierResult`); :class:`Standing` is a dossier in :func:`isgrid.engine.propose`'s
answer.  Split from ``result.py`` at the modules' size limit; ``isgrid.engine.result``
exports them as before."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import Status, num
from .eligibility import unknown_keys
from .frozen import record
from .maps import EMPTY, Amounts, Cell, Cells
from .maps import plain as _plain
from .status import is_proposed, vote_stands


@record
class Proposal:
    """What the engine proposes for a dossier, before any decision."""

    status: str
    selected: bool | None
    reserve: bool
    outcome: str | None  # as an outcome: retenu, réserve, non retenu, or None (not chosen)


@record
class Standing:
    """A dossier in the jury's proposal, as :func:`isgrid.engine.propose` gives it:
    ``status`` is the proposal's (a result's ``computed.status``: the same rule, before
    the journal's decisions)."""

    id: str
    total: float | None
    rank: int | None
    selected: bool | None
    eligible: bool | None
    status: str


@dataclass(frozen=True, slots=True)
class Votes:
    """The counts of a vote recorded with a decision (``isgrid decide --votes``)."""

    pour: int
    contre: int
    abstention: int

    def to_json(self) -> dict[str, int]:
        return {"pour": self.pour, "contre": self.contre, "abstention": self.abstention}


@dataclass(frozen=True, slots=True)
class StageDecision:
    """The decision recorded for a dossier at one stage (the latest entry of that stage).

    ``motivation``: the decision's motivation, communicable (the applicant's letter
    quotes it); ``reason`` is the journal's internal note and never reaches a letter.
    ``votes``: the counts of the vote, when recorded.  ``reference``: a vote's own
    deliberation (``isgrid decide --stage vote --reference``), None when the journal
    does not record one (``meeting.vote``'s is the dossier's: see
    :func:`isgrid.documents.deliberation.deliberation`)."""

    outcome: str
    amount: float | None
    by: str
    reason: str
    seq: int
    at: str | None
    overridden: bool
    motivation: str | None = None
    votes: Votes | None = None
    reference: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "amount": num(self.amount), "by": self.by,
                "reason": self.reason, "seq": self.seq, "at": self.at,
                "overridden": self.overridden, "motivation": self.motivation,
                "votes": self.votes.to_json() if self.votes is not None else None,
                "reference": self.reference}


@record
class Decision:
    """A dossier's decisions (docs/decisions.md): computed, proposed, decided per stage."""

    computed: str | None
    proposed: str | None
    stages: Mapping[str, StageDecision] = field(default_factory=lambda: EMPTY)
    outcome: str | None = None
    stage: str | None = None
    by: str | None = None
    reason: str | None = None
    seq: int | None = None
    replaces: str | None = None
    #: who was proposed in the place it freed (the latest): one reserve dossier, or the
    #: members of the tie at the funding line taken together (docs/decisions.md)
    replaced_by: tuple[str, ...] = ()

    @property
    def motivation(self) -> str | None:
        """The motivation of the latest stage that records one (vote before jury...)."""
        for stage in reversed(tuple(self.stages)):
            if self.stages[stage].motivation:
                return self.stages[stage].motivation
        return None

    @property
    def votes(self) -> Votes | None:
        """The counts of the latest stage whose decision records a vote."""
        for stage in reversed(tuple(self.stages)):
            if self.stages[stage].votes is not None:
                return self.stages[stage].votes
        return None

    def to_json(self) -> dict[str, Any]:
        # motivation and votes as the typed result reads them (the latest stage that has
        # one): a script reads them here and does not re-implement that rule
        votes = self.votes
        return {"computed": self.computed, "proposed": self.proposed,
                "stages": {k: v.to_json() for k, v in self.stages.items()},
                "motivation": self.motivation,
                "votes": votes.to_json() if votes is not None else None,
                "outcome": self.outcome, "stage": self.stage, "by": self.by,
                "reason": self.reason, "seq": self.seq, "replaces": self.replaces,
                "replaced_by": list(self.replaced_by)}


@record
class DossierResult:
    id: str
    title: str
    status: str
    eligible: bool | None
    eligibility: Mapping[str, str]
    complete: bool
    total: float | None
    verdict: str | None
    profile: Mapping[str, Any] | None
    checklist: Mapping[str, Any] | None
    rank: int | None
    selected: bool | None
    reserve: bool
    amounts: Amounts
    criteria: Mapping[str, Cell]
    sections: Mapping[str, float | None]
    flags: tuple[str, ...]
    computed: Proposal
    decision: Decision
    #: scored, when the grid's ranking weights differ from its weights: the total the
    #: ranking uses (``total`` keeps the plain weights, which floors and threshold read)
    ranking_total: float | None = None

    def to_json(self, cells: dict[int, Any] | None = None) -> dict[str, Any]:
        """The dossier as the result JSON writes it.  ``cells`` (a cache, for writing at
        once): the result's own read-only dicts are used as they are, and decisions' JSON
        is built once per distinct decision; without it every dict is a new one."""
        if cells is not None:  # the result's own read-only values, as they are (str and tuple kinds)
            return {
                "id": self.id, "title": self.title, "status": self.status,
                "eligible": self.eligible, "eligibility": self.eligibility,
                "complete": self.complete, "total": self.total, "verdict": self.verdict,
                "profile": _plain(self.profile) if self.profile else None,
                "checklist": _plain(self.checklist) if self.checklist else None,
                "rank": self.rank, "selected": self.selected, "reserve": self.reserve,
                "amounts": self.amounts, "sections": self.sections,
                "criteria": self.criteria.encoded(cells) if isinstance(self.criteria, Cells)
                else self.criteria,
                "flags": self.flags, "decision": self._decision_json(cells),
            } | self._ranking_json()
        return {
            "id": self.id, "title": self.title, "status": str(self.status),
            "eligible": self.eligible,
            "eligibility": dict(self.eligibility),
            "complete": self.complete, "total": self.total, "verdict": self.verdict,
            "profile": _plain(self.profile) if self.profile else None,
            "checklist": _plain(self.checklist) if self.checklist else None,
            "rank": self.rank, "selected": self.selected, "reserve": self.reserve,
            "amounts": self.amounts.to_json(),
            "criteria": {cid: dict(c) for cid, c in self.criteria.items()},
            "sections": dict(self.sections),
            "flags": list(self.flags),
            "decision": self._decision_json(cells),
        } | self._ranking_json()

    def unknown_keys(self) -> tuple[str, ...]:
        """The keys of its values still unknown, that keep it to check (rules, eliminatory
        criteria, then facts): :func:`isgrid.engine.eligibility.unknown_keys`."""
        return unknown_keys(self.eligibility, self.flags)

    @property
    def ranking_key(self) -> float | None:
        """The total the ranking used for this dossier: its ``ranking_total`` when the grid
        ranks with ranking weights that differ from its weights, else its ``total`` (None
        without a total).  The one reading of « which total ranks »: the funding line, its
        distances (the zone grise, ``isgrid sensitivity``), the letters' comparison with
        the last funded dossier and every ranking a document shows read it."""
        v = self.ranking_total if self.ranking_total is not None else self.total
        return float(v) if v is not None else None

    @property
    def amount_decided(self) -> float | None:
        """The amount a ``retenu`` decision holds (None otherwise): granted once a vote
        retained the dossier (``amounts.granted``, :attr:`amount_granted`), the jury's
        proposal before (``amounts.proposed``, :attr:`amount_proposed`: only a vote
        grants).  ``isgrid decisions``' and the letters' amount of a decided dossier read
        it."""
        return amount_decided(self.amounts, self.decision)

    @property
    def granted_by_vote(self) -> bool:
        """Whether its amount (:attr:`amount_decided`) is granted: a decision holds one
        and a vote retained the dossier (:func:`isgrid.engine.status.vote_stands`).
        Before that, the amount a jury-stage ``retenu`` holds is the one the jury
        proposes (docs/decisions.md: amounts are granted by the vote): « attribué » only
        after it."""
        return granted_by_vote(self.status, self.amounts, self.decision)

    @property
    def amount_granted(self) -> float | None:
        """The amount granted (« attribué »): a decision's, once a vote granted it
        (:attr:`granted_by_vote`); None before.  Every document's « attribué » reads it."""
        return amount_granted(self.status, self.amounts, self.decision)

    @property
    def amount_proposed(self) -> float | None:
        """The amount proposed (« proposé ») for a dossier the jury proposes (retenu,
        réserve, à vérifier: :func:`.status.is_proposed`), None for the others: the
        amount a decision holds before a vote grants it (a jury-stage ``retenu
        --amount``: the jury's proposal), else ``amounts.proposed`` (the rules', or the
        jury's amount once a vote granted the dossier: :func:`.journaled.money_of`)."""
        return amount_proposed(self.status, self.amounts, self.decision)

    def _ranking_json(self) -> dict[str, Any]:
        """``ranking_total`` is written only where it exists (grids with ranking weights)."""
        return {} if self.ranking_total is None else {"ranking_total": self.ranking_total}

    def _decision_json(self, cache: dict[int, Any] | None) -> dict[str, Any]:
        if cache is None:
            return self.decision.to_json()
        j = cache.get(id(self.decision))
        if j is None:
            j = cache[id(self.decision)] = self.decision.to_json()
        return j


# The amounts' rules, one place: :class:`DossierResult`'s properties of the same names read
# them on a record, a writer of the whole call (the ranking's CSV) on the result's columns.

def amount_decided(amounts: Amounts, decision: Decision) -> float | None:
    """:attr:`DossierResult.amount_decided` of a dossier's ``amounts`` and ``decision``."""
    return amounts.held if decision.outcome == Status.RETENU else None


def granted_by_vote(status: str, amounts: Amounts, decision: Decision) -> bool:
    """:attr:`DossierResult.granted_by_vote` of a dossier's columns."""
    return (amount_decided(amounts, decision) is not None
            and vote_stands(status, decision.stages))


def amount_granted(status: str, amounts: Amounts, decision: Decision) -> float | None:
    """:attr:`DossierResult.amount_granted` of a dossier's columns."""
    return amounts.granted if granted_by_vote(status, amounts, decision) else None


def amount_proposed(status: str, amounts: Amounts, decision: Decision) -> float | None:
    """:attr:`DossierResult.amount_proposed` of a dossier's columns."""
    if not is_proposed(status):
        return None
    decided = amount_decided(amounts, decision)
    if decided is not None and not granted_by_vote(status, amounts, decision):
        return decided
    return amounts.proposed
