"""``isgrid intake`` checks the facts it would write with the rule ``call check`` applies
(:func:`isgrid.call.dossier_facts.validate_facts`): a negative amount is refused at its
cell and nothing is written, where intake wrote ``amount_requested: -5000`` that every
later command refused (review data19, finding 8)."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_csv, write_xlsx
from isgrid.cli.main import cli


def test_a_negative_amount_is_refused_at_its_cell(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    rows = copy.deepcopy(DOSSIERS)
    rows[0]["amount_text"] = "-5 000"
    export = write_csv(tmp_path / "export.csv", rows)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 1, res.output
    # line 2 (the first dossier), column 15 (the amount, by hand from dnexport's header)
    assert "export.csv:2:15: amount_requested: -5000 is a negative amount [fact-invalid]" \
        in res.output, res.output
    assert not (call / "dossiers").exists() or not any((call / "dossiers").iterdir())


def test_a_negative_cost_in_a_workbook_is_said_at_its_cell(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    rows = copy.deepcopy(DOSSIERS)
    rows[1]["costs_text"] = "-40 000"
    export = write_xlsx(tmp_path / "export.xlsx", export_sheets(rows))
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 1, res.output
    # the second dossier's row is 3; « Dépenses éligibles (HT) » is the 16th column, P
    assert "export.xlsx!Dossiers!P3: eligible_costs: -40000 is a negative amount " \
           "[fact-invalid]" in res.output, res.output
    assert not (call / "dossiers").exists() or not any((call / "dossiers").iterdir())


def test_the_same_dossiers_pass_as_before(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    export = write_csv(tmp_path / "export.csv")
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    check = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(call)])
    assert "fact-invalid" not in check.output, check.output
