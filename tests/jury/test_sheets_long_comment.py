"""A comment longer than a spreadsheet cell holds (32,767 characters): the workbook says
it is cut, and the unchanged workbook imported again leaves the whole comment where it
is, « inchangé » (review excel, finding 4: cut silently, then the cut text written over
the whole one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from isgrid.call.load import load_call
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

LONG = "Analyse détaillée du besoin. " * 1400  # 29 characters × 1,400 = 40,600


def test_a_long_comment_is_said_cut_and_kept_whole(tmp_path: Path) -> None:
    assert len(LONG) == 40_600
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    rfile = folder / "ratings" / "j1.csv"
    text = rfile.read_text(encoding="utf-8")
    first = "AL16-01,j1,AV-1.1,4,Aucune offre de réemploi dans le Sundgau ; besoin bien documenté."
    assert first in text
    rfile.write_text(text.replace(first, f"AL16-01,j1,AV-1.1,4,{LONG}"), encoding="utf-8")
    before = rfile.read_bytes()
    out = tmp_path / "fiches"
    write_sheets(load_call(folder), out, only=["j1"])
    ws = openpyxl.load_workbook(out / "j1.xlsx")["Notation"]
    assert (ws.cell(3, 4).value, ws.cell(3, 5).value[:29]) == ("commentaire", LONG[:29])
    shown = ws.cell(3, 5).value
    assert len(shown) == 32_767  # as much as a cell holds, the words of the cut included
    # the comment as the ratings file is read: 40,600 characters less its final space
    assert shown.endswith("(40599 caractères) reste dans le fichier des notes tant que cette "
                          "cellule n'est pas modifiée]")
    report = import_sheets(load_call(folder), [out / "j1.xlsx"], replace=True)
    assert report.unchanged == [rfile] and not report.written
    assert rfile.read_bytes() == before  # the whole comment, never the cut one
