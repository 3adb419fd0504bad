"""Portfolio constraints of the rev-money call (tests/engine/moneycall.py): why a minimum
cannot be met (F11) and how the constraints stand after the decisions (F3)."""

from __future__ import annotations

from pathlib import Path

from moneycall import copy_call, scored


def test_an_infeasible_minimum_names_the_ranked_dossier_no_money_can_go_to(
        tmp_path: Path) -> None:
    """montagne, at least 1: D11 (montagne, rank 11) is ranked but proposed 0,5 × 9 000 =
    4 500 € < the 5 000 € minimum grant: the reason is its amount, not that nobody
    matches, and a larger envelope would not help (review rev-money F11)."""
    r = scored(copy_call(tmp_path))
    assert r.constraints is not None
    [item] = [x for x in r.constraints.items if x.id == "montagne"]
    assert (item.infeasible, item.actual, item.unusable) == (True, 0, ("D11",))
    assert item.note == ("D11 correspond mais ne peut pas être retenu, son montant est sous "
                         "le minimum d'aide")
    [w] = [w for w in r.constraint_warnings("call.yaml") if "montagne" in w.message]
    assert w.hint is not None
    assert w.hint.translated("fr") == (
        "Les règles de l'appel ne permettent de verser aucun montant à D11\u00a0: abaissez "
        "funding.minimum, complétez les montants manquants, ou enregistrez une décision avec "
        "--amount (isgrid decide)\u202f; augmenter l'enveloppe n'y change rien.")
    # the rural minimum is met: no reason, nobody stuck
    [rural] = [x for x in r.constraints.items if x.id == "rural"]
    assert (rural.met, rural.actual, rural.note, rural.unusable) == (True, 3, None, ())
