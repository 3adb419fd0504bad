"""One reading of the funding line: ``isgrid sensitivity`` takes the two dossiers either
side of it from the zone grise's rule (:func:`isgrid.analysis.zone.proposal_neighbours`,
:func:`~isgrid.analysis.zone.line_neighbours` on the same proposal), reads « non retenu »
as ``selected is False`` in the line value as in the dossiers always near (an « à
vérifier » dossier is neither), and says « pas de ligne » when every ranked dossier fits.

Small calls worked out by hand (grid of tests/zonecalls.py: total = 100 x (Q1 + Q2) / 8,
every juror rating a dossier alike, so that a total is read off its two ratings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from isgrid.analysis.sensitivity import analyse, sensitivity_data
from isgrid.analysis.text import sensitivity_text
from isgrid.analysis.zone import (
    ALL_FUNDED,
    line_neighbours,
    no_line,
    proposal_neighbours,
    zone_grise,
)
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from zonecalls import GRID

NBSP = "\u00a0"

#: dossier: (Q1, Q2, amount requested or None: the amount unknown, « à vérifier »)
#: T 100, V 87.5, E 75, S 62.5, R 50 points.
DOSSIERS: dict[str, tuple[int, int, int | None]] = {
    "T": (4, 4, 10000), "V": (4, 3, None), "E": (3, 3, 10000), "S": (3, 2, 10000),
    "R": (2, 2, 10000)}


def build(tmp_path: Path, budget: int | None,
          amounts: dict[str, int | None] | None = None, **extra: Any) -> tuple[Any, Result]:
    """The call of DOSSIERS (``amounts``: only these dossiers, asking these amounts)."""
    ds: list[dict[str, Any]] = []
    ratings = []
    for d, (q1, q2, a) in DOSSIERS.items():
        if amounts is not None:
            if d not in amounts:
                continue
            a = amounts[d]
        ds.append({"id": d, "title": f"Projet {d}"}
                  | ({"amount_requested": a} if a is not None else {}))
        for j in ("j1", "j2", "j3"):
            ratings += [(d, j, "Q1", q1), (d, j, "Q2", q2)]
    call_cfg: dict[str, Any] = {"title": "Ligne (test)",
                                "assessors": [{"id": j} for j in ("j1", "j2", "j3")]}
    if budget is not None:
        call_cfg["budget"] = budget
    call = load_call(make_call(tmp_path, GRID, call_cfg | extra, ds, ratings))
    return call, score(call)


def test_a_dossier_to_check_above_the_line_does_not_place_it(tmp_path: Path) -> None:
    # Budget 20 000 at 10 000 each: T (rank 1) taken; V (rank 2) has no amount: undecided
    # (« à vérifier »), the walk passes it; E (rank 3) taken, 20 000 spent; S (rank 4)
    # does not fit: the line is before rank 4.  Either side: E (75) and S (62.5).
    call, result = build(tmp_path, 20000)
    assert [(d.id, d.rank) for d in result.dossiers][:5] == [
        ("T", 1), ("V", 2), ("E", 3), ("S", 4), ("R", 5)]
    assert result.dossier("V").computed.selected is None
    assert line_neighbours(result) == proposal_neighbours(result) == ("E", "S")
    s = analyse(call, result)
    # the line value halfway between E and S: (75 + 62.5) / 2 = 68.75, not between E and
    # the undecided V above it (75 + 87.5) / 2 = 81.25
    assert s.line_value == pytest.approx(68.75)
    # near: E and S either side, V undecided; none else within 5 points of 68.75
    assert [n.id for n in s.near] == ["V", "E", "S"]
    assert s.no_line is None and sensitivity_data(s)["no_line"] is None


def test_the_dossiers_either_side_are_the_zone_rule_s(tmp_path: Path) -> None:
    # Rule skip, budget 25 000: T 10 000 taken; E asks 20 000, more than the 15 000 left:
    # skipped (not selected, above the line); S 10 000 taken (20 000 spent); R 10 000 does
    # not fit the 5 000 left: the line is before R (rank 4).  Either side: S and R, not E
    # (the highest total not selected, above the line).
    call, result = build(tmp_path, 25000, {"T": 10000, "E": 20000, "S": 10000, "R": 10000},
                         selection={"rule": "skip"})
    assert result.selection is not None and result.selection.line == 4
    assert result.selection.skipped == ("E",)
    assert line_neighbours(result) == proposal_neighbours(result) == ("S", "R")
    s = analyse(call, result)
    assert s.line_value == pytest.approx((62.5 + 50) / 2)
    # within 5 points of 56.25: none but S and R, always near
    assert [n.id for n in s.near] == ["S", "R"]


def test_every_ranked_dossier_funded_draws_no_line(tmp_path: Path) -> None:
    # Budget 100 000: T, E, S, R (40 000) all fit; V's amount is unknown (« à vérifier »).
    call, result = build(tmp_path, 100000)
    assert result.current is not None and result.current.line is None
    assert result.current.selected == ("T", "E", "S", "R")
    assert line_neighbours(result) == proposal_neighbours(result) == (None, None)
    why = no_line(result)
    assert why is not None and (why.why, why.waiting) == (ALL_FUNDED, ("V",))
    # nothing is « au-dessus de la ligne » in the zone grise: V is there to check, R
    # (Q1 2, 2, 2, at its floor of 2: one juror lower, 5/3) is one level from its floor,
    # and that is all (R was « dernier dossier au-dessus de la ligne » too)
    assert {g.id: g.reasons for g in zone_grise(call, result)} == {
        "V": ("to-check",), "R": ("floor-edge",)}
    s = analyse(call, result)
    assert s.line_value is None
    assert [n.id for n in s.near] == ["V"]  # undecided: the only one looked at
    assert sensitivity_data(s)["no_line"] == ALL_FUNDED
    assert sensitivity_text(s, "T", "fr").splitlines()[1] == (
        f"Pas de ligne de financement{NBSP}: tous les dossiers classés tiennent dans "
        f"l'enveloppe, aucun n'est au-dessus ni au-dessous d'une ligne. Reste à "
        f"vérifier{NBSP}: V. Seuls les dossiers indécis sont examinés.")
    assert sensitivity_text(s, "T", "en").splitlines()[1] == (
        "No funding line: every ranked dossier fits the budget, none is above or below a "
        "line. Still to check: V. Only the undecided dossiers are looked at.")


def test_top_without_a_line(tmp_path: Path) -> None:
    # top 6 without a budget: an amount does not matter (V is not « à vérifier »); the
    # five ranked dossiers all fit in the first 6
    _, result = build(tmp_path, None, selection={"top": 6})
    assert result.current is not None and result.current.line is None
    why = no_line(result)
    assert why is not None and why.why == ALL_FUNDED and why.top == 6
    assert why.text("fr") == (f"Pas de ligne de financement{NBSP}: tous les dossiers classés "
                              "entrent dans les 6 premiers, aucun n'est au-dessus ni "
                              "au-dessous d'une ligne.")
