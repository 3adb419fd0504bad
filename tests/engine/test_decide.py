"""The journal's decisions and withdrawals through real calls (isgrid.engine.decide).

The séance call of tests/decisions_calls.py: two criteria Q1, Q2 on 0..4,
total = 100 x (Q1 + Q2) / 8; no funding block, so the proposed amount is the
requested amount; budget 50 000 and a reserve of 2 unless a test says otherwise.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from decisions_calls import seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine.result import FrozenDict
from isgrid.io.write import dumps_json

#: A call without a tie near the line:
#: D1 (4+4) 100, D2 (4+3) 87.5, D3 (3+3) 75, D4 (3+2) 62.5, D5 (2+2) 50, D6 (1+2) 37.5.
#: Budget 50 000: D1 20 000, D2 35 000, D3 45 000; D4 45 000 + 12 000 = 57 000 > 50 000
#: stops at rank 4 (rank-order).  Reserve of 2: D4, D5.  D6: non retenu.
PROMO: dict[str, tuple[float, float, int, int, str, str, str]] = {
    "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
    "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
    "D3": (3, 3, 10000, 25000, "rural", "association", "mobilite"),
    "D4": (3, 2, 12000, 24000, "urbain", "scop", "emploi"),
    "D5": (2, 2, 8000, 16000, "rural", "association", "mobilite"),
    "D6": (1, 2, 5000, 10000, "rural", "scop", "emploi"),
}


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def statuses(r: Result) -> dict[str, str]:
    return {d.id: str(d.status) for d in r.dossiers}


def withdraw(folder: Path, did: str) -> None:
    append(folder, kind="withdrawal", dossier=did, by="Secrétariat", reason="retrait")


def decide(folder: Path, did: str, outcome: str, stage: str = "jury",
           amount: float | None = None) -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage=stage, amount=amount,
           by="Jury", reason="délibération")


@pytest.fixture
def promo(tmp_path: Path) -> Path:
    return seance_call(tmp_path, dossiers=PROMO)


# ------------------------------------------------------------ the proposal itself
def test_the_proposal_before_any_decision(promo: Path) -> None:
    r = scored(promo)
    assert [(d.id, d.rank) for d in r.dossiers] == [
        ("D1", 1), ("D2", 2), ("D3", 3), ("D4", 4), ("D5", 5), ("D6", 6)]
    assert [d.total for d in r.dossiers] == [100, 87.5, 75, 62.5, 50, 37.5]
    assert statuses(r) == {"D1": "retenu", "D2": "retenu", "D3": "retenu", "D4": "réserve",
                           "D5": "réserve", "D6": "non retenu"}
    assert r.selection is not None
    p = r.selection.proposed
    # 20 000 + 15 000 + 10 000 = 45 000; 50 000 - 45 000 = 5 000
    assert (p.selected, p.reserve, p.committed, p.remaining) == (
        ("D1", "D2", "D3"), ("D4", "D5"), 45000, 5000)
    assert r.selection.line == 4
    # the engine proposes, people grant
    assert all(d.amounts.granted is None for d in r.dossiers)


# ------------------------------------------------------------ withdrawals
def test_withdrawal_promotes_exactly_one_reserve_dossier(promo: Path) -> None:
    withdraw(promo, "D2")
    r = scored(promo)
    # D2 frees 15 000; D1 and D3 hold 20 000 + 10 000 = 30 000: 50 000 - 30 000 = 20 000
    # available.  The reserve is D4 (12 000), D5 (8 000): D4 fits (30 000 + 12 000 = 42 000);
    # D5 would still fit (42 000 + 8 000 = 50 000) but one place was freed: only D4.
    [w] = r.withdrawals
    assert dict(w) | {"promoted": list(w["promoted"]), "tied": list(w["tied"])} == {
        "dossier": "D2", "seq": 1, "by": "Secrétariat", "reason": "retrait",
        "freed": 15000, "available": 20000, "replacement": "D4", "promoted": ["D4"],
        "tied": [], "offered_at": 1, "settled": None,
        # offered once, to the reserve D4, D5 (2 dossiers): D4 taken, from the reserve
        "offers": ({"seq": 1, "dossier": "D2", "promoted": ("D4",), "tied": (),
                    "reserve": ("D4",), "candidates": 2},)}
    assert statuses(r) == {"D1": "retenu", "D2": "retiré", "D3": "retenu", "D4": "retenu",
                           "D5": "réserve", "D6": "réserve"}
    d2, d4, d6 = r.dossier("D2"), r.dossier("D4"), r.dossier("D6")
    assert (d2.decision.replaced_by, d2.decision.replaces) == (("D4",), None)
    assert (d4.decision.replaces, d4.decision.replaced_by) == ("D2", ())
    assert (d2.decision.computed, d2.decision.proposed, d2.decision.outcome) == (
        "retenu", "retiré", "retiré")
    # D4: computed réserve, proposed retenu in D2's place, nobody decided yet
    assert (d4.decision.computed, d4.decision.proposed, d4.decision.outcome) == (
        "réserve", "retenu", None)
    assert (d4.selected, d4.reserve, d4.amounts.granted) == (True, False, None)
    assert (d2.selected, d2.reserve) == (False, False)
    # the reserve is recomputed after the journal: D5, then D6 (2 places)
    assert (d6.selected, d6.reserve) == (False, True)
    assert r.selection is not None
    dec = r.selection.decided
    # D1 20 000 + D3 10 000 + D4 12 000 = 42 000 held; none granted by a decision
    assert (dec.selected, dec.reserve) == (("D1", "D3", "D4"), ("D5", "D6"))
    assert (dec.committed, dec.granted, dec.remaining) == (42000, 0, 8000)
    # the proposal is unchanged beside it
    assert r.selection.proposed.selected == ("D1", "D2", "D3")
    assert r.dossier("D4").computed.status == "réserve"
    assert not any(f.startswith("overridden:") for d in r.dossiers for f in d.flags)


def test_two_withdrawals_in_a_row(promo: Path) -> None:
    withdraw(promo, "D2")
    withdraw(promo, "D4")
    r = scored(promo)
    # 1st: D4 replaces D2 (above).  2nd: D4 frees 12 000; D1 + D3 hold 30 000, 20 000 are
    # available; the reserve is now D5, D6: D5 fits (30 000 + 8 000 = 38 000), one place
    w1, w2 = r.withdrawals
    assert (w1["replacement"], w2["dossier"], w2["seq"], w2["freed"], w2["available"],
            w2["replacement"]) == ("D4", "D4", 2, 12000, 20000, "D5")
    assert statuses(r) == {"D1": "retenu", "D2": "retiré", "D3": "retenu", "D4": "retiré",
                           "D5": "retenu", "D6": "réserve"}
    d4 = r.dossier("D4")
    assert (d4.decision.replaces, d4.decision.replaced_by) == ("D2", ("D5",))
    assert r.dossier("D5").decision.replaces == "D4"
    assert r.selection is not None
    dec = r.selection.decided
    # 20 000 + 10 000 + 8 000 = 38 000; 50 000 - 38 000 = 12 000; reserve: only D6 is left
    assert (dec.selected, dec.reserve, dec.committed, dec.remaining) == (
        ("D1", "D3", "D5"), ("D6",), 38000, 12000)


def test_withdrawal_of_a_reserve_dossier_promotes_nobody(promo: Path) -> None:
    withdraw(promo, "D4")
    r = scored(promo)
    # D4 held no money: freed and available are not stated, nobody replaces it;
    # the reserve recomputed is D5, D6
    [w] = r.withdrawals
    assert (w["freed"], w["available"], w["replacement"], list(w["tied"])) == (
        None, None, None, [])
    assert statuses(r) == {"D1": "retenu", "D2": "retenu", "D3": "retenu", "D4": "retiré",
                           "D5": "réserve", "D6": "réserve"}
    assert r.selection is not None
    assert r.selection.decided.committed == 45000  # unchanged: 20 000 + 15 000 + 10 000


def test_a_reserve_dossier_that_does_not_fit_is_passed_over(tmp_path: Path) -> None:
    data = dict(PROMO)
    data["D4"] = (3, 2, 40000, 80000, "urbain", "scop", "emploi")
    folder = seance_call(tmp_path, dossiers=data)
    # proposal: D1 20 000, D2 35 000, D3 45 000; D4 85 000 > 50 000 stops; reserve D4, D5
    withdraw(folder, "D2")
    r = scored(folder)
    # 50 000 - (20 000 + 10 000) = 20 000 available: D4 (40 000) does not fit
    # (30 000 + 40 000 = 70 000 > 50 000) and is passed over; D5 (8 000) fits: 38 000
    [w] = r.withdrawals
    assert (w["available"], w["replacement"]) == (20000, "D5")
    assert statuses(r) == {"D1": "retenu", "D2": "retiré", "D3": "retenu", "D4": "réserve",
                           "D5": "retenu", "D6": "réserve"}
    assert r.selection is not None
    assert (r.selection.decided.selected, r.selection.decided.committed) == (
        ("D1", "D3", "D5"), 38000)


def test_an_unsettled_tie_at_the_line_stays_off_the_reserve(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D3, D4 tied at the line (rank 3); reserve D5, D6.  D5 withdraws: it held no money;
    # the reserve recomputed has one dossier left that is not tied at the line: D6
    withdraw(folder, "D5")
    r = scored(folder)
    assert r.selection is not None
    assert r.selection.decided.reserve == ("D6",)
    assert statuses(r) == {"D1": "retenu", "D2": "retenu", "D3": "classé", "D4": "classé",
                           "D5": "retiré", "D6": "réserve"}
    assert (r.dossier("D3").selected, r.dossier("D3").reserve) == (None, False)


def test_a_tie_member_decided_reserve_is_promoted_after_a_withdrawal(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D3", "retenu")  # seq 1: the tie at the line settled...
    decide(folder, "D4", "réserve")  # seq 2: ...D4 on the reserve
    withdraw(folder, "D2")  # seq 3
    r = scored(folder)
    # D1 20 000 + D3 10 000 held = 30 000 -> 50 000 - 30 000 = 20 000 available; D2 frees
    # 15 000.  The reserve, in rank order: D4 (decided réserve, rank 3), D5, D6: D4 fits
    # (30 000 + 10 000 = 40 000)
    [w] = r.withdrawals
    assert (w["seq"], w["freed"], w["available"], w["replacement"]) == (3, 15000, 20000, "D4")
    d4 = r.dossier("D4")
    assert (str(d4.status), d4.selected, d4.reserve) == ("retenu", True, False)
    assert (d4.decision.computed, d4.decision.proposed, d4.decision.replaces) == (
        None, "retenu", "D2")
    # réserve was the jury's word on a tie the engine had not settled: no override
    assert d4.decision.stages["jury"].overridden is False
    assert r.selection is not None
    dec = r.selection.decided
    # 20 000 + 10 000 + 10 000 = 40 000; 10 000 left; reserve recomputed: D5, D6
    assert (dec.selected, dec.reserve, dec.committed, dec.remaining) == (
        ("D1", "D3", "D4"), ("D5", "D6"), 40000, 10000)


def test_a_dossier_decided_reserve_stays_on_the_reserve(promo: Path) -> None:
    decide(promo, "D6", "réserve")  # computed non retenu: an override
    r = scored(promo)
    d6 = r.dossier("D6")
    assert (str(d6.status), d6.reserve, d6.selected) == ("réserve", True, False)
    assert "overridden:jury" in d6.flags
    assert r.selection is not None
    # the 2 computed places (D4, D5), and D6 by decision
    assert r.selection.decided.reserve == ("D4", "D5", "D6")


def test_confirming_the_proposed_reserve_adds_nobody_to_it(promo: Path) -> None:
    # the reserve of 2 is D4, D5 (D6, 37.5, is not on it): decided réserve, D4 keeps its
    # place on the list, where its rank puts it; D6 stays out
    decide(promo, "D4", "réserve", stage="vote")
    r = scored(promo)
    assert r.selection is not None
    assert r.selection.decided.reserve == ("D4", "D5")
    assert statuses(r)["D6"] == "non retenu"
    # a retained dossier put on the reserve by a vote (D3, rank 3) frees its place, which
    # D4, first on the reserve, takes; the list's two places: D3 (where its rank puts it)
    # and D5; D6 stays out (the old reading added it: three on a reserve of two)
    decide(promo, "D3", "réserve", stage="vote")
    r = scored(promo)
    assert r.selection is not None
    assert statuses(r)["D4"] == "retenu"
    assert r.selection.decided.reserve == ("D3", "D5")
    assert statuses(r)["D6"] == "non retenu"


def test_withdrawal_with_a_tie_at_the_head_of_the_reserve(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"budget": 100000, "selection": {"top": 2,
                                                                           "reserve": 2}})
    # D1 100, D2 87.5, D3 = D4 = 75 (rank 3, tied), D5 62.5, D6 50.
    # top 2: D1, D2 (35 000); the reserve of 2 is the tie D3, D4 (exactly 2)
    r0 = scored(folder)
    assert r0.selection is not None
    assert (r0.selection.proposed.selected, r0.selection.proposed.reserve) == (
        ("D1", "D2"), ("D3", "D4"))
    withdraw(folder, "D1")
    r = scored(folder)
    # D1 frees 20 000; D2 holds 15 000: 100 000 - 15 000 = 85 000 available.  One place:
    # D3 and D4 both fit but are tied -> isgrid proposes neither
    [w] = r.withdrawals
    assert (w["freed"], w["available"], w["replacement"], list(w["promoted"]),
            list(w["tied"])) == (20000, 85000, None, [], ["D3", "D4"])
    assert r.dossier("D1").decision.replaced_by == ()
    assert statuses(r) == {"D1": "retiré", "D2": "retenu", "D3": "réserve", "D4": "réserve",
                           "D5": "non retenu", "D6": "non retenu"}
    assert r.selection is not None
    assert (r.selection.decided.selected, r.selection.decided.committed,
            r.selection.decided.remaining) == (("D2",), 15000, 85000)
    # the committee settles it
    decide(folder, "D3", "retenu")
    r2 = scored(folder)
    assert statuses(r2)["D3"] == "retenu"
    assert statuses(r2)["D4"] == "réserve"
    assert r2.selection is not None
    # D2 15 000 + D3 10 000 = 25 000
    assert r2.selection.decided.committed == 25000


def test_settling_a_withdrawal_tie_is_not_an_override(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"budget": 100000, "selection": {"top": 2,
                                                                           "reserve": 2}})
    withdraw(folder, "D1")  # D3, D4 tied for D1's place (test above): the engine did not choose
    decide(folder, "D3", "retenu")
    d3 = scored(folder).dossier("D3")
    assert d3.decision.stages["jury"].overridden is False
    assert "overridden:jury" not in d3.flags


# ------------------------------------------------------------ overrides
def test_a_vote_retaining_a_promoted_dossier_is_not_an_override(promo: Path) -> None:
    withdraw(promo, "D2")  # D4 is proposed in D2's place (seq 1)
    decide(promo, "D4", "retenu", stage="vote")  # seq 2
    r = scored(promo)
    d4 = r.dossier("D4")
    assert d4.decision.stages["vote"].overridden is False
    assert not any(f.startswith("overridden:") for f in d4.flags)
    assert (str(d4.status), d4.decision.outcome, d4.decision.stage, d4.decision.seq) == (
        "retenu", "retenu", "vote", 2)
    assert d4.decision.replaces == "D2"
    # no amount in the vote: the granted amount is the proposed one, 12 000
    assert d4.amounts.granted == 12000
    assert r.voted is True
    assert r.selection is not None
    # granted: only D4's 12 000 is decided; committed 20 000 + 10 000 + 12 000 = 42 000
    assert (r.selection.decided.granted, r.selection.decided.committed) == (12000, 42000)


def test_a_jury_retaining_a_reserve_dossier_before_any_withdrawal_is_an_override(
        promo: Path) -> None:
    decide(promo, "D4", "retenu")  # computed réserve, no withdrawal: the jury overrides
    d4 = scored(promo).dossier("D4")
    assert d4.decision.stages["jury"].overridden is True
    assert "overridden:jury" in d4.flags


def test_a_vote_refusing_a_computed_retained_dossier_is_an_override(promo: Path) -> None:
    decide(promo, "D1", "non retenu", stage="vote")
    r = scored(promo)
    d1 = r.dossier("D1")
    assert d1.decision.computed == "retenu"
    assert d1.decision.stages["vote"].overridden is True
    assert d1.flags[-1] == "overridden:vote"  # overrides sort last
    assert (str(d1.status), d1.selected, d1.amounts.granted) == ("non retenu", False, None)
    assert r.selection is not None
    dec = r.selection.decided
    # the refusal frees D1's place: D2 15 000 + D3 10 000 = 25 000 held, 25 000 left; the
    # reserve D4 (12 000) fits and is proposed in its place: 37 000 committed, 13 000 left
    assert (dec.selected, dec.committed, dec.remaining) == (("D2", "D3", "D4"), 37000, 13000)
    assert (d1.decision.replaced_by, r.dossier("D4").decision.replaces) == (("D4",), "D1")
    assert r.withdrawals == ()  # a refusal is no withdrawal


def test_override_per_stage(promo: Path) -> None:
    decide(promo, "D3", "non retenu")  # jury: differs from the computed retenu
    decide(promo, "D3", "retenu", stage="vote")  # vote: agrees with the engine
    d3 = scored(promo).dossier("D3")
    assert (d3.decision.stages["jury"].overridden, d3.decision.stages["vote"].overridden) == (
        True, False)
    assert [f for f in d3.flags if f.startswith("overridden:")] == ["overridden:jury"]
    assert str(d3.status) == "retenu"  # the vote is the effective decision


def test_a_jury_decision_after_the_vote_does_not_replace_it(promo: Path) -> None:
    decide(promo, "D3", "retenu", stage="vote")
    decide(promo, "D3", "non retenu")  # corrects the jury's record, not the vote
    d3 = scored(promo).dossier("D3")
    assert (str(d3.status), d3.decision.stage, d3.decision.seq) == ("retenu", "vote", 1)


# ------------------------------------------------------------ ties at the line
def test_tie_at_the_line_settled_by_a_vote_the_other_member_heads_the_reserve(
        tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D1 20 000, D2 35 000; D3 + D4 (tied at rank 3) would make 55 000 > 50 000:
    # tie-at-line; reserve of 2: D5, D6
    r0 = scored(folder)
    assert (r0.dossier("D3").selected, r0.dossier("D4").selected) == (None, None)
    assert r0.selection is not None and r0.selection.proposed.reserve == ("D5", "D6")
    decide(folder, "D3", "retenu", stage="vote")
    r = scored(folder)
    d3, d4 = r.dossier("D3"), r.dossier("D4")
    # the engine had not chosen: settling the tie is no override
    assert d3.decision.computed is None
    assert d3.decision.stages["vote"].overridden is False
    assert not any(f.startswith("overridden:") for f in d3.flags)
    # D4, not voted in, heads the reserve (2 places: D4, D5; D6 drops off)
    assert (d4.selected, d4.reserve, str(d4.status)) == (False, True, "réserve")
    assert r.selection is not None
    assert r.selection.decided.reserve == ("D4", "D5")
    assert statuses(r) == {"D1": "retenu", "D2": "retenu", "D3": "retenu", "D4": "réserve",
                           "D5": "réserve", "D6": "non retenu"}


def test_decided_budget_after_a_vote_with_an_amount(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D3", "retenu", stage="vote", amount=9000)
    r = scored(folder)
    assert r.dossier("D3").amounts.granted == 9000
    assert r.selection is not None
    dec = r.selection.decided
    # D1 20 000 (proposed) + D2 15 000 (proposed) + D3 9 000 (granted) = 44 000;
    # granted: 9 000; remaining 50 000 - 44 000 = 6 000
    assert dec.selected == ("D1", "D2", "D3")
    assert (dec.committed, dec.granted, dec.remaining, dec.budget) == (44000, 9000, 6000, 50000)
    # a jury decision with an amount on D1 too
    decide(folder, "D1", "retenu", amount=18000)
    dec = scored(folder).selection.decided  # type: ignore[union-attr]
    # 18 000 + 15 000 + 9 000 = 42 000 committed; granted 9 000 (the vote's: D1's 18 000
    # is the jury's proposal, only a vote grants); 8 000 left
    assert (dec.committed, dec.granted, dec.remaining) == (42000, 9000, 8000)


def test_the_vote_confirms_the_jury_amount(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D1", "retenu", amount=16000)
    decide(folder, "D1", "retenu", stage="vote")  # no amount: the jury's 16 000 stands
    r = scored(folder)
    assert r.dossier("D1").amounts.granted == 16000
    assert r.selection is not None
    # 16 000 + 15 000 = 31 000 committed
    assert (r.selection.decided.committed, r.selection.decided.granted) == (31000, 16000)


# ------------------------------------------------------------ Result.current
def test_current_is_the_proposal_before_any_decision_and_the_decided_budget_after(
        promo: Path) -> None:
    r = scored(promo)
    assert r.selection is not None
    assert r.journal.decided is False
    assert r.current is r.selection.proposed
    assert r.current is not None and r.current.decided is False
    assert r.current.granted is None
    # a consensus value is not a decision
    append(promo, kind="consensus", dossier="D6", criterion="Q1", value=1, by="Jury",
           reason="accord")  # the value the jurors gave: nothing moves
    r = scored(promo)
    assert r.journal.entries == 1 and r.journal.decided is False
    assert r.selection is not None and r.current is r.selection.proposed
    decide(promo, "D1", "retenu", amount=19000)
    r = scored(promo)
    assert r.selection is not None
    assert r.journal.decided is True
    assert r.current is r.selection.decided
    # 19 000 + 15 000 + 10 000 = 44 000 committed, 6 000 left; nothing granted (a jury
    # decision proposes D1's 19 000, only a vote grants)
    assert (r.current.decided, r.current.committed, r.current.granted, r.current.remaining) == (
        True, 44000, 0, 6000)


def test_current_after_a_withdrawal_alone(promo: Path) -> None:
    withdraw(promo, "D2")
    r = scored(promo)
    assert r.selection is not None and r.current is r.selection.decided
    assert r.current.selected == ("D1", "D3", "D4")


def test_current_without_selection(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"budget": None, "selection": None})
    r = scored(folder)
    assert r.selection is None and r.current is None
    assert set(statuses(r).values()) == {"classé"}


# ------------------------------------------------------------ immutability
@pytest.fixture
def busy(tmp_path: Path) -> Result:
    """A result with consensus, a withdrawal, decisions and a constraint."""
    folder = seance_call(tmp_path, call={"constraints": [
        {"id": "rural", "kind": "min", "fact": "territory", "value": "rural", "count": 1}],
        "set": {"facts.territory": {"type": "string"}}})  # a constraint reads a declared fact
    append(folder, kind="consensus", dossier="D1", criterion="Q1", value=3, by="J", reason="r")
    withdraw(folder, "D2")
    decide(folder, "D3", "retenu", stage="vote", amount=9000)
    return scored(folder)


def test_result_fields_cannot_be_assigned(busy: Result) -> None:
    r = busy
    d = r.dossiers[0]
    assert r.selection is not None and r.constraints is not None
    targets: list[tuple[Any, str]] = [
        (r, "dossiers"), (r, "summary"), (r, "selection"), (r, "withdrawals"),
        (d, "status"), (d, "flags"), (d, "criteria"), (d, "amounts"), (d, "decision"),
        (d.amounts, "granted"), (d.decision, "outcome"), (d.computed, "status"),
        (r.selection, "line"), (r.selection.decided, "committed"),
        (r.selection.proposed, "selected"), (r.journal, "decided"),
        (r.constraints, "items"), (r.constraints.items[0], "met"),
    ]
    for obj, name in targets:
        # frozen dataclasses raise FrozenInstanceError, read-only mappings' typed
        # attributes (Amounts, Cell) have no setter: both are AttributeErrors
        with pytest.raises(AttributeError):
            setattr(obj, name, None)
    stage = r.dossier("D3").decision.stages["vote"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        stage.amount = 1  # type: ignore[misc]


def test_result_mappings_are_read_only(busy: Result) -> None:
    r = busy
    d = r.dossier("D3")
    mappings: list[Any] = [r.summary, r.grid, r.call, r.inputs, d.criteria, d.sections,
                           d.eligibility, d.decision.stages, *r.withdrawals]
    for m in mappings:
        with pytest.raises(TypeError):
            m["x"] = 1
    with pytest.raises(TypeError):
        d.criteria["Q1"] = d.criteria["Q2"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del r.summary["retenu"]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):  # the dossiers: an immutable sequence (engine.dossiers)
        r.dossiers[0] = d  # type: ignore[index]
    with pytest.raises(AttributeError):
        r.dossiers.append(d)  # type: ignore[attr-defined]
    assert isinstance(d.flags, tuple)
    assert r.selection is not None
    assert isinstance(r.selection.decided.selected, tuple)


def test_no_criterion_cell_is_writable(busy: Result) -> None:
    cells = [c for d in busy.dossiers for c in d.criteria.values()]
    assert len(cells) == 12  # 6 dossiers x 2 criteria
    for c in cells:
        for name in ("value", "raw", "consensus", "n", "spread", "consensus_reason"):
            with pytest.raises(AttributeError):
                setattr(c, name, 0)
            with pytest.raises(TypeError):
                c[name] = 0  # type: ignore[index]
        with pytest.raises((AttributeError, TypeError)):
            c.extra = 1  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            c.update(value=0)
        assert c == dict(c)  # and it reads as the JSON object it is
    # the consensus reached the cell: D1 / Q1 is 3 (raw 4)
    q1 = busy.dossier("D1").criteria["Q1"]
    assert (q1.value, q1.raw, q1.consensus) == (3, 4, 3)


def _writable(obj: Any, path: str, out: list[str], seen: set[int]) -> None:
    """Paths of the mutable containers (dict, list, set) reachable from ``obj``."""
    if isinstance(obj, str | int | float | bool | type(None)) or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict | list | set) and not isinstance(obj, FrozenDict):
        out.append(path)
    if isinstance(obj, dict) or (hasattr(obj, "items") and hasattr(obj, "keys")):
        for k, v in obj.items():
            _writable(v, f"{path}[{k!r}]", out, seen)
    elif isinstance(obj, list | tuple | set):
        for i, v in enumerate(obj):
            _writable(v, f"{path}[{i}]", out, seen)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if not f.name.startswith("_"):
                _writable(getattr(obj, f.name), f"{path}.{f.name}", out, seen)


def test_no_mutable_container_anywhere_in_the_result(busy: Result) -> None:
    out: list[str] = []
    _writable(busy, "r", out, set())
    assert out == []


# ------------------------------------------------------------ determinism
def test_to_json_is_deterministic(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="consensus", dossier="D5", criterion="Q1", value="Faible", by="J",
           reason="r")
    withdraw(folder, "D2")
    decide(folder, "D3", "retenu", stage="vote", amount=9000)
    a, b = scored(folder).to_json(), scored(folder).to_json()
    ja = json.dumps(a, sort_keys=True, ensure_ascii=False).encode("utf-8")
    jb = json.dumps(b, sort_keys=True, ensure_ascii=False).encode("utf-8")
    assert ja == jb
    assert dumps_json(a) == dumps_json(b)
    # plain JSON data: it reads back equal
    assert json.loads(ja) == a
    # and the order of keys and dossiers does not vary either (not only after sorting)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    # the same folder elsewhere (journal included) gives the same bytes
    copy = tmp_path / "elsewhere" / "call"
    shutil.copytree(folder, copy)
    c = scored(copy).to_json()
    assert json.dumps(c, sort_keys=True, ensure_ascii=False).encode("utf-8") == ja


def test_a_withdrawal_does_not_jump_an_unsettled_tie(tmp_path: Path) -> None:
    """The séance call: D3 and D4 (75 each, 10 000 each) are tied at the line and nobody has
    settled the tie.  D1 withdraws: 50 000 - 15 000 (D2 alone held) = 35 000 available, and
    both tied dossiers fit (20 000): the tie heads the pool and is taken whole in D1's place
    (branch tie-freed: it was left to people, room for one); D5 (rank 5) does not jump it,
    nor join it: 15 000 are left, D5 (8 000) stays on the reserve."""
    folder = seance_call(tmp_path)
    withdraw(folder, "D1")
    r = scored(folder)
    [w] = r.withdrawals
    assert (w["replacement"], w["promoted"], tuple(w["tied"]), w["available"]) == (
        "D3", ("D3", "D4"), (), 35000)
    assert statuses(r)["D5"] == "réserve"
    assert r.dossier("D3").selected is True and r.dossier("D4").selected is True
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D1", "seq": 1}, ("D3", "D4"))
    assert r.selection is not None and (r.selection.decided.committed,
                                        r.selection.decided.remaining) == (35000, 15000)
    # the committee retaining D4 then confirms what the engine proposed: no override
    decide(folder, "D4", "retenu")
    r = scored(folder)
    assert r.dossier("D4").status == "retenu"
    assert not any(f.startswith("overridden:") for f in r.dossier("D4").flags)
