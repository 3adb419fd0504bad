"""Percentages and amounts round half up on the number as written, as the documents do
(:func:`isgrid.messages.half_up`, one rounding).

``messages.percent`` and ``messages.euros`` rounded with ``round()``, half to even on the
binary value: « 12,25 % » read « 12,2 % » and 0,125 € « 0,12 € », where a document
(``documents.text.fmt_number``) and a reader checking by hand write 12,3 and 0,13.

Which decimals: a percentage to a tenth (without it when it is 0), an amount to the cent
(without the cents when they are 0).  Worked by hand:

* 0,1225 is 12,25 %: the tenth is 2, the next digits « 5 », half up: 12,3 % (was 12,2 %);
* 0,00125 is 0,125 %: the next digits after the tenth are « 25 », below half: 0,1 %;
* 0,99995 is 99,995 %: up to 100,0, written « 100 % »;
* -0,1225 is -12,25 %: symmetric, -12,3 %; -0,0004 is -0,04 %: 0,0, written « 0 % »;
* 0,145 is 0,14499999999999999 in binary: as written 14,5 %, not 14,4;
* 0,125 € has its half cent: 0,13 € (was 0,12 €); 2,675 € (2,67499… in binary) 2,68 €;
* 59 999,995 € up to 60 000,00 €, whole: « 60 000 € »; 1 250,004 € is 1 250,00: « 1 250 € ».
"""

from __future__ import annotations

import pytest

from isgrid.documents.text import half_up as documents_half_up
from isgrid.engine import judge
from isgrid.messages import AS_WRITTEN_DECIMALS, euros, half_up, percent

N = "\u202f"


@pytest.mark.parametrize(("share", "fr", "en"), [
    (0.1225, f"12,3{N}%", "12.3%"), (0.125, f"12,5{N}%", "12.5%"),
    (0.00125, f"0,1{N}%", "0.1%"), (0.0005, f"0,1{N}%", "0.1%"),
    (0.99995, f"100{N}%", "100%"), (0.48, f"48{N}%", "48%"),
    (-0.1225, f"-12,3{N}%", "-12.3%"), (-0.0004, f"0{N}%", "0%"),
    (0.145, f"14,5{N}%", "14.5%"), (1 / 7, f"14,3{N}%", "14.3%"),
])
def test_percent_by_hand(share: float, fr: str, en: str) -> None:
    assert percent(share, "fr") == fr
    assert percent(share, "en") == en


@pytest.mark.parametrize(("amount", "fr", "en"), [
    (0.125, f"0,13{N}€", "€0.13"), (2.675, f"2,68{N}€", "€2.68"),
    (0.005, f"0,01{N}€", "€0.01"), (-0.125, f"\u22120,13{N}€", "-€0.13"),
    (59999.995, f"60{N}000{N}€", "€60,000"), (1250.004, f"1{N}250{N}€", "€1,250"),
    (1250.5, f"1{N}250,50{N}€", "€1,250.50"), (60000, f"60{N}000{N}€", "€60,000"),
    (-0.004, f"0{N}€", "€0"), (10**12, f"1{N}000{N}000{N}000{N}000{N}€", "€1,000,000,000,000"),
])
def test_euros_by_hand(amount: float, fr: str, en: str) -> None:
    assert euros(amount, "fr") == fr
    assert euros(amount, "en") == en


def test_one_rounding_for_documents_and_messages() -> None:
    """The documents print numbers with the messages' rounding itself, not a copy, and read
    numbers as written to the engine's places (one constant, isgrid.vocabulary)."""
    assert documents_half_up is half_up
    assert AS_WRITTEN_DECIMALS == judge.TOTAL_DECIMALS
