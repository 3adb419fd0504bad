"""Two columns of an export with the same label (two champs of the form sharing a libellé):
said with the two columns' places and what to do (review data21, item 4).  A CSV export said
« the column 'Montant demandé' appears twice [csv-syntax] Hint: Save it again as CSV »
(saving again cannot help); an XLSX export took the first of the two without a word."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from dnexport import RENAMED_AMOUNT, export_sheets, make_intake_call, write_csv, write_xlsx
from isgrid.cli.main import cli
from isgrid.errors import Collector
from isgrid.io.tabular import parse_csv

NB = "\u00a0"
NN = "\u202f"


def _exports(tmp_path: Path, label: str) -> tuple[Path, Path]:
    """The XLSX and the CSV exports with one more column at the end, labelled ``label``:
    the 23rd (W) of the Dossiers sheet, as the 15th (O) is the amount."""
    sheets = export_sheets()
    rows = sheets["Dossiers"]
    assert rows[0][14] == RENAMED_AMOUNT and len(rows[0]) == 22  # O, and V the last
    rows[0].append(label)
    for row in rows[1:]:
        row.append("1 000 €")
    xlsx = write_xlsx(tmp_path / "export.xlsx", sheets)
    path = write_csv(tmp_path / "export.csv")
    lines = list(csv.reader(path.open(encoding="utf-8", newline=""), delimiter=";"))
    lines[0].append(label)
    for line in lines[1:]:
        line.append("1 000 €")
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(lines)
    return xlsx, path


def _intake(tmp_path: Path, source: Path, **extra: object) -> tuple[int, str, Path]:
    call = make_intake_call(tmp_path / f"call-{source.suffix[1:]}", **extra)
    run = CliRunner().invoke(cli, ["--lang", "fr", "intake", str(call), "--from", str(source)])
    return run.exit_code, run.output, call


@pytest.mark.parametrize(("kind", "first", "second", "where"), [
    ("xlsx", "O", "W", "export.xlsx!Dossiers!W1"),
    ("csv", "15 (O)", "23 (W)", "export.csv:1:23"),  # a spreadsheet opening it shows O and W
])
def test_a_label_isgrid_reads_twice_is_an_error_naming_both_columns(
        tmp_path: Path, kind: str, first: str, second: str, where: str) -> None:
    xlsx, csv_path = _exports(tmp_path, "Montant sollicité (€)")
    code, out, call = _intake(tmp_path, xlsx if kind == "xlsx" else csv_path)
    assert code == 1
    assert (f"{where}{NB}: les colonnes {first} et {second} ont le même libellé «{NB}Montant "
            f"sollicité (€){NB}» [intake-source]") in out
    assert (f"  Indice{NB}: isgrid lit une colonne par son libellé, jamais par sa position, "
            "et ne peut pas savoir laquelle des deux est visée" + NB + ": renommez l'une "
            f"d'elles, la colonne {second} par exemple, dans le modèle d'export de la "
            "plateforme ou dans l'en-tête de ce fichier, puis associez son nouveau libellé "
            "sous intake.facts dans call.yaml (par l'API, intake.demarche, intake.facts peut "
            f"nommer chaque champ par son identifiant{NB}: champs).") in out
    assert "Enregistrez-le à nouveau" not in out and "csv-syntax" not in out
    assert not (call / "dossiers").exists()  # nothing taken in: which amount was a guess


def test_a_label_nothing_reads_twice_is_a_warning_and_the_intake_goes_on(
        tmp_path: Path) -> None:
    sheets = export_sheets()
    rows = sheets["Dossiers"]
    for label in ("Observations", "observations :"):  # the same label, as isgrid folds it
        rows[0].append(label)
        for row in rows[1:]:
            row.append("")
    xlsx = write_xlsx(tmp_path / "twins.xlsx", sheets)
    code, out, call = _intake(tmp_path, xlsx)
    assert code == 0
    assert (f"Avertissement{NB}: {xlsx}!Dossiers!X1{NB}: les colonnes W et X ont le même "
            f"libellé «{NB}observations :{NB}» [intake-source]") in out
    assert f"Indice{NB}: Rien ne lit ce libellé{NB}: rien n'est repris" in out
    assert sorted(p.name for p in (call / "dossiers").iterdir()) == [
        "DN-101.yaml", "DN-102.yaml", "DN-103.yaml"]


def test_a_label_intake_ignore_lists_twice_is_not_said(tmp_path: Path) -> None:
    sheets = export_sheets()
    rows = sheets["Dossiers"]
    for label in ("Observations", "Observations"):
        rows[0].append(label)
        for row in rows[1:]:
            row.append("")
    xlsx = write_xlsx(tmp_path / "twins.xlsx", sheets)
    from dnexport import INTAKE

    code, out, _ = _intake(tmp_path, xlsx,
                           intake={**INTAKE, "ignore": [*INTAKE.get("ignore", []),
                                                        "Observations"]})
    assert code == 0 and "même libellé" not in out


def test_another_csv_says_both_columns_and_not_save_it_again() -> None:
    diags = Collector()
    parse_csv("id,title,title\nD1,a,b\n", "dossiers.csv", diags)
    [d] = diags.items
    assert (d.code, str(d.message), d.location.line, d.location.column) == (
        "csv-syntax", "the column 'title' appears twice", 1, 3)
    assert d.hint == ("Rename or delete one of the two: isgrid reads a column by its name "
                      "(the other one is column 2).")
    assert d.hint.translated("fr") == (f"Renommez ou supprimez l'une des deux{NB}: isgrid lit "
                                       "une colonne par son nom (l'autre est la colonne 2).")
