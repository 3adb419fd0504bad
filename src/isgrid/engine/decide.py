"""The journal's decisions and withdrawals, applied to the jury's proposal.

DESIGN.md, "Decisions, stages and statuses"; docs/decisions.md.

Which decision counts (the *effective* one, :func:`effective`): entries are
read in journal order; a later entry replaces the current one unless it
belongs to an earlier stage (a jury decision recorded after the vote corrects
the jury's record, not the vote).  A withdrawal always applies; a decision
recorded after a withdrawal reinstates the dossier.

The state after each entry (``state`` in :func:`decide`) is what the documents state:

* a dossier decided ``retenu`` holds its granted amount (the decision's amount,
  else an earlier ``retenu`` decision's, else the proposed amount);
* a dossier the proposal selected and nobody decided keeps its place;
* a **place freed** -- a withdrawal of a retained dossier, or a refusal (a
  decision ``non retenu`` or ``réserve`` that takes effect on a dossier retained
  just before it) -- frees its money and the selection walk
  (:func:`isgrid.engine.select.walk`, the same as the proposal's) runs over the
  reserve, never the dossier that freed the place, with the others held and room
  for one more dossier: the first reserve dossier, in rank order, that fits the
  money left is proposed in the freed place (``replaces``); a tie at the head of
  what fits is left to people (``tied``) -- but the tie at the line nobody settled,
  with a budget, is taken whole when all its members fit the money left (never some
  of them, never a reserve dossier beside them) -- until a decision retains one of them: one of
  them refused (or withdrawn) is taken out and the place offered again, by the same
  walk, to what is left (``offered_at``; each offer in ``offers``, the decision that
  settled the tie in ``settled``); ``ajourné`` frees no place (it keeps it for
  the committee: a refusal after it frees it);
* the **tie at the line** (:func:`decide`'s ``settle_line``; ``line_tie``): after each
  decision on one of the tied, its withdrawal, or an entry that put some of them in a
  freed place, the proposal's walk runs again over the tied still in the
  running; it stays open while they cannot all be taken, else that decision settled it;
* the **reserve** is recomputed after the journal, in rank order, among the
  ranked dossiers neither selected nor decided, one decided ``réserve`` counting
  in the list's length where its rank puts it and staying on it beyond: a dossier
  tied at the line whose tie was settled by a decision on another member heads it;
* a stage decision differing from what the engine proposed for the dossier
  (after replacements) is flagged ``overridden:<stage>``; settling a tie or an
  unknown eligibility is not an override (the engine had not chosen).  The proposal is
  today's (the call's files as they are, replayed through the journal up to the
  decision): the journal records none, so a raised budget can make a refusal recorded
  while the dossier was tied an override (docs/decisions.md).
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
    entry_view,
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

__all__ = ["Decided", "Journaled", "Proposed", "decide", "effective", "entry_view",
           "granted_amount"]


#: the dossiers a decision retains outside every place (:func:`_replay`'s ``outside``):
#: id -> (the seq of the decision that retained it, the money it is granted)
Spent = Mapping[str, tuple[int, float]]


def decide(proposal: Sequence[Proposed], cands: Sequence[Candidate], rules: Rules,
           entries: Sequence[Entry], facts: Mapping[str, Mapping[str, Any]]) -> Journaled:
    """Apply the journal's decisions and withdrawals to the proposal (module docstring).

    A freed place is offered only the money left after every grant decided: a decision
    retaining, later in the journal, a dossier that held no place then (a vote retaining a
    reserve dossier nobody proposed, one put outside the proposal by facts changed since)
    spends its grant before any offer recorded ahead of it is made (``spent``).  Which
    decisions those are depends on who the offers proposed (a dossier proposed in a place,
    then voted, held it): the journal is replayed with them until no other turns up (once
    in a call where no decision retains a dossier after a place was offered)."""
    spent: dict[str, tuple[int, float]] = {}
    while True:
        journaled_, outside, offered = _replay(proposal, cands, rules, entries, facts, spent)
        more = {i: x for i, x in outside.items() if i not in spent
                and any(seq < x[0] for seq in offered)}
        if not more or rules.budget is None:
            return journaled_
        spent.update(more)


def _replay(proposal: Sequence[Proposed], cands: Sequence[Candidate], rules: Rules,
            entries: Sequence[Entry], facts: Mapping[str, Mapping[str, Any]], spent: Spent
            ) -> tuple[Journaled, dict[str, tuple[int, float]], list[int]]:
    """:func:`decide` with the grants ``spent`` ahead of the offers recorded before the
    decisions that made them; also returns the dossiers a decision retained while they held
    no place (``outside``, what ``spent`` reads) and the seqs of the entries that offered a
    place (``offered``)."""
    by_id = {p.id: p for p in proposal}
    offer_seqs: list[int] = []  # the entries that offered a freed place
    # a decision that retained a dossier holding no place just before it: id -> its seq
    retained_outside: dict[str, int] = {}
    journal = Journal(entries, set(by_id))
    promoted_at: dict[str, tuple[int, str]] = {}  # id -> (seq, withdrawn id it replaces)
    tied_at: dict[str, int] = {}  # id -> seq of the withdrawal that left it to people
    withdrawn: set[str] = set()
    withdrawals: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []  # the places freed (withdrawals and refusals)
    selecting = rules.selecting
    # the tie at the funding line (the walk stops at it: one group) and how it is settled
    line = [p for p in proposal if p.tie_at_line]
    line_ids = {p.id for p in line}
    line_tie: dict[str, Any] | None = {
        "rank": line[0].rank, "tied": tuple(p.id for p in line), "settled": None,
        "chosen": (), "taken": ()} if line else None
    taken_at: dict[str, int] = {}  # id -> seq of the decision after which the line took it
    if not journal.entries:
        # Nothing recorded (every call before its séance, and every analysis): each
        # dossier keeps the proposal, and shares one frozen Decided per reading of it.
        # This is what the replay below gives then, without its per-dossier walk
        # through the journal nor the readings it carries from entry to entry (time at
        # national scale: 20,000 dossiers' readings and 6,000 places' money, unread).
        same: dict[tuple[str | None, bool | None, bool], Decided] = {}
        kept: dict[str, Decided] = {}
        for p in proposal:
            key = (p.outcome, p.selected, p.reserve)
            d = same.get(key)
            if d is None:
                d = same[key] = Decided(None, p.selected, p.reserve, None,
                                        Decision(computed=p.outcome, proposed=p.outcome),
                                        (), False)
            kept[p.id] = d
        return journaled(proposal, kept, rules, journal, withdrawals, places, entries,
                         line_tie), {}, offer_seqs

    # -- what every entry reads, carried from one entry to the next (engine/touched.py): a
    # dossier with nothing recorded, never promoted nor taken at the line (most of a large
    # call) keeps the proposal's outcome and the place (and money) the proposal gave it,
    # whatever the entry; the others (``touched``: a set that only grows) are worked out
    # again only when the replay passes an entry that changes them.  Each freed place thus
    # costs what its entry changed, not the size of the call nor what the journal touched
    # so far (a national call's séance refusing hundreds of dossiers, each voted over
    # after, was quadratic).
    index = {c.id: k for k, c in enumerate(cands)}  # rank order
    cursor = Touched(proposal, cands, journal, promoted_at, taken_at, facts,
                     rules.constraints, by_id=by_id, index=index)
    base_held = cursor.base_held  # the places the proposal holds, of the untouched dossiers
    one = cursor.one
    held_place = cursor.held_place

    def state(seq: int | None) -> _State:
        """Each dossier's outcome (and effective entry) just before entry ``seq``: the
        touched ones worked out, the others read from the proposal (``seq`` only moves
        forward)."""
        return cursor.at(seq)

    def held(seq: int | None) -> list[Held]:
        """The places held just before entry ``seq``, with their money: the proposal's
        untouched ones, then the touched ones (the order changes nothing: what reads them
        counts them and sums their money exactly)."""
        cursor.at(seq)
        return [*base_held.values(), *cursor.plain.values()]

    def promote(i: str, seq: int, freed_by: str) -> None:
        promoted_at[i] = (seq, freed_by)
        cursor.touch(i, seq)

    def settled(seq: int | None) -> set[int]:
        """The rank of the tie at the line when it was settled before entry ``seq``
        (:func:`settle_line`), else nothing."""
        if line_tie is None or line_tie["settled"] is None or (
                seq is not None and line_tie["settled"]["seq"] >= seq):
            return set()
        return {line_tie["rank"]}

    def reserve(now: _State, hold: Sequence[Held], seq: int | None) -> list[str]:
        ties = settled(seq)

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
            key=lambda c: index[c.id]), rules, hold)
        return sorted({*ids, *decided}, key=index.__getitem__)

    def offer(now: _State, hold: Places, money: Tally, seq: int, out: set[str],
              by: Entry, before: Places | None = None
              ) -> tuple[list[str], list[str], Mapping[str, Any]]:
        """One freed place offered by the selection walk (module docstring), with the places
        ``hold`` held in the state ``now`` at entry ``seq`` (``money``: what they hold, kept
        running by the replay: a national call holds thousands): the reserve, and ahead of it
        in rank order a tie at the line nobody settled, never the dossiers ``out`` (who
        freed the place, one demoted to réserve stays out; the tied ones refused since).
        Returns who is proposed in it, who is tied for it, and the round of ``offers`` that
        says it (``by``: the entry that offered the place; ``before``: the places held just
        before it, the dossier freeing the place among them: the round's ``reserve`` names
        who was on the reserve then, not one a maximum blocked until the place was freed,
        which the walk may take now that the maximum lets it in)."""
        ties = settled(seq)
        waiting = {p.id for p in line if p.rank not in ties
                   and now[p.id][1] is None and now[p.id][0] is None}
        on_reserve = set(reserve(now, hold, seq))
        # the grants decided later on dossiers that hold no place: spent before the offer
        ahead, ahead_money = spent_after(by.seq)
        listed = {i for i in (on_reserve | waiting) - out
                  if rules.budget is None or spent.get(i, (by.seq,))[0] <= by.seq}
        hold = Places(*hold.parts, ahead, tallies=None if hold.tallies is None else Tallies(
            rules.constraints, below=(hold.tallies, ahead_tallies(by.seq))))
        held_money = money.total(ahead_money)
        offer_seqs.append(by.seq)
        if by.seq != seq:  # on the reserve before the entry that offers the place again (a
            # tied dossier's refusal settles the tie at the line: the other joins it then)
            on_reserve = set(reserve(now, hold, by.seq))
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
            on_reserve = set(reserve(now, before, seq))
        return promoted, tied, frozen_map({
            "seq": by.seq, "dossier": by.dossier, "promoted": tuple(promoted),
            "tied": tuple(tied), "reserve": tuple(i for i in promoted if i in on_reserve),
            "candidates": len(pool)})

    # the grants ``spent``, in the order of the decisions that made them, with the money
    # of each suffix (what spent_after reads at each freed place)
    spent_list = sorted(spent.items(), key=lambda x: x[1][0])
    spent_ats = [at for _, (at, _) in spent_list]
    spent_held = [Held(i, amount, facts.get(i, {})) for i, (_, amount) in spent_list]
    spent_money = [Tally()]
    for h in reversed(spent_held):
        spent_money.append(spent_money[-1].copy())
        spent_money[-1].put(h.amount)
    spent_money.reverse()

    def spent_after(seq: int) -> tuple[list[Held], Tally]:
        """The grants ``spent`` by decisions recorded after entry ``seq`` (a budget only),
        and their money."""
        if rules.budget is None:
            return [], spent_money[-1]
        k = bisect.bisect_right(spent_ats, seq)
        return spent_held[k:], spent_money[k]

    # with constraints, the counts of the grants spent_after gives (:mod:`.tallies`): the
    # replay only moves forward, and so does the suffix, a grant taken out as it is passed
    ahead_at = [0, Tallies(rules.constraints, spent_held) if rules.constraints else None]

    def ahead_tallies(seq: int) -> Tallies:
        k = bisect.bisect_right(spent_ats, seq) if rules.budget is not None else len(
            spent_held)
        at, t = ahead_at
        assert isinstance(at, int) and isinstance(t, Tallies)
        if k < at:  # never, as the replay moves forward; counted again if it did
            at, t = k, Tallies(rules.constraints, spent_held[k:])
        for h in spent_held[at:k]:
            t.take(h)
        ahead_at[:] = [k, t]
        return t

    def available_beside(money: Tally, seq: int) -> float | None:
        """The money a place offered at entry ``seq`` is offered: the budget less the
        places held (their ``money``) and the grants decided later (:func:`spent_after`)."""
        return None if rules.budget is None else less(rules.budget,
                                                      money.total(spent_after(seq)[1]))

    # the places left to people (tied, nobody proposed) not settled yet, each with the
    # records that say it and the dossiers never offered it (see reoffer)
    # (by the order they were left in; ``tied_in``: each tied dossier's, read at its entries)
    open_ties: dict[int, tuple[list[dict[str, Any]], set[str]]] = {}
    tied_in: dict[str, list[int]] = {}
    keys_left = itertools.count()

    def leave_open(records: list[dict[str, Any]], out: set[str]) -> None:
        key = next(keys_left)
        open_ties[key] = (records, out)
        for i in records[0]["tied"]:
            tied_in.setdefault(i, []).append(key)

    def reoffer(e: Entry) -> None:
        """A place left to people whose tied dossier ``e`` refuses (``non retenu``,
        ``réserve``) or withdraws is offered again, by the same walk, to what is left (the
        next in line); a decision retaining one of them settles it for good."""
        after = e.seq + 1  # the state just after entry e (seqs are whole numbers)
        keys = sorted({k for k in tied_in.get(e.dossier, ()) if k in open_ties
                       and e.dossier in open_ties[k][0][0]["tied"]})
        for key in keys:
            records, out = open_ties[key]
            outcome, eff = one(by_id[e.dossier], after)
            if outcome == RETENU:
                del open_ties[key]  # the tie is settled: the place is the one retained's
                for r in records:
                    r["settled"] = frozen_map({"dossier": e.dossier, "seq": e.seq})
                continue
            if eff is not e or outcome not in (*FREEING, "retiré"):
                continue  # postponed, or an earlier stage's record: it still competes
            out.add(e.dossier)
            now = state(after)
            # the places held just after e, each with the money decided in the end
            hold = Places(base_held.values(), cursor.end.values(), tallies=cursor.tallies)
            money = cursor.money.copy()
            promoted, tied, round_ = offer(now, hold, money, after, out, e)
            freed_by = records[0]["dossier"]
            for i in promoted:
                promote(i, e.seq, freed_by)
            for i in tied:
                tied_at.setdefault(i, e.seq)
            available = available_beside(money, e.seq)
            for r in records:
                r.update(replacement=promoted[0] if promoted else None,
                         promoted=tuple(promoted), tied=tuple(tied), offered_at=e.seq,
                         available=num(available) if available is not None else None,
                         offers=(*r["offers"], round_))
            if not tied:
                del open_ties[key]
            for i in tied:
                tied_in.setdefault(i, []).append(key)

    def settle_line(e: Entry) -> None:
        """The tie at the line after a decision ``e`` on one of the tied, or its withdrawal
        (the same: a withdrawn one is out as a refused one is), or an entry ``e`` whose
        offer put some of them in a freed place (they hold that place): the proposal's walk
        again over the tied that still compete, with the places the proposal held and the
        tied retained (not those in a freed place: that place is theirs).  A refused one
        (``non retenu``, ``réserve``) or a withdrawn one is out; when what is left is no
        more a tie (those left all fit, or none does), the tie is settled by ``e``: the
        walk takes those that fit (``taken_at``), ``chosen`` says who holds a place then
        and ``taken`` who of them ``e`` put in one (the walk's, or the freed place's)."""
        if line_tie is None or line_tie["settled"] is not None or not selecting or (
                e.dossier not in line_ids and not any(
                    promoted_at.get(i, (None,))[0] == e.seq for i in line_ids)):
            return  # a decision on one of the tied, its withdrawal, or the tied put in a
            # freed place by ``e`` only
        after = e.seq + 1
        occupying = {i for i, (seq, _) in promoted_at.items() if seq < after} | {
            x["settled"]["dossier"] for x in places if x["settled"] is not None}
        hold = [Held(p.id, float(p.proposed or 0.0), facts.get(p.id, {}))
                for p in proposal if p.selected is True]
        competing: set[str] = set()
        for p in line:
            outcome, eff = one(p, after)
            if p.id in occupying:
                continue
            if outcome == RETENU:
                g = granted_amount(journal.before(p.id, after), eff, p.proposed)
                hold.append(Held(p.id, float(g or 0.0), facts.get(p.id, {})))
            elif outcome in (None, AJOURNE):
                competing.add(p.id)
        w = walk([c for c in cands if c.id in competing],
                 dataclasses.replace(rules, reserve=0), hold, explain=False)
        if any(pk.selected is None for pk in w.picks.values()):
            return  # those left cannot all be taken: a tie still, people choose
        for i in w.selected:
            taken_at[i] = e.seq
            cursor.touch(i, e.seq)
        line_tie.update(settled=frozen_map({"dossier": e.dossier, "seq": e.seq}), chosen=tuple(
            p.id for p in line if one(p, after)[0] == RETENU), taken=tuple(
            p.id for p in line if p.id in w.selected or promoted_at.get(p.id, (None,))[0]
            == e.seq))

    # -- places freed, in journal order: a withdrawal, or a refusal of a retained dossier,
    # frees its money and the reserve is walked for one dossier in its place
    for e in journal.entries:
        if e.kind == "withdrawal":
            withdrawn.add(e.dossier)
        elif (e.outcome not in FREEING or not held_place(by_id[e.dossier], e.seq)
              or effective([*journal.before(e.dossier, e.seq), e]) is not e):
            p = by_id[e.dossier]
            if e.outcome == RETENU and not p.tie_at_line and not held_place(p, e.seq) \
                    and one(p, e.seq + 1)[1] is e:
                retained_outside[e.dossier] = e.seq  # a grant beside every place held
            reoffer(e)  # frees no place; it may refuse a dossier tied for one
            settle_line(e)
            continue  # a refusal frees a place only when it takes one the selection held
        # the state just before e, which the offer reads with e's own reading changed
        now = _State(state(e.seq), {})
        # the places held (a postponed one's too: held_place); the entry's dossier is a
        # touched one, and so is any a later decision changes (in_the_end reads only those)
        cursor.at(e.seq)
        before = Places(base_held.values(), cursor.plain.values(),  # a maximum lifted by
                        tallies=cursor.plain_tallies) if rules.constraints else None  # it
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
        hold = Places(base_held.values(), cursor.end.values(), tallies=cursor.tallies)
        available = available_beside(money, e.seq)
        promoted: list[str] = []
        tied: list[str] = []
        offers: tuple[Mapping[str, Any], ...] = ()
        if was_retained and selecting:
            now[e.dossier] = ("retiré" if e.kind == "withdrawal" else e.outcome, e)
            promoted, tied, round_ = offer(now, hold, money, e.seq, {e.dossier}, e, before)
            offers = (round_,)
        if its_end is not None:
            cursor.end[e.dossier] = its_end  # the places held, read again from here on
            if cursor.tallies is not None:
                cursor.tallies.put(its_end)
        for i in promoted:
            promote(i, e.seq, e.dossier)
        for i in tied:
            tied_at.setdefault(i, e.seq)
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
            withdrawals.append(place)
            records.append(place)
        if was_retained:
            places.append({**place, "kind": e.kind, "stage": e.stage,
                           "outcome": "retiré" if e.kind == "withdrawal" else e.outcome})
            records.append(places[-1])
        if tied:
            leave_open(records, {e.dossier})
        if e.kind == "withdrawal":
            reoffer(e)  # a tied dossier that withdraws leaves the place to the others
        settle_line(e)

    # the dossiers retained by a decision while they held no place, still so: not one
    # whose place was freed before (the vote going back on its refusal retains it beside
    # who took its place: an overrun of the vote's own), nor one retained in a place left
    # to people (that decision settled who takes it)
    outside: dict[str, tuple[int, float]] = {}
    first_freed: dict[str, int] = {}  # a dossier: the first entry that freed its place
    for f in (*places, *withdrawals):
        first_freed[f["dossier"]] = min(f["seq"], first_freed.get(f["dossier"], f["seq"]))
    settling = {f["settled"]["dossier"] for f in places if f["settled"] is not None}
    for i, at in retained_outside.items():
        outcome, eff = one(by_id[i], None)
        if outcome != RETENU or eff is None or eff.kind != "decision" or first_freed.get(
                i, at) < at or i in settling:
            continue
        g = granted_amount(journal.before(i, None), eff, by_id[i].proposed)
        outside[i] = (at, float(g or 0.0))

    out: dict[str, Decided] = {}
    # -- the state after the journal
    final = state(None)
    # the money held matters to the reserve only through the maximums (select.blocker)
    final_reserve = set(reserve(final, held(None) if rules.constraints else [], None)
                        ) if selecting else set()
    ties = settled(None)
    # who replaces whom: the latest entry that freed the dossier's place (or withdrew it)
    replaced_by = {w["dossier"]: w["promoted"] for w in sorted(
        [*withdrawals, *(x for x in places if x["kind"] != "withdrawal")],
        key=lambda x: x["seq"])}
    undecided: dict[tuple[str | None, str | None], Decision] = {}
    unrecorded: dict[tuple[str | None, bool | None, bool], Decided] = {}
    for p in proposal:
        if p.id not in journal.per and p.id not in promoted_at and p.id not in replaced_by \
                and p.id not in taken_at:
            # Nothing recorded about it and no withdrawal put it in a place (most
            # dossiers of a large call): what the general case below gives then, one
            # frozen Decided per reading of the proposal, shared (time at national scale).
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
                shared = unrecorded[key] = Decided(None, selected, in_reserve, None, decision,
                                                   (), False)
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
            """What the engine proposed for the dossier when entry ``seq`` was recorded."""
            if (prom is not None and prom[0] < seq) or (taken is not None and taken < seq):
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
        flags = tuple(f"overridden:{s}" for s in STAGES if s in stages and stages[s].overridden)
        granted = granted_amount(mine, eff, p.proposed) if decided_outcome == RETENU else None
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
        out[p.id] = Decided(decided_outcome, selected, in_reserve, granted, decision, flags,
                            prom is not None)
    return (journaled(proposal, out, rules, journal, withdrawals, places, entries, line_tie),
            outside, offer_seqs)


