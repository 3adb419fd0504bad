"""``call purge`` reads ``dossiers.xlsx`` streamed (review s16 hostile, 6: a dry run on a
30,000-row table loaded it whole, 460 MB): the dry run never loads the workbook whole,
and still says what ``--apply`` will (a part openpyxl drops, found by openpyxl's own
reader of the sheet run without its rows)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_purge_workbook import EMAIL, _book_call, _purge

from isgrid.call.purge_book_scan import sheet_frame

#: A data validation list of Excel 2010 (x14), which openpyxl drops when it loads a sheet
_X14 = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst></worksheet>')


def _whole_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = openpyxl.load_workbook

    def load(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, Path) and path.name == "dossiers.xlsx" and not kwargs.get(
                "read_only"):
            raise AssertionError("the dry run loaded the workbook whole")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)


def test_the_dry_run_never_loads_the_workbook_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    call = _book_call(tmp_path)
    _whole_refused(monkeypatch)
    res = _purge(call)
    assert res.exit_code == 0, res.output
    assert "would remove: Email, phone from dossiers.xlsx" in res.output, res.output


def test_a_part_openpyxl_drops_is_said_by_the_dry_run_as_by_apply(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    call = _book_call(tmp_path)
    book = call / "dossiers.xlsx"
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", _X14)
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    want = (f"Warning: {book}: the table of dossiers keeps the applicants' contact columns "
            "Email, phone: the purge does not rewrite this workbook, whose parts openpyxl "
            "does not read (Data Validation extension is not supported and will be removed) "
            "isgrid cannot write back [purge-name-left]")
    with monkeypatch.context() as m:
        _whole_refused(m)
        trial = _purge(call)
    assert want in trial.output.splitlines(), trial.output
    before = book.read_bytes()
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    assert want in res.output.splitlines(), res.output
    assert book.read_bytes() == before
    with zipfile.ZipFile(book) as z:
        assert EMAIL.encode() in z.read("xl/worksheets/sheet1.xml")


def test_a_sheets_frame_is_the_sheet_without_its_rows(tmp_path: Path) -> None:
    """Read in pieces of 1 MB: 5,000 rows of 30 texts are several pieces; what is around
    the rows is kept whole, the rows are not."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5000):
        ws.append([f"texte {j} du dossier {i}" for j in range(30)])
    ws.oddFooter.center.text = "Contact : 03 89 00 00 00"
    ws.merge_cells("A1:B1")
    path = tmp_path / "big.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        whole = z.read("xl/worksheets/sheet1.xml")
        assert len(whole) > 3 << 20
        frame = sheet_frame(z, "xl/worksheets/sheet1.xml")
    assert b"<row" not in frame and len(frame) < 2000
    assert re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData/>", whole, flags=re.S) == frame
