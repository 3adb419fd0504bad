"""``isgrid assign``: a balanced proposal of who rates which dossier."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Command, State, _, _n, pass_state, reads_call
from .options import force_option, output_option
from .words import WordOption, role_choice


@click.command("assign", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--per-dossier", "per_dossier", type=int, required=True,
              help="How many assessors rate each dossier.")
@click.option("--role", cls=WordOption, type=role_choice(), default="juré",
              show_default=True, help="Which assessors to assign.")
@output_option("Default: assignments.csv in the call folder.", folder_name="assignments.csv")
@force_option("Replace the role's rows already in assignments.csv (the other roles' rows "
              "are kept).")
@click.option("--change-rated", is_flag=True, help="Write even when the role's jurors "
              "already returned ratings or the meeting's journal holds entries (the "
              "previous assignments.csv is kept, dated).")
@pass_state
@reads_call
def assign(state: State, folder: Path, per_dossier: int, role: str, output: Path | None,
           force: bool, change_rated: bool) -> None:
    """Propose a balanced assignment that respects recusals and roles.

    Writes assignments.csv (dossier,assessor); call.yaml is never rewritten.
    The role's rows are replaced, the other roles' rows kept.
    `isgrid sheets` then gives each juror only their dossiers.

    \b
    Example:
      isgrid assign my-call --per-dossier 3
    """
    from ..jury.assign import propose_and_write

    written = propose_and_write(state.load_call(folder), per_dossier, role, output=output,
                                force=force, change_rated=change_rated,
                                warn=state.handle_warnings)
    result, kept = written.assignment, written.kept
    loads = ", ".join(f"{a} {n}" for a, n in result.load.items())
    n = len(result.pairs)
    click.echo(_n("wrote {path} ({n} assignment; load: {loads})",
                  "wrote {path} ({n} assignments; load: {loads})", n).format(
        path=written.path, loads=loads))
    if kept.rows:
        k = len(kept.rows)
        click.echo(_n("kept: {n} assignment of the other roles",
                      "kept: {n} assignments of the other roles", k).format(n=k))
    if written.previous is not None:
        click.echo(_("kept the previous file as {path}").format(path=written.previous))
