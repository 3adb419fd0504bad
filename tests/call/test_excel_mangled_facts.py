"""Values Excel mangled in a table of dossiers, its workbook or a dossier file are said at
their cell, never taken silently (review excel, finding 1): a SIRET in scientific notation
(an error: its digits are lost), another text in it (a warning), a number cell for a text
fact, and a value that fails an eligibility rule but equals one of its codes once
zero-padded (« 1 » against « 01 »: a warning; the value is never changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import yaml

from isgrid.call import dossiers
from isgrid.call.model import CallConfig, Dossier
from isgrid.errors import Collector
from isgrid.grid.load import load_grid
from isgrid.io.excel import scientific, zero_padded
from testpaths import FIXTURES

FACTS: dict[str, Any] = {
    "departement": {"type": "string"},
    "siret": {"type": "string"},
    "reference": {"type": "string"},
    "submitted_at": {"type": "date"},
}
RULE = {"id": "territoire", "label": "Ain ou Alsace", "fact": "departement",
        "in": ["01", "67", "68"]}


def load(folder: Path, write: Any) -> tuple[list[Dossier], list[tuple[str, str, str]]]:
    grid = yaml.safe_load((FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8"))
    grid["facts"] = FACTS
    grid["eligibility"] = [RULE]
    (folder / "grid.yaml").write_text(yaml.safe_dump(grid, allow_unicode=True), encoding="utf-8")
    write(folder)
    diags = Collector()
    config = CallConfig.model_validate({"title": "t", "grid": "grid.yaml"})
    out = dossiers.load_dossiers(folder, config, load_grid(folder / "grid.yaml"), diags, {})
    said = [(d.code, d.severity, str(d.location).removeprefix(str(folder) + "/"))
            for d in diags.items if d.code.startswith("excel-")]
    return out, said


def test_the_forms_excel_writes() -> None:
    assert scientific("1,23457E+13") and scientific("1.23457E+13") and scientific("3,56E+13")
    assert not scientific("E+13") and not scientific("12345678901234") and not scientific("1E")
    assert zero_padded("1", {"01", "67"}) == "01"
    assert zero_padded(1000, {"01000"}) == "01000"
    assert zero_padded("67", {"01", "67"}) is None  # allowed as it is
    assert zero_padded("2", {"01", "67"}) is None  # no code ends so
    assert zero_padded("7", {"67"}) is None  # 67 is not 7 with zeros


def test_a_csv_table_excel_saved(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        (folder / "dossiers.csv").write_text(
            "id;title;siret;departement;reference;submitted_at\n"
            "D1;Un;1,23457E+13;1;R-1;2026-01-10\n"  # line 2: both Excel marks
            "D2;Deux;12345678900015;67;2,5E+03;2026-01-10\n"  # line 3: a reference
            "D3;Trois;98765432100007;01;R-3;2026-01-10\n", encoding="utf-8")

    out, said = load(tmp_path, write)
    assert said == [
        ("excel-mangled", "error", "dossiers.csv:2:3"),  # siret: an identifier
        ("excel-leading-zero", "warning", "dossiers.csv:2:4"),  # « 1 » for « 01 »
        ("excel-mangled", "warning", "dossiers.csv:3:5"),  # another text: a warning
    ]
    # never changed: D1's département is read as written
    assert {d.id: d.facts["departement"] for d in out} == {"D1": "1", "D2": "67", "D3": "01"}


def test_a_workbook_whose_cells_excel_typed_as_numbers(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "dossiers"
        ws.append(["id", "title", "departement", "reference"])
        ws.append(["D1", "Un", 1, "R-1"])  # B2.. : departement in C
        ws.append(["D2", "Deux", 67, "R-2"])
        ws.append(["D3", "Trois", "68", "R-3"])  # a text cell: nothing to say
        wb.save(folder / "dossiers.xlsx")

    _, said = load(tmp_path, write)
    assert sorted(said) == sorted([
        ("excel-leading-zero", "warning", "dossiers.xlsx!dossiers!C2"),
        # one warning for the column's two number cells, at the first
        ("excel-mangled", "warning", "dossiers.xlsx!dossiers!C2"),
    ])


def test_a_dossier_file_intake_wrote_from_an_export_excel_saved(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        (folder / "dossiers").mkdir()
        (folder / "dossiers" / "DN-101.yaml").write_text(
            "id: DN-101\ntitle: Un\nsiret: 1,23457E+13\ndepartement: '1'\n", encoding="utf-8")

    _, said = load(tmp_path, write)
    assert said == [("excel-mangled", "error", "dossiers/DN-101.yaml:3:8 (siret)"),
                    ("excel-leading-zero", "warning", "dossiers/DN-101.yaml:4:14 (departement)")]
