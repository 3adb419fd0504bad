"""A refused budget or funding does not hide the other files' problems: ``call check``
(and ``load_call``) report them all at once (docs/calls.md); a refused key that governs
how the other files are read (``lang``, ``grid``…) still stops the reading there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from testpaths import EXAMPLES

BAD_RATING = "AL16-01,j1,AV-1.1,7,"


def _call(tmp_path: Path, before: str, after: str) -> Path:
    """alsace-2016 with ``before`` replaced in call.yaml and j1's first rating a 7 (0-4)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert before in text
    yaml.write_text(text.replace(before, after), encoding="utf-8")
    j1 = folder / "ratings" / "j1.csv"
    lines = j1.read_text(encoding="utf-8").split("\n")
    assert lines[1].startswith("AL16-01,j1,AV-1.1,4,")
    lines[1] = BAD_RATING
    j1.write_text("\n".join(lines), encoding="utf-8")
    return folder


def _codes(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(CallError) as caught:
        load_call(folder)
    return sorted((Path(d.location.file).name, d.code) for d in caught.value.diagnostics
                  if d.severity == "error")


@pytest.mark.parametrize(("before", "after", "code", "exit_code"), [
    # the reviewer's: thousands or decimals?
    ("budget: 52000\n", 'budget: "60.000"\n', "call-invalid", 1),
    ("  rate: 0.5\n", "  rate: cinquante\n", "call-invalid", 1),
    ("budget: 52000\n", "budget: -5\n", "call-invalid", 1),  # the schema's refusal (>= 0)
    # a key call.yaml does not have: the call's data, exit 1 as the README's table says (it
    # was 2, a broken grid's, which a new user's walk-through found, session 26)
    ("budget: 52000\n", "budget: 52000\nbudjet: 1\n", "unknown-key", 1),
])
def test_a_refused_money_key_and_a_bad_rating_are_reported_together(
        tmp_path: Path, before: str, after: str, code: str, exit_code: int) -> None:
    folder = _call(tmp_path, before, after)
    assert _codes(folder) == [("call.yaml", code), ("j1.csv", "value-out-of-scale")]
    run = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert run.exit_code == exit_code, run.output
    assert "call.yaml:" in run.output and f"[{code}]" in run.output
    assert "j1.csv:2:4: '7' is not a value of the scale" in run.output
    assert "Error: 2 errors." in run.output


def test_a_refused_lang_stops_before_the_other_files(tmp_path: Path) -> None:
    # the language reads the ratings' words (« yes », « N.A. »): guessed, its problems
    # could be false ones; call.yaml alone is reported, as before
    folder = _call(tmp_path, "lang: fr\n", "lang: de\n")
    assert _codes(folder) == [("call.yaml", "call-invalid")]


def test_a_problem_of_the_yaml_text_stops_before_the_other_files(tmp_path: Path) -> None:
    # a duplicate key: the file is not read as its author meant, nothing of it is taken
    folder = _call(tmp_path, "budget: 52000\n", "budget: 52000\nbudget: 1\n")
    assert [f for f, _ in _codes(folder)] == ["call.yaml"]
