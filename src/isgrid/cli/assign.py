"""``isgrid assign``: a balanced proposal of who rates which dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def register(cli: click.Group) -> None:
    from .main import handle_warnings, run_safely

    @cli.command("assign")
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.option("--per-dossier", "per_dossier", type=int, required=True,
                  help="How many assessors rate each dossier.")
    @click.option("--role", type=click.Choice(["juré", "instructeur"]), default="juré",
                  show_default=True, help="Which assessors to assign.")
    @click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                  help="Default: assignments.csv in the call folder.")
    @click.option("--force", is_flag=True, help="Replace an existing assignments.csv.")
    @run_safely
    def assign_cmd(folder: Path, per_dossier: int, role: str, output: Path | None,
                   force: bool) -> None:
        """Propose a balanced assignment that respects déports and roles.

        Writes assignments.csv (dossier,assessor); call.yaml is never rewritten.
        `isgrid sheets` then gives each juror only their dossiers.

        \b
        Example:
          isgrid assign my-call --per-dossier 3
        """
        from ..calls import load_call
        from ..jury.assign import propose, write_assignment

        call = load_call(folder)
        result = propose(call, per_dossier, role)
        handle_warnings(result.warnings)
        path = write_assignment(call, result, force=force, output=output)
        loads = ", ".join(f"{a} {n}" for a, n in result.load.items())
        click.echo(f"wrote {path} ({len(result.pairs)} assignments; load: {loads})")

    _unused: Any = assign_cmd
