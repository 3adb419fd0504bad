"""Amounts parsed one way (isgrid.io.numbers.parse_amount), values worked out by hand."""

from __future__ import annotations

import pytest

from isgrid.io.numbers import MAX_AMOUNT, parse_amount


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
    ("-5", "fr", "not an amount"),
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
