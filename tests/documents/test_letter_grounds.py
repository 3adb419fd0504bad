"""The letter of a dossier left on the reserve list states why in fact -- the money left
when its turn came against its amount, and the selection rule -- and every decided letter
the basis in law (``letters.legal_basis``) (review s15 recours F2).  The séance and the
figures worked by hand: tests/recourscalls.py."""

from __future__ import annotations

from pathlib import Path

from clirun import norm
from quotacalls import letters
from recourscalls import recours_call

BASIS = "Règlement de l'appel adopté par la délibération CP-2016-02-15"
RULE = "Règle de sélection : ordre du classement (arrêt au premier dossier qui ne tient pas)."


def test_the_reserve_letter_says_the_money_and_the_rule(tmp_path: Path) -> None:
    said = letters(recours_call(tmp_path, BASIS), tmp_path / "fr")
    # 52 000 - (27 000 + 15 000) = 10 000 € left; AL16-03 15 000 €, AL16-04 20 000 €
    assert said["AL16-03"][:3] == [
        "Classé 5ᵉ sur 6 dossiers classés.", "Position 1 sur la liste de réserve.",
        "Classé sous la ligne de financement : il restait 10 000 € de l'enveloppe de "
        "52 000 € après les dossiers retenus, moins que le montant de votre dossier "
        f"(15 000 €). {RULE}"]
    assert "moins que le montant de votre dossier (20 000 €)" in said["AL16-04"][2]
    # the basis in law, last, in every decided letter; never in a withdrawal's
    for d in ("AL16-01", "AL16-03", "AL16-04", "AL16-05", "AL16-07", "AL16-08"):
        assert said[d][-1] == f"En droit : {BASIS}", (d, said[d])
    assert said["AL16-02"] == []  # the withdrawal's letter: no reason, so no basis either
    en = letters(tmp_path / "appel", tmp_path / "en", "en")
    assert en["AL16-03"][2] == (
        "Ranked below the funding line: €10,000 was left of the budget of €52,000 after the "
        "dossiers retained, less than your dossier's amount (€15,000). Selection rule: rank "
        "order (stops at the first dossier that does not fit).")
    assert en["AL16-03"][-1] == f"In law: {BASIS}"


def test_no_basis_before_the_decision_nor_unwritten(tmp_path: Path) -> None:
    said = letters(recours_call(tmp_path / "a", BASIS, seance=False), tmp_path / "a" / "fr")
    assert not any(BASIS in x for r in said.values() for x in r)  # a proposal: no decision
    # before the séance: 52 000 - (27 000 + 24 000) = 1 000 € left, AL16-03 15 000 €
    assert said["AL16-03"][2].startswith(
        "Classé sous la ligne de financement : il restait 1 000 € de l'enveloppe de 52 000 €")
    folder = recours_call(tmp_path / "b")
    out = tmp_path / "b" / "fr"
    letters(folder, out)
    assert "En droit" not in norm((out / "AL16-03.md").read_text(encoding="utf-8"))


def test_a_reserve_dossier_that_fits_the_money_left_is_told_the_walk_stopped(
        tmp_path: Path) -> None:
    """Review s18 F4.  Budget 60 000; AL16-04 asks 8 000.  By hand: AL16-01 27 000 +
    AL16-02 24 000 = 51 000, 9 000 left; AL16-05 (3rd) has no amount yet; AL16-03 (4th,
    15 000) does not fit in 9 000: rank-order stops there, the funding line.  AL16-04 (5th,
    8 000) would fit the 9 000 left, but comes after the line: its letter says so."""
    import shutil

    from testpaths import ROOT

    folder = tmp_path / "appel"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    cfg = folder / "call.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("budget: 52000", "budget: 60000"),
                   encoding="utf-8")
    d = folder / "dossiers" / "AL16-04.yaml"
    d.write_text(d.read_text(encoding="utf-8").replace("amount_requested: 22000",
                                                       "amount_requested: 8000"),
                 encoding="utf-8")
    said = letters(folder, tmp_path / "fr")
    assert "moins que le montant de votre dossier (15 000 €)" in said["AL16-03"][2]
    assert said["AL16-04"][1:3] == [
        "Position 2 sur la liste de réserve.",
        "Classé sous la ligne de financement : il restait 9 000 € de l'enveloppe de "
        "60 000 € après les dossiers retenus, assez pour le montant de votre dossier "
        "(8 000 €), mais la sélection s'arrête au premier dossier classé qui ne tient pas "
        f"dans ce reste, et votre dossier est classé après lui. {RULE}"]
    en = letters(folder, tmp_path / "en", "en")
    assert en["AL16-04"][2].startswith(
        "Ranked below the funding line: €9,000 was left of the budget of €60,000 after the "
        "dossiers retained, enough for your dossier's amount (€8,000), but the selection")
