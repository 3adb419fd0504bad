"""A composite champ's two columns (« Département de réalisation » and « … (Code) »), and the
labels of columns quoted as each language quotes.

Found by a review (a regional secretariat following the French guide on a real export):
the guide mapped ``departement`` to « Département de réalisation », the column in which the
platform writes the département's *name* (« Haut-Rhin »; the code is in « Département de
réalisation (Code) »).  Every dossier became « irrecevable » on ``in: ["67", "68"]``, and
nothing said why; the code column was only « mapped to no fact », its label between
Python's quotes, which turned to "…" for a label with an apostrophe.
"""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner, Result

from dnexport import make_intake_call
from isgrid.cli.main import cli

FR = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
EN = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C"}
NAME, CODE = "Département de réalisation", "Département de réalisation (Code)"
NOTE = "Avis de l'instruction (annotation)"
HEADER = ["ID", "Email", "État du dossier", "Déposé le", "Intitulé du projet", NAME, CODE,
          "Montant demandé", "Dépenses éligibles (HT)", NOTE]
#: (number, title, département's name, its code, requested, eligible costs)
ROWS = [(201, "Atelier vélo solidaire de Colmar", "Haut-Rhin", "68", 18000, 40000),
        (202, "Tiers-lieu nourricier de Sélestat", "Bas-Rhin", "67", 25000, 60000),
        (203, "Garage solidaire de Metz", "Moselle", "57", 16000, 40000)]


def _export(path: Path) -> Path:
    """A CSV export as the platform writes one: commas, ISO dates with their offset, plain
    integer amounts, the « Département » champ as its name and « (Code) » columns."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for number, title, name, code, asked, costs in ROWS:
            w.writerow([number, f"contact-{number}@asso.example", "En instruction",
                        "2026-02-10 17:05:00 +0100", title, name, code, asked, costs, ""])
    return path


def _call(folder: Path, departement: str, ignore: list[str] | None = None) -> Path:
    return make_intake_call(folder, intake={
        "title": "Intitulé du projet",
        "facts": {"departement": departement, "amount_requested": "Montant demandé",
                  "eligible_costs": "Dépenses éligibles (HT)", "submitted_at": "Déposé le",
                  "email": "Email"},
        "ignore": ignore or []})


def _intake(call: Path, export: Path, env: dict, *more: str) -> Result:
    return CliRunner().invoke(cli, ["intake", str(call), "--from", str(export), *more],
                              env=env, catch_exceptions=False)


def test_a_column_label_is_quoted_as_the_language_quotes_even_with_an_apostrophe(
        tmp_path: Path) -> None:
    call = _call(tmp_path / "call", CODE)
    export = _export(tmp_path / "export.csv")
    fr = _intake(call, export, FR, "--dry-run")
    assert fr.exit_code == 0, fr.output
    # the tenth column of the header, said with French quotes (no-break spaces inside)
    assert ("export.csv:1:10\u00a0: la colonne «\u00a0Avis de l'instruction (annotation)\u00a0» "
            "n'est associée à aucun fait [intake-unknown-column]") in fr.output, fr.output
    en = _intake(call, export, EN, "--dry-run")
    assert ("export.csv:1:10: the column “Avis de l'instruction (annotation)” is mapped to "
            "no fact [intake-unknown-column]") in en.output, en.output
    # never Python's repr, which switches to double quotes for a label with an apostrophe
    assert f'"{NOTE}"' not in fr.output + en.output
