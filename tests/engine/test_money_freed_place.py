"""The money a freed place is offered counts what was decided, in any order
(review rev-money F2; docs/decisions.md « Places freed », docs/engine.md §6).

The call: tests/engine/moneycall.py (97 000 committed, 3 000 left, reserve D12, D16).
Three decisions: D02 (scop, 15 000) withdraws; the jury lowers D05 (asso, rural) from
20 000 to 15 000; the vote retains D12 (asso, 10 000, first on the reserve).

By hand, whatever the order: the place D02 frees is offered the budget less what the
other retained dossiers hold as decided, D01 20 000 + D03 15 000 + D05 15 000 + D07 8 000
+ D09 14 000 + D10 5 000 = 77 000, less D12's grant decided (10 000): 100 000 − 77 000 −
10 000 = 13 000.  D04 (scop, 12 000, rank 4), no longer blocked by scop (D03 alone),
fits: proposed in D02's place.  asso: D01 20 000 + D05 15 000 + D10 5 000 + D12 10 000
= 50 000 ≤ 55 000.  Committed 77 000 + 12 000 + 10 000 = 99 000, 1 000 left.
Before the fix, D02's withdrawal recorded first counted D05 at the 20 000 it held then:
100 000 − 82 000 − 10 000 = 8 000, D04 did not fit, 87 000 committed and 13 000 left.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from moneycall import copy_call, money, record, scored, statuses

WITHDRAW = {"kind": "withdrawal", "dossier": "D02", "by": "Élodie"}
LOWER = {"dossier": "D05", "stage": "jury", "outcome": "retenu", "amount": 15000}
VOTE = {"dossier": "D12", "stage": "vote", "outcome": "retenu", "at": "2027-03-20",
        "reference": "CP-2027-03"}


@pytest.mark.parametrize("order", [(WITHDRAW, LOWER, VOTE), (LOWER, WITHDRAW, VOTE),
                                   (WITHDRAW, VOTE, LOWER)])
def test_the_same_decisions_in_any_order_give_the_same_selection(
        tmp_path: Path, order: tuple[dict[str, object], ...]) -> None:
    folder = copy_call(tmp_path)
    record(folder, *order)
    r = scored(folder)
    assert money(r) == (99000, 1000)
    assert statuses(r, "D02", "D04", "D05", "D12") == {
        "D02": "retiré", "D04": "retenu", "D05": "retenu", "D12": "retenu"}
    [place] = r.freed_places
    assert (place["dossier"], place["available"], place["promoted"]) == (
        "D02", 13000, ("D04",))


def test_a_later_raise_of_a_held_dossier_is_spent_ahead_too(tmp_path: Path) -> None:
    """D02 withdraws, then the vote retains D07 (rural, scic) at 16 000 instead of 8 000:
    the place is offered 100 000 − (D01 20 000 + D03 15 000 + D05 20 000 + D07 16 000 +
    D09 14 000 + D10 5 000 = 90 000) = 10 000: D04 (12 000) does not fit, D12 (asso
    10 000: 45 000 + 10 000 ≤ 55 000) does: 100 000 committed, nothing left.  Before,
    D07 counted at the 8 000 it held at the withdrawal: 18 000 offered, D04 proposed,
    102 000 committed (an overrun no decision made)."""
    folder = copy_call(tmp_path)
    record(folder, WITHDRAW, {"dossier": "D07", "stage": "vote", "outcome": "retenu",
                              "amount": 16000, "at": "2027-03-20"})
    r = scored(folder)
    [place] = r.freed_places
    assert (place["available"], place["promoted"]) == (10000, ("D12",))
    assert money(r) == (100000, 0)
