"""The call of review rev-money (tests/fixtures/money-call), shared by the tests of its
portfolio constraints at the séance (tests/engine/test_money_*.py).

Grid alsace-aap-2016; budget 100 000 €; funding rate 0,5, cap 20 000, minimum 5 000,
round 100; rank-order, reserve 2; constraints: rural min 3, montagne min 1, scop max 2,
asso envelope max 55 000 €.  Proposed amounts (min(asked, 0,5 × costs, 20 000)):

    rank  id   terr.     struct.  proposed
     1    D01  urbain    asso     20 000
     2    D02  urbain    scop     15 000
     3    D03  urbain    scop     15 000
     4    D04  urbain    scop     12 000
     5    D05  rural     asso     20 000 (cap)
     6    D06  urbain    asso     unknown (no eligible costs)
     7    D07  rural     scic      8 000
     8    D08  urbain    asso     14 000  (tied with D09)
     8    D09  urbain    scic     14 000
    10    D10  rural     asso      5 000
    11    D11  montagne  asso      4 500 < minimum 5 000
    12    D12  urbain    asso     10 000
    13    D16  urbain    asso      7 000

The walk: rural minimum first, D05 20 000, D07 8 000, D10 5 000 (33 000, asso 25 000);
montagne: D11 alone, below the minimum grant: infeasible; then D01 (53 000, asso 45 000),
D02 (68 000, scop 1), D03 (83 000, scop 2), D04 blocked by scop, D06 unknown amount, D08
blocked by asso (45 000 + 14 000 > 55 000), D09 (97 000), D11 below minimum, D12 10 000 >
3 000 left: the line before rank 12.  Reserve D12, D16.  97 000 committed, 3 000 left.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from testpaths import FIXTURES

CALL = FIXTURES / "money-call"


def copy_call(tmp_path: Path, name: str = "appel") -> Path:
    """The call copied under ``tmp_path`` (change it with :func:`edit`)."""
    folder = tmp_path / name
    shutil.copytree(CALL, folder)
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    """call.yaml's text ``old`` replaced by ``new`` (once)."""
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def record(folder: Path, *entries: dict[str, Any]) -> None:
    """Journal entries appended in order (``kind`` decision unless given)."""
    for e in entries:
        e = dict(e)
        kind = e.pop("kind", "decision")
        append(folder, kind=kind, by=e.pop("by", "Jury"), reason=e.pop("reason", "r"),
               at=e.pop("at", "2027-03-10"), **e)


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def money(r: Result) -> tuple[float, float | None]:
    assert r.selection is not None
    return r.selection.decided.committed, r.selection.decided.remaining


def statuses(r: Result, *ids: str) -> dict[str, str]:
    return {d.id: str(d.status) for d in r.dossiers if d.id in ids}
