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


def test_a_workbook_renamed_to_the_other_kind_is_told_to_take_its_name_back(
        tmp_path: Path) -> None:
    """An .xlsx renamed .ods said « cannot open the workbook (KeyError) », and the reverse
    « There is no item named '[Content_Types].xml' » (review s16 hostile, finding 11): the
    zip's members tell which workbook it is, and the name to give it back."""
    import openpyxl
    from odsbooks import ods_of

    folder = new_call(tmp_path)
    made = tmp_path / "made.xlsx"
    openpyxl.Workbook().save(made)
    xlsx_as_ods = tmp_path / "j3.ods"
    xlsx_as_ods.write_bytes(made.read_bytes())
    ods_as_xlsx = tmp_path / "j1.xlsx"
    ods_of(made, tmp_path / "made.ods").rename(ods_as_xlsx)
    said = _said("sheets", "import", str(folder), str(xlsx_as_ods), str(ods_as_xlsx))
    assert (f"{xlsx_as_ods} : ce fichier est un classeur .xlsx nommé .ods : renommez-le "
            "j3.xlsx [xlsx-unreadable] Indice : Renommez le fichier j3.xlsx (il contient un "
            "classeur .xlsx), puis importez-le de nouveau.") in said
    assert (f"{ods_as_xlsx} : ce fichier est un classeur .ods nommé .xlsx : renommez-le "
            "j1.ods [xlsx-unreadable]") in said
    assert "KeyError" not in said and "Content_Types" not in said
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(folder),
                                   str(xlsx_as_ods)])
    assert res.exit_code != 0
    assert (f"{xlsx_as_ods}: this file is an .xlsx workbook named .ods: rename it j3.xlsx "
            "[xlsx-unreadable]") in " ".join(res.output.split())
