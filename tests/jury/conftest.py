"""Fixtures shared by the jury tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from faultruns import DATED, run
from testpaths import HOSTILE


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """j1's and j2's workbooks of the hostile base call (``isgrid sheets``), every B1 mark
    4 (the ratings files have other marks: an import changes the ranking) and a comment
    the files lack."""
    out = tmp_path_factory.mktemp("books")
    proc = run(DATED, "sheets", HOSTILE / "base", "-o", out)
    assert proc.returncode == 0, proc.stderr
    for aid in ("j1", "j2"):
        wb = openpyxl.load_workbook(out / f"{aid}.xlsx")
        ws = wb["Notation"]
        heads = [str(c.value) for c in ws[1]]
        col = next(i for i, h in enumerate(heads) if h.startswith("B1")) + 1
        fill = {"note": 4, "commentaire": f"commentaire de {aid}"}  # by row kind (column D)
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 4).value in fill:
                ws.cell(r, col).value = fill[ws.cell(r, 4).value]
        wb.save(out / f"{aid}.xlsx")
    return out
