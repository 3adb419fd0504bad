"""A juror's workbook written before the call's grid was reworded (a note, a label): it is
read as written, without sheet-grid-changed, even one whose _isgrid sheet records only
the whole grid's hash (what isgrid's table of its shipped grids knows, isgrid.grid.scoring);
a change of what scores that the workbook does not ask (a weight) is read as written, as
before, and one it asks (a level) is said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.jury import columns
from isgrid.jury.common import META_SHEET
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "j2"}], "budget": 50000}
DOSSIERS = [{"id": f"D{i}", "title": f"Projet {i}", "amount_requested": 10000}
            for i in (1, 2, 3)]


def _filled(folder: Path, out: Path) -> Path:
    """j1's workbook, every criterion of every dossier rated 3."""
    write_sheets(load_call(folder), out, only=["j1"])
    path = out / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    for r in range(2, ws.max_row + 1, 3):
        for c in (5, 6, 7):
            ws.cell(r, c).value = 3
        ws.cell(r, 8).value = "favorable"
    wb.save(path)
    return path


def _older_workbook(path: Path) -> None:
    """The workbook as an isgrid before the scoring hash, asks_sha256 and items wrote it:
    the whole grid's hash only."""
    wb = openpyxl.load_workbook(path)
    ws = wb[META_SHEET]
    for row in ws.iter_rows():
        if row[0].value in (columns.ASKS_KEY, columns.ITEMS_KEY, "grid_scoring_sha256"):
            row[0].value = row[1].value = None
    wb.save(path)


def _reword(folder: Path, old: str, new: str) -> None:
    grid = folder / "mini-scored.yaml"
    text = grid.read_text(encoding="utf-8")
    assert old in text
    grid.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def watched(monkeypatch: Any) -> list[int]:
    """Each time the import compares what the workbook asks with the grid."""
    seen: list[int] = []
    real = columns.grid_change

    def grid_change(*args: Any) -> None:
        seen.append(1)
        real(*args)

    monkeypatch.setattr(columns, "grid_change", grid_change)
    return seen


@pytest.mark.parametrize("older", [False, True])
def test_a_note_and_a_label_reworded_are_no_change_of_grid(
        tmp_path: Path, older: bool, watched: list[int], monkeypatch: Any) -> None:
    """``older``: the workbook holds the whole hash only, of a grid isgrid's table knows
    (as if mini-scored were a shipped grid, reworded by a newer isgrid)."""
    import isgrid.grid.scoring as scoring

    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    path = _filled(folder, tmp_path / "out")
    before = load_call(folder).grid
    if older:
        _older_workbook(path)
        monkeypatch.setattr(scoring, "past_hashes", lambda: {
            "mini-scored": {before.sha256: before.scoring_sha256}})
    _reword(folder, "title: Petite grille notée (test)",
            "title: Petite grille notée (test)\nnotes:\n  - Une note ajoutée.")
    _reword(folder, "label: Siège en Alsace", "label: Siège social en Alsace")
    call = load_call(folder)
    assert call.grid.sha256 != before.sha256
    assert call.grid.scoring_sha256 == before.scoring_sha256
    report = import_sheets(call, [path])
    assert [d.code for d in report.warnings] == []
    assert report.counts == {"j1": 9}  # 3 dossiers × 3 criteria
    assert watched == []  # not even compared: the grid scores as the workbook's did


def test_a_weight_changed_is_read_as_written_and_a_level_is_said(
        tmp_path: Path, watched: list[int]) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    path = _filled(folder, tmp_path / "out")
    doc = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    criterion = load_call(folder).grid.grid.criteria()[0]
    doc["set"] = {f"criteria.{criterion.id}.weight": (criterion.weight or 1) + 1}
    (folder / "call.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    report = import_sheets(load_call(folder), [path])
    assert watched == [1]  # the grid scores otherwise: what the workbook asks is compared
    assert [d.code for d in report.warnings] == []  # a weight is not asked: as before
    doc["set"] = {"scales.s04.na": False}
    (folder / "call.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    report = import_sheets(load_call(folder), [path])
    assert [d.code for d in report.warnings] == ["sheet-grid-changed"]


def test_an_older_workbook_of_a_grid_isgrid_does_not_know_is_compared_as_before(
        tmp_path: Path, watched: list[int]) -> None:
    """The whole hash only, of the call's own grid (not in isgrid's table): what it asks
    is compared with the grid, and a note reworded changed none of it."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    path = _filled(folder, tmp_path / "out")
    _older_workbook(path)
    _reword(folder, "label: Siège en Alsace", "label: Siège social en Alsace")
    report = import_sheets(load_call(folder), [path])
    assert watched == [1]
    assert [d.code for d in report.warnings] == []
