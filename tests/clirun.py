"""isgrid's commands run in a test (click's CliRunner, no process), and what they write
read with plain spaces."""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli


def run(*args: object) -> str:
    """``isgrid ARGS...``'s output; the test fails, with that output, unless it exits 0."""
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def norm(text: str) -> str:
    """French money and numbers with plain spaces (isgrid writes narrow no-break ones)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")
