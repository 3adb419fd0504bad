"""An amount or a rating typed as a percentage (« 50 % », the number 0.5 for the
spreadsheet) or in a currency other than the euro is refused at its cell, in an .xlsx
(its number format) as in an .ods (its value type), as a date already is (review s16
hostile, finding 4: « 50 % » was read as 0,50 €, « 12 000 USD » as 12 000 €).  A euro
currency stays an amount.  One rule decides, :func:`isgrid.io.excel.number_unit`."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from alsacebooks import alsace, workbook
from click.testing import CliRunner
from odsbooks import ods_of

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.io.excel import number_unit
from isgrid.jury.importer import import_sheets

#: j1's workbook: AL16-01's note row is row 2; AV-1.1 is column E, the amount column M
AMOUNT, RATING = "M2", "E2"


@pytest.mark.parametrize(("kwargs", "unit"), [
    ({"builtin": 9}, "%"), ({"builtin": 10}, "%"), ({"builtin": 0}, None),
    ({"builtin": 3}, None), ({"builtin": 5}, None),  # the computer's currency: a French €
    ({"format_code": "0%"}, "%"), ({"format_code": "0.00%"}, "%"),
    ({"format_code": "[$$-409]#,##0.00"}, "$"), ({"format_code": "#,##0 [$USD]"}, "USD"),
    ({"format_code": '#,##0 "USD"'}, "USD"), ({"format_code": "[$£-809]#,##0"}, "£"),
    ({"format_code": "\\$#,##0"}, "$"), ({"format_code": '"CHF" #,##0.00'}, "CHF"),
    ({"format_code": "#,##0.00 [$€-40C]"}, None), ({"format_code": '#,##0.00\\ "€"'}, None),
    ({"format_code": "#,##0 €"}, None), ({"format_code": "#,##0 [$EUR]"}, None),
    ({"format_code": '0" %"'}, None),  # a literal « % »: the number is not multiplied
    ({"format_code": "#,##0.00_);[Red](#,##0.00)"}, None), ({"format_code": "0.0"}, None),
    ({"value_type": "percentage"}, "%"), ({"value_type": "float"}, None),
    ({"value_type": "currency", "currency": "USD"}, "USD"),
    ({"value_type": "currency", "currency": "EUR"}, None),
    ({"value_type": "currency"}, None),  # the computer's currency, named nowhere
])
def test_one_rule_says_which_number_is_counted_in_a_unit(kwargs: dict[str, object],
                                                          unit: str | None) -> None:
    assert number_unit(**kwargs) == unit  # type: ignore[arg-type]


def _xlsx(tmp_path: Path, cell: str, value: float, fmt: str) -> tuple[Path, Path]:
    """The call and j1's workbook, ``cell`` holding ``value`` in the number format ``fmt``."""
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    wb["Notation"][cell] = value
    wb["Notation"][cell].number_format = fmt
    wb.save(path)
    return folder, path


def _ods(tmp_path: Path, cell: str, xml: str) -> tuple[Path, Path]:
    """The call and j1's workbook as an .ods whose ``cell`` is ``xml``."""
    folder = alsace(tmp_path)
    path, _ = workbook(folder)
    return folder, ods_of(path, tmp_path / "j1.ods", {("Notation", cell): xml})


def _errors(folder: Path, path: Path) -> list[tuple[str, str | None, str]]:
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path], replace=True)
    assert not (folder / "opinions" / "j1.csv").exists()
    return [(d.code, f"{Path(d.location.file or '').name}!{d.location.sheet}!{d.location.cell}",
             str(d.message)) for d in exc.value.diagnostics if d.severity == "error"]


PERCENT_ODS = ('<table:table-cell office:value-type="percentage" office:value="0.5">'
               "<text:p>50 %</text:p></table:table-cell>")
USD_ODS = ('<table:table-cell office:value-type="currency" office:currency="USD" '
           'office:value="12000"><text:p>12 000,00 $US</text:p></table:table-cell>')
EUR_ODS = ('<table:table-cell office:value-type="currency" office:currency="EUR" '
           'office:value="12000"><text:p>12 000,00 €</text:p></table:table-cell>')

PERCENT_AMOUNT = "amount: the cell is a percentage (50%), where an amount in euros is expected"


@pytest.mark.parametrize(("fmt", "value", "message"), [
    ("0%", 0.5, PERCENT_AMOUNT),
    ("0.00%", 0.5, PERCENT_AMOUNT),
    ("[$$-409]#,##0.00", 12000, "amount: the cell is an amount in $ (12,000), where an "
     "amount in euros is expected"),
    ("#,##0 [$USD]", 12000, "amount: the cell is an amount in USD (12,000), where an amount "
     "in euros is expected"),
])
def test_an_xlsx_amount_in_percent_or_dollars_is_refused(
        tmp_path: Path, fmt: str, value: float, message: str) -> None:
    folder, path = _xlsx(tmp_path, AMOUNT, value, fmt)
    assert _errors(folder, path) == [("bad-amount", "j1.xlsx!Notation!M2", message)]


@pytest.mark.parametrize(("xml", "message"), [
    (PERCENT_ODS, PERCENT_AMOUNT),
    (USD_ODS, "amount: the cell is an amount in USD (12,000), where an amount in euros is "
     "expected"),
])
def test_an_ods_amount_in_percent_or_dollars_is_refused(
        tmp_path: Path, xml: str, message: str) -> None:
    folder, path = _ods(tmp_path, AMOUNT, xml)
    assert _errors(folder, path) == [("bad-amount", "j1.ods!Notation!M2", message)]


def test_a_rating_typed_as_a_percentage_is_refused_in_both_formats(tmp_path: Path) -> None:
    """« 50 % » in a rating cell is the number 0.5, which a scale with half points would
    have read as a level."""
    message = "AV-1.1: the cell is a percentage (50%), where a level of the scale is expected"
    folder, path = _xlsx(tmp_path / "x", RATING, 0.5, "0%")
    assert _errors(folder, path) == [("value-out-of-scale", "j1.xlsx!Notation!E2", message)]
    folder, path = _ods(tmp_path / "o", RATING, PERCENT_ODS.replace("0.5", "0.03"))
    assert _errors(folder, path) == [
        ("value-out-of-scale", "j1.ods!Notation!E2",
         "AV-1.1: the cell is a percentage (3%), where a level of the scale is expected")]


def _opinion(folder: Path) -> str:
    return (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize("fmt", ["#,##0.00 [$€-40C]", '#,##0.00\\ "€"', "General", "0"])
def test_an_xlsx_amount_in_euros_is_an_amount(tmp_path: Path, fmt: str) -> None:
    folder, path = _xlsx(tmp_path, AMOUNT, 12000, fmt)
    import_sheets(load_call(folder), [path])
    assert _opinion(folder) == "AL16-01,j1,,12000,"


def test_an_ods_amount_in_euros_is_an_amount(tmp_path: Path) -> None:
    folder, path = _ods(tmp_path, AMOUNT, EUR_ODS)
    import_sheets(load_call(folder), [path])
    assert _opinion(folder) == "AL16-01,j1,,12000,"


def test_the_refusal_in_french(tmp_path: Path) -> None:
    folder, path = _ods(tmp_path, AMOUNT, PERCENT_ODS)
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path)])
    assert res.exit_code != 0
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!Notation!M2 : montant : la cellule est un pourcentage (50 %), là où un "
            "montant en euros est attendu [bad-amount]") in said
    assert ("Indice : Tapez le montant en euros, en chiffres (27000), dans une cellule au "
            "format Standard ou Monétaire en euros : isgrid ne convertit ni pourcentage ni "
            "devise.") in said
    folder, path = _xlsx(tmp_path / "x", AMOUNT, 12000, "[$$-409]#,##0.00")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path)])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!Notation!M2 : montant : la cellule est un montant en $ (12 000), là où un "
            "montant en euros est attendu [bad-amount]") in said
    folder, path = _xlsx(tmp_path / "r", RATING, 0.5, "0%")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path)])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!Notation!E2 : AV-1.1 : la cellule est un pourcentage (50 %), là où un "
            "niveau de l'échelle est attendu [value-out-of-scale]") in said
    assert ("Indice : Choisissez le niveau dans la liste de la cellule, ou donnez à la cellule "
            "le format Standard et tapez sa valeur en chiffres (3, 2,5) : « 50 % » est le "
            "nombre 0,5 pour un tableur.") in said


def test_a_percentage_elsewhere_in_a_table_of_dossiers_is_read_as_before(
        tmp_path: Path) -> None:
    """Only a juror's workbook asks for the unit: a dossiers.xlsx's rate stays its number."""
    from isgrid.errors import Collector
    from isgrid.io.xlsx import read_xlsx

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["taux"])
    wb.active.append([0.5])
    wb.active["A2"].number_format = "0%"
    wb.save(path)
    tables = read_xlsx(path, Collector())
    assert tables is not None
    [table] = tables.values()
    assert table.rows[0].values["taux"] == 0.5 and type(table.rows[0].values["taux"]) is float
