"""An error of the system that reaches the command line (no command said it in its own
words) is the one « the system refused » diagnostic (:func:`isgrid.io.refusal.refused`):
at the file the error names, or at no place when it names none; exit 1, no traceback."""

from __future__ import annotations

import errno

import click
import pytest
from click.testing import CliRunner

from isgrid.cli.base import Command

HINT = "  Hint: Free some space, choose a writable folder, or fix the path; nothing was changed."


@click.command(cls=Command)
@click.option("--named", is_flag=True)
def refused(named: bool) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", *(["/x/out.csv"] if named else []))


@pytest.mark.parametrize(("args", "where"), [([], ""), (["--named"], "/x/out.csv: ")])
def test_the_system_refused_is_said_where_it_names_a_file(args: list[str], where: str) -> None:
    res = CliRunner().invoke(refused, args)
    assert res.exit_code == 1
    assert res.output.splitlines() == [
        f"Error: {where}the system refused: No space left on device [write-failed]", HINT]
