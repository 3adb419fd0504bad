"""``isgrid grids``: list, show and check grids, and print the grid language's JSON Schema."""

from __future__ import annotations

import click

from ..errors import Diagnostic
from .base import Group, State, _, pass_state
from .options import format_option


@click.group("grids", cls=Group)
def grids() -> None:
    """List, show, check grids, and print the grid language's JSON Schema."""


@grids.command("list")
@format_option("table", "json", default="table")
@pass_state
def grids_list(state: State, fmt: str) -> None:
    """List the shipped grids with their mode and provenance.

    \b
    Example:
      isgrid grids list --format json
    """
    from ..grid.view import grid_list_text, shipped_summaries
    from ..io.write import dumps_json

    rows = shipped_summaries()
    click.echo(dumps_json(rows) if fmt == "json" else grid_list_text(rows, state.cli_lang),
               nl=False)


@grids.command("show")
@click.argument("grid")
@format_option("text", "json", default="text")
@pass_state
def grids_show(state: State, grid: str, fmt: str) -> None:
    """Show a grid (an id, id@version, or a YAML file), resolved.

    \b
    Examples:
      isgrid grids show picardie-marqueurs-2013
      isgrid grids show my-call/grid.yaml --format json
    """
    from ..grid.load import load_grid
    from ..grid.view import grid_export, grid_text
    from ..io.write import dumps_json

    loaded = load_grid(grid)
    state.handle_warnings(loaded.warnings)
    if fmt == "json":
        click.echo(dumps_json(grid_export(loaded)), nl=False)
    else:
        click.echo(grid_text(loaded, lang=state.cli_lang), nl=False)


@grids.command("check")
@click.argument("grid_files", nargs=-1, required=True)
@pass_state
def grids_check(state: State, grid_files: tuple[str, ...]) -> None:
    """Check grid files and report every problem with its place.

    \b
    Example:
      isgrid grids check my-grid.yaml
    """
    from ..errors import GridError
    from ..grid.load import load_grid

    failed: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for ref in grid_files:
        try:
            loaded = load_grid(ref)
        except GridError as exc:
            failed.extend(exc.diagnostics)
            continue
        warnings.extend(loaded.warnings)
        click.echo(_("ok: {ref} ({grid} {version}, sha256 {sha})").format(
            ref=ref, grid=loaded.grid.id, version=loaded.grid.version, sha=loaded.sha256[:12]))
    if failed:
        raise GridError("grid errors", failed + warnings)
    state.handle_warnings(warnings)


@grids.command("schema")
def grids_schema() -> None:
    """Print the JSON Schema of grid files (for editors and validators).

    \b
    Example:
      isgrid grids schema > grid.schema.json
    """
    from ..grid.model import grid_json_schema
    from ..io.write import dumps_json

    click.echo(dumps_json(grid_json_schema()), nl=False)
