"""The `grids` commands: exit codes, streams, --strict and --debug."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from isgrid.cli import cli
from isgrid.errors import GridError
from testpaths import FIXTURES

FIXTURES = FIXTURES / "grids"
SCORED = FIXTURES / "mini-scored.yaml"
SCORED_TEXT = SCORED.read_text(encoding="utf-8")
BROKEN = SCORED_TEXT.replace("dimension: D6", "dimension: D11", 1)


def invoke(*args: str, catch: bool = True) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=catch)


def write(tmp_path: Path, text: str | bytes, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_check_ok(tmp_path: Path) -> None:
    result = invoke("grids", "check", str(SCORED), str(FIXTURES / "mini-child.yaml"))
    assert result.exit_code == 0
    # the child removes B2, which changes B1's share: said, and not an error
    assert [line for line in result.stderr.splitlines() if line.startswith("Warning")] == [
        f"Warning: {FIXTURES / 'mini-child.yaml'}:5:10 (remove[0]): removing B2 from the "
        "section besoin (weight 2) changes the share of its other criteria in the total: "
        "B1: 44.4% → 66.7% [share-changed]"]
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(rf"ok: {re.escape(str(SCORED))} \(mini-scored 1, sha256 [0-9a-f]{{12}}\)",
                        lines[0])
    assert lines[1].startswith(f"ok: {FIXTURES / 'mini-child.yaml'} (mini-child 2, sha256 ")


def test_check_error_exit_2_on_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = invoke("grids", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "[unknown-dimension]" in result.stderr
    assert "\n  Hint: " in result.stderr
    assert "Traceback" not in result.output


def test_one_good_one_bad_file(tmp_path: Path) -> None:
    bad = write(tmp_path, BROKEN)
    result = invoke("grids", "check", str(SCORED), str(bad))
    assert result.exit_code == 2
    assert result.stdout.startswith(f"ok: {SCORED} ")
    assert f"Error: {bad}:" in result.stderr


def test_check_without_argument_is_a_usage_error() -> None:
    result = invoke("grids", "check")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_check_a_missing_file(tmp_path: Path) -> None:
    result = invoke("grids", "check", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert "[unknown-grid]" in result.stderr


def test_warning_keeps_exit_0_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, SCORED_TEXT.encode("cp1252"))
    result = invoke("grids", "check", str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ")
    assert re.search(rf"^Warning: {re.escape(str(path))}:3: .*\[encoding-decoded\]$",
                     result.stderr, re.M)
    strict = invoke("--strict", "grids", "check", str(path))
    assert strict.exit_code == 1
    assert "[encoding-decoded]" in strict.stderr


def test_missing_provenance_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, SCORED_TEXT.replace("  threshold: {status: inferred}\n", ""))
    result = invoke("grids", "check", str(path))
    assert result.exit_code == 0
    assert "[missing-provenance]" in result.stderr
    assert invoke("--strict", "grids", "check", str(path)).exit_code == 1


def test_default_hides_the_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = invoke("grids", "check", str(path))
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_debug_lets_the_exception_through(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    with pytest.raises(GridError) as info:
        invoke("--debug", "grids", "check", str(path), catch=False)
    assert [d.code for d in info.value.diagnostics] == ["unknown-dimension"]
    # --debug does not stick to the next run
    assert isinstance(invoke("grids", "check", str(path)).exception, SystemExit)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "isgrid", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_debug_shows_a_traceback_in_a_real_process(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    plain = run("grids", "check", str(path))
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    debug = run("--debug", "grids", "check", str(path))
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr
    assert "GridError" in debug.stderr


def test_real_process_ok_exit_0() -> None:
    proc = run("grids", "check", str(SCORED))
    assert proc.returncode == 0
    assert proc.stdout.startswith("ok: ")
    assert proc.stderr == ""


def test_unknown_option_is_exit_2() -> None:
    proc = run("grids", "check", "--nope", str(SCORED))
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: ")
    assert "Traceback" not in proc.stderr


def test_show_json_is_the_resolved_grid() -> None:
    result = invoke("grids", "show", str(FIXTURES / "mini-child.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["version"], data["mode"]) == ("mini-child", "2", "scored")
    assert data["extends"] == ["mini-scored"]
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    assert [c["id"] for s in data["sections"] for c in s["criteria"]] == ["B1", "I1", "I2", "X1"]
    i1 = data["sections"][1]["criteria"][0]
    assert i1["weight"] == 3
    assert (i1["scale"]["min"], i1["scale"]["max"]) == (0, 4)
    # a missing weight is 1 in a scored grid
    assert data["sections"][1]["criteria"][1]["weight"] == 1
    assert data["threshold"] == 50


def test_show_json_of_a_checklist_has_no_weights_or_threshold() -> None:
    result = invoke("grids", "show", str(FIXTURES / "mini-checklist.yaml"), "--format", "json")
    data = json.loads(result.stdout)
    assert data["threshold"] is None
    assert all(c["weight"] is None for s in data["sections"] for c in s["criteria"])
    assert [c["core"] for c in data["sections"][0]["criteria"]] == [True, True]


def test_show_text_and_broken_grid(tmp_path: Path) -> None:
    ok = invoke("grids", "show", str(SCORED))
    assert ok.exit_code == 0
    assert "B1" in ok.stdout
    bad = invoke("grids", "show", str(write(tmp_path, BROKEN)))
    assert bad.exit_code == 2
    assert "[unknown-dimension]" in bad.stderr
