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

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from ..errors import Diagnostic, Location, Message
from ..io.write import EncodedRecords
from ..vocabulary import Status, num
from .dossier import Decision, DossierResult, Proposal, StageDecision, Standing, Votes
from .dossiers import Dossiers
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
    adopted_in_time,
    adopting_vote,
    decided_by_vote,
    left_to_people,
    list_voted,
    tie_open,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Budget:
    """The selection as one list of ids with its money: proposed or decided."""

    selected: tuple[str, ...]
    reserve: tuple[str, ...]
    budget: float | None
    committed: float | None  # money held by the selected dossiers (granted, else proposed)
    granted: float | None  # money granted by votes (None in the proposal): only a vote grants
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
    #: the dossiers the proposal's walk left out because ``top`` places were taken
    #: (:attr:`isgrid.engine.select.Walk.beyond_top`), in rank order
    beyond_top: tuple[str, ...] = ()

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
    items: tuple[ConstraintStatus, ...]  # on the jury's proposal (the walk)
    choices: tuple[Choice, ...]
    infeasible: tuple[str, ...]
    #: why nothing was evaluated (a call with constraints but neither a budget nor
    #: ``top``), said in the call's language in the JSON
    note: Message | None = None
    #: on the decided selection (:func:`isgrid.engine.portfolio.decided_statuses`): what
    #: documents state; the same as ``items`` while nothing is decided
    decided: tuple[ConstraintStatus, ...] = ()

    def to_json(self, lang: str = "fr") -> dict[str, Any]:
        """As data, the engine's reasons in words in ``lang`` (the call's), in the ordinary
        words whatever document is being made (a présélection's minutes make the result
        JSON to print its sha256: the bytes ``isgrid score`` writes, never
        « ligne de présélection »: :mod:`isgrid.engine.reasons`)."""
        from ..i18n import words_of

        words: dict[int, str] = {}  # each reason said once (Choice.to_json)
        with words_of(None):
            return {"items": [i.to_json(lang) for i in self.items],
                    "choices": [c.to_json(lang, words) for c in self.choices],
                    "infeasible": list(self.infeasible),
                    "note": self.note.translated(lang) if self.note is not None else None,
                    "decided": [i.to_json(lang) for i in self.decided]}


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
    ones left all fit); ``out``: at the line, this dossier is out of the tie while the
    others' tie is still open: a decision refused it, it withdrew, or its own decision
    retained it (:func:`isgrid.engine.places.retained_apart` tells that case; ``open`` is
    False: nothing is left to settle for it);
    ``by``: at the line, once settled, what settled it: ``decision`` (a decision on one of
    the tied), ``withdrawal`` (one of the tied withdrew) or ``place`` (an entry on another
    dossier freed a place the tied still in the running all took, together); ``taken``:
    that entry put this dossier in a place (``line_tie.taken``)."""

    line: bool
    open: bool
    stage: str
    chosen: bool
    won: bool | None = None
    winners: int = 0
    out: bool = False
    by: str = "decision"
    taken: bool = False


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
    #: each a :class:`DossierResult`, made when first read (kept as the engine's columns:
    #: :class:`~isgrid.engine.dossiers.Dossiers`); records given are kept as they are
    dossiers: Sequence[DossierResult]
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
    #: the journal line of the vote that adopted the list, judged by what was true at its
    #: deliberation (:meth:`in_time`, which the pipeline calls), None when no vote did
    adoption: int | None = None
    #: what a :class:`~isgrid.engine.scenario.Scenario` replaced of the call as its files
    #: are (``{"replaced": ("table", "budget")}``), None for the call itself
    #: (docs/result.md, ``scenario``)
    scenario: Mapping[str, Any] | None = None
    _voted_list: list[bool] = field(default_factory=list, init=False, repr=False,
                                    compare=False)  # places_voted, once worked out
    _adopted: list[Adoption | None] = field(default_factory=list, init=False, repr=False,
                                            compare=False)  # adopted, once worked out
    #: the séance's answers, worked out once per result (:meth:`tie`,
    #: :meth:`reserve_position`, :meth:`_seat`): out of equality, hash, repr and pickles
    #: (:meth:`__getstate__`), and a fresh one for each result (``dataclasses.replace``
    #: or a copy included: ``init=False``)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False,
                                  compare=False)

    def __post_init__(self) -> None:
        # the engine's columns (:class:`~isgrid.engine.dossiers.Dossiers`), or records
        # given (``dataclasses.replace``, a test's) held the same way
        if not isinstance(self.dossiers, Dossiers):
            object.__setattr__(self, "dossiers", Dossiers.of(self.dossiers))

    @property
    def columns(self) -> Dossiers:
        """:attr:`dossiers` as the columns they are kept as (:meth:`__post_init__`): what a
        writer of the whole call reads (``columns.column("status")``: every dossier's
        status, in order) without a record made per dossier."""
        return self.dossiers  # type: ignore[return-value]

    def __getstate__(self) -> list[Any]:
        """Pickles and copies: the dataclass's state (each field's value, in order) but
        the memo, which a copy works out again on use."""
        return [getattr(self, f.name) for f in fields(self) if f.name != "_memo"]

    def __setstate__(self, state: list[Any]) -> None:
        names = [f.name for f in fields(self) if f.name != "_memo"]
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_memo", {})

    @property
    def refusals(self) -> tuple[Mapping[str, Any], ...]:
        """The places a decision freed (``non retenu``, ``réserve`` on a dossier the
        selection held), in journal order: :attr:`freed_places` but the withdrawals."""
        return tuple(x for x in self.freed_places if x["kind"] != "withdrawal")

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once for this result under ``key`` (its memo, above): a
        view of the result a reader asks for every dossier (the documents' index of the
        constraints' choices, :mod:`isgrid.documents.portfolio`), owned by the result it
        reads, never kept in a module (two results rendered at once by two threads of a
        server keep their own).  Two threads asking at once may both make it: the same
        value, the last kept."""
        memo = self._memo
        if key not in memo:
            memo[key] = make()
        return memo[key]  # type: ignore[no-any-return]

    def dossier(self, did: str) -> DossierResult:
        """The dossier ``did`` (KeyError when the call has none)."""
        d = self.dossiers.get(did)  # type: ignore[attr-defined]  # Dossiers.get
        if d is None:
            raise KeyError(did)
        return d  # type: ignore[no-any-return]

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
        """The list is adopted: a vote decided every place of the list and left nothing at
        the line to people, as it stands (:attr:`places_voted`) and at the deliberation
        that adopted it (:attr:`adopted`, judged by what was true then: :meth:`in_time`)."""
        return self.adoption is not None and self.places_voted

    @property
    def places_voted(self) -> bool:
        """A vote decided every place of the list and no choice at the line is left to
        people, as the journal stands (:func:`isgrid.engine.status.list_voted`); worked
        out on first use."""
        if not self._voted_list:
            rows = self.columns  # read as columns: no record made for it
            retained = (i for i, s in zip(rows.column("id"), rows.column("status"),
                                          strict=True) if s == Status.RETENU)

            def left_open() -> bool:  # a choice left to people: a freed place's tie, or
                return any(  # the funding line's
                    x["replacement"] is None and left_to_people(
                        x["tied"], x["seq"], lambda i: self.dossier(i).decision.seq
                        if self.dossier(i).decision.outcome == Status.RETENU else None)
                    for x in self.freed_places) or any(map(
                        tie_open, rows.column("flags"), rows.column("selected")))

            self._voted_list.append(list_voted(self.journal.voted, retained, self._seat,
                                               left_open))
        return self._voted_list[0]

    def _seat(self, did: str) -> Seat:
        """A dossier as :func:`isgrid.engine.status.list_voted` reads it."""
        # the kind of the entry that freed the place a promoted dossier holds (the latest
        # promotion wins, as for ``decision.replaces``): worked out once
        freed_by = self._memo.get("freed_by")
        if freed_by is None:
            freed_by = self._memo["freed_by"] = {
                i: x["kind"] for x in self.freed_places for i in x["promoted"]}
        d = self.dossier(did)
        return d.status, d.decision.stages, d.decision.replaces, freed_by.get(did)

    def in_time(self, upto: Callable[[int], Result]) -> Result:
        """This result with the vote that adopted the list (:attr:`adoption`) judged by
        what was true at its deliberation (:func:`isgrid.engine.status.adopted_in_time`):
        ``upto(seq)`` is the result of the journal up to entry ``seq`` (the same proposal),
        whose :attr:`places_voted` says whether the list was whole then.  Asked of the vote
        that gave the list's last place as it stands (:func:`isgrid.engine.status.
        adopting_vote`), then of each later vote, until one holds."""
        if not self.places_voted:
            return self
        wholes: dict[int, bool] = {}
        votes_at = {x["seq"]: x for x in self.decisions}

        def whole_before(seq: int) -> bool:  # the list voted whole before entry seq
            if seq not in wholes:
                x = votes_at.get(seq)
                d = self.dossier(x["dossier"]) if x is not None else None
                vote = d.decision.stages.get("vote") if d is not None else None
                # a vote « retenu » in effect that isgrid proposed (not « décidé ≠
                # proposé »): its dossier held a place no vote had given, the list was not
                # whole (no replay of the journal: a national call votes thousands)
                wholes[seq] = (
                    False if d is not None and vote is not None and vote.seq == seq
                    and vote.outcome == Status.RETENU and "overridden:vote" not in d.flags
                    else seq > 1 and upto(seq - 1).places_voted)
            return wholes[seq]

        last = self._adopting(whole_before)
        if last is None:
            return self
        votes = [last, *(x for x in self.decisions if x["seq"] > last["seq"]
                         and x["kind"] == "decision" and x["stage"] == "vote")]
        found = adopted_in_time(votes, lambda seq: upto(seq).places_voted)
        return self if found is None else replace(self, adoption=found["seq"])

    def _adopting(self, whole_before: Callable[[int], bool] | None = None
                  ) -> Mapping[str, Any] | None:
        """The vote that gave the list's last place still to vote as the journal stands
        (:func:`isgrid.engine.status.adopting_vote`; ``whole_before(seq)``: whether the
        list was voted whole before entry ``seq``), or, every place withdrawn, the latest
        vote."""
        mine: dict[str, list[Mapping[str, Any]]] = {}
        for x in self.decisions:
            mine.setdefault(x["dossier"], []).append(x)
        emptied = [x for x in self.decisions if x["kind"] == "decision"
                   and x["stage"] == "vote" and any(
                       f["seq"] == x["seq"] and f["replacement"] is None
                       and self.dossier(f["dossier"]).decision.seq == f["seq"]
                       for f in self.refusals)]
        retained = [d.id for d in self.dossiers if d.status == Status.RETENU]
        found = adopting_vote(retained, self._seat, lambda i: mine.get(i, ()),
                              emptied, self.main_vote, whole_before)
        if found is None:  # every place withdrawn: the latest vote
            found = next((x for x in reversed(self.decisions)
                          if x["kind"] == "decision" and x["stage"] == "vote"), None)
        return found

    @property
    def adopted(self) -> Adoption | None:
        """The vote that adopted the list, None until :attr:`list_voted`: the deliberation
        that decided the dossiers without a vote of their own (a reserve dossier, one not
        retained), the one that voted the list's last outstanding place, or a later one
        when the list was not whole then (:meth:`in_time`)."""
        if not self._adopted:
            found = None
            if self.list_voted:
                found = next(x for x in self.decisions if x["seq"] == self.adoption)
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
        (``freed_places[].offers[].tied``); None when it was tied for nothing.  Worked out
        once per dossier of this result (a dossier of another one: each time)."""
        ties: dict[str, Tie | None] = self._memo.setdefault("tie", {})
        mine = self.dossiers.get(d.id) is d  # type: ignore[attr-defined]  # Dossiers.get
        if mine and d.id in ties:
            return ties[d.id]
        found = self._tie(d)
        if mine:
            ties[d.id] = found
        return found

    def _tied_for(self, did: str) -> list[Mapping[str, Any]]:
        """The places freed that ``did`` was tied for (one of their offers' ``tied``), in
        journal order; the index of every dossier's worked out once."""
        index: dict[str, list[Mapping[str, Any]]] | None = self._memo.get("tied_for")
        if index is None:
            index = {}
            for x in self.freed_places:
                for i in dict.fromkeys(i for o in x.get("offers", ()) for i in o["tied"]):
                    index.setdefault(i, []).append(x)
            self._memo["tied_for"] = index
        return index.get(did, [])

    def _tie(self, d: DossierResult) -> Tie | None:
        """:meth:`tie`, worked out."""
        places = self._tied_for(d.id)
        line = "tie-at-line" in d.flags
        if not line and not places:
            return None
        waiting = [x for x in places if d.id in x["tied"] and x.get("settled") is None
                   and x["replacement"] is None]
        is_open = self.tie_open(d) if line else bool(waiting)
        stage = "vote" if is_open and waiting and waiting[-1]["stage"] == "vote" else "jury"
        tied = {i for x in places for o in x["offers"] for i in o["tied"]}
        if line and self.line_tie is not None:  # the engine's record of the line's tie
            tied |= set(self.line_tie["tied"])
        rows = self.columns
        chosen = any(o.status == Status.RETENU for i in tied if (o := rows.get(i)) is not None)
        won = None if is_open or not chosen else self._tie_won(d, line, places)
        record = self.line_tie if line else None
        winners = len(record["chosen"]) if record is not None and record["settled"] else 1
        out = (record is not None and record["settled"] is None and not is_open)
        if record is None or record["settled"] is None:
            return Tie(line, is_open, stage, chosen and not out, won, winners, out)
        return Tie(line, is_open, stage, chosen and not out, won, winners, out,
                   self._settled_by(record["settled"]), d.id in record.get("taken", ()))

    def _settled_by(self, settled: Mapping[str, Any]) -> str:
        """What settled the line's tie (:attr:`Tie.by`): the entry ``settled``
        (``line_tie.settled``) on one of the tied, a decision or a withdrawal, or on another
        dossier, whose freed place the tied all took (``place``)."""
        assert self.line_tie is not None
        if settled["dossier"] not in self.line_tie["tied"]:
            return "place"
        entry = next((x for x in self.decisions if x["seq"] == settled["seq"]), None)
        return "withdrawal" if entry is not None and entry["kind"] == "withdrawal" \
            else "decision"

    def _tie_won(self, d: DossierResult, line: bool, places: list[Mapping[str, Any]]) -> bool:
        """Whether the decision that settled ``d``'s tie chose ``d``: at the line, the
        engine's record (:attr:`line_tie`: the decision after which the tied still in the
        running were no more a tie, and who of them held a place then: ``chosen``); for a
        freed place, the one retained (``settled``) or, the others refused, the one
        proposed in it."""
        if line and self.line_tie is not None and self.line_tie["settled"] is not None:
            return d.id in self.line_tie["chosen"]
        return any(x["settled"]["dossier"] == d.id if x["settled"] is not None
                   else d.id in x["promoted"] for x in places)

    def reserve_position(self, d: DossierResult) -> tuple[int, int] | None:
        """``d``'s position on the reserve as it stands (:attr:`current`) and how many
        dossiers share it, ``d`` included (tied: :func:`isgrid.engine.select.reserve_positions`);
        None when ``d`` is not on it."""
        positions: dict[str, tuple[int, int]] | None = self._memo.get("reserve")
        if positions is None:  # every position of the reserve, worked out once
            now = self.current
            positions = self._memo["reserve"] = {} if now is None else reserve_positions(
                now.reserve, {i: o.rank for i in now.reserve
                              if (o := self.columns.get(i)) is not None})
        return positions.get(d.id)

    @property
    def undecided(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """What the vote has not decided yet (:meth:`decided_by_vote`), in the result's
        order: (the dossiers whose status is still a proposition of the jury, a tie at the
        line nobody settled among them, the dossiers still to check: status « à vérifier »,
        on which nobody proposed anything, the dossiers postponed: status « ajourné », the
        committee decides them later)."""
        left = [d for d in self.dossiers if not self.decided_by_vote(d)]
        apart = (Status.A_VERIFIER, Status.AJOURNE)
        return (tuple(d.id for d in left if d.status not in apart),
                tuple(d.id for d in left if d.status == Status.A_VERIFIER),
                tuple(d.id for d in left if d.status == Status.AJOURNE))

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
            Location(file, key_path="constraints"), severity="warning",
            hint=Message("The call's rules give no money to {ids}: lower "
                         "funding.minimum, give the missing amounts, or record a decision "
                         "with --amount (isgrid decide); a larger envelope does not help.",
                         ids=", ".join(item.unusable)) if item.unusable else None)
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
            "scenario": _plain(self.scenario) if self.scenario is not None else None,
            "changes": [dict(x) for x in self.changes],
            "journal": {"entries": self.journal.entries, "head": self.journal.head,
                        "voted": self.journal.voted,
                        "adopted": a.to_json() if (a := self.adopted) is not None else None},
        }
        if self.constraints is not None:
            out["constraints"] = self.constraints.to_json(self.json_lang)
        return out

    @property
    def json_lang(self) -> str:
        """The language of the words the result JSON holds (the constraints' reasons): the
        call's, English for an English call, else French."""
        return "en" if self.call.get("lang") == "en" else "fr"

    def _encoded_records(self) -> Iterator[bytes]:
        """Each dossier's record as bytes (:func:`isgrid.engine.records.encoded_records`)."""
        return encoded_records(self.columns)


#: the result's types, and the read-only maps they hold (:mod:`isgrid.engine.maps`)
__all__ = ["EMPTY", "Adoption", "Amounts", "Budget", "Cell", "Cells", "Constraints", "Decision",
           "DossierResult", "FrozenDict", "JournalInfo", "Proposal", "Result", "Selection",
           "StageDecision", "Standing", "Votes", "deep_frozen", "frozen_map", "held"]
