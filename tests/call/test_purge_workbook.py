"""``isgrid call purge`` empties the contact columns of a table of dossiers kept as a
workbook (``dossiers.xlsx``) as it does those of ``dossiers.csv`` (review misc, left over:
a workbook only got a warning, and the applicants' e-mails stayed in it).  Every other cell
of every sheet keeps its value and its style; a workbook holding what isgrid cannot write
back (a comment's box, an image, a chart…) is left as it is, the warning saying why."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner, Result
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from isgrid.call.load import load_call
from isgrid.call.purge_people import contact_values
from isgrid.cli.main import cli
from testpaths import EXAMPLES

EMAIL = "marie@recyclerie.example"
PHONE = "03 89 00 00 00"
REASON = f"Le porteur renonce (courriel de {EMAIL} du 2 mai)"
COLS = ["id", "title", "departement", "legal_form", "amount_requested", "eligible_costs",
        "submitted_at"]


def _book_call(tmp_path: Path, comment: bool = False) -> Path:
    """The example, its eight dossiers as one workbook: a bold header, amounts in a euro
    format, a yellow cell, a wide title column, a second sheet of notes; an e-mail and a
    phone column that only AL16-01 fills (row 2), retention over; AL16-02 withdrawn by a
    motive quoting AL16-01's e-mail."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "since": "2024-06-30", "contact_facts": ["email", "phone"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "dossiers"
    ws.append([*COLS, "Email", "phone"])  # (a column named in any case)
    for path in sorted((call / "dossiers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        cells = [data.get(c) for c in COLS]
        ws.append([*cells, *([EMAIL, PHONE] if data["id"] == "AL16-01" else [None, None])])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = '#,##0 "€"'
    ws["B3"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["H2"].font = Font(italic=True)  # the e-mail's cell: emptied, its style kept
    ws.column_dimensions["B"].width = 42
    if comment:
        ws["B2"].comment = Comment("relu en CA", "secrétariat")
    wb.create_sheet("notes").append(["Appel 2016", "à relire"])
    shutil.rmtree(call / "dossiers")
    wb.save(call / "dossiers.xlsx")
    run = CliRunner().invoke(cli, ["withdraw", str(call), "AL16-02", "--by", "Service ESS",
                                   "--reason", REASON])
    assert run.exit_code == 0, run.output
    return call


def _purge(call: Path, *more: str, lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--lang", lang, "call", "purge", str(call), *more,
                                    "--today", "2025-07-01"])


def _said(res: Result) -> list[str]:
    """The purge-name-left warnings about the workbook (the example's platform export,
    export-dossiers.csv, has its own)."""
    return [line for line in res.output.splitlines()
            if "[purge-name-left]" in line and "dossiers.xlsx" in line]


def _cells(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.value is not None}


def test_the_workbooks_contact_columns_are_emptied(tmp_path: Path) -> None:
    call = _book_call(tmp_path)
    book = call / "dossiers.xlsx"
    before = _cells(book)
    assert before[("dossiers", "H2")] == EMAIL and before[("dossiers", "I2")] == PHONE
    ranking = load_call(call).dossiers
    _, owners = contact_values(load_call(call))  # the letters' check reads them too
    assert owners == {EMAIL: {"AL16-01"}, PHONE: {"AL16-01"}}
    trial = _purge(call)
    assert trial.exit_code == 0, trial.output
    assert "would remove: Email, phone from dossiers.xlsx" in trial.output, trial.output
    assert not _said(trial), trial.output
    assert _cells(book) == before  # a trial changes nothing
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    after = _cells(book)
    # the two contact cells, and only they, are gone: 9 header cells + 8 rows, sheet 2 kept
    assert {k: v for k, v in before.items() if k not in {("dossiers", "H2"),
                                                         ("dossiers", "I2")}} == after
    assert ("notes", "B1") in after and after[("notes", "B1")] == "à relire"
    wb = openpyxl.load_workbook(book)
    ws = wb["dossiers"]
    assert ws["H1"].value == "Email" and ws["H2"].value is None and ws["H2"].font.i
    assert all(c.font.b for c in ws[1])  # the header still bold
    assert ws["E2"].number_format == '#,##0 "€"' and ws["B3"].fill.fgColor.rgb == "00FFFF00"
    assert ws.column_dimensions["B"].width == 42
    journal = (call / "journal.jsonl").read_text("utf-8")
    assert EMAIL not in journal and "[coordonnées retirées par la purge]" in journal
    assert CliRunner().invoke(cli, ["journal", "verify", str(call)]).exit_code == 0
    assert [(d.id, d.facts) for d in load_call(call).dossiers] == \
        [(d.id, d.facts) for d in ranking]  # the dossiers' facts as before
    assert contact_values(load_call(call))[1] == {}


def test_a_workbook_isgrid_cannot_write_back_is_said_and_kept(tmp_path: Path) -> None:
    call = _book_call(tmp_path, comment=True)
    book = call / "dossiers.xlsx"
    data = book.read_bytes()
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    assert book.read_bytes() == data  # not a byte changed
    assert _said(res) == [f"Warning: {book}: the table of dossiers keeps the applicants' contact "
                    "columns Email, phone: the purge does not rewrite this workbook, whose "
                    "cell comments isgrid cannot write back [purge-name-left]"], res.output
    fr = _said(_purge(call, lang="fr"))
    assert len(fr) == 1 and "les commentaires de cellule" in fr[0], fr
    # its values are looked for elsewhere all the same: the journal's motive
    assert EMAIL not in (call / "journal.jsonl").read_text("utf-8")


def test_a_copy_that_does_not_read_back_as_it_was_is_not_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The purged copy is read back before it is kept, streamed sheet by sheet and row by
    row: a cell that differs (emulated: the read-back sees one more cell) and nothing is
    written, the warning says so."""
    from collections.abc import Iterator

    from isgrid.call import purge_workbook

    call = _book_call(tmp_path)
    book = call / "dossiers.xlsx"
    data = book.read_bytes()
    real = purge_workbook._read_back

    def read_back(saved: bytes) -> Iterator[tuple[object, ...]]:
        yield from real(saved)
        yield ("dossiers", 99, 26, "?", "General")  # Z99

    monkeypatch.setattr(purge_workbook, "_read_back", read_back)
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    assert book.read_bytes() == data
    assert _said(res) == [f"Warning: {book}: the table of dossiers keeps the applicants' contact "
                          "columns Email, phone: the purge does not rewrite this workbook, whose "
                          "cells (read back, the copy differed) isgrid cannot write back "
                          "[purge-name-left]"], res.output


def test_what_would_be_lost_is_listed_in_words() -> None:
    from isgrid.call.purge_workbook import _LOST, _joined

    words = dict(_LOST)
    parts = [words["xl/media/"], words["xl/charts/"], words["xl/vbaProject"]]
    assert str(_joined(parts[:1])) == "images"
    assert str(_joined(parts[:2])) == "images and charts"
    assert str(_joined(parts)) == "images, charts and macros"
    assert _joined(parts).translated("fr") == "les images, les graphiques et les macros"


def test_a_workbook_openpyxl_cannot_open_is_warned_never_said_purged(tmp_path: Path) -> None:
    """isgrid's own reader reads a workbook whose sheet says ``defaultRowHeight="abc"``;
    openpyxl refuses it (a TypeError).  The purge said « purged » and left AL16-01's e-mail
    in it, without a word (review s16 hostile, finding 1): it is now warned, the file left
    byte for byte."""
    import re
    import zipfile

    call = _book_call(tmp_path)
    book = call / "dossiers.xlsx"
    parts = {}
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    assert "<sheetFormatPr" in sheet
    sheet = re.sub(r'<sheetFormatPr[^>]*?/>', '<sheetFormatPr baseColWidth="8" '
                   'defaultRowHeight="abc"/>', sheet, count=1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(Exception):  # noqa: B017 -- whatever openpyxl raises
        openpyxl.load_workbook(book)
    assert len(load_call(call).dossiers) == 8  # isgrid reads it
    before = book.read_bytes()
    # the dry run, which reads it streamed, says it as --apply will (the sheet's properties
    # read as openpyxl's whole load reads them, without its cells), naming its columns
    trial = _said(_purge(call))
    assert len(trial) == 1 and "cannot open this workbook" in trial[0], trial
    assert "(TypeError)" in trial[0] and "(Email, phone)" in trial[0]
    res = _purge(call, "--apply")
    assert res.exit_code == 0, res.output
    said = _said(res)
    assert said == trial, res.output
    assert book.read_bytes() == before  # not rewritten: the e-mail is still there, and said
    with zipfile.ZipFile(book) as z:
        assert any(EMAIL.encode() in z.read(n) for n in z.namelist())
