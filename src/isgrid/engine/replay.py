"""The journal replayed over the jury's proposal, entry by entry (:func:`isgrid.engine.decide.
decide`, whose docstring says the rules: places freed and offered again, the tie at the
line, the reserve after decisions, overrides).

:class:`Replay` holds what the replay carries from one entry to the next: who was proposed
in a freed place (``promoted_at``), who was left to people (``tied_at``, ``open_ties``), the
tie at the line and how it was settled (``line_tie``, ``taken_at``), the places freed
(``places``, ``withdrawals``), and, for the money, the grants a later decision made outside
every place (``spent``, counted ahead of the offers recorded before them).  Its methods are
the replay's steps: :meth:`Replay.offer` (one freed place, by the selection walk),
:meth:`Replay.reoffer` (a place left to people, offered again), :meth:`Replay.settle_line`,
:meth:`Replay.reserve`; :meth:`Replay.run` passes the entries in journal order, then makes
each dossier's :class:`~isgrid.engine.journaled.Decided` (:meth:`Replay.decided`).
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from ..call.journal import Entry
from ..vocabulary import STAGES, num
from .journaled import (
    AJOURNE,
    FREEING,
    RESERVE,
    RETENU,
    Decided,
    Journal,
    Journaled,
    Proposed,
    effective,
    granted_amount,
    journaled,
    reshuffled,
    selected_after,
    votes_of,
)
from .money import Tally, less
from .result import Decision, StageDecision, frozen_map
from .select import Candidate, Held, Rules, reserve_list, walk
from .tallies import Tallies
from .touched import Places, Touched, _State

#: the dossiers a decision retains outside every place (:meth:`Replay.run`'s ``outside``):
#: id -> (the seq of the decision that retained it, the money it is granted)
Spent = Mapping[str, tuple[int, float]]


def line_tie_of(proposal: Sequence[Proposed]) -> dict[str, Any] | None:
    """The tie at the funding line as the proposal leaves it (the walk stops at it: one
    group), before any entry settles it; None when there is none."""
    line = [p for p in proposal if p.tie_at_line]
    return {"rank": line[0].rank, "tied": tuple(p.id for p in line), "settled": None,
            "chosen": (), "taken": ()} if line else None


class Replay:
    """One replay of the journal ``journal`` over the proposal, with the grants ``spent``
    ahead of the offers recorded before the decisions that made them (module docstring)."""

    def __init__(self, proposal: Sequence[Proposed], cands: Sequence[Candidate],
                 rules: Rules, journal: Journal, entries: Sequence[Entry],
                 facts: Mapping[str, Mapping[str, Any]], spent: Spent) -> None:
        self.proposal, self.cands, self.rules = proposal, cands, rules
        self.journal, self.entries, self.facts, self.spent = journal, entries, facts, spent
        self.by_id = {p.id: p for p in proposal}
        self.offer_seqs: list[int] = []  # the entries that offered a freed place
        # a decision that retained a dossier holding no place just before it: id -> its seq
        self.retained_outside: dict[str, int] = {}
        self.promoted_at: dict[str, tuple[int, str]] = {}  # id -> (seq, id it replaces)
        self.tied_at: dict[str, int] = {}  # id -> seq of the entry that left it to people
        self.withdrawn: set[str] = set()
        self.withdrawals: list[dict[str, Any]] = []
        self.places: list[dict[str, Any]] = []  # the places freed (withdrawals, refusals)
        self.selecting = rules.selecting
        # the tie at the funding line and how it is settled
        self.line = [p for p in proposal if p.tie_at_line]
        self.line_ids = {p.id for p in self.line}
        self.line_tie = line_tie_of(proposal)
        self.taken_at: dict[str, int] = {}  # id -> seq of the decision the line took it at
        # -- what every entry reads, carried from one entry to the next (engine/touched.py):
        # a dossier with nothing recorded, never promoted nor taken at the line (most of a
        # large call) keeps the proposal's outcome and the place (and money) the proposal
        # gave it, whatever the entry; the others (``touched``: a set that only grows) are
        # worked out again only when the replay passes an entry that changes them.  Each
        # freed place thus costs what its entry changed, not the size of the call nor what
        # the journal touched so far (a national call's séance refusing hundreds of
        # dossiers, each voted over after, was quadratic).
        self.index = {c.id: k for k, c in enumerate(cands)}  # rank order
        self.cursor = Touched(proposal, cands, journal, self.promoted_at, self.taken_at,
                              facts, rules.constraints, by_id=self.by_id, index=self.index)
        # the places the proposal holds, of the untouched dossiers
        self.base_held = self.cursor.base_held
        self.one = self.cursor.one
        self.held_place = self.cursor.held_place
        # the grants ``spent``, in the order of the decisions that made them, with the
        # money of each suffix (what spent_after reads at each freed place)
        spent_list = sorted(spent.items(), key=lambda x: x[1][0])
        self.spent_ats = [at for _, (at, _) in spent_list]
        self.spent_held = [Held(i, amount, facts.get(i, {})) for i, (_, amount) in spent_list]
        money = [Tally()]
        for h in reversed(self.spent_held):
            money.append(money[-1].copy())
            money[-1].put(h.amount)
        money.reverse()
        self.spent_money = money
        # with constraints, the counts of the grants spent_after gives (:mod:`.tallies`):
        # the replay only moves forward, and so does the suffix, a grant taken out as it
        # is passed
        self.ahead_at = 0
        self.ahead = (Tallies(rules.constraints, self.spent_held) if rules.constraints
                      else None)
        # the places left to people (tied, nobody proposed) not settled yet, each with the
        # records that say it and the dossiers never offered it (see reoffer), by the
        # order they were left in; ``tied_in``: each tied dossier's, read at its entries
        self.open_ties: dict[int, tuple[list[dict[str, Any]], set[str]]] = {}
        self.tied_in: dict[str, list[int]] = {}
        self.keys_left = itertools.count()

    # -- the state at an entry
    def state(self, seq: int | None) -> _State:
        """Each dossier's outcome (and effective entry) just before entry ``seq``: the
        touched ones worked out, the others read from the proposal (``seq`` only moves
        forward)."""
        return self.cursor.at(seq)

    def held(self, seq: int | None) -> list[Held]:
        """The places held just before entry ``seq``, with their money: the proposal's
        untouched ones, then the touched ones (the order changes nothing: what reads them
        counts them and sums their money exactly)."""
        self.cursor.at(seq)
        return [*self.base_held.values(), *self.cursor.plain.values()]

    def promote(self, i: str, seq: int, freed_by: str) -> None:
        self.promoted_at[i] = (seq, freed_by)
        self.cursor.touch(i, seq)

    def settled(self, seq: int | None) -> set[int]:
        """The rank of the tie at the line when it was settled before entry ``seq``
        (:meth:`settle_line`), else nothing."""
        tie = self.line_tie
        if tie is None or tie["settled"] is None or (
                seq is not None and tie["settled"]["seq"] >= seq):
            return set()
        return {tie["rank"]}

    def reserve(self, now: _State, hold: Sequence[Held], seq: int | None) -> list[str]:
        """The reserve list in the state ``now`` just before entry ``seq``, with the places
        ``hold`` held (docs/decisions.md, « The reserve after decisions »)."""
        ties = self.settled(seq)
        by_id, index, cands, cursor = self.by_id, self.index, self.cands, self.cursor

        def pooled(c: Candidate) -> bool:
            outcome, eff = now[c.id]
            return (outcome not in (RETENU, "retiré") and (eff is None or outcome == RESERVE)
                    and (not by_id[c.id].tie_at_line or c.rank in ties))

        # those decided réserve (and the dossier a freed place's entry changed in ``now``:
        # offer, it is out of what the place is offered): each counts in the list's length
        # where its rank puts it (confirming the proposed reserve adds nobody to it), and
        # stays on it beyond (docs/decisions.md, « The reserve after decisions »)
        mine = cursor.reserved if now is cursor.now else {*cursor.reserved, *dict.keys(now)}
        decided = {i for i in mine if i in index and now[i][1] is not None
                   and now[i][0] == RESERVE and pooled(cands[index[i]])}
        # with the undecided ones lazily, in rank order: reserve_list reads no further than
        # the reserve needs (the untouched retained ones, never pooled, are not even read)
        tallies = getattr(hold, "tallies", None)
        ids, _ = reserve_list(heapq.merge(
            (c for c in heapq.merge(cursor.untouched_pool(tallies),
                                    cursor.touched_pool(tallies), key=lambda c: index[c.id])
             if now[c.id][1] is None and pooled(c)),
            sorted((cands[index[i]] for i in decided), key=lambda c: index[c.id]),
            key=lambda c: index[c.id]), self.rules, hold)
        return sorted({*ids, *decided}, key=index.__getitem__)

    # -- the money a freed place is offered
    def spent_after(self, seq: int) -> tuple[list[Held], Tally]:
        """The grants ``spent`` by decisions recorded after entry ``seq`` (a budget only),
        and their money."""
        if self.rules.budget is None:
            return [], self.spent_money[-1]
        k = bisect.bisect_right(self.spent_ats, seq)
        return self.spent_held[k:], self.spent_money[k]

    def ahead_tallies(self, seq: int) -> Tallies:
        """The counts of :meth:`spent_after`'s grants (constraints only)."""
        k = bisect.bisect_right(self.spent_ats, seq) if self.rules.budget is not None else len(
            self.spent_held)
        at, t = self.ahead_at, self.ahead
        assert t is not None
        if k < at:  # never, as the replay moves forward; counted again if it did
            at, t = k, Tallies(self.rules.constraints, self.spent_held[k:])
        for h in self.spent_held[at:k]:
            t.take(h)
        self.ahead_at, self.ahead = k, t
        return t

    def available_beside(self, money: Tally, seq: int) -> float | None:
        """The money a place offered at entry ``seq`` is offered: the budget less the
        places held (their ``money``) and the grants decided later (:meth:`spent_after`)."""
        budget = self.rules.budget
        return None if budget is None else less(budget, money.total(self.spent_after(seq)[1]))

    # -- a freed place offered
    def offer(self, now: _State, hold: Places, money: Tally, seq: int, out: set[str],
              by: Entry, before: Places | None = None
              ) -> tuple[list[str], list[str], Mapping[str, Any]]:
        """One freed place offered by the selection walk (:mod:`.decide`'s docstring),
        with the places ``hold`` held in the state ``now`` at entry ``seq`` (``money``: what
        they hold, kept running by the replay: a national call holds thousands): the
        reserve, and ahead of it in rank order a tie at the line nobody settled, never the
        dossiers ``out`` (who freed the place, one demoted to réserve stays out; the tied
        ones refused since).  Returns who is proposed in it, who is tied for it, and the
        round of ``offers`` that says it (``by``: the entry that offered the place;
        ``before``: the places held just before it, the dossier freeing the place among
        them: the round's ``reserve`` names who was on the reserve then, not one a maximum
        blocked until the place was freed, which the walk may take now that the maximum
        lets it in)."""
        rules, index, cands = self.rules, self.index, self.cands
        ties = self.settled(seq)
        waiting = {p.id for p in self.line if p.rank not in ties
                   and now[p.id][1] is None and now[p.id][0] is None}
        on_reserve = set(self.reserve(now, hold, seq))
        # the grants decided later on dossiers that hold no place: spent before the offer
        ahead, ahead_money = self.spent_after(by.seq)
        listed = {i for i in (on_reserve | waiting) - out
                  if rules.budget is None or self.spent.get(i, (by.seq,))[0] <= by.seq}
        hold = Places(*hold.parts, ahead, tallies=None if hold.tallies is None else Tallies(
            rules.constraints, below=(hold.tallies, self.ahead_tallies(by.seq))))
        held_money = money.total(ahead_money)
        self.offer_seqs.append(by.seq)
        if by.seq != seq:  # on the reserve before the entry that offers the place again (a
            # tied dossier's refusal settles the tie at the line: the other joins it then)
            on_reserve = set(self.reserve(now, hold, by.seq))
        pool = [cands[k] for k in sorted(index[i] for i in listed if i in index)]
        # one dossier in the freed place: the walk with room for one more, taking the
        # first reserve dossier that fits the money left (a reserve list is called in
        # order "dans la limite des crédits disponibles": skip, whatever the call's rule
        # for the proposal)
        room = len(hold) + 1 if rules.top is None else min(rules.top, len(hold) + 1)
        # under `top`, a grant decided later outside every place (``ahead``, in ``hold``
        # for its money) takes no place from the offer: the first reserve dossier is
        # proposed (docs/decisions.md, « Places freed »); the spent-ahead rule is money's
        room += len(ahead) if rules.top is not None else 0
        offered = dataclasses.replace(rules, reserve=0, top=room, rule="skip")
        # who is taken, or tied, is all the offer reads (explain: the reserve and the
        # walk's reasons, which change neither; it would list the places held)
        w = walk(pool, offered, hold, explain=False, held_money=held_money)
        promoted = list(w.selected)
        tied = [i for i, pk in w.picks.items() if pk.selected is None]
        if rules.top is None and not promoted and len(tied) > 1 and set(tied) == (
                listed & waiting):
            # the tie at the line nobody settled heads the offer: with a budget its members
            # are taken together when they all fit the money left (the line's rule,
            # settle_line: once they all fit they are taken), else left to people; never
            # only some of them, never a reserve dossier beside them (room for them only)
            w = walk(pool, dataclasses.replace(offered, top=len(hold) + len(tied)), hold,
                     explain=False, held_money=held_money)
            if set(w.selected) == set(tied):
                promoted, tied = list(w.selected), []
        if before is not None:  # the reserve as it stood before the entry
            on_reserve = set(self.reserve(now, before, seq))
        return promoted, tied, frozen_map({
            "seq": by.seq, "dossier": by.dossier, "promoted": tuple(promoted),
            "tied": tuple(tied), "reserve": tuple(i for i in promoted if i in on_reserve),
            "candidates": len(pool)})

    def leave_open(self, records: list[dict[str, Any]], out: set[str]) -> None:
        """A place left to people (its ``records`` say it; ``out``: the dossiers never
        offered it), until a decision settles it (:meth:`reoffer`)."""
        key = next(self.keys_left)
        self.open_ties[key] = (records, out)
        for i in records[0]["tied"]:
            self.tied_in.setdefault(i, []).append(key)

    def reoffer(self, e: Entry) -> None:
        """A place left to people whose tied dossier ``e`` refuses (``non retenu``,
        ``réserve``) or withdraws is offered again, by the same walk, to what is left (the
        next in line); a decision retaining one of them settles it for good."""
        after = e.seq + 1  # the state just after entry e (seqs are whole numbers)
        open_ties, tied_in, cursor = self.open_ties, self.tied_in, self.cursor
        keys = sorted({k for k in tied_in.get(e.dossier, ()) if k in open_ties
                       and e.dossier in open_ties[k][0][0]["tied"]})
        for key in keys:
            records, out = open_ties[key]
            outcome, eff = self.one(self.by_id[e.dossier], after)
            if outcome == RETENU:
                del open_ties[key]  # the tie is settled: the place is the one retained's
                for r in records:
                    r["settled"] = frozen_map({"dossier": e.dossier, "seq": e.seq})
                continue
            if eff is not e or outcome not in (*FREEING, "retiré"):
                continue  # postponed, or an earlier stage's record: it still competes
            out.add(e.dossier)
            now = self.state(after)
            # the places held just after e, each with the money decided in the end
            hold = Places(self.base_held.values(), cursor.end.values(),
                          tallies=cursor.tallies)
            money = cursor.money.copy()
            promoted, tied, round_ = self.offer(now, hold, money, after, out, e)
            freed_by = records[0]["dossier"]
            for i in promoted:
                self.promote(i, e.seq, freed_by)
            for i in tied:
                self.tied_at.setdefault(i, e.seq)
            available = self.available_beside(money, e.seq)
            for r in records:
                r.update(replacement=promoted[0] if promoted else None,
                         promoted=tuple(promoted), tied=tuple(tied), offered_at=e.seq,
                         available=num(available) if available is not None else None,
                         offers=(*r["offers"], round_))
            if not tied:
                del open_ties[key]
            for i in tied:
                tied_in.setdefault(i, []).append(key)

    def settle_line(self, e: Entry) -> None:
        """The tie at the line after a decision ``e`` on one of the tied, or its withdrawal
        (the same: a withdrawn one is out as a refused one is), or an entry ``e`` whose
        offer put some of them in a freed place (they hold that place): the proposal's walk
        again over the tied that still compete, with the places the proposal held and the
        tied retained (not those in a freed place: that place is theirs).  A refused one
        (``non retenu``, ``réserve``) or a withdrawn one is out; when what is left is no
        more a tie (those left all fit, or none does), the tie is settled by ``e``: the
        walk takes those that fit (``taken_at``), ``chosen`` says who holds a place then
        and ``taken`` who of them ``e`` put in one (the walk's, or the freed place's)."""
        line_tie, promoted_at, facts = self.line_tie, self.promoted_at, self.facts
        if line_tie is None or line_tie["settled"] is not None or not self.selecting or (
                e.dossier not in self.line_ids and not any(
                    promoted_at.get(i, (None,))[0] == e.seq for i in self.line_ids)):
            return  # a decision on one of the tied, its withdrawal, or the tied put in a
            # freed place by ``e`` only
        after = e.seq + 1
        occupying = {i for i, (seq, _) in promoted_at.items() if seq < after} | {
            x["settled"]["dossier"] for x in self.places if x["settled"] is not None}
        hold = [Held(p.id, float(p.proposed or 0.0), facts.get(p.id, {}))
                for p in self.proposal if p.selected is True]
        competing: set[str] = set()
        for p in self.line:
            outcome, eff = self.one(p, after)
            if p.id in occupying:
                continue
            if outcome == RETENU:
                g = granted_amount(self.journal.before(p.id, after), eff, p.proposed)
                hold.append(Held(p.id, float(g or 0.0), facts.get(p.id, {})))
            elif outcome in (None, AJOURNE):
                competing.add(p.id)
        w = walk([c for c in self.cands if c.id in competing],
                 dataclasses.replace(self.rules, reserve=0), hold, explain=False)
        if any(pk.selected is None for pk in w.picks.values()):
            return  # those left cannot all be taken: a tie still, people choose
        for i in w.selected:
            self.taken_at[i] = e.seq
            self.cursor.touch(i, e.seq)
        line_tie.update(settled=frozen_map({"dossier": e.dossier, "seq": e.seq}), chosen=tuple(
            p.id for p in self.line if self.one(p, after)[0] == RETENU), taken=tuple(
            p.id for p in self.line if p.id in w.selected or promoted_at.get(p.id, (None,))[0]
            == e.seq))

    # -- the journal, entry by entry
    def run(self) -> tuple[Journaled, dict[str, tuple[int, float]], list[int]]:
        """The replay (:func:`isgrid.engine.decide.decide`'s ``_replay``): the journal's
        result, the dossiers a decision retained while they held no place (``outside``,
        what ``spent`` reads) and the seqs of the entries that offered a place."""
        # -- places freed, in journal order: a withdrawal, or a refusal of a retained
        # dossier, frees its money and the reserve is walked for one dossier in its place
        for e in self.journal.entries:
            self.passed(e)
        outside = self.outside()
        return (journaled(self.proposal, self.decided(), self.rules, self.journal,
                          self.withdrawals, self.places, self.entries, self.line_tie),
                outside, self.offer_seqs)

    def passed(self, e: Entry) -> None:
        """The replay past entry ``e``: the place it frees offered (a withdrawal, or a
        refusal of a dossier the selection held), a place left to people offered again, the
        tie at the line settled."""
        by_id, cursor, rules = self.by_id, self.cursor, self.rules
        if e.kind == "withdrawal":
            self.withdrawn.add(e.dossier)
        elif (e.outcome not in FREEING or not self.held_place(by_id[e.dossier], e.seq)
              or effective([*self.journal.before(e.dossier, e.seq), e]) is not e):
            p = by_id[e.dossier]
            if e.outcome == RETENU and not p.tie_at_line and not self.held_place(p, e.seq) \
                    and self.one(p, e.seq + 1)[1] is e:
                self.retained_outside[e.dossier] = e.seq  # a grant beside every place held
            self.reoffer(e)  # frees no place; it may refuse a dossier tied for one
            self.settle_line(e)
            return  # a refusal frees a place only when it takes one the selection held
        # the state just before e, which the offer reads with e's own reading changed
        now = _State(self.state(e.seq), {})
        # the places held (a postponed one's too: held_place); the entry's dossier is a
        # touched one, and so is any a later decision changes (in_the_end reads only those)
        cursor.at(e.seq)
        before = Places(self.base_held.values(), cursor.plain.values(),  # a maximum lifted
                        tallies=cursor.plain_tallies) if rules.constraints else None  # by it
        its = cursor.plain.get(e.dossier)
        was_retained = its is not None
        freed = its.amount if its is not None else 0.0
        # the others, each with the money decided for it in the end, and what they hold
        money = cursor.money.copy()
        its_end = cursor.end.pop(e.dossier, None)  # out of the places read, put back after
        if its_end is not None:
            money.take(its_end.amount)
            if cursor.tallies is not None:
                cursor.tallies.take(its_end)
        hold = Places(self.base_held.values(), cursor.end.values(), tallies=cursor.tallies)
        available = self.available_beside(money, e.seq)
        promoted: list[str] = []
        tied: list[str] = []
        offers: tuple[Mapping[str, Any], ...] = ()
        if was_retained and self.selecting:
            now[e.dossier] = ("retiré" if e.kind == "withdrawal" else e.outcome, e)
            promoted, tied, round_ = self.offer(now, hold, money, e.seq, {e.dossier}, e,
                                                before)
            offers = (round_,)
        if its_end is not None:
            cursor.end[e.dossier] = its_end  # the places held, read again from here on
            if cursor.tallies is not None:
                cursor.tallies.put(its_end)
        for i in promoted:
            self.promote(i, e.seq, e.dossier)
        for i in tied:
            self.tied_at.setdefault(i, e.seq)
        place = {"dossier": e.dossier, "seq": e.seq, "by": e.by, "reason": e.reason,
                 "freed": num(freed) if was_retained else None,
                 "available": num(available) if available is not None
                 and was_retained else None,
                 "replacement": promoted[0] if promoted else None,
                 "promoted": tuple(promoted), "tied": tuple(tied),
                 "offered_at": e.seq if was_retained else None,
                 "offers": offers, "settled": None}
        records: list[dict[str, Any]] = []
        if e.kind == "withdrawal":
            self.withdrawals.append(place)
            records.append(place)
        if was_retained:
            self.places.append({**place, "kind": e.kind, "stage": e.stage,
                                "outcome": "retiré" if e.kind == "withdrawal" else e.outcome})
            records.append(self.places[-1])
        if tied:
            self.leave_open(records, {e.dossier})
        if e.kind == "withdrawal":
            self.reoffer(e)  # a tied dossier that withdraws leaves the place to the others
        self.settle_line(e)

    def outside(self) -> dict[str, tuple[int, float]]:
        """The dossiers retained by a decision while they held no place, still so: not one
        whose place was freed before (the vote going back on its refusal retains it beside
        who took its place: an overrun of the vote's own), nor one retained in a place left
        to people (that decision settled who takes it)."""
        outside: dict[str, tuple[int, float]] = {}
        first_freed: dict[str, int] = {}  # a dossier: the first entry that freed its place
        for f in (*self.places, *self.withdrawals):
            first_freed[f["dossier"]] = min(f["seq"], first_freed.get(f["dossier"], f["seq"]))
        settling = {f["settled"]["dossier"] for f in self.places if f["settled"] is not None}
        for i, at in self.retained_outside.items():
            outcome, eff = self.one(self.by_id[i], None)
            if outcome != RETENU or eff is None or eff.kind != "decision" or first_freed.get(
                    i, at) < at or i in settling:
                continue
            g = granted_amount(self.journal.before(i, None), eff, self.by_id[i].proposed)
            outside[i] = (at, float(g or 0.0))
        return outside

    # -- the state after the journal
    def decided(self) -> dict[str, Decided]:
        """Each dossier's :class:`~isgrid.engine.journaled.Decided` once the journal is
        passed."""
        journal, promoted_at, taken_at, tied_at = (self.journal, self.promoted_at,
                                                   self.taken_at, self.tied_at)
        withdrawn, selecting = self.withdrawn, self.selecting
        out: dict[str, Decided] = {}
        final = self.state(None)
        # the money held matters to the reserve only through the maximums (select.blocker)
        final_reserve = set(self.reserve(final, self.held(None) if self.rules.constraints
                                         else [], None)) if selecting else set()
        ties = self.settled(None)
        # who replaces whom: the latest entry that freed the dossier's place (or withdrew it)
        replaced_by = {w["dossier"]: w["promoted"] for w in sorted(
            [*self.withdrawals, *(x for x in self.places if x["kind"] != "withdrawal")],
            key=lambda x: x["seq"])}
        undecided: dict[tuple[str | None, str | None], Decision] = {}
        unrecorded: dict[tuple[str | None, bool | None, bool], Decided] = {}
        for p in self.proposal:
            if p.id not in journal.per and p.id not in promoted_at \
                    and p.id not in replaced_by and p.id not in taken_at:
                # Nothing recorded about it and no withdrawal put it in a place (most
                # dossiers of a large call): what the general case below gives then, one
                # frozen Decided per reading of the proposal, shared (time at national
                # scale).
                outcome = final[p.id][0]  # the proposal's outcome
                selected = selected_after(p, outcome, None, None, None, ties, selecting)
                in_reserve = p.id in final_reserve and outcome != RETENU
                key = (outcome, selected, in_reserve)
                shared = unrecorded.get(key)
                if shared is None:
                    later = reshuffled(p.outcome, in_reserve)
                    decision = undecided.get((p.outcome, later))
                    if decision is None:
                        decision = undecided[(p.outcome, later)] = Decision(
                            computed=p.outcome, proposed=later)
                    shared = unrecorded[key] = Decided(None, selected, in_reserve, None,
                                                       decision, (), False)
                out[p.id] = shared
                continue
            outcome, eff = final[p.id]
            mine = journal.before(p.id, None)
            prom = promoted_at.get(p.id)
            taken = taken_at.get(p.id)
            proposed_outcome = (RETENU if prom is not None or taken is not None
                                else "retiré" if p.id in withdrawn else p.outcome)

            def proposed_at(seq: int, p: Proposed = p, prom: tuple[int, str] | None = prom,
                            taken: int | None = taken) -> str | None:
                """What the engine proposed for the dossier when entry ``seq`` was
                recorded."""
                if (prom is not None and prom[0] < seq) or (taken is not None
                                                            and taken < seq):
                    return RETENU
                if p.id in tied_at and tied_at[p.id] < seq:
                    return None  # left to people at a withdrawal: settling it is no override
                return p.outcome

            decided_outcome = None if eff is None else outcome
            if prom is not None and eff is not None and eff.seq < prom[0] \
                    and eff.outcome == RESERVE:
                decided_outcome, eff = None, None  # on the reserve, now proposed in a place
            selected = selected_after(p, outcome, eff, prom, decided_outcome, ties, selecting)
            in_reserve = p.id in final_reserve and outcome != RETENU
            if decided_outcome == RESERVE:
                in_reserve = True
            if decided_outcome is None and prom is None and taken is None \
                    and p.id not in withdrawn:
                # no decision of its own: the reserve the journal left it on (or off) is
                # what isgrid proposes for it now
                proposed_outcome = reshuffled(p.outcome, in_reserve)
            stages: dict[str, StageDecision] = {}
            for x in mine:
                if x.kind != "decision" or x.outcome is None:
                    continue
                stages[x.stage] = StageDecision(
                    x.outcome, None if x.amount is None else float(x.amount), x.by, x.reason,
                    x.seq, x.at, (was := proposed_at(x.seq)) is not None and x.outcome != was,
                    x.motivation, votes_of(x), x.reference)
            flags = tuple(f"overridden:{s}" for s in STAGES
                          if s in stages and stages[s].overridden)
            granted = (granted_amount(mine, eff, p.proposed) if decided_outcome == RETENU
                       else None)
            if not mine and prom is None and p.id not in replaced_by and taken is None:
                # nothing recorded about it (most dossiers of a large call): one frozen
                # Decision per computed outcome, shared (time and memory at national scale)
                decision = undecided.get((p.outcome, proposed_outcome))
                if decision is None:
                    decision = undecided[(p.outcome, proposed_outcome)] = Decision(
                        computed=p.outcome, proposed=proposed_outcome)
            else:
                decision = Decision(
                    computed=p.outcome, proposed=proposed_outcome,
                    stages=frozen_map({s: stages[s] for s in STAGES if s in stages}),
                    outcome=decided_outcome,
                    stage=eff.stage if eff is not None else None,
                    by=eff.by if eff is not None else None,
                    reason=eff.reason if eff is not None else None,
                    seq=eff.seq if eff is not None else None,
                    replaces=prom[1] if prom is not None else None,
                    replaced_by=replaced_by.get(p.id, ()))
            out[p.id] = Decided(decided_outcome, selected, in_reserve, granted, decision,
                                flags, prom is not None)
        return out
