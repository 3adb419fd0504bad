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
@force_option("Replace the role's rows already in assignments.csv (the other roles' rows "
              "are kept).")
@pass_state
@reads_call
def assign(state: State, folder: Path, per_dossier: int, role: str, output: Path | None,
           force: bool) -> None:
    """Propose a balanced assignment that respects recusals and roles.

    Writes assignments.csv (dossier,assessor); call.yaml is never rewritten.
    The role's rows are replaced, the other roles' rows kept.
    `isgrid sheets` then gives each juror only their dossiers.

    \b
    Example:
      isgrid assign my-call --per-dossier 3
    """
    from ..io.folder import ASSIGNMENTS_FILE
    from ..io.write import check_output
    from ..jury.assign import existing, propose, refuse_replacing, write_assignment

    call = state.load_call(folder)
    own = call.folder / ASSIGNMENTS_FILE
    target = output or own
    # the call's assignments.csv: this role's rows are replaced, the others' kept; refused
    # before the work (as an -o file is) when the role has rows there and no --force
    kept = existing(call, role)
    into_own = target.resolve() == own.resolve()
    if into_own and kept.replaced and not force:
        refuse_replacing(own, kept, role)
    if not into_own:
        check_output(target, force=force, call_file=ASSIGNMENTS_FILE)
    result = propose(call, per_dossier, role)
    state.handle_warnings(result.warnings)
    path = write_assignment(call, result, force=force or into_own, output=output, kept=kept)
    loads = ", ".join(f"{a} {n}" for a, n in result.load.items())
    n = len(result.pairs)
    click.echo(_n("wrote {path} ({n} assignment; load: {loads})",
                  "wrote {path} ({n} assignments; load: {loads})", n).format(
        path=path, loads=loads))
    if kept.rows:
        k = len(kept.rows)
        click.echo(_n("kept: {n} assignment of the other roles",
                      "kept: {n} assignments of the other roles", k).format(n=k))
