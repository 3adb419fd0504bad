"""Which dossiers the open-data export (SCDL Subventions) lists, and with what amount: the
grants a vote retained while that vote stands (isgrid.engine.status.vote_stands, the one
reading of a vote that the letters' « attribué » and the CP annex read), with
``DossierResult.amount_granted`` (docs/decisions.md, "Which dossiers a vote decides").

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2; D1 20 000, D2
15 000, D3 and D4 10 000 each, D5 8 000, D6 5 000), each case worked out by hand.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.cli import cli

NBSP = "\u00a0"


def decide(folder: Path, did: str, outcome: str, stage: str = "vote",
           amount: float | None = None) -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage=stage, amount=amount,
           by="CP", reason="délibération")


def withdraw(folder: Path, did: str) -> None:
    append(folder, kind="withdrawal", dossier=did, by="Secrétariat", reason="retrait")


def export(folder: Path, tmp_path: Path) -> tuple[int, str, dict[str, str]]:
    """(exit code, output, {dossier's objet: montant})."""
    out = tmp_path / "subventions.csv"
    run = CliRunner().invoke(cli, ["--lang", "fr", "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(out)])
    if run.exit_code:
        return run.exit_code, run.output, {}
    rows = csv.DictReader(io.StringIO(out.read_text("utf-8")))
    return 0, run.output, {r["objet"]: r["montant"] for r in rows}


def test_the_grants_a_vote_retained_with_their_amounts(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D1", "retenu", amount=18000)  # the vote's amount
    decide(folder, "D2", "retenu")  # no amount: the proposed 15 000
    decide(folder, "D5", "retenu", stage="jury")  # a jury's proposal only: not a grant
    code, out, rows = export(folder, tmp_path)
    assert code == 0, out
    assert rows == {"Projet D1": "18000.00", "Projet D2": "15000.00"}


def test_one_the_vote_put_on_the_reserve_then_proposed_in_a_freed_place_is_no_grant(
        tmp_path: Path) -> None:
    # D4 at (3, 2) ranks below D3: D1 + D2 + D3 = 45 000 retained, D4 (10 000 > 5 000 left)
    # and D5 the reserve.  The vote retains D1, D2, D3 and puts D4 on the reserve; D2
    # withdraws: 50 000 - 30 000 = 20 000 for its place, D4 (10 000) proposed in it.  D4 is
    # retenu, but no vote retained it: it awaits its own vote, not in the export.
    dossiers = dict(DOSSIERS, D4=(3, 2, 10000, 20000, "urbain", "scop", "emploi"))
    folder = seance_call(tmp_path, dossiers=dossiers)
    for did in ("D1", "D2", "D3"):
        decide(folder, did, "retenu")
    decide(folder, "D4", "réserve")
    withdraw(folder, "D2")
    code, out, rows = export(folder, tmp_path)
    assert code == 0, out
    assert rows == {"Projet D1": "20000.00", "Projet D3": "10000.00"}


def test_a_voted_grant_reinstated_after_a_withdrawal_is_still_granted(tmp_path: Path) -> None:
    # D1 voted retenu (20 000), withdraws, then a decision of the jury reinstates it
    # (docs/decisions.md: a decision after a withdrawal reinstates; an earlier stage's
    # decision corrects that stage's record, not the vote).  Its decision keeps the vote's
    # « retenu »: the vote stands, its letter says « attribué » and the CP annex lists it
    # as voted: the export lists it too (it used to read the effective decision's stage,
    # the jury's, and left it out).
    folder = seance_call(tmp_path)
    decide(folder, "D1", "retenu")
    withdraw(folder, "D1")
    decide(folder, "D1", "retenu", stage="jury")
    code, out, rows = export(folder, tmp_path)
    assert code == 0, out
    assert rows == {"Projet D1": "20000.00"}


def test_a_voted_grant_without_a_known_amount_is_an_error_not_left_out(tmp_path: Path) -> None:
    # D1's requested amount unknown: no proposed amount; the vote retains it without an
    # amount, so nothing is granted in figures (amount_granted None).  A grant the vote
    # made is never left out silently: montant is empty, export-incomplete (exit 1).
    folder = seance_call(tmp_path)
    path = folder / "dossiers" / "D1.yaml"
    text = path.read_text("utf-8")
    assert "amount_requested: 20000\n" in text
    path.write_text(text.replace("amount_requested: 20000\n", ""), "utf-8")
    decide(folder, "D1", "retenu")
    code, out, rows = export(folder, tmp_path)
    assert code == 1 and rows == {}
    assert f"D1{NBSP}: montant est vide" in out, out
