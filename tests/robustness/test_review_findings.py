"""Findings of the review of the speed rewrite, kept as regression tests.

Both bugs predated the rewrite: a dossier fact holding an integer beyond float
range (YAML reads 10**400 exactly) ended ``isgrid score`` with an internal error
(exit 3) when used as a tie-break or an amount.  Such a number is now a located
``fact-invalid`` error (exit 1), like ``.inf`` or ``1e400``.
"""

from __future__ import annotations

from pathlib import Path

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


def test_huge_integer_tie_break_fact_is_a_data_error(tmp_path: Path) -> None:
    code, out = _score(tmp_path, [f"score: {HUGE}\n", "score: 2.5\n"],
                       {"tie_breaks": [{"by": "fact:score"}]})
    assert code == 1, out
    assert "internal error" not in out and "[fact-invalid]" in out


def test_huge_integer_amount_is_a_data_error(tmp_path: Path) -> None:
    code, out = _score(tmp_path, [f"amount_requested: {HUGE}\n", "amount_requested: 1000\n"],
                       {"budget": 5000})
    assert code == 1, out
    assert "internal error" not in out and "[fact-invalid]" in out
