"""``isgrid grids``: list, show and check grids, and print the grid language's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Diagnostic
from .base import Group, State, _, pass_state
from .options import force_option, format_option, output_option


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
    import shutil

    from ..grid.view import grid_list_text, shipped_summaries
    from ..io.write import dumps_json

    rows = shipped_summaries()
    width = shutil.get_terminal_size((80, 24)).columns  # COLUMNS, else the terminal's
    click.echo(dumps_json(rows) if fmt == "json"
               else grid_list_text(rows, state.cli_lang, width), nl=False)


@grids.command("show")
@click.argument("grid", required=False)
@click.option("--call", "call_folder", type=click.Path(path_type=Path), default=None,
              help="Show the grid a call judges with: its grid with call.yaml's set:, "
                   "remove: and add: applied, and the sha256 its journal, result and "
                   "minutes carry (instead of GRID).")
@format_option("text", "json", "yaml", "csv", default="text",
               help="text and json: the grid resolved (what a call judges with); yaml: the "
                    "grid's own file as written, its comments and `extends:` kept (not the "
                    "resolved grid), to copy and adapt; csv: one row per criterion (id, "
                    "label, section, dimension, effective weight, floor, eliminatory, "
                    "provenance, source), for a spreadsheet.")
@output_option()
@force_option()
@pass_state
def grids_show(state: State, grid: str | None, call_folder: Path | None, fmt: str,
               output: Path | None, force: bool) -> None:
    """Show a grid (an id, id@version, or a YAML file), resolved; or, with --format yaml,
    its own file as written; or, with --call CALL, the grid the call judges with.

    \b
    Examples:
      isgrid grids show picardie-marqueurs-2013
      isgrid grids show my-call/grid.yaml --format json
      isgrid grids show alsace-aap-2016 --format yaml -o my-grid.yaml
      isgrid grids show alsace-aap-2016 -o criteria.csv
      isgrid grids show --call my-call --format json -o grid-as-judged.json
    """
    from ..errors import UsageError
    from ..grid.load import load_grid, shadowing_warnings
    from ..grid.view import grid_export, grid_text
    from ..io.write import dumps_json, write_output

    if (grid is None) == (call_folder is None):
        raise UsageError(_("give a grid (an id, id@version or a YAML file) or --call CALL, "
                           "not both"))
    if call_folder is not None:
        if fmt == "yaml":  # a call's grid is no file: its changes live in call.yaml
            raise UsageError(_("--call writes the call's resolved grid as text or json: "
                               "--format yaml writes a grid's own file, and a call's "
                               "changes are in its call.yaml"))
        call = state.load_call(call_folder)
        state.handle_warnings(call.warnings)
        loaded = call.grid
        inputs = [call.folder / rel for rel in call.inputs]
    else:
        assert grid is not None
        loaded = load_grid(grid)
        state.handle_warnings([*loaded.warnings, *shadowing_warnings(loaded)])
        inputs = [loaded.path]
    data: bytes
    if fmt == "yaml":  # the file's bytes: its comments, encoding and line ends kept
        data = loaded.path.read_bytes()
    elif fmt == "json":
        data = dumps_json(grid_export(loaded, state.cli_lang)).encode("utf-8")
    elif fmt == "csv":
        from ..grid.csvexport import grid_csv

        data = grid_csv(loaded, state.cli_lang)
    else:
        data = grid_text(loaded, lang=state.cli_lang).encode("utf-8")
    if output is None:
        click.echo(data, nl=False)
        return
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)


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
    from ..grid.load import load_grid, shadowing_warnings

    failed: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for ref in grid_files:
        try:
            loaded = load_grid(ref)
        except GridError as exc:
            failed.extend(exc.diagnostics)
            continue
        warnings.extend(loaded.warnings)
        warnings.extend(shadowing_warnings(loaded))
        click.echo(_("ok: {ref} ({grid} {version}, sha256 {sha})").format(
            ref=ref, grid=loaded.grid.id, version=loaded.grid.version, sha=loaded.sha256[:12]))
    if failed:
        raise GridError("grid errors", failed + warnings)
    state.handle_warnings(warnings, checking=True)  # a file read as cp1252 said here too


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
