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
