"""`isgrid grids show` says a criterion whose value is a dossier fact (``from_fact``):
the text's tags « valeur reprise du fait written_total, jamais notée » (English "value taken
from the fact written_total, never rated"), the JSON export's ``from_fact`` (None for a
rated criterion).  examples/auditions-2027/audition's grid: ECRIT reads written_total."""

from __future__ import annotations

import json

from clirun import run
from testpaths import EXAMPLES

CALL = EXAMPLES / "auditions-2027" / "audition"


def test_the_text_says_the_fact_in_french_and_english() -> None:
    fr = run("--lang", "fr", "grids", "show", "--call", CALL)
    lines = fr.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("  ECRIT "))
    assert "valeur reprise du fait written_total, jamais notée" in lines[at + 1]
    assert "fait" not in lines[lines.index(next(x for x in lines if x.startswith("  VDM-1 ")))
                                + 1]
    # its section's share, 2 / (3 + 2) = 40 %, said of a criterion taken from a fact
    assert "  1 critère repris d'un fait du dossier : il compte pour 40 % du total" in (
        fr.replace("\u202f", " ").replace("\xa0", " "))
    en = run("--lang", "en", "grids", "show", "--call", CALL)
    assert "value taken from the fact written_total, never rated" in en
    assert "1 criterion taken from a dossier fact: it counts for 40% of the total" in en


def test_the_json_export_gives_from_fact() -> None:
    data = json.loads(run("grids", "show", "--call", CALL, "--format", "json"))
    got = {c["id"]: c["from_fact"] for s in data["sections"] for c in s["criteria"]}
    assert got == {"VDM-1": None, "VDM-2": None, "VDM-3": None, "VDM-4": None,
                   "VDM-5": None, "ECRIT": "written_total"}
