"""A self-assessment never asks a holder to rate a criterion whose value is a dossier fact
(``from_fact``, the first stage's total of a call in two stages): the answers file says it
is no question and has no line for it, the web questionnaire neither, the result says it
left it out and computes the total without it, and an answer given to it is refused.

The grid: val-de-marne-ess-2024 (five criteria 0-4, equal weights) in a section of weight 3,
and ECRIT (0-100, from_fact: written_total) in a section of weight 2.  Answers 4, 3, 2, 1, 0:
without ECRIT, total = 100 x (4 + 3 + 2 + 1 + 0) / (5 x 4) = 50; VDM-5 from 0 to 4 gains
100 x 1/5 = 20 points of that total (not 12, its share of the grid's whole total)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from clirun import norm
from isgrid.cli import cli

GRID = """id: auditions-finale
version: 1
title: Auditions, classement final (test)
extends: val-de-marne-ess-2024
set:
  sections.criteres.weight: 3
  facts.written_total: {type: number, minimum: 0, maximum: 100, label: "Note de l'écrit"}
  scales.sur100:
    label: "Note sur 100"
    na: false
    levels:
      - {value: 0, label: "0"}
      - {value: 100, label: "100"}
add:
  - section:
      id: ecrit
      label: "Instruction écrite"
      weight: 2
      criteria:
        - id: ECRIT
          label: "Note de l'instruction écrite"
          scale: sur100
          from_fact: written_total
          provenance: {status: inferred, note: "40 % écrit"}
"""
ANSWERS = "answers:\n  VDM-1: 4\n  VDM-2: 3\n  VDM-3: 2\n  VDM-4: 1\n  VDM-5: 0\n"


def _out(*args: object) -> str:
    """The command's standard output (the grid's own warnings, on standard error, apart)."""
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


def _grid(tmp_path: Path) -> Path:
    path = tmp_path / "grid.yaml"
    path.write_text(GRID, encoding="utf-8")
    return path


def test_the_answers_file_says_it_is_no_question(tmp_path: Path) -> None:
    text = norm(_out("--lang", "fr", "assess", _grid(tmp_path), "--template"))
    assert ("# ECRIT Note de l'instruction écrite — pas une question : sa valeur est reprise "
            "du fait written_total de chaque dossier (0 à 100) ; l'autoévaluation le laisse "
            "de côté") in text
    assert "  ECRIT:" not in text and "  VDM-5:" in text


def test_the_result_leaves_it_out_and_says_so(tmp_path: Path) -> None:
    grid = _grid(tmp_path)
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    r = json.loads(_out("assess", grid, answers, "--format", "json"))
    assert r["total"] == 50.0 and r["provisional"] is True
    assert r["questions"] == 5 and r["answered"] == 5 and r["unanswered"] == []
    assert [f["id"] for f in r["from_facts"]] == ["ECRIT"]
    assert (r["from_facts"][0]["fact"], r["from_facts"][0]["min"],
            r["from_facts"][0]["max"]) == ("written_total", 0, 100)
    assert "ECRIT" not in [c["id"] for c in r["criteria"]]
    first = r["improvements"][0]
    assert first["id"] == "VDM-5" and abs(first["points"] - 20.0) < 1e-9
    md = norm(_out("--lang", "fr", "assess", grid, answers, "--lang", "fr"))
    assert ("ECRIT « Note de l'instruction écrite » n'est pas une question : sa valeur est "
            "reprise du fait written_total (Note de l'écrit, de 0 à 100) de chaque dossier. "
            "L'autoévaluation le laisse de côté : le total ci-dessus est calculé sans lui.") in md
    en = _out("assess", grid, answers, "--lang", "en")
    assert "is not a question: its value is taken from each dossier's fact written_total" in en


def test_an_answer_to_it_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "b.yaml"
    answers.write_text("answers:\n  VDM-1: 4\n  ECRIT: 88\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["assess", str(_grid(tmp_path)), str(answers)])
    assert res.exit_code != 0
    assert "ECRIT is not a question" in res.output and "[wrong-rater-role]" in res.output
