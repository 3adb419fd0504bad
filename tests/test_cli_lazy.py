"""Feature commands load on first use; the table that lists them stays true."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import isgrid
from isgrid.cli import LAZY_COMMANDS, cli


def test_table_matches_what_modules_register() -> None:
    found: dict[str, str] = {}
    folder = Path(isgrid.__file__).parent / "cli"
    for info in pkgutil.iter_modules([str(folder)]):
        if info.name == "main":
            continue
        group = click.Group()
        group.add_command(click.Command("score"))  # cli/jury.py extends it
        importlib.import_module(f"isgrid.cli.{info.name}").register(group)
        for name in group.commands:
            if name != "score":
                found[name] = info.name
    assert found == {name: module for name, (module, _) in LAZY_COMMANDS.items()}


def test_help_imports_no_feature_module() -> None:
    code = ("import sys; from isgrid.cli import main; sys.argv = ['isgrid', '--help'];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('isgrid.cli.')"
            " and m != 'isgrid.cli.main'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip().endswith("[]"), out
    for name in LAZY_COMMANDS:
        assert name in out


def test_every_lazy_command_runs_its_help() -> None:
    runner = CliRunner()
    for name in LAZY_COMMANDS:
        res = runner.invoke(cli, [name, "--help"])
        assert res.exit_code == 0, (name, res.output)
        assert "Usage:" in res.output
