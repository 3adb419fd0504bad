"""A dossier id is at most 64 characters wherever ids are read (the hostile review: a
300-character id passed `call check` and `score`, then `report --kind feedback` stopped
with « File name too long » and a hint about disk space).  One rule
(:func:`isgrid.call.dossier_facts.valid_id`, the 64 of intake's export numbers), one
error at the id's place with a hint."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call.dossier_facts import valid_id
from isgrid.cli.main import cli
from testpaths import HOSTILE

LONG = "A" * 300


def _run(*args: object) -> tuple[int, list[str]]:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    return res.exit_code, res.output.splitlines()


def _call(tmp_path: Path) -> Path:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    return call


def test_the_rule() -> None:
    assert valid_id("A" * 64) and not valid_id("A" * 65)
    assert valid_id("AL16-06") and not valid_id("../x") and not valid_id("")


def test_a_dossier_file_with_a_300_character_id_is_refused_at_its_id(tmp_path: Path) -> None:
    call = _call(tmp_path)
    path = call / "dossiers" / "D03.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("id: D03", f"id: {LONG}"), "utf-8")
    assert text.splitlines()[0] == "id: D03"  # the id on line 1, its value at column 5
    for command in (("call", "check", call), ("score", call)):
        code, lines = _run(*command)
        assert code != 0 and code != 3
        assert lines[0] == (f"Error: {path}:1:5 (id): the id '{'A' * 40}…' has 300 characters, "
                            "more than 64 [invalid-id]")
        assert lines[1] == ("  Hint: Shorten the id to at most 64 characters: it names the "
                            "dossier's files (letters, fiches).")


def test_an_id_of_64_characters_is_read(tmp_path: Path) -> None:
    call = _call(tmp_path)
    path = call / "dossiers" / "D03.yaml"
    path.write_text(path.read_text("utf-8").replace("id: D03", f"id: {'A' * 64}"), "utf-8")
    for ratings in (call / "ratings").glob("*.csv"):  # its ratings follow it
        ratings.write_text(ratings.read_text("utf-8").replace("D03,", f"{'A' * 64},"),
                           "utf-8")
    code, lines = _run("call", "check", call)
    # read and accepted: the call checks clean (it exited 1 when the ratings still named
    # D03, which this test did not look at)
    assert code == 0, lines
    assert not any("invalid-id" in line for line in lines), lines


@pytest.mark.parametrize("rows", [3, 400])  # the row reader, and Arrow's for a larger table
def test_a_dossier_table_row_with_a_long_id_is_refused_at_its_cell(tmp_path: Path,
                                                                    rows: int) -> None:
    call = _call(tmp_path)
    dossiers = [yaml.safe_load(p.read_text("utf-8"))
                for p in sorted((call / "dossiers").glob("*.yaml"))]
    shutil.rmtree(call / "dossiers")
    shutil.rmtree(call / "ratings")
    table = call / "dossiers.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(dossiers[0]))
        w.writeheader()
        for i in range(rows):
            d = dict(dossiers[i % 3])
            d["id"] = f"D{i:04d}"
            if i == 1:
                d["id"] = LONG
            w.writerow(d)
    code, lines = _run("call", "check", call)
    assert code != 0 and code != 3
    # the header is line 1: the second dossier is line 3, its id in column 1
    assert f"Error: {table}:3:1: the id '{'A' * 40}…' has 300 characters, more than 64 " \
        "[invalid-id]" in lines, lines
