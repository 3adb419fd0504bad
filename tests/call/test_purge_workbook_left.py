"""A removed contact value copied elsewhere in ``dossiers.xlsx`` — another sheet, a defined
name, a header or footer, a cell comment — stayed there while the purge said « purged »
(review s16 hostile, 2).  It is now a ``purge-name-left`` warning naming where (the sheet
and the cell), the dry run's as ``--apply``'s; those places are the secretariat's and are
never emptied by the purge."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from test_purge_workbook import EMAIL, PHONE, _book_call, _cells, _purge

from isgrid.call.load import load_call
from isgrid.call.purge_people import contact_values


def _left(output: str) -> list[str]:
    return [line for line in output.splitlines()
            if "[purge-name-left]" in line and "dossiers.xlsx" in line]


def _edit(call: Path, change: object) -> None:
    book = call / "dossiers.xlsx"
    wb = openpyxl.load_workbook(book)
    change(wb)  # type: ignore[operator]
    wb.save(book)


def test_a_contact_copied_to_another_sheet_is_said_with_its_cell_and_kept(
        tmp_path: Path) -> None:
    call = _book_call(tmp_path)

    def contacts(wb: openpyxl.Workbook) -> None:
        ws = wb.create_sheet("contacts")
        ws.append(["dossier", "courriel"])
        ws.append(["AL16-01", EMAIL])
        ws.append(["AL16-01", f"rappeler au {PHONE} avant midi"])  # inside a longer text
        ws.append(["AL16-03", "aucun"])

    _edit(call, contacts)
    book = call / "dossiers.xlsx"
    want = [f"Warning: {book}!contacts!B2: {EMAIL!r} is still written here [purge-name-left]",
            f"Warning: {book}!contacts!B3: {PHONE!r} is still written here [purge-name-left]"]
    trial = _purge(call)
    assert trial.exit_code == 0, trial.output
    assert _left(trial.output) == want, trial.output
    fr = _purge(call, lang="fr")
    assert f"{book}!contacts!B2\u00a0: «\u00a0{EMAIL}\u00a0» est encore écrit ici" in fr.output, fr.output
    assert "les autres feuilles du classeur" in fr.output
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    assert _left(res.output) == want, res.output
    after = _cells(book)
    # the table's contact cells emptied, the secretariat's sheet kept as it was
    assert ("dossiers", "H2") not in after and ("dossiers", "I2") not in after
    assert after[("contacts", "B2")] == EMAIL
    assert after[("contacts", "B3")] == f"rappeler au {PHONE} avant midi"
    # (once the table is emptied, a later purge no longer knows the value: said by the
    # purge that removed it, and its dry run, only; the hint says so)
    assert _left(_purge(call).output) == []


def test_a_contact_in_a_defined_name_a_header_or_a_comment_is_said(tmp_path: Path) -> None:
    call = _book_call(tmp_path)

    def elsewhere(wb: openpyxl.Workbook) -> None:
        wb.defined_names["contact_porteur"] = DefinedName(
            "contact_porteur", attr_text=f'"{EMAIL}"')
        notes = wb["notes"]
        notes.oddFooter.center.text = f"Contact : {PHONE}"
        notes["A1"].comment = Comment(f"écrire à {EMAIL}", "secrétariat")

    _edit(call, elsewhere)
    book = call / "dossiers.xlsx"
    with zipfile.ZipFile(book) as z:
        assert EMAIL.encode() in z.read("xl/workbook.xml")
    res = _purge(call)
    assert res.exit_code == 0, res.output
    left = _left(res.output)
    assert f"Warning: {book}!notes: {PHONE!r} is still written in this sheet's header or " \
        "footer [purge-name-left]" in left, res.output
    assert f"Warning: {book}!notes!A1: {EMAIL!r} is still written in this cell's comment " \
        "[purge-name-left]" in left, res.output
    assert f"Warning: {book}: {EMAIL!r} is still written in the defined name " \
        "'contact_porteur' [purge-name-left]" in left, res.output
    # (a comment's box is what isgrid cannot write back: the contact columns are kept, said)
    assert any("cell comments isgrid cannot write back" in line for line in left), left
    assert len(left) == 4, left


def test_a_value_from_the_dossier_files_is_looked_for_in_the_workbook_too(
        tmp_path: Path) -> None:
    """The removed values are all the call's: a contact the table does not give (another
    dossier's, here the journal's motive quotes AL16-01's) is looked for in the workbook's
    other sheets as well; a workbook without one says nothing."""
    call = _book_call(tmp_path)
    res = _purge(call)
    assert _left(res.output) == [], res.output  # the example's own workbook: nothing left
    assert contact_values(load_call(call))[1] == {EMAIL: {"AL16-01"}, PHONE: {"AL16-01"}}


def test_a_contact_in_a_cells_link_is_said_but_the_contact_cells_own(tmp_path: Path) -> None:
    """A ``mailto:`` link on a cell of another sheet keeps the address (said); the link of
    the table's e-mail cell goes with its value (not said)."""
    call = _book_call(tmp_path)

    def links(wb: openpyxl.Workbook) -> None:
        wb["dossiers"]["H2"].hyperlink = f"mailto:{EMAIL}"
        wb["notes"]["A1"].hyperlink = f"mailto:{EMAIL}"

    _edit(call, links)
    book = call / "dossiers.xlsx"
    want = [f"Warning: {book}!notes!A1: {EMAIL!r} is still written in this cell's link "
            "[purge-name-left]"]
    assert _left(_purge(call).output) == want
    res = _purge(call, "--apply")
    assert _left(res.output) == want, res.output
    with zipfile.ZipFile(book) as z:  # the table's link gone with its cell, the notes' kept
        assert [n for n in z.namelist() if EMAIL.encode() in z.read(n)] == \
            ["xl/worksheets/_rels/sheet2.xml.rels"]
