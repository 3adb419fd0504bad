"""The root group ``isgrid``, the table of its commands, and ``main()``.

Commands are registered in one way only: each lives in a module of
:mod:`isgrid.cli` as a module attribute named like the command, made with
``@click.command(NAME, cls=Command)`` or ``@click.group(NAME, cls=Group)``
(:mod:`isgrid.cli.base`), and has one line in :data:`COMMANDS`.  The root group
imports a command's module only when that command runs (or when its help is
asked), so ``isgrid --help`` stays close to bare Python start-up;
``tests/cli/test_cli_lazy.py`` checks the table against the modules.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Mapping
from typing import ClassVar

import click

from ..errors import EXIT_USAGE, SHOWN_PER_CODE
from ..i18n import LANGS, gettext
from .base import ARGV_LANG, Group, State, click_message, lang_of, pass_state
from .options import lang_option

#: Every command of ``isgrid``: name -> (module of isgrid.cli that defines it as an
#: attribute of the same name, the one line ``isgrid --help`` shows for it).
COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("assess", "Self-assess a project against GRID: blank answers file, or result."),
    "assign": ("assign", "Propose a balanced assignment that respects recusals and roles."),
    "calibrate": ("jury", "Correct each juror's severity; show raw and calibrated ranks."),
    "call": ("call", "Create, check and purge call folders (personal data)."),
    "codes": ("codes", "List the diagnostic codes, their exit code and usual fix."),
    "compare": ("compare", "Compare grids: coverage of D1..D10, crosswalk, diff, calls."),
    "consensus": ("decisions", "Record committee (consensus) values in the journal."),
    "decide": ("decisions", "Record the outcome of a dossier at a stage (jury, vote)."),
    "decisions": ("decisions", "Computed and decided outcomes side by side."),
    "export": ("export", "Export the grants voted as open data (SCDL Subventions)."),
    "grids": ("grids", "List, show, check grids, and print the grid language's JSON Schema."),
    "intake": ("intake", "Dossiers in from Démarche Numérique; the proposal back (push)."),
    "jury": ("juryweb", "The jurors' web workspace: invite them, serve their scoring pages."),
    "journal": ("journal", "Check and read the call's decisions journal; cancel an entry."),
    "minutes": ("minutes", "Write the minutes (pv) or the CP annex."),
    "record": ("jury", "Check audit records written by `isgrid score --record`."),
    "report": ("report", "Write a committee report, dossier fiches or feedback letters."),
    "score": ("score", "Score a call: eligibility, totals or verdicts, ranks, selection."),
    "sensitivity": ("jury", "Where the decision is fragile: the selection near the line "
                    "that one juror or one level flips."),
    "serve": ("serve", "Serve the self-assessment pages (127.0.0.1 by default)."),
    "sheets": ("sheets", "Workbooks for jurors, and their import back into ratings/."),
    "validate-scdl": ("export", "Check an SCDL Subventions file against its published "
                      "schema, before publishing it."),
    "watch": ("watch", "Rebuild a dashboard each time a file of the call changes."),
    "withdraw": ("decisions", "Record a withdrawal; the first reserve that fits moves up."),
}


class LazyGroup(Group):
    """The root group: its commands are those of :data:`COMMANDS`, imported on first use.

    It also reads ``--lang`` from its own arguments before click processes them, so
    that a ``--help`` written before the option (``isgrid --help --lang fr``) is in
    the language asked (click runs ``--help`` as soon as it meets it).
    """

    #: review year2, finding 10: « isgrid purge » (the RGPD purge), « isgrid pv »
    elsewhere: ClassVar[Mapping[str, str]] = {
        "purge": "call purge", "pv": "minutes", "proces-verbal": "minutes",
        "procès-verbal": "minutes", "init": "call init", "check": "call check",
        "new": "call init", "copy": "call init"}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[ARGV_LANG] = lang_in_args(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"{__package__}.{COMMANDS[cmd_name][0]}")
            self.add_command(getattr(module, cmd_name.replace("-", "_")), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = lang_of(ctx)
        with formatter.section(gettext("Commands", lang)):
            formatter.write_dl([(name, gettext(COMMANDS[name][1], lang))
                                for name in self.list_commands(ctx)])


def lang_in_args(args: list[str]) -> str | None:
    """The value of the root's ``--lang`` in ``args`` (before the command's name), or None.

    ``["--help", "--lang", "fr"]`` and ``["--lang=fr", "--help"]`` give ``fr``; a
    ``--lang`` after the command's name is that command's own option, not this one.
    """
    words = iter(args)
    for word in words:
        if word == "--":
            break
        if word == "--lang":
            value = next(words, None)
            return value if value in LANGS else None
        if word.startswith("--lang="):
            value = word.partition("=")[2]
            return value if value in LANGS else None
        if not word.startswith("-"):
            break  # the command's name: what follows is its own
    return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--all-diagnostics", is_flag=True,
              help=f"Print every warning and error (by default at most {SHOWN_PER_CODE} "
                   "of each code, then how many more).")
@lang_option("Language of messages, documents and number formats [default for messages: "
             "ISGRID_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG; on Windows the "
             "interface's language), for documents: the call's `lang` in call.yaml, else "
             "French].",
             eager=True)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _version(ctx) if value else None,
              help="Show the version and the fingerprint of isgrid's code, and exit.")
@pass_state
def cli(state: State, debug: bool, strict: bool, all_diagnostics: bool,
        lang: str | None) -> None:
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
    state.debug = debug
    state.strict = strict
    state.all_diagnostics = all_diagnostics
    state.lang_option = lang


def _version(ctx: click.Context) -> None:
    """``isgrid --version``: the release and the fingerprint of the code (isgrid.build), the
    words documents and audit records name their maker with."""
    from .. import __version__
    from ..build import SHORT, code_fingerprint

    fingerprint = code_fingerprint()
    click.echo(f"isgrid, version {__version__} (code {fingerprint[:SHORT]})")
    click.echo(f"code sha256: {fingerprint}")
    ctx.exit()


def load_all_commands() -> None:
    """Import every command (for tests and tools that walk the command tree)."""
    ctx = click.Context(cli)
    for name in COMMANDS:
        cli.get_command(ctx, name)


#: Environment the program sets for itself (a value the user set is kept), before numpy
#: is first imported.  isgrid makes no matrix product, but numpy's OpenBLAS starts a
#: thread per core that spins at start-up: on a 2-core machine it took 0.2-0.3 s of
#: processor from the ratings' parse and the imports (``isgrid score`` of a national
#: call, docs/performance.md, seventeenth pass).  Pydantic looks for plugins (monitoring
#: hooks other packages may install) in every installed package's entry points when its
#: first model is built: 20 to 35 ms of processor for a program that uses none
#: (docs/performance.md, thirty-third pass).  A program using isgrid as a library keeps
#: its own environment.
PROCESS_ENV = {"OPENBLAS_NUM_THREADS": "1", "PYDANTIC_DISABLE_PLUGINS": "__all__"}


#: What isgrid prints in French: « », the narrow and plain no-break spaces, the euro.
SPOKEN = "«\u202f»\u00a0€"


def speakable(stream: object) -> None:
    """``stream`` (the program's output or error stream) written in UTF-8 when its
    encoding cannot write what isgrid prints (:data:`SPOKEN`): on Windows, output
    redirected to a file or a pipe (``isgrid score appel > classement.txt``) is encoded in
    the ANSI or OEM code page, which has no U+202F (nor the euro, in cp850), and every
    French line ended in an internal error with an empty file (review windows, #8).
    UTF-8 is what isgrid's own files are written in."""
    try:
        SPOKEN.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8")


def main() -> None:
    """The ``isgrid`` program: the process ends with the command."""
    import os
    import warnings

    for name, value in PROCESS_ENV.items():
        os.environ.setdefault(name, value)
    speakable(sys.stdout)
    speakable(sys.stderr)
    # openpyxl warns about parts of a workbook it drops (a sheet entry with no sheet,
    # drawings, comments, defined names it cannot place), which isgrid never reads (only
    # cell values): they reached the user as raw Python warnings, in English, with
    # openpyxl's file and line.  Silenced for the program's own process only: a program
    # using isgrid as a library keeps its own warning filters.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
    try:
        cli.main(standalone_mode=False, obj=State(own_process=True))
    except BrokenPipeError:  # `isgrid ... | head`: the reader left, nothing is wrong
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except click.exceptions.Abort:  # pragma: no cover
        click.echo(gettext("Error: aborted", lang_of(None)), err=True)
        sys.exit(1)
    except click.ClickException as exc:
        ctx = exc.ctx if isinstance(exc, click.UsageError) else None
        lang = lang_of(ctx)
        click.echo(gettext("Error: {message}", lang).format(
            message=click_message(exc.format_message(), lang).translated(lang)),
            err=True)
        if ctx is not None:
            click.echo("  " + gettext("Hint: see `{command} --help`.", lang).format(
                command=ctx.command_path), err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
