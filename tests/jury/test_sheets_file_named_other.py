"""A workbook whose file name names another declared juror (``w/j3.xlsx`` holding j2's
sealed workbook) is said, as a warning (``sheet-file-named-other``); the import itself is as
before: j2's, « unchanged » (isgrid.jury.owner.check_file_name; docs/jury.md « Whose workbook
it is », docs/fr/preparer-un-appel.md §5)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli.main import cli
from testpaths import EXAMPLES


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _call(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    books = tmp_path / "fiches"
    res = _run("sheets", folder, "--assessor", "j2", "-o", books)
    assert res.exit_code == 0, res.output
    return folder, books / "j2.xlsx"


def test_a_file_named_for_another_juror_is_said(tmp_path: Path) -> None:
    folder, book = _call(tmp_path)
    (tmp_path / "w").mkdir()
    named = tmp_path / "w" / "j3.xlsx"
    shutil.copy(book, named)
    before = (folder / "ratings" / "j2.csv").read_bytes()
    j3 = (folder / "ratings" / "j3.csv").read_bytes()
    res = _run("--lang", "fr", "sheets", "import", folder, named, "--replace")
    assert res.exit_code == 0, res.output
    assert (f"{named} est le classeur de j2 (Marc Wendling), pas celui de j3 "
            "[sheet-file-named-other]") in res.output, res.output
    assert "Avertissement\u00a0:" in res.output
    # the import as before: j2's workbook, j2's ratings, unchanged
    assert f"inchangé\u00a0: {folder / 'ratings' / 'j2.csv'}" in res.output
    assert (folder / "ratings" / "j2.csv").read_bytes() == before
    assert (folder / "ratings" / "j3.csv").read_bytes() == j3  # j3's own, untouched
    res = _run("--lang", "en", "sheets", "import", folder, named, "--replace")
    assert (f"{named} is the workbook of j2 (Marc Wendling), not that of j3") in res.output


def test_a_file_named_for_its_juror_or_no_one_is_not(tmp_path: Path) -> None:
    folder, book = _call(tmp_path)
    for name in ("j2.xlsx", "retour-J2 corrigé.xlsx", "classeur.xlsx", "j30.xlsx"):
        other = tmp_path / "w" / name
        other.parent.mkdir(exist_ok=True)
        shutil.copy(book, other)
        res = _run("--lang", "en", "sheets", "import", folder, other, "--replace")
        assert res.exit_code == 0, res.output
        assert "sheet-file-named-other" not in res.output, (name, res.output)
