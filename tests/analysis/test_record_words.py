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


def test_numbers_in_the_language_of_the_check(tmp_path: Path) -> None:
    """Review recours, finding 13: « total 60.714285714 → 58.333333333 » in French.

    AL16-03 (j3 « NE » on AV-4.2): the seven criteria weigh alike, each out of 4, so the
    total is 100 × (sum of the means) / 28 = 100 × (8/3 + 7/3 + 8/3 + 7/3 + 2 + 8/3 + 7/3)
    / 28 = 100 × 17 / 28 = 60.714285714; j1's ALS-4 3 → 1 takes 2/3 off ALS-4's mean:
    100 × (17 − 2/3) / 28 = 58.333333333.  AL16-04 (22 000 asked, 40 000 of costs): 50 %
    of 40 000 = 20 000 proposed; with 30 000 of costs, 15 000."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    record = tmp_path / "enregistrement.json"
    run("score", folder, "--record", record)
    ratings = folder / "ratings" / "j1.csv"
    ratings.write_text(ratings.read_text(encoding="utf-8").replace(
        "AL16-03,j1,ALS-4,3,", "AL16-03,j1,ALS-4,1,"), encoding="utf-8")
    dossier = folder / "dossiers" / "AL16-04.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace(
        "eligible_costs: 40000", "eligible_costs: 30000"), encoding="utf-8")
    fr = _check(folder, record, "fr")
    assert "AL16-03 : total 60,714285714 → 58,333333333 [record-mismatch]" in fr, fr
    assert "AL16-04 : montant proposé 20 000 € → 15 000 € [record-mismatch]" in fr, fr
    en = _check(folder, record, "en")
    assert "AL16-03: total 60.714285714 → 58.333333333 [record-mismatch]" in en, en
    assert "AL16-04: proposed amount €20,000 → €15,000 [record-mismatch]" in en, en
