"""An ODS cell's text is read within bounds (the hostile review's finds): a 2 KB file
asking for 2,000,000,000 spaces ended in a MemoryError, 200,000 nested spans in a
RecursionError, and ``text:c="abc"`` in an unlocated error."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import fromstring

from dnexport import write_ods
from isgrid.errors import Collector
from isgrid.intake.sheets import MAX_CELL_CHARS, MAX_SPACES, _Read, _text, read_sheets

NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def para(inner: str) -> str:
    return _text(fromstring(f"<text:p {NS}>{inner}</text:p>"))


def test_the_text_in_document_order() -> None:
    assert para('a<text:s text:c="3"/>b<text:span>c<text:tab/>d</text:span>e'
                "<text:line-break/>f") == "a   bc\tde\nf"
    assert para('x<text:s text:c="abc"/>y') == "x y"  # a count that is none: one space


def test_bounded() -> None:
    assert len(para('<text:s text:c="2000000000"/>')) == MAX_CELL_CHARS
    deep = "<text:span>" * 200_000 + "z" + "</text:span>" * 200_000
    assert para(deep) == "z"


def test_a_long_text_comes_whole_and_a_text_beyond_the_bound_is_said_at_its_cell(
        tmp_path: Path) -> None:
    """Found by a review: a 42,920-character « Description du projet » in an ODS export
    was cut at 32,767 characters (Excel's limit, not an ODS's) without a word."""
    long = "Texte du porteur, phrase après phrase. " * 1100 + "FIN DU TEXTE."
    assert len(long) == 39 * 1100 + 13 == 42_913
    sheets = {"Dossiers": [["ID", "Description du projet"], [1201, long],
                           [1202, "x" * (MAX_CELL_CHARS + 5)]]}
    diags = Collector()
    [sheet] = read_sheets(write_ods(tmp_path / "e.ods", sheets), diags)
    assert sheet.rows[0][1][1] == long  # whole: « FIN DU TEXTE. » is there
    assert len(sheet.rows[1][1][1]) == MAX_CELL_CHARS
    [cut] = diags.warnings
    assert (cut.code, cut.location.sheet, cut.location.cell) == ("intake-text-cut", "Dossiers",
                                                                 "B3")
    assert not diags.errors


def test_the_spaces_asked_for_are_bounded_in_all() -> None:
    """Many cells each asking for many spaces: the total is bounded (a small file must not
    unpack to gigabytes), each cell's bound alone is not enough."""
    read = _Read()
    cell = f'<text:p {NS}><text:s text:c="{MAX_CELL_CHARS}"/></text:p>'
    for _ in range(MAX_SPACES // MAX_CELL_CHARS + 1):
        _text(fromstring(cell), MAX_CELL_CHARS, read)
    assert read.spaces > MAX_SPACES  # what _ods refuses (xlsx-too-large)


def test_a_value_beyond_the_header_is_left_out_and_noted(tmp_path: Path) -> None:
    """intake reads an export's named columns: a note typed in D3, past the header's last
    named column (B), is in no row, in an .ods as in an .xlsx; the sheet notes its column
    and first row (4 -> 3), which a juror's workbook refuses (jury/odsbook.py)."""
    from dnexport import write_xlsx

    sheets = {"Dossiers": [["ID", "Titre"], [1201, "a"], [1202, "b", None, "note"],
                           [1203, "c", None, None, "  "]]}
    for path in (write_ods(tmp_path / "e.ods", sheets), write_xlsx(tmp_path / "e.xlsx", sheets)):
        diags = Collector()
        [sheet] = read_sheets(path, diags)
        assert sheet.header == ["ID", "Titre"]
        assert [cells for _, cells in sheet.rows] == [[1201, "a"], [1202, "b"], [1203, "c"]]
        assert sheet.beyond == {4: 3}, path  # the blank text in E4 is no value
        assert not diags.items
