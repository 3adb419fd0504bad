"""Findings of the review of the speed rewrite (documented bugs, expected to fail).

Each test is marked ``xfail(strict=True)``: it fails while the bug is there and
turns the suite red once it is fixed (then drop the marker).  Both bugs predate
the rewrite (the old code of 2182a26 fails the same way) but sit in code it
touched: a dossier fact holding an integer beyond float range ends ``isgrid
score`` with an internal error (exit 3) instead of a located data error (exit 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section
from isgrid.cli import cli

GRID = grid("huge", "Grille (faits immenses)", section("S", "Axe", criterion("C", "Critère")),
            head=SOURCES,
            facts="  score: {type: number}\n  amount_requested: {type: number, unit: EUR}\n")
HUGE = "1" + "0" * 400  # an integer YAML reads exactly, beyond float range


def _score(tmp_path: Path, facts: list[str], call: dict[str, object]) -> tuple[int, str]:
    dossiers = [f"id: D{i}\ntitle: Dossier {i}\n{f}" for i, f in enumerate(facts)]
    folder = make_call(tmp_path, GRID, call=call, dossiers=dossiers,
                       ratings=[(f"D{i}", "j1", "C", "3") for i in range(len(facts))])
    res = CliRunner().invoke(cli, ["score", str(folder)])
    return res.exit_code, res.output


@pytest.mark.xfail(strict=True, reason="select.py:60 _tie_cmp: abs(x - y) on a huge int fact "
                   "raises OverflowError -> internal error, exit 3")
def test_huge_integer_tie_break_fact_is_a_data_error(tmp_path: Path) -> None:
    code, out = _score(tmp_path, [f"score: {HUGE}\n", "score: 2.5\n"],
                       {"tie_breaks": [{"by": "fact:score"}]})
    assert code in (0, 1), out
    assert "internal error" not in out


@pytest.mark.xfail(strict=True, reason="money.py:30 float(raw) on a huge int amount_requested "
                   "raises OverflowError -> internal error, exit 3")
def test_huge_integer_amount_is_a_data_error(tmp_path: Path) -> None:
    code, out = _score(tmp_path, [f"amount_requested: {HUGE}\n", "amount_requested: 1000\n"],
                       {"budget": 5000})
    assert code in (0, 1), out
    assert "internal error" not in out
