"""Portfolio constraints of the rev-money call (tests/engine/moneycall.py): why a minimum
cannot be met (F11) and how the constraints stand after the decisions (F3)."""

from __future__ import annotations

from pathlib import Path

from moneycall import copy_call, record, scored

from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.engine import Result
from isgrid.engine.portfolio import broken_by, standing_choices


def test_an_infeasible_minimum_names_the_ranked_dossier_no_money_can_go_to(
        tmp_path: Path) -> None:
    """montagne, at least 1: D11 (montagne, rank 11) is ranked but proposed 0,5 × 9 000 =
    4 500 € < the 5 000 € minimum grant: the reason is its amount, not that nobody
    matches, and a larger envelope would not help (review rev-money F11)."""
    r = scored(copy_call(tmp_path))
    assert r.constraints is not None
    [item] = [x for x in r.constraints.items if x.id == "montagne"]
    assert (item.infeasible, item.actual, item.unusable) == (True, 0, ("D11",))
    assert item.note is not None
    assert item.note.translated("fr") == ("D11 correspond mais ne peut pas être retenu, son "
                                          "montant est sous le minimum d'aide")
    assert item.note.translated("en") == ("D11 matches but cannot be selected, its amount is "
                                          "below the minimum grant")
    assert [r.to_json() for r in item.reasons] == [
        {"code": "unusable", "ids": ["D11"], "why": "below"}]
    [w] = [w for w in r.constraint_warnings("call.yaml") if "montagne" in w.message]
    assert w.hint is not None
    assert w.hint.translated("fr") == (
        "Les règles de l'appel ne permettent de verser aucun montant à D11\u00a0: abaissez "
        "funding.minimum, complétez les montants manquants, ou enregistrez une décision avec "
        "--amount (isgrid decide)\u202f; augmenter l'enveloppe n'y change rien.")
    # the rural minimum is met: no reason, nobody stuck
    [rural] = [x for x in r.constraints.items if x.id == "rural"]
    assert (rural.met, rural.actual, rural.note, rural.unusable) == (True, 3, None, ())


def decided(r: Result) -> dict[str, tuple[bool, float, str | None]]:
    assert r.constraints is not None
    return {x.id: (x.met, x.actual, x.note.translated("fr") if x.note is not None else None)
            for x in r.constraints.decided}


def test_a_vote_beyond_an_envelope_breaks_it_after_the_decisions(tmp_path: Path) -> None:
    """asso, 55 000 € at most.  D02 withdraws (its place: 100 000 − 77 000 − 10 000 −
    7 000 = 6 000 once the votes below are spent ahead: D04, 12 000, does not fit); the
    jury lowers D05 to 15 000; the vote retains D12 (10 000) and D16 (7 000).  Associations
    retained: D01 20 000 + D05 15 000 + D10 5 000 + D12 10 000 + D16 7 000 = 57 000 €,
    2 000 over; the proposal held 45 000 (D01, D05 20 000, D10).  The decided evaluation
    says so, the proposal's still says met; and voting D16 warns constraint-broken
    (review rev-money F3)."""
    folder = copy_call(tmp_path)
    record(folder, {"kind": "withdrawal", "dossier": "D02"},
           {"dossier": "D05", "stage": "jury", "outcome": "retenu", "amount": 15000},
           {"dossier": "D12", "stage": "vote", "outcome": "retenu", "at": "2027-03-20"})
    before = scored(folder)
    assert decided(before)["asso"] == (True, 50000, None)
    record(folder, {"dossier": "D16", "stage": "vote", "outcome": "retenu",
                    "at": "2027-03-20"})
    r = scored(folder)
    assert r.constraints is not None
    assert [(x.met, x.actual) for x in r.constraints.items if x.id == "asso"] == [
        (True, 45000)]
    assert decided(r)["asso"] == (
        False, 57000, "dépassée de 2\u202f000\u202f€ par les décisions, 57\u202f000\u202f€ "
        "retenus")
    assert decided(r)["scop"][:2] == (True, 1)  # D03 alone: D02 withdrew
    assert before.constraints is not None
    [w] = broken_by(before.constraints.decided, r.constraints.decided, "call.yaml")
    assert (w.code, w.message.translated("fr")) == (
        "constraint-broken", "la sélection ne respectera plus la contrainte asso (55 000 € "
        "au plus pour les associations)\u00a0: 57\u202f000\u202f€ retenus, "
        "55\u202f000\u202f€ au plus")  # the label as call.yaml writes it


def test_a_withdrawal_leaves_a_minimum_unmet_and_the_minutes_say_so(tmp_path: Path) -> None:
    """rural, at least 3: D05, D07, D10 in the proposal, the only ranked rural dossiers.
    D07 withdraws: D12 (asso, 10 000, first on the reserve) is proposed in its place; rural
    retained: D05, D10 = 2 < 3.  The minutes say « non respectée » and no more that D07 was
    retained for the constraint."""
    folder = copy_call(tmp_path)
    record(folder, {"kind": "withdrawal", "dossier": "D07"})
    r = scored(folder)
    assert decided(r)["rural"] == (False, 2, "2 retenus après les décisions, il en faut au "
                                             "moins 3")
    assert "D07" not in {c.dossier for c in standing_choices(r)}
    assert {"D05", "D10", "D04"} <= {c.dossier for c in standing_choices(r)}
    ctx = build_minutes(load_call(folder), r, "pv", "fr")
    assert [(c["id"], c["met"]) for c in ctx["constraints"]] == [
        ("rural", False), ("montagne", False), ("scop", True), ("asso", True)]
