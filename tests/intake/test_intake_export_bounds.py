"""``isgrid intake --from`` reads an XLSX or ODS export within the bounds of every workbook
isgrid reads (the hostile review's find): a 4.9 KB XLSX with one cell in XFD1048576 took
3 GB and ended in « internal error (MemoryError) », exit 3, and an ODS of 20,000,000 empty
rows packed 412 times took 1.8 GB.  Now the XLSX goes through
:func:`isgrid.io.xlsx.parse_xlsx_rows` (``sheets import``'s bounds) and the ODS's zip and
cells are checked against the same limits: exit 1, the place, a hint, in seconds, within
a memory limit set on the process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dnexport import export_sheets, make_intake_call, write_ods
from testpaths import ROOT

#: The address space allowed to the command (python, click, openpyxl import in ~300 MB;
#: the far cell took 3 GB before).
LIMIT = 1024 * 1024 * 1024

HINT = ("  Hint: A workbook may have at most 200,000 rows, 1,000 columns and 5,000,000 cells, "
        "and unpack to at most 512 MB: delete the rows and columns beyond the table and save "
        "it again.")


def _intake(call: Path, export: Path, limit: int = LIMIT) -> tuple[int, list[str], float]:
    """``isgrid intake CALL --from EXPORT --dry-run`` in a process limited to ``limit``
    bytes of address space."""
    code = (f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}));"
            " sys.argv = ['isgrid'] + sys.argv[1:]; from isgrid.cli.main import main; main()")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C", "LC_ALL": "C"}
    start = time.monotonic()
    res = subprocess.run([sys.executable, "-c", code, "intake", str(call), "--from", str(export),
                          "--dry-run"], capture_output=True, text=True, env=env, timeout=120)
    return res.returncode, (res.stdout + res.stderr).splitlines(), time.monotonic() - start


def _ods_with(path: Path, rows_xml: str, compression: int) -> Path:
    """The export as an ODS, ``rows_xml`` put before the Dossiers sheet's trailing rows."""
    plain = write_ods(path.with_suffix(".plain.ods"), export_sheets())
    with zipfile.ZipFile(plain) as zin:
        content = zin.read("content.xml").decode()
        trailing = content.index('<table:table-row table:number-rows-repeated="1048000">')
        content = content[:trailing] + rows_xml + content[trailing:]
        with zipfile.ZipFile(path, "w") as zout:
            for name in zin.namelist():
                zout.writestr(name, content if name == "content.xml" else zin.read(name),
                              compress_type=compression)
    return path


def test_an_xlsx_export_with_a_far_cell_is_refused_at_once(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    ws["A1"], ws["B1"], ws["XFD1048576"] = "ID", "Intitulé du projet", "x"
    export = tmp_path / "far.xlsx"
    wb.save(export)
    assert export.stat().st_size < 10_000
    code, lines, seconds = _intake(call, export)
    assert code == 1, lines
    assert lines == [f"Error: {export}!Dossiers: the sheet declares 1,048,576 rows and 16,384 "
                     "columns (up to XFD1048576) [xlsx-too-large]", HINT]
    assert seconds < 30
    assert sorted(p.name for p in call.iterdir()) == ["call.yaml", "grid.yaml"]


def test_a_highly_compressed_ods_export_is_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    export = _ods_with(tmp_path / "rows.ods", "<table:table-row/>" * 2_000_000,
                       zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(export) as zf:
        info = zf.getinfo("content.xml")
    # 18 bytes a row: 36 MB unpacked from some 90 KB, far beyond 250 times
    assert info.file_size > 36_000_000 and info.file_size > 250 * info.compress_size
    code, lines, seconds = _intake(call, export)
    assert code == 1, lines
    assert lines[0].startswith(f"Error: {export}: the part 'content.xml' unpacks ")
    assert lines[0].endswith(f" times its size ({info.file_size:,} bytes): a zip bomb "
                             "[xlsx-too-large]")
    assert lines[1:] == [HINT]
    assert seconds < 30


def test_an_ods_value_beyond_the_rows_of_a_sheet_is_refused_at_its_cell(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    header_and_dossiers = len(export_sheets()["Dossiers"])
    # the header and dossiers, 199,995 empty rows: the value is in row 200,001 when the
    # export has 5 rows before (the limit is 200,000 rows)
    empty = 200_000 - header_and_dossiers
    export = _ods_with(tmp_path / "far.ods",
                       f'<table:table-row table:number-rows-repeated="{empty}"/>'
                       '<table:table-row><table:table-cell/><table:table-cell '
                       'office:value-type="string"><text:p>x</text:p></table:table-cell>'
                       "</table:table-row>", zipfile.ZIP_DEFLATED)
    code, lines, _ = _intake(call, export)
    assert code == 1, lines
    assert lines == [f"Error: {export}!Dossiers!B200001: a cell lies beyond the limits of a "
                     "sheet [xlsx-too-large]", HINT]


def test_many_empty_ods_rows_cost_no_memory(tmp_path: Path) -> None:
    """2,000,000 empty rows stored unpacked (no zip bomb): read, and the export taken in,
    in 240 MB of address space (some 180 MB are needed: python, openpyxl, the 36 MB file;
    each cleared row was kept in the tree, and 300 MB were not enough)."""
    call = make_intake_call(tmp_path / "call")
    export = _ods_with(tmp_path / "stored.ods", "<table:table-row/>" * 2_000_000,
                       zipfile.ZIP_STORED)
    code, lines, _ = _intake(call, export, 240 * 1024 * 1024)
    assert code == 0, lines
    assert "3 new, 0 changed, 0 left the filter, 0 unchanged, 2 avis; 1 outside the filter, " \
        "not taken in" in lines


def test_an_internal_error_says_where_debug_goes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """« Run again with --debug »: ``isgrid intake … --debug`` answered « No such option »;
    the message now gives the command line to type."""
    from click.testing import CliRunner

    import isgrid.intake.export
    from isgrid.cli.main import cli

    call = make_intake_call(tmp_path / "call")
    export = write_ods(tmp_path / "e.ods", export_sheets())

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(isgrid.intake.export, "read_export", boom)
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", str(export)])
    assert res.exit_code == 3
    assert res.output.splitlines()[-1] == ("Error: internal error (RuntimeError: boom). Run "
                                           "again as isgrid --debug intake refresh … for "
                                           "details and report it.")
