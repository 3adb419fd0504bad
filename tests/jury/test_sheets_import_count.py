"""The count ``isgrid sheets import`` prints for a juror is what it imported.

alsace-2016: j2 is déporté from AL16-01 (call.yaml's ``conflicts``) and
``ratings/j2.csv`` holds 49 rows: 7 on AL16-01 (rated before the déport), then 7
criteria on each of j2's 6 other dossiers (AL16-02 to -05, -07, -08), 42.  The
workbook leaves AL16-01 out; imported again with ``--replace`` (one rating changed), the
42 rows it holds are imported and the 7 under the déport are kept in the file as they
were (never counted).  The command said « j2: 49 ratings », counting the kept rows as
imported.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES


def test_replace_counts_the_ratings_imported_not_the_deport_rows_kept(
        tmp_path: Path) -> None:
    call = tmp_path / "alsace-2016"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    write_sheets(load_call(call), tmp_path / "out", only=["j2"])
    path = tmp_path / "out" / "j2.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    col = next(c.column for c in ws[1] if str(c.value).startswith("AV-1.1 "))
    assert (ws.cell(2, 1).value, ws.cell(2, 4).value) == ("AL16-02", "note")
    ws.cell(2, col).value = "Moyen"  # was « Bon » (3)
    wb.save(path)
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(call), str(path),
                                   "--replace"])
    assert res.exit_code == 0, res.output
    assert "j2: 42 ratings" in res.stdout.splitlines()
    lines = (call / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 7 + 42  # the header, the déport's rows kept, the imported
    assert "AL16-02,j2,AV-1.1,2," in lines
