"""The call's own CSV files round-trip exactly: what isgrid writes of a juror's text
(``isgrid.io.cells.escape_cell``) it reads back as typed (``unescape_cell``).

A juror's French bullet list « - ancrage territorial fort » was written
``'- ancrage…`` (the formula neutralisation, right for a spreadsheet) and read back
with it: the applicant's letter quoted « '- ancrage… », the committee report a
recusal reason « '=1+1 … ».
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from isgrid.errors import Collector
from isgrid.io.cells import csv_writer, escape_cell, escape_row, neutralise_cell, unescape_cell
from isgrid.io.excel import excel_error
from isgrid.io.tabular import parse_csv
from isgrid.io.text import decode
from testpaths import EXAMPLES

LIST = "- ancrage territorial fort\n- budget encore fragile\n+ partenaires engagés"


@pytest.mark.parametrize(("typed", "written"), [
    # a formula-like text: the spreadsheet's « ' » (as neutralise_cell writes it)
    ("- ancrage territorial fort", "'- ancrage territorial fort"),
    ("=1+1 Mon beau-frère", "'=1+1 Mon beau-frère"), ("@Hélène : à revoir", "'@Hélène : à revoir"),
    ("+ partenaires", "'+ partenaires"), ("-", "'-"), ("\n- a", "'\n- a"), ("＝1", "'＝1"),
    # a text that really starts with « ' » before a formula-like text: one more « ' »
    ("'- déjà", "''- déjà"), ("''=1", "'''=1"),
    # anything else as it is: plain numbers, a « ' » before anything else, ids
    ("-1,33", "-1,33"), ("+3", "+3"), ("'tis", "'tis"), ("'", "'"), ("''", "''"),
    ("' - espace", "' - espace"), ("Bon projet", "Bon projet"), ("", ""), (" =1", " =1"),
    (3.5, 3.5), (None, None),
])
def test_escape_by_hand(typed: Any, written: Any) -> None:
    assert escape_cell(typed) == written
    assert escape_row(["AL16-05", typed]) == ["AL16-05", written]
    if isinstance(typed, str):
        assert unescape_cell(written) == typed


@pytest.mark.parametrize(("in_file", "read"), [
    # files written before the escape hold neutralise_cell's « ' » only: read without it
    ("'- ancrage territorial fort", "- ancrage territorial fort"),
    ("'=1+1 Mon beau-frère", "=1+1 Mon beau-frère"),
    # a file typed by hand: as it is (nothing was escaped)
    ("- ancrage", "- ancrage"), ("'tis", "'tis"), ("'3", "'3"), ("'-1,33", "'-1,33"),
])
def test_unescape_by_hand(in_file: str, read: str) -> None:
    assert unescape_cell(in_file) == read


def _through_csv(value: str) -> str:
    buf = io.StringIO(newline="")
    csv_writer(buf).writerow(escape_row(["D1", value]))
    [row] = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    return row[1]


def _through_isgrid(value: str) -> str:
    """``value`` written as isgrid writes its files, read back by its own readers (the
    text decoded as a table, then the row reader)."""
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(["dossier", "comment"])
    w.writerow(escape_row(["D1", value]))
    text = decode(buf.getvalue().encode("utf-8"), "t.csv", Collector(), table=True)
    assert text is not None
    table = parse_csv(text, "t.csv", Collector())
    assert table is not None
    [row] = table.rows
    return unescape_cell(row.values["comment"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(),
    # texts made of what matters here: « ' », the triggers, digits, spaces, line ends,
    # quotes and separators
    st.text(alphabet=st.sampled_from(list("'\"=+-@\t\r\n ＝＋－＠0123,;.ea")), max_size=8),
))
def test_round_trip(value: str) -> None:
    """Whatever was typed reads back exactly, through a real CSV file; and what is
    written is safe for a spreadsheet (neutralise_cell leaves it as it is)."""
    written = escape_cell(value)
    assert unescape_cell(written) == value
    assert _through_csv(value) == written  # a lone \r too: the writer quotes it
    # isgrid's readers: a \r\n is a line end, read \n (a Windows file's), a lone \r kept
    # (a file holding a NUL is refused as binary: no text of isgrid holds one, the
    # workspace and the workbooks drop controls, io.text.without_controls)
    # (an Excel error value, « #CALC! », is what Excel left of a formula, never a text
    # typed: isgrid's readers refuse it at its cell, io.excel.excel_error)
    if "\x00" not in value and excel_error(value.replace("\r\n", "\n")) is None:
        assert _through_isgrid(value) == value.replace("\r\n", "\n")
    assert neutralise_cell(written) is written or neutralise_cell(written) == written


# ------------------------------------------------- the call's files, written and read back
@pytest.fixture
def alsace(tmp_path: Path) -> Path:
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    return call


def test_ratings_opinions_and_recusal_read_back_as_typed(alsace: Path) -> None:
    """The import's ratings and opinions files and the workspace's conflicts file, loaded
    again: the comments and the reason as the juror typed them."""
    from isgrid.call.load import load_call
    from isgrid.jury.importer import JurorSheet, opinions_csv, ratings_csv
    from isgrid.jury.opinions import load_opinions
    from isgrid.workspace.deports import conflicts_csv

    call = load_call(alsace)
    sheet = JurorSheet("j2 (espace)", "j2", ratings={
        ("AL16-05", "ALS-1"): ("3", LIST), ("AL16-05", "ALS-4"): ("3", "@Hélène : à revoir"),
        ("AL16-02", "ALS-4"): ("3.5", "'=1 tapé tel quel")},
        opinions={"AL16-05": ("favorable", "12500", "- à soutenir")},
        shared={("AL16-05", "ALS-1")})
    (alsace / "ratings" / "j2.csv").write_bytes(ratings_csv(call, sheet))
    (alsace / "opinions").mkdir()
    (alsace / "opinions" / "j2.csv").write_bytes(opinions_csv(call, sheet))
    (alsace / "conflicts").mkdir()
    reason = "=1+1 Mon beau-frère est trésorier"
    (alsace / "conflicts" / "j2.csv").write_bytes(conflicts_csv(
        call, "j2", [SimpleNamespace(dossier="AL16-08", reason=reason)]))  # type: ignore[list-item]
    # the file a spreadsheet opens: every formula-like text behind a « ' »
    text = (alsace / "ratings" / "j2.csv").read_text(encoding="utf-8")
    assert "\"'- ancrage territorial fort\n" in text and ",'@Hélène" in text
    assert ",''=1 tapé tel quel" in text

    again = load_call(alsace)
    by_key = {(r.dossier, r.assessor, r.criterion): r.comment for r in again.ratings}
    assert by_key[("AL16-05", "j2", "ALS-1")] == LIST
    assert by_key[("AL16-05", "j2", "ALS-4")] == "@Hélène : à revoir"
    assert by_key[("AL16-02", "j2", "ALS-4")] == "'=1 tapé tel quel"
    [op] = load_opinions(again).of("AL16-05")
    assert (op.comment, op.amount) == ("- à soutenir", 12500)
    reasons = {(c.assessor, c.dossier): c.reason for c in again.config.conflicts}
    assert reasons[("j2", "AL16-08")] == reason


def test_an_old_file_reads_without_the_apostrophe(alsace: Path) -> None:
    """A ratings file written before the escape (« '- ancrage… », as the review found it)
    quotes the comment without the « ' » in the applicant's letter, its lines kept."""
    path = alsace / "ratings" / "j2.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[0].append("shareable")
    for row in rows[1:]:
        row.append("")
        if row[0] == "AL16-05" and row[2] == "ALS-1":
            row[4], row[5] = "'" + LIST, "oui"
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    from clirun import norm, run

    out = alsace.parent / "letters"  # the command the reviewer ran
    run("report", str(alsace), "--kind", "feedback", "--format", "md", "-o", str(out))
    letter = norm((out / "AL16-05.md").read_text(encoding="utf-8"))
    # one table cell (a Markdown row is one line): the juror's lines joined by <br>
    assert ("<br>« \\- ancrage territorial fort<br>\\- budget encore fragile"
            "<br>\\+ partenaires engagés »") in letter
    assert "'" + "- ancrage" not in letter and "'\\- ancrage" not in letter


@pytest.mark.parametrize(("fmt", "layout"), [("xlsx", "rows"), ("xlsx", "per-dossier"),
                                             ("csv", "rows")])
def test_a_sheet_sent_again_gives_the_comment_back_as_typed(alsace: Path, tmp_path: Path,
                                                            fmt: str, layout: str) -> None:
    """A workbook (or CSV sheet) sent again holds « '- ancrage… » for the juror's comment
    « - ancrage… » (so that no spreadsheet runs it); imported back after another change,
    the comment is the juror's, not « '- ancrage… » (the file then held « ''- ancrage… »)."""
    from isgrid.call.load import load_call
    from isgrid.jury.importer import import_sheets
    from isgrid.jury.sheets import write_sheets

    path = alsace / "ratings" / "j2.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row in rows:
        if row[:3] == ["AL16-05", "j2", "ALS-1"]:
            row[4] = "'" + LIST  # as the workspace wrote it (escape_cell)
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    [sheet] = write_sheets(load_call(alsace), out, fmt=fmt, layout=layout, only=["j2"]).written
    if fmt == "csv":  # the juror changes a rating: AL16-05 AV-1.1 3 -> 2
        text = sheet.read_bytes().decode("utf-8-sig")
        sep = ";" if text.split("\n", 1)[0].count(";") else ","
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        head = table[0]
        for row in table[1:]:
            if (row[head.index("dossier")], row[head.index("criterion")]) == ("AL16-05", "AV-1.1"):
                row[head.index("value")] = "2"
        assert any("'" + LIST in row for row in table)  # the sheet keeps it from formulas
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(table)
        sheet.write_bytes(buf.getvalue().encode("utf-8-sig"))
    else:
        import openpyxl

        wb = openpyxl.load_workbook(sheet)
        cells = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r]
        # a typed text cell, never a formula: as typed, no « ' » shown
        assert any(c.value == LIST and c.data_type == "s" for c in cells)
        assert not any(c.value == "'" + LIST for c in cells)
        next(c for c in cells if c.value == "Bon").value = "Moyen"  # a rating changed
        wb.save(sheet)
    report = import_sheets(load_call(alsace), [sheet], replace=True)
    assert report.written == [path]
    assert ",\"'" + LIST.split("\n")[0] in path.read_text(encoding="utf-8")  # one « ' »
    comments = {(r.dossier, r.criterion): r.comment for r in load_call(alsace).ratings
                if r.assessor == "j2"}
    assert comments[("AL16-05", "ALS-1")] == LIST


@pytest.mark.parametrize("arrow", [False, True])
def test_the_ratings_table_gives_comments_as_typed(arrow: bool) -> None:
    """Both readers' columns (a list from the row reader, an Arrow array from a large
    file's parse) give the comments without the escape's « ' »."""
    import pyarrow as pa

    from isgrid.call.ratings import Part, RatingTable

    file = ["'- ancrage", "''=1", "'tis", "Bon", "", "'@Hélène", "'-1,33"]
    typed = ["- ancrage", "'=1", "'tis", "Bon", "", "@Hélène", "'-1,33"]
    n = len(file)
    table = RatingTable(["D1"], ["C1"])
    table.add(Part([0] * n, [0] * n, [0] * n, [1.0] * n, [False] * n, range(2, 2 + n), 0,
                   pa.chunked_array([file[:3], file[3:]]) if arrow else list(file)))
    table.files.append("r.csv")
    table.finish()
    assert table.comment == typed


def test_quoted_rows_of_an_arrow_column() -> None:
    """The rows starting with « ' », read from the column's buffers: sliced, chunked,
    with nulls and empty texts, in both offset widths."""
    import pyarrow as pa

    from isgrid.call.ratings import _quoted_rows

    texts = ["'a", None, "", "b'", "'", "é'", "''=1", "x"]
    for kind in (pa.string(), pa.large_string()):
        whole = pa.array(["'skip", *texts], type=kind).slice(1)  # an offset into the buffers
        assert _quoted_rows(whole) == [0, 4, 6]
        assert _quoted_rows(pa.chunked_array([whole[:3], whole[3:]])) == [0, 4, 6]
    assert _quoted_rows(pa.array(texts).dictionary_encode()) == [0, 4, 6]
