"""A place freed and left to a tie is offered again when one of the tied is refused
(isgrid.engine.decide; docs/decisions.md, "Places freed"; found by a review).

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 (rank
1), D2 15 000 (rank 2), D3 and D4 10 000 each (75, tied at rank 3), D5 8 000 (rank 5),
D6 5 000 (rank 6).  The proposal retains D1 and D2 (35 000); D3 + D4 = 20 000 > 15 000
left: a tie at the line, nobody chosen; the reserve is D5, D6.  Since branch tie-freed a
place freed while that tie is open goes to all the tied together when they all fit the money
left (docs/decisions.md, "Places freed"): the tests of a place left to the tied make them
not fit (D4 asking 21 000, or three tied at 45 000).
"""

from __future__ import annotations

from pathlib import Path

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import Result, score


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def decide(folder: Path, did: str, outcome: str, stage: str = "vote") -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage=stage, amount=None,
           by="Présidente", reason="vote")


def withdraw(folder: Path, did: str) -> None:
    append(folder, kind="withdrawal", dossier=did, by="Secrétariat", reason="retrait")


def statuses(r: Result) -> dict[str, str]:
    return {d.id: str(d.status) for d in r.dossiers}


def money(r: Result) -> tuple[tuple[str, ...], tuple[str, ...], float | None, float | None]:
    assert r.selection is not None
    d = r.selection.decided
    return d.selected, d.reserve, d.committed, d.remaining


def test_refusing_one_of_two_tied_offers_the_place_to_the_other(tmp_path: Path) -> None:
    # D4 asks 21 000: D3 + D4 = 31 000 > 15 000 at the line: tied
    dossiers = dict(DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi"))
    folder = seance_call(tmp_path, dossiers=dossiers)
    decide(folder, "D1", "retenu")  # seq 1
    decide(folder, "D2", "retenu")  # seq 2
    decide(folder, "D2", "non retenu")  # seq 3: frees 15 000; 50 000 - 20 000 = 30 000
    r = scored(folder)
    [place] = r.freed_places
    # D3 + D4 = 31 000 > 30 000: they do not all fit, left to people (never one of them)
    assert (place["replacement"], place["tied"], place["available"]) == (None, ("D3", "D4"),
                                                                         30000)
    decide(folder, "D4", "non retenu")  # seq 4: one of the tied refused
    r = scored(folder)
    # the place is offered again, by the same walk: D4 out, D3 alone at the head of what
    # is left, 10 000 <= 30 000: proposed in D2's place
    assert statuses(r) == {"D1": "retenu", "D2": "non retenu", "D3": "retenu",
                           "D4": "non retenu", "D5": "réserve", "D6": "réserve"}
    # 20 000 + 10 000 = 30 000 committed, 50 000 - 30 000 = 20 000 left
    assert money(r) == (("D1", "D3"), ("D5", "D6"), 30000, 20000)
    [place] = r.freed_places
    assert (place["dossier"], place["seq"], place["replacement"], place["promoted"],
            place["tied"], place["offered_at"], place["available"]) == (
        "D2", 3, "D3", ("D3",), (), 4, 30000)
    d3 = r.dossier("D3")
    assert (d3.decision.replaces, r.dossier("D2").decision.replaced_by, d3.decision.proposed,
            d3.selected) == ("D2", ("D3",), "retenu", True)
    # refusing a tied dossier is no override (the engine had not chosen); D3 awaits its
    # own vote: the list is not adopted yet
    assert not any(f.startswith("overridden") for f in r.dossier("D4").flags)
    assert not r.list_voted
    decide(folder, "D3", "retenu")  # seq 5
    r = scored(folder)
    assert r.list_voted and "overridden:vote" not in r.dossier("D3").flags
    assert money(r) == (("D1", "D3"), ("D5", "D6"), 30000, 20000)


def test_the_tied_one_left_that_does_not_fit_is_passed_over(tmp_path: Path) -> None:
    """D4 asks 32 000: D3 + D4 = 42 000 > 15 000, still a tie at the line.  The vote
    refuses D2: 30 000 available, D3 and D4 tied for the place (room for one).  It refuses
    D3 then: offered again, D4 (32 000 > 30 000) is passed over and D5 (8 000), next in
    line, is proposed."""
    dossiers = dict(DOSSIERS, D4=(3, 3, 32000, 64000, "urbain", "scop", "emploi"))
    folder = seance_call(tmp_path, dossiers=dossiers)
    decide(folder, "D1", "retenu")
    decide(folder, "D2", "non retenu")  # seq 2
    r = scored(folder)
    assert r.freed_places[0]["tied"] == ("D3", "D4")
    assert statuses(r)["D5"] == "réserve"
    decide(folder, "D3", "non retenu")  # seq 3
    r = scored(folder)
    assert statuses(r) == {"D1": "retenu", "D2": "non retenu", "D3": "non retenu",
                           "D4": "réserve", "D5": "retenu", "D6": "réserve"}
    # 20 000 + 8 000 = 28 000 committed, 22 000 left; the reserve D4 (the tie settled by
    # the decision on D3: it heads it), D6
    assert money(r) == (("D1", "D5"), ("D4", "D6"), 28000, 22000)
    [place] = r.freed_places
    assert (place["replacement"], place["tied"], place["offered_at"]) == ("D5", (), 3)
    assert r.dossier("D5").decision.replaces == "D2"


def test_three_tied_one_refused_leaves_two_then_a_withdrawal_leaves_one(
        tmp_path: Path) -> None:
    """top 2, budget 100 000, a reserve of 3; D3, D4, D5 all at 75 (rank 3): the proposal
    retains D1, D2 (35 000), the reserve is the tie D3, D4, D5."""
    dossiers = dict(DOSSIERS, D5=(3, 3, 8000, 16000, "rural", "association", "mobilite"))
    folder = seance_call(tmp_path, dossiers=dossiers,
                         call={"budget": 100000, "selection": {"top": 2, "reserve": 3}})
    withdraw(folder, "D1")  # seq 1: 100 000 - 15 000 = 85 000; three tied for one place
    assert scored(folder).freed_places[0]["tied"] == ("D3", "D4", "D5")
    decide(folder, "D4", "non retenu", "jury")  # seq 2
    r = scored(folder)
    [w] = r.withdrawals
    # offered again: D3 and D5 still tied, nobody proposed, the list stays open
    assert (w["replacement"], w["tied"], w["offered_at"]) == (None, ("D3", "D5"), 2)
    # the reserve of 3 recomputed among D3, D5, D6 (D4 refused)
    assert statuses(r) == {"D1": "retiré", "D2": "retenu", "D3": "réserve", "D4": "non retenu",
                           "D5": "réserve", "D6": "réserve"}
    assert money(r)[2:] == (15000, 85000)
    withdraw(folder, "D5")  # seq 3: a tied dossier withdraws: D3 alone, 10 000 fits
    r = scored(folder)
    [w, w5] = r.withdrawals
    assert (w["replacement"], w["tied"], w["offered_at"]) == ("D3", (), 3)
    assert (w5["dossier"], w5["freed"], w5["replacement"]) == ("D5", None, None)
    assert statuses(r)["D3"] == "retenu" and r.dossier("D1").decision.replaced_by == ("D3",)
    # 15 000 + 10 000 = 25 000 committed, 75 000 left
    assert money(r) == (("D2", "D3"), ("D6",), 25000, 75000)


def test_a_tie_settled_by_retaining_one_is_not_offered_again(tmp_path: Path) -> None:
    """Three tied at 45 000 (D5 at 75 asking 10 000 like D3 and D4): D1 + D2 = 35 000,
    10 000 at the line, three for one place.  The vote refuses D2: 45 000 - 20 000 = 25 000
    for its place, 30 000 for the three: left to people.  D3 retained in D2's place: that
    place's tie is settled, and the tie at the line is walked again without D3 (it holds
    D2's place): D4 and D5 for the line's 10 000, still open.  D5 refused: D4 alone fits
    the line's place, taken (branch tie-three).  Refusing D4 then frees that place,
    offered to the reserve: D6."""
    dossiers = dict(DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite"))
    folder = seance_call(tmp_path, dossiers=dossiers, call={"budget": 45000})
    decide(folder, "D2", "non retenu")  # seq 1: D3, D4, D5 tied for its place
    r = scored(folder)
    [place] = r.freed_places
    assert (place["available"], place["replacement"], place["tied"]) == (
        25000, None, ("D3", "D4", "D5"))
    decide(folder, "D3", "retenu")  # seq 2: the committee chooses D3
    r = scored(folder)
    assert r.freed_places[0]["settled"] == {"dossier": "D3", "seq": 2}
    assert r.line_tie is not None and r.line_tie["settled"] is None
    assert (statuses(r)["D4"], statuses(r)["D5"]) == ("classé", "classé")
    decide(folder, "D5", "non retenu")  # seq 3: D4 alone, 10 000 <= 45 000 - 35 000
    r = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D5", "seq": 3}, ("D3", "D4"))
    assert (statuses(r)["D4"], r.dossier("D4").decision.proposed) == ("retenu", "retenu")
    # 20 000 + 10 000 + 10 000 = 40 000 committed, 5 000 left
    assert money(r) == (("D1", "D3", "D4"), ("D6",), 40000, 5000)
    decide(folder, "D4", "non retenu")  # seq 4: frees the line's place D4 held
    r = scored(folder)
    first, second = r.freed_places
    # D2's place: settled by D3, never offered again (not at D5's refusal either)
    assert (first["replacement"], first["tied"], first["offered_at"], first["settled"]) == (
        None, ("D3", "D4", "D5"), 1, {"dossier": "D3", "seq": 2})
    # D4's: 45 000 - 30 000 = 15 000 beside D1 and D3; D6 (5 000) heads the reserve
    assert (second["dossier"], second["replacement"], second["available"]) == ("D4", "D6",
                                                                               15000)
    assert statuses(r) == {"D1": "retenu", "D2": "non retenu", "D3": "retenu",
                           "D4": "non retenu", "D5": "non retenu", "D6": "retenu"}
    # 20 000 + 10 000 + 5 000 = 35 000; nobody left on the reserve
    assert money(r) == (("D1", "D3", "D6"), (), 35000, 10000)
