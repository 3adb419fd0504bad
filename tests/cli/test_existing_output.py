"""An ``-o`` file that already exists, without ``--force``, is refused before the command
works, not after: ``isgrid sensitivity`` of a national call computed its 1,000 draws
(18.5 s) before saying the file existed.  The refusal is the writer's own (same code, same
message); a folder, and the files of a call folder, are left to each command's check.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.cli.base import State
from isgrid.errors import UsageError
from isgrid.io.write import check_output, refuse_existing_output

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the call was loaded before the output was refused")


@pytest.mark.parametrize("args", [
    ("score", "--format", "json"),
    ("score", "--sensitivity"),
    ("sensitivity", "--draws", "50"),
    ("calibrate",),
    ("decisions",),
    ("report", "--kind", "committee"),
    ("minutes",),
])
def test_an_existing_output_is_refused_before_the_call_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    out = tmp_path / "result.out"
    out.write_bytes(b"kept")
    monkeypatch.setattr(State, "load_call", _never)
    res = CliRunner().invoke(cli, [args[0], str(EXAMPLE), *args[1:], "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert "already exists [output-exists]" in res.output
    assert "--force" in res.output  # the hint
    assert out.read_bytes() == b"kept"


def test_an_existing_audit_record_is_refused_before_the_call_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "decision.json"
    record.write_bytes(b"kept")
    monkeypatch.setattr(State, "load_call", _never)
    res = CliRunner().invoke(cli, ["score", str(EXAMPLE), "--record", str(record)])
    assert res.exit_code == 2, res.output
    assert "already exists [output-exists]" in res.output
    assert record.read_bytes() == b"kept"


def test_with_force_the_command_runs_and_replaces_it(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    out.write_bytes(b"kept")
    res = CliRunner().invoke(cli, ["score", str(EXAMPLE), "--format", "json", "-o", str(out),
                                   "--force"])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"{")


def test_the_early_refusal_is_the_writers_own(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as early:
        refuse_existing_output(out, False)
    with pytest.raises(UsageError) as late:
        check_output(out, force=False)
    assert early.value.message == late.value.message
    assert [(d.code, d.message, d.location) for d in early.value.diagnostics] == \
        [(d.code, d.message, d.location) for d in late.value.diagnostics]


def test_what_the_early_refusal_leaves_to_the_command(tmp_path: Path) -> None:
    refuse_existing_output(None, False)
    refuse_existing_output(tmp_path / "missing.json", False)
    (tmp_path / "there.json").write_text("{}", encoding="utf-8")
    refuse_existing_output(tmp_path / "there.json", True)  # --force
    refuse_existing_output(tmp_path, False)  # a folder: report --kind feedback writes into one
    call = tmp_path / "call"
    shutil.copytree(EXAMPLE, call)
    # a call's own file: the command refuses it as an input, or (assign) replaces it
    refuse_existing_output(call / "call.yaml", False)


def test_an_input_is_still_refused_as_an_input(tmp_path: Path) -> None:
    call = tmp_path / "call"
    shutil.copytree(EXAMPLE, call)
    res = CliRunner().invoke(cli, ["score", str(call), "-o", str(call / "call.yaml")])
    assert res.exit_code == 2, res.output
    assert "[output-is-input]" in res.output and "[output-exists]" not in res.output


def test_a_file_the_command_reads_is_refused_as_an_input(tmp_path: Path) -> None:
    """The early refusal leaves a file named elsewhere on the command line to the command:
    ``--force`` would not help, so « Pass --force » would be the wrong hint."""
    answers = tmp_path / "ans.yaml"
    made = CliRunner().invoke(cli, ["assess", "avise-mouves-2011", "--template", "-o",
                                    str(answers)])
    assert made.exit_code == 0, made.output
    grid = tmp_path / "g1.yaml"
    grid.write_bytes((EXAMPLE.parents[1] / "grids" / "alsace-aap-2016.yaml").read_bytes())
    for args in (["assess", "avise-mouves-2011", str(answers), "-o", str(answers)],
                 ["compare", str(grid), "avise-mouves-2011", "-o", str(grid)]):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 2, res.output
        assert "[output-is-input]" in res.output and "[output-exists]" not in res.output


def test_feedback_letters_into_a_file_are_refused_before_the_call_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``report --kind feedback -o`` names a folder: an existing file there is refused as
    not a folder (not « Pass --force »), before the work; its mail merge (csv) is a file."""
    out = tmp_path / "lettres.txt"
    out.write_bytes(b"kept")
    monkeypatch.setattr(State, "load_call", _never)
    res = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--kind", "feedback", "-o",
                                   str(out)])
    assert res.exit_code == 2, res.output
    assert "exists and is not a folder" in res.output and "--force" not in res.output
    res = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--kind", "feedback", "--format",
                                   "csv", "-o", str(out)])
    assert res.exit_code == 2 and "[output-exists]" in res.output, res.output
    assert out.read_bytes() == b"kept"
