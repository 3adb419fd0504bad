"""On a présélection (``selection.shortlist: true``), ``isgrid withdraw`` and ``decide`` say
a freed place in its words, as its documents do: « ex æquo à la ligne de présélection »,
« restent présélectionnés », « il n'était pas présélectionné : aucune place libérée »
(they said « ligne de financement » and « retenus »).  The catalog's ``key@shortlist``
(locale/decisions.json ``cli.*``), inside documents.stage.stage_words.

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 and D2
15 000 retained (35 000); D3 and D4 10 000 each, tied at the line (rank 3: 20 000 > 15 000
left); the reserve D5 8 000, D6 5 000.  D1 withdrawing leaves 50 000 - 15 000 = 35 000:
D3 + D4 = 20 000 fit, both taken together.  The budget stays (a warning on a présélection,
``shortlist-budget``): the tie at the line is the same either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from clirun import norm
from decisions_calls import DOSSIERS, seance_call
from isgrid.cli import cli

SHORTLIST: dict[str, Any] = {"selection": {"reserve": 2, "shortlist": True}}
THREE: dict[str, Any] = {**SHORTLIST, "budget": 45000}


def says(*args: object, lang: str = "fr") -> list[str]:
    run = CliRunner().invoke(cli, ["--lang", lang, *map(str, args)])
    assert run.exit_code == 0, run.output
    return norm(run.stdout).splitlines()


def test_a_withdrawal_and_a_reinstatement_in_presélection_words(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call=SHORTLIST)
    out = says("withdraw", folder, "D1", "--by", "S", "--reason", "courrier")
    assert out[0] == ("D1 retiré ; D3 et D4, ex æquo à la ligne de présélection, sont "
                      "proposés ensemble à sa place.")
    assert out[1:] == ["  D1 : présélectionné -> retiré", "  D3 : classé -> présélectionné",
                       "  D4 : classé -> présélectionné"]
    assert not any("financement" in x or "retenu" in x for x in out)
    # D1 back by the vote: 20 000 + 15 000 + 10 000 + 10 000 = 55 000, 5 000 over
    back = says("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
                "--reason", "r")
    assert back[-1] == ("D1 reprend sa place ; D3 et D4, proposés ensemble à sa place, "
                        "restent présélectionnés : l'enveloppe est dépassée de 5 000 €.")
    # a dossier on the reserve withdraws: it held no place
    out = says("withdraw", folder, "D6", "--by", "S", "--reason", "courrier")
    assert out[0] == "D6 retiré (il n'était pas présélectionné : aucune place libérée)."


def test_the_same_in_english(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call=SHORTLIST)
    out = says("withdraw", folder, "D1", "--by", "S", "--reason", "letter", lang="en")
    assert out[0] == ("D1 withdrawn; D3 and D4, tied at the shortlist line, are proposed "
                      "together in its place.")
    out = says("withdraw", folder, "D6", "--by", "S", "--reason", "letter", lang="en")
    assert out[0] == "D6 withdrawn (it was not shortlisted: no place freed)."


def test_a_refusal_and_a_place_offered_again(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call=SHORTLIST)
    # the vote refuses D2: 50 000 - 20 000 (D1) = 30 000, D3 + D4 = 20 000 fit: both
    out = says("decide", folder, "D2", "--stage", "vote", "--outcome", "non-retenu",
               "--by", "CP", "--reason", "r")
    assert out[-1] == ("D3 et D4, ex æquo à la ligne de présélection, sont proposés "
                       "ensemble à la place de D2.")
    # three tied at rank 3 (D5 10 000 too), budget 45 000: D2 withdrawing leaves 45 000 -
    # 20 000 = 25 000 < 30 000, the place left to the three; D5 refused offers it again,
    # D3 + D4 = 20 000 fit, taken together
    three = seance_call(tmp_path, call=THREE, name="three", dossiers=dict(
        DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite")))
    says("withdraw", three, "D2", "--by", "S", "--reason", "courrier")
    out = says("decide", three, "D5", "--outcome", "non-retenu", "--by", "Jury",
               "--reason", "choix")
    assert ("La place de D2 est proposée à nouveau : D3 et D4, ex æquo à la ligne de "
            "présélection, y sont proposés ensemble.") in out
    en = seance_call(tmp_path, call=THREE, name="three-en", dossiers=dict(
        DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite")))
    says("withdraw", en, "D2", "--by", "S", "--reason", "letter", lang="en")
    out = says("decide", en, "D5", "--outcome", "non-retenu", "--by", "Jury", "--reason",
               "choice", lang="en")
    assert ("The place of D2 is offered again: D3 and D4, tied at the shortlist line, are "
            "proposed together in it.") in out


def test_a_call_that_funds_keeps_the_funding_line(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    out = says("withdraw", folder, "D1", "--by", "S", "--reason", "courrier")
    assert out[0] == ("D1 retiré ; D3 et D4, ex æquo à la ligne de financement, sont "
                      "proposés ensemble à sa place.")
    out = says("withdraw", folder, "D6", "--by", "S", "--reason", "courrier")
    assert out[0] == "D6 retiré (il n'était pas sélectionné : aucun montant libéré)."


# D1 5 000 and D2 20 000 retained on a budget of 30 000 (25 000); D3 25 000 does not fit the
# 5 000 left: the reserve D3, D4 (25 000 each).  D1 refused or withdrawn frees 5 000:
# 10 000 left, less than 25 000, so no reserve dossier takes its place.
SMALL: dict[str, tuple[float, float, int, int, str, str, str]] = {
    "D1": (4, 4, 5000, 10000, "urbain", "association", "emploi"),
    "D2": (4, 3, 20000, 40000, "urbain", "scop", "emploi"),
    "D3": (3, 3, 25000, 50000, "rural", "association", "mobilite"),
    "D4": (2, 3, 25000, 50000, "urbain", "scop", "emploi"),
}


def test_no_reserve_dossier_fits_in_presélection_words(tmp_path: Path) -> None:
    folder = seance_call(tmp_path / "a", call={**SHORTLIST, "budget": 30000}, dossiers=SMALL)
    out = says("decide", folder, "D1", "--stage", "vote", "--outcome", "non-retenu", "--by",
               "CP", "--reason", "r")
    assert ("Aucun dossier de la réserve ne peut prendre la place libérée : aucun ne tient "
            "dans ce qui reste du budget.") in out, out
    folder = seance_call(tmp_path / "b", call={**SHORTLIST, "budget": 30000}, dossiers=SMALL)
    out = says("withdraw", folder, "D1", "--by", "S", "--reason", "letter", lang="en")
    assert out[0] == ("D1 withdrawn; no reserve dossier can take its place: none fits in what "
                      "is left of the budget.")
    # a call that funds says the money, as before
    folder = seance_call(tmp_path / "c", call={"selection": {"reserve": 2}, "budget": 30000},
                         dossiers=SMALL)
    out = says("decide", folder, "D1", "--stage", "vote", "--outcome", "non-retenu", "--by",
               "CP", "--reason", "r")
    assert "Aucun dossier de la liste de réserve ne tient dans le montant libéré." in out, out
    folder = seance_call(tmp_path / "d", call={"selection": {"reserve": 2}, "budget": 30000},
                         dossiers=SMALL)
    out = says("withdraw", folder, "D1", "--by", "S", "--reason", "courrier")
    assert out[0] == ("D1 retiré ; aucun dossier de la liste de réserve ne tient dans le "
                      "montant libéré.")
