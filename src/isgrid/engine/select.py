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

The walk is a greedy, not an optimiser: when minimums compete for a small
budget, the order of declaration decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..call.blocks import Envelope, MaxCount, MinCount
from ..call.blocks import fact_matches as _matches
from ..call.blocks import fact_values as _values
from ..messages import euros, plural_form
from ..vocabulary import EPS, num
from .frozen import record
from .money import add, dec, less, round_down
from .tallies import Picked, Tallies, tallies_of


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
    note: str | None
    #: an infeasible minimum: the ranked dossiers matching it that no money can go to
    #: (below the minimum grant, amount unknown), in rank order
    unusable: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        target = dict(self.target) if isinstance(self.target, Mapping) else self.target
        return {"id": self.id, "kind": self.kind, "label": self.label, "fact": self.fact,
                "value": self.value, "target": target, "actual": num(self.actual),
                "met": self.met, "infeasible": self.infeasible, "note": self.note,
                "unusable": list(self.unusable)}


@record
class Choice:
    """Why the walk took or left a ranked dossier (portfolio constraints)."""

    dossier: str
    selected: bool | None
    why: str  # "constraint:<id>", "rank", "budget", "max:<id>", "line", "tie"
    over: tuple[str, ...] = ()
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"dossier": self.dossier, "selected": self.selected, "why": self.why,
                "over": list(self.over), "text": self.text}



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


def label(c: Constraint) -> str:
    """A constraint in French words (its ``label`` when given)."""
    if c.label:
        return c.label
    if isinstance(c, MinCount):
        return f"au moins {_laureates(c.count)} avec {c.fact} = {c.value}"
    if isinstance(c, MaxCount):
        what = f"avec {c.fact} = {c.value}" if c.value is not None else f"par {c.fact}"
        return f"au plus {_laureates(c.count)} {what}"
    parts = []
    if c.min_amount is not None:
        parts.append(f"au moins {euros(c.min_amount)}")
    if c.max_amount is not None:
        parts.append(f"au plus {euros(c.max_amount)}")
    return f"enveloppe {c.fact} = {c.value} : " + " et ".join(parts)


def _laureates(n: int) -> str:
    """« 1 lauréat », « 2 lauréats » (:func:`isgrid.messages.plural_form`)."""
    return f"{n} lauréat" if plural_form(n) == "one" else f"{n} lauréats"


def _unusable(cands: Sequence[Candidate]) -> str:
    """Ranked dossiers matching a minimum that no money can go to, and why, in French
    words: « D11 correspond mais ne peut pas être retenu, son montant est sous le minimum
    d'aide »."""
    ids = ", ".join(c.id for c in cands)
    unknown = {c.amount is None for c in cands}
    if len(cands) == 1:
        why = "son montant n'est pas connu" if unknown == {True} else \
            "son montant est sous le minimum d'aide"
        return f"{ids} correspond mais ne peut pas être retenu, {why}"
    why = ("leur montant n'est pas connu" if unknown == {True} else
           "leur montant est sous le minimum d'aide" if unknown == {False} else
           "leur montant n'est pas connu ou est sous le minimum d'aide")
    return f"{ids} correspondent mais ne peuvent pas être retenus, {why}"


def blocker(facts: Mapping[str, Any], amount: float, constraints: Sequence[Constraint],
            picked: Sequence[Held]) -> str | None:
    """The id of the maximum (count or envelope) that taking this dossier would break."""
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
         explain: bool = True, held_money: float | None = None) -> Walk:
    """Walk down ``cands`` (in rank order, best first) as the module's docstring says.

    ``explain=False``: the selection only (who is taken, the money spent, where the walk
    stopped), without the reserve, the flags and the explanations, which change none
    of it: what the analyses ask hundreds of thousands of times (engine/batch.py).
    ``held_money``: the money ``held`` holds, ``add`` of their amounts, when the caller
    keeps it running (:class:`.money.Tally`: a freed place offered in a séance of
    thousands of places held, engine/decide.py); else summed here."""
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
    notes: dict[str, str] = {}
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
            if isinstance(k, MinCount) and ranked < target:
                note = (f"aucun dossier classé ne correspond, il en faut {k.count}"
                        if not ranked else
                        f"seulement 1 dossier classé correspond, il en faut {k.count}"
                        if ranked == 1 else
                        f"seulement {ranked} dossiers classés correspondent, "
                        f"il en faut {k.count}")
            elif not left:
                note = "" if unusable else "tous les dossiers correspondants sont déjà retenus"
            else:
                blocked = sorted({b for c in left if (
                    b := blocker(c.facts, need(c), rules.constraints, picked)) is not None})
                note = ("le budget ne permet pas d'en retenir davantage" if not blocked
                        else "bloqué par " + ", ".join(blocked))
            if unusable:
                note = "\u202f; ".join(x for x in (note, _unusable(unusable)) if x)
                stuck[k.id] = tuple(c.id for c in unusable)
            notes[k.id] = note
    # -- 2. the ranking, by groups of equal rank
    stopped = False
    line: int | None = None
    maxima = bool(rules.constraints)  # without constraints nothing blocks a dossier
    # taken for a minimum, above: the loop below takes each group's dossiers once only
    early = set(taken)
    for group in _groups(cands):
        rest = [c for c in group if c.id not in early] if early else group
        if not rest:
            continue
        if stopped:
            for c in rest:
                selected[c.id] = False
                if usable(c, rules):
                    choices[c.id] = Choice(c.id, False, "line",
                                           (), "après la ligne de financement")
            continue
        free: list[Candidate] = []
        for c in rest:
            if not usable(c, rules):
                selected[c.id] = False
                continue
            b = blocker(c.facts, need(c), rules.constraints, picked) if maxima else None
            if b is not None:
                selected[c.id] = False
                choices[c.id] = Choice(c.id, False, f"max:{b}",
                                       (), f"non retenu : contrainte {b} atteinte")
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
                choices[c.id] = Choice(c.id, None, "tie", (), "ex æquo à la ligne : à départager")
            line = free[0].rank
            stopped = True
            continue
        lone = free[0]
        if over_top:
            selected[lone.id] = False
            choices[lone.id] = Choice(lone.id, False, "line", (), "après la ligne de financement")
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
        choices[lone.id] = Choice(lone.id, False, "budget",
                                  (), "ne tient pas dans l'enveloppe restante")
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
                    line, (), tuple(infeasible), skipped, stopped)
    # -- 3. the reserve
    pool = (c for c in cands if selected.get(c.id) is False)
    reserve, at_cut = reserve_list(pool, rules, picked)
    for cid in at_cut:
        flag(cid, "tie-at-reserve-line")
    # -- 4. explanations
    passed: list[str] = []  # the usable dossiers not taken, so far in rank order
    for c in cands:
        why = taken.get(c.id)
        if why is None:
            if usable(c, rules):
                passed.append(c.id)
            continue
        if why.startswith("constraint:"):
            kid = why.split(":", 1)[1]
            k = next(x for x in rules.constraints if x.id == kid)
            over = tuple(passed)
            better = "mieux classé" if len(over) == 1 else "mieux classés"
            text = (f"retenu de préférence à {', '.join(over)} ({better}) pour respecter "
                    f"la contrainte {kid} ({label(k)})" if over else
                    f"retenu pour la contrainte {kid} ({label(k)}), et à son rang")
            choices[c.id] = Choice(c.id, True, why, over, text)
        else:
            choices[c.id] = Choice(c.id, True, "rank", (), "retenu à son rang")
    in_reserve = set(reserve)
    picks = {c.id: Pick(selected.get(c.id, False), c.id in in_reserve, amount[c.id],
                        tuple(f) if (f := flags.get(c.id)) else (), choices.get(c.id))
             for c in cands}
    return Walk(picks, tuple(c.id for c in cands if c.id in taken), tuple(reserve), spent, line,
                statuses(rules.constraints, picked, infeasible, notes, stuck),
                tuple(infeasible),
                skipped, stopped)


def statuses(constraints: Sequence[Constraint], picked: Sequence[Held],
              infeasible: list[str], notes: dict[str, str],
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
                                    k.id in infeasible, notes.get(k.id),
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
