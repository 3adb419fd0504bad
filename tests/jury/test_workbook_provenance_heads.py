"""The rating sheets' column heads (and the per-dossier sheets' item labels) carry the
provenance mark the ``Grille`` sheet gives a criterion whose wording is not the source's
(« reconstitué », « inféré »: :func:`isgrid.grid.provenance.criterion_mark`): they showed
the bare label, as if it were the published grid's words.  ``sheets import`` still finds
every column: it reads the id before the dash.

alsace-2016: AV-1.1 and AV-4.2 are reconstructed, the ALS-* criteria sourced.  j2 gave
AL16-02 AV-1.1 = 3, ALS-2 = 4, AV-4.2 = 3 (ratings/j2.csv); the test writes « Moyen »
(2) in AV-1.1 and AV-4.2 and « Faible » (1) in ALS-2, then imports the workbook back."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    call = tmp_path / "alsace-2016"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    return call


def _labels(call: Path) -> dict[str, str]:
    return {c.id: c.label for c in load_call(call).grid.grid.criteria()}


def _import(call: Path, path: Path) -> list[str]:
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(call), str(path),
                                   "--replace"])
    assert res.exit_code == 0, res.output
    assert "j2: 42 ratings" in res.stdout.splitlines()
    return (call / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines()


def test_the_rows_layout_heads_say_it_and_import_back(tmp_path: Path) -> None:
    call = _call(tmp_path)
    label = _labels(call)
    write_sheets(load_call(call), tmp_path / "out", only=["j2"])
    path = tmp_path / "out" / "j2.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    heads = [c.value for c in ws[1]]
    assert heads[4:11] == [
        f"AV-1.1 — {label['AV-1.1']} (reconstitué)", f"ALS-2 — {label['ALS-2']}",
        f"ALS-3 — {label['ALS-3']}", f"ALS-4 — {label['ALS-4']}",
        f"AV-4.2 — {label['AV-4.2']} (reconstitué)", f"ALS-1 — {label['ALS-1']}",
        f"ALS-5 — {label['ALS-5']}"]
    # the Grille sheet marks the same two, with the same word
    grille = [r for r in wb["Grille"].iter_rows(values_only=True) if r[1] in label]
    assert [r[1] for r in grille if str(r[2]).endswith("(reconstitué)")] == ["AV-1.1", "AV-4.2"]
    assert (ws.cell(2, 1).value, ws.cell(2, 4).value) == ("AL16-02", "note")
    ws.cell(2, 5).value = "Moyen"
    ws.cell(2, 6).value = "Faible"
    ws.cell(2, 9).value = "Moyen"
    wb.save(path)
    lines = _import(call, path)
    assert "AL16-02,j2,AV-1.1,2," in lines
    assert "AL16-02,j2,ALS-2,1," in lines
    assert "AL16-02,j2,AV-4.2,2," in lines
    assert "AL16-02,j2,ALS-3,3," in lines  # untouched


def test_the_per_dossier_items_say_it_in_english_and_import_back(tmp_path: Path) -> None:
    call = _call(tmp_path)
    label = _labels(call)
    write_sheets(load_call(call), tmp_path / "out", only=["j2"], layout="per-dossier",
                 lang="en")
    path = tmp_path / "out" / "j2.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = next(wb[n] for n in wb.sheetnames if wb[n].cell(2, 1).value == "AL16-02")
    items = {str(r[3]).split(" — ")[0]: (i, r[3]) for i, r in
             enumerate(ws.iter_rows(min_row=1, values_only=True), start=1) if r[3]}
    assert items["AV-1.1"][1] == f"AV-1.1 — {label['AV-1.1']} (reconstructed)"
    assert items["AV-4.2"][1] == f"AV-4.2 — {label['AV-4.2']} (reconstructed)"
    assert items["ALS-2"][1] == f"ALS-2 — {label['ALS-2']}"
    ws.cell(items["AV-1.1"][0], 5).value = "Moyen"  # the grid's words
    ws.cell(items["AV-4.2"][0], 5).value = "Moyen"
    wb.save(path)
    lines = _import(call, path)
    assert "AL16-02,j2,AV-1.1,2," in lines
    assert "AL16-02,j2,AV-4.2,2," in lines
    assert "AL16-02,j2,ALS-2,4," in lines


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sourced_criteria_have_no_mark(tmp_path: Path, lang: str) -> None:
    call = _call(tmp_path)
    write_sheets(load_call(call), tmp_path / "out", only=["i1"], lang=lang)
    ws = openpyxl.load_workbook(tmp_path / "out" / "i1.xlsx").worksheets[0]
    label = _labels(call)
    assert [str(c.value) for c in ws[1]][4:] == [
        f"{cid} — {label[cid]}" for cid in ("ALS-E1", "ALS-E2", "ALS-E3")]
