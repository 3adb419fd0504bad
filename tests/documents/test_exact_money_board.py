"""The séance board, the PV and the CP annex say the engine's exact money: a running total
and what is left, per funded line, summed in decimal (engine.money), never in floats (a
review found a national call spent to the cent, whose float running total ended
3.7e-9 above the budget, shown « DÉPASSEMENT 0 € » in red on its last funded line, while
the engine said « reste 0 € »).

Worked by hand.  The grid of tests/zonecalls.py (total = 100 x (Q1 + Q2) / 8), no ranking
weights; three jurors rate each dossier alike:

    dossier  Q1 Q2  total  asks            running total    left (budget 9 000 000,60)
    A         4  4  100    1 000 000,10    1 000 000,10     8 000 000,50
    C         2  4   75    3 000 000,10    4 000 000,20     5 000 000,40
    G         2  3   62.5  5 000 000,40    9 000 000,60     0
    E         2  2   50       10 000,00    (left out: nothing left)

In floats, 1000000.1 + 3000000.1 + 5000000.4 is 9000000.600000001: 1.9e-9 above the
budget, past the board's old tolerance of 1e-9.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.documents.seance import build_seance
from isgrid.engine import score
from zonecalls import GRID

ASKS = {"A": ((4, 4), 1000000.10), "C": ((2, 4), 3000000.10), "G": ((2, 3), 5000000.40),
        "E": ((2, 2), 10000)}
SRC = Path(__file__).resolve().parents[2] / "src" / "isgrid" / "documents"


def cents_call(tmp_path: Path) -> Path:
    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": a}
          for d, (_, a) in ASKS.items()]
    ratings: list[Any] = []
    for d, ((q1, q2), _) in ASKS.items():
        for j in ("j1", "j2", "j3"):
            ratings += [(d, j, "Q1", q1), (d, j, "Q2", q2)]
    return make_call(tmp_path, GRID, {
        "title": "Enveloppe dépensée au centime (test)", "budget": 9000000.60,
        "assessors": [{"id": j} for j in ("j1", "j2", "j3")]}, ds, ratings)


def test_a_budget_spent_to_the_cent_leaves_zero_and_no_overrun(tmp_path: Path) -> None:
    assert 9000000.60 - (1000000.10 + 3000000.10 + 5000000.40) < -1e-9  # the float trap
    call = load_call(cents_call(tmp_path))
    result = score(call)
    now = result.current
    assert now is not None and now.selected == ("A", "C", "G")
    assert (now.committed, now.remaining) == (9000000.60, 0)
    board = build_seance(call, result, "fr")
    assert [(x.id, x.cumulative, x.left, x.over) for x in board.funded] == [
        ("A", 1000000.10, 8000000.50, False),
        ("C", 4000000.20, 5000000.40, False),
        ("G", 9000000.60, 0, False)]
    assert board.over is None and board.remaining == 0
    # the PV's figures and the CP annex's total: the same exact sums
    assert build_minutes(call, result, "cp-annex", "fr")["total"] == 9000000.60


#: a line that sums amounts itself: ``sum(float(…``, ``+= float(…``, ``sum(… amount …``
FLOAT_SUM = re.compile(r"sum\(float\(|\+= *float\(|\bsum\((?!1 for).*amount")
#: a template that sums amounts itself (Jinja's ``sum`` filter over an amount)
TEMPLATE_SUM = re.compile(r"\|\s*sum\b|\bsum\(.*amount")
PACKAGE = SRC.parent
TEMPLATES = PACKAGE.parents[1] / "templates"


def test_the_pattern_finds_a_float_sum() -> None:
    assert FLOAT_SUM.search("total = sum(float(x.amount) for x in rows)")
    assert FLOAT_SUM.search("        left += float(row['granted'])")
    assert FLOAT_SUM.search("spent = sum(d.amount for d in funded)")
    assert not FLOAT_SUM.search("n = sum(1 for d in funded if d.amount)")
    assert TEMPLATE_SUM.search("{{ rows|sum(attribute='amount') }}")


def test_no_document_page_or_workspace_sums_money_in_floats() -> None:
    # the engine's money (engine.money: add, less, Tally, held_total) is the one place
    # amounts are summed; a document, the watched board (web/) or the jurors' workspace
    # adding amounts itself drifts from it
    found = []
    for folder in ("documents", "web", "workspace"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if FLOAT_SUM.search(line):
                    found.append(f"{folder}/{path.name}:{n}: {line.strip()}")
    for path in sorted([*(PACKAGE / "workspace" / "templates").rglob("*.html"),
                        *TEMPLATES.rglob("*.j2")]):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TEMPLATE_SUM.search(line):
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert found == []
