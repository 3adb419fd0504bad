"""The jury's analyses run on every shipped example with a scored grid.

``calibrate`` and ``sensitivity`` re-score the call through the engine itself
(a Scenario): a rule that their former glue code missed (a ranked dossier whose
amount is unknown is neither selected nor refused) once made both commands
fail on the Alsace example. These tests keep them honest on real calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.analysis.rescoring import Rescorer
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from testpaths import EXAMPLES

EXAMPLES = EXAMPLES
SCORED = [p for p in sorted(EXAMPLES.iterdir())
          if (p / "call.yaml").is_file()
          and load_call(p).grid.grid.resolved_mode() == "scored"]


def test_there_are_scored_examples() -> None:
    assert [p.name for p in SCORED] == ["alsace-2016", "lfse-2024"]


@pytest.mark.parametrize("folder", SCORED, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["calibrate", "sensitivity"])
def test_analysis_runs(folder: Path, command: str) -> None:
    res = CliRunner().invoke(cli, [command, str(folder)])
    assert res.exit_code == 0, res.output
    assert "internal error" not in res.output


@pytest.mark.parametrize("folder", [EXAMPLES / "alsace-2016"], ids=lambda p: p.name)
def test_rescoring_reproduces_selected_null_for_unknown_amounts(folder: Path) -> None:
    call = load_call(folder)
    result = score(call)
    rs = Rescorer(call, result)
    base = rs.run(rs.base_values)  # through a scenario, the engine's proposal again
    assert base == rs.base
    unknown = [d.id for d in result.dossiers if d.status == "à vérifier"
               and d.rank is not None]
    assert unknown == ["AL16-05"]  # no eligible_costs under a funding rate (README)
    assert base.selected["AL16-05"] is None
    assert base.selected["AL16-01"] is True and base.selected["AL16-03"] is False


def test_analyses_and_records_see_the_journal_consensus(tmp_path: Path) -> None:
    """A consensus recorded in the journal changes totals for calibrate, sensitivity and
    the audit record, as it does for `isgrid score` (they once scored without it)."""
    import json
    import shutil

    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    runner = CliRunner()

    def near_total(dossier: str) -> float:
        res = runner.invoke(cli, ["sensitivity", str(folder), "--format", "json"])
        assert res.exit_code == 0, res.output
        data = json.loads(res.stdout)
        return next(d["total"] for d in data["near"] if d["id"] == dossier)

    before = near_total("AL16-02")
    res = runner.invoke(cli, ["consensus", "set", str(folder), "AL16-02", "ALS-2", "0",
                              "--by", "Mme Martin", "--reason", "revu en séance"])
    assert res.exit_code == 0, res.output
    scored = json.loads(runner.invoke(cli, ["score", str(folder), "--format", "json"]).stdout)
    total = next(d["total"] for d in scored["dossiers"] if d["id"] == "AL16-02")
    assert total < before  # the consensus 0 lowers the total in `isgrid score`...
    res = runner.invoke(cli, ["sensitivity", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    near = {d["id"]: d["total"] for d in json.loads(res.stdout)["near"]}
    assert near["AL16-02"] == total  # ...and in the sensitivity analysis
    res = runner.invoke(cli, ["calibrate", str(folder)])
    assert res.exit_code == 0, res.output
