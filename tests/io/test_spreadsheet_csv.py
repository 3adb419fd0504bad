"""The one writer of the CSV files a person opens in a spreadsheet
(:func:`isgrid.io.cells.spreadsheet_csv`): the ranking, the invitations' and the letters' mail
merges, the jurors' CSV sheets, a grid's criteria and the comparison's tables call it, and
nothing else writes their separator, line end, BOM or formula neutralisation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents import dossier_models as dm
from isgrid.documents.letters_merge import CSV_ROWS, letters_csv_pieces
from isgrid.io.cells import spreadsheet_csv
from isgrid.jury.sheets import write_sheets

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


def test_the_six_spreadsheet_csvs_are_written_by_the_one_writer() -> None:
    writers = ["src/isgrid/documents/score_outputs.py", "src/isgrid/workspace/files.py",
               "src/isgrid/grid/csvexport.py", "src/isgrid/analysis/comparison/csvtable.py",
               "src/isgrid/jury/sheets.py", "src/isgrid/documents/letters_merge.py"]
    for path in writers:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "spreadsheet_csv(" in text, path
        assert not re.search(r"csv\.writer\(|\\ufeff|lineterminator", text), path


ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_jurors_csv_sheet_neutralises_a_formula_title_and_comment(tmp_path: Path,
                                                                   lang: str) -> None:
    """The CSV sheet of ``isgrid sheets --format csv``: the title ``=HYPERLINK(…)`` and the
    comments « @SUM(1+1) », « - ancrage » given before get one « ' »; the rating 2.5 is
    written « 2,5 » in French; « ; », a BOM in French, « , » and none in English (as the
    English sheet has always been), rows ending « \r\n »."""
    folder = make_call(tmp_path, "mini-scored", call={
        "lang": lang, "assessors": [{"id": "j1", "name": "Anne"}]},
        dossiers=[{"id": "D1", "title": '=HYPERLINK("http://x")'} | ELIGIBLE],
        ratings=[("D1", "j1", "B1", 2.5, "@SUM(1+1)"), ("D1", "j1", "B2", 3, "- ancrage")])
    write_sheets(load_call(folder), tmp_path / "out", fmt="csv", lang=lang)
    head = 'D1,"\'=HYPERLINK(""http://x"")",dossiers/D1.yaml,j1,'
    opinion = ("Avis global (favorable / réservé / défavorable)" if lang == "fr"
               else "Overall opinion (favourable / reserved / unfavourable)")
    want = ["dossier,title,file,assessor,criterion,label,value,comment,shareable",
            head + "B1,Besoin social,2.5,\'@SUM(1+1),",
            head + "B2,Public,Bon,\'- ancrage,",  # 3 is the level « Bon » of the grid
            head + "I1,Impact,,,",
            head + "(avis)," + opinion + ",,,", ""]
    if lang == "fr":
        want = [x.replace(",", ";").replace("2.5", "2,5") for x in want]
        want[0] = "\ufeff" + want[0]
    assert (tmp_path / "out" / "j1.csv").read_bytes() == "\r\n".join(want).encode()


def _letter(i: int, title: str, motivation: str | None = None) -> dm.Letter:
    return dm.Letter(id=f"D{i}", title=title, outcome="Retenu.", reasons=[], amount=None,
                     sections=[], strengths=[], improvements=[], synthesis=[],
                     motivation=motivation)


def test_the_letters_mail_merge_neutralises_a_formula_title_and_motivation() -> None:
    """``report --kind feedback --format csv``: the title « -2+HYPERLINK(…) » and the
    motivation « =1+1 » get one « ' »; « +33 ressourcerie » too (a spreadsheet reads
    « +33 » then a word as a formula); its 21 columns, « ; », a BOM, « \r\n »."""
    letters = [_letter(1, '-2+HYPERLINK("http://x")', "=1+1"), _letter(2, "+33 ressourcerie")]
    data = b"".join(letters_csv_pieces(letters, "fr"))
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0].startswith("\ufeffdossier;projet;decision;montant;")
    assert lines[1] == 'D1;"\'-2+HYPERLINK(""http://x"")";Retenu.;;;;\'=1+1' + ";" * 14
    assert lines[2] == "D2;\'+33 ressourcerie;Retenu.;;;;" + ";" * 14
    assert lines[3:] == [""]


def test_the_letters_mail_merge_in_pieces_has_one_header_and_one_bom() -> None:
    """Made a few hundred letters at a time: the pieces joined are the one file the writer
    makes of every row at once (one BOM, one header, each formula neutralised)."""
    letters = [_letter(i, "=T" if i % 2 else "T") for i in range(1, CSV_ROWS + 3)]
    pieces = list(letters_csv_pieces(letters, "en"))
    assert len(pieces) == 2  # 256 letters (and the header), then 2
    assert pieces[0].startswith("\ufeff".encode()) and b"\xef\xbb\xbf" not in pieces[1]
    text = b"".join(pieces).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert len(lines) == 1 + CSV_ROWS + 2 + 1 and lines[0].startswith("dossier,project,")
    assert lines[CSV_ROWS + 1] == "D257,\'=T,Retenu.," + "," * 17
    assert lines[CSV_ROWS + 2] == "D258,T,Retenu.," + "," * 17
