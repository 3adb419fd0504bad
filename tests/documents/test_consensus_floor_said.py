"""A consensus that lifts a floor is said in the signed documents (review s15 recours F7).

tests/recourscalls.py: AL16-07's ALS-4, rated 1, 2, 1 by the jurors (mean 4 / 3 = 1,33,
under the floor 2), set to 2 by a consensus in séance: the floor is reached by that value
only.  AL16-02's ALS-5 consensus (call.yaml: 3, the jurors' 2,67; ALS-5 has no floor)
crosses none."""

from __future__ import annotations

import html
import re
from pathlib import Path

from clirun import norm, run
from recourscalls import recours_call


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return " ".join(norm(html.unescape(re.sub(r"<[^>]+>", " ", raw))).split())


def test_the_minutes_and_the_report_say_the_floor_a_consensus_lifted(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    assert "consensus ALS-4 : 1,3 → 2 (sous le plancher de 2 → plancher atteint)" in pv
    assert "consensus ALS-5 : 2,7 → 3 (" not in pv  # no floor on ALS-5: nothing crossed
    run("report", folder, "--format", "md", "-o", tmp_path / "c.md")
    report = norm((tmp_path / "c.md").read_text(encoding="utf-8"))
    row = next(x for x in report.splitlines() if x.startswith("| 4 | AL16-07 |"))
    assert ("plancher de 2 atteint par consensus : Pérennité de la démarche (ALS-4), 1,33 "
            "d'après les notes des jurés, 2 par consensus") in row
    others = [x for x in report.splitlines() if x.startswith("| ") and "AL16-07" not in x]
    assert others
    assert not any("atteint par consensus" in x for x in others)
    run("--lang", "en", "minutes", folder, "-o", tmp_path / "pv-en.html", "--lang", "en")
    assert "(below the floor of 2 → floor reached)" in _text(tmp_path / "pv-en.html")


def test_no_flag_without_the_consensus(tmp_path: Path) -> None:
    folder = recours_call(tmp_path, seance=False)
    run("report", folder, "--format", "md", "-o", tmp_path / "c.md")
    assert "par consensus :" not in norm((tmp_path / "c.md").read_text(encoding="utf-8"))
