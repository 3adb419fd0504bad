""":func:`isgrid.io.cells.runs_as_formula`: the texts an open-data export refuses
(docs/opendata.md) are formulas a spreadsheet would run; the words that merely start like
one are published as written."""

from __future__ import annotations

import pytest

from isgrid.io.cells import runs_as_formula


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://x.example";"Cliquez ici")', "=1+1", "  =A1", "\uff1dA1",
    "@SUM(1+1)*cmd|' /C calc'!A0", "+HYPERLINK(1)", "-2+HYPERLINK(1)", "-cmd|' /C calc'!A0",
    "-Projet(s) +HYPERLINK(1)",  # a plural first, a call after it
])
def test_a_formula(text: str) -> None:
    assert runs_as_formula(text)


@pytest.mark.parametrize("text", [
    "+ de lien social dans le Kochersberg", "@Home Solidaire", "- ancrage local (phase 2)",
    "-12,5", "Projet = solidaire", "", "Recyclerie du Sundgau",
    # a word's plural or inclusive ending in brackets is no function's call (review data21)
    "-Projet(s) de territoire", "- Projet(s) solidaire(s)", "+Action(s) collective(s)",
    "-Habitant(e)s du quartier", "-Acteur(rice)s du territoire", "-Animateur(trice)s",
])
def test_words(text: str) -> None:
    assert not runs_as_formula(text)
