"""English words where the French way of writing leaked into English documents (found by
a review): « met … at Brussels » (a town is « in » it), « Brussels, on 20 June 2027 » (the
calque of « Fait à Strasbourg, le … »), « left €-0.50 » (the sign goes before the euro
symbol in English: « -€0.50 »)."""

from __future__ import annotations

from pathlib import Path

import pytest

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from isgrid.messages import euros


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (-0.5, "en", "-€0.50"), (-12000, "en", "-€12,000"), (0.5, "en", "€0.50"),
    (-1250.5, "fr", "\u22121\u202f250,50\u202f€"),  # French: the minus sign U+2212 (s18 F9)
])
def test_a_negative_amount_has_its_sign_first(value: float, lang: str, shown: str) -> None:
    assert euros(value, lang) == shown


def test_an_english_letter_is_dated_without_a_calque(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={
        "lang": "en", "letters": {"signatory": "The Programme Director", "place": "Brussels",
                                  "date": "2026-06-20"}})
    call = load_call(folder)
    letters = {d: b.decode("utf-8")
               for d, b in render_report(call, score(call), "feedback", "md")}
    assert "Brussels, 20 June 2026" in letters["D1"]
    assert ", on 20 June" not in letters["D1"]
    [(_, fr)] = render_report(call, score(call), "feedback", "md", lang="fr", dossiers=["D1"])
    assert "Fait à Brussels, le 20 juin 2026" in fr.decode("utf-8").replace("\u00a0", " ")
