"""``isgrid call``: create and check call folders."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Group, State, pass_state


@click.group("call", cls=Group)
def call() -> None:
    """Create and check call folders."""


@call.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--grid", "grid_ref", required=True, help="A grid id (id@version) or file.")
@click.option("--title", default=None, help="The call's title.")
def call_init(folder: Path, grid_ref: str, title: str | None) -> None:
    """Create a call folder with one example dossier and a blank ratings file.

    \b
    Example:
      isgrid call init my-call --grid alsace-aap-2016
    """
    from ..call.init import init_call

    for path in init_call(folder, grid_ref, title):
        click.echo(f"wrote {path}")


@call.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@pass_state
def call_check(state: State, folder: Path) -> None:
    """Check a call folder: every problem of every file, at once.

    \b
    Example:
      isgrid call check examples/alsace-2016
    """
    from ..call.load import load_call

    loaded = load_call(folder)
    state.handle_warnings(loaded.warnings)
    t = loaded.table
    given = t.given()
    click.echo(f"ok: {len(loaded.dossiers)} dossiers, {given} ratings given "
               f"({len(t) - given} empty cells), {len(loaded.assessors)} assessors, "
               f"grid {loaded.grid.grid.id} {loaded.grid.grid.version}")
