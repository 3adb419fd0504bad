"""Amounts parsed one way (isgrid.io.numbers.parse_amount), values worked out by hand."""

from __future__ import annotations

import pytest

from isgrid.io.numbers import MAX_AMOUNT, parse_amount
from isgrid.messages import Message


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("52000", "fr", 52000.0),
    ("52 000", "fr", 52000.0),            # a space groups thousands, in any language
    ("52\u202f000", "en", 52000.0),       # narrow no-break space, as French typography writes
    ("52 000,50 €", "fr", 52000.5),       # French decimal comma, with the euro sign
    ("52,000.50", "en", 52000.5),         # English grouping and decimal point
    ("52.000,50", "fr", 52000.5),         # German-style grouping, settled by the comma
    ("15,000", "en", 15000.0),            # an English call: the comma groups thousands
    ("12,5", "fr", 12.5),
    ("12.5", "fr", 12.5),                 # one or two decimals: no thousands group
    ("1 000 000", "fr", 1e6),
    ("1.000.000", "fr", 1e6),             # several marks: only a grouping
    (12000, "fr", 12000.0),
    (0, "fr", 0.0),
])
def test_amounts_people_type(text: object, lang: str, value: float) -> None:
    assert parse_amount(text, lang).value == value


@pytest.mark.parametrize(("text", "lang", "why"), [
    ("52.000", "fr", "ambiguous"),        # 52 000 or 52 € ? (the budget: 52.000)
    ("52.000", "en", "ambiguous"),        # money has at most two decimals
    ("15,000", "fr", "ambiguous"),        # 15 000 or 15 € ? (the issue's --amount "15,000")
    ("1.7e308", "en", "not an amount"),
    ("Infinity", "en", "not an amount"),
    ("-5", "fr", "negative amount"),
    ("12 00", "fr", "groups of three"),
    (1.7e308, "fr", "more than"),
    (float("inf"), "fr", "not a finite"),
    (10**400, "fr", "out of range"),
    ("9" * 400, "fr", "too long"),
    (True, "fr", "not an amount"),
    ("\ud800", "fr", "not text"),
])
def test_amounts_refused_with_a_hint(text: object, lang: str, why: str) -> None:
    parsed = parse_amount(text, lang)
    assert parsed.value is None
    assert parsed.problem is not None and why in parsed.problem
    assert parsed.hint


def test_the_bound_is_a_thousand_billion() -> None:
    assert parse_amount(MAX_AMOUNT).value == 1e12
    assert parse_amount(MAX_AMOUNT + 1).value is None
    # 1e12 + 1e12 is exact in a float: sums of amounts never overflow
    assert 1e12 + 1e12 == 2 * 10**12


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("value", [0, 5, 15000, 400000, 1250.5, 12000.05, 1234567.89])
def test_what_isgrid_prints_reads_back(lang: str, value: float) -> None:
    """Every amount isgrid shows (messages.euros: « 400 000 € », ``€400,000``) is read back
    in a call of its language: a user copies it into call.yaml, a workbook or --amount."""
    from isgrid.messages import euros

    printed = euros(value, lang)
    assert parse_amount(printed, lang).value == value, printed


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("€400,000", "en", 400000.0),          # the reviewer's budget: "€400,000"
    ("€15,000", "en", 15000.0),            # a workbook amount as isgrid prints it
    ("€20,000", "en", 20000.0),            # decide --amount "€20,000"
    ("€1,250.50", "en", 1250.5),
    ("EUR 15,000", "en", 15000.0),
    ("€ 15 000", "en", 15000.0),           # « € 15 000 »: spaces group in any language
    ("€ 15 000", "fr", 15000.0),
    ("EUR 15 000", "fr", 15000.0),
    ("€15 000,50", "fr", 15000.5),
    ("15 000 euros", "fr", 15000.0),
    ("euros 15000", "fr", 15000.0),
])
def test_a_currency_before_or_after(text: str, lang: str, value: float) -> None:
    assert parse_amount(text, lang).value == value


@pytest.mark.parametrize("text", ["€ 15 000 €", "€€15000", "EURO€5", "€-5"])
def test_one_currency_only(text: str) -> None:
    assert parse_amount(text, "fr").value is None


@pytest.mark.parametrize(("text", "lang", "hint"), [
    # an English call: a comma groups thousands, a point marks decimals
    ("20.000", "en", "Write 20000 or 20,000 for €20,000, or 20.00 for the decimals."),
    ("12x", "en", "Write an amount, e.g. 12000 or 12,000.50."),
    ("1,00,000", "en", "Write 1000000 or 1,000,000."),
    ("52,00.50", "en", "Write 52000.50 or 52,000.50."),
    ("52 00", "en", "Write 52,000 or 52000."),
    # a French call, as today: spaces group thousands, a comma marks decimals
    ("20.000", "fr", "Write 20000 for 20 000 €, or 20,00 for the decimals; thousands are "
                     "separated by spaces (52 000)."),
    ("12x", "fr", "Write an amount, e.g. 12000 or 12 000,50."),
    ("1,00,000", "fr", "Write 1000000 or 1 000 000."),
])
def test_hints_write_amounts_as_the_call_does(text: str, lang: str, hint: str) -> None:
    assert parse_amount(text, lang).hint == hint


def test_hints_in_french_words_keep_the_calls_numbers() -> None:
    """A French-speaking user of an English call reads French words and the numbers as
    the call writes them (what parse_amount accepts there)."""
    from isgrid.messages import Message

    hint = parse_amount("20.000", "en").hint
    assert isinstance(hint, Message)
    assert hint.translated("fr") == ("Écrivez 20000 ou 20,000 pour 20000 euros, ou 20.00 "
                                     "pour les décimales.")
    bound = parse_amount(10**13, "en").problem
    assert bound is not None
    assert bound == "'10000000000000' is out of range (0 to €1,000,000,000,000)"
    assert bound.translated("fr") == ("«\xa010000000000000\xa0» est hors limites (de 0 à "
                                      "1\u202f000\u202f000\u202f000\u202f000\u202f€)")


@pytest.mark.parametrize("text", ["-5 000 €", "-5000", "\u2212 5\u202f000 €", "€ -5 000",
                                  "-12,50", -5, -2.5])
def test_a_negative_amount_is_said_negative(text: object) -> None:
    """« -5 000 € » is an amount below 0, not a misplaced space (review-data19 §12): the
    reason says « montant négatif » and the hint what an amount is."""
    parsed = parse_amount(text, "fr")
    assert parsed.value is None and parsed.problem is not None
    assert parsed.problem == f"{text!r} is a negative amount" if isinstance(text, str) \
        else parsed.problem == f"'{text}' is a negative amount"
    assert parsed.problem.translated("fr").endswith(" est un montant négatif")
    assert parsed.hint == "An amount is 0 or more."


@pytest.mark.parametrize(("text", "lang", "cents"), [
    ("24 000,505", "fr", "24 000,50"),      # the spaces group thousands: the comma is decimal
    ("24\u202f000,505", "fr", "24 000,50"),
    ("24 000.505", "fr", "24 000,50"),
    ("24000,505", "fr", "24 000,50"),       # five digits before the comma: not a thousands group
    ("1 024 000,505", "fr", "1 024 000,50"),
    ("24 000.505", "en", "24,000.50"),      # the example as an English call writes it
])
def test_three_decimals_are_said_as_such(text: str, lang: str, cents: str) -> None:
    """« 24 000,505 » was « ambiguous » with the hint « Write 24000505 for 24000 505 € »:
    the spaces settle that the comma is the decimal mark, so the amount has three decimals
    (review data21, item 3): 24 000,50 meant, or a typo."""
    parsed = parse_amount(text, lang)
    assert parsed.value is None and parsed.problem is not None
    assert parsed.problem == f"{text!r} has three decimals: cents are two digits"
    assert parsed.hint == f"Write {cents} for the cents (two decimals); otherwise check the " \
                          "amount typed."
    # the text as each language quotes it (messages.Quote): « … » in French
    assert parsed.problem.translated("fr") == (f"«\u00a0{text}\u00a0» a trois "
                                               "décimales\u00a0: les centimes s'écrivent "
                                               "avec deux chiffres")
    assert isinstance(parsed.hint, Message)
    assert parsed.hint.translated("fr") == (f"Écrivez {cents} pour les centimes (deux "
                                            "décimales)\u202f; sinon, vérifiez le montant "
                                            "saisi.")


@pytest.mark.parametrize(("text", "lang", "count", "cents"), [
    ("24000,5050", "fr", 4, "24 000,50"),    # was taken in as 24 000,505 €
    ("24000.5050", "fr", 4, "24 000,50"),
    ("24 000,5050", "fr", 4, "24 000,50"),   # the spaces group thousands, as for three
    ("12,3456", "fr", 4, "12,34"),           # four digits after a mark: no thousands group
    ("0,00001", "fr", 5, "0,00"),
    ("52.000,5050", "fr", 4, "52 000,50"),   # both marks: the last one is the decimal one
    ("52,000.505", "en", 3, "52,000.50"),    # was « is not an amount »
    ("24000.5050", "en", 4, "24,000.50"),
])
def test_more_than_two_decimals_are_said_as_such(text: str, lang: str, count: int,
                                                 cents: str) -> None:
    """« 24000,5050 » was taken in as 24 000,505 € (review data21 item 3 refused three
    decimals only): cents are two digits, so four or more are refused with the count and the
    two decimals meant (the first two digits, never rounded: 24 000,50)."""
    parsed = parse_amount(text, lang)
    assert parsed.value is None and parsed.problem is not None
    said = "three" if count == 3 else str(count)
    assert parsed.problem == f"{text!r} has {said} decimals: cents are two digits"
    assert parsed.hint == f"Write {cents} for the cents (two decimals); otherwise check the " \
                          "amount typed."
    if count > 3:
        assert parsed.problem.translated("fr") == (f"«\u00a0{text}\u00a0» a {count} "
                                                   "décimales\u00a0: les centimes s'écrivent "
                                                   "avec deux chiffres")


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("2,5", "fr", 2.5),         # one and two decimals, as before
    ("24000,05", "fr", 24000.05),
    ("52.000,50", "fr", 52000.5),
    ("1,000,000", "en", 1000000.0),
])
def test_two_decimals_or_fewer_stay_read(text: str, lang: str, value: float) -> None:
    assert parse_amount(text, lang).value == value


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("240,505", "en", 240505.0),    # an English call: the comma groups thousands, as before
    ("24 000,5", "fr", 24000.5),
    ("24 000,50", "fr", 24000.5),
])
def test_what_three_decimals_leave_as_it_was(text: str, lang: str, value: float) -> None:
    assert parse_amount(text, lang).value == value
