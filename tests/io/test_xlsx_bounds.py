"""Bounded workbook reading (isgrid.io.xlsx): far cells, zip bombs, too many cells.

The acceptance test of issue 18: ``isgrid sheets import`` of a workbook with one
value in XFD1048576, or of a zip bomb, fails with exit 1 in under 2 seconds of
work, in a process limited to 1 GB of address space (``RLIMIT_AS``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from isgrid.errors import Collector
from isgrid.io import xlsx
from isgrid.io.xlsx import parse_xlsx, read_xlsx
from testpaths import HOSTILE

GB = 1024**3


def small_workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Notation"
    ws.append(["dossier", "B1"])
    ws.append(["D01", 3])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def far_cell(lie: bool = False) -> bytes:
    """One value in XFD1048576 (openpyxl declares A1:XFD1048576; ``lie``: A1:B2)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Notation"
    ws.append(["dossier", "B1"])
    ws["XFD1048576"] = 1
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if not lie:
        return data
    return rewrite(data, "xl/worksheets/sheet1.xml",
                   lambda x: x.replace(b'ref="A1:XFD1048576"', b'ref="A1:B2"'))


def rewrite(data: bytes, member: str, edit: object) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                body = edit(body)  # type: ignore[operator]
            dst.writestr(info.filename, body)
    return out.getvalue()


def zip_bomb(rows: int = 800, per_row: int = 16_000) -> bytes:
    """A sheet of 12.8 million one-digit cells (190 MB of XML) in a zip of 200 KB."""
    data = small_workbook()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    row = b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxml'
                         b'formats.org/spreadsheetml/2006/main"><sheetData>')
                for _ in range(rows):
                    fh.write(row)
                fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "j1.xlsx"
    path.write_bytes(zip_bomb())
    return path


def diags_of(data: bytes) -> list[str]:
    d = Collector()
    assert parse_xlsx(data, "w.xlsx", d) is None
    return [x.format() for x in d.errors]


def test_a_far_cell_is_refused_by_its_declared_dimension() -> None:
    (msg,) = diags_of(far_cell())
    assert msg.startswith("Error: w.xlsx!Notation: the sheet declares 1,048,576 rows and "
                          "16,384 columns (up to XFD1048576) [xlsx-too-large]")


def test_a_far_cell_under_a_lying_dimension_is_refused_where_it_is() -> None:
    (msg,) = diags_of(far_cell(lie=True))
    assert msg.startswith("Error: w.xlsx!Notation!XFD1048576: a cell lies beyond the limits")


def test_a_zip_bomb_is_refused_before_unpacking(bomb: Path) -> None:
    (msg,) = diags_of(bomb.read_bytes())
    assert "a zip bomb" in msg and "[xlsx-too-large]" in msg


def test_the_cell_budget_counts_actual_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in range(1, 12):  # 11 rows of 3 cells = 33 cells
        ws.append([f"D{r}", r, r])
    buf = io.BytesIO()
    wb.save(buf)
    monkeypatch.setattr(xlsx, "XLSX_MAX_CELLS", 32)
    (msg,) = diags_of(buf.getvalue())
    # the budget (32) is spent at row 11 (30 cells before it, 33 with it)
    assert msg.startswith("Error: w.xlsx!Sheet!C11: the workbook holds more than 32 cells")
    monkeypatch.setattr(xlsx, "XLSX_MAX_CELLS", 33)
    d = Collector()
    tables = parse_xlsx(buf.getvalue(), "w.xlsx", d)
    assert tables is not None and len(tables["Sheet"].rows) == 10  # row 1 is the header


def test_a_normal_workbook_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    path.write_bytes(small_workbook())
    d = Collector()
    tables = read_xlsx(path, d)
    assert tables is not None and not d.items
    t = tables["Notation"]
    assert t.columns == ["dossier", "B1"]
    assert [r.values for r in t.rows] == [{"dossier": "D01", "B1": 3}]


def test_huge_and_infinite_numbers_in_cells_are_located() -> None:
    data = rewrite(small_workbook(), "xl/worksheets/sheet1.xml",
                   lambda x: x.replace(b"<v>3</v>", b"<v>1e400</v>"))
    d = Collector()
    tables = parse_xlsx(data, "w.xlsx", d)
    assert tables is not None
    assert [x.format().split(" [")[0] for x in d.errors] == [
        "Error: w.xlsx!Notation!B2: the cell holds inf, not a finite number"]
    big = "9" * 400
    data = rewrite(small_workbook(), "xl/worksheets/sheet1.xml",
                   lambda x: x.replace(b"<v>3</v>", f"<v>{big}</v>".encode()))
    d = Collector()
    tables = parse_xlsx(data, "w.xlsx", d)
    assert tables is not None and tables["Notation"].rows[0].values["B1"] == big


SCRIPT = textwrap.dedent("""
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from isgrid.cli.main import main
    sys.argv = ["isgrid", "sheets", "import", sys.argv[1], sys.argv[2]]
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        main()
    except SystemExit as exc:
        print(f"elapsed {{time.perf_counter() - t0:.3f}} cpu {{time.process_time() - c0:.3f}}",
              file=sys.stderr)
        raise
""")


@pytest.mark.parametrize("kind", ["far-cell", "far-cell-lying", "zip-bomb"])
def test_sheets_import_fails_fast_under_1_gb(tmp_path: Path, bomb: Path, kind: str) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    (call / "ratings" / "j1.csv").unlink()
    book = tmp_path / "j1.xlsx"
    if kind == "zip-bomb":
        shutil.copyfile(bomb, book)
    else:
        book.write_bytes(far_cell(lie=kind.endswith("lying")))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(limit=GB), str(call), str(book)],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "[xlsx-too-large]" in proc.stderr and "Traceback" not in proc.stderr
    # the work itself (the command, interpreter start-up aside) takes under 2 s of CPU;
    # wall time on a machine shared by many test runs only gets a loose bound
    times = proc.stderr.rsplit("elapsed ", 1)[1].split()
    elapsed, cpu = float(times[0]), float(times[2])
    assert cpu < 2.0, proc.stderr[-2000:]
    assert elapsed < 20.0, proc.stderr[-2000:]
    assert not (call / "ratings" / "j1.csv").exists()
