"""Texts holding characters a workbook cannot hold (a vertical tab or a bell written as
YAML escapes in a dossier's title and in the call's) made `isgrid sheets` end in an
internal error (openpyxl's IllegalCharacterError): they are left out of the workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sheets_of_titles_with_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    _replace(folder / "dossiers" / "AL16-01.yaml", 'title: "Recyclerie solidaire du Sundgau"',
             'title: "Recyclerie\\vsolidaire\\a"')
    _replace(folder / "call.yaml", 'title: "Appel à projets', 'title: "\\vAppel à projets')
    run = CliRunner().invoke(cli, ["sheets", str(folder), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    book = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")
    titles = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True)}
    assert titles["AL16-01"] == "Recycleriesolidaire"
