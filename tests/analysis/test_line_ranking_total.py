"""The funding line of ``isgrid sensitivity`` is measured on the ranking total when the
grid ranks with ranking weights: the line is drawn in the ranking's order, so its value is
halfway between the ranking totals of the two dossiers either side of it, and a dossier
is near it when its ranking total is within the margin (found by a review: on plain
totals, the line sat between two totals the ranking does not order, and a dossier the
ranking puts 12.5 points below it was called « near »).

Worked by hand.  The grid of tests/zonecalls.py (Q1 with a floor of 2, Q2, both 0..4),
Q1 given ``ranking_weight: 3``: total = 100 x (Q1 + Q2) / 8, ranking total =
100 x (3 Q1 + Q2) / 16; three jurors rate each dossier alike.

    dossier  Q1 Q2   total  ranking total
    A         4  4   100    100
    B         4  0    50     75
    C         2  4    75     62.5
    G         2  3    62.5   56.25
    E         2  2    50     50

Ranked by the ranking total: A, B, C, G, E.  Budget 20 000 at 10 000 each: A and B
funded; the line is between B (rank 2) and C (rank 3).  On the ranking total it is at
(75 + 62.5) / 2 = 68.75; within 5 points: nobody but B and C, always near (G at 56.25 is
12.5 below).  On plain totals it was (50 + 75) / 2 = 62.5, and G (62.5) « near ».
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from isgrid.analysis.sensitivity import analyse
from isgrid.call.load import load_call
from isgrid.engine import score
from zonecalls import GRID

WEIGHTED = GRID.replace("{id: Q1, label: Utilité sociale, scale: s04, floor: 2,",
                        "{id: Q1, label: Utilité sociale, scale: s04, floor: 2, "
                        "ranking_weight: 3,")
RATINGS = {"A": (4, 4), "B": (4, 0), "C": (2, 4), "G": (2, 3), "E": (2, 2)}


def test_the_line_is_measured_on_the_ranking_total(tmp_path: Path) -> None:
    assert WEIGHTED != GRID
    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": 10000} for d in RATINGS]
    ratings: list[Any] = []
    for d, (q1, q2) in RATINGS.items():
        for j in ("j1", "j2", "j3"):
            ratings += [(d, j, "Q1", q1), (d, j, "Q2", q2)]
    call = load_call(make_call(tmp_path, WEIGHTED, {
        "title": "Ligne au total de classement (test)", "budget": 20000,
        "assessors": [{"id": j} for j in ("j1", "j2", "j3")]}, ds, ratings))
    result = score(call)
    # the premise, by hand
    by = {d.id: d for d in result.dossiers}
    assert {d: by[d].total for d in RATINGS} == pytest.approx(
        {"A": 100, "B": 50, "C": 75, "G": 62.5, "E": 50})
    assert {d: by[d].ranking_total for d in RATINGS} == pytest.approx(
        {"A": 100, "B": 75, "C": 62.5, "G": 56.25, "E": 50})
    assert [(d.id, d.rank) for d in result.dossiers] == [
        ("A", 1), ("B", 2), ("C", 3), ("G", 4), ("E", 5)]
    s = analyse(call, result)
    assert s.line_value == pytest.approx(68.75)  # (75 + 62.5) / 2, not (50 + 75) / 2
    assert [n.id for n in s.near] == ["B", "C"]  # G is 12.5 below the line
    # the totals the report shows stay the totals
    assert [(n.id, n.total) for n in s.near] == [("B", 50), ("C", 75)]


def test_the_report_says_the_line_is_on_the_ranking_total(tmp_path: Path) -> None:
    from isgrid.analysis.text import sensitivity_text

    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": 10000} for d in RATINGS]
    ratings: list[Any] = [(d, j, q, v) for d, (q1, q2) in RATINGS.items()
                          for j in ("j1", "j2", "j3") for q, v in (("Q1", q1), ("Q2", q2))]
    call = load_call(make_call(tmp_path, WEIGHTED, {
        "title": "T", "budget": 20000, "assessors": [{"id": j} for j in ("j1", "j2", "j3")]},
        ds, ratings))
    s = analyse(call, score(call))
    fr = " ".join(sensitivity_text(s, "T", "fr").split())
    # 68.75 written to one decimal, as the report writes its line
    assert "68,8 points du total de classement" in fr, fr
    assert "dont le total de classement est à moins de 5,0 points" in fr
    en = " ".join(sensitivity_text(s, "T", "en").split())
    assert "68.8 points of the ranking total" in en, en


def test_the_committee_report_s_agenda_draws_the_same_line(tmp_path: Path) -> None:
    """The agenda's line (documents.agenda.line_value) and sensitivity's, before any
    decision, are the same: 68.75 on the ranking total."""
    from isgrid.documents.agenda import line_value

    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": 10000} for d in RATINGS]
    ratings: list[Any] = [(d, j, q, v) for d, (q1, q2) in RATINGS.items()
                          for j in ("j1", "j2", "j3") for q, v in (("Q1", q1), ("Q2", q2))]
    call = load_call(make_call(tmp_path, WEIGHTED, {
        "title": "T", "budget": 20000, "assessors": [{"id": j} for j in ("j1", "j2", "j3")]},
        ds, ratings))
    result = score(call)
    assert line_value(call.grid.grid, result) == pytest.approx(68.75)
    assert analyse(call, result).line_value == pytest.approx(68.75)
