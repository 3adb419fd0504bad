"""A command whose ``-o`` is required says so when it is left out (exit 2), never an
internal error.

Since click 8.3 an option declared ``required=True, default=None`` is no longer checked
(``None`` counts as a value given): ``isgrid report CALL`` without ``-o`` reached the
writer with no path and ended in « internal error (AttributeError …) », exit 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "alsace-2016")


@pytest.mark.parametrize("args", [
    ("report", EXAMPLE),
    ("report", EXAMPLE, "--kind", "fiches", "--format", "md"),
    ("minutes", EXAMPLE),
    ("export", EXAMPLE, "--format", "scdl-subventions"),
    ("sheets", "write", EXAMPLE),
    ("watch", EXAMPLE, "--once"),
    ("jury", "invite", EXAMPLE, "--base-url", "https://jury.example.org"),
])
def test_a_missing_required_output_is_a_usage_error(args: tuple[str, ...]) -> None:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 2, res.output
    assert "Missing option '-o' / '--output'" in res.output
    assert "internal error" not in res.output
