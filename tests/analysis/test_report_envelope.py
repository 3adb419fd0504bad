"""The committee report's envelope ±10 % table (issue 6).

The table (:func:`isgrid.analysis.envelope.envelope_table`) re-walks the result's
ranked candidates; it must agree with scoring each variant in full (the engine with
another budget), and the Alsace example is checked by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.analysis.envelope import envelope_table
from isgrid.call.load import load_call
from isgrid.engine import Scenario, score
from testpaths import ROOT

ROOT = ROOT


def test_alsace_by_hand() -> None:
    # Budget 52,000: AL16-01 (27,000) and AL16-02 (24,000) fit; AL16-05 has no amount;
    # AL16-03 (15,000) does not fit in the 1,000 left and rank-order stops.
    # At 46,800: after AL16-01, 19,800 is left < 24,000: AL16-02 leaves.
    # At 57,200: 6,200 left after the two, AL16-03 still does not fit: nobody enters.
    call = load_call(ROOT / "examples" / "alsace-2016")
    env = envelope_table(score(call))
    assert env is not None
    rows = {r["budget"]: r for r in env["rows"]}
    assert set(rows) == {46800, 52000, 57200}
    assert rows[46800]["selected"] == ["AL16-01"] and rows[46800]["leaves"] == ["AL16-02"]
    assert rows[52000]["selected"] == ["AL16-01", "AL16-02"]
    assert rows[57200]["enters"] == [] and rows[57200]["leaves"] == []


@pytest.mark.parametrize("budget", [30000, 40000, 52000, 60000, 75000])
def test_quick_walk_equals_full_rescoring(tmp_path: Path, budget: int) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("budget: 52000", f"budget: {budget}"),
                                      encoding="utf-8")
    call = load_call(folder)
    quick = envelope_table(score(call))
    assert quick is not None
    for row in quick["rows"]:
        full = score(call, Scenario(budget=row["budget"], journal=()))
        assert full.selection is not None
        assert row["selected"] == list(full.selection.proposed.selected), (budget, row)


def test_decisions_do_not_move_the_envelope_table(tmp_path: Path) -> None:
    """The table is about the jury's proposal: a withdrawal changes the decided
    selection, not the rows."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    before = envelope_table(score(load_call(folder)))
    res = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "x"])
    assert res.exit_code == 0, res.output
    after = score(load_call(folder))
    assert after.current is not None and "AL16-02" not in after.current.selected
    assert envelope_table(after) == before


def test_no_budget_no_table() -> None:
    call = load_call(ROOT / "examples" / "alterincub-2019")
    assert envelope_table(score(call)) is None
