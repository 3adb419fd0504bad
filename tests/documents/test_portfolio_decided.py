"""After decisions, the letters and the jury's tables say the portfolio constraints as the
decided selection stands (``Result.constraints.decided``, the maximums that still keep a
dossier out: :func:`isgrid.engine.portfolio.decided_maxima`), not the proposal's alone
(review rev-money F1, F3; docs/decisions.md §4).

The call: tests/fixtures/quota-call (the reviewer's; its walk by hand in
test_portfolio_reasons.py): 97 000 € committed, reserve D12, D16; D08 (asso, 14 000 €)
left out by the `asso` envelope (55 000 € at most for associations).

The reviewer's séance (F2): D02 withdraws; the jury lowers D05 (asso) to 15 000 €; the vote
retains D12 (asso, 10 000 €).  By hand: D02's place is offered 100 000 − (D01 20 000 +
D03 15 000 + D05 15 000 + D07 8 000 + D09 14 000 + D10 5 000 = 77 000) − D12 10 000 =
13 000 €: D04 (scop, 12 000 €; scop now D03 alone) is proposed in it.  Committed 77 000 +
12 000 + 10 000 = 99 000 €, 1 000 € left.  Associations retained: D01 20 000 + D05 15 000
+ D10 5 000 + D12 10 000 = 50 000 €.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import norm, run
from quotacalls import letters, quota_call

ASSO = ("Non retenu au titre d'une règle de répartition de l'appel (« 55 000 € au plus pour "
        "les associations ») : ce qui restait de cette enveloppe après les dossiers déjà "
        "retenus ne couvrait pas le montant.")
BUDGET = ("Classé sous la ligne de financement : il restait 1 000 € de l'enveloppe de "
          "100 000 € après les dossiers retenus, moins que le montant de votre dossier "
          "(7 000 €). Règle de sélection : ordre du classement (arrêt au premier dossier qui "
          "ne tient pas).")


@pytest.fixture
def seance(tmp_path: Path) -> Path:
    """The call after the reviewer's séance (F2's three decisions)."""
    out = quota_call(tmp_path)
    run("withdraw", out, "D02", "--by", "E", "--reason", "renonce", "--at", "2027-03-10")
    run("decide", out, "D05", "--stage", "jury", "--outcome", "retenu", "--amount", "15000",
        "--by", "Jury", "--reason", "r", "--at", "2027-03-10")
    run("decide", out, "D12", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "Vote", "--motivation", "Projet du quartier", "--at", "2027-03-20",
        "--reference", "CP-2027-03")
    return out


def rows(folder: Path) -> dict[str, str]:
    table = norm(run("--lang", "fr", "score", folder))
    return {x.split()[1]: x for x in table.splitlines() if re.match(r"\s+\d+\s+D\d\d ", x)}


def test_the_seance_keeps_the_reasons_the_decided_selection_bears_out(
        seance: Path, tmp_path: Path) -> None:
    """D08 (14 000 €): 50 000 + 14 000 = 64 000 > 55 000, the envelope still keeps it out:
    its letter says so.  D16 (asso, 7 000 €, rank 13) is left out with 1 000 € left: the
    money (7 000 > 1 000), said as such.  D04, proposed in D02's place, says no maximum."""
    said = letters(seance, tmp_path / "fr")
    assert ASSO in said["D08"]
    assert said["D16"][:2] == ["Classé 13ᵉ sur 13 dossiers classés.", BUDGET]
    assert len(said["D04"]) == 2  # proposed in D02's place, its rank
    assert not any("SCOP" in x for x in said["D04"])
    table = rows(seance)
    assert "plafond asso" in table["D08"] and "plafond" not in table["D16"]
    assert "plafond" not in table["D04"]


def test_a_dossier_a_decided_envelope_keeps_out_says_so(seance: Path, tmp_path: Path) -> None:
    """The jury then lowers D09 (scic) from 14 000 to 6 000 €: 99 000 − 8 000 = 91 000 €
    committed, 9 000 € left, enough for D16's 7 000 €; but associations would be 50 000 +
    7 000 = 57 000 > 55 000 €: the envelope keeps D16 out (the proposal had it on the
    reserve, its walk never said `asso` of it).  Its letter says the envelope, not the
    money; the tables flag it.  D11 (asso, 4 500 € under the 5 000 € minimum grant) is not
    said to be kept out by the envelope: no money can go to it anyway."""
    run("decide", seance, "D09", "--stage", "jury", "--outcome", "retenu", "--amount", "6000",
        "--by", "Jury", "--reason", "r", "--at", "2027-03-10")
    table = rows(seance)
    assert table["D16"].split()[3:5] == ["non", "retenu"]
    said = letters(seance, tmp_path / "fr")
    assert said["D16"][:2] == ["Classé 13ᵉ sur 13 dossiers classés.", ASSO]
    assert not any("Ex æquo" in x for x in said["D16"])
    assert table["D16"].rstrip().endswith("plafond asso")
    assert "plafond" not in table["D11"]
    en = letters(seance, tmp_path / "en", "en")
    assert "what was left of the budget that rule sets" in en["D16"][1]


def test_the_tables_say_a_constraint_the_vote_broke(seance: Path, tmp_path: Path) -> None:
    """F3: the vote then retains D16 (asso, 7 000 €) as well: associations 50 000 + 7 000 =
    57 000 € > 55 000 €.  The committee report and the séance board state the constraints
    after the decisions: `asso` not met, 57 000 € for 55 000 € at most; the others as they
    stand (rural D05, D07, D10: 3; scop D03, D04: 2)."""
    run("decide", seance, "D16", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "Vote", "--motivation", "Projet prioritaire", "--at", "2027-03-20",
        "--reference", "CP-2027-03")
    out = tmp_path / "c.md"
    run("report", seance, "--format", "md", "-o", out)
    text = norm(out.read_text(encoding="utf-8"))
    section = text.split("**Contraintes de portefeuille (après les décisions)**", 1)[1]
    for line in ("- rural (au moins trois projets ruraux) : respectée",
                 "- scop (deux SCOP au plus) : respectée",
                 "- asso (55 000 € au plus pour les associations) : non respectée après les "
                 "décisions — 57 000 € retenus, pour 55 000 € au plus"):
        assert line in section, line
    assert "dans la proposition du jury" not in text
    board = tmp_path / "s.html"
    run("report", seance, "--kind", "seance", "--format", "html", "-o", board)
    page = norm(board.read_text(encoding="utf-8"))
    assert "<h3>Contraintes de portefeuille (après les décisions)</h3>" in page
    assert "57 000 € retenus, pour 55 000 € au plus" in page
    assert "D11 — " not in page and "D16 — " not in page
    en = tmp_path / "en.md"
    run("report", seance, "--format", "md", "--lang", "en", "-o", en)
    text = norm(en.read_text(encoding="utf-8"))
    assert "**Portfolio constraints (after the decisions)**" in text
    assert ("asso (55 000 € au plus pour les associations): not met after the decisions — "
            "€57,000 selected, at most €55,000") in text
