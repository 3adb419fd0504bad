"""Two columns a juror's workbook reads as one value under different labels (« Montant
proposé (€) » and a « Montant demandé » added beside it: both read as the amount): the
import says which, by the label the juror sees, « deux colonnes pour « Montant proposé (€) »
(la première en I1) », where it said isgrid's own word, « deux colonnes pour amount »."""

from __future__ import annotations

from pathlib import Path

from test_sheets_twin_columns import _book, _import

NB = "\u00a0"


def test_a_second_amount_column_is_said_by_the_first_ones_label(tmp_path: Path) -> None:
    folder, book, wb = _book(tmp_path, "rows")
    ws = wb["Notation"]
    assert ws.cell(1, 9).value == "Montant proposé (€)"  # column I, the sheet's own
    ws.cell(1, 10).value = "Montant demandé"  # column J, added by the juror
    wb.save(book)
    code, lines = _import(folder, book)
    assert code != 0
    said = [line for line in lines if "deux colonnes" in line]
    assert said and said[0].endswith(
        f"Notation!J1{NB}: deux colonnes pour «{NB}Montant proposé (€){NB}» (la première en I1) "
        "[duplicate-rating]"), lines
    assert not any("pour amount" in line or "pour opinion" in line for line in lines)
