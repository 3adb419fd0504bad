"""A formula in any cell intake reads of an XLSX or ODS export (the title, an avis'
answer or question, the dossier number, its state, a block's dossier number) is refused
at its cell, « the cell holds a formula », as a fact's is, and nothing is written; no
message shows a Python object (review data19, finding 2: the title and the avis were
written as ``<isgrid.intake.sheets.Formula object at 0x…>``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dnexport import export_sheets, make_intake_call, write_ods, write_xlsx
from isgrid.cli.main import cli


def _intake(tmp_path: Path, sheets: dict, ods: bool = False) -> tuple[Path, str, int]:
    call = make_intake_call(tmp_path / "call")
    path = tmp_path / ("export.ods" if ods else "export.xlsx")
    if ods:  # the formula as LibreOffice writes it: table:formula beside a cached value
        write_ods(path, sheets)
    else:
        write_xlsx(path, sheets)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(path)])
    return call, res.output, res.exit_code


def _nothing_written(call: Path) -> bool:
    return not (call / "dossiers").exists() or not any((call / "dossiers").iterdir())


@pytest.mark.parametrize(("sheet", "row", "col", "cell", "label"), [
    ("Dossiers", 2, 12, "M3", "Intitulé du projet"),
    ("Avis", 1, 2, "C2", "Réponse"),
    ("Avis", 1, 3, "D2", "Question"),
    ("Dossiers", 1, 0, "A2", "ID"),
    ("Dossiers", 1, 5, "F2", "État du dossier"),
    ("(rep123) Partenaires du projet", 1, 0, "A2", "Dossier ID"),
])
def test_a_formula_cell_is_refused_at_its_cell(tmp_path: Path, sheet: str, row: int,
                                               col: int, cell: str, label: str) -> None:
    sheets = export_sheets()
    name = next(n for n in sheets if n == sheet or (sheet.startswith("(") and n.startswith("(")))
    sheets[name][row][col] = '=HYPERLINK("http://evil","clic")'
    call, out, code = _intake(tmp_path, sheets)
    assert code == 1, out
    assert f"!{cell}: {label}: the cell holds a formula " \
           "('=HYPERLINK(\"http://evil\",\"clic\")') [intake-value]" in out, out
    assert "object at 0x" not in out and "Formula" not in out, out
    assert _nothing_written(call)


def test_an_ods_title_formula_is_refused(tmp_path: Path) -> None:
    sheets = export_sheets()
    sheets["Dossiers"][1][12] = "=B2"
    path = write_ods(tmp_path / "e.ods", sheets)
    # the test's writer makes strings; a formula cell is one with table:formula
    data = path.read_bytes()
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = zf.read("content.xml").decode()
    content = content.replace('<table:table-cell office:value-type="string"><text:p>=B2',
                              '<table:table-cell table:formula="of:=[.B2]" '
                              'office:value-type="string"><text:p>=B2', 1)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    call = make_intake_call(tmp_path / "call")
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(path)])
    assert res.exit_code == 1, res.output
    assert "e.ods!Dossiers!M2: Intitulé du projet: the cell holds a formula " \
           "('of:=[.B2]') [intake-value]" in res.output, res.output
    assert _nothing_written(call)


def test_an_empty_dossier_number_is_said_empty(tmp_path: Path) -> None:
    sheets = export_sheets()
    sheets["Dossiers"][1][0] = None
    call, out, code = _intake(tmp_path, sheets)
    assert code == 1, out
    assert "export.xlsx!Dossiers!A2: the dossier number is empty [intake-value]" in out, out
    assert "None" not in out, out
    assert _nothing_written(call)
