"""Two columns with the same label in a juror's workbook (review data22, item 2), as intake
says them in a platform's export (data21): the workbook's rows were keyed by label, so the
second column silently took the place of the first — a criterion's « la première en J1 »
named the second column twice, a second « Dossier » column read « D9 » as edited ids.  Said
with both header cells (« Notation!E1 et Notation!J1 »), sheet-twin-columns, where isgrid
reads that label; two columns of a label it does not read are left alone."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from odsbooks import ods_of

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets

NB = "\u00a0"
CALL = {"assessors": [{"id": "j1", "name": "Anne"}], "budget": 50000}
DOSSIERS = [{"id": f"D{i}", "title": f"Projet {i}", "amount_requested": 10000}
            for i in (1, 2)]
HINT = (f"  Indice{NB}: Supprimez l'une des deux colonnes (gardez celle qui porte les valeurs "
        "du juré), puis importez à nouveau le classeur.")


def _book(tmp_path: Path, layout: str) -> tuple[Path, Path, openpyxl.Workbook]:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out, only=["j1"], layout=layout)
    return folder, out / "j1.xlsx", openpyxl.load_workbook(out / "j1.xlsx")


def _import(folder: Path, book: Path) -> tuple[int, list[str]]:
    run = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(book)])
    return run.exit_code, run.output.splitlines()


# the rows layout's Notation sheet: A Dossier, B Titre, C Fichier, D Ligne, E B1, F B2, G I1,
# H Avis global, I Montant proposé (€); column J, added by hand, repeats one of their labels
@pytest.mark.parametrize(("copied", "cell", "label"), [
    (5, "E1", "B1 — Besoin social (inféré)"),   # a criterion: B1 read from J, not E
    (8, "H1", "Avis global"),
    (1, "A1", "Dossier"),                        # « D9 » in J: it was « dossier-id-edited »
    (2, "B1", "Titre"),                          # it was read silently from J
])
def test_twin_labels_of_the_rows_sheet_are_said_with_both_cells(
        tmp_path: Path, copied: int, cell: str, label: str) -> None:
    folder, book, wb = _book(tmp_path, "rows")
    ws = wb["Notation"]
    ws.cell(1, 10).value = ws.cell(1, copied).value
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 4).value == "note":
            for c in (5, 6, 7):
                ws.cell(r, c).value = "Moyen"
            ws.cell(r, 8).value = "favorable"
            ws.cell(r, 10).value = {5: "Faible", 8: "défavorable", 1: "D9", 2: "x"}[copied]
    wb.save(book)
    code, out = _import(folder, book)
    assert code == 1
    assert out == [
        f"Erreur{NB}: {book}!Notation!J1{NB}: les cellules d'en-tête Notation!{cell} et "
        f"Notation!J1 portent le même libellé «{NB}{label}{NB}»{NB}: isgrid lit une colonne "
        "par son libellé et ne peut pas savoir laquelle des deux lire [sheet-twin-columns]",
        HINT]
    assert not (folder / "ratings" / "j1.csv").exists()  # nothing imported


def test_a_twin_value_column_of_a_dossier_sheet(tmp_path: Path) -> None:
    """The per-dossier layout: A Dossier, B Titre, C Fichier, D Critère, E Note,
    F Commentaire, G À transmettre; a second « note » (case aside) in H, on D2's sheet."""
    folder, book, wb = _book(tmp_path, "per-dossier")
    ws = wb["D2"]
    ws.cell(1, 8).value = "note"
    ws.cell(2, 8).value = "Faible"
    wb.save(book)
    code, out = _import(folder, book)
    assert code == 1
    assert out[0] == (f"Erreur{NB}: {book}!D2!H1{NB}: les cellules d'en-tête D2!E1 et D2!H1 "
                      f"portent le même libellé «{NB}note{NB}»{NB}: isgrid lit une colonne "
                      "par son libellé et ne peut pas savoir laquelle des deux lire "
                      "[sheet-twin-columns]")


def test_twin_labels_isgrid_does_not_read_are_left_alone(tmp_path: Path) -> None:
    """Two « Remarques » columns the juror added beside a dossier sheet: not read, not said;
    the ratings imported as before (3 criteria × 2 dossiers = 6)."""
    folder, book, wb = _book(tmp_path, "per-dossier")
    for name in ("D1", "D2"):
        ws = wb[name]
        ws.cell(1, 8).value = ws.cell(1, 9).value = "Remarques"
        ws.cell(2, 8).value, ws.cell(2, 9).value = "à revoir", "vu"
        for r in (2, 3, 4):
            ws.cell(r, 5).value = "Moyen"
    wb.save(book)
    code, out = _import(folder, book)
    assert code == 0, out
    assert "sheet-twin-columns" not in "\n".join(out)
    assert f"j1{NB}: 6 notes" in out


def test_an_ods_says_it_too(tmp_path: Path) -> None:
    """The workbook saved as .ods by LibreOffice (read by isgrid.jury.odsbook): the same
    cells said."""
    folder, book, wb = _book(tmp_path, "rows")
    ws = wb["Notation"]
    ws.cell(1, 10).value = ws.cell(1, 8).value  # « Avis global » again, in J
    wb.save(book)
    ods = ods_of(book, tmp_path / "j1.ods")
    code, out = _import(folder, ods)
    assert code == 1
    assert out[0] == (f"Erreur{NB}: {ods}!Notation!J1{NB}: les cellules d'en-tête Notation!H1 "
                      f"et Notation!J1 portent le même libellé «{NB}Avis global{NB}»{NB}: "
                      "isgrid lit une colonne par son libellé et ne peut pas savoir laquelle "
                      "des deux lire [sheet-twin-columns]")
