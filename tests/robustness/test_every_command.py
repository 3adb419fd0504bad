"""Every command, given too little: a clean answer (exit 0, 1 or 2), never an internal error.

Each command and subcommand of ``isgrid`` (walked from the command table, so a new one is
covered at once) is run with no argument, with a call folder alone, with a call folder and
``-o``, and with a folder that does not exist.  Whatever it makes of that, it must end
with a located error, a usage error or its work done: never « internal error » (exit 3) or
a traceback.  The commands that serve or watch until stopped are left out.  Five of these
cases ended in an internal error when click 8.3 stopped checking ``required=True,
default=None`` options (``report``, ``minutes``, ``sheets write`` and ``jury invite``
without ``-o``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.cli.main import COMMANDS
from testpaths import EXAMPLES

#: run until stopped: not for a test
UNTIL_STOPPED = {("serve",), ("jury", "serve"), ("watch",), ("intake", "watch")}


def _commands() -> list[tuple[str, ...]]:
    ctx = click.Context(cli)
    out: list[tuple[str, ...]] = []
    for name in sorted(COMMANDS):
        cmd = cli.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            out.extend((name, sub) for sub in cmd.list_commands(ctx))
        else:
            out.append((name,))
    return [c for c in out if c not in UNTIL_STOPPED]


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_too_little_is_never_an_internal_error(command: tuple[str, ...], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    call = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    monkeypatch.chdir(tmp_path)  # whatever a command writes by default stays here
    for extra in ([], [str(call)], [str(call), "-o", str(tmp_path / "out.bin")],
                  [str(tmp_path / "no-such-folder")]):
        res = CliRunner().invoke(cli, [*command, *extra])
        said = f"{' '.join(command)} {' '.join(extra)} -> {res.exit_code}\n{res.output}"
        assert res.exit_code in (0, 1, 2), said
        assert "internal error" not in res.output and "Traceback" not in res.output, said
