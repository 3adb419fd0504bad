"""A dossier's amounts are read as every amount isgrid reads (``parse_amount``): from the
text as written.  ``amount_requested: 32.000`` in a dossier file was 32 € (YAML's number),
silently, while the same text as call.yaml's budget was refused as ambiguous: the
top-ranked dossier of a French call fell out of the list for asking « 32 € ».  A dossier
table's cell « 32.000 » was 32 € too, and a 31-digit amount was accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError
from testpaths import EXAMPLES

NB, NN = "\u00a0", "\u202f"


def _alsace(tmp_path: Path, written: str, lang: str | None = None) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "dossiers" / "AL16-01.yaml"
    text = path.read_text(encoding="utf-8")
    assert "amount_requested: 32000\n" in text
    path.write_text(text.replace("amount_requested: 32000\n",
                                 f"amount_requested: {written}\n"), encoding="utf-8")
    if lang:
        call = folder / "call.yaml"
        call.write_text(call.read_text(encoding="utf-8").replace("lang: fr", f"lang: {lang}"),
                        encoding="utf-8")
    return folder


def _refused(folder: Path) -> list[tuple[str, str, int | None, str]]:
    with pytest.raises(CallError) as err:
        load_call(folder)
    return [(d.code, str(d.message), d.location.line, d.message.translated("fr"))
            for d in err.value.diagnostics if d.code == "fact-invalid"]


@pytest.mark.parametrize("written", ["32.000", '"32.000"', "'32,000'"])
def test_a_thousands_dot_or_comma_is_ambiguous(tmp_path: Path, written: str) -> None:
    [(_, en, line, fr)] = _refused(_alsace(tmp_path, written))
    text = written.strip("'\"")
    assert en == f"amount_requested: '{text}' is ambiguous: thousands or decimals?"
    assert fr == f"amount_requested{NB}: «{NB}{text}{NB}» est ambigu{NB}: milliers ou décimales{NN}?"
    assert line == 10  # the dossier file's line


@pytest.mark.parametrize(("written", "value"), [
    ("32000", 32000), ('"32 000"', 32000), ('"32 000 €"', 32000), ("12000.5", 12000.5),
    ('"12 000,50"', 12000.5), ("32000.0", 32000), ("15_000", 15000)])
def test_what_people_write_is_read(tmp_path: Path, written: str, value: float) -> None:
    call = load_call(_alsace(tmp_path, written))
    [d] = [d for d in call.dossiers if d.id == "AL16-01"]
    assert d.facts["amount_requested"] == value
    assert type(d.facts["amount_requested"]) is type(value)  # 32000, not 32000.0


def test_in_an_english_call_a_comma_groups_thousands(tmp_path: Path) -> None:
    call = load_call(_alsace(tmp_path, '"32,000"', lang="en"))
    assert next(d for d in call.dossiers if d.id == "AL16-01").facts["amount_requested"] \
        == 32000


@pytest.mark.parametrize(("budget", "amount", "lang"), [
    ('"€400,000"', '"€32,000"', "en"),         # as isgrid prints them in an English call
    ('"EUR 400,000.00"', '"€ 32 000"', "en"),
    ('"400 000 €"', '"€ 32 000"', "fr"),       # as it prints them in a French one
])
def test_amounts_read_back_as_isgrid_prints_them(tmp_path: Path, budget: str, amount: str,
                                                 lang: str) -> None:
    folder = _alsace(tmp_path, amount, lang=lang)
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nbudget: 52000\n" in text
    path.write_text(text.replace("\nbudget: 52000\n", f"\nbudget: {budget}\n"),
                    encoding="utf-8")
    call = load_call(folder)
    assert call.config.budget == 400000
    assert next(d for d in call.dossiers if d.id == "AL16-01").facts["amount_requested"] \
        == 32000


def test_an_amount_beyond_a_thousand_billion_is_refused(tmp_path: Path) -> None:
    [(_, en, _, fr)] = _refused(_alsace(tmp_path, "1" + "0" * 30))
    assert en == ("amount_requested: '1" + "0" * 30 + "' is more than €1,000,000,000,000")
    assert fr.endswith(f"dépasse 1{NN}000{NN}000{NN}000{NN}000{NN}€")


def test_words_and_negative_amounts(tmp_path: Path) -> None:
    [(_, en, _, _)] = _refused(_alsace(tmp_path, "douze mille"))
    assert en == "amount_requested: 'douze mille' is not an amount"
    [(_, en, _, _)] = _refused(_alsace(tmp_path / "b", "-5"))
    assert en == "amount_requested: -5 is a negative amount"  # said once (not also « below 0 »)


def test_a_dossier_tables_cell_too(tmp_path: Path) -> None:
    folder = _alsace(tmp_path, "32000")
    shutil.rmtree(folder / "dossiers")
    (folder / "dossiers.csv").write_text(
        "id,title,amount_requested,eligible_costs\n"
        "AL16-01,Recyclerie,32.000,40000\n", encoding="utf-8")
    found = _refused(folder)
    assert ("fact-invalid", "amount_requested: '32.000' is ambiguous: thousands or decimals?",
            2, f"amount_requested{NB}: «{NB}32.000{NB}» est ambigu{NB}: milliers ou décimales{NN}?"
            ) in found


def test_the_platforms_export_too() -> None:
    """``isgrid intake`` reads the platform's cells by the same rule."""
    from isgrid.grid.model import FactSpec
    from isgrid.intake.values import read_value

    number = FactSpec(type="number")
    assert read_value("15.000", number, "amount_requested") == ("15.000", False)
    assert read_value("15 000 €", number, "amount_requested") == (15000, True)
    assert read_value("15 000,50", number, "eligible_costs") == (15000.5, True)
    assert read_value("15.000", number, "surface") == (15, True)  # not money: a decimal


@pytest.mark.parametrize("written", ["null", "~", ""])
def test_an_amount_left_empty_is_absent(tmp_path: Path, written: str) -> None:
    """null or ~: the fact is absent (the dossier is « à vérifier »), never « 'null' is not
    an amount », which refused the whole call (the review's find)."""
    call = load_call(_alsace(tmp_path, written))
    [d] = [d for d in call.dossiers if d.id == "AL16-01"]
    assert d.facts.get("amount_requested") is None



def test_the_quick_path_gives_parse_amounts_answer() -> None:
    """Plain digits skip parse_amount (a national table's 20,000 amounts) and must give
    what it gives, up to its bound."""
    from isgrid.call.dossier_facts import money_text
    from isgrid.grid.model import FactSpec
    from isgrid.io.numbers import parse_amount

    number = FactSpec(type="number")
    for text in ("0", "7", "007", "32000", "999999999999", "1000000000000",
                 "1000000000001", "9999999999999"):
        parsed = parse_amount(text, "fr").value
        expected = text if parsed is None else int(parsed)
        assert money_text(text, number, "fr") == expected, text


def test_a_number_fact_in_euros_is_read_as_an_amount() -> None:
    """Found by a review (an instructeur): « 120.000 » typed in « Produits d'exploitation du
    dernier exercice » (la-france-s-engage-2024: ``operating_income``, ``unit: EUR``,
    eligible above 80 000) was read as 120: the applicant became ineligible, without a
    word.  A fact the grid declares in euros is an amount, read by the amounts' rule."""
    from isgrid.grid.model import FactSpec
    from isgrid.intake.values import read_value

    euros = FactSpec(type="number", unit="EUR")
    assert read_value("120.000", euros, "operating_income") == ("120.000", False)
    assert read_value("120 000 €", euros, "operating_income") == (120000, True)
    assert read_value("120 000,50", euros, "operating_income") == (120000.5, True)
    # the same text in a number without a unit stays the decimal it reads as
    assert read_value("120.000", FactSpec(type="number"), "ratio") == (120, True)
