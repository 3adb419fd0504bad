"""Files of another run left in an output folder are named (review year2, finding 9).

A secretariat's second year wrote this year's letters over last year's ``lettres/`` with
``--force``: five letters of last year's call stayed beside this year's six, the command
said « écrit : … (6) », and the folder went to the mail merge as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "aap"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_last_years_letters_left_in_the_folder_are_named(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "lettres"
    out.mkdir()
    (out / "AL15-04.html").write_text("2015", encoding="utf-8")
    (out / "AL15-09.html").write_text("2015", encoding="utf-8")
    (out / "liste.txt").write_text("notes", encoding="utf-8")  # not a letter: not named
    (out / "AL16-01.html").write_text("old", encoding="utf-8")  # replaced: not named
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(folder), "--kind", "feedback",
                                   "-o", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert (f"{out}: 2 files of the folder were not written by this command (another run's?): "
            "AL15-04.html, AL15-09.html [output-others]") in res.output
    assert (out / "AL16-01.html").read_text(encoding="utf-8") != "old"
    assert (out / "AL15-04.html").read_text(encoding="utf-8") == "2015"  # never removed


def test_a_clean_folder_and_one_dossier_say_nothing(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "lettres"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "feedback", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "output-others" not in res.output
    # one dossier's letter rewritten: the others are this call's, nothing to say
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "feedback", "-o", str(out),
                                   "--dossier", "AL16-03", "--force"])
    assert res.exit_code == 0 and "output-others" not in res.output, res.output


def test_last_years_workbooks_are_named_too(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "fiches"
    out.mkdir()
    (out / "j9.xlsx").write_bytes(b"2015")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", str(folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert ("1 fichier du dossier n'a pas été écrit par cette commande (d'un autre envoi\u202f?)"
            "\u00a0: j9.xlsx [output-others]") in res.output
