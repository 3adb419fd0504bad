"""A small scored call whose equal totals the call's tie-break parts, for the tie-step tests.

Two sections of one criterion each, on 0..4, equal weights: total = 100 x (Q1 + Q2) / 8.
The call's cascade (by default): the section « Besoin social » (highest first), then the
date of deposit (earliest first).  By hand:

    D1 (4, 4) 100    20 000 €  deposited 2026-02-12
    D2 (4, 2)  75    10 000 €  2026-02-18   besoin 4: first among the 75s
    D3 (3, 3)  75    10 000 €  2026-02-14   besoin 3: after D2 by the section
    D4 (3, 3)  75    10 000 €  2026-02-16   besoin 3 as D3: after it by the date
    D5 (3, 3)  75    10 000 €  2026-02-18   after D4 by the date
    D6 (2, 2)  50     5 000 €  2026-02-10

The ranking D1, D2, D3, D4, D5, D6 (ranks 1 to 6, no tie).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section

GRID = grid(
    "departage", "Grille de départage (test)",
    section("besoin", "Besoin social", criterion("Q1", "Utilité sociale")),
    section("faisabilite", "Faisabilité", criterion("Q2", "Faisabilité", dimension="D6")),
    head=SOURCES,
    facts="""\
  amount_requested: {type: number, unit: EUR}
  submitted_at: {type: date, label: Date de dépôt}
""")

CASCADE = [{"by": "section:besoin", "order": "desc"},
           {"by": "fact:submitted_at", "order": "asc"}]

#: id: (Q1, Q2, amount requested, date of deposit)
DOSSIERS: dict[str, tuple[int, int, int, str]] = {
    "D1": (4, 4, 20000, "2026-02-12"),
    "D2": (4, 2, 10000, "2026-02-18"),
    "D3": (3, 3, 10000, "2026-02-14"),
    "D4": (3, 3, 10000, "2026-02-16"),
    "D5": (3, 3, 10000, "2026-02-18"),
    "D6": (2, 2, 5000, "2026-02-10"),
}


def tie_call(tmp_path: Path, *, budget: int = 40000, reserve: int = 1,
             tie_breaks: list[dict[str, str]] | None = None, lang: str = "fr",
             dossiers: dict[str, tuple[int, int, int, str]] | None = None,
             name: str = "call") -> Path:
    """The call above: one juror, the budget and the reserve's length given."""
    config: dict[str, Any] = {
        "title": "AAP ex aequo (test)", "lang": lang,
        "assessors": [{"id": "j1", "name": "Mme Martin"}],
        "budget": budget, "selection": {"reserve": reserve},
        "tie_breaks": CASCADE if tie_breaks is None else tie_breaks}
    ds, ratings = [], []
    for did, (q1, q2, amount, date) in (dossiers or DOSSIERS).items():
        ds.append({"id": did, "title": f"Projet {did}", "amount_requested": amount,
                   "submitted_at": date})
        ratings += [(did, "j1", "Q1", q1), (did, "j1", "Q2", q2)]
    return make_call(tmp_path, GRID, config, ds, ratings, name=name)
