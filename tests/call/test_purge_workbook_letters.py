"""The letters' check (``letter-personal-data``) reads the applicants' contacts of a table
kept as ``dossiers.xlsx`` as the purge reads them, streamed.  A workbook it could not
open gave it no contact, without a word (review s16 hostile, 1's blind spot): it is now
a warning saying so, as the purge says it."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from test_purge_workbook import EMAIL, _book_call

from isgrid.cli.main import cli


def _shared(call: Path) -> None:
    """j1's comment on AL16-02 (line 10 of ratings/j1.csv), shared: it quotes AL16-01's
    e-mail, which only the workbook gives."""
    path = call / "ratings" / "j1.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[9][:3] == ["AL16-02", "j1", "ALS-2"]
    rows[0].append("shareable")
    for row in rows[1:]:
        row.append("")
    rows[9][4:6] = [f"Voir avec {EMAIL}", "oui"]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _letters(call: Path, out: Path) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", "report", str(call), "--kind", "feedback",
                                    "--format", "md", "-o", str(out)])


def _said(res: Result) -> list[str]:
    return [x for x in res.output.splitlines() if "[letter-personal-data]" in x]


def test_a_workbook_the_whole_load_refuses_is_read_streamed(tmp_path: Path) -> None:
    """The workbook of finding 1 (``defaultRowHeight="abc"``: openpyxl's whole load raises
    a TypeError) is read streamed, as isgrid's reader reads it: AL16-01's e-mail is found
    in AL16-02's letter."""
    call = _book_call(tmp_path)
    book = call / "dossiers.xlsx"
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb"<sheetFormatPr[^>]*?/>", b'<sheetFormatPr baseColWidth="8" defaultRowHeight="abc"/>',
        parts["xl/worksheets/sheet1.xml"], count=1)
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(TypeError):
        openpyxl.load_workbook(book)
    _shared(call)
    res = _letters(call, tmp_path / "lettres")
    assert res.exit_code == 0, res.output
    assert _said(res) == [
        f"Warning: {call / 'ratings' / 'j1.csv'}:10: the letter to AL16-02 would quote this "
        f"shared comment, which writes {EMAIL!r}, a contact of the applicant of AL16-01 "
        "[letter-personal-data]"], res.output


def test_a_workbook_the_check_cannot_open_is_said(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook openpyxl cannot open at all for the check (emulated once the call is
    read: its reader's own opening is not touched) is said, never read as « no contact »."""
    call = _book_call(tmp_path)
    _shared(call)
    real = openpyxl.load_workbook

    def refused(path: object, *args: object, **kwargs: object) -> object:
        if isinstance(path, Path) and path.name == "dossiers.xlsx":
            raise TypeError("expected <class 'float'>")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", refused)
    res = _letters(call, tmp_path / "lettres")
    assert res.exit_code == 0, res.output
    assert _said(res) == [
        f"Warning: {call / 'dossiers.xlsx'}: the letters' check cannot open this workbook to "
        "read the applicants' contact columns (TypeError): a shared comment quoting another "
        "applicant's contact would not be found [letter-personal-data]"], res.output
    fr = CliRunner().invoke(cli, ["--lang", "fr", "report", str(call), "--kind", "feedback",
                                  "--format", "md", "-o", str(tmp_path / "fr")])
    assert "la vérification des lettres ne peut pas ouvrir ce classeur" in fr.output, fr.output
