"""A dossier the walk left out for a portfolio constraint or the ``top`` limit says so,
never that the envelope could not cover it; one taken for a minimum before better-ranked
ones says that (review rev-money F1, F6; docs/decisions.md §4 « Each dossier left out
says why »).

The call (tests/fixtures/quota-call, the reviewer's): budget 100 000 €, minimum grant
5 000 €; `rural` at least 3, `montagne` at least 1, `scop` at most 2, `asso` at most
55 000 € for associations.  By hand (docs/decisions.md §4, minimums first): rural takes
D05 20 000 (rank 5), D07 8 000 (rank 7), D10 5 000 (rank 10): 33 000 €, associations
25 000 €; montagne: D11 alone, 4 500 € < 5 000 €, infeasible.  The ranking: D01 20 000
(53 000 €; associations 45 000 €), D02 15 000 and D03 15 000 (scop 2, 83 000 €), D04
blocked by `scop` though 17 000 € are left, D06 unknown amount, D08 (rank 8, tied with
D09) blocked by `asso` (45 000 + 14 000 > 55 000), D09 14 000 (97 000 €), D12 10 000 >
3 000 left: the line.  So three dossiers ranked after D04 were taken before it (D05, D07,
D10), one after D08 (D10); D05 passed one better-ranked dossier (D04), D07 one (D04: D06
has no amount), D10 two (D04, D08)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import norm, run
from isgrid.call.load import load_call
from isgrid.engine import score
from quotacalls import letters, quota_call

BUDGET = "de l'enveloppe de 100 000 € après les dossiers retenus, moins que le montant"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return quota_call(tmp_path)


def test_left_out_by_a_maximum_or_an_envelope(folder: Path, tmp_path: Path) -> None:
    said = letters(folder, tmp_path / "fr")
    assert said["D04"] == [
        "Classé 4ᵉ sur 13 dossiers classés.",
        "Non retenu au titre d'une règle de répartition de l'appel (« deux SCOP au plus ») : "
        "les dossiers déjà retenus en atteignaient le maximum.",
        "3 dossiers classés après le vôtre ont été retenus avant lui au titre des règles de "
        "répartition de l'appel (« au moins trois projets ruraux »)."]
    assert said["D08"] == [
        "Classé 8ᵉ sur 13 dossiers classés.",
        "Ex æquo avec un autre dossier : ce n'est pas le classement qui les a départagés, "
        "mais la règle de répartition de l'appel dite ci-dessous.",
        "Non retenu au titre d'une règle de répartition de l'appel (« 55 000 € au plus pour "
        "les associations ») : ce qui restait de cette enveloppe après les dossiers déjà "
        "retenus ne couvrait pas le montant.",
        "Un dossier classé après le vôtre a été retenu avant lui au titre d'une règle de "
        "répartition de l'appel (« au moins trois projets ruraux »)."]
    # the money is said to the reserve only: 100 000 - (20 000 + 15 000 + 15 000 + 20 000
    # + 8 000 + 14 000 + 5 000) = 3 000 € left, less than D12's 10 000 and D16's 7 000 €
    assert {k for k, r in said.items() if any(BUDGET in x for x in r)} == {"D12", "D16"}
    assert "il restait 3 000 € de l'enveloppe de 100 000 €" in said["D12"][2]
    assert "le montant de votre dossier (7 000 €)" in said["D16"][2]
    minimum = "Retenu au titre d'une règle de répartition de l'appel (« au moins trois " \
              "projets ruraux »), avant {}."
    assert said["D05"][1] == minimum.format("un dossier mieux classé")
    assert said["D07"][1] == minimum.format("un dossier mieux classé")
    assert said["D10"][1] == minimum.format("des dossiers mieux classés")
    assert said["D01"] == ["Classé 1ᵉʳ sur 13 dossiers classés."]  # at its rank: nothing more
    assert said["D12"][:2] == ["Classé 12ᵉ sur 13 dossiers classés.",
                               "Position 1 sur la liste de réserve."]
    assert len(said["D12"]) == 3  # and the money (above)
    en = letters(folder, tmp_path / "en", "en")
    assert en["D04"][1:] == [
        "Not selected under one of the call's allocation rules (“deux SCOP au plus”): the "
        "dossiers already selected had reached its maximum.",
        "3 dossiers ranked after yours were selected before it under the call's allocation "
        "rules (“au moins trois projets ruraux”)."]
    assert en["D08"][1].startswith("Tied with another dossier: what parted them")
    assert "what was left of the budget that rule sets" in en["D08"][2]


def test_a_constraint_without_label_is_said_in_the_letters_language(
        folder: Path, tmp_path: Path) -> None:
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        ", label: deux SCOP au plus", ""), encoding="utf-8")
    assert "au plus 2 lauréats avec structure = scop" in letters(folder, tmp_path / "fr")["D04"][1]
    assert "at most 2 laureates with structure = scop" in letters(
        folder, tmp_path / "en", "en")["D04"][1]


def test_left_out_by_top(folder: Path, tmp_path: Path) -> None:
    """``top: 5``: rural takes D05, D07, D10, then D01 and D02: five, the walk stops at D03
    with 32 000 € left (100 000 - 68 000); D03, D04 are the reserve.  D08 and D12 are left
    out by the number of laureates, not by the money."""
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "selection: {rule: rank-order, reserve: 2}", "selection: {top: 5, reserve: 2}"),
        encoding="utf-8")
    said = letters(folder, tmp_path / "fr")
    top = "Classé au-delà du nombre de lauréats que fixe l'appel (5 au plus)."
    assert said["D08"][1] == top and said["D12"][1] == top
    assert said["D03"][1] == "Position 1 sur la liste de réserve."
    assert not any(BUDGET in x for r in said.values() for x in r)


def test_after_decisions_no_budget_reason_for_money_that_is_there(folder: Path,
                                                                  tmp_path: Path) -> None:
    """The reviewer's séance (F2's commands): D02 withdraws, the jury lowers D05 to
    15 000 €, the vote takes D12.  D16 (7 000 €, on the proposal's reserve) ends « non
    retenu » with no decision of its own: its letter says the envelope could not cover
    its amount only when what is left is below 7 000 € (the decided walk's reasons are
    not in the result: the letter says no reason rather than a false one)."""
    run("withdraw", folder, "D02", "--by", "E", "--reason", "renonce", "--at", "2027-03-10")
    run("decide", folder, "D05", "--stage", "jury", "--outcome", "retenu", "--amount", "15000",
        "--by", "Jury", "--reason", "r", "--at", "2027-03-10")
    run("decide", folder, "D12", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "Vote", "--at", "2027-03-20", "--reference", "CP-2027-03")
    result = score(load_call(folder))
    now = result.current
    assert now is not None and now.remaining is not None
    d16 = result.dossier("D16")
    said = letters(folder, tmp_path / "fr")["D16"]
    if d16.status == "non retenu":
        assert any(BUDGET in x for x in said) == (now.remaining < 7000), (now.remaining, said)
    else:  # back on the reserve, or retained: its position or its outcome says it
        assert not any(BUDGET in x for x in said)


# ------------------------------------------------------------ the jury's tables (F6)
def test_tables_say_the_constraint(folder: Path, tmp_path: Path) -> None:
    """`score`'s table, the committee report (its ranking's flags and section 5) and the
    séance board say why D04 (rank 4) and D08 are not proposed above the line (the
    maximum `scop`, the envelope `asso`) and why D05, D07, D10 are proposed (the minimum
    `rural`, before better-ranked dossiers), and name the minimum that cannot be met."""
    table = norm(run("--lang", "fr", "score", folder))
    rows = {x.split()[1]: x for x in table.splitlines() if re.match(r"\s+\d+\s+D\d\d ", x)}
    assert rows["D04"].endswith("plafond scop")
    assert rows["D08"].rstrip().endswith("plafond asso +1")  # then its tie
    for did in ("D05", "D10"):
        assert rows[did].endswith("minimum rural")
    assert "plafond" not in rows["D09"] and "minimum" not in rows["D01"]
    out = tmp_path / "c.md"
    run("report", folder, "--format", "md", "-o", out)
    text = norm(out.read_text(encoding="utf-8"))
    row = next(x for x in text.splitlines() if x.startswith("| 4 | D04 |"))
    assert row.endswith("| non proposé : contrainte de portefeuille scop (deux SCOP au plus) "
                        "atteinte (non le budget) |")
    row = next(x for x in text.splitlines() if x.startswith("| 10 | D10 |"))
    assert "proposé pour la contrainte de portefeuille rural (au moins trois projets ruraux), " \
           "avant des dossiers mieux classés" in row
    section = text.split("## 5.", 1)[1]
    # D11, the one mountain dossier, is ranked but asks 4 500 € under the 5 000 € minimum
    # grant: the true reason (quota-engine, review rev-money F11), not « aucun dossier »
    assert ("- montagne (au moins un projet de montagne) : impossible à respecter — D11 "
            "correspond mais ne peut pas être retenu, son montant est sous le minimum "
            "d'aide") in section
    for line in ("- rural (au moins trois projets ruraux) : respectée",
                 "- scop (deux SCOP au plus) : respectée",
                 "- asso (55 000 € au plus pour les associations) : respectée"):
        assert line in section
    board = tmp_path / "s.html"
    run("report", folder, "--kind", "seance", "--format", "html", "-o", board)
    page = norm(board.read_text(encoding="utf-8"))
    assert "<h3>Contraintes de portefeuille (dans la proposition du jury)</h3>" in page
    for line in ("D04 — non proposé : contrainte de portefeuille scop (deux SCOP au plus) "
                 "atteinte (non le budget)",
                 "D10 — proposé pour la contrainte de portefeuille rural (au moins trois "
                 "projets ruraux), avant des dossiers mieux classés",
                 "montagne (au moins un projet de montagne) : impossible à respecter"):
        assert line in page, line
    assert "D09 — " not in page and "D01 — " not in page
    en = tmp_path / "en.md"
    run("report", folder, "--format", "md", "--lang", "en", "-o", en)
    text = en.read_text(encoding="utf-8")
    assert "not proposed: portfolio constraint scop (deux SCOP au plus) reached" in text
    assert "montagne (au moins un projet de montagne): cannot be met" in text
