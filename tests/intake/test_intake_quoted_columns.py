"""Column labels listed in an intake message are each quoted as the language quotes.

« Colonnes de l'export qu'aucune clé ne prend : « Avis de l'instruction”, “Nom de la
structure »… » mixed the French quotes of the catalogue with the English ones the code put
between the labels; « aucune des colonnes « A”, “B » » did too.  Now each label is quoted
alone (:class:`isgrid.messages.Quoted`): « « A », « B » » in French, with no-break spaces
inside, “A”, “B” in English; a label holding an apostrophe keeps it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner, Result

from dnexport import make_intake_call
from isgrid.cli.main import cli
from isgrid.messages import Message, Quoted

FR = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
EN = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C"}
B = "\u00a0"
NOTE, HOLDER = "Avis de l'instruction (annotation)", "Nom de la structure"


def test_quoted_by_hand() -> None:
    said = Message("none of the columns {labels} is in {source}",
                   labels=Quoted(["Montant", NOTE]), source="e.csv")
    assert str(said) == f"none of the columns “Montant”, “{NOTE}” is in e.csv"
    assert said.translated("fr") == \
        f"aucune des colonnes «{B}Montant{B}», «{B}{NOTE}{B}» n'est dans e.csv"


def _intake(tmp_path: Path, amount: object, env: dict) -> Result:
    tmp_path.mkdir()
    export = tmp_path / "export.csv"
    with open(export, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["ID", "État du dossier", "Déposé le", "Intitulé du projet", NOTE, HOLDER])
        w.writerow([201, "En instruction", "2026-02-10 17:05:00 +0100", "Atelier", "", "Asso"])
    call = make_intake_call(tmp_path / "call", intake={
        "title": "Intitulé du projet", "facts": {"amount_requested": amount},
        "experts": {}, "lists": {}, "ignore": []})
    return CliRunner().invoke(cli, ["intake", str(call), "--from", str(export), "--dry-run"],
                              env=env)


def test_the_columns_no_mapping_takes(tmp_path: Path) -> None:
    fr = _intake(tmp_path / "fr", "Qqqqqqqq", FR)
    assert (f"Colonnes de l'export qu'aucune clé ne prend{B}: «{B}{NOTE}{B}», "
            f"«{B}{HOLDER}{B}».") in fr.output, fr.output
    en = _intake(tmp_path / "en", "Qqqqqqqq", EN)
    assert f"Columns of the export no mapping takes: “{NOTE}”, “{HOLDER}”." in en.output, \
        en.output
    assert "”, “" not in fr.output and '"' + NOTE not in fr.output + en.output


def test_none_of_the_columns(tmp_path: Path) -> None:
    fr = _intake(tmp_path / "fr", ["Qqqqqqqq", "Zzzzzzzz"], FR)
    assert f"aucune des colonnes «{B}Qqqqqqqq{B}», «{B}Zzzzzzzz{B}» n'est dans" in fr.output, \
        fr.output
    en = _intake(tmp_path / "en", ["Qqqqqqqq", "Zzzzzzzz"], EN)
    assert "none of the columns “Qqqqqqqq”, “Zzzzzzzz” is in" in en.output, en.output
