"""j1's (or another assessor's) workbook of the shipped Alsace example, to edit as a juror
would and import (the workbook tests of tests/jury: test_sheets_typed_input,
test_sheets_excel_cells).

j1's workbook holds AL16-01..05, 07 and 08, three rows each from row 2 (AL16-01 rows 2-4,
AL16-02 rows 5-7, AL16-03 rows 8-10), the seven juré criteria in columns E-K."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError, Diagnostic
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

KOCHERSBERG = "Maison des aidants itinérante du Kochersberg"  # AL16-02's title


def alsace(tmp_path: Path, *, same_title: bool = False) -> Path:
    """The Alsace example without j1's ratings; ``same_title``: AL16-03 bears AL16-02's
    title (a call's titles need not be unique: three « Épicerie solidaire » in a region)."""
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "ratings" / "j1.csv").unlink()
    if same_title:
        path = folder / "dossiers" / "AL16-03.yaml"
        text = path.read_text(encoding="utf-8")
        assert "title: \"Épicerie mobile bio de l'Outre-Forêt\"" in text
        path.write_text(text.replace("Épicerie mobile bio de l'Outre-Forêt", KOCHERSBERG),
                        encoding="utf-8")
    return folder


def workbook(folder: Path, aid: str = "j1") -> tuple[Path, openpyxl.Workbook]:
    out = folder.parent / "fiches"
    write_sheets(load_call(folder), out, only=[aid])
    path = out / f"{aid}.xlsx"
    return path, openpyxl.load_workbook(path)


def refused(folder: Path, path: Path, wb: openpyxl.Workbook, *,
            replace: bool = False) -> list[Diagnostic]:
    """``wb`` saved at ``path`` and imported into the call in ``folder``, which must refuse
    it: every diagnostic it gives."""
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path], replace=replace)
    return list(exc.value.diagnostics)
