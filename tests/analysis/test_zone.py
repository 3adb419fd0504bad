"""The zone grise (isgrid.analysis.zone): floor-edge dossiers worked out by hand
(tests/zonecalls.py), the line."""

from __future__ import annotations

from pathlib import Path

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
