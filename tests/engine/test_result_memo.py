"""The séance's answers worked out once per :class:`~isgrid.engine.result.Result`
(``Result.tie``, ``Result.reserve_position``): a letter asked ``tie`` twice per dossier,
each time scanning every freed place, and every document line rebuilt the whole reserve's
positions for each reserve dossier.  The memo gives the answers of the computation it
saves, never one of another result, and stays out of equality and pickles.

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 (rank
1), D2 15 000 (rank 2), D3 10 000 and D4 asking 21 000 here (75, tied at rank 3), D5 8 000
(rank 5), D6 5 000 (rank 6).  The proposal retains D1 and D2 (35 000); D3 + D4 = 31 000 >
15 000 left: a tie at the line; the reserve is D5, D6.  (D4 asks 21 000 so that a place
freed beside the tie does not take both tied at once: 31 000 > 30 000, docs/decisions.md.)
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from decisions_calls import DOSSIERS
from decisions_calls import seance_call as _seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine import result as result_module
from isgrid.engine.result import Tie

#: D4 asking 21 000 (module docstring)
D4_21000 = dict(DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi"))


def seance_call(tmp_path: Path, **given: Any) -> Path:
    return _seance_call(tmp_path, **({"dossiers": D4_21000} | given))


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def decide(folder: Path, did: str, outcome: str, stage: str = "vote") -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage=stage, amount=None,
           by="Présidente", reason="vote")


def answers(r: Result) -> dict[str, tuple[Tie | None, tuple[int, int] | None]]:
    return {d.id: (r.tie(d), r.reserve_position(d)) for d in r.dossiers}


#: the vote refused D2 (seq 1): its place is left to D3 and D4, tied for it (50 000 - 20 000
#: = 30 000 left, D3 + D4 = 31 000 do not both fit, no walk chooses between equal ranks), and
#: the tie at the line
#: is still theirs, open, left to the vote that freed the place (``winners``: 1 while
#: nobody settled it); the reserve D5, D6 is untied: positions 1 and 2, each alone
REFUSED = {
    "D1": (None, None),
    "D2": (None, None),
    "D3": (Tie(line=True, open=True, stage="vote", chosen=False, winners=1), None),
    "D4": (Tie(line=True, open=True, stage="vote", chosen=False, winners=1), None),
    "D5": (None, (1, 1)),
    "D6": (None, (2, 1)),
}
#: then the vote retained D3 (seq 2): the tie is settled for D3 alone (20 000 + 10 000 +
#: 21 000 = 51 000 > 50 000: D4 does not fit the 20 000 left), one winner; D4, whose tie a
#: decision on another settled, heads the reserve of 2: D4, D5 (D6 off it)
SETTLED = dict(
    REFUSED,
    D3=(Tie(line=True, open=False, stage="jury", chosen=True, won=True, winners=1), None),
    D4=(Tie(line=True, open=False, stage="jury", chosen=True, won=False, winners=1), (1, 1)),
    D5=(None, (2, 1)),
    D6=(None, None))


def refused(tmp_path: Path) -> Path:
    folder = seance_call(tmp_path)
    decide(folder, "D2", "non retenu")
    return folder


def test_the_memo_answers_what_the_computation_does(tmp_path: Path) -> None:
    folder = refused(tmp_path)
    r = scored(folder)
    assert len(r.freed_places) == 1 and r.line_tie is not None  # a freed place, a line tie
    first = answers(r)
    assert first == REFUSED
    # asked again (a letter asks twice), and in another order: the same answers, the
    # same objects (worked out once), and those of the computation the memo saves
    assert answers(r) == first
    for d in reversed(r.dossiers):
        assert r.tie(d) is first[d.id][0]
        assert r._tie(d) == first[d.id][0]
    decide(folder, "D3", "retenu")
    assert answers(scored(folder)) == SETTLED


def test_a_tie_for_a_freed_place_only_and_a_tied_reserve(tmp_path: Path) -> None:
    """top 2, budget 100 000, a reserve of 3; D3, D4, D5 all at 75 (rank 3): the reserve
    is the tie D3, D4, D5, which shares position 1 (three of them).  D1 withdraws: its
    place (100 000 - 15 000 = 85 000 for one place) is left to the three, tied for it at
    the jury; no tie at the line (the walk's top, not its money, stopped it)."""
    dossiers = dict(DOSSIERS, D5=(3, 3, 8000, 16000, "rural", "association", "mobilite"))
    folder = seance_call(tmp_path, dossiers=dossiers,
                         call={"budget": 100000, "selection": {"top": 2, "reserve": 3}})
    append(folder, kind="withdrawal", dossier="D1", by="Secrétariat", reason="retrait")
    r = scored(folder)
    freed = Tie(line=False, open=True, stage="jury", chosen=False, winners=1)
    expected = {"D1": (None, None), "D2": (None, None), "D3": (freed, (1, 3)),
                "D4": (freed, (1, 3)), "D5": (freed, (1, 3)), "D6": (None, None)}
    assert answers(r) == expected
    assert answers(r) == expected  # from the memo


def test_the_reserve_positions_are_worked_out_once(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    r = scored(refused(tmp_path))
    calls: list[tuple[str, ...]] = []
    real = result_module.reserve_positions

    def counted(reserve: Any, rank: Any) -> dict[str, tuple[int, int]]:
        calls.append(tuple(reserve))
        return real(reserve, rank)

    monkeypatch.setattr(result_module, "reserve_positions", counted)
    for _ in range(3):  # every line of three documents
        assert [r.reserve_position(d) for d in r.dossiers] == [
            None, None, None, None, (1, 1), (2, 1)]
    assert calls == [("D5", "D6")]


def test_the_memo_never_answers_for_another_result(tmp_path: Path) -> None:
    folder = refused(tmp_path)
    before = scored(folder)
    assert answers(before) == REFUSED  # the memo filled
    decide(folder, "D3", "retenu")
    after = scored(folder)
    assert answers(after) == SETTLED  # its own answers, not the other result's
    assert answers(before) == REFUSED

    # a result made from another (dataclasses.replace, as tests do) starts its own memo:
    # without the freed place, the line's tie is left to the jury; without a selection,
    # no reserve
    other = dataclasses.replace(before, freed_places=(), selection=None)
    d3 = other.dossier("D3")
    assert other.tie(d3) == Tie(line=True, open=True, stage="jury", chosen=False, winners=1)
    assert other.reserve_position(other.dossier("D5")) is None
    assert answers(before) == REFUSED
    # and its own index of dossiers: one changed in the other is not this one's
    renamed = dataclasses.replace(before.dossier("D1"), title="Autre projet")
    changed = dataclasses.replace(before, dossiers=(renamed, *before.dossiers[1:]))
    assert changed.dossier("D1").title == "Autre projet"
    assert before.dossier("D1").title == "Projet D1"

    # a dossier of another result, asked of this one: worked out from it, never the
    # answer kept for this result's dossier of the same id, and not kept
    theirs = after.dossier("D3")
    assert before.tie(theirs) == before._tie(theirs) != before.tie(before.dossier("D3"))
    assert answers(before) == REFUSED


def test_the_memo_is_out_of_equality_and_pickles(tmp_path: Path) -> None:
    folder = refused(tmp_path)
    r = scored(folder)
    fresh = pickle.dumps(r)
    assert answers(r) == REFUSED
    assert r == scored(folder)  # equal to a result whose memo is empty
    assert pickle.dumps(r) == fresh  # the memo is not written
    back = pickle.loads(fresh)
    assert back == r and answers(back) == REFUSED
    twin = copy.copy(r)
    assert twin == r and answers(twin) == REFUSED
    assert twin._memo is not r._memo
