"""Cells Excel rewrote in a juror's workbook (review excel, findings 3 and 12): a « 1/2 »
the spreadsheet kept as a date is said as the date it shows (« 01/02/2026 »), not as an
ISO timestamp nobody typed; a comment Excel turned into ``#NAME?`` is refused at its cell.

j1's workbook of the Alsace example: AL16-01's rows 2-4, criteria from column E (AV-1.1,
the 0-4 scale)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alsacebooks import alsace, refused, workbook

NB = "\u00a0"


def test_a_half_mark_excel_kept_as_a_date(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    ws = wb["Notation"]
    assert ws.cell(2, 4).value == "note"
    ws.cell(2, 5).value = dt.datetime(2026, 2, 1)  # « 1/2 » typed: 1 February
    ws.cell(2, 5).number_format = "dd/mm/yyyy"
    found = [d for d in refused(folder, path, wb) if d.severity == "error"]
    assert [(d.code, str(d.location)) for d in found] == [
        ("value-out-of-scale", f"{path}!Notation!E2")]
    text = found[0].format("fr")
    assert f"la cellule contient une date (01/02/2026){NB}: le tableur a pris la saisie pour " \
           "une date" in text, text
    assert "00:00:00" not in text and "2026-02-01" not in text


def test_a_comment_excel_turned_into_an_error_value(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    ws = wb["Notation"]
    ws.cell(2, 5).value = "Bon"
    ws.cell(3, 5).value = "#NAME?"  # the comment row of AL16-01, under AV-1.1
    assert ws.cell(3, 4).value == "commentaire" and ws.cell(3, 5).data_type == "e"
    found = [d for d in refused(folder, path, wb) if d.severity == "error"]
    assert [(d.code, str(d.location)) for d in found] == [
        ("excel-error-value", f"{path}!Notation!E3")]
