"""Review s17 hostile, findings 3 and 4: what a number format says of an amount's unit.

* a multiple of the euro (``#,##0 "k€"``: « 27 k€ ») was read as euros, 1,000 times off:
  refused, « un montant en milliers d'euros »;
* a format whose text names ``$`` literally, which openpyxl reads as the built-in id of the
  same text (5 to 8, 41 to 44, the computer's own currency), was read as euros: the
  workbook's own text is read when it writes one;
* any three capitals in quotes were a currency (``#,##0 "TTC"``: « un montant en TTC »):
  only the ISO codes of :data:`isgrid.io.excel.ISO_CURRENCIES` are.

The formats the review found sound stay amounts in euros."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from alsacebooks import alsace, workbook
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.io.excel import number_unit
from isgrid.jury.importer import import_sheets

#: j1's workbook: the amount of AL16-01 is M2
AMOUNT = "M2"
#: a format written by openpyxl as it is, whose text the test then puts in its place
_PLACEHOLDER = '0.000000"QQQQ"'


@pytest.mark.parametrize(("code", "unit"), [
    ('#,##0 "k€"', "k€"), ('#,##0 "K€"', "k€"), ('0 "M€"', "M€"), ("#,##0 [$k€]", "k€"),
    ('#,##0 "k €"', "k€"), ('#,##0 "KEUR"', "k€"), ('#,##0\\ \\k\\€', "k€"),
    ('#,##0 "Mds €"', "Md€"),
    ('#,##0 "TTC"', None), ('#,##0 "HT"', None), ('0 "ETP"', None), ('0 "FTE"', None),
    ('0 "ESS"', None), ('0 "XYZ"', None), ('#,##0 "€ HT"', None), ('#,##0 "€/mois"', None),
    ('#,##0 "USD"', "USD"), ('"CHF" #,##0.00', "CHF"), ('#,##0 "USD HT"', "USD"),
    ('#,##0 "XPF"', "XPF"), ('#,##0 "MAD"', "MAD"),
    ('"$"#,##0_);("$"#,##0)', "$"), ('_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)', "$"),
    ("0*%", None),  # « % » repeated to fill the cell: the number is not multiplied
    ('0.0"%"', None), ("0.0\\%", None), ("[$€-40C]#,##0", None), ("[$-40C]#,##0", None),
    ('#,##0 "€"', None), ("_-* #,##0 [$€-40C]_-", None), ('_-* #,##0 "€"_-', None),
])
def test_which_format_counts_an_amount_in_another_unit(code: str, unit: str | None) -> None:
    assert number_unit(format_code=code) == unit


def _xlsx(tmp_path: Path, value: float, fmt: str, *, declared: bool = False
          ) -> tuple[Path, Path]:
    """The call and j1's workbook, M2 holding ``value`` in the format ``fmt``; ``declared``:
    the workbook writes ``fmt``'s text in its styles (as Excel does a format of its own),
    where openpyxl would write a built-in's id alone."""
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    wb["Notation"][AMOUNT] = value
    wb["Notation"][AMOUNT].number_format = _PLACEHOLDER if declared else fmt
    wb.save(path)
    if declared:
        escaped = fmt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        styles = parts["xl/styles.xml"].decode("utf-8")
        placeholder = _PLACEHOLDER.replace('"', "&quot;")
        assert styles.count(placeholder) == 1
        parts["xl/styles.xml"] = styles.replace(placeholder, escaped).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return folder, path


def _errors(folder: Path, path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path], replace=True)
    assert not (folder / "opinions" / "j1.csv").exists()
    return [(d.code, f"{Path(d.location.file or '').name}!{d.location.sheet}!{d.location.cell}",
             str(d.message)) for d in exc.value.diagnostics if d.severity == "error"]


def _amount(folder: Path, path: Path) -> str:
    import_sheets(load_call(folder), [path], replace=True)
    return (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1]


def _refused(unit: str, shown: str) -> list[tuple[str, str, str]]:
    return [("bad-amount", "j1.xlsx!Notation!M2",
             f"amount: the cell is an amount in {unit} ({shown}), where an amount in euros is "
             "expected")]


@pytest.mark.parametrize(("fmt", "value", "unit"), [
    ('#,##0 "k€"', 27, "thousands of euros"),    # « 27 k€ »: 27,000 €, not 27 €
    ('#,##0 "K€"', 27, "thousands of euros"),
    ("#,##0 [$k€]", 27, "thousands of euros"),
    ('0 "M€"', 2, "millions of euros"),
    ('"$"#,##0', 27000, "$"),
])
def test_an_amount_in_a_multiple_of_the_euro_or_in_dollars_is_refused(
        tmp_path: Path, fmt: str, value: float, unit: str) -> None:
    folder, path = _xlsx(tmp_path, value, fmt)
    assert _errors(folder, path) == _refused(unit, f"{value:,}")


@pytest.mark.parametrize("fmt", [
    '"$"#,##0_);("$"#,##0)',                                   # built-in 5's text
    '"$"#,##0.00_);[Red]("$"#,##0.00)',                        # built-in 8's
    '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',    # built-in 42's
    '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',  # the review's
])
def test_a_format_naming_dollars_is_refused_though_it_is_a_built_in_s_text(
        tmp_path: Path, fmt: str) -> None:
    """The workbook writes the text (openpyxl reads it as built-in 5, 8 or 42): its « $ »
    decides."""
    folder, path = _xlsx(tmp_path, 27000, fmt, declared=True)
    assert _errors(folder, path) == _refused("$", "27,000")


@pytest.mark.parametrize("fmt", [
    '#,##0 "TTC"', '#,##0 "HT"', '0 "ETP"', '#,##0 [$€-40C]', '_-* #,##0 [$€-40C]_-',
    '_-* #,##0 "€"_-', '#,##0 "€"', '#,##0.00\\ "€"',
])
def test_an_amount_in_euros_with_a_text_stays_an_amount(tmp_path: Path, fmt: str) -> None:
    folder, path = _xlsx(tmp_path, 27000, fmt)
    assert _amount(folder, path) == "AL16-01,j1,,27000,"


def test_a_built_in_currency_whose_text_the_workbook_does_not_write_is_the_computer_s(
        tmp_path: Path) -> None:
    """openpyxl writes ``"$"#,##0_);("$"#,##0)`` as the id 5 alone: Excel shows that id in
    the computer's currency (« 27 000 € » on a French one), and the file names none, so it
    stays an amount, as before.  The same text written in the workbook is refused above."""
    folder, path = _xlsx(tmp_path, 27000, '"$"#,##0_);("$"#,##0)')
    with zipfile.ZipFile(path) as z:
        assert "&quot;$&quot;" not in z.read("xl/styles.xml").decode("utf-8")
    assert _amount(folder, path) == "AL16-01,j1,,27000,"


def test_the_refusal_of_thousands_of_euros_in_french(tmp_path: Path) -> None:
    folder, path = _xlsx(tmp_path, 27, '#,##0 "k€"')
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path)])
    assert res.exit_code != 0
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!Notation!M2 : montant : la cellule est un montant en milliers d'euros "
            "(27), là où un montant en euros est attendu [bad-amount]") in said
