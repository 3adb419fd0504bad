"""Tied dossiers are named as a sentence lists names, « D3, D4 et D5 » / "D3, D4 and D5"
(isgrid.i18n.join_names, the one rule), in what ``isgrid decide`` says and in the place's
story that ``isgrid decisions`` and the minutes tell (isgrid.documents.places.place_text);
never « D3 et D4 et D5 ».

The séance call of tests/decisions_calls.py with D5 at 75 asking 10 000 like D3 and D4,
budget 45 000 (as tests/engine/test_freed_tie.py): D1 20 000 and D2 15 000 retained, D3, D4
and D5 tied at the line.  The vote refuses D2: 45 000 - 20 000 = 25 000 for its place, 30 000
for the three: left to people.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.cli import cli
from isgrid.i18n import join_names

NBSP = "\u00a0"
THREE = dict(DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite"))


@pytest.mark.parametrize(("names", "fr", "en"), [
    ([], "", ""),
    (["D3"], "D3", "D3"),
    (["D3", "D4"], "D3 et D4", "D3 and D4"),
    (["D3", "D4", "D5"], "D3, D4 et D5", "D3, D4 and D5"),
    (["A", "B", "C", "D"], "A, B, C et D", "A, B, C and D"),
])
def test_names_are_joined_as_a_sentence_says_them(names: list[str], fr: str, en: str) -> None:
    assert (join_names(names, "fr"), join_names(iter(names), "en")) == (fr, en)


def say(lang: str, *args: object) -> list[str]:
    run = CliRunner().invoke(cli, ["--lang", lang, *map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout.splitlines()


@pytest.mark.parametrize(("lang", "line", "story"), [
    ("fr", f"D3, D4 et D5, ex æquo, peuvent prendre la place de D2{NBSP}: enregistrez une "
           "décision (isgrid decide).",
     f"D3, D4 et D5, ex æquo, peuvent prendre sa place{NBSP}: le comité choisit"),
    ("en", "D3, D4 and D5 are tied and could take the place of D2: record a decision "
           "(isgrid decide).",
     "D3, D4 and D5, tied, could take its place: the committee chooses"),
])
def test_three_tied_for_a_place_are_named_once_each(tmp_path: Path, lang: str, line: str,
                                                    story: str) -> None:
    folder = seance_call(tmp_path, dossiers=THREE, call={"budget": 45000})
    said = say(lang, "decide", folder, "D2", "--stage", "vote", "--outcome", "non-retenu",
               "--by", "Présidente", "--reason", "vote")
    assert said[-1] == line
    table = "\n".join(say(lang, "decisions", folder))
    assert story in table
    assert " et D4 et " not in table and " and D4 and " not in table
