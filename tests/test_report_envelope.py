"""The committee report's envelope ±10 % table (issue 6).

The quick re-walk over the ranking must agree with re-scoring each variant in full
(constraints.envelope_table), and the Alsace example is checked by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.calls import load_call
from isgrid.constraints import envelope_table
from isgrid.decisions import score_with_decisions
from isgrid.report.envelope import envelope_rows

ROOT = Path(__file__).resolve().parents[1]


def test_alsace_by_hand() -> None:
    # Budget 52,000: AL16-01 (27,000) and AL16-02 (24,000) fit; AL16-05 has no amount;
    # AL16-03 (15,000) does not fit in the 1,000 left and rank-order stops.
    # At 46,800: after AL16-01, 19,800 is left < 24,000: AL16-02 leaves.
    # At 57,200: 6,200 left after the two, AL16-03 still does not fit: nobody enters.
    call = load_call(ROOT / "examples" / "alsace-2016")
    env = envelope_rows(call, score_with_decisions(call))
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
    quick = envelope_rows(call, score_with_decisions(call))
    full = envelope_table(call, [])
    assert quick is not None and full is not None
    for q, f in zip(quick["rows"], full["rows"], strict=True):
        assert q["selected"] == f["selected"], (budget, q, f)
        assert q["enters"] == f["enters"] and q["leaves"] == f["leaves"]


def test_no_budget_no_table() -> None:
    call = load_call(ROOT / "examples" / "alterincub-2019")
    assert envelope_rows(call, score_with_decisions(call)) is None
