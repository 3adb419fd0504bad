"""The reference's séance journal over a proposal: decisions, withdrawals, the places
they free and the tie at the funding line (:func:`apply_journal`)."""

from __future__ import annotations

from typing import Any

from .decisions import effective_entry, first_that_fits, granted_amount
from .scoring import EPS


def apply_journal(reference_result: dict[str, Any], entries: list[dict[str, Any]],
                  spec: dict[str, Any]) -> dict[str, Any]:
    """:func:`_apply`, with the grants decided later spent ahead of the offers: a freed
    place is offered only the money left after every grant decided.  A dossier a decision
    retains while it holds no place (not the one whose place was freed before, nor one
    retained in a place left to people), and still retained at the end, spends its grant
    at every offer recorded before that decision (and is not offered the place).  Run
    again with those until no other turns up (a dossier the first run proposed in a place
    may not be proposed once money is spent, and its later vote is then such a decision)."""
    spent: dict[str, tuple[int, float]] = {}
    while True:
        out, outside, offers = _apply(reference_result, entries, spec, spent)
        more = {i: x for i, x in outside.items()
                if i not in spent and any(seq < x[0] for seq in offers)}
        if not more:
            return out
        spent.update(more)


def _apply(reference_result: dict[str, Any], entries: list[dict[str, Any]],
           spec: dict[str, Any], spent: dict[str, tuple[int, float]]
           ) -> tuple[dict[str, Any], dict[str, tuple[int, float]], list[int]]:
    """The séance journal's decisions and withdrawals over :func:`score_call`'s result.

    ``entries`` are dicts in journal order: ``kind`` (``decision``, ``withdrawal``;
    ``consensus`` entries are skipped here, see :func:`journal_consensus`), ``dossier``,
    ``stage`` (default ``jury``), ``outcome`` and ``amount`` (decisions), and optionally
    ``seq`` (else the position, from 1).  Only a budget (or none) is modelled: no
    ``top``, no partial grants, no constraints.

    The rules (docs/decisions.md, read as plainly as possible):

    * effective decision: :func:`effective_entry`;
    * a dossier decided ``retenu`` holds its granted amount (:func:`granted_amount`);
      a dossier the proposal selected and nobody decided holds its proposed amount;
    * the reserve at any moment: the ranked dossiers with a known amount that are neither
      retained nor decided, or decided ``réserve``, in rank order, the first ``reserve`` of
      them (a tie straddling the cut taken whole), plus every other ranked dossier decided
      ``réserve`` (confirming the proposed reserve adds nobody to it); a dossier tied
      at the line is not among them until its tie is settled (below);
    * the tie at the line: after each decision on one of its members, or its withdrawal
      (the same rule: a withdrawn member is out as a refused one; branch tie-withdraw),
      while nobody settled it, the members still in the running (undecided or
      ``ajourné``; not refused, not withdrawn, not holding a freed place) are walked again with the money the proposal
      held and the members retained (not those that took a freed place): all of them fit
      -- taken, ``retenu`` -- or a lone one does not fit, or none is left: the tie is
      settled; several that do not all fit: still open (branch tie-three); the same walk
      runs after an entry that promoted members in a freed place (branch tie-freed);
    * a withdrawal of a retained dossier, or a decision ``non retenu`` or ``réserve`` that
      takes effect on a retained dossier (a refusal), frees its place and promotes at most
      one dossier: the reserve but that dossier is walked in rank order with the money
      left (budget minus what the other retained dossiers hold) and room for one
      (:func:`.decisions.first_that_fits`): a lone dossier that fits is promoted; one that
      does not fit is passed over, whatever the call's rule; several tied dossiers (one
      place for two) stop it with nobody promoted: people settle ties -- but the tie at the
      line nobody settled, when it heads the walk, is promoted whole if all its members
      still waiting fit the money left (branch tie-freed: never only some of them), and
      that settles the line's tie;
      ``ajourné`` frees nothing, but keeps the place:
      a refusal or a withdrawal after it frees it;
    * a place left to people (several tied dossiers, nobody promoted) is offered again,
      the same way, each time one of the tied dossiers is refused (a decision ``non
      retenu`` or ``réserve`` that takes effect) or withdraws: never to the dossiers
      refused for it since, nor to the one that freed it; a decision retaining one of
      them settles it for good;
    * a promoted dossier is ``retenu`` until a decision recorded after its promotion
      takes effect (the decision it may have had before, ``réserve``, is superseded);
    * statuses: the effective decided outcome (``retiré`` for a withdrawal); promoted:
      ``retenu``; otherwise the computed status with the recomputed reserve (a dossier
      tied at the line whose tie was settled is no longer selectable by the walk: not
      selected);
    * the decided budget: committed = the sum over the selected dossiers of their granted
      amount, else their proposed amount; remaining = budget - committed.

    Returns ``{"dossiers": {id: {"status", "selected", "reserve", "granted", "outcome",
    "promoted"}}, "selected": [...], "reserve": [...], "committed", "remaining",
    "promotions": [(withdrawn, (promoted, ...)), ...], "notes": set}``; ``notes`` names
    situations the caller may want to know of
    (``amount-recorded-after-the-effective-decision``: a ``retenu`` decision without an
    amount is effective while a ``retenu`` decision with an amount, of an earlier stage,
    was recorded after it; ``unsettled-tie-ahead-of-the-reserve``: a dossier was promoted while
    a tie at the line nobody settled is ranked above it;
    ``second-withdrawal-after-reinstatement``: a dossier reinstated after a withdrawal,
    and retained, withdrew again; ``promoted-again``: a dossier promoted, then decided
    ``réserve``, was promoted at a later withdrawal; ``promotion-unsettles-a-tie``: the
    dossier promoted is a member of a tie at the line, decided ``réserve`` before).
    """
    ds = reference_result["dossiers"]
    budget = spec.get("budget")
    selecting = budget is not None
    envelope = float(budget) if budget is not None else 0.0
    n_reserve = int(spec.get("reserve") or 0)
    order = list(reference_result["order"])  # ranked, best first
    ids = order + sorted(i for i in ds if i not in order)
    rank = {i: ds[i]["rank"] for i in order}
    proposed = {i: ds[i]["proposed"] for i in ids}
    tie_at_line = {i: "tie-at-line" in ds[i]["flags"] for i in ids}
    known = {i: proposed[i] is not None for i in ids}  # the walk can spend on it

    def computed_selected(i: str) -> bool | None:
        if not selecting:
            return None
        if ds[i]["rankable"] and proposed[i] is None:
            return None  # its amount is unknown: nobody can say yet
        chosen: bool | None = ds[i]["selected"]
        return chosen

    history: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    promoted: dict[str, int] = {}  # id -> seq of the withdrawal that promoted it
    line_taken: set[str] = set()  # taken by the walk of the tie at the line, once settled
    occupying: set[str] = set()  # retained by the decision that settled a freed place
    line_settled: list[int] = []  # the seq of the decision that settled the tie at the line
    promotions: list[tuple[str, tuple[str, ...]]] = []
    notes: set[str] = set()
    offers: list[int] = []  # the seqs of the entries that offered a place
    outside_at: dict[str, int] = {}  # retained holding no place: the decision's seq
    freed_at: dict[str, list[int]] = {i: [] for i in ids}  # the places each one freed

    def state(i: str) -> tuple[str | None, dict[str, Any] | None, bool]:
        """(outcome or None when undecided, the effective entry, promoted and undecided since)."""
        eff = effective_entry(history[i])
        p = promoted.get(i)
        if p is not None and (eff is None or eff["seq"] < p):
            return "retenu", None, True
        if eff is None:
            return (("retenu" if computed_selected(i) is True or i in line_taken else None),
                    None, False)
        return ("retiré" if eff["kind"] == "withdrawal" else eff["outcome"]), eff, False

    def granted(i: str, eff: dict[str, Any]) -> float | None:
        if eff.get("amount") is None and any(
                e["seq"] > eff["seq"] and e["kind"] == "decision" and e["outcome"] == "retenu"
                and e.get("amount") is not None for e in history[i]):
            # a later amount at an earlier stage does not count (see test_reference_journal)
            notes.add("amount-recorded-after-the-effective-decision")
        return granted_amount(history[i], eff, proposed[i])

    def holds(i: str) -> float:
        outcome, eff, _ = state(i)
        if outcome == "ajourné" and held_place(i):
            # postponed while retained: its place and its money are kept for later
            for e in reversed(history[i]):
                if e["kind"] == "decision" and e["outcome"] == "retenu" \
                        and e.get("amount") is not None:
                    return float(e["amount"])
            return float(proposed[i] or 0.0)
        if outcome != "retenu":
            return 0.0
        g = proposed[i] if eff is None else granted(i, eff)
        return float(g or 0.0)

    # every decision and withdrawal of each dossier, the whole journal (read by in_the_end)
    whole: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for n, raw in enumerate(entries, start=1):
        if raw["kind"] in ("decision", "withdrawal") and raw["dossier"] in whole:
            whole[raw["dossier"]].append({
                "kind": raw["kind"], "dossier": raw["dossier"],
                "stage": raw.get("stage") or "jury", "outcome": raw.get("outcome"),
                "amount": raw.get("amount"), "seq": raw.get("seq", n)})

    def in_the_end(i: str, seq: int) -> float:
        """What ``i`` holds at an offer made at entry ``seq``: :func:`holds`, but the money
        decided for it in the end when only decisions retaining it follow (a later
        reduction frees money for the place, a later raise spends it)."""
        later = [x for x in whole[i] if x["seq"] > seq]
        if held_place(i) and later and all(
                x["kind"] == "decision" and x["outcome"] == "retenu" for x in later):
            eff = effective_entry(whole[i])
            assert eff is not None
            return float(granted_amount(whole[i], eff, proposed[i]) or 0.0)
        return holds(i)

    def settled_ranks() -> set[int]:
        return {rank[i] for i in order if tie_at_line[i]} if line_settled else set()

    def settle_line(e: dict[str, Any]) -> None:
        """The tie at the line walked again after a decision on one of its members, or its
        withdrawal (out, as a refused one)."""
        if line_settled or not selecting or not (tie_at_line[e["dossier"]] or any(
                tie_at_line[i] and promoted.get(i) == e["seq"] for i in promoted)):
            return  # a decision on a member, its withdrawal, or members put in a place
        tied = [i for i in order if tie_at_line[i]]
        held = sum(float(proposed[i] or 0.0) for i in ids if computed_selected(i) is True)
        running: list[str] = []
        for i in tied:
            outcome, _eff, prom = state(i)
            if prom or i in occupying:
                continue
            if outcome == "retenu":
                held += holds(i)
            elif outcome in (None, "ajourné"):
                running.append(i)
        need = sum(float(proposed[i] or 0.0) for i in running)
        if len(running) > 1 and held + need > envelope + EPS:
            return  # they cannot all be taken: still open
        if held + need <= envelope + EPS:
            line_taken.update(running)
        line_settled.append(e["seq"])

    def reserve_now() -> list[str]:
        settled = settled_ranks()
        listed: list[str] = []
        decided_reserve: list[str] = []
        for i in order:
            outcome, eff, prom = state(i)
            if outcome in ("retenu", "retiré"):
                continue
            if tie_at_line[i] and rank[i] not in settled:
                continue
            if eff is None and not prom:
                if known[i]:
                    listed.append(i)
            elif outcome == "réserve":
                decided_reserve.append(i)
                if known[i]:  # it counts in the list's length where its rank puts it
                    listed.append(i)
        taken: list[str] = []
        for i in listed:
            # past the cut, only the rest of a tie the cut falls into (taken whole)
            if len(taken) >= n_reserve and (not taken or rank[i] != rank[taken[-1]]):
                break
            taken.append(i)
        chosen = set(taken) | set(decided_reserve)
        return [i for i in order if i in chosen]

    def held_place(i: str) -> bool:
        """Whether ``i`` holds a place now: retained, or postponed (``ajourné``) while it
        held one (the postponement keeps the place for the committee's later decision):
        its state with its trailing postponements taken back."""
        saved = history[i]
        try:
            outcome, eff, _ = state(i)
            while outcome == "ajourné" and eff is not None:
                history[i] = [x for x in history[i] if x["seq"] < eff["seq"]]
                outcome, eff, _ = state(i)
        finally:
            history[i] = saved
        return outcome == "retenu"

    def offer(out: set[str], left: float, seq: int) -> tuple[list[str], list[str]]:
        """One place offered at entry ``seq``: the reserve, headed by a tie at the line
        that nobody settled, but the dossiers ``out`` and those a later decision retains
        (``spent``: their grants are spent first); called in rank order, the first that
        fits the money left (whatever the call's rule)."""
        offers.append(seq)
        ahead = {i: g for i, (at, g) in spent.items() if at > seq}
        left -= sum(ahead.values())
        out = out | set(ahead)
        settled = settled_ranks()
        waiting = {j for j in order if tie_at_line[j] and rank[j] not in settled
                   and state(j)[0] is None and state(j)[1] is None and not state(j)[2]}
        listed = set(reserve_now()) | waiting
        pool = [i for i in order if i in listed and known[i] and i not in out]
        chosen, tied = first_that_fits(pool, rank, proposed, left, frozenset(waiting - out))
        if any(tie_at_line[i] and history[i] for i in chosen):
            # the decision that settled the tie still holds (see test_reference_journal)
            notes.add("promotion-unsettles-a-tie")
        if any(i in promoted for i in chosen):
            # a dossier promoted a second time (see test_reference_journal)
            notes.add("promoted-again")
        return chosen, tied

    #: the places left to people and not settled: who freed it, the tied, who is out
    open_places: list[tuple[str, list[str], set[str]]] = []

    def offer_again(e: dict[str, Any]) -> None:
        i = e["dossier"]
        for place in [p for p in open_places if i in p[1]]:
            outcome, eff, _ = state(i)
            if outcome == "retenu":
                open_places.remove(place)  # settled by the decision that retains it
                occupying.add(i)
                continue
            if eff is not e or outcome not in ("non retenu", "réserve", "retiré"):
                continue
            place[2].add(i)
            chosen, tied = offer(place[2], envelope - sum(in_the_end(j, e["seq"]) for j in ids),
                                 e["seq"])
            for j in chosen:
                promoted[j] = e["seq"]
            promotions.append((place[0], tuple(chosen)))
            if tied:  # still left to people, among fewer
                open_places[open_places.index(place)] = (place[0], tied, place[2])
            else:
                open_places.remove(place)

    for seq, raw in enumerate(entries, start=1):
        if raw["kind"] not in ("decision", "withdrawal") or raw["dossier"] not in history:
            continue
        e = {"kind": raw["kind"], "dossier": raw["dossier"],
             "stage": raw.get("stage") or "jury", "outcome": raw.get("outcome"),
             "amount": raw.get("amount"), "seq": raw.get("seq", seq)}
        w = e["dossier"]
        refusal = e["kind"] == "decision" and e["outcome"] in ("non retenu", "réserve")
        if e["kind"] == "decision" and not refusal:
            held_before = held_place(w)
            history[w].append(e)
            if e["outcome"] == "retenu" and not held_before and not tie_at_line[w] \
                    and state(w) == ("retenu", e, False):
                outside_at[w] = e["seq"]
            offer_again(e)
            settle_line(e)
            continue
        was_retained = held_place(w)
        if e["kind"] == "withdrawal" and was_retained and any(
                x["kind"] == "withdrawal" for x in history[w]):
            # a second withdrawal after a reinstatement (see test_reference_journal)
            notes.add("second-withdrawal-after-reinstatement")
        history[w].append(e)
        if not (was_retained and selecting) or (
                refusal and effective_entry(history[w]) is not e):
            # frees nothing (an earlier stage's refusal recorded later: the place stays
            # held); it may refuse a dossier tied for a place left to people
            offer_again(e)
            settle_line(e)
            continue
        left = envelope - sum(in_the_end(i, e["seq"]) for i in ids if i != w)
        # never the dossier that freed the place (one put on the reserve stays out of it)
        freed_at[w].append(e["seq"])
        chosen, tied = offer({w}, left, e["seq"])
        for j in chosen:
            promoted[j] = e["seq"]
        promotions.append((w, tuple(chosen)))
        if tied:
            open_places.append((w, tied, {w}))
        settle_line(e)

    final_reserve = set(reserve_now()) if selecting else set()
    settled = settled_ranks()
    out: dict[str, dict[str, Any]] = {}
    for i in ids:
        outcome, eff, prom = state(i)
        d = ds[i]
        amount: float | None = None
        selected: bool | None
        if prom:
            st, selected, reserve = "retenu", True, False
            decided: str | None = None
        elif eff is not None:
            decided = outcome
            st = str(outcome)
            selected = outcome == "retenu"
            reserve = outcome == "réserve"
            if outcome == "retenu":
                amount = granted(i, eff)
        else:
            decided = None
            selected = computed_selected(i)
            if selecting and tie_at_line[i] and rank.get(i) in settled:
                selected = False
            if i in line_taken:
                selected = True  # the tie at the line settled on it
            reserve = i in final_reserve
            if d["eligible"] is False:
                st = "irrecevable"
            elif d["eligible"] is None:
                st = "à vérifier"
            elif d["total"] is None:
                st = "incomplet"
            elif not d["rankable"]:
                st = "non classé"
            elif not selecting:
                st = "classé"
            elif proposed[i] is None:
                st = "à vérifier"
            elif selected is True:
                st = "retenu"
            elif reserve:
                st = "réserve"
            elif selected is None:
                st = "classé"
            else:
                st = "non retenu"
        if not selecting and decided is None:
            selected = None
        out[i] = {"status": st, "selected": selected, "reserve": reserve, "granted": amount,
                  "outcome": decided, "promoted": prom}
    sel = [i for i in ids if out[i]["selected"] is True]
    committed = sum(float(out[i]["granted"] if out[i]["granted"] is not None
                          else (proposed[i] or 0.0)) for i in sel)
    outside: dict[str, tuple[int, float]] = {}
    for i, at in outside_at.items():
        outcome, eff, prom = state(i)
        if outcome != "retenu" or prom or eff is None or eff["kind"] != "decision" \
                or i in occupying or any(x < at for x in freed_at[i]) or any(
                    x["kind"] == "withdrawal" and x["seq"] < at for x in history[i]):
            continue
        outside[i] = (at, float(granted(i, eff) or 0.0))
    return {
        "dossiers": out,
        "selected": sel,
        "reserve": [i for i in ids if out[i]["reserve"]],
        "committed": committed if selecting else None,
        "remaining": envelope - committed if selecting else None,
        "promotions": promotions,
        "notes": notes,
    }, outside, offers
