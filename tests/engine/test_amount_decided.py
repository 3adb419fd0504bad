"""The amount a decision holds, one property (:attr:`DossierResult.amount_decided`) beside
the amounts the documents show (``amount_proposed``, ``amount_granted``): ``isgrid
decisions``' table and the letters read it instead of each re-deriving it from
``amounts.granted`` and ``decision.outcome``.

The séance call of tests/decisions_calls.py: D1 asks 20 000 (proposed 20 000, retained in
the proposal), D2 15 000 (retained), D5 8 000 (on the reserve).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from decisions_calls import seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.documents.decisions_text import decisions_table
from isgrid.engine import DossierResult, Result, score
from isgrid.engine.result import Amounts


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def decide(folder: Path, did: str, outcome: str, stage: str, amount: float | None) -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage=stage, amount=amount,
           by="Présidente", reason="séance")


def amounts(d: DossierResult) -> tuple[float | None, float | None, float | None]:
    return d.amount_decided, d.amount_proposed, d.amount_granted


def row(r: Result, did: str) -> list[str]:
    """``did``'s row of ``isgrid decisions``, word by word (« 18 000 € »: three)."""
    line = next(x for x in decisions_table(r, "fr").splitlines() if f" {did} " in x)
    return line.replace("\u202f", " ").split()


def test_the_amount_a_decision_holds(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    r = scored(folder)
    # no decision: none held; the rules' amount proposed for the retained and the reserve
    assert [amounts(r.dossier(i)) for i in ("D1", "D2", "D5")] == [
        (None, 20000, None), (None, 15000, None), (None, 8000, None)]
    decide(folder, "D1", "retenu", "jury", 18000)  # the jury proposes 18 000
    decide(folder, "D2", "non retenu", "jury", None)
    r = scored(folder)
    # held by the jury's decision, proposed (no vote granted it); a refusal holds none
    assert amounts(r.dossier("D1")) == (18000, 18000, None)
    assert amounts(r.dossier("D2")) == (None, None, None)
    # rank, id, computed, decided, status, the amount and what it is
    assert row(r, "D1") == ["1", "D1", "retenu", "retenu", "retenu", "18", "000", "€", "proposé"]
    decide(folder, "D1", "retenu", "vote", None)  # the vote grants the jury's 18 000
    r = scored(folder)
    # what the jury proposed stays proposed once voted, not the rules' 20 000 again (review
    # s11 rev-chair F3: « Proposé 27 000 € » beside the jury's 20 000 €)
    assert amounts(r.dossier("D1")) == (18000, 18000, 18000)
    assert row(r, "D1") == ["1", "D1", "retenu", "retenu", "retenu", "18", "000", "€",
                            "attribué"]


def test_no_decision_holds_no_amount(tmp_path: Path) -> None:
    """``amounts.granted`` without a decision (a result built by hand) is no amount a
    decision holds, nor granted."""
    d = scored(seance_call(tmp_path)).dossier("D1")
    assert d.decision.outcome is None
    odd = dataclasses.replace(d, amounts=Amounts(20000, 20000, 12000))
    assert amounts(odd) == (None, 20000, None)
