"""A juror's workbook that does not open (review s16 guide, finding 4): the library's words
in parentheses, as every library error is quoted (README), and a hint that fits the file's
kind: an .ods is saved again as .ods or .xlsx (the guide: « Inutile de lui demander de
l'enregistrer de nouveau au format Excel »), an .xlsx as .xlsx.  The code stays
``xlsx-unreadable`` (codes are a contract)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_jury_sheets import new_call

from isgrid.cli import cli


def _said(*args: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    assert res.exit_code != 0, res.output
    return " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_a_damaged_ods_asks_to_save_it_again_as_ods_or_xlsx(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    book = tmp_path / "j3.ods"
    book.write_text("pas un classeur", encoding="utf-8")
    said = _said("sheets", "import", str(folder), str(book))
    assert (f"{book} : impossible d'ouvrir le classeur (File is not a zip file) "
            "[xlsx-unreadable]") in said
    assert "Indice : Enregistrez-le de nouveau (.ods ou .xlsx) depuis votre tableur." in said
    assert "en .xlsx" not in said


def test_a_damaged_xlsx_asks_to_save_it_again_as_xlsx(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    book = tmp_path / "j3.xlsx"
    book.write_text("pas un classeur", encoding="utf-8")
    said = _said("sheets", "import", str(folder), str(book))
    assert (f"{book} : impossible d'ouvrir le classeur (File is not a zip file) "
            "[xlsx-unreadable]") in said
    assert "Indice : Enregistrez-le de nouveau en .xlsx depuis votre tableur." in said
