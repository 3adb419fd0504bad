"""A grid in English over a French grid that leaves a criterion's texts French
(``untranslated-texts``, review intl #3).

``grids check`` said ``ok`` of a ``lang: en`` grid extending a French one that restated no
``question``, ``guidance`` or ``advice``: the English letters then quoted French advice.
It now warns once per criterion, where the child grid says it (the criterion's first
``set`` line when the child restates part of it, else its ``lang:`` line), naming the
texts left to restate.  The lines, columns and lists are worked out by hand from the
texts below.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.diagnostic_codes import CODES
from isgrid.grid.load import load_grid

PARENT = """\
id: parent
version: "1"
title: Parent
mode: scored
lang: fr
scales:
  s04:
    levels:
      - {value: 0, label: Insuffisant}
      - {value: 4, label: Bon}
parameters:
  scales.s04: {status: inferred}
sections:
  - id: besoin
    label: Besoin
    criteria:
      - id: B1
        label: Besoin social
        question: Votre projet répond-il à un besoin ?
        guidance: Le besoin est nommé et chiffré.
        advice: Décrivez le besoin.
        scale: s04
        provenance: {status: inferred}
      - id: B2
        label: Ancrage
        question: Où le projet est-il ancré ?
        scale: s04
        provenance: {status: inferred}
"""

# line 5 `lang: en` (its value at column 7); line 7 the first `set` entry, B1's label
# (its value at column 21)
CHILD = """\
id: child
version: "1"
title: Child
extends: parent
lang: en
set:
  criteria.B1.label: Social need
  criteria.B1.advice: Describe the need.
add:
  - section: besoin
    criterion:
      id: B3
      label: Reach
      question: Où ?
      scale: s04
      provenance: {status: inferred}
"""


def _write(tmp_path: Path, child: str) -> Path:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text(child, encoding="utf-8")
    return path


def _said(path: Path) -> list[tuple[int | None, int | None, str | None, str]]:
    return [(d.location.line, d.location.column, d.location.key_path, str(d.message))
            for d in load_grid(path).warnings if d.code == "untranslated-texts"]


def test_each_criterion_left_in_the_parents_words_is_warned_with_its_texts(
        tmp_path: Path) -> None:
    path = _write(tmp_path, CHILD)
    assert _said(path) == [
        # B1 restates its label and advice: its question and guidance are left, said at
        # its first set line
        (7, 22, "criteria.B1", "the criterion 'B1' keeps its question, guidance as the parent "
         "grid parent writes them (lang: fr), in a grid that says lang: en"),
        # B2 restates nothing: label and question (it has no guidance nor advice), at lang
        (5, 7, "criteria.B2", "the criterion 'B2' keeps its label, question as the parent "
         "grid parent writes them (lang: fr), in a grid that says lang: en"),
        # B3, the child's own criterion, is not the parent's: nothing to say
    ]
    [b1, _b2] = [d for d in load_grid(path).warnings if d.code == "untranslated-texts"]
    assert b1.severity == "warning"
    assert "criteria.B1.question, criteria.B1.guidance" in b1.effective_hint
    assert "A grid in English" in b1.effective_hint


def test_a_criterion_restated_whole_is_not_warned(tmp_path: Path) -> None:
    whole = CHILD.replace("add:", "  criteria.B1.question: Does your project meet a need?\n"
                          "  criteria.B1.guidance: The need is named.\n"
                          "  criteria.B2.label: Roots\n"
                          "  criteria.B2.question: Where are its roots?\nadd:")
    assert _said(_write(tmp_path, whole)) == []


def test_a_child_that_keeps_the_parents_language_is_not_warned(tmp_path: Path) -> None:
    # no `lang:` at all: the grid is French as its parent, its texts are its own
    assert _said(_write(tmp_path, CHILD.replace("lang: en\n", ""))) == []
    # `lang: fr` written out: the same language
    assert _said(_write(tmp_path, CHILD.replace("lang: en", "lang: fr"))) == []


def test_a_parent_without_lang_is_french(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(PARENT.replace("lang: fr\n", ""), encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text(CHILD, encoding="utf-8")
    assert [key for _l, _c, key, _m in _said(path)] == ["criteria.B1", "criteria.B2"]


def test_grids_check_says_it_in_both_languages_and_other_commands_do_not(
        tmp_path: Path) -> None:
    path = _write(tmp_path, CHILD)
    runner = CliRunner()
    res = runner.invoke(cli, ["--lang", "en", "grids", "check", str(path)])
    assert res.exit_code == 0, res.output
    assert f"{path}:5:7 (criteria.B2): the criterion 'B2' keeps its label, question" \
        in res.output and res.output.count("[untranslated-texts]") == 2
    res = runner.invoke(cli, ["--lang", "fr", "grids", "check", str(path)])
    assert res.exit_code == 0, res.output
    assert "le critère «\xa0B2\xa0» garde ses textes label, question tels que les écrit la grille " \
        "parente parent (lang: fr), dans une grille qui dit lang: en" in res.output
    assert "Réécrivez-les dans la langue de la grille sous `set:` (criteria.B2.label, " \
        "criteria.B2.question)" in res.output
    # a check-only warning: the grid is read all the same, the commands that use it do not
    # repeat it on every run (`call check` and `grids check` say it)
    assert CODES["untranslated-texts"].check_only
    res = runner.invoke(cli, ["--lang", "en", "grids", "show", str(path)])
    assert res.exit_code == 0 and "untranslated-texts" not in res.output, res.output
