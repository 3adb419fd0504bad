"""The séance journal: the engine against the independent reference (tests/reference/).

Each example is a real call folder (written with the builders of
test_engine_reference.py) plus a ``journal.jsonl`` written with
:func:`isgrid.call.journal_append.append`: decisions at the jury and vote stages (``retenu``,
``réserve``, ``non retenu``, ``ajourné``, with or without an amount), withdrawals
and consensus values.  ``score(load_call(folder)).to_json()`` must agree with
:func:`reference.apply_journal` over :func:`reference.score_call` on every
dossier's status, ``selected``, ``reserve`` and ``amounts.granted``, and on
``selection.decided`` (selected, reserve, committed, remaining).

The journals aim at what the rules of docs/decisions.md (§3) are about: decisions and
withdrawals mostly on the dossiers the proposal retains, puts on the reserve or leaves in a
tie at the line, and again on a dossier already decided or withdrawn (reinstated,
re-decided, at the other stage).  Each rule also has an explicit example (``RULES``), and
the run is derandomized: CI tests the same journals every time.  It once ran 60 random
examples that never refused a laureate with a reserve dossier to take its place, and
missed the engine's old rule for a refusal (no place freed).

Three hand-worked séances follow, with their arithmetic in comments, then the
minimal cases where the engine once departed from the rules (a withdrawal read as
settling a tie, a later jury amount read as the vote's, a second withdrawal or a
second promotion ignored, a promotion unsettling a tie): each is now a regular case.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from test_engine_reference import VALUES, ref_spec, write_call

import reference
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import score

OUTCOMES = ["retenu", "réserve", "non retenu", "ajourné"]
STAGES = ["jury", "vote"]
#: reference notes of situations the random test leaves out: none today (the engine once
#: departed from the rules in the cases of DISAGREEMENTS below, now regular cases)
KNOWN: set[str] = set()


# ------------------------------------------------------------------ calls
CRITERION = {"id": "C1", "section": "S1", "scale": "s04", "weight": None, "lo": 0.0, "hi": 4.0,
             "floor": None}


def spec_of(dossiers: dict[str, tuple[float | None, int | None]], *, budget: float | None,
            rule: str = "rank-order", reserve: int = 2, threshold: float | None = None
            ) -> dict[str, Any]:
    """A one-criterion call (C1 on 0..4, one assessor): total = 100 x C1 / 4.

    ``dossiers``: id -> (C1, amount requested); C1 None leaves the dossier unrated
    (incomplete), an amount None leaves it without ``amount_requested``."""
    ratings: dict[tuple[str, str, str], Any] = {}
    facts = []
    for did, (value, amount) in dossiers.items():
        if value is not None:
            ratings[(did, "a1", "C1")] = value
        f: dict[str, Any] = {"eligible_costs": 100}
        if amount is not None:
            f["amount_requested"] = amount
        facts.append({"id": did, "facts": f})
    return {
        "sections": [{"id": "S1", "weight": None}], "criteria": [CRITERION],
        "eliminatory": [], "threshold": threshold, "aggregator": "mean",
        "missing": "incomplete", "ratings": ratings, "styles": dict.fromkeys(ratings, 0),
        "consensus": {}, "dossiers": facts, "tie_breaks": [], "budget": budget,
        "funding": None, "rule": rule, "reserve": reserve,
    }


@st.composite
def journal_calls(draw: st.DrawFn) -> dict[str, Any]:
    """A small call where most dossiers are ranked, ties are frequent and the budget
    bites; sometimes an incomplete dossier, one under the threshold, an unknown amount."""
    n = draw(st.integers(2, 6))
    # few distinct values, so that exact ties (and ties at the line) happen often
    pool = draw(st.lists(st.sampled_from(VALUES["s04"][2:]), min_size=1, max_size=3))
    dossiers: dict[str, tuple[float | None, int | None]] = {}
    for i in range(n):
        value = draw(st.sampled_from(pool) if draw(st.integers(0, 9)) else st.none())
        amount = draw(st.sampled_from([10, 10, 15, 20, 20, 30]) if draw(st.integers(0, 11))
                      else st.none())
        dossiers[f"D{i + 1}"] = (value, amount)
    spec = spec_of(dossiers, budget=draw(st.sampled_from([None, 20, 30, 40, 50, 60, 80])),
                   rule=draw(st.sampled_from(["rank-order", "skip"])),
                   reserve=draw(st.integers(0, 3)),
                   threshold=draw(st.sampled_from([None, None, None, 60])))
    return spec


@st.composite
def tight_calls(draw: st.DrawFn) -> dict[str, Any]:
    """A call whose budget the proposal uses up (what its first dossiers in rank order
    ask, sometimes 5 more) and whose reserve holds dossiers that fit a freed place;
    totals distinct but for one tie, one time in four."""
    n = draw(st.integers(3, 6))
    values = list(draw(st.permutations(VALUES["s04"][2:]))[:n])
    if not draw(st.integers(0, 3)):
        tie = draw(st.integers(1, n - 1))
        values[tie] = values[tie - 1]
    amounts = draw(st.lists(st.sampled_from([10, 10, 10, 15, 20]), min_size=n, max_size=n))
    order = sorted(range(n), key=lambda i: -values[i])
    budget = (sum(amounts[i] for i in order[:draw(st.integers(1, n - 1))])
              + draw(st.sampled_from([0, 0, 5])))
    return spec_of({f"D{i + 1}": (values[i], amounts[i]) for i in range(n)}, budget=budget,
                   rule=draw(st.sampled_from(["rank-order", "skip"])),
                   reserve=draw(st.integers(1, 3)))


#: how often a journal entry is of each kind, and a decision of each outcome: refusals and
#: reinstatements are what free and refill places
KINDS = ["decision"] * 5 + ["withdrawal"] * 2 + ["consensus"]
WEIGHTED_OUTCOMES = [o for o in OUTCOMES for _ in range(2 if o == "ajourné" else 3)]


@st.composite
def journals(draw: st.DrawFn, ids: list[str], proposal: dict[str, Any]) -> list[dict[str, Any]]:
    """Decisions, withdrawals and consensus values, mostly on the dossiers the rules are
    about: retained by the proposal, on its reserve, tied at the line, or already named by
    the journal (a decision after a withdrawal or a refusal reinstates, a later one
    re-decides, one of the other stage corrects or overrides)."""
    targets = {
        "retained": [i for i in ids if proposal["dossiers"][i]["selected"] is True],
        "reserve": list(proposal["reserve"]),
        "tied": [i for i in ids if proposal["dossiers"][i]["rank"] is not None
                 and proposal["dossiers"][i]["selected"] is None],
    }
    weights = {"retained": 4, "reserve": 2, "tied": 2, "again": 3, "any": 1}
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(KINDS))
        groups = dict(targets, again=sorted({e["dossier"] for e in out}), any=ids)
        names = [g for g, n in weights.items() for _ in range(n) if groups[g]]
        entry: dict[str, Any] = {"kind": kind,
                                 "dossier": draw(st.sampled_from(groups[draw(
                                     st.sampled_from(names))]))}
        if kind == "decision":
            entry["stage"] = draw(st.sampled_from(STAGES))
            entry["outcome"] = draw(st.sampled_from(WEIGHTED_OUTCOMES))
            entry["amount"] = draw(st.sampled_from([None, None, 5, 12, 25]))
        elif kind == "consensus":
            entry["criterion"] = "C1"
            entry["value"] = draw(st.sampled_from(VALUES["s04"]))
        out.append(entry)
    return out


@st.composite
def journal_cases(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    spec = draw(st.one_of(journal_calls(), tight_calls()), label="call")
    ids = [d["id"] for d in spec["dossiers"]]
    proposal = reference.score_call(ref_spec(spec))
    return spec, draw(journals(ids, proposal), label="journal")


def write_journal(folder: Path, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        if e["kind"] == "consensus":
            append(folder, kind="consensus", dossier=e["dossier"], criterion=e["criterion"],
                   value=e["value"], by="secrétariat", reason="accord en séance")
        else:
            append(folder, kind=e["kind"], dossier=e["dossier"], outcome=e.get("outcome"),
                   stage=e.get("stage", "jury"), amount=e.get("amount"), by="présidence",
                   reason="décision de séance")


def engine_and_reference(root: Path, spec: dict[str, Any], entries: list[dict[str, Any]]
                         ) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = write_call(root, spec)
    write_journal(folder, entries)
    result = score(load_call(folder)).to_json()
    scored = reference.journal_consensus(ref_spec(spec), entries)
    return result, reference.apply_journal(reference.score_call(scored), entries, spec)


def decided_amount(d: dict[str, Any]) -> float | None:
    """The amount a ``retenu`` decision holds (the reference's ``granted``): the JSON's
    ``amounts.granted`` once a vote granted it, its ``amounts.proposed`` before (only a
    vote grants: a jury-stage amount is proposed, docs/decisions.md)."""
    a = d["amounts"]
    if a["granted"] is not None:
        return float(a["granted"])
    return a["proposed"] if d["decision"]["outcome"] == "retenu" else None


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def assert_agree(result: dict[str, Any], ref: dict[str, Any], spec: dict[str, Any]) -> None:
    got = {d["id"]: d for d in result["dossiers"]}
    assert set(got) == set(ref["dossiers"])
    for did, exp in ref["dossiers"].items():
        d = got[did]
        seen = (d["status"], d["selected"], d["reserve"])
        assert seen == (exp["status"], exp["selected"], exp["reserve"]), did
        assert close(decided_amount(d), exp["granted"]), did
    if spec["budget"] is None:
        assert result["selection"] is None
        return
    decided = result["selection"]["decided"]
    assert decided["selected"] == ref["selected"]
    assert decided["reserve"] == ref["reserve"]
    assert close(decided["committed"], ref["committed"])
    assert close(decided["remaining"], ref["remaining"])


# ------------------------------------------------------------------ the property
def withdrawal(did: str) -> dict[str, Any]:
    return {"kind": "withdrawal", "dossier": did}


def decision(did: str, outcome: str, stage: str = "jury", amount: float | None = None
             ) -> dict[str, Any]:
    return {"kind": "decision", "dossier": did, "stage": stage, "outcome": outcome,
            "amount": amount}


#: D1 > D2 > D3 > D4 (totals 100, 87.5, 75, 62.5), 10 each, budget 20, reserve 2: the
#: proposal retains D1 D2, its reserve is D3 D4
FOUR = spec_of({"D1": (4, 10), "D2": (3.5, 10), "D3": (3, 10), "D4": (2.5, 10)}, budget=20)
#: D1 100 (10), D2 and D3 tied at 75 (10 each), D4 50 (10), budget 20, reserve 1: D1 is
#: retained, D2 D3 are a tie at the line (20 > 10 left), the reserve is D4
TIE = spec_of({"D1": (4, 10), "D2": (3, 10), "D3": (3, 10), "D4": (2, 10)}, budget=20,
              reserve=1)
#: D1, D2 tied at 50 (10 each), budget 10: a tie at the line for one place
TWO_TIED = spec_of({"D1": (2, 10), "D2": (2, 10)}, budget=10, reserve=0)
#: D1 alone at 100 (10), D2, D3, D4 tied at 75 (10 each), budget 30: 20 left, three for two
THREE_TIED = spec_of({"D1": (4, 10), "D2": (3, 10), "D3": (3, 10), "D4": (3, 10)}, budget=30,
                     reserve=0)
#: one example per rule of docs/decisions.md §3 (name: the rule, the call, the journal)
RULES: list[tuple[str, dict[str, Any], list[dict[str, Any]]]] = [
    ("a withdrawal of a retained dossier: the first reserve dossier that fits is proposed",
     FOUR, [withdrawal("D2")]),
    ("a reserve dossier that does not fit is passed over",
     spec_of({"D1": (4, 10), "D2": (3.5, 10), "D3": (3, 15), "D4": (2.5, 5)}, budget=20),
     [withdrawal("D2")]),
    ("a refusal « non retenu » at the vote frees the place", FOUR,
     [decision("D1", "non retenu", "vote")]),
    ("a refusal « non retenu » at the jury frees the place", FOUR, [decision("D2", "non retenu")]),
    ("a laureate put on the reserve heads it for the next place, not for its own", FOUR,
     [decision("D1", "réserve"), withdrawal("D2")]),
    ("« ajourné » frees no place", FOUR, [decision("D1", "ajourné", "vote")]),
    ("a jury refusal recorded after the vote's « retenu » frees nothing", FOUR,
     [decision("D1", "retenu", "vote", 8), decision("D1", "non retenu")]),
    ("a refusal at the vote after the jury's « retenu » frees the place", FOUR,
     [decision("D1", "retenu", amount=8), decision("D1", "non retenu", "vote")]),
    ("« retenu » after a refusal reinstates: both retained, the envelope overrun", FOUR,
     [decision("D2", "non retenu", "vote"), decision("D2", "retenu", "vote")]),
    ("a decision after a withdrawal reinstates; withdrawing again frees the place again",
     FOUR, [withdrawal("D1"), decision("D1", "retenu"), withdrawal("D1")]),
    ("the dossier proposed in a freed place, refused, frees it in turn", FOUR,
     [withdrawal("D1"), decision("D3", "non retenu"), decision("D4", "réserve", "vote")]),
    ("a dossier decided « réserve » stays on the reserve, ahead when it ranks ahead", FOUR,
     [decision("D3", "réserve"), decision("D4", "réserve"), withdrawal("D2")]),
    ("a reserve dossier decided « retenu » is retained (overrun)", FOUR,
     [decision("D4", "retenu", "vote", 5)]),
    ("a decision on a member settles a tie at the line: the others head the reserve", TIE,
     [decision("D3", "retenu"), withdrawal("D1")]),
    ("a withdrawal of the laureate: the tie at the line for its one place, nobody proposed",
     TIE,
     [withdrawal("D1")]),
    ("a withdrawal of a tied member settles the tie as a refusal does: the one left fits",
     TWO_TIED, [withdrawal("D1")]),
    ("a withdrawal of a tied member after a refusal of another: the one left is taken",
     THREE_TIED, [decision("D2", "non retenu"), withdrawal("D3")]),
    ("a refusal of the laureate with a tie at the line: nobody proposed", TIE,
     [decision("D1", "non retenu", "vote")]),
    ("a tie member refused, the other one proposed in a freed place", TIE,
     [decision("D2", "non retenu"), decision("D1", "réserve", "vote")]),
    ("a tie for a freed place: one of the tied refused, the place is offered again", TIE,
     [withdrawal("D1"), decision("D2", "non retenu", "vote")]),
    ("the place offered again passes over the tied one left when it does not fit",
     spec_of({"D1": (4, 10), "D2": (3, 10), "D3": (3, 25), "D4": (2, 5)}, budget=20,
             reserve=1),
     [decision("D1", "non retenu", "vote"), decision("D2", "réserve")]),
    ("a tie for a freed place settled by retaining one: nothing is offered again", TIE,
     [withdrawal("D1"), decision("D3", "retenu"), decision("D2", "non retenu")]),
    ("granted: the decision's amount, else an earlier « retenu » one's, else the proposal",
     FOUR, [decision("D1", "retenu", amount=8), decision("D1", "retenu", "vote"),
            decision("D2", "retenu", "vote")]),
    ("skip: the first reserve dossier that fits is proposed; « ajourné » on it frees nothing",
     spec_of({"D1": (4, 20), "D2": (3.5, 15), "D3": (3, 30), "D4": (2.5, 5),
              "D5": (2, 10)}, budget=40, rule="skip"),
     [decision("D2", "retenu", "vote", 12), withdrawal("D1"), decision("D5", "ajourné")]),
    ("no budget: decisions set the statuses, nothing is freed",
     spec_of({"D1": (4, 10), "D2": (3, 10)}, budget=None),
     [decision("D1", "non retenu", "vote"), withdrawal("D2"), decision("D2", "retenu")]),
]


def with_rules(test: Any) -> Any:
    for _name, spec, entries in reversed(RULES):
        test = example(case=(spec, entries))(test)
    return test


@settings(max_examples=600, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=journal_cases())
@with_rules
def test_engine_journal_matches_reference(
        tmp_path_factory: Any, case: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    spec, entries = case
    result, ref = engine_and_reference(tmp_path_factory.mktemp("journal"), spec, entries)
    # the known disagreements, kept as strict xfail tests below
    assume(not ref["notes"] & KNOWN)
    for freed in (result["freed_places"] or []):
        event(f"a place freed by a {freed['kind']} ({freed['outcome']}), "
              + ("a dossier proposed" if freed["replacement"] else "nobody proposed"))
    if any(d["rank"] is not None and "tie-at-line" in d["flags"] for d in result["dossiers"]):
        event("tie at the line")
    assert_agree(result, ref, spec)


# ------------------------------------------------------------------ hand-worked séances
def test_withdrawal_promotes_the_first_reserve_dossier_that_fits(tmp_path: Path) -> None:
    # budget 50, rank-order, reserve 2; totals 100, 87.5, 75, 62.5, 50 (C1 = 4 .. 2).
    # The walk: D1 20 (left 30), D2 15 (left 15), D3 10 (left 5); D4 10 > 5 stops it.
    # Proposal: selected D1 D2 D3 (45), reserve D4 D5.
    spec = spec_of({"D1": (4, 20), "D2": (3.5, 15), "D3": (3, 10), "D4": (2.5, 10),
                    "D5": (2, 8)}, budget=50)
    entries = [
        # D1 retenu for 18: granted 18
        {"kind": "decision", "dossier": "D1", "stage": "jury", "outcome": "retenu",
         "amount": 18},
        # D2 withdraws: the others hold D1 18 + D3 10 = 28, so 50 - 28 = 22 is left;
        # the reserve is D4, D5: D4 (10 <= 22) is promoted
        {"kind": "withdrawal", "dossier": "D2"},
    ]
    result, ref = engine_and_reference(tmp_path, spec, entries)
    assert_agree(result, ref, spec)
    got = {d["id"]: (d["status"], decided_amount(d)) for d in result["dossiers"]}
    assert got == {"D1": ("retenu", 18), "D2": ("retiré", None), "D3": ("retenu", None),
                   "D4": ("retenu", None), "D5": ("réserve", None)}
    decided = result["selection"]["decided"]
    # committed = 18 (granted) + 10 (D3 proposed) + 10 (D4 proposed) = 38; 50 - 38 = 12;
    # the reserve is recomputed: only D5 is left off the selection
    assert (decided["selected"], decided["reserve"]) == (["D1", "D3", "D4"], ["D5"])
    assert (decided["committed"], decided["remaining"]) == (38, 12)


def test_skip_passes_over_a_reserve_dossier_that_does_not_fit(tmp_path: Path) -> None:
    # budget 40, skip, reserve 2; D1 20, D2 15, D3 30, D4 5, D5 10 in rank order.
    # The walk: D1 (left 20), D2 (left 5), D3 30 skipped, D4 (left 0), D5 10 skipped.
    # Proposal: selected D1 D2 D4 (40), reserve D3 D5.
    spec = spec_of({"D1": (4, 20), "D2": (3.5, 15), "D3": (3, 30), "D4": (2.5, 5),
                    "D5": (2, 10)}, budget=40, rule="skip")
    entries = [
        # the vote grants D2 12
        {"kind": "decision", "dossier": "D2", "stage": "vote", "outcome": "retenu",
         "amount": 12},
        # a jury decision recorded after the vote corrects the jury's record, not the vote:
        # D2 stays retenu with 12
        {"kind": "decision", "dossier": "D2", "stage": "jury", "outcome": "non retenu"},
        # D1 withdraws: the others hold D2 12 + D4 5 = 17, left 40 - 17 = 23;
        # D3 (30 > 23) is passed over, D5 (10 <= 23) is promoted
        {"kind": "withdrawal", "dossier": "D1"},
    ]
    result, ref = engine_and_reference(tmp_path, spec, entries)
    assert_agree(result, ref, spec)
    got = {d["id"]: (d["status"], decided_amount(d)) for d in result["dossiers"]}
    assert got == {"D1": ("retiré", None), "D2": ("retenu", 12), "D3": ("réserve", None),
                   "D4": ("retenu", None), "D5": ("retenu", None)}
    decided = result["selection"]["decided"]
    # committed = 12 + 5 + 10 = 27, remaining 13
    assert (decided["selected"], decided["reserve"]) == (["D2", "D4", "D5"], ["D3"])
    assert (decided["committed"], decided["remaining"]) == (27, 13)


def test_a_settled_tie_heads_the_reserve_and_a_decision_reinstates(tmp_path: Path) -> None:
    # budget 30, rank-order, reserve 1; D1 (100, 10), D2 and D3 tied (75, 15 each),
    # D4 (50, 5).  The walk: D1 (left 20); D2 + D3 = 30 > 20: tie at the line, the walk
    # stops.  Proposal: selected D1 (10), D2 D3 undecided, reserve D4.
    spec = spec_of({"D1": (4, 10), "D2": (3, 15), "D3": (3, 15), "D4": (2, 5)},
                   budget=30, reserve=1)
    entries = [
        # the jury settles the tie for D3 (15): D2 is no longer selected and, ranked
        # above D4, takes the one reserve place
        {"kind": "decision", "dossier": "D3", "stage": "jury", "outcome": "retenu",
         "amount": 15},
        # D1 withdraws: D3 holds 15, left 30 - 15 = 15; the reserve is D2: 15 fits
        {"kind": "withdrawal", "dossier": "D1"},
        # the vote reinstates D1 for 8 (a decision after a withdrawal): nothing checks
        # the envelope against people's decisions
        {"kind": "decision", "dossier": "D1", "stage": "vote", "outcome": "retenu",
         "amount": 8},
    ]
    result, ref = engine_and_reference(tmp_path, spec, entries)
    assert_agree(result, ref, spec)
    got = {d["id"]: (d["status"], d["selected"], decided_amount(d))
           for d in result["dossiers"]}
    assert got == {"D1": ("retenu", True, 8), "D2": ("retenu", True, None),
                   "D3": ("retenu", True, 15), "D4": ("réserve", False, None)}
    decided = result["selection"]["decided"]
    # committed = 8 (D1 granted) + 15 (D2 proposed) + 15 (D3 granted) = 38: 8 over budget
    assert (decided["selected"], decided["reserve"]) == (["D1", "D2", "D3"], ["D4"])
    assert (decided["committed"], decided["remaining"]) == (38, -8)


# ------------------------------------------------------------------ disagreements
# Where the engine departs from the rules the reference follows (the brief's reading of
# docs/decisions.md).  Each case is minimal; the reference is checked on it by hand, the
# engine is a strict xfail: when the engine (or the rule) changes, the xfail turns into a
# failure and this list must be revisited.  The random test above leaves these situations
# out (``KNOWN``: the reference notes them).
Row = tuple[str, bool | None, bool, float | None]  # status, selected, reserve, granted

DISAGREEMENTS: list[tuple[str, str, dict[str, Any], list[dict[str, Any]], dict[str, Row],
                          tuple[list[str], list[str], float, float]]] = [
    (
        "amount-recorded-after-the-effective-decision",
        "granted: the decision's amount, else an EARLIER retenu decision's: a jury amount "
        "recorded after the vote corrects the jury's record, not the vote (engine: 5)",
        # the vote retains D1 without an amount (effective); the jury then records retenu
        # for 5: it does not replace the vote, and it is not earlier: granted = proposed 10
        spec_of({"D1": (4, 10)}, budget=20),
        [decision("D1", "retenu", "vote"), decision("D1", "retenu", "jury", 5)],
        {"D1": ("retenu", True, False, 10)},
        (["D1"], [], 10, 10),
    ),
    (
        "second-withdrawal-after-reinstatement",
        "every withdrawal of a retained dossier promotes; the engine reads only a "
        "dossier's first withdrawal",
        # budget 20, reserve 2: D1, D2 selected (20), reserve D3, D4.  D2 decided ajourné
        # (20 - 10 = 10 uncommitted; a postponement frees no place and keeps its money for
        # the committee's later decision: nobody promoted); D3 withdraws while on the
        # reserve (nothing to promote); the jury reinstates D3 retenu (holds its proposed
        # 10, over the envelope with D2's kept place); D3 withdraws again, retained: left
        # 20 - 10 (D1) - 10 (D2's kept place) = 0, D4 (10) does not fit: nobody promoted
        spec_of({"D1": (4, 10), "D2": (3.5, 10), "D3": (3, 10), "D4": (2.5, 10)}, budget=20),
        [decision("D2", "ajourné"), withdrawal("D3"), decision("D3", "retenu"),
         withdrawal("D3")],
        {"D1": ("retenu", True, False, None), "D2": ("ajourné", False, False, None),
         "D3": ("retiré", False, False, None), "D4": ("réserve", False, True, None)},
        (["D1"], ["D4"], 10, 10),
    ),
    (
        "promoted-again",
        "the reserve includes the dossiers decided réserve, even one promoted earlier; "
        "the engine never promotes a dossier twice",
        # budget 20: D1, D2 selected, reserve D3, D4.  D1 withdraws: left 20 - 10 = 10: D3
        # promoted.  The jury puts D3 back on the reserve (a decision after the promotion
        # wins): that refusal frees D3's place, left 20 - 10 (D2) = 10, the reserve but D3
        # is D4 (10): promoted.  D2 withdraws: left 20 - 10 (D4) = 10; the reserve in rank
        # order is D3 (decided réserve): D3 (10) is promoted again (the engine once
        # skipped it)
        spec_of({"D1": (4, 10), "D2": (3.5, 10), "D3": (3, 10), "D4": (2.5, 10)}, budget=20),
        [withdrawal("D1"), decision("D3", "réserve"), withdrawal("D2")],
        {"D1": ("retiré", False, False, None), "D2": ("retiré", False, False, None),
         "D3": ("retenu", True, False, None), "D4": ("retenu", True, False, None)},
        (["D3", "D4"], [], 20, 0),
    ),
    (
        "promotion-unsettles-a-tie",
        "a member of the tie at the line decided réserve, then promoted at a withdrawal: the "
        "tie it left stays settled",
        # budget 20, reserve 0: D1 10 (left 10); D2 + D3 = 20 > 10: tie at the line.  The
        # jury puts D2 on the reserve: D3 is left alone in the tie and fits (10 <= 20 - 10):
        # taken, the tie settled (branch tie-three: D3 used to be non retenu, the first
        # decision settling the tie « for good »).  D1 withdraws: left 20 - 10 (D3) = 10,
        # the reserve is D2 (decided): promoted.  20 committed, nothing left
        spec_of({"D1": (3, 10), "D2": (2, 10), "D3": (2, 10)}, budget=20, reserve=0),
        [decision("D2", "réserve"), withdrawal("D1")],
        {"D1": ("retiré", False, False, None), "D2": ("retenu", True, False, None),
         "D3": ("retenu", True, False, None)},
        (["D2", "D3"], [], 20, 0),
    ),
]


def observed_engine(root: Path, spec: dict[str, Any], entries: list[dict[str, Any]]
                    ) -> tuple[dict[str, Row], tuple[list[str], list[str], float, float]]:
    result, _ = engine_and_reference(root, spec, entries)
    rows = {d["id"]: (d["status"], d["selected"], d["reserve"], decided_amount(d))
            for d in result["dossiers"]}
    dec = result["selection"]["decided"]
    return rows, (dec["selected"], dec["reserve"], dec["committed"], dec["remaining"])


def assert_both_decide(root: Path, spec: dict[str, Any], entries: list[dict[str, Any]],
                       rows: dict[str, Row],
                       decided: tuple[list[str], list[str], float, float]) -> None:
    """The reference model and the engine both end the journal with these rows (status,
    selected, reserve, granted by dossier) and these totals (selected, reserve, committed,
    remaining)."""
    ref = reference.apply_journal(reference.score_call(ref_spec(spec)), entries, spec)
    assert {i: (x["status"], x["selected"], x["reserve"], x["granted"])
            for i, x in ref["dossiers"].items()} == rows
    assert (ref["selected"], ref["reserve"], ref["committed"], ref["remaining"]) == decided
    assert observed_engine(root, spec, entries) == (rows, decided)


@pytest.mark.parametrize(("note", "spec", "entries", "rows", "decided"),
                         [pytest.param(n, s, e, r, d, id=n)
                          for n, _, s, e, r, d in DISAGREEMENTS])
def test_reference_on_the_disagreements(note: str, spec: dict[str, Any],
                                        entries: list[dict[str, Any]], rows: dict[str, Row],
                                        decided: tuple[list[str], list[str], float, float]
                                        ) -> None:
    ref = reference.apply_journal(reference.score_call(ref_spec(spec)), entries, spec)
    assert note in ref["notes"]
    assert {i: (x["status"], x["selected"], x["reserve"], x["granted"])
            for i, x in ref["dossiers"].items()} == rows
    assert (ref["selected"], ref["reserve"], ref["committed"], ref["remaining"]) == decided


@pytest.mark.parametrize(("spec", "entries", "rows", "decided"),
                         [pytest.param(s, e, r, d, id=n)
                          for n, _why, s, e, r, d in DISAGREEMENTS])
def test_engine_on_the_disagreements(tmp_path: Path, spec: dict[str, Any],
                                     entries: list[dict[str, Any]], rows: dict[str, Row],
                                     decided: tuple[list[str], list[str], float, float]
                                     ) -> None:
    assert observed_engine(tmp_path, spec, entries) == (rows, decided)


# ------------------------------------------------------------------ branch tie-withdraw
@pytest.mark.parametrize(("spec", "entries", "rows", "decided"), [
    pytest.param(
        # D1 withdraws (it held no place: nothing freed); D2 is the one left in the tie,
        # 10 <= 10: taken, as after a refusal of D1.  Before branch tie-withdraw the
        # engine left D2 « classé », selected null (the reference noted
        # « withdrawal-in-unsettled-tie »)
        TWO_TIED, [withdrawal("D1")],
        {"D1": ("retiré", False, False, None), "D2": ("retenu", True, False, None)},
        (["D2"], [], 10, 0), id="withdrawn-one-of-two"),
    pytest.param(
        # D2 refused: D3 + D4 = 20 <= 30 - 10: both taken, settled by the refusal; D3's
        # withdrawal after it changes nothing but D3's status: D4 retained alone, 20
        THREE_TIED, [decision("D2", "non retenu"), withdrawal("D3")],
        {"D1": ("retenu", True, False, None), "D2": ("non retenu", False, False, None),
         "D3": ("retiré", False, False, None), "D4": ("retenu", True, False, None)},
        (["D1", "D4"], [], 20, 10), id="refusal-then-withdrawal"),
    pytest.param(
        # D3 withdraws: D2 + D4 = 20 <= 20: both taken, settled by the withdrawal
        THREE_TIED, [withdrawal("D3")],
        {"D1": ("retenu", True, False, None), "D2": ("retenu", True, False, None),
         "D3": ("retiré", False, False, None), "D4": ("retenu", True, False, None)},
        (["D1", "D2", "D4"], [], 30, 0), id="withdrawn-one-of-three-for-two"),
])
def test_a_withdrawal_settles_the_line_as_a_refusal(
        tmp_path: Path, spec: dict[str, Any], entries: list[dict[str, Any]],
        rows: dict[str, Row], decided: tuple[list[str], list[str], float, float]) -> None:
    assert_both_decide(tmp_path, spec, entries, rows, decided)


# ------------------------------------------------------------------ branch tie-freed
#: D1 (100) and D2 (87.5) above the line, D3, D4, D5 tied at 75, 10 each
FREED = {"D1": (4, 10), "D2": (3.5, 10), "D3": (3, 10), "D4": (3, 10), "D5": (3, 10)}


@pytest.mark.parametrize(("spec", "entries", "rows", "decided"), [
    pytest.param(
        # budget 40: D1 + D2 hold 20, 20 left at the line: three for two, open.  D1
        # withdraws: 40 - 10 (D2) = 30 left, D3 + D4 + D5 = 30 <= 30: all three taken in
        # D1's place, the line's tie settled by the withdrawal; 40 committed, 0 left
        spec_of(FREED, budget=40, reserve=0), [withdrawal("D1")],
        {"D1": ("retiré", False, False, None), "D2": ("retenu", True, False, None),
         "D3": ("retenu", True, False, None), "D4": ("retenu", True, False, None),
         "D5": ("retenu", True, False, None)},
        (["D2", "D3", "D4", "D5"], [], 40, 0), id="all-tied-fit-the-freed-place"),
    pytest.param(
        # budget 30: 10 left at the line, three for one.  D1 withdraws: 30 - 10 = 20 left,
        # 30 > 20: the three are left to people (none of them alone).  D5 refused: the
        # place is offered again, D3 + D4 = 20 <= 20: both taken; 30 committed, 0 left
        spec_of(FREED, budget=30, reserve=0), [withdrawal("D1"), decision("D5", "non retenu")],
        {"D1": ("retiré", False, False, None), "D2": ("retenu", True, False, None),
         "D3": ("retenu", True, False, None), "D4": ("retenu", True, False, None),
         "D5": ("non retenu", False, False, None)},
        (["D2", "D3", "D4"], [], 30, 0), id="left-to-people-until-they-fit"),
    pytest.param(
        # budget 30, D1 withdraws (three tied for its place, 20 left); nothing else: D3,
        # D4, D5 stay « classé », selected null; D2 alone committed (10, 20 left)
        spec_of(FREED, budget=30, reserve=0), [withdrawal("D1")],
        {"D1": ("retiré", False, False, None), "D2": ("retenu", True, False, None),
         "D3": ("classé", None, False, None), "D4": ("classé", None, False, None),
         "D5": ("classé", None, False, None)},
        (["D2"], [], 10, 20), id="three-do-not-fit"),
])
def test_the_tied_take_a_freed_place_together(
        tmp_path: Path, spec: dict[str, Any], entries: list[dict[str, Any]],
        rows: dict[str, Row], decided: tuple[list[str], list[str], float, float]) -> None:
    assert_both_decide(tmp_path, spec, entries, rows, decided)
