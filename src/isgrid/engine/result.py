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
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, Location, Message
from ..io.write import Encoded, EncodedRecords, compact
from ..vocabulary import num
from .select import Candidate, Choice, ConstraintStatus, Rules


class FrozenDict(dict[str, Any]):
    """A dict that cannot be changed once made.

    The result's mappings (criteria, cells, eligibility, sections...) are these:
    read-only like the rest of the result, and already in the shape of the
    result JSON, so that writing a national call's result does not rebuild
    millions of dicts (JSON encoders write a dict subclass as a dict).
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{type(self).__name__} is read-only")

    __setitem__ = __delitem__ = _read_only
    clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self


EMPTY: Mapping[str, Any] = FrozenDict()


def frozen_map(d: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of ``d`` (``d`` itself when it is already read-only)."""
    if type(d) is FrozenDict:
        return d
    return FrozenDict(d) if d else EMPTY


class Cell(FrozenDict):
    """One criterion of one dossier: the aggregate, the consensus, the spread.

    Its keys are those of the result JSON: ``value``, ``raw``, ``consensus``,
    ``consensus_reason``, ``n``, ``na``, ``min``, ``max``, ``spread``, and
    ``state`` in the checklist and profile modes.
    """

    __slots__ = ()

    @property
    def value(self) -> float | int | None:
        v: float | int | None = self["value"]
        return v

    @property
    def raw(self) -> float | int | None:
        v: float | int | None = self["raw"]
        return v

    @property
    def consensus(self) -> float | int | None:
        v: float | int | None = self["consensus"]
        return v

    @property
    def consensus_reason(self) -> str | None:
        v: str | None = self["consensus_reason"]
        return v

    @property
    def n(self) -> int:
        v: int = self["n"]
        return v

    @property
    def na(self) -> int:
        v: int = self["na"]
        return v

    @property
    def min(self) -> float | int | None:
        v: float | int | None = self["min"]
        return v

    @property
    def max(self) -> float | int | None:
        v: float | int | None = self["max"]
        return v

    @property
    def spread(self) -> float | int | None:
        v: float | int | None = self["spread"]
        return v

    @property
    def state(self) -> str | None:
        v: str | None = self.get("state")
        return v

    def replaced(self, **changes: Any) -> Cell:
        """A new cell with some keys changed (or added: ``state``)."""
        return Cell({**self, **changes})

    def to_json(self) -> dict[str, Any]:
        return dict(self)


class Cells(Mapping[str, Cell]):
    """A dossier's criterion cells, read-only: one row of group numbers over the call's
    distinct cells.

    A national call has 500,000 cells and a few hundred distinct ones: each dossier
    keeps a list of the numbers of its cells' groups, not a dict of its own, and
    the result JSON writes each distinct cell once (:meth:`encoded`).  It reads as
    a mapping from criterion id to :class:`Cell`, in the grid's order.
    """

    __slots__ = ("_cells", "_index", "_row")

    def __init__(self, index: Mapping[str, int], cells: Sequence[Cell],
                 row: Sequence[int]) -> None:
        self._index = index  # criterion id -> position in the row (shared by every dossier)
        self._cells = cells  # the distinct cells (shared)
        self._row = row  # this dossier's group numbers, one per criterion

    def __getitem__(self, cid: str) -> Cell:
        return self._cells[self._row[self._index[cid]]]

    def get(self, cid: str, default: Any = None) -> Any:  # as a dict's, without a raise
        at = self._index.get(cid)
        return default if at is None else self._cells[self._row[at]]

    def __contains__(self, cid: object) -> bool:
        return cid in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"Cells({dict(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def made(self, make: Callable[[Cell], Any], cache: dict[int, Any]) -> list[Any]:
        """``make(cell)`` of each of the dossier's cells, in the grid's order; computed once
        per distinct cell and ``cache`` (one writing's, with one ``make``): a national
        call's 500,000 cells written as text (the ranking's CSV)."""
        made = cache.get(id(self._cells))
        if made is None:
            made = cache[id(self._cells)] = [make(c) for c in self._cells]
        at = cache.get(id(self._index))
        if at is None:
            at = cache[id(self._index)] = list(self._index.values())
        row = self._row
        return [made[row[i]] for i in at]

    def encoded(self, cache: dict[int, Any]) -> Encoded:
        """The cells as the result JSON writes them (compact, sorted keys), encoded:
        each distinct cell and each criterion id once per ``cache`` (one writing's)."""
        import orjson

        encoded = cache.get(id(self._cells))
        if encoded is None:
            encoded = cache[id(self._cells)] = [
                orjson.dumps(c, option=orjson.OPT_SORT_KEYS) for c in self._cells]
        keys = cache.get(id(self._index))
        if keys is None:  # sorted as orjson's OPT_SORT_KEYS sorts them
            keys = cache[id(self._index)] = [
                (orjson.dumps(cid) + b":", at) for cid, at in sorted(self._index.items())]
        row = self._row
        return Encoded(b"{" + b",".join([key + encoded[row[at]] for key, at in keys]) + b"}")

    @staticmethod
    def encoded_many(many: Sequence[Cells], cache: dict[Any, Any]) -> list[bytes]:
        """The bytes of :meth:`encoded` for many dossiers' cells at once, column by column.

        The JSON of a dossier's cells is one piece per criterion, ``"C01":{...}``; a
        piece depends on the criterion and the cell's group only.  Each criterion's
        column of group numbers is reduced to the groups it holds, each such piece is
        made once, and numpy's indexing lays them out for every dossier: what was a
        Python loop over 500,000 cells.  Memory is bounded by the cells themselves: a
        column's pieces are made for every distinct cell of the call when they are no
        more than the dossiers, else for the groups the column holds.
        """
        import numpy as np
        import orjson

        out: list[bytes] = [b""] * len(many)
        by_source: dict[tuple[int, int], list[int]] = {}
        for i, c in enumerate(many):
            by_source.setdefault((id(c._cells), id(c._index)), []).append(i)
        for at in by_source.values():
            first = many[at[0]]
            encoded = cache.get(id(first._cells))
            if encoded is None:
                encoded = cache[id(first._cells)] = [
                    orjson.dumps(c, option=orjson.OPT_SORT_KEYS) for c in first._cells]
            keys = sorted(first._index.items())  # as orjson's OPT_SORT_KEYS sorts them
            if not keys:
                for i in at:
                    out[i] = b"{}"
                continue
            rows = np.array([many[i]._row for i in at], dtype=np.intp).reshape(
                len(at), len(first._index))
            pieces = np.empty((len(at), len(keys)), dtype=object)
            last = len(keys) - 1
            every = len(encoded) <= len(at)  # a piece per distinct cell: no more than rows
            for k, (cid, position) in enumerate(keys):
                column = rows[:, position]
                used, where = ((range(len(encoded)), column) if every else
                               np.unique(column, return_inverse=True))
                head = (b"{" if k == 0 else b"") + orjson.dumps(cid) + b":"
                tail = b"}" if k == last else b""
                table = np.empty(len(used), dtype=object)
                table[:] = [head + encoded[g] + tail for g in used]
                pieces[:, k] = table[where.reshape(-1)]
            for i, row_pieces in zip(at, pieces.tolist(), strict=True):
                out[i] = b",".join(row_pieces)
        return out


def held(granted: float | None, proposed: float | None) -> float | None:
    """The money a retained dossier holds: granted by a decision, else proposed (the one
    rule; :attr:`Amounts.held` and the decided budget read it)."""
    return granted if granted is not None else proposed


class Amounts(FrozenDict):
    """A dossier's money: ``requested``, ``proposed``, ``granted`` (null until a decision).

    Read-only, in the shape of the result JSON (integral amounts as integers).
    """

    __slots__ = ()

    def __init__(self, requested: float | None, proposed: float | None,
                 granted: float | None = None) -> None:
        super().__init__(requested=num(requested), proposed=num(proposed), granted=num(granted))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.requested, self.proposed, self.granted))

    @property
    def requested(self) -> float | None:
        v: float | None = self["requested"]
        return v

    @property
    def proposed(self) -> float | None:
        v: float | None = self["proposed"]
        return v

    @property
    def granted(self) -> float | None:
        v: float | None = self["granted"]
        return v

    @property
    def held(self) -> float | None:
        """The money a retained dossier holds: granted by a decision, else proposed."""
        return held(self.granted, self.proposed)

    def to_json(self) -> dict[str, Any]:
        return dict(self)


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the engine proposes for a dossier, before any decision."""

    status: str
    selected: bool | None
    reserve: bool
    outcome: str | None  # as an outcome: retenu, réserve, non retenu, or None (not chosen)


@dataclass(frozen=True, slots=True)
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
    ``votes``: the counts of the vote, when recorded."""

    outcome: str
    amount: float | None
    by: str
    reason: str
    seq: int
    at: str | None
    overridden: bool
    motivation: str | None = None
    votes: Votes | None = None

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "amount": num(self.amount), "by": self.by,
                "reason": self.reason, "seq": self.seq, "at": self.at,
                "overridden": self.overridden, "motivation": self.motivation,
                "votes": self.votes.to_json() if self.votes is not None else None}


@dataclass(frozen=True, slots=True)
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


def _literal(x: Any) -> bytes:
    """A dossier's yes, no or unknown as JSON: true, false, null (anything else, such as
    1 in a hand-built result, as orjson writes it: 1, not true)."""
    if x is True:
        return b"true"
    if x is False:
        return b"false"
    if x is None:
        return b"null"
    import orjson

    return orjson.dumps(x)


#: the keys of a dossier's record, in the order :meth:`Result._encoded_records` writes them:
#: sorted, as every record of the result JSON (``ranking_total`` only where it exists)
_RECORD_KEYS = ("amounts", "checklist", "complete", "criteria", "decision", "eligibility",
                "eligible", "flags", "id", "profile", "rank", "ranking_total", "reserve",
                "sections", "selected", "status", "title", "total", "verdict")


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Selection:
    """The walk's settings and its two readings: the jury's proposal and the decided one."""

    rule: str
    top: int | None
    line: int | None  # the funding line's rank (see :class:`~isgrid.engine.select.Walk`)
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
                        "remaining": num(d.remaining)},
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
    _by_id: dict[str, DossierResult] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((d.id, d) for d in self.dossiers)

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
        return self.journal.voted

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
            "changes": [dict(x) for x in self.changes],
            "journal": {"entries": self.journal.entries, "head": self.journal.head,
                        "voted": self.journal.voted},
        }
        if self.constraints is not None:
            out["constraints"] = self.constraints.to_json()
        return out


    #: dossiers encoded at once by :meth:`_encoded_records` (bounds the memory they take)
    _ENCODE_CHUNK = 4096

    def _encoded_records(self) -> Iterator[bytes]:
        """Each dossier's record as the result JSON writes it (compact, sorted keys): the
        bytes ``io.write`` encodes ``d.to_json()`` to, assembled from pieces.

        A national call writes 20,000 records: encoding each as a dict of dicts, its
        keys sorted at every level, took half of the writing.  Here the keys are
        written in their sorted order (:data:`_RECORD_KEYS`), each value encoded on
        its own, the maps that dossiers share (eligibility outcomes, decisions) once
        per writing, and the cells of a few thousand dossiers at once
        (:meth:`Cells.encoded_many`).  A value orjson refuses (an integer beyond 64
        bits in a hostile call), in a field or a cell, sends its whole record through
        the generic path, so the bytes are always the generic ones, those of
        ``to_json()`` and of ``to_json(shared=True)`` (``tests/engine/test_record_bytes.py``).
        """
        import orjson

        dumps = orjson.dumps
        sort = orjson.OPT_SORT_KEYS
        cache: dict[Any, Any] = {}
        shared: dict[int, bytes] = {}  # id of an eligibility map or a decision -> its JSON
        literal = _literal
        everyone = self.dossiers
        for start in range(0, len(everyone), self._ENCODE_CHUNK):
            chunk = everyone[start:start + self._ENCODE_CHUNK]
            rows = [d.criteria for d in chunk if isinstance(d.criteria, Cells)]
            made: Iterator[bytes] | None
            try:
                made = iter(Cells.encoded_many(rows, cache))
            except (orjson.JSONEncodeError, TypeError, ValueError):
                made = None  # each dossier's cells on their own, below
            for d in chunk:
                crit = next(made) if made is not None and isinstance(d.criteria, Cells) \
                    else None
                try:
                    if crit is None:
                        crit = (d.criteria.encoded({}).json if isinstance(d.criteria, Cells)
                                else dumps(d.criteria, option=sort))
                    elig = shared.get(id(d.eligibility))
                    if elig is None:
                        elig = shared[id(d.eligibility)] = dumps(d.eligibility, option=sort)
                    dec = shared.get(id(d.decision))
                    if dec is None:
                        dec = shared[id(d.decision)] = dumps(d.decision.to_json(), option=sort)
                    yield b"".join((
                        b'{"amounts":', dumps(d.amounts, option=sort),
                        b',"checklist":', dumps(_plain(d.checklist), option=sort)
                        if d.checklist else b"null",
                        b',"complete":', literal(d.complete),
                        b',"criteria":', crit,
                        b',"decision":', dec,
                        b',"eligibility":', elig,
                        b',"eligible":', literal(d.eligible),
                        b',"flags":', dumps(d.flags),
                        b',"id":', dumps(d.id),
                        b',"profile":', dumps(_plain(d.profile), option=sort)
                        if d.profile else b"null",
                        b',"rank":', dumps(d.rank),
                        b"" if d.ranking_total is None
                        else b',"ranking_total":' + dumps(d.ranking_total),
                        b',"reserve":', literal(d.reserve),
                        b',"sections":', dumps(d.sections, option=sort),
                        b',"selected":', literal(d.selected),
                        b',"status":', dumps(d.status),
                        b',"title":', dumps(d.title),
                        b',"total":', dumps(d.total),
                        b',"verdict":', dumps(d.verdict), b"}"))
                except (orjson.JSONEncodeError, TypeError, ValueError):
                    yield compact(d.to_json())


def deep_frozen(x: Any) -> Any:
    """A read-only copy: mappings as read-only dicts, lists as tuples."""
    if isinstance(x, Mapping):
        return FrozenDict({k: deep_frozen(v) for k, v in x.items()})
    if isinstance(x, list | tuple):
        return tuple(deep_frozen(v) for v in x)
    return x


def _plain(x: Any) -> Any:
    """Mappings and tuples as dicts and lists, recursively (for JSON)."""
    if isinstance(x, Mapping):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, tuple | list):
        return [_plain(v) for v in x]
    return x
