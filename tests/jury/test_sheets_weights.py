"""The « Grille » sheet of a juror's workbook says what each criterion weighs.

Its « Poids » column was empty for every shipped grid (found by the French-guide walk): it
showed a criterion's own ``weight`` only, which no shipped grid sets (their weights are on
the sections).  It now gives each criterion's share of the total, from the section and
criterion weights the grid declares (what the engine counts), the French way
(« 44,4 % »); an eliminatory criterion says it does not count; a grid that adds no points
(checklist, profile) has neither weights nor floors, and no such columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.load import load_call
from isgrid.jury.sheets import write_sheets

NNBSP = "\u202f"
CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "i1", "role": "instructeur"}]}
DOSSIERS = [{"id": "D1", "title": "Recyclerie"}]


def _guidance(path: Path) -> dict[str, dict[str, Any]]:
    """The criteria table of the workbook's guidance sheet: criterion id -> {header: cell}."""
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[1] in ("Critère", "Criterion"))
    heads = [h for h in rows[at] if h is not None]
    return {r[1]: dict(zip(heads, r, strict=False)) for r in rows[at + 1:] if r[1]}


def test_the_weight_column_gives_each_criterion_its_share_of_the_total(tmp_path: Path) -> None:
    # mini-scored: section « besoin » weight 2 holds B1 (weight 2) and B2 (weight 1);
    # section « impact » (weight 1) holds I1 and the eliminatory X1.
    # eff(B1) = 2 x 2/3 = 4/3, eff(B2) = 2 x 1/3 = 2/3, eff(I1) = 1 x 1/1 = 1; sum 3:
    # B1 = 4/9 = 44,44 %, B2 = 2/9 = 22,22 %, I1 = 1/3 = 33,33 %.
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "fr")
    j1 = _guidance(tmp_path / "fr" / "j1.xlsx")
    weight, floor = "Poids (part du total)", "Plancher"
    assert {cid: row[weight] for cid, row in j1.items()} == {
        "B1": f"44,4{NNBSP}%", "B2": f"22,2{NNBSP}%", "I1": f"33,3{NNBSP}%"}
    assert {cid: row[floor] for cid, row in j1.items()} == {"B1": 2, "B2": None, "I1": None}
    # the instructor's workbook also has the eliminatory condition: it weighs nothing
    i1 = _guidance(tmp_path / "fr" / "i1.xlsx")
    assert i1["X1"][weight] == "éliminatoire, hors total"
    assert i1["B1"][weight] == f"44,4{NNBSP}%"

    write_sheets(load_call(folder), tmp_path / "en", lang="en")
    en = _guidance(tmp_path / "en" / "i1.xlsx")
    assert {cid: row["Weight (share of the total)"] for cid, row in en.items()} == {
        "B1": "44.4%", "B2": "22.2%", "I1": "33.3%", "X1": "eliminatory, not in the total"}


def test_a_whole_share_has_no_decimal(tmp_path: Path) -> None:
    # two sections of weight 1: S (C1, C2, each weight 1) and T (C3): C1 = C2 = 1/2 x 1/2
    # = 25 %, C3 = 1/2 = 50 %
    text = grid("entiers", "Parts entières",
                section("S", "Premier axe", criterion("C1", "Un"), criterion("C2", "Deux")),
                section("T", "Second axe", criterion("C3", "Trois")))
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    j1 = _guidance(tmp_path / "out" / "j1.xlsx")
    assert {cid: row["Poids (part du total)"] for cid, row in j1.items()} == {
        "C1": f"25{NNBSP}%", "C2": f"25{NNBSP}%", "C3": f"50{NNBSP}%"}


def test_a_grid_without_weights_has_no_weight_column(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-checklist", call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    j1 = _guidance(tmp_path / "out" / "j1.xlsx")
    assert set(j1) == {"S1", "S2", "C1"}
    assert list(j1["S1"]) == ["Axe", "Critère", "Libellé", "Question", "Ce que l'on regarde",
                              "Niveaux"]
