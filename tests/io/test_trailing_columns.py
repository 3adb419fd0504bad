"""Empty columns at the end of a CSV header (« ;;; », as Excel writes them when cells to
the right were once touched) are no columns: every CSV reader ignores them with their
empty cells; a value under one is refused at its cell (review excel, finding 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ratingsfiles import ratings_file_call

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError, Collector
from isgrid.io.tabular import csv_columns, parse_csv


def test_the_table_reader_leaves_them_out() -> None:
    diags = Collector()
    table = parse_csv("id;title;;;\r\nD1;Un;;;\r\nD2;Deux;;;\r\n", "dossiers.csv", diags)
    assert table is not None and not diags.items
    assert table.columns == ["id", "title"]
    assert [r.values for r in table.rows] == [{"id": "D1", "title": "Un"},
                                              {"id": "D2", "title": "Deux"}]


def test_a_value_under_an_empty_header_is_refused_at_its_cell() -> None:
    diags = Collector()
    table = parse_csv("id;title;;\nD1;Un;;x\nD2;Deux;;\n", "dossiers.csv", diags)
    assert table is not None
    # line 2, column 4: the « x » under no header
    assert [(d.code, str(d.location)) for d in diags.items] == \
        [("csv-row-length", "dossiers.csv:2:4")]
    assert [r.values["id"] for r in table.rows] == ["D2"]


def test_an_empty_header_between_two_columns_is_still_refused() -> None:
    diags = Collector()
    parse_csv("id;;title\nD1;;Un\n", "dossiers.csv", diags)
    assert [d.code for d in diags.items] == ["csv-syntax"]


def test_assignments_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "assignments.csv"
    path.write_text("dossier;assessor;;\r\nD1;j1;;\r\nD2;j2;;\r\n", encoding="utf-8")
    assert csv_columns(path, ("dossier", "assessor")) == {"dossier": ["D1", "D2"],
                                                          "assessor": ["j1", "j2"]}


def test_a_call_whose_ratings_conflicts_and_dossiers_excel_saved(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call={
        "assessors": [{"id": "j1"}, {"id": "j2"}]})
    (folder / "dossiers.csv").write_text(
        "id;title;region;submitted_at;;;\r\nD1;Un;Alsace;2026-01-10;;;\r\n"
        "D2;Deux;Alsace;2026-01-11;;;\r\n", encoding="cp1252")
    (folder / "ratings").mkdir()
    (folder / "ratings" / "j1.csv").write_text(
        "dossier;assessor;criterion;value;comment;;;\r\nD1;j1;B1;3;Très bien;;;\r\n"
        "D2;j1;B1;2;;;;\r\n", encoding="cp1252")
    (folder / "conflicts").mkdir()
    (folder / "conflicts" / "j2.csv").write_text(
        "assessor;dossier;reason;;\r\nj2;D2;lien;;\r\n", encoding="cp1252")
    call = load_call(folder)
    assert sorted(d.id for d in call.dossiers) == ["D1", "D2"]
    assert sorted((r.dossier, r.criterion, r.value, r.comment) for r in call.ratings) == \
        [("D1", "B1", 3, "Très bien"), ("D2", "B1", 2, "")]
    assert ("j2", "D2") in {(c.assessor, c.dossier) for c in call.config.conflicts}


def test_a_ratings_file_with_a_value_under_an_empty_header(tmp_path: Path) -> None:
    folder = ratings_file_call(tmp_path, "j1",
                               b"dossier;assessor;criterion;value;;\nD1;j1;B1;3;;oups\n")
    with pytest.raises(CallError) as err:
        load_call(folder)
    assert [(d.code, str(d.location)) for d in err.value.diagnostics
            if d.severity == "error"] == \
        [("csv-row-length", f"{folder / 'ratings' / 'j1.csv'}:2")]
