"""Letters at the stage a dossier stopped (review s15 audition F3, F4).

tests/fixtures/shortlist-call (hand totals: P4 88,33; P1 80,00; P2 73,33; P3 60,00; P5
45,00; P6 31,67) with ``selection: {top: 3}``: P4, P1, P2 are the three first; the committee
then retains P5 (5th) by a decision -- a repêchage -- over P3 (4th)."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import norm, run
from quotacalls import letters
from testpaths import FIXTURES

BEYOND = "au-delà du nombre de lauréats"
PASSED = ("Un dossier classé après le vôtre a été financé par une décision du comité, qui "
          "l'a choisi hors de l'ordre du classement.")


def _call(tmp_path: Path, shortlist: bool = False) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    if shortlist:
        yaml = folder / "call.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "selection: {top: 3, reserve: 0}", "selection: {top: 3, reserve: 0, shortlist: true}"),
            encoding="utf-8")
    run("decide", folder, "P5", "--stage", "jury", "--outcome", "retenu", "--by", "Sandrine",
        "--reason", "repêché par le comité")
    return folder


def _texts(folder: Path, out: Path, lang: str = "fr") -> dict[str, str]:
    run("--lang", lang, "report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    return {f.stem: norm(f.read_text(encoding="utf-8")) for f in out.glob("*.md")}


def test_a_dossier_passed_over_by_a_repechage_is_never_told_the_top_cut(tmp_path: Path) -> None:
    said = letters(_call(tmp_path), tmp_path / "fr")
    # P3, 4th, above P5 (5th) that the decision retained: the decision is its reason
    assert said["P3"] == ["Classé 4ᵉ sur 6 dossiers classés.", PASSED]
    # P6, 6th, below every dossier retained: the call's cut of three is its reason
    assert said["P6"][1] == "Classé au-delà du nombre de lauréats que fixe l'appel (3 au plus)."


def test_a_shortlist_says_shortlisted_no_money_no_proposal(tmp_path: Path) -> None:
    texts = _texts(_call(tmp_path, shortlist=True), tmp_path / "fr")
    for d in ("P4", "P1", "P2", "P5"):
        assert "**Votre dossier est présélectionné pour l'audition.**" in texts[d], d
        assert "Vous serez convoqué(e) à une audition" in texts[d]
    for d in ("P3", "P6"):
        assert "**Votre dossier n'est pas présélectionné pour l'audition.**" in texts[d], d
        assert "Votre candidature s'arrête à cette étape" in texts[d]
    assert ("Un dossier classé après le vôtre a été présélectionné par une décision du "
            "comité") in texts["P3"]
    assert ("Classé au-delà du nombre de dossiers que l'appel présélectionne pour l'audition "
            "(3 au plus).") in texts["P6"]
    for d, text in texts.items():
        for word in ("Montant", "ligne de financement", "dernier dossier", "ne vaut pas décision",
                     "Proposition du jury", BEYOND):
            assert word not in text, (d, word)
    en = _texts(tmp_path / "appel", tmp_path / "en", "en")
    assert "**Your application is not shortlisted for the hearing.**" in en["P3"]
    assert "**Your application is shortlisted for the hearing.**" in en["P5"]


def test_a_refusal_at_the_instruction_is_the_instructions(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    run("decide", folder, "P6", "--stage", "instruction", "--outcome", "non-retenu", "--by", "S",
        "--reason", "non présélectionné", "--motivation", "Projet hors du champ de l'appel.")
    text = _texts(folder, tmp_path / "fr")["P6"]
    assert "**Votre dossier n'a pas été retenu à l'issue de l'instruction.**" in text
    assert "Projet hors du champ de l'appel." in text
    assert "Proposition du jury" not in text and "ne vaut pas décision" not in text
    en = _texts(folder, tmp_path / "en", "en")["P6"]
    assert "**Your application was not retained at the end of the instruction.**" in en
