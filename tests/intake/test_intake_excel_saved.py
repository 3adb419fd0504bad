"""An export opened and saved in Excel before ``isgrid intake``: a SIRET Excel wrote in
scientific notation is refused at its cell, never written into the dossier's file; a title
Excel turned into ``#NOM?`` likewise (review excel, finding 1 and 3)."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, make_intake_call, write_csv
from isgrid.cli.main import cli


def test_a_siret_and_a_title_excel_rewrote(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    saved = copy.deepcopy(DOSSIERS)
    saved[0]["siret"] = "1,23457E+13"  # 12345678900015 after Excel's « Standard » format
    saved[1]["title"] = "#NOM?"  # « + de lien social » typed without an apostrophe
    export = write_csv(tmp_path / "export.csv", saved)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 1, res.output
    out = res.output
    assert "'1,23457E+13' is a number Excel wrote in scientific notation: its digits are lost " \
           "[excel-mangled]" in out, out
    assert "'#NOM?', an error value Excel wrote in place of what was typed " \
           "[excel-error-value]" in out, out
    assert not (call / "dossiers").exists() or not any((call / "dossiers").iterdir())
