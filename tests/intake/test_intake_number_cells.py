"""An .xlsx export whose text facts' cells are numbers (a SIRET typed as a number when the
export was opened and saved in Excel, a département « 1 »): ``isgrid intake`` says it once a
column, at the first, as the readers of a table of dossiers do (``excel-mangled``, the same
function: :func:`isgrid.io.excel.excel_trace`); it said nothing (review excel, left over).
The values are taken as their digits, never changed."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from click.testing import CliRunner

from dnexport import DOSSIERS, LABELS, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli


def test_number_cells_of_text_facts_in_an_xlsx_export(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    saved = copy.deepcopy(DOSSIERS)
    saved[0]["siret"] = 12345678900015  # 101, row 2
    saved[2]["siret"] = 11122233300036  # 103, row 4
    saved[1]["departement"] = 67  # 102, row 3
    saved[3]["siret"] = 44455566600049  # 104 is refusé: not taken, not counted
    sheets = export_sheets(saved)
    header = sheets["Dossiers"][0]
    siret_col = chr(ord("A") + header.index(LABELS["siret"]))
    dep_col = chr(ord("A") + header.index(LABELS["departement"]))
    assert (siret_col, dep_col) == ("Q", "N")  # 17th and 14th columns
    export = write_xlsx(tmp_path / "export.xlsx", sheets)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    said = [line for line in res.output.splitlines() if "[excel-mangled]" in line]
    assert said == [
        f"Warning: {export}!Dossiers!Q2: {LABELS['siret']}: the cell is a number "
        f"(12345678900015) where a text is expected (number cells in this column: 2): a "
        f"spreadsheet may have dropped a leading zero [excel-mangled]",
        f"Warning: {export}!Dossiers!N3: {LABELS['departement']}: the cell is a number (67) "
        f"where a text is expected: a spreadsheet may have dropped a leading zero "
        f"[excel-mangled]",
    ], res.output
    files = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in (call / "dossiers").iterdir()}
    sirets = sorted(str(f.get("siret")) for f in files.values())
    assert sirets == ["11122233300036", "12345678900015", "98765432100023"], files
