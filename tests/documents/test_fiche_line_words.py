"""The fiche's « Distance à la ligne » says from what it is measured, and the one an
applicant may receive is measured as the letter compares (review s15 recours F8).

After the séance of tests/recourscalls.py: AL16-03 totals 100 × 17 / 28 = 60,714, AL16-07
(the last funded) 100 × 20,667 / 28 = 73,810: -13,1 points from it, as the letter's « Le
dernier dossier financé totalise 73,8 / 100 »; the committee report's line, halfway
between 73,810 and 60,714, is 67,262: -6,5 points from it."""

from __future__ import annotations

from pathlib import Path

from clirun import norm, run
from recourscalls import recours_call


def _fiche(folder: Path, out: Path, level: str, lang: str = "fr") -> str:
    run("--lang", lang, "report", folder, "--kind", "fiches", "--level", level, "--format", "md",
        "--dossier", "AL16-03", "-o", out)
    return norm(out.read_text(encoding="utf-8"))


def test_the_distance_says_from_what(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    shared = _fiche(folder, tmp_path / "c.md", "communicable")
    assert ("Distance à la ligne : -13,1 points, par rapport au dernier dossier financé "
            "(73,8 / 100)") in shared
    inner = _fiche(folder, tmp_path / "i.md", "interne")
    assert ("Distance à la ligne : -6,5 points, par rapport à la ligne de financement placée "
            "à 67,3 / 100 : à mi-chemin entre le dernier dossier financé et le premier classé "
            "sous elle") in inner
    en = _fiche(folder, tmp_path / "e.md", "communicable", "en")
    assert "-13.1 points, from the last dossier funded (73.8 / 100)" in en
