"""The one writer of the CSV files a person opens in a spreadsheet
(:func:`isgrid.io.cells.spreadsheet_csv`): the ranking, the invitations' mail merge, a grid's
criteria and the comparison's tables call it, and nothing else writes their separator, line
end, BOM or formula neutralisation."""

from __future__ import annotations

import re
from pathlib import Path

from isgrid.io.cells import spreadsheet_csv

ROOT = Path(__file__).resolve().parents[2]


def test_french_semicolons_crlf_and_a_bom() -> None:
    data = spreadsheet_csv([["id", "part (%)"], ["a", "14,3"], ["b", 0]], "fr")
    assert data == "\ufeffid;part (%)\r\na;14,3\r\nb;0\r\n".encode()


def test_english_commas_and_the_line_end_and_bom_chosen() -> None:
    # a decimal comma in English is quoted by the csv writer, as any cell holding the separator
    rows = [["id", "v"], ["a", "1,5"], ["b", None]]
    assert spreadsheet_csv(rows, "en") == '\ufeffid,v\r\na,"1,5"\r\nb,\r\n'.encode()
    assert spreadsheet_csv(rows, "en", line_end="\n", bom=False) == b'id,v\na,"1,5"\nb,\n'


def test_a_lone_carriage_return_is_quoted_whatever_the_line_end() -> None:
    # Python's writer quotes only the characters of its own line end: a title holding a lone
    # « \r » was written bare into the English ranking (rows ending « \n »), and a spreadsheet
    # split the row there
    assert spreadsheet_csv([["a\rb", "c"]], "en", line_end="\n", bom=False) == b'"a\rb",c\n'


def test_every_cell_is_neutralised_once() -> None:
    rows = [["=id", "v"], ["@SUM(1)", "-1,33"], ["'=x", "+ de lien"], [3, -2.5]]
    text = spreadsheet_csv(rows, "fr").decode("utf-8-sig")
    # a formula gets one « ' »; a plain number, a number and a text already neutralised
    # are left as they are
    assert text.split("\r\n") == ["'=id;v", "'@SUM(1);-1,33", "'=x;'+ de lien", "3;-2.5", ""]


def test_the_columns_of_numbers_are_not_looked_at_but_the_header_and_texts_are() -> None:
    rows = [["=titre", "=n"], ["=HYPERLINK(1)", "-3"], ["ok", "=1"]]
    text = spreadsheet_csv(rows, "fr", numbers={1}).decode("utf-8-sig")
    # column 1 is the caller's numbers below the header: « =1 » there is the caller's word,
    # written as given; the header and column 0 are neutralised
    assert text.split("\r\n") == ["'=titre;'=n", "'=HYPERLINK(1);-3", "ok;=1", ""]


def test_the_four_spreadsheet_csvs_are_written_by_the_one_writer() -> None:
    writers = ["src/isgrid/documents/score_outputs.py", "src/isgrid/workspace/files.py",
               "src/isgrid/grid/csvexport.py", "src/isgrid/analysis/comparison/csvtable.py"]
    for path in writers:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "spreadsheet_csv(" in text, path
        assert not re.search(r"csv\.writer\(|\\ufeff|lineterminator", text), path
