"""The scale's levels in the workbook's Grille sheet: « 0 = non : description » with a
no-break space before the colon in French, and none in English (it wrote « 0 = non :
La condition… » in both: a space before a colon is wrong in English)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from isgrid.jury.sheets import write_sheets
from isgrid.jury.workbook import levels_text
from testpaths import EXAMPLES

#: alsace-aap-2016's yes/no scale, in its source's words (« : » inside its description too)
NON = "La condition n'est pas remplie : dossier irrecevable."
OUI = "La condition est remplie."


@pytest.mark.parametrize(("lang", "colon"), [("en", ": "), ("fr", "\u00a0: ")])
def test_a_level_s_description_follows_the_language_s_colon(lang: str, colon: str) -> None:
    scale = load_grid("alsace-aap-2016").grid.scales["ouinon"]
    # in French the description goes on the sentence: its first letter lowercase (pv-words)
    non, oui = (NON, OUI) if lang == "en" else ("l" + NON[1:], "l" + OUI[1:])
    # the level in the workbook's words: « no », « yes » in English, as its drop-down
    no, yes = ("no", "yes") if lang == "en" else ("non", "oui")
    assert levels_text(scale, lang) == f"0 = {no}{colon}{non}\n1 = {yes}{colon}{oui}"


def test_the_english_workbook_s_grid_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = load_call(folder)
    out = tmp_path / "out"
    write_sheets(call, out, lang="en")
    instructor = next(a.id for a in call.config.assessors or [] if a.role == "instructeur")
    wb = openpyxl.load_workbook(out / f"{instructor}.xlsx")
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if str(c.value).startswith("0 = no")]
    assert cells and all(c == f"0 = no: {NON}\n1 = yes: {OUI}" for c in cells), cells
