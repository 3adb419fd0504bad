"""The command line: parse arguments, call one library function, report.

Nothing here computes.  Library errors (:class:`isgrid.errors.IsgridError`)
become ``Error:`` lines on stderr with the documented exit code; a traceback is
shown only with ``--debug``.  Heavy modules are imported inside commands so
that ``isgrid --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from ..errors import (
    EXIT_DATA,
    EXIT_USAGE,
    SHOWN_PER_CODE,
    Diagnostic,
    IsgridError,
    render_diagnostics,
)

F = TypeVar("F", bound=Callable[..., Any])


class State:
    debug = False
    strict = False
    all_diagnostics = False
    #: The global ``--lang`` as given on the command line, None when it was not given.
    lang_option: str | None = None
    #: The language of the CLI itself (progress lines): ``--lang``, else French.  Documents
    #: made from a call use :func:`document_lang` instead, which also looks at call.yaml.
    lang = "fr"
    own_process = False  # run by main(): the process ends with the command


def document_lang(call: Any = None, explicit: str | None = None) -> str:
    """The language of a document made from ``call``.

    In order: ``explicit`` (a command's own ``--lang``), the global ``isgrid --lang``,
    the call's ``lang`` key (``call`` is a loaded call, its ``CallConfig``, or a result
    dict with ``call.lang``; None for a command without a call), then French.
    """
    if explicit:
        return explicit
    if State.lang_option:
        return State.lang_option
    lang: Any = None
    if isinstance(call, dict):
        block = call.get("call")
        lang = block.get("lang") if isinstance(block, dict) else call.get("lang")
    elif call is not None:
        lang = getattr(getattr(call, "config", call), "lang", None)
    return lang if lang in ("fr", "en") else "fr"


def finish_now() -> None:
    """End the process as soon as a large command's output is safely written.

    Freeing a national call's millions of objects one by one at exit takes a
    noticeable part of the run; the output is already flushed and renamed into
    place, so there is nothing left to do.  Only when isgrid owns the process
    (``main``), never inside tests or a host program.
    """
    if not State.own_process:
        return
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _show_all_command() -> str:
    """``isgrid --all-diagnostics <the running command> …``, for the line of a cut code."""
    ctx = click.get_current_context(silent=True)
    words = ctx.command_path.split()[1:] if ctx is not None else []
    return " ".join(["isgrid --all-diagnostics", *words, "…"])


def emit_diagnostics(diags: list[Diagnostic]) -> None:
    """Print diagnostics on stderr: at most SHOWN_PER_CODE of each code, unless --all-diagnostics."""
    limit = None if State.all_diagnostics else SHOWN_PER_CODE
    lines = render_diagnostics(diags, limit, show_all=_show_all_command())
    if lines:
        click.echo("\n".join(lines), err=True)


def run_safely(func: F) -> F:
    """Turn library errors into clean messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except IsgridError as exc:
            if State.debug:
                raise
            if exc.diagnostics:
                emit_diagnostics(exc.diagnostics)
                n = sum(1 for d in exc.diagnostics if d.severity == "error")
                if n > 1:
                    click.echo(f"Error: {n} errors.", err=True)
            else:
                click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:  # pragma: no cover
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            raise
        except Exception as exc:  # a bug: say so, briefly, unless --debug
            if State.debug:
                raise
            click.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details and report it.",
                err=True,
            )
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


def handle_warnings(diags: list[Diagnostic]) -> None:
    """Print warnings; with --strict, warnings stop the command (exit 1).

    Printing cuts each code at SHOWN_PER_CODE (see :func:`emit_diagnostics`);
    --strict counts every warning.
    """
    warnings = [d for d in diags if d.severity == "warning"]
    emit_diagnostics(warnings)
    if warnings and State.strict:
        click.echo(f"Error: {len(warnings)} warnings and --strict is set.", err=True)
        sys.exit(EXIT_DATA)


#: Commands defined in ``isgrid/cli/*.py`` modules: name -> (module, one-line help).
#: They are imported only when used, so ``isgrid --help`` stays close to bare
#: Python start-up; ``tests/test_cli_lazy.py`` checks this table against what
#: the modules really register.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("assess", "Self-assess a project against GRID: blank answers file, or result."),
    "assign": ("assign", "Propose a balanced assignment that respects déports and roles."),
    "calibrate": ("jury", "Correct each juror's severity; show raw and calibrated ranks."),
    "compare": ("compare", "Compare grids: coverage of D1..D10, crosswalk, diff, calls."),
    "consensus": ("decisions", "Record committee (consensus) values in the journal."),
    "decide": ("decisions", "Record the outcome of a dossier at a stage (jury, vote)."),
    "decisions": ("decisions", "Computed and decided outcomes side by side."),
    "export": ("export", "Export the grants voted as open data (SCDL Subventions)."),
    "journal": ("decisions", "Check and read the call's decisions journal."),
    "minutes": ("minutes", "Write the minutes (pv) or the CP annex."),
    "record": ("jury", "Check audit records written by `isgrid score --record`."),
    "report": ("report", "Write a committee report, dossier fiches or feedback letters."),
    "sensitivity": ("jury", "Where the decision is fragile: zone grise near the line."),
    "serve": ("serve", "Serve the self-assessment pages (127.0.0.1 by default)."),
    "sheets": ("sheets", "Workbooks for jurors, and their import back into ratings/."),
    "watch": ("watch", "Rebuild a dashboard each time a file of the call changes."),
    "withdraw": ("decisions", "Record a withdrawal; the first reserve that fits moves up."),
}
#: Modules that add options to a command defined elsewhere (cli/jury.py extends score).
EXTENDS: dict[str, tuple[str, ...]] = {"score": ("jury",)}


class LazyGroup(click.Group):
    """A group whose feature commands are imported on first use."""

    _loaded: ClassVar[set[str]] = set()

    def _load(self, module: str) -> None:
        if module in self._loaded:
            return
        import importlib

        self._loaded.add(module)
        importlib.import_module(f"{__name__.rsplit('.', 1)[0]}.{module}").register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            self._load(LAZY_COMMANDS[cmd_name][0])
        for module in EXTENDS.get(cmd_name, ()):
            self._load(module)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                cmd = self.commands[name]
                if cmd.hidden:
                    continue
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
            else:
                rows.append((name, LAZY_COMMANDS[name][1]))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--all-diagnostics", is_flag=True,
              help=f"Print every warning and error (by default at most {SHOWN_PER_CODE} "
                   "of each code, then how many more).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of documents and number formats [default: the call's `lang` "
                   "in call.yaml, else French].")
@click.version_option(package_name="isgrid")
def cli(debug: bool, strict: bool, all_diagnostics: bool, lang: str | None) -> None:
    """isgrid: score project dossiers against social-innovation grids.

    \b
    Examples:
      isgrid grids list
      isgrid grids show avise-mouves-2011
      isgrid call check examples/alsace-2016
      isgrid score examples/alsace-2016

    Exit codes: 0 ok (warnings allowed), 1 problem in the data,
    2 usage error or broken grid, 3 internal error.
    """
    State.debug = debug
    State.strict = strict
    State.all_diagnostics = all_diagnostics
    State.lang_option = lang
    State.lang = lang or "fr"


# --------------------------------------------------------------------- grids
@cli.group()
def grids() -> None:
    """List, show, check grids, and print the grid language's JSON Schema."""


@grids.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@run_safely
def grids_list(fmt: str) -> None:
    """List the shipped grids with their mode and provenance.

    \b
    Example:
      isgrid grids list --format json
    """
    from ..grids import list_shipped, load_grid
    from ..gridview import grid_summary
    from ..io.write import dumps_json

    rows = [grid_summary(load_grid(p)) for p in list_shipped()]
    if fmt == "json":
        click.echo(dumps_json(rows), nl=False)
        return
    click.echo(f"{'id':<26} {'mode':<9} {'crit':>4}  {'S/R/I':<8} title")
    for r in rows:
        sri = f"{r['sourced']}/{r['reconstructed']}/{r['inferred']}"
        title = r["title"] if len(r["title"]) <= 30 else r["title"][:29] + "…"
        click.echo(f"{r['id']:<26} {r['mode']:<9} {r['criteria']:>4}  {sri:<8} {title}")
    click.echo("S/R/I: criteria sourced / reconstructed / inferred.")


@grids.command("show")
@click.argument("grid")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@run_safely
def grids_show(grid: str, fmt: str) -> None:
    """Show a grid (an id, id@version, or a YAML file), resolved.

    \b
    Examples:
      isgrid grids show picardie-marqueurs-2013
      isgrid grids show my-call/grid.yaml --format json
    """
    from ..grids import load_grid
    from ..gridview import grid_export, grid_text
    from ..io.write import dumps_json

    loaded = load_grid(grid)
    handle_warnings(loaded.warnings)
    if fmt == "json":
        click.echo(dumps_json(grid_export(loaded)), nl=False)
    else:
        click.echo(grid_text(loaded), nl=False)


@grids.command("check")
@click.argument("grid_files", nargs=-1, required=True)
@run_safely
def grids_check(grid_files: tuple[str, ...]) -> None:
    """Check grid files and report every problem with its place.

    \b
    Example:
      isgrid grids check my-grid.yaml
    """
    from ..errors import GridError
    from ..grids import load_grid

    failed: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for ref in grid_files:
        try:
            loaded = load_grid(ref)
        except GridError as exc:
            failed.extend(exc.diagnostics)
            continue
        warnings.extend(loaded.warnings)
        click.echo(f"ok: {ref} ({loaded.grid.id} {loaded.grid.version}, sha256 "
                   f"{loaded.sha256[:12]})")
    if failed:
        raise GridError("grid errors", failed + warnings)
    handle_warnings(warnings)


@grids.command("schema")
@run_safely
def grids_schema() -> None:
    """Print the JSON Schema of grid files (for editors and validators).

    \b
    Example:
      isgrid grids schema > grid.schema.json
    """
    from ..io.write import dumps_json
    from ..model import grid_json_schema

    click.echo(dumps_json(grid_json_schema()), nl=False)


@cli.command("codes")
@click.option("--format", "fmt", type=click.Choice(["text", "md"]), default="text",
              show_default=True)
def codes_cmd(fmt: str) -> None:
    """List the diagnostic codes, their exit code and usual fix.

    \b
    Example:
      isgrid codes --format md > docs/diagnostics.md
    """
    from ..catalog import EXIT, catalog_markdown
    from ..errors import CODES

    if fmt == "md":
        click.echo(catalog_markdown(), nl=False)
        return
    for code in sorted(CODES):
        info = CODES[code]
        click.echo(f"{code:<22} exit {EXIT[info.kind]}  {info.title}")


# --------------------------------------------------------------------- calls
@cli.group()
def call() -> None:
    """Create and check call folders."""


@call.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--grid", "grid_ref", required=True, help="A grid id (id@version) or file.")
@click.option("--title", default=None, help="The call's title.")
@run_safely
def call_init(folder: Path, grid_ref: str, title: str | None) -> None:
    """Create a call folder with one example dossier and a blank ratings file.

    \b
    Example:
      isgrid call init my-call --grid alsace-aap-2016
    """
    from ..callinit import init_call

    written = init_call(folder, grid_ref, title)
    for path in written:
        click.echo(f"wrote {path}")


@call.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@run_safely
def call_check(folder: Path) -> None:
    """Check a call folder: every problem of every file, at once.

    \b
    Example:
      isgrid call check examples/alsace-2016
    """
    import numpy as np

    from ..calls import load_call

    loaded = load_call(folder)
    handle_warnings(loaded.warnings)
    t = loaded.table
    # A rating is given when it has a value or is n/a (NE); NaN without n/a is an empty cell.
    v = np.asarray(t.value, dtype=np.float64)
    given = int(np.count_nonzero(~np.isnan(v) | np.asarray(t.na, dtype=bool)))
    click.echo(f"ok: {len(loaded.dossiers)} dossiers, {given} ratings given "
               f"({len(t) - given} empty cells), {len(loaded.assessors)} assessors, "
               f"grid {loaded.grid.grid.id} {loaded.grid.grid.version}")


@cli.command("score")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@run_safely
def score_cmd(folder: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Score a call: eligibility, totals or verdicts, ranks, selection.

    \b
    Examples:
      isgrid score examples/alsace-2016
      isgrid score examples/alsace-2016 --format json -o result.json
      isgrid --lang fr score examples/alsace-2016 --format csv -o classement.csv
    """
    from ..calls import load_call
    from ..decisions import score_with_decisions
    from ..io.write import dumps_records_bytes, iter_records, write_output
    from ..progress import progress
    from ..textout import score_csv, score_table

    with progress() as bar:
        bar.stage("lecture de l'appel" if State.lang == "fr" else "reading the call")
        loaded = load_call(folder)
        handle_warnings(loaded.warnings)
        bar.stage("calcul" if State.lang == "fr" else "scoring")
        # The engine, then the journal's consensus and decisions, then portfolio constraints.
        result = score_with_decisions(loaded)
        bar.stage("écriture" if State.lang == "fr" else "writing")
        data = b""
        inputs = [loaded.folder / rel for rel in loaded.inputs]
        if fmt == "json" and output is not None:
            _refuse_inside_inputs(output, loaded.folder)
            write_output(output, iter_records(result, "dossiers"), inputs=inputs,
                         force=force)  # written as it is encoded, never whole in memory
        elif fmt == "json":
            data = dumps_records_bytes(result, "dossiers")
        elif fmt == "csv":
            data = score_csv(result, document_lang(loaded))
        else:
            data = score_table(result, document_lang(loaded)).encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8").lstrip("\ufeff"), nl=False)
        finish_now()
        return
    if fmt != "json":
        _refuse_inside_inputs(output, loaded.folder)
        write_output(output, data, inputs=inputs, force=force)
    click.echo(f"wrote {output}", err=True)
    finish_now()


def load_all_commands() -> None:
    """Import every feature command (for tests and tools that walk the command tree)."""
    for module in sorted({m for m, _ in LAZY_COMMANDS.values()}):
        cli._load(module)


def _refuse_inside_inputs(output: Path, folder: Path) -> None:
    """An output inside ratings/ or dossiers/ would be read as an input next time."""
    from ..errors import Location, UsageError

    for sub in ("ratings", "dossiers"):
        try:
            output.resolve().relative_to((folder / sub).resolve())
        except ValueError:
            continue
        raise UsageError("output inside an input folder", [Diagnostic(
            "output-is-input", f"{output} is inside the call's {sub}/ folder, which isgrid "
            "reads as input", Location(str(output)),
            hint="Write results outside ratings/ and dossiers/.")])


def main() -> None:
    State.own_process = True
    try:
        cli(standalone_mode=False)
    except BrokenPipeError:  # `isgrid ... | head`: the reader left, nothing is wrong
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except click.exceptions.Abort:  # pragma: no cover
        click.echo("Error: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            click.echo(f"  Hint: see `{exc.ctx.command_path} --help`.", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
