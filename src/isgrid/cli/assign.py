"""``isgrid assign``: a balanced proposal of who rates which dossier."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Command, State, _n, pass_state, reads_call
from .options import force_option, output_option


@click.command("assign", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--per-dossier", "per_dossier", type=int, required=True,
              help="How many assessors rate each dossier.")
@click.option("--role", type=click.Choice(["juré", "instructeur"]), default="juré",
              show_default=True, help="Which assessors to assign.")
@output_option("Default: assignments.csv in the call folder.")
@force_option("Replace an existing assignments.csv.")
@pass_state
@reads_call
def assign(state: State, folder: Path, per_dossier: int, role: str, output: Path | None,
           force: bool) -> None:
    """Propose a balanced assignment that respects déports and roles.

    Writes assignments.csv (dossier,assessor); call.yaml is never rewritten.
    `isgrid sheets` then gives each juror only their dossiers.

    \b
    Example:
      isgrid assign my-call --per-dossier 3
    """
    from ..io.folder import ASSIGNMENTS_FILE
    from ..io.write import check_output
    from ..jury.assign import propose, write_assignment

    if output is None and (folder / "call.yaml").is_file():
        # the call's assignments.csv: refused before the work, as an -o file is (a folder
        # that is no call is said so by the loading)
        check_output(folder / ASSIGNMENTS_FILE, force=force, call_file=ASSIGNMENTS_FILE)
    call = state.load_call(folder)
    result = propose(call, per_dossier, role)
    state.handle_warnings(result.warnings)
    path = write_assignment(call, result, force=force, output=output)
    loads = ", ".join(f"{a} {n}" for a, n in result.load.items())
    n = len(result.pairs)
    click.echo(_n("wrote {path} ({n} assignment; load: {loads})",
                  "wrote {path} ({n} assignments; load: {loads})", n).format(
        path=path, loads=loads))
