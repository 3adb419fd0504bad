"""The typed, immutable result of :func:`isgrid.engine.score`.

Every document, export and web page reads a :class:`Result`; none recomputes a
rule.  The JSON of ``isgrid score --format json`` is :meth:`Result.to_json`, a
serialisation of this type (the contract of ``docs/result.md``).

Per dossier the engine's proposal (:attr:`DossierResult.computed`) and the
decided outcome (:attr:`DossierResult.status`, :attr:`DossierResult.decision`)
sit side by side; the budget exists as proposed (:attr:`Selection.proposed`)
and as decided (:attr:`Selection.decided`).  :attr:`Result.current` is the one
a document states: the decided one once the journal holds a decision or a
withdrawal, the jury's proposal before.

Everything is frozen.  Criterion cells with the same statistics are one object:
a national call has millions of cells and a few thousand distinct ones, and a
frozen cell cannot be changed through another dossier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, Location, Message
from ..io.write import EncodedRecords
from ..vocabulary import Status, num
from .frozen import record
from .maps import (
    EMPTY,
    Amounts,
    Cell,
    Cells,
    FrozenDict,
    deep_frozen,
    frozen_map,
    held,
)
from .maps import plain as _plain
from .records import encoded_records
from .select import Candidate, Choice, ConstraintStatus, Rules, reserve_positions
from .status import (
    NO_MAIN_VOTE,
    MainVote,
    Seat,
    adopting_vote,
    decided_by_vote,
    is_proposed,
    left_to_people,
    list_voted,
    tie_open,
    vote_stands,
)


@record
class Proposal:
    """What the engine proposes for a dossier, before any decision."""

    status: str
    selected: bool | None
    reserve: bool
    outcome: str | None  # as an outcome: retenu, réserve, non retenu, or None (not chosen)


@record
class Standing:
    """A dossier in the jury's proposal, as :func:`isgrid.engine.propose` gives it."""

    id: str
    total: float | None
    rank: int | None
    selected: bool | None
    eligible: bool | None


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
    replaced_by: str | None = None

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
        return {"computed": self.computed, "proposed": self.proposed,
                "stages": {k: v.to_json() for k, v in self.stages.items()},
                "outcome": self.outcome, "stage": self.stage, "by": self.by,
                "reason": self.reason, "seq": self.seq, "replaces": self.replaces,
                "replaced_by": self.replaced_by}


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

    @property
    def granted_by_vote(self) -> bool:
        """Whether its amount (``amounts.granted``) is granted: a decision holds one and a
        vote retained the dossier (:func:`isgrid.engine.status.vote_stands`).  Before
        that, the amount a jury-stage ``retenu`` holds is the one the jury proposes
        (docs/decisions.md: amounts are granted by the vote): « attribué » only after it."""
        return (self.decision.outcome is not None and self.amounts.granted is not None
                and vote_stands(self.status, self.decision.stages))

    @property
    def amount_granted(self) -> float | None:
        """The amount granted (« attribué »): a decision's, once a vote granted it
        (:attr:`granted_by_vote`); None before.  Every document's « attribué » reads it."""
        return self.amounts.granted if self.granted_by_vote else None

    @property
    def amount_proposed(self) -> float | None:
        """The amount proposed (« proposé ») for a dossier the jury proposes (retenu,
        réserve, à vérifier: :func:`.status.is_proposed`), None for the others: the
        amount a decision holds before a vote grants it (a jury-stage ``retenu
        --amount``: the jury's proposal), else the rules' (``amounts.proposed``)."""
        if not is_proposed(self.status):
            return None
        a = self.amounts
        if self.decision.outcome is not None and a.granted is not None \
                and not self.granted_by_vote:
            return a.granted
        return a.proposed

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


@dataclass(frozen=True, slots=True)
class Budget:
    """The selection as one list of ids with its money: proposed or decided."""

    selected: tuple[str, ...]
    reserve: tuple[str, ...]
    budget: float | None
    committed: float | None  # money held by the selected dossiers (granted, else proposed)
    granted: float | None  # money granted by decisions (None in the proposal)
    remaining: float | None
    decided: bool  # True for the decided budget
    #: the funding line's rank in this selection: the walk's in the proposal, the one
    #: after decisions in the decided budget (:func:`isgrid.engine.select.decided_line`);
    #: None when no dossier is left below the selection
    line: int | None = None
    #: rule ``skip``: dossiers above this line left out for the envelope, not funded
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Selection:
    """The walk's settings and its two readings: the jury's proposal and the decided one."""

    rule: str
    top: int | None
    line: int | None  # the proposal's funding line (:class:`~isgrid.engine.select.Walk`);
    # the line a document draws is its selection's (``Result.current.line``)
    proposed: Budget
    decided: Budget
    skipped: tuple[str, ...] = ()  # ``skip``: left out above the line, for the envelope

    def to_json(self) -> dict[str, Any]:
        p, d = self.proposed, self.decided
        return {
            "budget": num(p.budget), "spent": num(p.committed), "remaining": num(p.remaining),
            "rule": self.rule, "top": self.top, "selected": list(p.selected),
            "reserve": list(p.reserve), "line": self.line, "skipped": list(self.skipped),
            "decided": {"selected": list(d.selected), "reserve": list(d.reserve),
                        "granted": num(d.granted), "committed": num(d.committed),
                        "remaining": num(d.remaining), "line": d.line,
                        "skipped": list(d.skipped)},
        }


@dataclass(frozen=True, slots=True)
class Constraints:
    items: tuple[ConstraintStatus, ...]
    choices: tuple[Choice, ...]
    infeasible: tuple[str, ...]
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"items": [i.to_json() for i in self.items],
                "choices": [c.to_json() for c in self.choices],
                "infeasible": list(self.infeasible), "note": self.note}


@dataclass(frozen=True, slots=True)
class Adoption:
    """The vote that adopted the list (:attr:`Result.adopted`): its journal entry
    (``seq``), the deliberation it records (``reference``; None: ``meeting.vote``'s) and
    its ``--at`` (None when not given)."""

    seq: int
    reference: str | None
    at: str | None

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "reference": self.reference, "at": self.at}


@dataclass(frozen=True, slots=True)
class Tie:
    """A dossier's tie as the documents say it (:meth:`Result.tie`).  ``line``: the tie at
    the funding line (flag ``tie-at-line``), else only a tie for a freed place;
    ``open``: nobody settled it yet; ``stage``: who settles it while open (``vote`` while
    a place the vote freed is left to it, else ``jury``); ``chosen``: once settled, one of
    the tied holds a place (False: every one of them was refused or left out); ``won``:
    once settled and ``chosen``, whether the decision that settled it chose this dossier
    (False: another one; this one may hold a place freed later all the same), else None;
    ``winners``: how many of the tied that decision chose (at the line: several when the
    ones left all fit); ``out``: at the line, this dossier was refused (or withdrew) while
    the others' tie is still open (``open`` is False: nothing is left to settle for it)."""

    line: bool
    open: bool
    stage: str
    chosen: bool
    won: bool | None = None
    winners: int = 0
    out: bool = False


@dataclass(frozen=True, slots=True)
class JournalInfo:
    entries: int
    head: str | None
    voted: bool
    decided: bool  # at least one decision or withdrawal is recorded


@dataclass(frozen=True, slots=True)
class Result:
    """The whole pipeline's outcome for one call (and one scenario)."""

    format: int
    isgrid: str
    grid: Mapping[str, Any]
    inputs: Mapping[str, str]
    call: Mapping[str, Any]
    dossiers: tuple[DossierResult, ...]
    selection: Selection | None
    summary: Mapping[str, int]
    constraints: Constraints | None
    decisions: tuple[Mapping[str, Any], ...]
    withdrawals: tuple[Mapping[str, Any], ...]
    changes: tuple[Mapping[str, Any], ...]
    journal: JournalInfo
    #: the ranked dossiers as the selection walk saw them, and the call's rules:
    #: what a scenario that changes only the selection (the envelope) walks again
    candidates: tuple[Candidate, ...] = ()
    rules: Rules | None = None
    #: the places freed, in journal order (docs/result.md, ``freed_places``): each
    #: withdrawal of a retained dossier and each refusal (``non retenu``, ``réserve``) of
    #: one, with who was proposed in its place
    freed_places: tuple[Mapping[str, Any], ...] = ()
    #: the call's ``meeting.vote``, its reference and date
    #: (:func:`isgrid.engine.status.main_vote`): the deliberation and the day of a vote
    #: recorded without ``--reference`` or ``--at`` (:attr:`adopted`)
    main_vote: MainVote = NO_MAIN_VOTE
    #: the tie at the funding line and how it was settled (docs/result.md, ``line_tie``:
    #: ``{rank, tied, settled, chosen}``), None without one
    line_tie: Mapping[str, Any] | None = None
    _by_id: dict[str, DossierResult] = field(default_factory=dict, repr=False, compare=False)
    _voted_list: list[bool] = field(default_factory=list, init=False, repr=False,
                                    compare=False)  # list_voted, once worked out
    _adopted: list[Adoption | None] = field(default_factory=list, init=False, repr=False,
                                            compare=False)  # adopted, once worked out

    def __post_init__(self) -> None:
        self._by_id.update((d.id, d) for d in self.dossiers)

    @property
    def refusals(self) -> tuple[Mapping[str, Any], ...]:
        """The places a decision freed (``non retenu``, ``réserve`` on a dossier the
        selection held), in journal order: :attr:`freed_places` but the withdrawals."""
        return tuple(x for x in self.freed_places if x["kind"] != "withdrawal")

    def dossier(self, did: str) -> DossierResult:
        """The dossier ``did`` (KeyError when the call has none)."""
        return self._by_id[did]

    @property
    def current(self) -> Budget | None:
        """The selection a document states now: decided once anything is decided."""
        if self.selection is None:
            return None
        return self.selection.decided if self.journal.decided else self.selection.proposed

    @property
    def voted(self) -> bool:
        """A vote is recorded, for one dossier at least (``journal.voted``)."""
        return self.journal.voted

    @property
    def list_voted(self) -> bool:
        """A vote decided every place of the list and no choice at the line is left to
        people (:func:`isgrid.engine.status.list_voted`); worked out on first use."""
        if not self._voted_list:
            retained = (d.id for d in self.dossiers if d.status == Status.RETENU)
            # a choice left to people: a freed place's tie, or the funding line's
            left_open = any(
                x["replacement"] is None and left_to_people(
                    x["tied"], x["seq"], lambda i: self._by_id[i].decision.seq
                    if self._by_id[i].decision.outcome == Status.RETENU else None)
                for x in self.freed_places) or any(map(self.tie_open, self.dossiers))
            self._voted_list.append(list_voted(self.journal.voted, retained, self._seat,
                                               left_open))
        return self._voted_list[0]

    def _seat(self, did: str) -> Seat:
        """A dossier as :func:`isgrid.engine.status.list_voted` reads it."""
        # the kind of the entry that freed the place a promoted dossier holds (the latest
        # promotion wins, as for ``decision.replaces``)
        freed_by = {i: x["kind"] for x in self.freed_places for i in x["promoted"]}
        d = self._by_id[did]
        return d.status, d.decision.stages, d.decision.replaces, freed_by.get(did)

    @property
    def adopted(self) -> Adoption | None:
        """The vote that adopted the list (:func:`isgrid.engine.status.adopting_vote`),
        None until :attr:`list_voted`: the deliberation that decided the dossiers without
        a vote of their own (a reserve dossier, one not retained), the one that voted the
        list's last outstanding place.  Worked out on first use."""
        if not self._adopted:
            found = None
            if self.list_voted:
                mine: dict[str, list[Mapping[str, Any]]] = {}
                for x in self.decisions:
                    mine.setdefault(x["dossier"], []).append(x)
                emptied = [x for x in self.decisions if x["kind"] == "decision"
                           and x["stage"] == "vote" and any(
                               f["seq"] == x["seq"] and f["replacement"] is None
                               and self._by_id[f["dossier"]].decision.seq == f["seq"]
                               for f in self.refusals)]
                retained = [d.id for d in self.dossiers if d.status == Status.RETENU]
                found = adopting_vote(retained, self._seat, lambda i: mine.get(i, ()),
                                      emptied, self.main_vote)
                if found is None:  # every place withdrawn: the latest vote
                    found = next((x for x in reversed(self.decisions)
                                  if x["kind"] == "decision" and x["stage"] == "vote"), None)
            self._adopted.append(None if found is None else Adoption(
                found["seq"], found.get("reference"), found.get("at")))
        return self._adopted[0]

    def decided_by_vote(self, d: DossierResult) -> bool:
        """Whether ``d``'s status is a decision of the vote, not a proposition of the jury
        still (:func:`isgrid.engine.status.decided_by_vote`): what every document says."""
        return decided_by_vote(d.status, d.decision.stages, self.list_voted)

    @staticmethod
    def tie_open(d: DossierResult) -> bool:
        """Whether ``d`` is tied at the funding line and nobody settled the tie yet
        (:func:`isgrid.engine.status.tie_open`); False once a decision settled it."""
        return tie_open(d.flags, d.selected)

    def tie(self, d: DossierResult) -> Tie | None:
        """``d``'s tie (:class:`Tie`): at the funding line, or for a place freed
        (``freed_places[].offers[].tied``); None when it was tied for nothing."""
        places = [x for x in self.freed_places
                  if any(d.id in o["tied"] for o in x.get("offers", ()))]
        line = "tie-at-line" in d.flags
        if not line and not places:
            return None
        waiting = [x for x in places if d.id in x["tied"] and x.get("settled") is None
                   and x["replacement"] is None]
        is_open = self.tie_open(d) if line else bool(waiting)
        stage = "vote" if is_open and waiting and waiting[-1]["stage"] == "vote" else "jury"
        tied = {i for x in places for o in x["offers"] for i in o["tied"]}
        if line:
            tied |= {x.id for x in self.dossiers
                     if x.rank == d.rank and "tie-at-line" in x.flags}
        chosen = any(self._by_id[i].status == Status.RETENU for i in tied if i in self._by_id)
        won = None if is_open or not chosen else self._tie_won(d, line, places)
        record = self.line_tie if line else None
        winners = len(record["chosen"]) if record is not None and record["settled"] else 1
        out = (record is not None and record["settled"] is None and not is_open)
        return Tie(line, is_open, stage, chosen and not out, won, winners, out)

    def _tie_won(self, d: DossierResult, line: bool, places: list[Mapping[str, Any]]) -> bool:
        """Whether the decision that settled ``d``'s tie chose ``d``: at the line, the
        engine's record (:attr:`line_tie`: the decision after which the tied still in the
        running were no more a tie, and who of them held a place then: ``chosen``); for a
        freed place, the one retained (``settled``) or, the others refused, the one
        proposed in it."""
        if line and self.line_tie is not None and self.line_tie["settled"] is not None:
            return d.id in self.line_tie["chosen"]
        return any((x["settled"] or {}).get("dossier", x["replacement"]) == d.id
                   for x in places)

    def reserve_position(self, d: DossierResult) -> tuple[int, int] | None:
        """``d``'s position on the reserve as it stands (:attr:`current`) and how many
        dossiers share it, ``d`` included (tied: :func:`isgrid.engine.select.reserve_positions`);
        None when ``d`` is not on it."""
        now = self.current
        if now is None or d.id not in now.reserve:
            return None
        return reserve_positions(now.reserve, {i: self._by_id[i].rank for i in now.reserve
                                               if i in self._by_id})[d.id]

    @property
    def undecided(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the vote has not decided yet (:meth:`decided_by_vote`), in the result's
        order: (the dossiers whose status is still a proposition of the jury, a tie at the
        line nobody settled among them, the dossiers still to check: status « à vérifier »,
        on which nobody proposed anything)."""
        left = [d for d in self.dossiers if not self.decided_by_vote(d)]
        return (tuple(d.id for d in left if d.status != Status.A_VERIFIER),
                tuple(d.id for d in left if d.status == Status.A_VERIFIER))

    @property
    def decided_count(self) -> int:
        """How many dossiers' statuses are decisions of the vote (:meth:`decided_by_vote`):
        0 before any vote, every dossier once the vote decided them all."""
        if not self.journal.voted:
            return 0
        return sum(map(self.decided_by_vote, self.dossiers))

    def constraint_warnings(self, file: str) -> list[Diagnostic]:
        """One warning per portfolio constraint that no selection met (for the CLI)."""
        if self.constraints is None:
            return []
        return [Diagnostic(
            "constraint-infeasible",
            Message("the constraint {ident} ({label}) cannot be met: {note}", ident=item.id,
                    label=item.label, note=item.note) if item.note else Message(
                "the constraint {ident} ({label}) cannot be met", ident=item.id,
                label=item.label),
            Location(file, key_path="constraints"), severity="warning")
            for item in self.constraints.items if item.infeasible]

    def to_json(self, *, shared: bool = False, dossiers: bool = True,
                encoded: bool = False) -> dict[str, Any]:
        """The result JSON (docs/result.md), as plain data.

        ``shared=True`` (for writing it out at once) gives identical cells and
        decisions one dict each, shared between dossiers: millions of cells, a few
        thousand distinct ones.  The default builds separate dicts that can be edited.
        ``dossiers=False``: everything but the dossiers (an empty list), for a reader
        that takes them from the typed result (the séance pages).  ``encoded=True`` (for
        writing it out with :func:`isgrid.io.write.iter_records`): each dossier as its
        record's bytes already (:meth:`DossierResult.encoded`), the rest as plain data.
        """
        cells: dict[Any, Any] | None = {} if shared else None
        records: Any = []
        if dossiers and encoded:
            records = EncodedRecords(self._encoded_records, len(self.dossiers))
        elif dossiers:
            records = [d.to_json(cells) for d in self.dossiers]
        out: dict[str, Any] = {
            "format": self.format, "isgrid": self.isgrid, "grid": _plain(self.grid),
            "inputs": dict(self.inputs), "call": dict(self.call),
            "dossiers": records,
            "selection": self.selection.to_json() if self.selection is not None else None,
            "summary": dict(self.summary),
            "decisions": [dict(x) for x in self.decisions],
            "withdrawals": [_plain(x) for x in self.withdrawals],
            "freed_places": [_plain(x) for x in self.freed_places],
            "line_tie": _plain(self.line_tie) if self.line_tie is not None else None,
            "changes": [dict(x) for x in self.changes],
            "journal": {"entries": self.journal.entries, "head": self.journal.head,
                        "voted": self.journal.voted,
                        "adopted": a.to_json() if (a := self.adopted) is not None else None},
        }
        if self.constraints is not None:
            out["constraints"] = self.constraints.to_json()
        return out

    def _encoded_records(self) -> Iterator[bytes]:
        """Each dossier's record as bytes (:func:`isgrid.engine.records.encoded_records`)."""
        return encoded_records(self.dossiers)


#: the result's types, and the read-only maps they hold (:mod:`isgrid.engine.maps`)
__all__ = ["EMPTY", "Adoption", "Amounts", "Budget", "Cell", "Cells", "Constraints", "Decision",
           "DossierResult", "FrozenDict", "JournalInfo", "Proposal", "Result", "Selection",
           "StageDecision", "Standing", "Votes", "deep_frozen", "frozen_map", "held"]
