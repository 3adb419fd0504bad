"""The one selection walk (isgrid.engine.select.walk) on hand-built candidates.

Every expected number is worked out in a comment next to it; the candidates are
listed best first, as the walk receives them.
"""

from __future__ import annotations

from typing import Any

import pytest

from isgrid.call.blocks import Envelope, MaxCount, MinCount
from isgrid.engine.reasons import said
from isgrid.engine.select import Candidate, Held, Rules, decided_line, label, walk


def cand(cid: str, rank: int, amount: float | None = 10.0, selectable: bool = True,
         **facts: Any) -> Candidate:
    return Candidate(cid, rank, amount, selectable, facts)


def sel(w: Any) -> dict[str, bool | None]:
    return {cid: pk.selected for cid, pk in w.picks.items()}


# ------------------------------------------------------------ budget, rank-order and skip
FOUR = [cand("A", 1, 40), cand("B", 2, 30), cand("C", 3, 20), cand("D", 4, 5)]


def test_budget_rank_order_stops_at_the_first_dossier_that_does_not_fit() -> None:
    w = walk(FOUR, Rules(budget=80))
    # A: 0 + 40 = 40 <= 80 taken; B: 40 + 30 = 70 <= 80 taken;
    # C: 70 + 20 = 90 > 80 -> rank-order stops at rank 3; D (70 + 5 = 75 would fit) is not taken
    assert w.selected == ("A", "B")
    assert w.spent == 70
    assert w.line == 3
    assert sel(w) == {"A": True, "B": True, "C": False, "D": False}
    assert w.picks["C"].flags == ()  # rank-order: no skipped-budget flag
    assert w.picks["C"].choice is not None and w.picks["C"].choice.why == "budget"
    assert w.picks["D"].choice is not None and w.picks["D"].choice.why == "line"
    assert w.reserve == ()  # reserve 0 by default


def test_budget_skip_flags_and_goes_on() -> None:
    w = walk(FOUR, Rules(budget=80, rule="skip"))
    # A 40, B 70; C: 70 + 20 = 90 > 80 skipped (flag); D: 70 + 5 = 75 <= 80 taken.
    # The line is below the last dossier taken (D, the last rank): nothing is left below
    # it, so no line; C is listed as skipped above it (issue 16: the result once said
    # line 3 while rank 4 was selected).
    assert w.selected == ("A", "B", "D")
    assert w.spent == 75
    assert w.line is None
    assert w.skipped == ("C",)
    assert w.picks["C"].selected is False
    assert w.picks["C"].flags == ("skipped-budget",)
    assert w.picks["D"].flags == ()


def test_skip_line_is_below_the_last_dossier_taken() -> None:
    cands = [cand("A", 1, 50), cand("B", 2, 60), cand("C", 3, 45), cand("D", 4, 10)]
    w = walk(cands, Rules(budget=100, rule="skip"))
    # A 50; B 110 > 100 skipped; C 95 <= 100 taken; D 105 > 100 skipped.
    # The line is D's rank 4 (first left out below C, the last taken): true under skip,
    # nothing at or below it is selected; B, above it, is listed as skipped.
    assert w.selected == ("A", "C")
    assert w.spent == 95
    assert w.line == 4
    assert w.skipped == ("B",)
    assert [c for c, pk in w.picks.items() if "skipped-budget" in pk.flags] == ["B", "D"]


def test_exact_fit_is_taken() -> None:
    w = walk([cand("A", 1, 60), cand("B", 2, 40)], Rules(budget=100))
    # 60 + 40 = 100 = budget: fits
    assert w.selected == ("A", "B")
    assert w.spent == 100
    assert w.line is None


# ------------------------------------------------------------ ties
def test_tie_at_the_line_is_left_to_people_and_stops_the_walk() -> None:
    cands = [cand("A", 1, 40), cand("B", 2, 30), cand("C", 2, 30), cand("D", 3, 5)]
    w = walk(cands, Rules(budget=80))
    # A: 40; the tie B + C needs 60: 40 + 60 = 100 > 80, though B alone (70) would fit:
    # both selected None, tie-at-line, the walk stops (D, 40 + 5 = 45, is not taken)
    assert w.selected == ("A",)
    assert w.spent == 40
    assert w.line == 2
    assert sel(w) == {"A": True, "B": None, "C": None, "D": False}
    assert w.picks["B"].flags == ("tie-at-line",)
    assert w.picks["C"].flags == ("tie-at-line",)
    assert w.picks["D"].flags == ()
    for cid in ("B", "C"):
        ch = w.picks[cid].choice
        assert ch is not None and (ch.selected, ch.why) == (None, "tie")
        assert said(ch.text, "fr") == "ex æquo à la ligne\u00a0: à départager"
        assert said(ch.text, "en") == "tied at the line: to be settled"


def test_tie_that_fits_whole_is_taken() -> None:
    cands = [cand("A", 1, 40), cand("B", 2, 20), cand("C", 2, 20), cand("D", 3, 1)]
    w = walk(cands, Rules(budget=80))
    # A 40; B + C = 40: 40 + 40 = 80 <= 80, both taken; D: 80 + 1 = 81 > 80 stops at rank 3
    assert w.selected == ("A", "B", "C")
    assert w.spent == 80
    assert w.line == 3
    assert w.picks["B"].flags == w.picks["C"].flags == ()


def test_partial_grant_never_splits_a_tie() -> None:
    cands = [cand("A", 1, 40), cand("B", 2, 30), cand("C", 2, 30)]
    w = walk(cands, Rules(budget=80, partial=True))
    # 40 left, B + C need 60: a tie, not a partial grant
    assert sel(w) == {"A": True, "B": None, "C": None}
    assert w.picks["B"].amount == 30  # the amount is left as proposed
    assert "partial-grant" not in w.picks["B"].flags


# ------------------------------------------------------------ top
def test_top_without_budget_selects_the_k_first() -> None:
    cands = [cand("A", 1, None), cand("B", 2, None), cand("C", 3, None), cand("D", 4, None)]
    w = walk(cands, Rules(top=2))
    # no budget: amounts do not matter (None is usable); 2 taken, the line is C's rank 3
    assert w.selected == ("A", "B")
    assert sel(w) == {"A": True, "B": True, "C": False, "D": False}
    assert w.line == 3
    assert w.spent == 0
    # C and D are left out because two places were taken: the walk says so (not « line »,
    # the money's), and so do the documents (documents/portfolio.portfolio_why)
    assert w.picks["C"].choice is not None and w.picks["C"].choice.why == "top"
    assert said(w.picks["C"].choice.text, "fr") == \
        "au-delà du nombre de lauréats que fixe l'appel (2 au plus)"
    assert said(w.picks["D"].choice.text, "en") == \
        "beyond the number of laureates the call sets (2 at most)"
    assert w.beyond_top == ("C", "D")


def test_top_with_budget_money_runs_out_first() -> None:
    cands = [cand("A", 1, 20), cand("B", 2, 20), cand("C", 3, 20), cand("D", 4, 5)]
    w = walk(cands, Rules(budget=50, top=3))
    # A 20, B 40, C 60 > 50: rank-order stops at rank 3 with 2 < 3 laureates
    assert w.selected == ("A", "B")
    assert w.spent == 40
    assert w.line == 3


def test_top_with_budget_count_runs_out_first() -> None:
    cands = [cand("A", 1, 20), cand("B", 2, 20), cand("C", 3, 20), cand("D", 4, 5)]
    w = walk(cands, Rules(budget=1000, top=2))
    # A 20, B 40 (well within 1000) and top 2 is reached: the line is C's rank 3
    assert w.selected == ("A", "B")
    assert w.spent == 40
    assert w.line == 3
    assert sel(w)["C"] is False and sel(w)["D"] is False


def test_top_cutting_inside_a_tie() -> None:
    cands = [cand("A", 1), cand("B", 2), cand("C", 2), cand("D", 3)]
    w = walk(cands, Rules(top=2))
    # A taken (1 of 2); B and C tied at rank 2 would make 3 > 2: both None, tie-at-line
    assert w.selected == ("A",)
    assert sel(w) == {"A": True, "B": None, "C": None, "D": False}
    assert w.line == 2
    assert w.picks["B"].flags == ("tie-at-line",)


def test_top_tie_that_fits_exactly() -> None:
    cands = [cand("A", 1), cand("B", 2), cand("C", 2), cand("D", 4)]
    w = walk(cands, Rules(top=3))
    # A, then B + C: 1 + 2 = 3 <= 3 taken; top reached, the line is D's rank 4
    assert w.selected == ("A", "B", "C")
    assert w.line == 4


# ------------------------------------------------------------ partial grants
PARTIAL = [cand("A", 1, 30), cand("B", 2, 30), cand("C", 3, 5)]


def test_partial_grant_without_minimum() -> None:
    w = walk(PARTIAL, Rules(budget=50, partial=True))
    # A 30; B needs 30 but 50 - 30 = 20 is left: B gets 20 (partial-grant), the walk ends;
    # C (5) is not taken although nothing is left anyway
    assert w.selected == ("A", "B")
    assert w.picks["B"].amount == 20
    assert w.picks["B"].flags == ("partial-grant",)
    assert w.picks["A"].amount == 30
    assert w.spent == 50  # 30 + 20
    # B, partially funded, is the last dossier taken: the line is below it, before C's
    # rank 3 (nothing at or below the line is selected, docs/engine.md)
    assert w.line == 3
    assert sel(w)["C"] is False


def test_partial_grant_is_rounded_down_to_funding_round() -> None:
    # the reviewer's call: budget 41,150, F1 17,700 and F3 16,200 taken (33,900 spent),
    # F2 asks 12,000: 7,250 is left; funding.round 100 -> F2 receives 7,200, 50 stay
    cands = [cand("F1", 1, 17700), cand("F3", 2, 16200), cand("F2", 3, 12000)]
    w = walk(cands, Rules(budget=41150, partial=True, minimum=3000, step=100))
    assert w.selected == ("F1", "F3", "F2")
    assert w.picks["F2"].amount == 7200 and w.picks["F2"].flags == ("partial-grant",)
    assert w.spent == 41100  # 17,700 + 16,200 + 7,200
    # whole euros and cents: 7,250 is already a multiple of 1 and of 0.01
    assert walk(cands, Rules(budget=41150, partial=True, step=1)).picks["F2"].amount == 7250
    assert walk(cands, Rules(budget=41150.37, partial=True)).picks["F2"].amount == 7250.37
    assert walk(cands, Rules(budget=41150.37, partial=True, step=1)).picks["F2"].amount == 7250
    # the minimum is checked on the rounded grant: 7,250 left >= 7,210, but 7,200 < 7,210
    w = walk(cands, Rules(budget=41150, partial=True, minimum=7210, step=100))
    assert w.selected == ("F1", "F3") and w.spent == 33900 and w.line == 3
    assert w.picks["F2"].flags == () and w.picks["F2"].amount == 12000
    # 50 left, rounded down to hundreds: nothing to grant, no partial grant
    w = walk(cands, Rules(budget=33950, partial=True, step=100))
    assert w.selected == ("F1", "F3") and w.picks["F2"].selected is False


def test_partial_grant_line_is_below_the_partially_funded_dossier() -> None:
    cands = [cand("A", 1, 40), cand("B", 2, 25), cand("C", 3, 30), cand("D", 3, 30),
             cand("E", 5, 10)]
    w = walk(cands, Rules(budget=80, partial=True, minimum=10))
    # A 40, B 25: 65 spent, 15 left; C and D (rank 3) are tied and need 60: a tie, the walk
    # stops there, the line at their rank 3
    assert w.line == 3 and w.spent == 65
    w = walk([c for c in cands if c.id != "D"], Rules(budget=80, partial=True, minimum=10))
    # without D: C alone needs 30, 15 is left >= 10: C gets 15 (partial), the walk ends;
    # the line is before E's rank 5, never at C's own rank 3
    assert w.selected == ("A", "B", "C")
    assert w.picks["C"].amount == 15 and w.spent == 80
    assert w.line == 5
    assert w.picks["E"].selected is False
    # the same walk without explanations (the analyses' reading) draws the same line
    assert walk([c for c in cands if c.id != "D"], Rules(budget=80, partial=True, minimum=10),
                explain=False).line == 5
    # a partial grant to the last ranked dossier leaves nothing below: no line
    w = walk([cand("A", 1, 40), cand("B", 2, 60)], Rules(budget=80, partial=True))
    assert w.selected == ("A", "B") and w.picks["B"].amount == 40
    assert w.line is None


def test_decided_line_keeps_the_partial_grant_above_it() -> None:
    cands = [cand("A", 1, 30), cand("B", 2, 30), cand("C", 3, 5), cand("D", 4, 5)]
    rules = Rules(budget=50, partial=True)
    w = walk(cands, rules)
    assert w.selected == ("A", "B") and w.line == 3  # B gets 20, the line before C
    # nothing decided: the walk's line
    assert decided_line(cands, rules, w.line, w.selected, w.selected) == (3, ())
    # B (partially funded) decided non retenu: B, at rank 2, is the first proposed dossier
    # left out below A, the last one funded: the line goes up to B's rank 2
    assert decided_line(cands, rules, w.line, w.selected, ("A",)) == (2, ())


def test_partial_grant_at_exactly_the_minimum() -> None:
    w = walk(PARTIAL, Rules(budget=50, partial=True, minimum=20))
    # what is left, 50 - 30 = 20, equals the minimum 20: granted
    assert w.picks["B"].selected is True
    assert w.picks["B"].amount == 20


def test_partial_grant_below_the_minimum_is_not_made() -> None:
    w = walk(PARTIAL, Rules(budget=50, partial=True, minimum=25))
    # 20 left < minimum 25: no partial grant; rank-order stops at B (rank 2)
    assert w.selected == ("A",)
    assert w.spent == 30
    assert w.line == 2
    assert w.picks["B"].selected is False
    assert w.picks["B"].amount == 30  # unchanged
    assert w.picks["B"].flags == ()


def test_nothing_left_is_no_partial_grant() -> None:
    w = walk([cand("A", 1, 50), cand("B", 2, 10)], Rules(budget=50, partial=True))
    # 50 - 50 = 0 left: B is not granted 0
    assert w.selected == ("A",)
    assert w.picks["B"].selected is False


# ------------------------------------------------------------ candidates money cannot go to
def test_unselectable_and_unknown_amount_are_passed_over() -> None:
    cands = [cand("A", 1, 30), cand("B", 2, None, selectable=False),
             cand("C", 3, 10, selectable=False), cand("X", 4, None),
             cand("D", 5, 20), cand("E", 6, 30)]
    w = walk(cands, Rules(budget=50, reserve=3))
    # A 30; B (amount unknown), C (below the minimum grant) and X (amount None under a
    # budget) are not walked; D: 30 + 20 = 50 taken; E: 50 + 30 = 80 > 50 stops at rank 6.
    # Reserve: only E can receive money (B, C, X are never on it)
    assert w.selected == ("A", "D")
    assert w.spent == 50
    assert w.line == 6
    assert sel(w) == {"A": True, "B": False, "C": False, "X": False, "D": True, "E": False}
    assert w.reserve == ("E",)
    for cid in ("B", "C", "X"):
        assert w.picks[cid].reserve is False
        assert w.picks[cid].flags == ()
        assert w.picks[cid].choice is None


def test_unselectable_without_budget_under_top() -> None:
    cands = [cand("A", 1, None), cand("B", 2, None, selectable=False), cand("C", 3, None)]
    w = walk(cands, Rules(top=2))
    # B cannot be selected; A and C (amount None is fine without a budget) fill the top 2
    assert w.selected == ("A", "C")


# ------------------------------------------------------------ held dossiers
def test_held_dossiers_spend_money_first() -> None:
    cands = [cand("A", 1, 30), cand("B", 2, 20)]
    w = walk(cands, Rules(budget=80), held=[Held("H", 40)])
    # H holds 40 before the walk; A: 40 + 30 = 70 <= 80; B: 70 + 20 = 90 > 80 stops
    assert w.selected == ("A",)  # held ones are not listed
    assert w.spent == 70  # held money included
    assert w.line == 2
    assert "H" not in w.picks


def test_held_dossiers_count_towards_top() -> None:
    cands = [cand("A", 1), cand("B", 2), cand("C", 3)]
    w = walk(cands, Rules(top=2), held=[Held("H", 0)])
    # H is 1 of 2: only A is taken; the line is B's rank 2
    assert w.selected == ("A",)
    assert w.line == 2


def test_held_dossiers_filling_top_leave_no_room() -> None:
    w = walk([cand("A", 1), cand("B", 2)], Rules(top=1), held=[Held("H", 0)])
    # top 1 already reached by H: A is after the line
    assert w.selected == ()
    assert sel(w) == {"A": False, "B": False}
    assert w.line == 1


def test_held_dossiers_count_in_maximums() -> None:
    cands = [cand("A", 1, 10, territory="rural"), cand("B", 2, 10, territory="urbain")]
    k = MaxCount(id="r1", kind="max", fact="territory", value="rural", count=1)
    w = walk(cands, Rules(budget=100, constraints=(k,)),
             held=[Held("H", 10, {"territory": "rural"})])
    # H is rural: the maximum of 1 is reached, A is blocked; B taken; spent 10 + 10 = 20
    assert w.selected == ("B",)
    assert w.spent == 20
    ch = w.picks["A"].choice
    assert ch is not None and ch.why == "max:r1"
    assert said(ch.text, "fr") == "non retenu\u00a0: contrainte r1 atteinte"


# ------------------------------------------------------------ the reserve
RESERVE = [cand("A", 1, 10), cand("B", 2, 10), cand("C", 3, 10), cand("D", 3, 10),
           cand("E", 5, 10)]


def test_reserve_tie_straddling_the_cut_is_taken_whole_and_flagged() -> None:
    w = walk(RESERVE, Rules(budget=10, reserve=2))
    # A 10 = budget; B: 20 > 10 stops at rank 2.  Reserve of 2: B (1), then the tie C, D
    # would make 3 > 2: the whole tie is taken and flagged; E (rank 5) is not on it
    assert w.selected == ("A",)
    assert w.reserve == ("B", "C", "D")
    assert w.picks["C"].flags == ("tie-at-reserve-line",)
    assert w.picks["D"].flags == ("tie-at-reserve-line",)
    assert w.picks["B"].flags == ()
    assert w.picks["E"].reserve is False
    assert {c for c, pk in w.picks.items() if pk.reserve} == {"B", "C", "D"}


def test_reserve_tie_that_fills_it_exactly_is_not_flagged() -> None:
    w = walk(RESERVE, Rules(budget=10, reserve=3))
    # B + (C, D) = 3 = reserve: no cut inside the tie
    assert w.reserve == ("B", "C", "D")
    assert len(w.picks) == len(RESERVE)  # a pick for each of A to E
    assert all("tie-at-reserve-line" not in pk.flags for pk in w.picks.values())


def test_reserve_excludes_the_tie_at_the_line() -> None:
    cands = [cand("A", 1, 10), cand("B", 2, 10), cand("C", 2, 10), cand("D", 4, 10)]
    w = walk(cands, Rules(budget=15, reserve=1))
    # A 10; B + C = 20 -> 30 > 15: tie at the line (selected None), not on the reserve;
    # the reserve of 1 is D
    assert w.reserve == ("D",)
    assert w.picks["B"].reserve is False


def test_reserve_skips_dossiers_blocked_by_a_maximum() -> None:
    cands = [cand("A", 1, 10, t="x"), cand("B", 2, 10, t="x"), cand("C", 3, 10, t="y"),
             cand("D", 4, 10, t="y")]
    k = MaxCount(id="one-x", kind="max", fact="t", value="x", count=1)
    w = walk(cands, Rules(budget=20, reserve=1, constraints=(k,)))
    # A (x) 10; B (x) blocked by one-x; C (y) 20; D 30 > 20 stops.
    # Reserve of 1 among B, D: B is blocked by the maximum, so D
    assert w.selected == ("A", "C")
    assert w.reserve == ("D",)


# ------------------------------------------------------------ portfolio constraints
#: The worked case of docs/decisions.md §4 (the tests' séance call).
SEANCE = [
    cand("D1", 1, 20000, territory="urbain", structure_type="association", priority="emploi",
         holder="h1"),
    cand("D2", 2, 15000, territory="urbain", structure_type="scop", priority="emploi",
         holder="h1"),
    cand("D3", 3, 10000, territory="rural", structure_type="association", priority="mobilite",
         holder="h2"),
    cand("D4", 3, 10000, territory="urbain", structure_type="scop", priority="emploi",
         holder="h1"),
    cand("D5", 5, 8000, territory="rural", structure_type="association", priority="mobilite",
         holder="h3"),
    cand("D6", 6, 5000, territory="rural", structure_type="scop", priority="emploi",
         holder="h4"),
]


def rural(count: int, label_: str | None = None) -> MinCount:
    return MinCount(id="rural", kind="min", fact="territory", value="rural", count=count,
                    label=label_)


def test_min_count_takes_lower_ranked_dossiers_first() -> None:
    w = walk(SEANCE, Rules(budget=50000, reserve=2, constraints=(rural(2),)))
    # step 1: best rural D3 (10 000), then D5 (18 000): 2 rural.
    # step 2: D1 20 000 -> 38 000; D2 15 000 -> 53 000 > 50 000: rank-order stops at rank 2;
    # D4 (rest of the group of D3) and D6 are after the line.
    assert w.selected == ("D1", "D3", "D5")
    assert w.spent == 38000  # 20 000 + 10 000 + 8 000
    assert w.line == 2
    assert sel(w) == {"D1": True, "D2": False, "D3": True, "D4": False, "D5": True,
                      "D6": False}
    # reserve of 2 among D2, D4, D6 in rank order
    assert w.reserve == ("D2", "D4")
    c5, c3, c1 = (w.picks[i].choice for i in ("D5", "D3", "D1"))
    assert c5 is not None and c3 is not None and c1 is not None
    # D5 is taken over the better-ranked D2 and D4 (D1 and D3 are taken), D3 over D2 only
    assert (c5.why, c5.over) == ("constraint:rural", ("D2", "D4"))
    assert (c3.why, c3.over) == ("constraint:rural", ("D2",))
    assert said(c5.text, "fr") == ("retenu de préférence à D2, D4 (mieux classés) pour "
                                   "respecter la contrainte rural (au moins 2 lauréats avec "
                                   "territory = rural)")
    assert said(c3.text, "en") == ("selected ahead of D2 (better ranked) to meet the "
                                   "constraint rural (at least 2 laureates with territory = "
                                   "rural)")
    assert (c1.why, c1.over, said(c1.text, "fr")) == ("rank", (), "retenu à son rang")
    [st] = w.constraints
    assert (st.id, st.kind, st.target, st.actual, st.met, st.infeasible, st.note) == (
        "rural", "min", 2, 2, True, False, None)
    assert w.infeasible == ()


def test_min_count_taken_at_its_rank_says_so() -> None:
    k = MinCount(id="urb", kind="min", fact="territory", value="urbain", count=1,
                 label="un projet urbain")
    w = walk(SEANCE, Rules(budget=50000, constraints=(k,)))
    # the best urbain dossier is D1, rank 1: nobody better-ranked is passed over
    c1 = w.picks["D1"].choice
    assert c1 is not None and c1.over == ()
    assert said(c1.text, "fr") == "retenu pour la contrainte urb (un projet urbain), et à son rang"


def test_min_count_taking_a_dossier_that_exactly_fills_the_budget() -> None:
    w = walk(SEANCE, Rules(budget=18000, constraints=(rural(2),)))
    # D3 10 000, then D5: 10 000 + 8 000 = 18 000 = the budget, it fits; nothing is left
    assert w.selected == ("D3", "D5")
    assert w.spent == 18000
    assert w.infeasible == ()
    assert w.line == 1  # D1 (20 000) does not fit


def test_min_count_infeasible_too_few_matching() -> None:
    w = walk(SEANCE, Rules(budget=50000, constraints=(rural(4),)))
    # only D3, D5, D6 are rural: step 1 takes the three (10 000 + 8 000 + 5 000 = 23 000);
    # step 2: D1 -> 43 000; D2 -> 58 000 > 50 000 stops
    assert w.selected == ("D1", "D3", "D5", "D6")
    assert w.spent == 43000
    assert w.infeasible == ("rural",)
    [st] = w.constraints
    assert (st.actual, st.met, st.infeasible) == (3, False, True)
    assert said(st.note, "fr") == "seulement 3 dossiers classés correspondent, il en faut 4"
    # one rural dossier, or none: the note agrees with it
    one = [c for c in SEANCE if c.id not in ("D3", "D5")]
    [st] = walk(one, Rules(budget=50000, constraints=(rural(4),))).constraints
    assert said(st.note, "fr") == "seulement 1 dossier classé correspond, il en faut 4"
    none = [c for c in one if c.id != "D6"]
    [st] = walk(none, Rules(budget=50000, constraints=(rural(4),))).constraints
    assert said(st.note, "fr") == "aucun dossier classé ne correspond, il en faut 4"


def test_min_count_infeasible_for_want_of_money() -> None:
    w = walk(SEANCE, Rules(budget=12000, constraints=(rural(2),)))
    # D3 10 000; D5 would make 18 000 > 12 000, D6 15 000 > 12 000: infeasible (budget);
    # step 2: D1 20 000 -> 30 000 > 12 000 stops at rank 1
    assert w.selected == ("D3",)
    assert w.spent == 10000
    assert w.line == 1
    [st] = w.constraints
    assert (st.actual, st.infeasible) == (1, True)
    assert said(st.note, "fr") == "le budget ne permet pas d'en retenir davantage"


def test_min_count_infeasible_blocked_by_a_maximum() -> None:
    cap = MaxCount(id="cap-rural", kind="max", fact="territory", value="rural", count=1)
    w = walk(SEANCE, Rules(budget=100000, constraints=(rural(2), cap)))
    # D3 taken for the minimum; D5 and D6 would break cap-rural (1 rural at most)
    assert w.infeasible == ("rural",)
    st = {s.id: s for s in w.constraints}
    assert said(st["rural"].note, "fr") == "bloqué par cap-rural"
    assert (st["cap-rural"].actual, st["cap-rural"].met) == (1, True)
    # step 2: D1 20 000, D2 35 000, D4 45 000 (D3 taken already), D5, D6 blocked
    assert w.selected == ("D1", "D2", "D3", "D4")
    assert w.spent == 55000  # 20 000 + 15 000 + 10 000 + 10 000


def test_max_count_per_value() -> None:
    k = MaxCount(id="scop", kind="max", fact="structure_type", value="scop", count=1)
    w = walk(SEANCE, Rules(budget=100000, constraints=(k,)))
    # D1 (association) 20 000; D2 (scop, the 1st) 35 000; group D3, D4: D4 (scop) blocked,
    # D3 45 000; D5 53 000; D6 (scop) blocked
    assert w.selected == ("D1", "D2", "D3", "D5")
    assert w.spent == 53000
    for cid in ("D4", "D6"):
        ch = w.picks[cid].choice
        assert w.picks[cid].selected is False
        assert ch is not None and ch.why == "max:scop"
    [st] = w.constraints
    assert (st.target, st.actual, st.met) == (1, 1, True)


def test_max_count_per_distinct_value() -> None:
    k = MaxCount(id="one-per-holder", kind="max", fact="holder", count=1)
    w = walk(SEANCE, Rules(budget=100000, constraints=(k,)))
    # holders h1: D1, D2, D4; h2: D3; h3: D5; h4: D6 -> D1 taken, so D2 and D4 blocked
    assert w.selected == ("D1", "D3", "D5", "D6")
    assert w.spent == 43000  # 20 000 + 10 000 + 8 000 + 5 000
    assert {c for c, pk in w.picks.items() if pk.choice and pk.choice.why.startswith("max:")} \
        == {"D2", "D4"}
    [st] = w.constraints
    assert (st.value, st.actual, st.met) == (None, 1, True)  # the largest count per holder


def test_tied_group_cannot_break_a_maximum_together() -> None:
    cands = [cand("A", 1, 10, holder="h1"), cand("B", 2, 10, holder="h2"),
             cand("C", 2, 10, holder="h2"), cand("D", 4, 10, holder="h3")]
    k = MaxCount(id="one-per-holder", kind="max", fact="holder", count=1)
    w = walk(cands, Rules(budget=100, constraints=(k,)))
    # B and C are tied and share holder h2: at most one of them may be a laureate
    # (taking both gives h2 two laureates > 1); whichever way people settle it, the walk
    # must not report the maximum broken
    assert not (w.picks["B"].selected and w.picks["C"].selected)
    [st] = w.constraints
    assert st.actual <= 1
    assert st.met is True


def test_tied_group_cannot_exceed_an_envelope_together() -> None:
    cands = [cand("A", 1, 10, p="e"), cand("B", 1, 10, p="e")]
    k = Envelope(id="env", kind="envelope", fact="p", value="e", max_amount=15)
    w = walk(cands, Rules(budget=100, constraints=(k,)))
    # A and B alone each fit (10 <= 15) but together 10 + 10 = 20 > 15
    [st] = w.constraints
    assert st.actual <= 15
    assert st.met is True


def test_max_count_zero_excludes_every_match() -> None:
    k = MaxCount(id="no-scop", kind="max", fact="structure_type", value="scop", count=0)
    w = walk(SEANCE, Rules(budget=100000, constraints=(k,)))
    assert w.selected == ("D1", "D3", "D5")


def test_envelope_max_amount() -> None:
    k = Envelope(id="emploi", kind="envelope", fact="priority", value="emploi",
                 max_amount=30000)
    w = walk(SEANCE, Rules(budget=100000, constraints=(k,)))
    # emploi: D1 20 000 (20 000 used); D2 would make 35 000 > 30 000: blocked;
    # D3 (mobilite) taken; D4 emploi: 20 000 + 10 000 = 30 000 <= 30 000 taken;
    # D5 (mobilite) taken; D6 emploi 35 000 > 30 000 blocked
    assert w.selected == ("D1", "D3", "D4", "D5")
    assert w.spent == 48000  # 20 000 + 10 000 + 10 000 + 8 000
    [st] = w.constraints
    assert st.target == {"min": None, "max": 30000}
    assert (st.actual, st.met, st.infeasible) == (30000, True, False)
    assert w.picks["D2"].choice is not None and w.picks["D2"].choice.why == "max:emploi"


def test_envelope_min_amount_first() -> None:
    k = Envelope(id="mob", kind="envelope", fact="priority", value="mobilite",
                 min_amount=15000)
    w = walk(SEANCE, Rules(budget=30000, constraints=(k,)))
    # step 1: D3 10 000 (< 15 000), then D5: 18 000 >= 15 000.
    # step 2: D1 20 000 -> 38 000 > 30 000: rank-order stops at rank 1
    assert w.selected == ("D3", "D5")
    assert w.spent == 18000
    assert w.line == 1
    [st] = w.constraints
    assert (st.actual, st.met, st.infeasible) == (18000, True, False)
    c5 = w.picks["D5"].choice
    # D1, D2, D4 are better ranked than D5 and not taken
    assert c5 is not None and c5.over == ("D1", "D2", "D4")


def test_envelope_min_amount_infeasible_when_every_match_is_taken() -> None:
    k = Envelope(id="mob", kind="envelope", fact="priority", value="mobilite",
                 min_amount=20000)
    w = walk(SEANCE, Rules(budget=100000, constraints=(k,)))
    # mobilite: D3 + D5 = 10 000 + 8 000 = 18 000 < 20 000, nothing left to take
    assert w.infeasible == ("mob",)
    [st] = w.constraints
    assert (st.actual, st.met, st.infeasible) == (18000, False, True)
    assert said(st.note, "fr") == "tous les dossiers correspondants sont déjà retenus"


def test_constraint_values_compare_as_text() -> None:
    cands = [cand("A", 1, 10, level=2.0), cand("B", 2, 10, level=3), cand("C", 3, 10, level="2")]
    k = MinCount(id="lvl", kind="min", fact="level", value=2, count=2)
    w = walk(cands, Rules(top=2, constraints=(k,)))
    # 2, 2.0 and "2" are the same value: A and C match and take both places
    assert w.selected == ("A", "C")
    assert w.picks["C"].choice is not None and w.picks["C"].choice.over == ("B",)


def test_list_fact_matches_any_item() -> None:
    cands = [cand("A", 1, 10, themes=["x"]), cand("B", 2, 10, themes=["y", "z"])]
    k = MinCount(id="z", kind="min", fact="themes[]", value="z", count=1)
    w = walk(cands, Rules(top=1, constraints=(k,)))
    assert w.selected == ("B",)


def test_choices_texts_for_left_out_dossiers() -> None:
    cands = [cand("A", 1, 50), cand("B", 2, 60), cand("C", 3, 10), cand("D", 3, 10),
             cand("E", 5, 1)]
    w = walk(cands, Rules(budget=70))
    # A 50; B 110 > 70 does not fit and stops rank-order; C, D, E after the line
    texts = {c: said(pk.choice.text, "fr") for c, pk in w.picks.items() if pk.choice is not None}
    assert texts == {"A": "retenu à son rang",
                     "B": "ne tient pas dans l'enveloppe restante",
                     "C": "après la ligne de financement",
                     "D": "après la ligne de financement",
                     "E": "après la ligne de financement"}


@pytest.mark.parametrize(("k", "text"), [
    (MinCount(id="m", kind="min", fact="territory", value="rural", count=2),
     "au moins 2 lauréats avec territory = rural"),
    (MaxCount(id="m", kind="max", fact="structure_type", value="scop", count=3),
     "au plus 3 lauréats avec structure_type = scop"),
    (MaxCount(id="m", kind="max", fact="holder", count=1), "au plus 1 lauréat par holder"),
    (MaxCount(id="m", kind="max", fact="holder", count=0), "au plus 0 lauréat par holder"),
    # amounts grouped by thousands, held to « € » (they read « 60000 € », and a million
    # « 1e+06 € »)
    (Envelope(id="m", kind="envelope", fact="priority", value="emploi", max_amount=60000),
     "enveloppe priority = emploi\u00a0: au plus 60\u202f000\u202f€"),
    (Envelope(id="m", kind="envelope", fact="priority", value="emploi", min_amount=1000,
              max_amount=1_000_000),
     "enveloppe priority = emploi\u00a0: au moins 1\u202f000\u202f€ et au plus "
     "1\u202f000\u202f000\u202f€"),
    (Envelope(id="m", kind="envelope", fact="priority", value="emploi", min_amount=1250.5),
     "enveloppe priority = emploi\u00a0: au moins 1\u202f250,50\u202f€"),
    (MinCount(id="m", kind="min", fact="t", value="r", count=1, label="deux ruraux"),
     "deux ruraux"),
])
def test_constraint_labels(k: Any, text: str) -> None:
    assert said(label(k), "fr") == text


def test_rules_selecting() -> None:
    assert Rules().selecting is False
    assert Rules(budget=0).selecting is True
    assert Rules(top=1).selecting is True


def test_no_line_no_selection_when_everything_fits() -> None:
    w = walk([cand("A", 1, 10), cand("B", 2, 10)], Rules(budget=100, reserve=2))
    # 10 + 10 = 20 <= 100: everything is taken, nobody is left for the reserve
    assert w.selected == ("A", "B")
    assert w.reserve == ()
    assert w.line is None


def test_the_selection_only_walk_selects_what_the_whole_walk_does() -> None:
    # walk(explain=False) skips the reserve, flags and explanations: on random rankings
    # (ties, unknown amounts, unselectable dossiers, held money) under every rule it takes
    # the same dossiers, spends the same money and stops at the same line.  FOUR by hand:
    # rank-order, budget 80: A 40 and B 30 taken (70), C 20 does not fit: line 3.
    w = walk(FOUR, Rules(budget=80), explain=False)
    assert (w.selected, w.spent, w.line, w.stopped) == (("A", "B"), 70, 3, True)
    assert w.reserve == () and all(p.choice is None for p in w.picks.values())
    import random

    rng = random.Random(3)
    for _ in range(500):
        n = rng.randrange(1, 12)
        ranks = sorted(rng.randrange(1, n + 1) for _ in range(n))
        cands = [cand(f"D{i}", r, None if rng.random() < 0.1 else rng.randrange(1, 9) * 10,
                      rng.random() > 0.1) for i, r in enumerate(ranks)]
        rules = rng.choice([Rules(budget=rng.randrange(3, 30) * 10),
                            Rules(budget=rng.randrange(3, 30) * 10, rule="skip", reserve=2),
                            Rules(budget=rng.randrange(3, 30) * 10, partial=True, minimum=15),
                            Rules(top=rng.randrange(1, 5)),
                            Rules(budget=rng.randrange(3, 30) * 10, top=rng.randrange(1, 5))])
        held = [Held("h", float(rng.randrange(0, 5) * 10))] if rng.random() < 0.5 else []
        full, lean = walk(cands, rules, held), walk(cands, rules, held, explain=False)
        assert (lean.selected, lean.spent, lean.line, lean.stopped, lean.skipped) == (
            full.selected, full.spent, full.line, full.stopped, full.skipped)
        assert {k: (p.selected, p.amount) for k, p in lean.picks.items()} == {
            k: (p.selected, p.amount) for k, p in full.picks.items()}


def test_a_minimums_sentence_names_ten_of_those_it_passed_over() -> None:
    # twelve urban dossiers ranked 1-12, then one rural at rank 13, a minimum of one rural,
    # room for two: U01 at its rank, then the rural one ahead of U02..U12 (eleven passed over)
    cands = [cand(f"U{i:02d}", i, 100, territory="urbain") for i in range(1, 13)]
    cands.append(cand("R13", 13, 100, territory="rural"))
    w = walk(cands, Rules(budget=200, constraints=(rural(1),)))
    assert w.selected == ("U01", "R13")
    choice = w.picks["R13"].choice
    assert choice is not None
    passed = tuple(f"U{i:02d}" for i in range(2, 13))
    assert choice.over == passed  # the data: all eleven
    # the words: the first ten, then how many more (a national call's choice listed
    # thousands of ids in its sentence)
    assert said(choice.text, "en") == (
        f"selected ahead of {', '.join(passed[:10])} and 1 more (better ranked) to meet the "
        "constraint rural (at least 1 laureate with territory = rural)")


# ------------------------------------------------------------ reasons=False
def test_a_walk_without_reasons_selects_the_same_and_gives_no_choice() -> None:
    """``reasons=False`` (the pipeline's, for a call without constraints) leaves out the
    picks' choices and nothing else: on calls built at random (ties, unknown amounts,
    unselectable dossiers, both rules, top, partial grants, a reserve), every other field
    of the walk and of each pick is the same as with them."""
    import dataclasses
    import random

    rng = random.Random(21)
    compared = choices = 0
    for _ in range(400):
        n = rng.randint(1, 14)
        ranks = sorted(rng.randint(1, n) for _ in range(n))
        cands = [cand(f"D{i:02}", r, rng.choice([None, 5.0, 10.0, 20.0, 35.0, 50.0]),
                      rng.random() > 0.1) for i, r in enumerate(ranks)]
        rules = Rules(budget=rng.choice([None, 30.0, 60.0, 100.0]),
                      top=rng.choice([None, None, 2, 4]),
                      rule=rng.choice(["rank-order", "skip"]), partial=rng.random() < 0.3,
                      minimum=rng.choice([None, 5.0]), reserve=rng.choice([0, 1, 3]))
        if not rules.selecting:
            continue
        full, plain = walk(cands, rules), walk(cands, rules, reasons=False)
        assert all(pk.choice is None for pk in plain.picks.values())
        choices += sum(pk.choice is not None for pk in full.picks.values())
        assert {i: dataclasses.replace(pk, choice=None) for i, pk in full.picks.items()} \
            == plain.picks
        assert dataclasses.replace(full, picks=plain.picks) == plain
        compared += 1
    # the draws did exercise something: walks compared, and choices left out
    assert compared > 300 and choices > 1000
