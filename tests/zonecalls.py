"""A small scored call with floor-edge dossiers (the zone grise tests)."""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section

#: Q1 on 0..4 with a floor of 2, Q2 on 0..4 without one; total = 100 x (Q1 + Q2) / 8.
GRID = grid(
    "zone", "Grille zone grise (test)",
    section("projet", "Projet",
            criterion("Q1", "Utilité sociale", floor=2),
            criterion("Q2", "Faisabilité")),
    head=SOURCES,
    facts="""\
  amount_requested: {type: number, unit: EUR}
""")

#: dossier: (ratings of Q1 by j1, j2, j3; Q2 by all three; amount requested)
DOSSIERS = {
    # E: Q1 mean (2 + 2 + 2) / 3 = 2.0, exactly the floor; one juror one level lower,
    # (1 + 2 + 2) / 3 = 1.67 < 2: below the floor. A floor-edge dossier ("down").
    "E": ((2, 2, 2), (4, 4, 4), 10000),
    # S: Q1 mean (3 + 3 + 3) / 3 = 3.0; one juror lower: (2 + 3 + 3) / 3 = 2.67 >= 2: safe.
    "S": ((3, 3, 3), (2, 2, 2), 10000),
    # U: Q1 mean (1 + 2 + 2) / 3 = 1.67 < 2, below the floor; one juror one level higher,
    # (2 + 2 + 2) / 3 = 2.0: at the floor. A floor-edge dossier ("up").
    "U": ((1, 2, 2), (4, 4, 4), 10000),
    # F: Q1 mean (0 + 1 + 1) / 3 = 0.67; one juror higher: (1 + 1 + 1) / 3 = 1 < 2: not on
    # the edge.
    "F": ((0, 1, 1), (4, 4, 4), 10000),
    # T: Q1 mean 4, Q2 mean 4: total 100, safe on its floor.
    "T": ((4, 4, 4), (4, 4, 4), 10000),
}


def zone_call(tmp_path: Path, budget: int = 20000) -> Path:
    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": a}
          for d, (_, _, a) in DOSSIERS.items()]
    ratings = []
    for d, (q1, q2, _) in DOSSIERS.items():
        for k, j in enumerate(("j1", "j2", "j3")):
            ratings += [(d, j, "Q1", q1[k]), (d, j, "Q2", q2[k])]
    call = {"title": "Zone grise (test)", "budget": budget,
            "assessors": [{"id": j} for j in ("j1", "j2", "j3")]}
    return make_call(tmp_path, GRID, call, ds, ratings)
