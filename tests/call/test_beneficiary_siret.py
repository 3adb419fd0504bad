"""The beneficiary's SIRET (the fact ``meeting.attribuant.beneficiary_id`` names,
``siret`` by default) is checked by the SIRET's one rule (:func:`isgrid.call.siret.siret_valid`)
when it is taken in and at ``call check``: a warning ``siret-invalid`` at its place, where it
was found first by the open-data export, after the vote (review data19, finding 9); intake
writes its digits without their spaces."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, make_intake_call, write_csv
from isgrid.cli import cli
from testpaths import EXAMPLES

# 732 829 320 00075: the Luhn sum of its digits, by hand, is 49 (not a multiple of 10)
BAD = "732 829 320 00075"


def test_intake_writes_the_digits_and_warns_at_the_cell(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    rows = copy.deepcopy(DOSSIERS)
    rows[0]["siret"] = BAD
    rows[1]["siret"] = "987\u00a0654\u202f321 00023"  # a right one, typed with spaces
    export = write_csv(tmp_path / "export.csv", rows)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    # line 2, column 17 (« SIRET de la structure », by hand from dnexport's header)
    assert "export.csv:2:17: siret: 73282932000075 is not a SIRET: its check digit is " \
           "wrong (a digit mistyped?) [siret-invalid]" in res.output, res.output
    assert res.output.count("[siret-invalid]") == 1, res.output
    assert "siret: '73282932000075'" in (call / "dossiers" / "DN-101.yaml").read_text("utf-8")
    assert "siret: '98765432100023'" in (call / "dossiers" / "DN-102.yaml").read_text("utf-8")


def test_call_check_warns_at_the_file_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("  facts.siret: {type: string}\n")
    path = folder / "dossiers" / "AL16-01.yaml"
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8") as f:
        f.write(f"siret: {BAD}\n")
    line = text.count("\n") + 1
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert f"{path}:{line}:8 (siret): siret: {BAD} is not a SIRET: its check digit is wrong " \
           "(a digit mistyped?) [siret-invalid]" in res.output, res.output
    assert res.exit_code == 0, res.output  # a warning


def test_a_siret_typed_as_a_number_cell_is_checked_too(tmp_path: Path) -> None:
    from dnexport import export_sheets, write_xlsx

    call = make_intake_call(tmp_path / "call")
    rows = copy.deepcopy(DOSSIERS)
    rows[0]["siret"] = 73282932000075  # a number cell, its check digit wrong
    export = write_xlsx(tmp_path / "export.xlsx", export_sheets(rows))
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    # « SIRET de la structure » is the 17th column, Q; the first dossier's row is 2
    assert "export.xlsx!Dossiers!Q2: siret: 73282932000075 is not a SIRET: its check digit " \
           "is wrong (a digit mistyped?) [siret-invalid]" in res.output, res.output
