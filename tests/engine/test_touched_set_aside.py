"""engine/touched.py's set-aside path (``Touched._set_aside``, ``_take_back``,
``untouched_pool``), worked out by hand: with maximums, the untouched candidates a maximum
blocks are left out of the reserve's reading until the journal touches a place they are
blocked on.

The call, by hand. Constraints: at most 1 laureate per holder (a maximum per distinct
value), at most 1 in the Bas-Rhin (dept 67, a maximum with a value), culture's envelope
of at most 10 000 €. The proposal:

    rank  id  holder  dept  theme    amount  outcome     in the reserve's reading
    1     A   X       68    -        10 000  retenu      (a place)
    2     B   Y       67    -         8 000  retenu      (a place)
    3     C   X       68    -         5 000  non retenu  set aside: X holds A already
    4     D   Z       67    -         6 000  non retenu  set aside: 67 holds B already
    5     E   W       68    culture   9 000  non retenu  read: 0 + 9 000 <= 10 000
    6     F   V       68    -         7 000  non retenu  read: no maximum blocks it

A withdraws (entry 1): X's place is free, C is read again (D stays set aside: B still
holds the Bas-Rhin's one place); the places then hold B alone, 8 000 €.
"""

from __future__ import annotations

from typing import Any

from isgrid.call.blocks import Envelope, MaxCount
from isgrid.call.journal import GENESIS, Entry
from isgrid.engine.journaled import Journal, Proposed
from isgrid.engine.touched import Touched
from isgrid.engine.walkrecords import Candidate

ROWS = [  # id, holder, dept, theme, amount, outcome
    ("A", "X", "68", None, 10000, "retenu"),
    ("B", "Y", "67", None, 8000, "retenu"),
    ("C", "X", "68", None, 5000, "non retenu"),
    ("D", "Z", "67", None, 6000, "non retenu"),
    ("E", "W", "68", "culture", 9000, "non retenu"),
    ("F", "V", "68", None, 7000, "non retenu"),
]
CONSTRAINTS = (
    MaxCount(id="one-per-holder", kind="max", fact="holder", count=1),
    MaxCount(id="bas-rhin", kind="max", fact="dept", value="67", count=1),
    Envelope(id="culture", kind="envelope", fact="theme", value="culture", max_amount=10000),
)


def _facts(holder: str, dept: str, theme: str | None) -> dict[str, Any]:
    return {"holder": holder, "dept": dept, **({"theme": theme} if theme else {})}


def _touched(entries: list[Entry], rows: list[tuple[Any, ...]] = ROWS) -> Touched:
    proposal = [Proposed(id=i, title=i, rank=r, outcome=o, selected=o == "retenu",
                         tie_at_line=False, proposed=float(a), reserve=False, cells={})
                for r, (i, _, _, _, a, o) in enumerate(rows, start=1)]
    cands = [Candidate(id=i, rank=r, amount=float(a), selectable=True,
                       facts=_facts(h, d, t))
             for r, (i, h, d, t, a, _) in enumerate(rows, start=1)]
    facts = {c.id: c.facts for c in cands}
    journal = Journal(entries, {i for i, *_ in rows})
    return Touched(proposal, cands, journal, {}, {}, facts, CONSTRAINTS)


def _withdrawal(seq: int, dossier: str) -> Entry:
    return Entry.model_construct(seq=seq, kind="withdrawal", stage="jury", dossier=dossier,
                                 by="S", reason="lettre", prev=GENESIS, hash=GENESIS)


def test_what_a_maximum_blocks_is_set_aside_from_the_reserves_reading() -> None:
    t = _touched([])
    assert t.tallies is not None
    # without the places' tallies: every untouched candidate, in rank order
    assert [c.id for c in t.untouched_pool()] == ["C", "D", "E", "F"]
    # with them: C (holder X) and D (dept 67) set aside; E fits culture's 10 000
    assert [c.id for c in t.untouched_pool(t.tallies)] == ["E", "F"]
    assert t.money.total() == 18000  # A 10 000 + B 8 000


def test_a_place_touched_gives_back_what_was_set_aside_for_it() -> None:
    t = _touched([_withdrawal(1, "A")])
    t.at(None)  # after the journal: A withdrawn, touched
    assert t.now["A"][0] == "retiré"
    assert t.tallies is not None
    assert [c.id for c in t.untouched_pool(t.tallies)] == ["C", "E", "F"]
    assert t.money.total() == 8000  # B alone holds a place
    # D is still set aside, B holding the Bas-Rhin's one place; touched, it is no longer
    # an untouched candidate at all
    t.touch("D")
    assert [c.id for c in t.untouched_pool(t.tallies)] == ["C", "E", "F"]
    assert [c.id for c in t.untouched_pool()] == ["C", "E", "F"]
    assert [c.id for c in t.touched_pool()] == ["D"]


def test_an_envelope_too_small_for_the_least_asking_sets_its_group_aside() -> None:
    # E asks 12 000: more than culture's 10 000 on its own
    rows = [r if r[0] != "E" else ("E", "W", "68", "culture", 12000, "non retenu")
            for r in ROWS]
    t = _touched([], rows)
    assert [c.id for c in t.untouched_pool(t.tallies)] == ["F"]


# -- the touched pool read the same way (Touched._file, touched_pool): the dossiers the
# journal decides later are touched from its first entry and undecided until then; every
# freed place read them all (a séance under maximums was quadratic in its journal).

def _refusal(seq: int, dossier: str) -> Entry:
    return Entry.model_construct(seq=seq, kind="decision", stage="jury", dossier=dossier,
                                 outcome="non retenu", by="S", reason="vote",
                                 prev=GENESIS, hash=GENESIS)


LATER = [_refusal(10, "C"), _refusal(11, "D"), _refusal(12, "E"), _refusal(13, "F")]


def test_the_touched_candidates_a_maximum_blocks_are_set_aside_too() -> None:
    t = _touched(LATER)
    t.at(1)  # before the first entry: C, D, E, F touched (decided later), undecided
    assert t.tallies is not None
    assert [c.id for c in t.untouched_pool(t.tallies)] == []
    assert [c.id for c in t.touched_pool()] == ["C", "D", "E", "F"]
    # C: holder X holds A's place; D: the Bas-Rhin's one place is B's; E fits culture's
    # 10 000 (nothing held there), F no maximum blocks
    assert [c.id for c in t.touched_pool(t.tallies)] == ["E", "F"]


def test_a_place_touched_gives_back_the_touched_candidates_set_aside_for_it() -> None:
    t = _touched([_withdrawal(2, "B"), *LATER])
    t.at(1)  # B is touched (withdrawn at entry 2) but holds its place until then
    assert t.tallies is not None
    assert [c.id for c in t.touched_pool(t.tallies)] == ["E", "F"]
    t.at(3)  # B withdrawn: the Bas-Rhin holds no place, D's group is read again
    assert [c.id for c in t.touched_pool(t.tallies)] == ["D", "E", "F"]
    # A's place touched (a vote on it, a promotion): C is read one by one again (the
    # reserve's own rule passes over it while A holds the place)
    t.touch("A")
    assert [c.id for c in t.touched_pool(t.tallies)] == ["C", "D", "E", "F"]
    t.at(11)  # C refused at entry 10: decided, out of the pool wherever it was filed
    assert [c.id for c in t.touched_pool(t.tallies)] == ["D", "E", "F"]
    assert [c.id for c in t.touched_pool()] == ["D", "E", "F"]
    t.at(None)
    assert [c.id for c in t.touched_pool(t.tallies)] == []


def test_a_touched_group_is_read_only_when_its_least_asking_fits() -> None:
    # E asks 12 000: more than culture's 10 000 on its own; D's group stays blocked by B
    rows = [r if r[0] != "E" else ("E", "W", "68", "culture", 12000, "non retenu")
            for r in ROWS]
    t = _touched(LATER, rows)
    t.at(1)
    assert [c.id for c in t.touched_pool(t.tallies)] == ["F"]
    assert [c.id for c in t.touched_pool()] == ["C", "D", "E", "F"]
