"""``isgrid record check`` in the documents' words: an input is « un fichier lu par
l'appel », never « une entrée » (in a call with a journal, a journal entry), and the
selection's changes are named as the documents name them (« enveloppe », « reste »,
« attribué »), not by the record's JSON keys (« budget, remaining », « granted »): review
audit, finding 12.

The example (alsace-2016): budget 52 000, AL16-01 and AL16-02 proposed (27 000 + 24 000 =
51 000, 1 000 left).  At 45 000 only AL16-01 fits (27 000, 18 000 left): the budget, the
money left, the lists and the money committed change."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import run
from isgrid.cli import cli
from testpaths import EXAMPLES


def _check(folder: Path, record: Path, lang: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "record", "check", str(folder),
                                   str(record)])
    assert res.exit_code == 1, res.output
    return res.output.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_selection_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    record = tmp_path / "enregistrement.json"
    run("score", folder, "--record", record)
    call = folder / "call.yaml"
    call.write_text(call.read_text(encoding="utf-8").replace("budget: 52000", "budget: 45000"),
                    encoding="utf-8")
    fr = _check(folder, record, "fr")
    assert ("la sélection a changé : enveloppe, engagé, reste, liste de réserve, "
            "liste retenue [record-mismatch]") in fr
    assert ("Indice : Un fichier lu par l'appel, la grille, les paramètres ou la version "
            "d'isgrid ont changé depuis l'enregistrement.") in fr
    assert "remaining" not in fr and "une entrée" not in fr.lower()
    en = _check(folder, record, "en")
    assert ("the selection changed: budget, committed, left, reserve list, retained list "
            "[record-mismatch]") in en
