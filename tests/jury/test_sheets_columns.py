"""A juror's workbook missing a column (a row, one sheet per dossier) it was written with
never loses ratings silently (jury.columns); a grid changed since is said only when it
changes what the workbook asks; ``call check`` says a juror's ratings left out.

The workbooks of the mini-scored grid: the jurors rate B1, B2 and I1; the ``rows``
layout's Notation sheet holds, by hand, A Dossier, B Titre, C Fichier du dossier, D
Ligne, E B1, F B2, G I1, H Avis global, I Montant proposé (the call has a budget);
a ``per-dossier`` sheet holds a row per item: 2 B1, 3 B2, 4 I1, 5 Avis, 6 Montant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "j2"}], "budget": 50000}
DOSSIERS = [{"id": f"D{i}", "title": f"Projet {i}", "amount_requested": 10000}
            for i in (1, 2, 3)]


def _call(tmp_path: Path, **extra: Any) -> Path:
    return make_call(tmp_path, "mini-scored", call=CALL | extra, dossiers=DOSSIERS)


def _filled(folder: Path, out: Path, layout: str = "rows") -> Path:
    """j1's workbook, every criterion of every dossier rated 3 (and the opinion given)."""
    write_sheets(load_call(folder), out, only=["j1"], layout=layout)
    path = out / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    if layout == "rows":
        ws = wb["Notation"]
        for r in range(2, ws.max_row + 1, 3):  # the ratings rows
            for c in (5, 6, 7):
                ws.cell(r, c).value = 3
            ws.cell(r, 8).value = "favorable"
    else:
        for did in ("D1", "D2", "D3"):
            for r in (2, 3, 4):
                wb[did].cell(r, 5).value = 3
    wb.save(path)
    return path


def _errors(exc: pytest.ExceptionInfo[CallError]) -> list[tuple[str, str, str]]:
    return [(d.code, str(d.location).rsplit("/", 1)[-1], d.message)
            for d in exc.value.diagnostics if d.severity == "error"]


def test_a_deleted_criterion_column_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    wb = openpyxl.load_workbook(path)
    wb["Notation"].delete_cols(6)  # B2: I1 moves to F
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.xlsx!Notation!F1",
                             "the column of the criterion B2 is missing")]
    found = exc.value.diagnostics[0]
    assert found.message.translated("fr") == "la colonne du critère B2 manque"
    assert str(found.hint).startswith("Take the workbook that was sent again, or copy the "
                                      "ratings into it")
    assert not (folder / "ratings" / "j1.csv").exists()
    # the workbook whole again: 3 dossiers x 3 criteria
    path = _filled(folder, tmp_path / "again")
    assert import_sheets(load_call(folder), [path]).counts == {"j1": 9}


def test_a_deleted_dossier_column_is_named_where_it_was(tmp_path: Path) -> None:
    """Not « no rating sheet (Notation) »: the sheet is there, its first column gone."""
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    wb = openpyxl.load_workbook(path)
    wb["Notation"].delete_cols(1)
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.xlsx!Notation!A1",
                             "the column 'Dossier' is missing")]


def test_an_english_workbook_names_its_own_columns(tmp_path: Path) -> None:
    """The opinion column of an English workbook, said in its words, where it was (the
    amount moved into H)."""
    folder = _call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", only=["j1"], lang="en")
    path = tmp_path / "out" / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb["Ratings"].cell(1, 8).value == "Overall opinion"
    wb["Ratings"].delete_cols(8)
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.xlsx!Ratings!H1",
                             "the column 'Overall opinion' is missing")]


def test_a_workbook_of_an_earlier_isgrid_is_held_against_the_role_s_criteria(
        tmp_path: Path) -> None:
    """No record of what it asks (``items``): the criteria j1's role rates now."""
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    wb = openpyxl.load_workbook(path)
    meta = wb["_isgrid"]
    kept = [(k, v) for k, v in meta.values if k not in ("items", "asks_sha256")]
    assert len(kept) == meta.max_row - 2
    meta.delete_rows(1, meta.max_row)
    for k, v in kept:
        meta.append([k, v])
    wb["Notation"].delete_cols(7)  # I1, the last criterion: the opinion column moved to G
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.xlsx!Notation!G1",
                             "the column of the criterion I1 is missing")]


def test_a_renamed_header_is_said_once(tmp_path: Path) -> None:
    """A header typed over is an unknown criterion, not a missing column too."""
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    wb = openpyxl.load_workbook(path)
    wb["Notation"].cell(1, 6).value = "Besoin"
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert [c for c, _, _ in _errors(exc)] == ["unknown-criterion"]


def test_a_deleted_criterion_row_of_a_dossier_sheet(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out", layout="per-dossier")
    wb = openpyxl.load_workbook(path)
    wb["D2"].delete_rows(3)  # B2: I1 moves up to row 3
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.xlsx!D2!D3",
                             "the row of the criterion B2 is missing")]


def test_a_criterion_s_rows_deleted_from_a_csv_sheet(tmp_path: Path) -> None:
    """A CSV sheet: 3 dossiers x (B1, B2, I1, (avis), (montant)) after its header; the
    B2 rows (lines 3, 8, 13) deleted, D1's first row is line 2."""
    folder = _call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", only=["j1"], fmt="csv", lang="en")
    path = tmp_path / "out" / "j1.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[4] for line in lines[1:6]] == ["B1", "B2", "I1", "(avis)",
                                                            "(montant)"]
    path.write_text("\n".join(line for line in lines if ",B2," not in line) + "\n",
                    encoding="utf-8")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    assert _errors(exc) == [("sheet-missing-column", "j1.csv:2",
                             "j1's rows of the criterion B2 are missing for D1, D2, D3")]


def test_a_grid_change_the_workbook_does_not_see_is_not_said(tmp_path: Path) -> None:
    """Half points no longer taken on s04: its levels are the same, the workbook reads as
    written (it warned « written for another version of the call's grid »)."""
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    doc = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    doc["set"] = {"scales.s04.half_steps": False}
    (folder / "call.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    call = load_call(folder)
    report = import_sheets(call, [path])
    assert [d.code for d in report.warnings] == []
    assert report.counts == {"j1": 9}


def test_a_grid_change_the_workbook_sees_is_said_precisely(tmp_path: Path) -> None:
    """NE no longer taken on s04: the levels the workbook offers changed."""
    folder = _call(tmp_path)
    path = _filled(folder, tmp_path / "out")
    doc = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    doc["set"] = {"scales.s04.na": False}
    (folder / "call.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    report = import_sheets(load_call(folder), [path])
    assert [(d.code, d.message) for d in report.warnings] == [(
        "sheet-grid-changed",
        "the workbook was written for another version of the call's grid, which changed "
        "what it asks (the levels of s04: Insuffisant, Faible, Moyen, Bon, Excellent (the "
        "workbook offers Insuffisant, Faible, Moyen, Bon, Excellent, NE)); its criteria are "
        "checked one by one")]


def test_call_check_says_a_criterion_left_out(tmp_path: Path) -> None:
    """j2 rated B1 and I1 of D1 and D2, never B2: « ok » alone said 4 ratings received."""
    folder = make_call(tmp_path, "mini-scored", call={"assessors": [{"id": "j2"}]},
                       dossiers=DOSSIERS[:2],
                       ratings=[(d, "j2", c, 3) for d in ("D1", "D2") for c in ("B1", "I1")])
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    assert ("j2 has not rated every criterion of 2 dossiers yet (B2 missing): D1, D2 "
            "[ratings-missing]") in res.output
