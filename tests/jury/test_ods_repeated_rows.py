"""A juror's .ods repeating a row that holds values (``table:number-rows-repeated``), or
a value along a row (``table:number-columns-repeated``), more than a workbook ever does
is refused at once at that row or cell, one diagnostic, never expanded (review s16
hostile, finding 10: a 35 KB file repeating a row 199,000 times took 8.5 s, 380 MB, and
said 199,000 duplicate-rating errors).  Calc's own repeats (a value typed under several
criteria side by side, the empty rows and cells to the sheet's edge) stay free."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from alsacebooks import alsace, workbook
from click.testing import CliRunner
from odsbooks import ods_cell, ods_of

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets

#: AL16-02's note row of j1's workbook (row 5): its id, title, file and kind, then AV-1.1
#: (column E) rated 3
NOTE_ROW = ["AL16-02", "Maison des aidants itinérante du Kochersberg", "dossiers/AL16-02.yaml",
            "note", 3]


def _book(tmp_path: Path, rows: dict[tuple[str, int], str] | None = None,
          cells: dict[tuple[str, str], str] | None = None) -> tuple[Path, Path]:
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    assert [c.value for c in wb["Notation"][5]][:4] == NOTE_ROW[:4]
    return folder, ods_of(path, tmp_path / "j1.ods", cells, rows)


def _refused(folder: Path, book: Path) -> list[tuple[str, str | None, str | None, str]]:
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [book])
    return [(d.code, d.location.sheet, d.location.cell, str(d.message))
            for d in exc.value.diagnostics]


def test_a_row_repeated_199000_times_is_refused_at_once(tmp_path: Path) -> None:
    row = ('<table:table-row table:number-rows-repeated="199000">'
           + "".join(ods_cell(v) for v in NOTE_ROW) + "</table:table-row>")
    folder, book = _book(tmp_path, rows={("Notation", 5): row})
    assert book.stat().st_size < 100_000
    start = time.perf_counter()
    found = _refused(folder, book)
    assert time.perf_counter() - start < 5
    assert found == [("duplicate-rating", "Notation", "A5",
                      "this row is repeated 199,000 times (rows 5 to 199,004): a juror's "
                      "workbook holds each of its rows and values once")]
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(book)])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{book}!Notation!A5 : cette ligne est répétée 199 000 fois (lignes 5 à 199 004) : "
            "le classeur d'un juré contient chacune de ses lignes et de ses valeurs une seule "
            "fois [duplicate-rating]") in said


def test_a_value_repeated_along_a_row_is_refused_at_once(tmp_path: Path) -> None:
    cell = ods_cell(3).replace("<table:table-cell ",
                               '<table:table-cell table:number-columns-repeated="900" ')
    folder, book = _book(tmp_path, cells={("Notation", "E5"): cell})
    assert _refused(folder, book) == [
        ("duplicate-rating", "Notation", "E5",
         "this cell's value is repeated in 900 columns (to AHT5): a juror's workbook holds "
         "each of its rows and values once")]  # E to column 904 = 1×676 + 8×26 + 20: AHT


def test_calc_s_own_repeats_are_read(tmp_path: Path) -> None:
    """« 3 » typed under three criteria side by side is one cell repeated thrice for Calc:
    three ratings; an empty row repeated 150,000 times (within a sheet's rows) costs nothing."""
    three = ods_cell(3).replace("<table:table-cell ",
                                '<table:table-cell table:number-columns-repeated="3" ')
    empty = ('<table:table-row table:number-rows-repeated="150000"><table:table-cell '
             'table:number-columns-repeated="1024"/></table:table-row>')
    row = ("<table:table-row>" + "".join(ods_cell(v) for v in NOTE_ROW[:4]) + three
           + "</table:table-row>" + empty)
    folder, book = _book(tmp_path, rows={("Notation", 5): row})
    import_sheets(load_call(folder), [book])
    lines = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["dossier,assessor,criterion,value,comment", "AL16-02,j1,AV-1.1,3,",
                     "AL16-02,j1,ALS-2,3,", "AL16-02,j1,ALS-3,3,"]


def _scratch(tmp_path: Path, sheet: str = "Mes calculs", header: list[str] | None = None
             ) -> tuple[Path, Path, Path]:
    """j1's workbook, AL16-02's AV-1.1 rated 3, plus a sheet ``sheet`` whose column A holds
    0 filled down over rows 1-201 (under ``header`` when given): the .xlsx, and the .ods
    Calc writes of it, the fill-down one row repeated 201 times."""

    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    wb["Notation"]["E5"] = 3
    ws = wb.create_sheet(sheet)
    start = 1
    if header:
        ws.append(header)
        start = 2
    for r in range(start, start + 201):
        ws.cell(r, 1, 0)
    wb.save(path)
    first = ('<table:table-row table:number-rows-repeated="201">' + ods_cell(0)
             + "</table:table-row>")
    rows = {(sheet, r): "" for r in range(start + 1, start + 201)}
    rows[(sheet, start)] = first
    return folder, path, ods_of(path, tmp_path / "j1.ods", rows=rows)


def test_a_sheet_of_the_juror_s_own_filled_down_is_not_read(tmp_path: Path) -> None:
    """Review s17 hostile, finding 5: « Mes calculs », a column of 0 filled down, refused the
    .ods whole (« this row is repeated 201 times ») where the same .xlsx imports.  isgrid
    reads no rating from it: its repeats are left unexpanded, both import AL16-02's 3."""
    folder, xlsx, ods = _scratch(tmp_path)
    for book in (xlsx, ods):
        report = import_sheets(load_call(folder), [book], replace=True)
        assert report.counts == {"j1": 1}
        assert not [d for d in report.warnings if d.code == "duplicate-rating"]
        assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
            "dossier,assessor,criterion,value,comment", "AL16-02,j1,AV-1.1,3,"]


def test_a_sheet_isgrid_reads_is_still_refused(tmp_path: Path) -> None:
    """A sheet whose header is the ratings' (a copy of Notation) is read, as in an .xlsx:
    its repeated row refused at once; so is one in ``_isgrid``."""
    folder, _, ods = _scratch(tmp_path / "copy", "Copie de Notation",
                              ["Dossier", "Titre", "Fichier du dossier", "Ligne"])
    assert _refused(folder, ods) == [
        ("duplicate-rating", "Copie de Notation", "A2",
         "this row is repeated 201 times (rows 2 to 202): a juror's workbook holds each of "
         "its rows and values once")]
    row = ('<table:table-row table:number-rows-repeated="150">'
           + ods_cell("format") + ods_cell("isgrid-sheets/2") + "</table:table-row>")
    folder, book = _book(tmp_path / "meta", rows={("_isgrid", 1): row})
    assert _refused(folder, book) == [
        ("duplicate-rating", "_isgrid", "A1",
         "this row is repeated 150 times (rows 1 to 150): a juror's workbook holds each of "
         "its rows and values once")]
