"""The command line's structure: one table registers every command, each loaded on
first use; every command handles errors the same way; state lives in the context."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import isgrid.cli
from isgrid.cli import cli
from isgrid.cli.base import Command, Group, State
from isgrid.cli.main import COMMANDS, load_all_commands
from testpaths import ROOT

ROOT = ROOT
EXAMPLE = ROOT / "examples" / "alsace-2016"
#: The modules of isgrid.cli that define no command.
INFRA = {"__init__", "main", "base", "clickwords", "options"}


def _walk(command: click.Command, path: str = "isgrid") -> list[tuple[str, click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            out += _walk(sub, f"{path} {name}")
    return out


def test_table_matches_what_modules_define() -> None:
    """Each command module defines, as attributes named like them (a hyphen written
    ``_``: ``validate-scdl`` is ``validate_scdl``), exactly the top-level commands the
    table gives it."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(isgrid.cli.__path__):
        if info.name in INFRA:
            continue
        module = importlib.import_module(f"isgrid.cli.{info.name}")
        commands = {v for v in vars(module).values() if isinstance(v, click.Command)}
        nested = {s for c in commands if isinstance(c, click.Group)
                  for s in c.commands.values()}
        for cmd in commands - nested:
            assert cmd.name is not None \
                and getattr(module, cmd.name.replace("-", "_")) is cmd, cmd.name
            found[cmd.name] = info.name
    assert found == {name: module for name, (module, _) in COMMANDS.items()}


def test_every_command_handles_errors_the_same_way() -> None:
    load_all_commands()
    tree = _walk(cli)
    assert len(tree) > len(COMMANDS)
    for path, cmd in tree:
        assert isinstance(cmd, Group if isinstance(cmd, click.Group) else Command), path


def test_score_declares_its_own_options() -> None:
    from isgrid.cli.score import score

    names = [p.name for p in score.params]
    load_all_commands()  # nothing adds options to a command defined elsewhere
    assert [p.name for p in score.params] == names == [
        "folder", "fmt", "output", "force", "sensitivity", "draws", "seed", "record"]


def test_help_imports_no_command_module() -> None:
    code = ("import sys; from isgrid.cli import main; sys.argv = ['isgrid', '--help'];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('isgrid.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip().splitlines()[-1] == str(sorted(f"isgrid.cli.{m}" for m in INFRA
                                                      if m != "__init__")), out
    for name, (_, short) in COMMANDS.items():
        assert f"  {name} " in out
        assert short.split()[0] in out


def test_every_command_runs_its_help() -> None:
    runner = CliRunner()
    for name in COMMANDS:
        res = runner.invoke(cli, [name, "--help"])
        assert res.exit_code == 0, (name, res.output)
        assert "Usage:" in res.output


def test_state_is_per_run() -> None:
    """The global options live in the run's context object, not in the process."""
    runner = CliRunner()
    strict = State()
    res = runner.invoke(cli, ["--strict", "call", "check", str(EXAMPLE)], obj=strict)
    assert res.exit_code == 1 and strict.strict  # the example has a warning
    res = runner.invoke(cli, ["call", "check", str(EXAMPLE)])
    assert res.exit_code == 0, res.output


def test_finish_now_only_when_isgrid_owns_the_process(tmp_path: Path) -> None:
    """``isgrid score`` ends the process with ``os._exit`` once its output is written
    (atexit handlers do not run), only under ``main()``; in-process runs return."""
    res = CliRunner().invoke(cli, ["score", str(EXAMPLE), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout  # the runner got control back
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
            "from isgrid.cli import main\n"
            "sys.argv = ['isgrid', *sys.argv[1:]]\n"
            "main()\n")
    out = tmp_path / "result.json"
    proc = subprocess.run([sys.executable, "-c", code, "score", str(EXAMPLE), "--format",
                           "json", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stderr and "atexit ran" not in proc.stderr
    assert out.read_bytes().endswith(b"}\n")
    proc = subprocess.run([sys.executable, "-c", code, "grids", "list"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "atexit ran" in proc.stderr  # other commands end normally
