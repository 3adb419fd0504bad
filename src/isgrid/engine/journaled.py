"""The journal read per dossier, and the records :func:`isgrid.engine.decide.decide` fills.

Which decision counts (:func:`effective`), the money a ``retenu`` decision grants
(:func:`granted_amount`), the proposal as the engine hands it over (:class:`Proposed`) and
what the journal makes of it (:class:`Decided`, :class:`Journaled`); the rules are
:mod:`isgrid.engine.decide`'s docstring.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..call.journal import Entry
from ..vocabulary import STAGES, Outcome, Status, num
from .frozen import record
from .money import add, held_total, less
from .result import Budget, Decision, Votes, frozen_map, held
from .select import Rules
from .status import vote_stands

RETENU: str = Outcome.RETENU.value
RESERVE: str = Outcome.RESERVE.value
AJOURNE: str = Outcome.AJOURNE.value
NON_RETENU: str = Outcome.NON_RETENU.value
#: the decisions that free the place of a dossier the selection held (``ajourné`` does not:
#: the committee will decide later)
FREEING = frozenset({Outcome.NON_RETENU.value, RESERVE})


# ---------------------------------------------------------------- decisions
def _stage_index(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else -1


def effective(entries: Sequence[Entry]) -> Entry | None:
    """The entry that sets a dossier's outcome (see the module's rule)."""
    current: Entry | None = None
    for e in sorted(entries, key=lambda e: e.seq):
        if e.kind not in ("decision", "withdrawal"):
            continue
        if (current is None or e.kind == "withdrawal" or current.kind == "withdrawal"
                or _stage_index(e.stage) >= _stage_index(current.stage)):
            current = e
    return current


def entry_view(e: Entry) -> dict[str, Any]:
    return {
        "seq": e.seq, "kind": e.kind, "stage": e.stage, "dossier": e.dossier,
        "outcome": "retiré" if e.kind == "withdrawal" else e.outcome,
        "amount": num(e.amount), "by": e.by, "reason": e.reason, "at": e.at,
        "motivation": e.motivation,
        "votes": v.to_json() if (v := votes_of(e)) is not None else None,
        "reference": e.reference,
    }


@record
class Proposed:
    """One dossier as the proposal left it (the input of :func:`decide`)."""

    id: str
    title: str
    rank: int | None
    outcome: str | None  # the computed outcome (status_of's reading of the proposal)
    selected: bool | None
    tie_at_line: bool
    proposed: float | None  # the amount the proposal holds for it
    reserve: bool  # on the proposal's reserve
    cells: Mapping[str, Any]  # criterion id -> its cell (the changes list shows ``raw``)


@record
class Decided:
    """One dossier after the journal."""

    outcome: str | None  # the effective decided outcome (retiré for a withdrawal)
    selected: bool | None
    reserve: bool
    granted: float | None
    decision: Decision
    flags: tuple[str, ...]
    promoted: bool  # proposed in the place of a dossier withdrawn or refused


@dataclass(frozen=True, slots=True)
class Journaled:
    dossiers: Mapping[str, Decided]
    budget: Budget
    decisions: tuple[Mapping[str, Any], ...]
    withdrawals: tuple[Mapping[str, Any], ...]
    decided: bool  # a decision or a withdrawal is recorded
    #: the places freed, in journal order: each withdrawal of a retained dossier and each
    #: refusal (``non retenu``, ``réserve``) of one, with who was proposed in its place
    freed_places: tuple[Mapping[str, Any], ...] = ()
    #: the tie at the funding line and how it was settled (:func:`decide`): ``{rank, tied,
    #: settled, chosen}``, None without one
    line_tie: Mapping[str, Any] | None = None


def votes_of(e: Entry) -> Votes | None:
    """The vote counts of a decision entry, when recorded."""
    if e.votes_for is None or e.votes_against is None or e.abstentions is None:
        return None
    return Votes(e.votes_for, e.votes_against, e.abstentions)


def granted_amount(mine: Sequence[Any], eff: Any | None, proposed: float | None,
                   get: Callable[[Any, str], Any] = getattr) -> float | None:
    """Money granted by a ``retenu`` decision ``eff``: its amount, else an earlier one's (of
    ``mine``, the dossier's entries before it), else the proposed amount.  The one rule:
    the engine reads journal entries (``get``: attributes), the annex of a deliberation
    the result's ``decisions`` (``get``: keys; :func:`isgrid.documents.deliberation.voted_by`)."""
    if eff is not None and get(eff, "kind") == "decision" and get(eff, "amount") is not None:
        return float(get(eff, "amount"))
    for e in reversed(mine):
        if eff is not None and get(e, "seq") > get(eff, "seq"):
            continue  # recorded later, at an earlier stage: it corrects that stage's record
        if (get(e, "kind") == "decision" and get(e, "outcome") == RETENU
                and get(e, "amount") is not None):
            return float(get(e, "amount"))
    return proposed


class Journal:
    """The journal's decisions and withdrawals, read per dossier."""

    def __init__(self, entries: Sequence[Entry], ids: set[str]) -> None:
        self.entries = sorted((e for e in entries if e.kind in ("decision", "withdrawal")
                               and e.dossier in ids), key=lambda e: e.seq)
        self.per: dict[str, list[Entry]] = {}
        for e in self.entries:
            self.per.setdefault(e.dossier, []).append(e)

    def before(self, did: str, seq: int | None) -> list[Entry]:
        mine = self.per.get(did, [])
        return mine if seq is None else [e for e in mine if e.seq < seq]


def money_of(requested: float | None, proposed: float | None, dec: Decided, status: str
             ) -> tuple[float | None, float | None, float | None]:
    """A dossier's ``amounts`` (requested, proposed, granted) after the journal: only a vote
    grants (docs/decisions.md): the amount a ``retenu`` decision holds (``dec.granted``) is
    the amount proposed until a vote standing retained the dossier (``status``: its
    status), then the amount granted, the amount proposed staying the jury's when a jury
    stage retained it with one (what the jury proposed, not the call's computed amount:
    review rev-chair F3, « Proposé 27 000 € » beside the jury's 20 000 € once voted)."""
    if dec.granted is None:  # nothing decided grants it (most dossiers): as proposed
        return requested, proposed, None
    if not vote_stands(status, dec.decision.stages):
        return requested, dec.granted, None
    jury = dec.decision.stages.get("jury")
    if jury is not None and jury.outcome == RETENU and jury.amount is not None:
        proposed = jury.amount
    return requested, proposed, dec.granted


def journaled(proposal: Sequence[Proposed], out: dict[str, Decided], rules: Rules,
               journal: Journal, withdrawals: list[dict[str, Any]],
               places: list[dict[str, Any]], entries: Sequence[Entry],
               line_tie: dict[str, Any] | None) -> Journaled:
    """The decided budget and the journal's lists, once every dossier is decided."""
    by_id = {p.id: p for p in proposal}
    sel_ids = tuple(p.id for p in proposal if out[p.id].selected is True)

    committed = held_total(held(out[i].granted, by_id[i].proposed) for i in sel_ids)
    budget = Budget(
        selected=sel_ids,
        reserve=tuple(p.id for p in proposal if out[p.id].reserve),
        budget=rules.budget, committed=committed,
        # only a vote grants (docs/decisions.md): a jury-stage amount is proposed
        granted=add(float(out[i].granted or 0.0) for i in sel_ids
                    if vote_stands(Status.RETENU, out[i].decision.stages)),
        remaining=None if rules.budget is None else less(rules.budget, committed),
        decided=True)
    return Journaled(out, budget,
                     tuple(frozen_map(entry_view(e)) for e in journal.entries),
                     tuple(frozen_map(w) for w in withdrawals),
                     bool(journal.entries),
                     tuple(frozen_map(x) for x in places),
                     frozen_map(line_tie) if line_tie is not None else None)


def changes(proposal: Sequence[Proposed], entries: Sequence[Entry],
            dropped: Mapping[int, int]) -> list[dict[str, Any]]:
    """Every journal entry with what it replaced (for minutes and dashboards), the
    cancelled ones included: ``cancelled_by``, the cancellation's seq (``dropped``:
    :func:`isgrid.call.journal.cancelled`); a cancellation's ``cancels``, the entry's.  A
    consensus's ``previous`` is the value in effect before it (a cancelled one never was)."""
    by_id = {p.id: p for p in proposal}
    last_value: dict[tuple[str, str], Any] = {}
    out: list[dict[str, Any]] = []
    for e in sorted(entries, key=lambda e: e.seq):
        item = entry_view(e)
        item["cancels"] = e.cancels
        item["cancelled_by"] = dropped.get(e.seq)
        p = by_id.get(e.dossier)
        item["title"] = p.title if p is not None else ""
        if e.kind == "consensus" and e.criterion is not None and e.seq in dropped:
            item["criterion"] = e.criterion
            item["value"] = e.value
            cell = p.cells.get(e.criterion) if p is not None else None
            item["raw"] = cell.raw if cell is not None else None
            item["previous"] = last_value.get((e.dossier, e.criterion))
        elif e.kind == "consensus" and e.criterion is not None:
            item["criterion"] = e.criterion
            item["value"] = e.value
            cell = p.cells.get(e.criterion) if p is not None else None
            item["raw"] = cell.raw if cell is not None else None
            item["previous"] = last_value.get((e.dossier, e.criterion))
            last_value[(e.dossier, e.criterion)] = e.value
        else:
            item["criterion"] = None
            item["value"] = None
            item["raw"] = None
            item["previous"] = None
        out.append(item)
    return out


def selected_after(p: Proposed, outcome: str | None, eff: Entry | None,
              prom: tuple[int, str] | None, decided_outcome: str | None, ties: set[int],
              selecting: bool) -> bool | None:
    """``selected`` after the journal, for every dossier (``outcome``: its outcome after
    the journal; ``eff``: the entry that decided it; ``prom``: the withdrawal that put
    it in a place; ``ties``: the ranks of ties at the line settled by a decision)."""
    if not selecting and decided_outcome is None and prom is None:
        return p.selected
    if outcome == RETENU:
        return True
    if outcome is not None:
        return False
    if p.tie_at_line and p.rank in ties:
        return False  # the tie was settled on another member
    return p.selected if (eff is None and prom is None) else False


def reshuffled(computed: str | None, in_reserve: bool) -> str | None:
    """What the engine proposes for a dossier no decision of its own decides, after the
    journal (``decision.proposed``): a dossier the proposal left out that the reserve,
    recomputed after the journal, now holds is proposed « réserve » (a withdrawal moved
    it up: review s18 F6, « IS-18 : non retenu -> réserve » while ``proposed`` said « non
    retenu »), one the proposal put on the reserve that it no longer holds « non
    retenu »; else the proposal's outcome."""
    if computed == NON_RETENU and in_reserve:
        return RESERVE
    if computed == RESERVE and not in_reserve:
        return NON_RETENU
    return computed
