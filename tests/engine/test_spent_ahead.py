"""A freed place is offered only the money left after every grant decided
(isgrid.engine.decide; docs/decisions.md, "Places freed"; docs/fr/la-seance.md §3):
a decision retaining, later in the journal, a dossier that held no place spends its
grant before the place is offered, so isgrid never proposes money the envelope does
not have; an overrun comes only from a vote itself.

The call (one criterion C1 on 0..4, total = 25 x C1; amounts asked, no funding rule):
budget 80, a reserve of 2, rank-order.

    A  C1 4   (100)  30
    B  C1 3.5 (87.5) 25
    X  C1 3   (75)   amount unknown, later 10
    C  C1 2.5 (62.5) 20
    D  C1 2   (50)   25
    E  C1 1.5 (37.5) 10

Without X's amount (X « à vérifier », no place): A 30 + B 25 + C 20 = 75 retained,
D (25) does not fit the 5 left: the walk stops; reserve D, E.
With X's amount (10): A 30 + B 25 + X 10 = 65 retained; C (20) does not fit the 15 left;
reserve C, D.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_engine_reference import write_call
from test_reference_journal import spec_of

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import Result, score

JOURNAL: list[dict[str, Any]] = [
    # the jury postpones X: its eligible costs are missing
    {"dossier": "X", "outcome": "ajourné", "stage": "jury"},
    {"dossier": "A", "outcome": "retenu", "stage": "vote"},
    {"dossier": "C", "outcome": "retenu", "stage": "vote"},
    # B refused: without X's amount, 80 - (30 + 20) = 30 offered: D (25) proposed
    {"dossier": "B", "outcome": "non retenu", "stage": "vote"},
    # the vote retains D in B's place: 30 + 20 + 25 = 75, 5 left; the list is adopted
    {"dossier": "D", "outcome": "retenu", "stage": "vote"},
]


def call(tmp_path: Path, x_amount: int | None) -> Path:
    spec = spec_of({"A": (4.0, 30), "B": (3.5, 25), "X": (3.0, x_amount), "C": (2.5, 20),
                    "D": (2.0, 25), "E": (1.5, 10)}, budget=80, reserve=2)
    folder: Path = write_call(tmp_path, spec)
    for e in JOURNAL:
        append(folder, kind="decision", by="Commission", reason="délibération", **e)
    return folder


def money(r: Result) -> tuple[float, float | None]:
    assert r.selection is not None
    return r.selection.decided.committed, r.selection.decided.remaining


def statuses(r: Result) -> dict[str, str]:
    return {d.id: str(d.status) for d in r.dossiers}


def test_the_place_freed_goes_to_the_reserve_dossier_the_vote_then_retains(
        tmp_path: Path) -> None:
    r = score(load_call(call(tmp_path, None)))
    assert statuses(r) == {"A": "retenu", "B": "non retenu", "X": "ajourné", "C": "retenu",
                           "D": "retenu", "E": "réserve"}
    [place] = r.freed_places
    assert (place["available"], place["promoted"]) == (30, ("D",))
    assert money(r) == (75, 5)  # 30 + 20 + 25
    assert r.list_voted and r.adopted is not None and r.adopted.seq == 5


def test_facts_filled_in_after_the_votes_propose_no_money_the_envelope_lacks(
        tmp_path: Path) -> None:
    """X's amount (10) filled in after the votes: X, postponed, now keeps a place of 10,
    so B's refusal (seq 4) left 80 - (30 + 20 + 10) = 20, which D (25) did not fit: E
    (10) was proposed, then the vote retained D (seq 5): 30 + 20 + 10 + 25 = 85, an
    overrun of 5 nobody decided.  D's grant, decided later while D held no place, is
    spent before the offer: 20 - 25 = -5 offered, nobody fits; 30 + 20 + 25 = 75
    committed (X, postponed, is not), 5 left, and the list the vote adopted stands."""
    r = score(load_call(call(tmp_path, 10)))
    assert statuses(r) == {"A": "retenu", "B": "non retenu", "X": "ajourné", "C": "retenu",
                           "D": "retenu", "E": "réserve"}
    [place] = r.freed_places
    assert (place["available"], place["promoted"], place["replacement"]) == (-5, (), None)
    assert money(r) == (75, 5)
    assert r.dossier("E").decision.replaces is None
    assert r.list_voted and r.adopted is not None and r.adopted.seq == 5


def test_a_vote_retaining_the_second_reserve_dossier_takes_the_money_of_the_first(
        tmp_path: Path) -> None:
    """Without X (no facts changed): B refused, 80 - (30 + 20) = 30 offered; the vote
    then retains E (10), not D: E's 10 is spent first, 20 are offered, D (25) does not
    fit: nobody is proposed (before, D was: 30 + 20 + 25 + 10 = 85, over by 5)."""
    spec = spec_of({"A": (4.0, 30), "B": (3.5, 25), "C": (2.5, 20), "D": (2.0, 25),
                    "E": (1.5, 10)}, budget=80, reserve=2)
    folder: Path = write_call(tmp_path, spec)
    for did, outcome in (("A", "retenu"), ("C", "retenu"), ("B", "non retenu"),
                         ("E", "retenu")):
        append(folder, kind="decision", by="Commission", reason="délibération",
               dossier=did, outcome=outcome, stage="vote")
    r = score(load_call(folder))
    assert statuses(r) == {"A": "retenu", "B": "non retenu", "C": "retenu",
                           "D": "réserve", "E": "retenu"}
    [place] = r.freed_places
    assert (place["available"], place["promoted"]) == (20, ())
    assert money(r) == (60, 20)  # 30 + 20 + 10
