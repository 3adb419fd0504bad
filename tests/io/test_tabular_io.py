"""CSV and XLSX reading: separators, encodings, row places, formulas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from isgrid.errors import Collector
from isgrid.io.tabular import parse_csv, read_csv, sniff_separator
from isgrid.io.text import parse_decimal
from isgrid.io.xlsx import read_xlsx


def codes(diags: Collector) -> list[str]:
    return [d.code for d in diags.items]


# --------------------------------------------------------------------- CSV
@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("dossier,assessor,value", ","),
        ("dossier;assessor;value", ";"),
        ("dossier\tassessor\tvalue", "\t"),
        ("seul", ","),  # a single column: the default
        ('"a,b";c;d', ";"),  # more ; than , in the header
    ],
)
def test_sniff_separator(header: str, sep: str) -> None:
    assert sniff_separator(header) == sep


@pytest.mark.parametrize(
    "text",
    [
        'dossier,value,comment\nD1,"3,5",ok\n',
        "dossier;value;comment\nD1;3,5;ok\n",
        "dossier\tvalue\tcomment\nD1\t3,5\tok\n",
    ],
    ids=["comma", "semicolon", "tab"],
)
def test_parse_csv_each_separator(text: str) -> None:
    diags = Collector()
    table = parse_csv(text, "r.csv", diags)
    assert table is not None and not diags.items
    assert table.columns == ["dossier", "value", "comment"]
    assert [r.values for r in table.rows] == [{"dossier": "D1", "value": "3,5", "comment": "ok"}]


def test_rows_keep_their_line_numbers() -> None:
    text = (
        "dossier;comment\n"  # 1
        'D1;"sur deux\n'  # 2
        'lignes"\n'  # 3
        "\n"  # 4: blank, skipped
        ";\n"  # 5: only empty cells, skipped
        "D2;court\n"  # 6
    )
    diags = Collector()
    table = parse_csv(text, "r.csv", diags)
    assert table is not None and not diags.items
    assert [r.values["dossier"] for r in table.rows] == ["D1", "D2"]
    assert table.rows[0].values["comment"] == "sur deux\nlignes"
    assert [r.where.line for r in table.rows] == [2, 6]
    loc = table.rows[1].loc("comment")
    assert (loc.file, loc.line, loc.column) == ("r.csv", 6, 2)
    assert str(loc) == "r.csv:6:2"
    assert table.header_locations["comment"].column == 2


def test_short_rows_are_padded_with_empty_cells() -> None:
    diags = Collector()
    table = parse_csv("a,b,c\n1\n", "r.csv", diags)
    assert table is not None and not diags.items
    assert table.rows[0].values == {"a": "1", "b": "", "c": ""}


def test_a_row_longer_than_the_header_is_an_error() -> None:
    diags = Collector()
    table = parse_csv("a,b\n1,2\n3,4,5\n6,7\n", "r.csv", diags)
    assert codes(diags) == ["csv-row-length"]
    assert diags.items[0].location.line == 3
    assert table is not None
    assert [r.values["a"] for r in table.rows] == ["1", "6"]  # the bad row is left out


def test_trailing_empty_cells_are_tolerated() -> None:
    diags = Collector()
    table = parse_csv("a;b\n1;2;;\n", "r.csv", diags)
    assert table is not None and not diags.items
    assert table.rows[0].values == {"a": "1", "b": "2"}


def test_header_names_are_trimmed() -> None:
    diags = Collector()
    table = parse_csv(" dossier , value \nD1,2\n", "r.csv", diags)
    assert table is not None
    assert table.columns == ["dossier", "value"]


def test_header_problems() -> None:
    diags = Collector()
    parse_csv("a,,a\n1,2,3\n", "r.csv", diags)
    assert codes(diags) == ["csv-syntax", "csv-syntax"]
    assert {d.location.line for d in diags.items} == {1}


def test_empty_csv() -> None:
    diags = Collector()
    assert parse_csv("  \n", "r.csv", diags) is None
    assert codes(diags) == ["csv-syntax"]


def test_unterminated_quote_is_a_syntax_error() -> None:
    diags = Collector()
    assert parse_csv('a,b\n"x,1\n', "r.csv", diags) is None
    assert codes(diags) == ["csv-syntax"]


def test_a_leading_blank_line_is_not_the_header() -> None:
    diags = Collector()
    table = parse_csv("\na,b\n1,2\n", "r.csv", diags)
    assert table is not None
    assert table.columns == ["a", "b"]
    assert [r.values for r in table.rows] == [{"a": "1", "b": "2"}]


def test_read_csv_with_bom_and_crlf(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes(b"\xef\xbb\xbfdossier;value\r\nD1;3,5\r\nD2;4\r\n")
    diags = Collector()
    table = read_csv(p, diags)
    assert table is not None and not diags.items
    assert table.columns == ["dossier", "value"]  # no BOM glued to the first name
    assert [r.values for r in table.rows] == [
        {"dossier": "D1", "value": "3,5"},
        {"dossier": "D2", "value": "4"},
    ]
    assert [r.where.line for r in table.rows] == [2, 3]
    assert table.file == str(p)


def test_read_csv_cp1252_decodes_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes("dossier;comment\r\nD1;Très bien, élan\r\n".encode("cp1252"))
    diags = Collector()
    table = read_csv(p, diags)
    assert table is not None
    assert table.rows[0].values["comment"] == "Très bien, élan"
    assert codes(diags) == ["encoding-decoded"]
    assert diags.items[0].severity == "warning"
    assert diags.items[0].location.line == 2


def test_read_csv_missing_file(tmp_path: Path) -> None:
    diags = Collector()
    assert read_csv(tmp_path / "absent.csv", diags) is None
    assert codes(diags) == ["file-not-found"]


def test_read_csv_too_large(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("a,b\n" + "1,2\n" * 100, encoding="utf-8")
    diags = Collector()
    assert read_csv(p, diags, max_bytes=100) is None
    assert codes(diags) == ["file-too-large"]


# ---------------------------------------------------------------- decimals
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        ("4", 4.0),
        ("-2,5", -2.5),
        ("  7,25 ", 7.25),
        ("1 000,5", 1000.5),
        ("1\u202f000,5", 1000.5),  # narrow no-break space (French typography)
        ("1\u00a0000", 1000.0),  # no-break space
        ("12 500", 12500.0),
        ("abc", None),
        ("", None),
        ("   ", None),
        ("3,5,1", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_parse_decimal(text: str, expected: float | None) -> None:
    assert parse_decimal(text) == expected


# -------------------------------------------------------------------- XLSX
def make_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    ws.append(["id", " titre ", "montant"])  # row 1
    ws.append(["D1", "Projet A", 12000])  # row 2
    ws.append([None, None, None])  # row 3: empty, skipped
    ws.append(["D2", "  Projet B  ", 3.5])  # row 4
    other = wb.create_sheet("Partenaires")
    other.append(["dossier", "nom"])
    other.append(["D1", "Mairie"])
    wb.save(path)


def test_read_xlsx_values_and_cells(tmp_path: Path) -> None:
    p = tmp_path / "d.xlsx"
    make_workbook(p)
    diags = Collector()
    sheets = read_xlsx(p, diags)
    assert sheets is not None and not diags.items
    assert list(sheets) == ["Dossiers", "Partenaires"]
    t = sheets["Dossiers"]
    assert t.columns == ["id", "titre", "montant"]
    assert t.sheet == "Dossiers"
    assert [r.values for r in t.rows] == [
        {"id": "D1", "titre": "Projet A", "montant": 12000},
        {"id": "D2", "titre": "Projet B", "montant": 3.5},
    ]
    loc = t.rows[1].loc("titre")
    assert (loc.sheet, loc.cell) == ("Dossiers", "B4")
    assert str(loc) == f"{p}!Dossiers!B4"
    assert t.rows[0].loc("montant").cell == "C2"
    assert t.header_locations["montant"].cell == "C1"
    assert sheets["Partenaires"].rows[0].values == {"dossier": "D1", "nom": "Mairie"}


def test_read_xlsx_only_the_sheets_asked(tmp_path: Path) -> None:
    p = tmp_path / "d.xlsx"
    make_workbook(p)
    diags = Collector()
    sheets = read_xlsx(p, diags, sheets=["Partenaires"])
    assert sheets is not None
    assert list(sheets) == ["Partenaires"]


def test_read_xlsx_formula_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append(["dossier", "value"])
    ws.append(["D1", 3])
    ws.append(["D2", "=B2+1"])
    wb.save(p)
    diags = Collector()
    sheets = read_xlsx(p, diags)
    assert codes(diags) == ["xlsx-formula"]
    d = diags.items[0]
    assert d.severity == "error"
    assert (d.location.sheet, d.location.cell) == ("Notes", "B3")
    assert sheets is not None
    assert sheets["Notes"].rows[1].values["value"] == ""  # never the formula text


def test_read_xlsx_merged_cells_warn(tmp_path: Path) -> None:
    p = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["a", "b"])
    ws["A2"] = "fusion"
    ws.merge_cells("A2:B2")
    wb.save(p)
    diags = Collector()
    read_xlsx(p, diags)
    assert [(d.code, d.severity, d.location.cell) for d in diags.items] == [
        ("xlsx-unreadable", "warning", "A2")
    ]


@pytest.mark.parametrize(
    "content",
    [b"this is not a workbook", b"PK\x03\x04 truncated zip", b""],
)
def test_read_xlsx_corrupt_file(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "bad.xlsx"
    p.write_bytes(content)
    diags = Collector()
    assert read_xlsx(p, diags) is None
    assert codes(diags) == ["xlsx-unreadable"]
    assert diags.items[0].location.file == str(p)


def test_read_xlsx_zip_without_workbook(tmp_path: Path) -> None:
    import zipfile

    p = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "bonjour")
    diags = Collector()
    assert read_xlsx(p, diags) is None
    assert codes(diags) == ["xlsx-unreadable"]


def test_read_xlsx_missing_file(tmp_path: Path) -> None:
    diags = Collector()
    assert read_xlsx(tmp_path / "absent.xlsx", diags) is None
    assert codes(diags) == ["file-not-found"]


def test_a_row_builds_its_place_only_when_asked() -> None:
    text = "id;title\n\n   ;  \n D1 ;Un\n"  # the blank row and the row of spaces are skipped
    table = parse_csv(text, "d.csv", Collector())
    assert table is not None
    (row,) = table.rows
    assert row._where is None  # no Location built while parsing
    assert row.place() == "d.csv:4" == str(row.where)
    assert row.values["id"] == " D1 "  # cells are kept as written; readers strip


def test_csv_columns_keeps_the_rows_parse_csv_keeps(tmp_path: Path) -> None:
    from isgrid.io.tabular import csv_columns

    path = tmp_path / "assignments.csv"
    # a BOM and spaces in the header, ';' as separator, a blank row, a row of blanks,
    # a short row, a row with an extra non-blank cell (left out, as parse_csv does)
    # and a row with an extra blank cell (kept)
    path.write_text("\ufeff dossier ; assessor\nD1;j1\n\n ; \nD2\nD3;j2;x\nD4 ; j3 ;\n",
                    encoding="utf-8")
    cols = csv_columns(path, ("assessor", "dossier", "absent"))
    assert cols == {"dossier": ["D1", "D2", "D4"], "assessor": ["j1", "", "j3"],
                    "absent": ["", "", ""]}
    table = read_csv(path, Collector())
    assert table is not None
    assert [r.values["dossier"].strip() for r in table.rows] == cols["dossier"]
    (tmp_path / "empty.csv").write_text("  \n", encoding="utf-8")
    assert csv_columns(tmp_path / "empty.csv", ("dossier",)) is None


def test_read_xlsx_reads_rows_and_merges_only(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # A juror's workbook has drop-down lists naming thousands of cells: the reader must
    # give the rows and merged ranges openpyxl's full parse gives, and never build the
    # data validations, the conditional formats or the sheet's other parts.
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList

    from isgrid.io.xlsx import rows_and_merges, stream_rows

    p = tmp_path / "dv.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notation"
    ws.append(["dossier", "note", "commentaire"])
    for i in range(1, 200):
        ws.append([f"D{i:03d}", i % 5, None if i % 3 else f"vu {i}"])
    dv = DataValidation(type="list", formula1='"0,1,2,3,4"')
    ws.add_data_validation(dv)
    dv.add("B2:B200")
    ws.conditional_formatting.add("B2:B200", CellIsRule(operator="lessThan", formula=["1"]))
    ws.merge_cells("C2:C3")
    wb.save(p)

    def full(book: Any) -> tuple[list[Any], list[str]]:
        src, parser = stream_rows(book.worksheets[0], book)
        rows = list(parser.parse())
        src.close()
        return rows, [str(m.ref) for m in parser.merged_cells.mergeCell]

    def lean(book: Any) -> tuple[list[Any], list[str]]:
        src, parser = stream_rows(book.worksheets[0], book)
        merges: list[str] = []
        rows = list(rows_and_merges(src, parser, merges))
        src.close()
        return rows, merges  # the first merged range (the only one here)

    book = openpyxl.load_workbook(p, read_only=True)
    expected = full(book)
    assert len(expected[0]) == 200 and expected[1] == ["C2:C3"]
    built: list[str] = []
    real = DataValidationList.from_tree.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(DataValidationList, "from_tree", classmethod(
        lambda cls, node: built.append("dv") or real(cls, node)))
    assert lean(book) == expected
    assert built == []  # the drop-down lists were skipped
    diags = Collector()
    sheets = read_xlsx(p, diags)
    assert sheets is not None and len(sheets["Notation"].rows) == 199
    assert sheets["Notation"].rows[0].values == {"dossier": "D001", "note": 1,
                                                 "commentaire": ""}
    assert built == [] and [d.code for d in diags.items] == ["xlsx-unreadable"]  # merged
    full(book)
    assert built == ["dv"]  # the spy sees openpyxl's full parse build them


def _sheet_with(tmp_path: Path, extra: bytes, after: bytes = b"") -> bytes:
    """A one-sheet workbook (header a, b; one row x, 1) whose sheet XML gets ``extra``
    at the end of its sheetData and ``after`` after it."""
    import io
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["a", "b"])
    ws.append(["x", 1])
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", extra + b"</sheetData>" + after)
            z.writestr(item, data)
    return out.getvalue()


def _parsed_with_peak(data: bytes) -> tuple[Any, Collector, int]:
    """``parse_xlsx`` of ``data``: the sheets, the diagnostics and the peak of memory
    allocated while parsing (tracemalloc)."""
    import tracemalloc

    from isgrid.io.xlsx import parse_xlsx

    diags = Collector()
    tracemalloc.start()
    try:
        sheets = parse_xlsx(data, "x.xlsx", diags)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return sheets, diags, peak


def test_read_xlsx_memory_stays_flat_on_empty_rows_and_unknown_parts(tmp_path: Path) -> None:
    # 150,000 empty rows and 300,000 elements of a part nobody knows: openpyxl's parse()
    # kept them all in the tree (35 MB here); the reader takes each out once read.
    data = _sheet_with(tmp_path, b"".join(b'<row r="%d"/>' % (3 + i) for i in range(150_000)),
                       b"<junk>" + b"<a/>" * 300_000 + b"</junk>")
    sheets, diags, peak = _parsed_with_peak(data)
    assert sheets is not None and diags.items == []
    assert [r.values for r in sheets["S"].rows] == [{"a": "x", "b": 1}]
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MB"


def test_read_xlsx_an_empty_row_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    from isgrid.io.xlsx import XLSX_MAX_ROWS, parse_xlsx

    data = _sheet_with(tmp_path, b'<row r="%d"/>' % (XLSX_MAX_ROWS + 1))
    diags = Collector()
    assert parse_xlsx(data, "x.xlsx", diags) is None
    assert [(d.code, d.location.sheet) for d in diags.items] == [("xlsx-too-large", "S")]


def test_read_xlsx_a_row_of_too_many_cells_is_refused_while_it_is_read(tmp_path: Path) -> None:
    # A row is kept whole until its end: one row of a million cells would cost
    # gigabytes before its columns could be checked.  It is refused once it holds more
    # than XLSX_MAX_ROW_ELEMENTS elements, with the row's place.
    from isgrid.io.xlsx import XLSX_MAX_ROW_ELEMENTS

    n = XLSX_MAX_ROW_ELEMENTS * 2  # cells of two elements each: 4x the room of a row
    cells = b"".join(b'<c t="n"><v>1</v></c>' for _ in range(n))
    data = _sheet_with(tmp_path, b'<row r="3">' + cells + b"</row>")
    sheets, diags, peak = _parsed_with_peak(data)
    assert sheets is None
    assert [(d.code, d.location.sheet, d.location.cell) for d in diags.items] == [
        ("xlsx-too-large", "S", "A3")]
    assert str(diags.items[0].message) == (
        "a row holds more than 64,000 elements (cells, their values and formatted runs)")
    # the refused row is held up to its room only, far below the 256,000 elements written
    assert peak < 64 * 2**20, f"{peak / 2**20:.1f} MB"
    # a row without its number (r) is placed where openpyxl counts it: after rows 1 and 2
    data = _sheet_with(tmp_path, b"<row>" + cells + b"</row>")
    sheets, diags, _ = _parsed_with_peak(data)
    assert sheets is None and [d.location.cell for d in diags.items] == ["A3"]


def test_read_xlsx_one_cell_of_many_formatted_runs_is_read(tmp_path: Path) -> None:
    # a comment typed with its formatting: one cell, 4,000 runs each with its font
    # (about 24,000 elements), well within a row's room
    run = b'<r><rPr><b/><sz val="11"/><color rgb="FF000000"/></rPr><t>mot </t></r>'
    cell = b'<c r="A3" t="inlineStr"><is>' + run * 4000 + b"</is></c>"
    data = _sheet_with(tmp_path, b'<row r="3">' + cell + b"</row>")
    sheets, diags, _ = _parsed_with_peak(data)
    assert sheets is not None and diags.items == []
    assert sheets["S"].rows[-1].values["a"] == ("mot " * 4000).strip()


def test_read_xlsx_a_corrupt_merged_range_is_named_without_a_place(tmp_path: Path) -> None:
    data = _sheet_with(tmp_path, b"", b'<mergeCells count="1"><mergeCell ref="zz"/></mergeCells>')
    sheets, diags, _ = _parsed_with_peak(data)
    assert sheets is not None
    assert [(d.code, d.severity, d.location.sheet, d.location.cell) for d in diags.items] == [
        ("xlsx-unreadable", "warning", "S", None)]
    assert "(?...)" in str(diags.items[0].message)


def test_read_xlsx_a_row_within_the_limits_is_read_whole(tmp_path: Path) -> None:
    from isgrid.io.xlsx import XLSX_MAX_COLUMNS, parse_xlsx

    # the widest row allowed, each cell with rich text of three runs (9 elements a cell)
    run = b"<r><t>x</t></r>"
    cells = b"".join(b'<c r="%s5" t="inlineStr"><is>%s</is></c>'
                     % (_letters(i).encode(), run * 3) for i in range(1, XLSX_MAX_COLUMNS + 1))
    header = b"".join(b'<c r="%s4" t="inlineStr"><is><t>h%d</t></is></c>'
                      % (_letters(i).encode(), i) for i in range(1, XLSX_MAX_COLUMNS + 1))
    data = _sheet_with(tmp_path, b'<row r="4">' + header + b'</row><row r="5">' + cells
                       + b"</row>")
    diags = Collector()
    sheets = parse_xlsx(data, "x.xlsx", diags)
    assert sheets is not None and diags.items == []
    # rows 1-2 of _sheet_with are the header (a, b) and (x, 1); row 4 and 5 are data
    last = sheets["S"].rows[-1]
    assert len(last.values) == 2 and last.values["a"] == "xxx"


def _letters(i: int) -> str:
    out = ""
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def test_read_xlsx_many_merged_ranges_are_not_kept(tmp_path: Path) -> None:
    # 200,000 merged ranges: openpyxl's parse built an object of each; the reader keeps
    # the first one's reference (the warning names it) and lets the others pass.
    merges = b"".join(b'<mergeCell ref="A%d:B%d"/>' % (10 + i, 10 + i) for i in range(200_000))
    data = _sheet_with(tmp_path, b"", b'<mergeCells count="200000">' + merges + b"</mergeCells>")
    sheets, diags, peak = _parsed_with_peak(data)
    assert sheets is not None
    assert [(d.code, d.severity, d.location.cell) for d in diags.items] == [
        ("xlsx-unreadable", "warning", "A10")]
    assert "A10:B10" in str(diags.items[0].message)
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MB"


def test_xlsx_rows_build_their_places_only_when_asked(tmp_path: Path) -> None:
    p = tmp_path / "w.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notation"
    ws.append(["dossier", "note"])
    for col in range(3, 30):
        ws.cell(row=1, column=col, value=f"c{col}")
    ws.append(["D1", 3])
    ws.cell(row=2, column=28, value="loin")
    wb.save(p)
    sheets = read_xlsx(p, Collector())
    assert sheets is not None
    (row,) = sheets["Notation"].rows
    assert row._where is None and row._locations is None  # nothing built while reading
    assert row.place() == f"{p}!Notation!A2" == str(row.where)
    assert (row.loc("note").sheet, row.loc("note").cell) == ("Notation", "B2")
    assert row.loc("c28").cell == "AB2" and row.values["c28"] == "loin"
    assert row.locations["dossier"].cell == "A2"
    assert row.loc("absent") == row.where


def test_columns_are_found_by_their_case_folded_names() -> None:
    """Every reader finds a column the same way: whatever its case, a name given twice
    is its last column (as a row's cells are), a blank header names none."""
    from isgrid.io.tabular import Table, column_positions, columns_named

    assert column_positions(["Dossier", "ASSESSOR", "", "dossier"]) == {"dossier": 3,
                                                                      "assessor": 1}
    table = Table("f.csv", ["Dossier", "Assessor", ""])
    assert columns_named(table) == {"dossier": "Dossier", "assessor": "Assessor"}
