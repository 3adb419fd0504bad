"""A small scored call for the decisions tests, and the scripted séance of issue 6.

Totals are out of 100 with two criteria on 0..4: total = 100 x (Q1 + Q2) / 8.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section

GRID = grid(
    "seance", "Grille de séance (test)",
    section("projet", "Projet",
            criterion("Q1", "Utilité sociale"),
            criterion("Q2", "Faisabilité", dimension="D6")),
    head=SOURCES,
    facts="""\
  amount_requested: {type: number, unit: EUR}
  eligible_costs: {type: number, unit: EUR}
  holder: {type: string}
  siret: {type: string}
  territory: {type: string}
  structure_type: {type: string}
  priority: {type: string}
""")

#: id: (Q1, Q2, amount requested, eligible costs, territory, structure type, priority)
DOSSIERS: dict[str, tuple[float, float, int, int, str, str, str]] = {
    "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
    "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
    "D3": (3, 3, 10000, 25000, "rural", "association", "mobilite"),
    "D4": (3, 3, 10000, 20000, "urbain", "scop", "emploi"),
    "D5": (2, 3, 8000, 16000, "rural", "association", "mobilite"),
    "D6": (2, 2, 5000, 10000, "rural", "scop", "emploi"),
}

MEETING: dict[str, Any] = {
    "date": "2026-03-12",
    "place": "Hôtel de Région, salle 2",
    "chair": "Mme Martin",
    "secretary": "M. Durand",
    "quorum": 3,
    "members": [
        {"name": "Mme Martin", "role": "présidente", "assessor": "j1"},
        {"name": "M. Petit", "assessor": "j2"},
        {"name": "Mme Roy"},
        {"name": "M. Blanc", "present": False},
    ],
    "interests": [{"member": "M. Petit", "dossier": "D4",
                   "text": "administrateur de la SCOP"}],
    "left_room": [{"member": "M. Petit", "dossier": "D4"}],
    "vote": {"body": "Commission permanente", "date": "2026-04-02",
             "reference": "CP-2026-04-117"},
    "attribuant": {"name": "Région Exemple", "siret": "23350001600040",
                   "dates_periode_versement": "2026-05-01/2026-12-31"},
}


def seance_call(tmp_path: Path, *, call: dict[str, Any] | None = None,
                dossiers: dict[str, tuple[float, float, int, int, str, str, str]] | None = None,
                name: str = "call") -> Path:
    """Six dossiers, two jurors who agree, a budget of 50 000 and a reserve of 2."""
    data = dossiers or DOSSIERS
    config: dict[str, Any] = {
        "title": "AAP Innovation sociale 2026 (test)",
        "assessors": [{"id": "j1", "name": "Mme Martin"}, {"id": "j2", "name": "M. Petit"}],
        "conflicts": [{"assessor": "j2", "dossier": "D4", "reason": "administrateur"}],
        "budget": 50000,
        "selection": {"reserve": 2},
        "meeting": MEETING,
    }
    config.update(call or {})
    ds = []
    ratings = []
    for did, (q1, q2, amount, costs, terr, stype, prio) in data.items():
        ds.append({"id": did, "title": f"Projet {did}", "amount_requested": amount,
                   "eligible_costs": costs, "holder": f"Structure {did}",
                   "siret": _siret(int(did[1:])), "territory": terr,
                   "structure_type": stype, "priority": prio})
        for a in ("j1", "j2"):
            if a == "j2" and did == "D4":
                continue
            ratings += [(did, a, "Q1", q1), (did, a, "Q2", q2)]
    return make_call(tmp_path, GRID, config, ds, ratings, name=name)


def _siret(n: int) -> str:
    """A SIRET whose check digit is right (Luhn): n's 13 digits, then the digit that makes
    the sum a multiple of 10 (the export refuses a wrong one)."""
    base = f"{n:013d}"
    for d in "0123456789":
        digits = [int(c) for c in base + d]
        total = sum((x * 2 - 9 if x * 2 > 9 else x * 2) if i % 2 else x
                    for i, x in enumerate(reversed(digits)))
        if total % 10 == 0:
            return base + d
    raise AssertionError(n)
