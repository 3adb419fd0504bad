"""After a repêchage, the dossier passed over is in the committee report's grey zone and
order of discussion, with its reason (review s15 audition F7).

tests/fixtures/shortlist-call (hand totals: P4 88,33; P1 80,00; P2 73,33; P3 60,00; P5
45,00; P6 31,67), ``top: 3``: the committee retains P5 (5th); P3 (4th), above it, is not
retained: the line after decisions is drawn under P5, P3 is above it and unfunded."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import norm, run
from testpaths import FIXTURES

GREY = ("classé au-dessus d'un dossier repêché : non retenu, alors qu'un dossier classé "
        "après lui l'est par une décision")


def _report(tmp_path: Path, repeche: bool) -> str:
    folder = tmp_path / "appel"
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    if repeche:
        run("decide", folder, "P5", "--stage", "jury", "--outcome", "retenu", "--by", "S",
            "--reason", "repêché")
    run("report", folder, "--format", "md", "-o", tmp_path / "c.md")
    return norm((tmp_path / "c.md").read_text(encoding="utf-8"))


def test_the_dossier_passed_over_is_discussed(tmp_path: Path) -> None:
    report = _report(tmp_path, repeche=True)
    rows = [x for x in report.splitlines() if x.startswith("| ") and "| P3 |" in x]
    assert any(GREY in x for x in rows)  # the zone grise
    assert any(x.rstrip().endswith("|") and "| classé au-dessus d'un dossier repêché |" in x
               for x in rows)  # the order of discussion, its « why » cell
    # four retained for the call's three places: section 5 says so beside the rule
    assert ("Règle de sélection : les 3 premiers (4 dossiers retenus pour les 3 places au plus "
            "que fixe l'appel : une décision a retenu au-delà)") in report
    # nobody else is passed over: P4, P1, P2 retained, P6 below P5
    others = [x for x in report.splitlines() if x.startswith("| ") and "| P3 |" not in x]
    assert others
    assert not any("repêché" in x for x in others)


def test_without_a_repechage_nobody_is_passed_over(tmp_path: Path) -> None:
    report = _report(tmp_path, repeche=False)
    assert "repêché" not in report and "au-delà" not in report
