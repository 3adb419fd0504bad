"""A text holding a lone carriage return (``\\r`` without ``\\n``, as some Mac or Windows
copy-pastes give) round-trips through isgrid's own CSV files.

Python's ``csv`` writer quoted a cell only for the characters of its line end (``\\n``):
« ligne un\\rligne deux » was written bare, and read back the row split there (« the
assessor id '' is not valid »).  Now the writer quotes it (:func:`isgrid.io.cells.
csv_writer`) and the readers keep a ``\\r`` inside a quoted cell
(:func:`isgrid.io.csvtext.row_ends`), the row reader and Arrow's path alike; a lone
``\\r`` outside quotes still ends a row (a Mac spreadsheet's file), ``\\r\\n`` still reads
``\\n`` (a Windows file), inside quotes too.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.errors import Collector
from isgrid.io import ratingsfile
from isgrid.io.cells import csv_writer
from isgrid.io.csvtext import row_ends
from isgrid.io.tabular import parse_csv, read_csv
from isgrid.io.text import decode


def _written(rows: list[list[str]], **kw: str) -> str:
    buf = io.StringIO(newline="")
    csv_writer(buf, **kw).writerows(rows)
    return buf.getvalue()


def test_the_writer_quotes_a_lone_return() -> None:
    assert _written([["d0", "un\rdeux"], ["d1", "Bon"]]) == 'd0,"un\rdeux"\nd1,Bon\n'
    assert _written([["d0", "un\ndeux", "a\r\nb", "x"]]) == 'd0,"un\ndeux","a\r\nb",x\n'
    # its other line ends and separators as asked, and a lone return quoted there too
    assert _written([["d0", "un\rdeux"], ["d1", "3,5"]], delimiter=";",
                    lineterminator="\r\n") == 'd0;"un\rdeux"\r\nd1;3,5\r\n'


@pytest.mark.parametrize(("text", "read"), [
    # a Mac spreadsheet's file: each lone return ends a row, as before
    ("a,b\rc,d\r", "a,b\nc,d\n"),
    # a quoted cell keeps its return; the row's own return is a line end
    ('a,"x\ry"\rc,d', 'a,"x\ry"\nc,d'),
    ('h;k\ra;"x\ry"\r', 'h;k\na;"x\ry"\n'),
    ('"x\r"\r"\ry""\r"', '"x\r"\n"\ry""\r"'),  # a doubled quote inside stays inside
    # a quote inside an unquoted cell opens nothing (the csv reader reads it as a quote)
    ('a,b"c\rd,e\r', 'a,b"c\nd,e\n'),
    # the file's separator is « ; »: a quote after a comma is inside a cell
    ('h;k\rx,"y;z\r', 'h;k\nx,"y;z\n'),
    ("plain\n", "plain\n"),
])
def test_row_ends_by_hand(text: str, read: str) -> None:
    assert row_ends(text) == read


def test_decode_of_a_table_and_of_other_text() -> None:
    data = b'h,c\r\nd0,"un\rdeux"\r\nd1,"trois\r\nquatre"\r\n'
    assert decode(data, "f.csv", Collector(), table=True) == \
        'h,c\nd0,"un\rdeux"\nd1,"trois\nquatre"\n'
    # a YAML file, a text: every return a line end, as before
    assert decode(b"a\rb\r\nc", "f.yaml", Collector()) == "a\nb\nc"


def test_the_plain_reader_keeps_the_return_and_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_written([["dossier", "comment"], ["d0", "un\rdeux"], ["d1", "Bon"],
                              ["d2", "trois\nquatre"], ["d3", "fin"]]), encoding="utf-8",
                    newline="")
    diags = Collector()
    table = read_csv(path, diags)
    assert table is not None and not diags.items
    assert [r.values["comment"] for r in table.rows] == \
        ["un\rdeux", "Bon", "trois\nquatre", "fin"]
    # the lines by hand: header 1, d0 2 (its return is no line end), d1 3, d2 4-5, d3 6
    assert [r.place() for r in table.rows] == [f"{path}:{n}" for n in (2, 3, 4, 6)]


def test_a_mac_file_still_reads_a_row_a_line() -> None:
    diags = Collector()
    text = decode(b"dossier;value\rd0;3\rd1;\"4\"\r", "mac.csv", diags, table=True)
    assert text is not None
    table = parse_csv(text, "mac.csv", diags)
    assert table is not None and not diags.items
    assert [(r.values["dossier"], r.values["value"], r.place()) for r in table.rows] == [
        ("d0", "3", "mac.csv:2"), ("d1", "4", "mac.csv:3")]


@pytest.mark.parametrize("arrow", [False, True])
def test_a_ratings_comment_with_a_lone_return(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              arrow: bool) -> None:
    """The import's ratings file, loaded by the row reader and by Arrow's path: the same
    comments, the same lines (1 the header, then one row a line)."""
    from isgrid.call.load import load_call
    from isgrid.jury.importer import JurorSheet, ratings_csv

    if arrow:
        monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)
    dossiers = [{"id": f"d{i}", "title": f"Projet {i}"} for i in range(3)]
    folder = make_call(tmp_path, ONE_CRITERION, None, dossiers,
                       [(f"d{i}", "a1", "C", 3) for i in range(3)])
    sheet = JurorSheet("a2", "a2", ratings={
        ("d0", "C"): ("2", "ligne un\rligne deux"), ("d1", "C"): ("3", 'Bon "vraiment"\r'),
        ("d2", "C"): ("4", "\r- à revoir")}, opinions={}, shared=set())
    data = ratings_csv(load_call(folder), sheet)
    assert data == ("dossier,assessor,criterion,value,comment\n"
                    'd0,a2,C,2,"ligne un\rligne deux"\nd1,a2,C,3,"Bon ""vraiment""\r"\n'
                    "d2,a2,C,4,\"'\r- à revoir\"\n").encode()
    (folder / "ratings" / "a2.csv").write_bytes(data)
    table = load_call(folder).table
    a2 = [k for k in range(len(table)) if table.files[table.file[k]].endswith("a2.csv")]
    assert [table.comment[k] for k in a2] == ["ligne un\rligne deux", 'Bon "vraiment"\r',
                                            "\r- à revoir"]
    assert [int(table.line[k]) for k in a2] == [2, 3, 4]
    [part] = [p for p in table._parts if table.files[p.file].endswith("a2.csv")]
    assert isinstance(part.line, range) is arrow  # Arrow's path (a line per row) or not
