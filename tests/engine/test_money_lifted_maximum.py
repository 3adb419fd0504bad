"""A dossier a maximum kept off the reserve, let in by the place a withdrawal frees, is
proposed in it, and not called « (liste de réserve) » (review rev-money F8;
docs/decisions.md « Places freed »).

The call: tests/engine/moneycall.py; reserve D12, D16.  D04 (scop, rank 4, 12 000) was left
out by the scop maximum (D02, D03 held the two places), so it is not on the reserve.  D02
(scop, 15 000) withdraws: 100 000 − 82 000 = 18 000 for its place, scop has room again
(D03 alone): the walk over the ranked dossiers not selected, in rank order, takes D04 first
(better ranked than D12, 57,1): proposed, but it was not on the reserve when the place was
freed: ``offers[].reserve`` is empty and the commands and minutes say « D04 est proposé à
sa place », not « D04 (liste de réserve) ».  D09 (scic) withdrawing instead: 17 000 for its
place, scop still full (D04 blocked), asso 45 000 + 10 000 ≤ 55 000: D12, first on the
reserve, is proposed and is called so.
"""

from __future__ import annotations

from pathlib import Path

from moneycall import copy_call, record, scored

from isgrid.engine.places import PROPOSED, RESERVE, place_kind


def test_a_dossier_a_withdrawal_lets_past_a_maximum_is_not_called_reserve(
        tmp_path: Path) -> None:
    folder = copy_call(tmp_path)
    record(folder, {"kind": "withdrawal", "dossier": "D02"})
    r = scored(folder)
    [place] = r.freed_places
    assert (place["available"], place["promoted"], place["offers"][0]["reserve"]) == (
        18000, ("D04",), ())
    assert place_kind(place) == (PROPOSED, ("D04",))


def test_the_first_reserve_dossier_is_called_reserve(tmp_path: Path) -> None:
    folder = copy_call(tmp_path)
    record(folder, {"kind": "withdrawal", "dossier": "D09"})
    r = scored(folder)
    [place] = r.freed_places
    assert (place["available"], place["promoted"], place["offers"][0]["reserve"]) == (
        17000, ("D12",), ("D12",))
    assert place_kind(place) == (RESERVE, ("D12",))
