"""A criterion read from a dossier fact (``from_fact``: the written stage's total carried
into the hearings' folder, examples/auditions-2027) is shown in the letter's table of
marks, but is no « point fort » nor « point à améliorer » and no axis of the « Appréciation
par axe »: nobody on the committee judged it (review audition, finding 2: P5's letter read
« Points à améliorer : Total de l'instruction écrite »).

P5 (audition/): the five criteria heard 4, 3.7, 3.7, 3.7, 4 (all strengths), the written
total 45 / 100 (below half: it would have been a weakness as a criterion).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import run
from testpaths import EXAMPLES


def _letter(tmp_path: Path, dossier: str) -> str:
    folder = tmp_path / "audition"
    shutil.copytree(EXAMPLES / "auditions-2027" / "audition", folder)
    out = tmp_path / "lettres"
    run("report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    return (out / f"{dossier}.md").read_text(encoding="utf-8")


def _part(text: str, head: str) -> str:
    return text.split(f"## {head}\n", 1)[1].split("\n## ", 1)[0]


def test_the_written_total_is_a_mark_not_a_point(tmp_path: Path) -> None:
    text = _letter(tmp_path, "P5")
    assert "| Note de l'instruction écrite | 45 / 100 | - |" in text
    assert "instruction écrite" not in _part(text, "Points forts")
    assert "Aucun point faible net n'a été relevé." in _part(text, "Points à améliorer")
    axes = _part(text, "Appréciation par axe")
    assert "Critères de sélection" in axes and "instruction écrite" not in axes.lower()
