"""The zone grise (isgrid.analysis.zone): floor-edge dossiers worked out by hand
(tests/zonecalls.py), the line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section
from isgrid.analysis.zone import floor_edges, zone_grise
from isgrid.call.load import load_call
from isgrid.engine import score
from zonecalls import zone_call


def test_floor_edges_by_hand(tmp_path: Path) -> None:
    call = load_call(zone_call(tmp_path))
    edges = floor_edges(call, score(call))
    assert set(edges) == {"E", "U"}
    (e,) = edges["E"]
    assert (e.criterion, e.direction, e.floor) == ("Q1", "down", 2.0)
    assert abs((e.value or 0) - 2.0) < 1e-9 and abs((e.after or 0) - 5 / 3) < 1e-9
    (u,) = edges["U"]
    assert (u.criterion, u.direction) == ("Q1", "up")
    assert abs((u.value or 0) - 5 / 3) < 1e-9 and abs((u.after or 0) - 2.0) < 1e-9


def test_zone_grise_reasons(tmp_path: Path) -> None:
    # totals: T (4 + 4) -> 100, E (2 + 4) -> 75, S (3 + 2) -> 62.5; U and F miss the floor
    # (not ranked).  Budget 20 000 at 10 000 each: T and E funded, S first below the line.
    call = load_call(zone_call(tmp_path))
    result = score(call)
    zone = {g.id: g.reasons for g in zone_grise(call, result)}
    assert zone == {"E": ("line-above", "floor-edge"), "S": ("line-below",),
                    "U": ("floor-edge",)}


#: The zone call's grid with a threshold of 50: total = 100 x (Q1 + Q2) / 8.
THRESHOLD_GRID = grid(
    "zone-seuil", "Grille zone grise avec seuil (test)",
    section("projet", "Projet",
            criterion("Q1", "Utilité sociale", floor=2),
            criterion("Q2", "Faisabilité")),
    head=SOURCES + "threshold: 50\n",
    facts="""\
  amount_requested: {type: number, unit: EUR}
""")


def test_a_floor_crossing_counts_only_when_it_changes_the_outcome(tmp_path: Path) -> None:
    # A: Q1 (2, 2, 2) = 2.0 at the floor, Q2 (1, 1, 1): total 100 x 3 / 8 = 37.5 < 50, not
    #    ranked; one juror lower on Q1, 1.67 under the floor: still not ranked. Not on the edge.
    # B: Q1 (2, 2, 2) = 2.0, Q2 (4, 4, 4): total 75, ranked; one juror lower, 1.67: not
    #    ranked. On the edge ("down").
    # C: Q1 (1, 2, 2) = 1.67 under the floor, Q2 (1, 1, 1): one juror higher, Q1 2.0 and
    #    total 100 x 3 / 8 = 37.5 < 50: still not ranked. Not on the edge.
    # D: Q1 (1, 2, 2) = 1.67, Q2 (3, 3, 3): one juror higher, Q1 2.0, total
    #    100 x 5 / 8 = 62.5: ranked. On the edge ("up").
    cells = {"A": ((2, 2, 2), (1, 1, 1)), "B": ((2, 2, 2), (4, 4, 4)),
             "C": ((1, 2, 2), (1, 1, 1)), "D": ((1, 2, 2), (3, 3, 3))}
    rows = [(d, j, c, v[k]) for d, (q1, q2) in cells.items()
            for k, j in enumerate(("j1", "j2", "j3")) for c, v in (("Q1", q1), ("Q2", q2))]
    folder = make_call(tmp_path, THRESHOLD_GRID, {
        "title": "Zone grise, seuil (test)", "budget": 20000,
        "assessors": [{"id": j} for j in ("j1", "j2", "j3")]},
        [{"id": d, "title": f"Projet {d}", "amount_requested": 10000} for d in cells], rows)
    call = load_call(folder)
    result = score(call)
    assert {d.id for d in result.dossiers if d.rank is not None} == {"B"}
    edges = floor_edges(call, result)
    assert {d: [(e.criterion, e.direction) for e in es] for d, es in edges.items()} == {
        "B": [("Q1", "down")], "D": [("Q1", "up")]}
    assert {g.id for g in zone_grise(call, result) if "floor-edge" in g.reasons} == {"B", "D"}


# Two floor criteria (Q1 at 2, Q2 at 3) and one without (Q3), on 0..4, the mean of the
# ratings: a random call's floor edges against the rule worked out cell by cell below.
EDGE_GRID = grid(
    "zone2", "Grille zone grise, deux planchers (test)",
    section("projet", "Projet",
            criterion("Q1", "Utilité sociale", floor=2),
            criterion("Q2", "Faisabilité", floor=3),
            criterion("Q3", "Coopération")),
    head=SOURCES,
    facts="""\
  amount_requested: {type: number, unit: EUR}
""")


def _edges_by_the_rule(ratings: dict[tuple[str, str], list[int]]
                       ) -> dict[str, list[tuple[str, str, float, float]]]:
    """The floor edges of a call whose levels are 0..4 (one level is 1), by hand.

    The mean of a cell's n ratings moves by exactly 1/n when one rating moves one level,
    whichever rating it is: below its floor now, a rating under 4 moved up; at or above
    it, a rating over 0 moved down.  An edge when the floor's side changes and with it
    whether the dossier is ranked (no threshold: ranked when no floor fails), so never
    while the dossier's other floor fails."""
    floors = {"Q1": 2, "Q2": 3}
    out: dict[str, list[tuple[str, str, float, float]]] = {}
    for (d, c), values in sorted(ratings.items(), key=lambda x: (x[0][0], x[0][1])):
        floor = floors.get(c)
        if floor is None:
            continue
        other = next(o for o in floors if o != c)
        kept = ratings[(d, other)]
        if sum(kept) / len(kept) + 1e-9 < floors[other]:
            continue  # not ranked whichever side of this floor it is
        n = len(values)
        before = sum(values) / n
        fails = before + 1e-9 < floor
        movable = [v for v in values if (v < 4 if fails else v > 0)]
        if not movable:
            continue
        after = before + 1 / n if fails else before - 1 / n
        if (after + 1e-9 < floor) != fails:
            out.setdefault(d, []).append((c, "up" if fails else "down", before, after))
    return out


@pytest.mark.parametrize("at_once", [16_384, 1, 3])  # the variants aggregated together
@pytest.mark.parametrize("seed", range(12))
def test_floor_edges_follow_the_rule_on_random_calls(tmp_path: Path, seed: int, at_once: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import isgrid.analysis.zone as zone

    monkeypatch.setattr(zone, "_VARIANTS_AT_ONCE", at_once)
    rng = random.Random(seed)
    jurors = ["j1", "j2", "j3", "j4"]
    ratings: dict[tuple[str, str], list[int]] = {}
    rows = []
    dossiers = [f"D{i:02d}" for i in range(8)]
    for d in dossiers:
        for j in rng.sample(jurors, rng.choice((2, 3, 4))):
            for c in ("Q1", "Q2", "Q3"):
                v = rng.choice((0, 1, 2, 2, 3, 3, 4))
                ratings.setdefault((d, c), []).append(v)
                rows.append((d, j, c, v))
    folder = make_call(tmp_path, EDGE_GRID, {"title": "Zone (hasard)", "budget": 30000,
                                             "assessors": [{"id": j} for j in jurors]},
                       [{"id": d, "title": f"Projet {d}", "amount_requested": 10000}
                        for d in dossiers], rows)
    call = load_call(folder)
    got = {d: [(e.criterion, e.direction, e.value, e.after) for e in edges]
           for d, edges in floor_edges(call, score(call)).items()}
    want = _edges_by_the_rule(ratings)
    assert set(got) == set(want)
    for d, edges in want.items():
        assert [(c, w) for c, w, _, _ in got[d]] == [(c, w) for c, w, _, _ in edges]
        for (_, _, before, after), (_, _, b, a) in zip(got[d], edges, strict=True):
            assert before == pytest.approx(b, abs=1e-9)
            assert after == pytest.approx(a, abs=1e-9)
