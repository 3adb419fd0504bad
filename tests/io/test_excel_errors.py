"""A cell Excel turned into an error value (« - ancrage » typed without an apostrophe
became ``#NOM?``) is refused at its place, never read as the text it replaced (review
excel, finding 3)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from ratingsfiles import ratings_file_call

from isgrid.call.load import load_call
from isgrid.errors import CallError, Collector
from isgrid.io.excel import excel_error, may_hold_errors
from isgrid.io.tabular import parse_csv
from isgrid.io.xlsx import read_xlsx


def found(diags: Collector, code: str) -> list[str]:
    return [str(d.location) for d in diags.items if d.code == code]


def test_the_error_values_of_both_languages() -> None:
    for text in ("#NOM?", "#NAME?", "#VALEUR!", "#REF!", "#DIV/0!", "#N/A", "#NOMBRE!",
                 " #NOM? "):
        assert excel_error(text) == text.strip()
    for text in ("#1 du classement", "# NOM?", "NOM?", "#hashtag", "", "C#"):
        assert excel_error(text) is None


def test_a_csv_cell_holding_an_error_value_is_refused_and_blanked() -> None:
    text = "id;title;holder\nD1;#NOM?;Asso\nD2;Atelier;#VALEUR!\n"
    assert may_hold_errors(text)
    diags = Collector()
    table = parse_csv(text, "dossiers.csv", diags)
    assert table is not None
    # line 2, column 2 (title); line 3, column 3 (holder)
    assert found(diags, "excel-error-value") == ["dossiers.csv:2:2", "dossiers.csv:3:3"]
    assert all(d.severity == "error" for d in diags.items)
    assert table.rows[0].values["title"] == ""  # never the text « #NOM? »
    assert table.rows[1].values["holder"] == ""
    assert "title" in str(diags.items[0].message) and "#NOM?" in str(diags.items[0].message)


def test_a_text_with_a_hash_elsewhere_is_read_as_written() -> None:
    text = "id;title\nD1;Projet #2 (NOM?)\n"
    diags = Collector()
    table = parse_csv(text, "dossiers.csv", diags)
    assert table is not None and not diags.items
    assert table.rows[0].values["title"] == "Projet #2 (NOM?)"


def test_an_error_cell_of_a_workbook_is_refused_at_its_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notation"
    ws.append(["dossier", "critère", "note", "commentaire"])
    ws.append(["D1", "C1", 3, "Bien"])
    ws.append(["D1", "C2", 2, "#NAME?"])  # openpyxl stores it as Excel does: t="e"
    assert ws["D3"].data_type == "e"
    path = tmp_path / "j3.xlsx"
    wb.save(path)
    diags = Collector()
    tables = read_xlsx(path, diags)
    assert tables is not None
    assert found(diags, "excel-error-value") == [f"{path}!Notation!D3"]
    rows = tables["Notation"].rows
    assert rows[1].values["commentaire"] == ""


def test_a_ratings_comment_excel_turned_into_an_error_is_refused(tmp_path: Path) -> None:
    folder = ratings_file_call(tmp_path, "j3", b"dossier;assessor;criterion;value;comment\n"
                               b"D1;j3;B1;3;#NOM?\n")
    with pytest.raises(CallError) as err:
        load_call(folder)
    # line 2, column 5: the comment
    assert [str(d.location) for d in err.value.diagnostics if d.code == "excel-error-value"] \
        == [f"{folder / 'ratings' / 'j3.csv'}:2:5"]
