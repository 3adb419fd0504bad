"""The walk handed the money of the places held (the journal's replay keeps it running)."""

from __future__ import annotations

from isgrid.engine.select import Candidate, Held, Rules, walk
from isgrid.engine.touched import Places


def test_the_money_and_count_of_the_places_held_worked_by_hand() -> None:
    held = [Held("H1", 100.0), Held("H2", 50.5)]
    cands = [Candidate("A", 1, 100.0, True), Candidate("B", 2, 60.0, True),
             Candidate("C", 3, 40.0, True)]
    # top 3 with two places held: room for one; 150.5 held + A's 100 = 250.5
    rules = Rules(budget=300.0, top=3, rule="skip")
    for w in (walk(cands, rules, held), walk(cands, rules, Places(held[:1], held[1:]),
                                             held_money=150.5)):
        assert w.selected == ("A",)
        assert w.spent == 250.5
    # no top: 300 - 150.5 = 149.5 left: A (100) fits, B (60) does not, C (40) does
    rules = Rules(budget=300.0, rule="skip")
    w = walk(cands, rules, Places(held), held_money=150.5)
    assert (w.selected, w.spent) == (("A", "C"), 290.5)
