"""The walk down the ranking: the one place where dossiers are selected.

Every selection of isgrid goes through :func:`walk`: the jury's proposal, the
promotion after a withdrawal (:mod:`isgrid.engine.decide`), the envelope at
±10 % and every scenario of the analyses.  Rules (DESIGN.md, "Ranking, ties,
funding line, reserve" and "Money"; docs/decisions.md for constraints):

* **held** dossiers are in the selection before the walk starts (decided
  ``retenu``, or kept after a withdrawal): their money and their count are
  spent first;
* **minimums first**: each ``min`` constraint (and envelope ``min_amount``), in
  the order declared, takes the best-ranked matching dossier that fits and
  breaks no maximum, until met (else reported infeasible, with the reason);
* **then the ranking**, by groups of equal rank: a group that fits (money and
  ``top``) is taken whole; tied dossiers that cannot all be taken get
  ``selected: null`` and ``tie-at-line``, and the walk stops (people settle
  ties, not the engine); a lone dossier that does not fit may receive what is
  left, rounded down to ``funding.round`` like every amount (``partial``, at
  least ``minimum``: ``partial-grant``; :func:`partial_grant`), else the walk
  stops (``rank-order``) or skips it (``skip``: ``skipped-budget``); a dossier
  blocked by a maximum is skipped and says which;
* **the reserve** (:func:`reserve_list`): the next ``reserve`` dossiers in rank
  order that are usable, not selected, not tied at the line and blocked by no
  maximum; a cut inside a tie takes the whole tie and flags it
  ``tie-at-reserve-line`` (never a silent cut by id).

The analyses' performance path writes the same rules over arrays for calls without
constraints (:mod:`isgrid.engine.arrays` ``step``/``walk_draw``, and the partial walks of
:mod:`isgrid.engine.moves`): a change to a rule here is mirrored there, and
tests/engine/test_arrays.py and test_batch.py fail until it is (docs/engine.md §8).

The walk is a greedy, not an optimiser: when minimums compete for a small
budget, the order of declaration decides.  It writes no sentence: its reasons (a choice,
an infeasible minimum) are data, said in each reader's language by
:mod:`isgrid.engine.reasons`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..call.blocks import Envelope, MaxCount, MinCount
from ..call.blocks import fact_matches as _matches
from ..call.blocks import fact_values as _values
from ..vocabulary import EPS
from .money import add, dec, less, round_down
from .reasons import BUDGET, LINE, RANK, TIE, Reason, label, reason
from .tallies import Picked, Tallies, tallies_of
from .walkrecords import Candidate as Candidate
from .walkrecords import Choice as Choice
from .walkrecords import Constraint as Constraint
from .walkrecords import ConstraintStatus as ConstraintStatus
from .walkrecords import Held as Held
from .walkrecords import Pick as Pick
from .walkrecords import Rules as Rules
from .walkrecords import Walk as Walk


def partial_grant(rest: float, rules: Rules) -> float | None:
    """What a lone dossier that does not fit the envelope receives with ``partial``:
    ``rest``, what is left, rounded down to ``funding.round`` (a funder that grants in
    hundreds never proposes 7,250); None when there is no partial grant (``partial``
    off, nothing left once rounded, or less than ``minimum``).  The one rule of
    :func:`walk` and of the analyses' array walk (:func:`.arrays.step`)."""
    if not rules.partial or rest <= EPS:
        return None
    amount = float(round_down(dec(rest), rules.step))
    if amount <= EPS or amount + EPS < (rules.minimum or 0.0):
        return None
    return amount


def blocker(facts: Mapping[str, Any], amount: float, constraints: Sequence[Constraint],
            picked: Sequence[Held]) -> str | None:
    """The id of the maximum (count or envelope) that taking this dossier would break."""
    if not constraints:  # nothing to count: the places held are not even read
        return None
    held = tallies_of(constraints, picked)  # picked counted (.tallies), facts read once
    for k in constraints:
        if isinstance(k, MaxCount):
            if k.value is not None:
                if held.matches(facts, k.fact, k.value) and held.count(
                        k.fact, k.value) >= k.count:
                    return k.id
            else:
                for v in held.facts_of(facts)[k.fact]:
                    if held.holding(k.fact, v) >= k.count:
                        return k.id
        elif isinstance(k, Envelope) and k.max_amount is not None and held.matches(
                facts, k.fact, k.value):
            used = held.money(k.fact, k.value)
            if used + amount > k.max_amount + EPS:
                return k.id
    return None


def _clash(group: Sequence[Candidate], constraints: Sequence[Constraint],
           picked: Sequence[Held], need: Any) -> bool:
    """Tied dossiers that each fit the maximums alone but not all together."""
    if not any(isinstance(k, MaxCount | Envelope) for k in constraints):
        return False
    # the group tried in ``picked`` itself, then taken out (not a copy of the places held)
    trial = picked if isinstance(picked, Picked) else Picked(constraints, picked)
    size = len(trial)
    for c in group:
        if blocker(c.facts, need(c), constraints, trial) is not None:
            break
        trial.append(Held(c.id, need(c), c.facts))
    clash = len(trial) - size < len(group)
    while len(trial) > size:  # pop(): its tallies follow
        trial.pop()
    return clash


def _groups(cands: Iterable[Candidate]) -> Iterator[list[Candidate]]:
    """Candidates of equal rank together, in rank order (lazily: a group is given as soon
    as the next rank is seen, so that a reader that stops early reads no further)."""
    group: list[Candidate] = []
    for c in cands:
        if group and group[0].rank != c.rank:
            yield group
            group = []
        group.append(c)
    if group:
        yield group


def usable(c: Candidate, rules: Rules) -> bool:
    """A candidate money can go to: selectable, and with an amount when there is a budget."""
    return c.selectable and (rules.budget is None or c.amount is not None)


def reserve_list(pool: Iterable[Candidate], rules: Rules,
                 picked: Sequence[Held]) -> tuple[list[str], set[str]]:
    """The reserve: the first ``rules.reserve`` of ``pool`` (rank order) blocked by no
    maximum; a cut inside a tie takes the whole tie.  Returns (ids, ids flagged
    ``tie-at-reserve-line``).  ``pool`` is read only as far as the reserve needs (a
    national call's reserve of five stops a few dossiers after the line)."""
    out: list[str] = []
    flagged: set[str] = set()
    if rules.reserve <= 0:
        return out, flagged
    if rules.constraints and not isinstance(getattr(picked, "tallies", None), Tallies):
        picked = Picked(rules.constraints, picked)  # counted once, not per dossier read
    open_ = (c for c in pool if usable(c, rules)
             and blocker(c.facts, c.amount or 0.0, rules.constraints, picked) is None)
    for group in _groups(open_):
        if len(out) >= rules.reserve:
            break
        if len(group) > 1 and len(out) + len(group) > rules.reserve:
            flagged.update(c.id for c in group)
        out.extend(c.id for c in group)
    return out, flagged


def reserve_positions(reserve: Sequence[str], rank: Mapping[str, int | None]
                      ) -> dict[str, tuple[int, int]]:
    """Each dossier of ``reserve`` (in order) with its position and how many share it:
    dossiers of equal ``rank`` are tied, and the ranking does not say which is called
    first when a place frees (the walk leaves a tie to people): they share the position
    of the first of them (``P3`` ex æquo with one other: ``(3, 2)``)."""
    first: dict[int, int] = {}  # a rank: the position of its first dossier on the reserve
    count: dict[int, int] = {}
    for i, did in enumerate(reserve, 1):
        if (r := rank.get(did)) is not None:
            first.setdefault(r, i)
            count[r] = count.get(r, 0) + 1
    return {did: (i, 1) if (r := rank.get(did)) is None else (first[r], count[r])
            for i, did in enumerate(reserve, 1)}


def walk(cands: Sequence[Candidate], rules: Rules, held: Sequence[Held] = (), *,
         explain: bool = True, held_money: float | None = None, reasons: bool = True
         ) -> Walk:
    """Walk down ``cands`` (in rank order, best first) as the module's docstring says.

    ``explain=False``: the selection only (who is taken, the money spent, where the walk
    stopped), without the reserve, the flags and the explanations, which change none
    of it: what the analyses ask hundreds of thousands of times (engine/batch.py).
    ``held_money``: the money ``held`` holds, ``add`` of their amounts, when the caller
    keeps it running (:class:`.money.Tally`: a freed place offered in a séance of
    thousands of places held, engine/decide.py); else summed here.
    ``reasons=False``: no pick is given its choice (why it was taken or left out), which
    only a portfolio constraint's explanations read (the result's ``constraints.choices``):
    the scoring of a call without constraints asks for none (a record per dossier, read by
    nobody)."""
    money = rules.budget is not None
    budget = float(rules.budget) if rules.budget is not None else 0.0
    top = rules.top
    # held given with its money (held_money) is not copied: without constraints only how
    # many are read (top), with them their tallies (unless explained: statuses list them)
    kept = getattr(held, "tallies", None) if rules.constraints and not explain else None
    listed = (bool(rules.constraints) and kept is None) or held_money is None
    picked: list[Held] = list(held) if listed else []
    if rules.constraints:  # counted as the walk goes (.tallies), not again per dossier
        picked = Picked(rules.constraints, picked, None if kept is None or listed
                        else Tallies(rules.constraints, below=(kept,)))
    unlisted = 0 if listed else len(held)  # places held, not in picked
    spent = add(h.amount for h in held) if held_money is None else held_money
    taken: dict[str, str] = {}  # id -> why
    amount: dict[str, float | None] = {c.id: c.amount for c in cands}
    selected: dict[str, bool | None] = {}
    flags: dict[str, list[str]] = {}
    choices: dict[str, Choice] = {}
    reasons = explain and reasons  # (docstring)

    # an envelope counts the money of the dossiers it holds, with or without a budget
    # (``top`` alone); its unknown amounts are not walked (money.money_many: to check)
    counted = money or any(isinstance(k, Envelope) for k in rules.constraints)

    def need(c: Candidate) -> float:
        return float(c.amount or 0.0) if counted else 0.0

    def fits(c: Candidate) -> bool:
        if money and spent + need(c) > budget + EPS:
            return False
        return not (top is not None and unlisted + len(picked) >= top)

    def take(c: Candidate, why: str, amt: float | None = None) -> None:
        nonlocal spent
        a = need(c) if amt is None else amt
        picked.append(Held(c.id, a, c.facts))
        spent = add((spent, a))
        taken[c.id] = why
        selected[c.id] = True

    def flag(cid: str, f: str) -> None:
        flags.setdefault(cid, []).append(f)

    walkable = [c for c in cands if usable(c, rules)]
    # -- 1. minimums, in the order declared
    infeasible: list[str] = []
    notes: dict[str, tuple[Reason, ...]] = {}
    stuck: dict[str, tuple[str, ...]] = {}  # an infeasible minimum: its unusable matches
    for k in rules.constraints:
        if isinstance(k, MinCount):
            def have(k: MinCount = k) -> float:
                return tallies_of(rules.constraints, picked).count(k.fact, k.value)
            target: float = k.count
        elif isinstance(k, Envelope) and k.min_amount is not None:
            def have(k: Envelope = k) -> float:  # type: ignore[misc]
                return tallies_of(rules.constraints, picked).money(k.fact, k.value)
            target = k.min_amount
        else:
            continue
        matching = [c for c in walkable if _matches(c.facts, k.fact, k.value)]
        unread = iter(matching)  # read once: one passed over stays so (counts only grow)
        while have() + EPS < target:
            nxt = next((c for c in unread if c.id not in taken and fits(c)
                        and blocker(c.facts, need(c), rules.constraints, picked) is None), None)
            if nxt is None:
                break
            take(nxt, f"constraint:{k.id}")
        if have() + EPS < target:
            infeasible.append(k.id)
            left = [c for c in matching if c.id not in taken]
            # ranked dossiers that match but money cannot go to (below the minimum grant,
            # amount unknown): they are ranked, the reason is theirs
            unusable = [c for c in cands if not usable(c, rules)
                        and _matches(c.facts, k.fact, k.value)]
            ranked = len(matching) + len(unusable)
            because: list[Reason] = []
            if isinstance(k, MinCount) and ranked < target:
                because.append(reason("few-ranked", ranked=ranked, need=k.count)
                           if ranked else reason("none-ranked", need=k.count))
            elif not left:
                if not unusable:
                    because.append(reason("all-taken"))
            else:
                blocked = sorted({b for c in left if (
                    b := blocker(c.facts, need(c), rules.constraints, picked)) is not None})
                because.append(reason("blocked", by=tuple(blocked)) if blocked
                           else reason("budget-spent"))
            if unusable:
                stuck[k.id] = ids = tuple(c.id for c in unusable)
                unknown = {c.amount is None for c in unusable}
                because.append(reason("unusable", ids=ids, why=(
                    "either" if len(unknown) > 1 else "unknown" if True in unknown else "below")))
            notes[k.id] = tuple(because)
    # -- 2. the ranking, by groups of equal rank
    stopped = False
    # why the dossiers after the place where the walk stopped are left out: ``top``
    # reached (as many places taken as it allows: nothing is taken after the walk stops),
    # else the line (the money, a tie at the line)
    full = reason("top", top=top)
    beyond_top: list[str] = []  # the dossiers left out because top was reached, in order
    maxed: dict[str, Reason] = {}  # a maximum's reason, one for every dossier it blocks
    line: int | None = None
    maxima = bool(rules.constraints)  # without constraints nothing blocks a dossier
    # taken for a minimum, above: the loop below takes each group's dossiers once only
    early = set(taken)
    for group in _groups(cands):
        rest = [c for c in group if c.id not in early] if early else group
        if not rest:
            continue
        if stopped:
            past = full if top is not None and unlisted + len(picked) >= top else LINE
            for c in rest:
                selected[c.id] = False
                if usable(c, rules):
                    if reasons:
                        choices[c.id] = Choice(c.id, False, past.code, (), past)
                    if past is full:
                        beyond_top.append(c.id)
            continue
        free: list[Candidate] = []
        for c in rest:
            if not usable(c, rules):
                selected[c.id] = False
                continue
            b = blocker(c.facts, need(c), rules.constraints, picked) if maxima else None
            if b is not None:
                selected[c.id] = False
                if (cause := maxed.get(b)) is None:
                    cause = maxed[b] = reason("max", constraint=b)
                if reasons:
                    choices[c.id] = Choice(c.id, False, f"max:{b}", (), cause)
            else:
                free.append(c)
        if not free:
            continue
        total = need(free[0]) if len(free) == 1 else add(need(c) for c in free)
        over_top = top is not None and unlisted + len(picked) + len(free) > top
        if len(free) > 1 and _clash(free, rules.constraints, picked, need):
            over_top = True  # tied dossiers a maximum does not let in together: people decide
        if (not money or spent + total <= budget + EPS) and not over_top:
            for c in free:
                take(c, "rank")
            if top is not None and unlisted + len(picked) >= top:
                stopped = True
            continue
        if len(free) > 1:
            for c in free:  # tied dossiers that cannot all be taken: people decide
                selected[c.id] = None
                flag(c.id, "tie-at-line")
                if reasons:
                    choices[c.id] = Choice(c.id, None, "tie", (), TIE)
            line = free[0].rank
            stopped = True
            continue
        lone = free[0]
        if over_top:
            selected[lone.id] = False
            if reasons:
                choices[lone.id] = Choice(lone.id, False, "top", (), full)  # top is reached
            beyond_top.append(lone.id)
            line = lone.rank
            stopped = True
            continue
        if (given := partial_grant(less(budget, spent), rules)) is not None:
            take(lone, "rank", given)
            amount[lone.id] = given
            flag(lone.id, "partial-grant")
            stopped = True  # the line is below it (the last dossier taken), worked out below
            continue
        selected[lone.id] = False
        if reasons:
            choices[lone.id] = Choice(lone.id, False, "budget", (), BUDGET)
        if rules.rule == "skip":
            flag(lone.id, "skipped-budget")
            continue
        line = lone.rank
        stopped = True
    if line is None and (stopped or rules.rule == "skip"
                         or (top is not None and unlisted + len(picked) >= top)):
        # the first dossier left out below the last one the ranking took (skipped ones
        # above it are listed apart, a partial grant is the last one taken: the line never
        # has a selected dossier at or below it but one a minimum took, which may be below
        # where the walk stopped: `top` reached above it)
        last = max((c.rank for c in cands if taken.get(c.id) == "rank"), default=0)
        after = next((c for c in cands if c.rank > last and selected.get(c.id) is False), None)
        line = after.rank if after is not None else None
    skipped = tuple(c.id for c in cands if "skipped-budget" in flags.get(c.id, ())
                    and (line is None or c.rank < line))
    if not explain:
        return Walk({c.id: Pick(selected.get(c.id, False), False, amount[c.id], (), None)
                     for c in cands}, tuple(c.id for c in cands if c.id in taken), (), spent,
                    line, (), tuple(infeasible), skipped, stopped, ())
    # -- 3. the reserve
    pool = (c for c in cands if selected.get(c.id) is False)
    reserve, at_cut = reserve_list(pool, rules, picked)
    for cid in at_cut:
        flag(cid, "tie-at-reserve-line")
    # -- 4. explanations (of a constraint's choices: ``reasons``)
    passed: list[str] = []  # the usable dossiers not taken, so far in rank order
    for c in cands if reasons else ():
        why = taken.get(c.id)
        if why is None:
            if usable(c, rules):
                passed.append(c.id)
            continue
        if why.startswith("constraint:"):
            kid = why.split(":", 1)[1]
            k = next(x for x in rules.constraints if x.id == kid)
            over = tuple(passed)  # the usable dossiers not taken before it, in rank order
            choices[c.id] = Choice(c.id, True, why, over, reason(
                "minimum", constraint=kid, label=label(k), over=over))
        else:
            choices[c.id] = Choice(c.id, True, "rank", (), RANK)
    in_reserve = set(reserve)
    picks = {c.id: Pick(selected.get(c.id, False), c.id in in_reserve, amount[c.id],
                        tuple(f) if (f := flags.get(c.id)) else (), choices.get(c.id))
             for c in cands}
    return Walk(picks, tuple(c.id for c in cands if c.id in taken), tuple(reserve), spent, line,
                statuses(rules.constraints, picked, infeasible, notes, stuck),
                tuple(infeasible),
                skipped, stopped, tuple(beyond_top))


def statuses(constraints: Sequence[Constraint], picked: Sequence[Held],
              infeasible: list[str], notes: Mapping[str, tuple[Reason, ...]],
              stuck: Mapping[str, tuple[str, ...]] | None = None
              ) -> tuple[ConstraintStatus, ...]:
    out: list[ConstraintStatus] = []
    for k in constraints:
        value = getattr(k, "value", None)
        target: Any
        if isinstance(k, MinCount):
            n: float = sum(_matches(p.facts, k.fact, k.value) for p in picked)
            target, met = k.count, n >= k.count
        elif isinstance(k, MaxCount):
            if k.value is not None:
                n = sum(_matches(p.facts, k.fact, k.value) for p in picked)
            else:
                counts: dict[str, int] = {}
                for p in picked:
                    for v in set(_values(p.facts, k.fact)):
                        counts[v] = counts.get(v, 0) + 1
                n = max(counts.values(), default=0)
            target, met = k.count, n <= k.count
        else:
            n = add(p.amount for p in picked if _matches(p.facts, k.fact, k.value))
            target = {"min": k.min_amount, "max": k.max_amount}
            met = (k.min_amount is None or n + EPS >= k.min_amount) and (
                k.max_amount is None or n <= k.max_amount + EPS)
        out.append(ConstraintStatus(k.id, k.kind, label(k), k.fact, value, target, n, met,
                                    k.id in infeasible, tuple(notes.get(k.id, ())),
                                    (stuck or {}).get(k.id, ())))
    return tuple(out)


def decided_line(cands: Sequence[Candidate], rules: Rules, line: int | None,
                 proposed: Iterable[str], funded: Iterable[str],
                 skipped: Sequence[str] = (), withdrawn: Iterable[str] = ()
                 ) -> tuple[int | None, tuple[str, ...]]:
    """The funding line of the selection after decisions (``funded``), from the walk's
    (``line``, the proposal ``proposed``, ``skipped``): (its rank, the dossiers above it
    left out for the envelope).  Nothing at or below the line is funded but what the walk
    put there itself (a dossier taken for a minimum; a partial grant is above it); what
    it left out above its line stays above it (a dossier ``skip`` passed over, one a
    maximum blocked): a selection the decisions did not change keeps the walk's line.

    * a dossier funded at or below the proposal's line that the proposal did not fund
      (proposed in a withdrawn one's place, a tie at the line settled, a dossier decided
      ``retenu`` from further down) moves the line down: to the first dossier below the
      lowest of them that money could go to and that is neither funded nor withdrawn;
    * else a dossier the proposal funded that is no longer funded (decided ``non retenu``,
      ``réserve``, ``ajourné``) at the bottom of the list moves it up: to the first such
      dossier below the last one funded above the line (a withdrawn dossier is not in
      the competition any more: the line does not move for it alone)."""
    now, before, gone = set(funded), set(proposed), set(withdrawn)

    def first_after(rank: int, counts: Any) -> int | None:
        return next((c.rank for c in cands if c.rank > rank and c.id not in now
                     and c.id not in gone and usable(c, rules) and counts(c)), None)

    # the proposal's line, or without one (nothing was left below it) its last dossier
    floor = line if line is not None else 1 + max(
        (c.rank for c in cands if c.id in before), default=0)
    down = [c.rank for c in cands if c.rank >= floor and c.id in now and c.id not in before]
    if down:
        new = first_after(max(down), lambda c: True)
    else:
        last = max((c.rank for c in cands if c.id in now and (line is None or c.rank < line)),
                   default=0)
        # what the walk left out above its line is not what moves it
        up = first_after(last, lambda c: c.id in before or (line is not None and c.rank >= line))
        new = up if up is not None and (line is None or up < line) else line
    rank = {c.id: c.rank for c in cands}
    return new, tuple(i for i in skipped if i not in now and (new is None or rank[i] < new))
