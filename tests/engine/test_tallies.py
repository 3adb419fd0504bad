"""What the constraints count of the dossiers held, kept running (isgrid.engine.tallies),
and the walk and its maximums reading them: every number worked out by hand."""

from __future__ import annotations

from typing import Any

from isgrid.call.blocks import Envelope, MaxCount, MinCount
from isgrid.engine.select import Candidate, Held, Rules, blocker, walk
from isgrid.engine.tallies import Picked, Tallies
from isgrid.engine.touched import Places

RURAL = MinCount(id="rural", kind="min", fact="territory", value="rural", count=2)
SCOP = MaxCount(id="scop", kind="max", fact="kind", value="scop", count=1)
HOLDER = MaxCount(id="holder", kind="max", fact="holder", count=1)
ENT = Envelope(id="ent", kind="envelope", fact="kind", value="entreprise", max_amount=30000)
ALL = (RURAL, SCOP, HOLDER, ENT)


def held(hid: str, amount: float, **facts: Any) -> Held:
    return Held(hid, amount, facts)


A = held("A", 10000.55, territory="rural", kind="scop", holder="H1")
B = held("B", 20000.10, territory="urbain", kind="entreprise", holder="H2")
C = held("C", 5000, territory="rural", kind="entreprise", holder="H1")


def test_counts_put_and_taken_worked_by_hand() -> None:
    t = Tallies(ALL, [A, B, C])
    assert t.count("territory", "rural") == 2  # A and C
    assert t.count("kind", "scop") == 1  # A
    assert (t.holding("holder", "H1"), t.holding("holder", "H2"),
            t.holding("holder", "H3")) == (2, 1, 0)  # A and C; B; nobody
    assert t.money("kind", "entreprise") == 25000.10  # B 20,000.10 + C 5,000, exactly
    t.take(C)
    assert t.count("territory", "rural") == 1
    assert t.holding("holder", "H1") == 1
    assert t.money("kind", "entreprise") == 20000.10
    # a copy changes alone
    u = t.copy()
    u.put(C)
    assert (t.count("territory", "rural"), u.count("territory", "rural")) == (1, 2)


def test_tallies_below_are_read_through_and_never_changed() -> None:
    t = Tallies(ALL, [A, B])
    top = Tallies(ALL, below=(t,))
    d = held("D", 9999.9, territory="qpv", kind="scop", holder="H2")
    top.put(d)
    assert top.count("kind", "scop") == 2  # A below, D here
    assert top.holding("holder", "H2") == 2  # B below, D here
    assert t.count("kind", "scop") == 1 and t.holding("holder", "H2") == 1
    top.put(held("E", 0.9, kind="entreprise", holder="H5"))
    assert top.money("kind", "entreprise") == 20001.0  # 20,000.10 + 0.90, exactly


def test_blocker_reads_the_tallies_as_it_read_the_list() -> None:
    picked = [A, B]
    cases = [
        # a second SCOP: scop holds 1, its maximum is 1
        ({"kind": "scop", "holder": "H9"}, 1.0, "scop"),
        # H1 holds a place (A): one per holder
        ({"kind": "asso", "holder": "H1"}, 1.0, "holder"),
        # enterprises hold 20,000.10: 20,000.10 + 10,000 = 30,000.10 > 30,000
        ({"kind": "entreprise", "holder": "H9"}, 10000.0, "ent"),
        # 20,000.10 + 9,999.90 = 30,000 (within EPS of the maximum): fits
        ({"kind": "entreprise", "holder": "H9"}, 9999.9, None),
        ({"kind": "asso", "holder": "H9"}, 1.0, None),
    ]
    kept = Picked(ALL, picked)
    for facts, amount, want in cases:
        assert blocker(facts, amount, ALL, picked) == want
        assert blocker(facts, amount, ALL, kept) == want
    # the list grows and shrinks at its end with its tallies
    kept.append(C)
    assert kept.tallies.holding("holder", "H1") == 2
    assert kept.pop() is C and kept.tallies.holding("holder", "H1") == 1


def test_a_walk_over_places_that_keep_their_tallies_takes_the_same() -> None:
    """A freed place's walk (explain=False) handed places held with their tallies reads
    them instead of copying the places: the same dossiers taken."""
    places = [A, B]
    cands = [Candidate("X", 1, 12000.0, True, {"kind": "scop", "holder": "H7"}),
             Candidate("Y", 2, 9000.0, True, {"kind": "entreprise", "holder": "H8"}),
             Candidate("Z", 3, 8000.0, True, {"kind": "asso", "holder": "H2"}),
             Candidate("W", 4, 7000.0, True, {"kind": "asso", "holder": "H9",
                                               "territory": "rural"})]
    rules = Rules(budget=100000.0, rule="skip", constraints=(SCOP, HOLDER, ENT))
    # X: a second SCOP, blocked; Y: 20,000.10 + 9,000 = 29,000.10 <= 30,000, taken;
    # Z: H2 holds B's place, blocked; W: taken (30,000.65 + 9,000 + 7,000 = 46,000.65)
    listed = walk(cands, rules, places, explain=False)
    through = walk(cands, rules, Places(places, tallies=Tallies(rules.constraints, places)),
                   explain=False, held_money=30000.65)
    for w in (listed, through):
        assert w.selected == ("Y", "W")
        assert w.spent == 46000.65


class _Unread(list[Any]):
    """Places held that fail the test if anything reads them."""

    def __iter__(self) -> Any:
        raise AssertionError("the places held were read")

    def __len__(self) -> int:
        raise AssertionError("the places held were counted")


def test_no_constraint_reads_no_place_held() -> None:
    # A call without portfolio constraints: asking whether a maximum blocks a dossier must
    # not read the places held. The séance's replay asks it of every dossier read for the
    # reserve, at every freed place: reading 6,000 places each time made a national call's
    # 1,000 late votes quadratic (4.7 s more than `score`, bench late-votes, 34th pass).
    held = _Unread([Held("A", 10.0, {"x": "1"})])
    assert blocker({"x": "1"}, 5.0, (), held) is None
    # and tallies of no constraint count nothing, whatever is held
    t = Tallies((), held)
    assert t._facts == []
