"""The levels a workbook's guidance sheet lists: a level's description after « : » starts
in lowercase in French, as the letters write a grid's label there (typography.continued):
it read « 0 = non : La condition n'est pas remplie : dossier irrecevable. »."""

from __future__ import annotations

from isgrid.grid.load import load_grid
from isgrid.jury.workbook import levels_text


def test_a_level_s_description_continues_the_line() -> None:
    grid = load_grid("alsace-aap-2016").grid
    assert levels_text(grid.scales["ouinon"], "fr") == (
        "0 = non\u00a0: la condition n'est pas remplie : dossier irrecevable.\n"
        "1 = oui\u00a0: la condition est remplie.")
    # English: the level's English word, as the drop-down lists it (« no », « yes »), the
    # description in the grid's words as they are (French in a French grid), « : » English
    assert levels_text(grid.scales["ouinon"], "en") == (
        "0 = no: La condition n'est pas remplie : dossier irrecevable.\n"
        "1 = yes: La condition est remplie.")
