"""A letter for a dossier tied at the funding line, the tie open, says that tie as its
outcome, never « Proposition du jury : dossier classé. »: the jury proposed nothing for it
(found by a review: T3 of cd67).  The engine's reading of the tie (Result.tie: ``line``,
``open``) decides it, as the documents' « Calculé » reads it.

The call (tests/decisions_calls.py): D3 and D4 total 75 each, 10 000 € each, with
15 000 € left after D1 and D2 (35 000 € of 50 000 €): they do not both fit, the tie at
the line is left to the jury.
"""

from __future__ import annotations

from pathlib import Path

from test_vote_reference import letters

from clirun import run
from decisions_calls import seance_call

NB = "\u00a0"


def test_the_open_tie_is_the_letter_s_outcome(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    for did in ("D3", "D4"):
        assert ("**Votre dossier est ex æquo sur la ligne de financement" + NB + ": le jury "
                "doit encore départager les dossiers ex æquo.**") in md[did], md[did]
        assert "dossier classé" not in md[did]
        # said once: not again as a reason beside it
        assert "le jury doit départager" not in md[did]
    assert "**Proposition du jury" + NB + ": dossier retenu.**" in md["D1"]
    # the tie settled (the vote retains D3, 45 000 € held: D4 does not fit in 5 000 €)
    run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "vote")
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    assert "ex æquo sur la ligne de financement" + NB + ": le jury doit encore" not in md["D4"]
    assert ("Ex æquo sur la ligne de financement" + NB + ": une décision a départagé les "
            "dossiers ex æquo en faveur d'un autre dossier.") in md["D4"], md["D4"]


def test_the_open_tie_in_english(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"lang": "en"})
    md = letters(folder)["D3"].decode("utf-8")
    assert ("**Your application is tied at the funding line: the jury has yet to decide "
            "between the tied applications.**") in md, md
    assert "classé" not in md and "ranked." not in md
