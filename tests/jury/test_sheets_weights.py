"""The « Grille » sheet of a juror's workbook says what each criterion weighs.

Its « Poids » column was empty for every shipped grid (found by the French-guide walk): it
showed a criterion's own ``weight`` only, which no shipped grid sets (their weights are on
the sections).  It now gives each criterion's share of the total, from the section and
criterion weights the grid declares (what the engine counts), the French way
(« 44,4 % »); an eliminatory criterion says it does not count; a grid that adds no points
(checklist, profile) has neither weights nor floors, and no such columns.

A weight its source does not publish says so (« 14,3 % (inféré) », « 33.3% (reconstructed) »,
and a note under the table names those criteria): every shipped scored grid's weights are
reconstructed or inferred, and the workbook showed them as if they were the call's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.load import load_call
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

NNBSP = "\u202f"
NBSP = "\u00a0"
CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "i1", "role": "instructeur"}]}
DOSSIERS = [{"id": "D1", "title": "Recyclerie"}]


def _guidance(path: Path) -> dict[str, dict[str, Any]]:
    """The criteria table of the workbook's guidance sheet: criterion id -> {header: cell}."""
    rows = _rows(path)
    at = next(i for i, r in enumerate(rows) if r[1] in ("Critère", "Criterion"))
    heads = [h for h in rows[at] if h is not None]
    return {r[1]: dict(zip(heads, r, strict=False)) for r in rows[at + 1:] if r[1]}


def _rows(path: Path) -> list[list[Any]]:
    wb = openpyxl.load_workbook(path)
    return [list(r) for r in wb[wb.sheetnames[1]].iter_rows(values_only=True)]


def _after_table(path: Path) -> list[str]:
    """The texts under the criteria table (column A, after its last criterion)."""
    rows = _rows(path)
    at = next(i for i, r in enumerate(rows) if r[1] in ("Critère", "Criterion"))
    last = max(i for i, r in enumerate(rows) if i > at and r[1])
    return [r[0] for r in rows[last + 1:] if r[0]]


def test_the_weight_column_gives_each_criterion_its_share_of_the_total(tmp_path: Path) -> None:
    # mini-scored: section « besoin » weight 2 holds B1 (weight 2) and B2 (weight 1);
    # section « impact » (weight 1) holds I1 and the eliminatory X1.
    # eff(B1) = 2 x 2/3 = 4/3, eff(B2) = 2 x 1/3 = 2/3, eff(I1) = 1 x 1/1 = 1; sum 3:
    # B1 = 4/9 = 44,44 %, B2 = 2/9 = 22,22 %, I1 = 1/3 = 33,33 %.
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "fr")
    j1 = _guidance(tmp_path / "fr" / "j1.xlsx")
    weight, floor = "Poids (part du total)", "Plancher"
    # its criteria are inferred (the fixture's own): so are their weights
    assert {cid: row[weight] for cid, row in j1.items()} == {
        "B1": f"44,4{NNBSP}% (inféré)", "B2": f"22,2{NNBSP}% (inféré)",
        "I1": f"33,3{NNBSP}% (inféré)"}
    # B1's floor is inferred too (``criteria.B1.floor: inferred``): it says so
    assert {cid: row[floor] for cid, row in j1.items()} == {
        "B1": "2 (inféré)", "B2": None, "I1": None}
    # the instructor's workbook holds the eliminatory condition its role rates, alone (the
    # jurors' criteria are not theirs): it weighs nothing
    i1 = _guidance(tmp_path / "fr" / "i1.xlsx")
    assert {cid: row[weight] for cid, row in i1.items()} == {"X1": "éliminatoire, hors total"}

    write_sheets(load_call(folder), tmp_path / "en", lang="en")
    en = _guidance(tmp_path / "en" / "j1.xlsx")
    assert {cid: row["Weight (share of the total)"] for cid, row in en.items()} == {
        "B1": "44.4% (inferred)", "B2": "22.2% (inferred)", "I1": "33.3% (inferred)"}
    en = _guidance(tmp_path / "en" / "i1.xlsx")
    assert {cid: row["Weight (share of the total)"] for cid, row in en.items()} == {
        "X1": "eliminatory, not in the total"}


def test_a_whole_share_has_no_decimal(tmp_path: Path) -> None:
    # two sections of weight 1: S (C1, C2, each weight 1) and T (C3): C1 = C2 = 1/2 x 1/2
    # = 25 %, C3 = 1/2 = 50 %; sourced criteria, equal weights: nothing said of them
    text = grid("entiers", "Parts entières",
                section("S", "Premier axe",
                        criterion("C1", "Un", provenance="sourced", source="T"),
                        criterion("C2", "Deux", provenance="sourced", source="T")),
                section("T", "Second axe",
                        criterion("C3", "Trois", provenance="sourced", source="T")))
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


def test_the_shipped_grids_inferred_weights_say_so(tmp_path: Path) -> None:
    """alsace-aap-2016 (examples/alsace-2016): its section weights are « choix isgrid »
    (``parameters: sections.<id>.weight: inferred``): seven rated criteria, 1/7 each."""
    write_sheets(load_call(EXAMPLES / "alsace-2016"), tmp_path / "fr")
    path = tmp_path / "fr" / "j1.xlsx"
    shares = {cid: row["Poids (part du total)"] for cid, row in _guidance(path).items()}
    assert shares == dict.fromkeys(
        ["AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5"],
        f"14,3{NNBSP}% (inféré)")
    assert _after_table(path) == [
        # AV-1.1 and AV-4.2's labels are reconstructed (test_criterion_provenance_mark.py):
        # their note says what the marks mean, the weights' then says « mêmes mentions »
        f"Libellés qui ne sont pas les mots de la source{NBSP}: «{NBSP}reconstitué{NBSP}», "
        f"rebâti à partir de sources partielles{NNBSP}; «{NBSP}inféré{NBSP}», un choix "
        f"d'isgrid ou de l'appel, sans source. Critères concernés{NBSP}: AV-1.1, AV-4.2.",
        f"Poids que la source ne publie pas (mêmes mentions){NBSP}: critères AV-1.1, ALS-2, "
        "ALS-3, ALS-4, AV-4.2, ALS-1, ALS-5.",  # its floors are inferred too (test_sheets_floors.py)
        f"Planchers que la source ne publie pas (mêmes mentions){NBSP}: critères AV-1.1, "
        "ALS-4."]
    write_sheets(load_call(EXAMPLES / "alsace-2016"), tmp_path / "en", lang="en")
    path = tmp_path / "en" / "j1.xlsx"
    assert {row["Weight (share of the total)"] for row in _guidance(path).values()} == {
        "14.3% (inferred)"}
    assert _after_table(path)[0].startswith("Labels that are not the source's words: ")
    assert _after_table(path)[1].startswith("Weights the source does not publish (the same "
                                            "marks): criteria AV-1.1, ")


def test_lfse_equal_weights_inferred_say_so(tmp_path: Path) -> None:
    """la-france-s-engage-2024 (examples/lfse-2024): three sourced criteria whose equal
    weights are isgrid's choice, inferred (``criteria.*.weight``; review s12 grids #4):
    1/3 each."""
    write_sheets(load_call(EXAMPLES / "lfse-2024"), tmp_path / "en", lang="en")
    path = tmp_path / "en" / "t1-1.xlsx"  # Anne Roussel, table 1
    assert {cid: row["Weight (share of the total)"] for cid, row in _guidance(path).items()} \
        == dict.fromkeys(["LFSE-1", "LFSE-2", "LFSE-3"], "33.3% (inferred)")
    assert _after_table(path) == [
        "Weights the source does not publish: “reconstructed”, rebuilt from partial sources; "
        "“inferred”, a choice of isgrid or of the call, with no source. Criteria concerned: "
        "LFSE-1, LFSE-2, LFSE-3."]


def test_sourced_weights_are_shown_as_they_are(tmp_path: Path) -> None:
    """The same shipped grid, its weights published by a source (a grid that extends it
    and says so): the shares alone, and no note. (No shipped scored grid has sourced
    weights: every one is reconstructed or inferred.)"""
    text = ("id: lfse-bareme\nversion: \"1\"\ntitle: Barème publié\n"
            "extends: la-france-s-engage-2024@1\n"
            "parameters:\n  criteria.*.weight: {status: sourced, source: LFSE}\n")
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    assert {cid: row["Poids (part du total)"] for cid, row in _guidance(path).items()} == \
        dict.fromkeys(["LFSE-1", "LFSE-2", "LFSE-3"], f"33,3{NNBSP}%")
    assert _after_table(path) == []
