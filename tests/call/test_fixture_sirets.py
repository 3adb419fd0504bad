"""The SIRETs the tests and examples give as right ones pass the SIRET's one rule
(:func:`isgrid.call.siret.siret_valid`, Luhn): four fixtures had a wrong check digit
(review-data19 §12: pv-cd67's T5, the editions compared, the string facts kept as written,
the flat YAML of intake), so that a test of a right SIRET read a wrong one, and a call
check of them warned ``siret-invalid``.  The tests that give a wrong one on purpose are
listed here with it."""

from __future__ import annotations

import re

from isgrid.call.siret import siret_valid
from testpaths import EXAMPLES, TESTS

#: A SIRET written after ``siret`` (a key, a fact, a column), with or without spaces
_SIRET = re.compile(r"siret\W{1,6}(\d{3}[ \u00a0\u202f]?\d{3}[ \u00a0\u202f]?\d{3}"
                    r"[ \u00a0\u202f]?\d{5})(?![\d.])", re.IGNORECASE)
#: The wrong ones given on purpose, and where
WRONG_ON_PURPOSE = {
    ("call/test_attribuant_siret.py", "22670001500017"),
    ("call/test_beneficiary_siret.py", "73282932000075"),
    ("documents/test_scdl_beneficiary.py", "12345678900011"),
}


def _written() -> list[tuple[str, str]]:
    found = []
    for path in sorted([*TESTS.rglob("*.py"), *TESTS.rglob("*.yaml"), *TESTS.rglob("*.csv"),
                        *EXAMPLES.rglob("*.yaml"), *EXAMPLES.rglob("*.csv")]):
        text = path.read_text("utf-8", errors="replace")
        where = str(path.relative_to(TESTS if path.is_relative_to(TESTS) else EXAMPLES))
        found += [(where, re.sub(r"\D", "", m.group(1))) for m in _SIRET.finditer(text)]
    return found


def test_the_sirets_given_as_right_ones_are_right() -> None:
    written = _written()
    assert ("fixtures/pv-cd67/dossiers/T5.yaml", "38012986600014") in written
    wrong = sorted({(where, digits) for where, digits in written
                    if not siret_valid(digits)} - WRONG_ON_PURPOSE)
    assert not wrong, wrong
