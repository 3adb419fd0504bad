"""The minutes state the rules applied and the walk of the envelope (review s15 recours
F10), and a selection decisions took beyond the call's ``top`` (audition F3).

tests/recourscalls.py, after the séance: threshold 50, floors 2 on AV-1.1 and ALS-4,
envelope 52 000 €, rank order, 50 % of the eligible costs capped at 27 000 €, no grant under
5 000 €, no partial grant (the example's call.yaml).  Walk: AL16-01 27 000 (27 000, 25 000
left); AL16-02 withdrawn; AL16-05 refused; AL16-07 15 000 (42 000, 10 000 left); AL16-03,
15 000 €, does not fit the 10 000 € left: the walk stops there."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from clirun import norm, run
from recourscalls import recours_call
from testpaths import FIXTURES


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return " ".join(norm(html.unescape(re.sub(r"<[^>]+>", " ", raw))).split())


def test_the_minutes_state_the_rules_and_the_walk(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    for said in (
            "Seuil : 50 / 100 ; un dossier sous le seuil n'est pas classé.",
            "Planchers (un dossier sous l'un d'eux n'est pas classé) : Réponse à un besoin "
            "social nouveau ou mal satisfait (AV-1.1) 2 ; Pérennité de la démarche (ALS-4) 2.",
            "Enveloppe : 52 000 €.",
            "Règle de sélection : ordre du classement (arrêt au premier dossier qui ne tient "
            "pas).",
            # both bounds at once, not « ; 27 000 € par dossier » (s16 guide, finding 8)
            "Montant proposé : le montant demandé, au plus 50 % des dépenses éligibles et "
            "27 000 € par dossier. Aucune aide sous 5 000 €. Pas d'aide partielle"):
        assert said in pv, said
    walk = pv[pv.index("Parcours de l'enveloppe"):pv.index("Liste de réserve")]
    assert ("1 AL16-01 27 000 € 27 000 € 25 000 € 2 AL16-02 - retiré 3 AL16-05 - non retenu "
            "4 AL16-07 15 000 € 42 000 € 10 000 € 5 AL16-03 15 000 € ne tient pas "
            "(10 000 € restants < 15 000 €)") in walk
    assert "AL16-04" not in walk  # after the line: never tried by the walk
    assert "places au plus" not in pv
    run("minutes", folder, "--format", "docx", "-o", tmp_path / "pv.docx")
    run("--lang", "en", "minutes", folder, "--lang", "en", "-o", tmp_path / "en.html")
    en = _text(tmp_path / "en.html")
    assert "does not fit (€10,000 left < €15,000)" in en
    assert "at most 50% of the eligible costs and €27,000 per dossier" in en


def test_a_decision_beyond_top_is_said(tmp_path: Path) -> None:
    """tests/fixtures/shortlist-call, ``top: 3``: P5 (5th) retained by the committee as
    well as the three first: four for three places."""
    folder = tmp_path / "appel"
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    run("decide", folder, "P5", "--stage", "jury", "--outcome", "retenu", "--by", "S",
        "--reason", "repêché")
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    assert ("4 dossiers retenus pour les 3 places au plus que fixe l'appel : une décision a "
            "retenu au-delà.") in pv
    assert "Parcours de l'enveloppe" not in pv  # no budget: no walk of one
