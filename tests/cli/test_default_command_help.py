"""``isgrid sheets`` and ``isgrid intake`` run a command when none is named (``write``,
``refresh``): ``isgrid sheets my-call --layout per-dossier -o fiches/``.  A review found
that their help (``isgrid sheets --help``) listed only ``--help``: a newcomer could not
find ``--layout`` nor ``--from``.  The group's help now lists the default command's
options, under a heading that names it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from isgrid.cli import cli

NBSP = "\u00a0"


def _section(output: str, heading: str) -> list[str]:
    """The lines under ``heading`` (a line of its own), up to the next blank line."""
    lines = output.splitlines()
    assert heading in lines, output
    rest = lines[lines.index(heading) + 1:]
    return rest[:rest.index("")] if "" in rest else rest


@pytest.mark.parametrize(("group", "heading", "options"), [
    ("sheets", "Options of isgrid sheets write, the command run when none is named:",
     ["--format", "-o, --output", "--layout", "--assessor", "--link", "--blank",
      "--force"]),
    ("intake", "Options of isgrid intake refresh, the command run when none is named:",
     ["--from", "--api", "--full", "--dry-run", "--change-decided"]),
])
def test_the_group_help_lists_the_default_command_options(
        group: str, heading: str, options: list[str]) -> None:
    res = CliRunner().invoke(cli, ["--lang", "en", group, "--help"])
    assert res.exit_code == 0, res.output
    named = [line.split()[0] + (" " + line.split()[1] if line.split()[0].endswith(",") else "")
             for line in _section(res.output, heading) if line.startswith("  -")]
    # the group's own --help is listed once, under Options, not again here
    assert named == options
    assert res.output.count("--help") == 1


def test_in_french_the_heading_says_which_command_and_layout_is_there() -> None:
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "-h"])
    assert res.exit_code == 0, res.output
    rows = _section(res.output, "Options de la commande isgrid sheets write, lancée quand "
                    f"aucune n'est nommée{NBSP}:")
    assert any(r.split()[:2] == ["--layout", "[rows|per-dossier]"] for r in rows), rows
    res = CliRunner().invoke(cli, ["--lang", "fr", "intake", "--help"])
    assert any(r.split()[:2] == ["--from", "CHEMIN"] for r in _section(
        res.output, f"Options de la commande isgrid intake refresh, lancée quand aucune "
        f"n'est nommée{NBSP}:")), res.output


def test_the_default_command_still_runs_without_its_name() -> None:
    # « isgrid sheets FOLDER » is « isgrid sheets write FOLDER »: the same usage error
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "no-such-call"])
    assert res.exit_code == 2 and "Missing option '-o'" in res.output, res.output
