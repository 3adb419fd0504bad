"""An instructor's workbook of an English call, filled in English (a review: 138 errors
« 'yes' is neither a value nor a label (non, oui) » on the eligibility rows, whose « share »
rows took yes/no).  The grid's labels stay « oui », « non » (its sources' words); an
English call reads « yes », « no » and « N.A. » too.  A French call's workbook as before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}


def _filled(tmp_path: Path, lang: str, values: list[str]) -> tuple[Path, Path]:
    """mini-scored's call in ``lang``, i1 (an instructor) rating X1 (oui/non) of D1, D2 with
    ``values``: the call folder and the workbook."""
    folder = make_call(tmp_path, "mini-scored", call={
        "lang": lang,
        "assessors": [{"id": "j1", "name": "Ann Lee"},
                      {"id": "i1", "name": "Programme Office", "role": "instructeur"}],
    }, dossiers=[{"id": "D1"} | ELIGIBLE, {"id": "D2"} | ELIGIBLE])
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, lang=lang)
    wb = openpyxl.load_workbook(out / "i1.xlsx")
    ws = wb.worksheets[0]
    col = next(c.column for c in ws[1] if str(c.value).startswith("X1"))
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 4).value in ("rating", "note")]
    for r, v in zip(rows, values, strict=True):
        ws.cell(r, col).value = v
    wb.save(out / "i1.xlsx")
    return folder, out / "i1.xlsx"


def test_yes_and_no_of_an_english_call_are_imported_as_its_levels(tmp_path: Path) -> None:
    folder, book = _filled(tmp_path, "en", ["yes", "No"])
    import_sheets(load_call(folder), [book])
    got = {(r.dossier, r.criterion): r.value for r in load_call(folder).ratings
           if r.assessor == "i1"}
    assert got == {("D1", "X1"): 1.0, ("D2", "X1"): 0.0}


def test_a_french_call_refuses_yes_as_before(tmp_path: Path) -> None:
    folder, book = _filled(tmp_path, "fr", ["yes", "non"])
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [book])
    (error,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert error.code == "value-out-of-scale"


@pytest.mark.parametrize("written", ["0", "de", ""])
def test_a_language_cell_edited_by_hand_is_read_as_the_call_s(tmp_path: Path,
                                                                written: str) -> None:
    """The hidden sheet's ``lang`` cell holding what is no language (« 0 », found by the
    fuzz test: the translator raised ValueError, a traceback) is read as the call's
    language: the English workbook's « yes » and « No » import as in an English call."""
    folder, book = _filled(tmp_path, "en", ["yes", "No"])
    wb = openpyxl.load_workbook(book)
    meta = wb["_isgrid"]
    (row,) = [r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "lang"]
    meta.cell(row, 2).value = written
    wb.save(book)
    import_sheets(load_call(folder), [book])
    got = {(r.dossier, r.criterion): r.value for r in load_call(folder).ratings
           if r.assessor == "i1"}
    assert got == {("D1", "X1"): 1.0, ("D2", "X1"): 0.0}
