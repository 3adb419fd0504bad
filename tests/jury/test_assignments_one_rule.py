"""``assignments.csv`` is checked by one rule wherever it is read: ``call check`` (the
loader) refuses what ``isgrid sheets`` refuses, at the same place (review excel, finding 8:
« ok » from call check, then an unknown juror and dossier from sheets)."""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from isgrid.call.assignments import assignment_pairs
from isgrid.call.load import load_call
from isgrid.errors import Collector

DOSSIERS = [{"id": f"D{i}", "region": "Alsace", "submitted_at": "2026-01-10"} for i in (1, 2)]
ASSESSORS = {"assessors": [{"id": "j1"}, {"id": "j2"}]}


def test_excel_s_trailing_columns_load(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=ASSESSORS, dossiers=DOSSIERS)
    (folder / "assignments.csv").write_bytes(
        b"dossier;assessor;;\r\nD1;j1;;\r\nD2;j2;;\r\n")
    call = load_call(folder)
    assert not [d for d in call.warnings if d.code.startswith(("csv-", "unknown-"))]


def test_an_unknown_juror_and_dossier_are_said_by_the_loader(tmp_path: Path) -> None:
    """Warnings when the call loads (call check, and isgrid assign, which keeps such rows),
    at the places isgrid sheets refuses them."""
    folder = make_call(tmp_path, "mini-scored", call=ASSESSORS, dossiers=DOSSIERS)
    path = folder / "assignments.csv"
    path.write_bytes(b"dossier;assessor\r\nD1;j1\r\nD1;j9\r\nD-2;j2\r\n")
    call = load_call(folder)
    said = [(d.code, str(d.location)) for d in call.warnings
            if d.code.startswith("unknown-")]
    # line 3, column 2: j9; line 4, column 1: D-2
    expected = [("unknown-assessor", f"{path}:3:2"), ("unknown-dossier", f"{path}:4:1")]
    assert said == expected
    assert all("isgrid sheets" in str(d.hint) for d in call.warnings
               if d.code.startswith("unknown-"))
    # the jury's reader (isgrid sheets, the workspace) says the same, by the same function
    diags = Collector()
    assert assignment_pairs(path, {"D1", "D2"}, {"j1", "j2"}, diags) == [("j1", "D1")]
    assert [(d.code, str(d.location)) for d in diags.items] == expected
