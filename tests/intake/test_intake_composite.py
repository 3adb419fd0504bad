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
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from dnexport import make_intake_call
from isgrid.cli.main import cli
from isgrid.intake.composite import composite_columns
from testpaths import ROOT

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


def test_a_fact_a_rule_compares_with_codes_mapped_to_the_name_is_said_with_the_code_column(
        tmp_path: Path) -> None:
    call = _call(tmp_path / "call", NAME)
    res = _intake(call, _export(tmp_path / "export.csv"), FR, "--dry-run")
    assert res.exit_code == 0, res.output
    # at the key of call.yaml that maps the fact
    lines = (call / "call.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    departement: Département de réalisation") + 1
    assert (f"call.yaml:{line}:5 (intake.facts.departement)\u00a0: departement lit la colonne "
            f"«\u00a0{NAME}\u00a0», le nom que la plateforme écrit pour ce champ\u202f; son "
            f"code est dans la colonne «\u00a0{CODE}\u00a0» [intake-composite-column]"
            ) in res.output, res.output
    # the rule, its codes (the grid's territoire-alsace: 67, 68) and the line to write
    assert ("La règle de recevabilité territoire-alsace de la grille compare departement à "
            "des codes (67, 68). Écrivez, sous intake.facts dans call.yaml\u00a0: "
            f'`departement: "{CODE}"`, puis relancez isgrid intake.') in res.output
    # the code column is the other half of the champ read: not « mapped to no fact »
    assert f"«\u00a0{CODE}\u00a0» n'est associée" not in res.output
    assert res.output.count("[intake-unknown-column]") == 1  # the annotation only


def test_the_code_column_read_the_name_beside_it_is_not_an_unknown_column(
        tmp_path: Path) -> None:
    call = _call(tmp_path / "call", CODE)
    res = _intake(call, _export(tmp_path / "export.csv"), EN)
    assert res.exit_code == 0, res.output
    assert "[intake-composite-column]" not in res.output
    assert f"“{NAME}”" not in res.output  # the name half: taken with its code
    assert res.output.count("[intake-unknown-column]") == 1
    got = {n: yaml.safe_load((call / "dossiers" / f"DN-{n}.yaml").read_text(encoding="utf-8"))
           ["departement"] for n in (201, 202, 203)}
    assert got == {201: "68", 202: "67", 203: "57"}  # the codes, as text


def test_the_name_kept_on_purpose_is_not_said_again(tmp_path: Path) -> None:
    call = _call(tmp_path / "call", NAME, ignore=[CODE])
    res = _intake(call, _export(tmp_path / "export.csv"), EN, "--dry-run")
    assert res.exit_code == 0, res.output
    assert "[intake-composite-column]" not in res.output


def test_the_groups_of_columns_of_a_composite_champ() -> None:
    got = composite_columns(["Commune du projet", "Commune du projet (Code INSEE)",
                             "Commune du projet (Département)", "Montant (HT)",
                             "Région", "Région (Code)", "EPCI (Code)"])
    assert got == {
        "commune du projet": ("Commune du projet", ""),
        "commune du projet (code insee)": ("Commune du projet", "code insee"),
        "commune du projet (departement)": ("Commune du projet", "departement"),
        "region": ("Région", ""), "region (code)": ("Région", "code")}
    # « Montant (HT) » is no part (HT is none, and there is no « Montant » column), nor is
    # « EPCI (Code) » without an « EPCI » column beside it


#: Twelve dossiers as a regional call's export gives them: (number, name, code).
TWELVE = [(1201, "Haut-Rhin", "68"), (1202, "Bas-Rhin", "67"), (1203, "Haut-Rhin", "68"),
          (1204, "Bas-Rhin", "67"), (1205, "Haut-Rhin", "68"), (1206, "Moselle", "57"),
          (1207, "Bas-Rhin", "67"), (1208, "Haut-Rhin", "68"), (1209, "Bas-Rhin", "67"),
          (1210, "Bas-Rhin", "67"), (1211, "Haut-Rhin", "68"), (1212, "Bas-Rhin", "67")]


def test_the_french_guide_shows_what_isgrid_says_of_the_name_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/fr/preparer-un-appel.md: its intake block with the name column instead of the
    « (Code) » one, on an export of twelve dossiers: intake says which column to read, and
    `call check` says what the guide shows, byte for byte (the key at line 18: call init's
    11 lines, then the guide's set:, its fact, intake:, title:, facts:, holder:)."""
    guide = (ROOT / "docs" / "fr" / "preparer-un-appel.md").read_text(encoding="utf-8")
    fenced = re.findall(r"^```([a-z]*)([^\n`]*)\n(.*?)^```$", guide, flags=re.S | re.M)
    [shown] = [b for lang, _, b in fenced if not lang and "[eligibility-unmet]" in b]
    intake = next(b for lang, to, b in fenced if to.strip() == "mon-appel/call.yaml")
    assert f'departement: "{CODE}"' in intake  # the guide maps the code
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["call", "init", "mon-appel", "--grid", "alsace-aap-2016"],
                         env=FR).exit_code == 0
    with open("mon-appel/call.yaml", "a", encoding="utf-8") as fh:
        fh.write(intake.replace(f'"{CODE}"', f'"{NAME}"'))  # the user's mistake
    with open("export.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["ID", "État du dossier", "Déposé le", "Intitulé du projet",
                    "Nom de la structure porteuse", "Forme juridique du porteur", NAME, CODE,
                    "Montant demandé", "Dépenses éligibles (HT)"])
        for number, name, code in TWELVE:
            w.writerow([number, "En instruction", "2026-02-10 17:05:00 +0100",
                        f"Projet {number}", f"Porteur {number}", "Association", name, code,
                        10000, 30000])
    res = runner.invoke(cli, ["intake", "mon-appel", "--from", "export.csv"], env=FR)
    assert res.exit_code == 0, res.output
    assert "[intake-composite-column]" in res.stderr
    for name in ("mon-appel/dossiers/D001.yaml", "mon-appel/ratings/ratings.csv"):
        Path(name).unlink()
    said = runner.invoke(cli, ["call", "check", "mon-appel"], env=FR).stderr
    assert shown.rstrip("\n") in said, said
