"""What every command shares: the global options, diagnostics on stderr, error handling.

* :class:`State` holds the root group's options (``--debug``, ``--strict``,
  ``--all-diagnostics``, ``--lang``) in click's context object; a command takes
  it with ``@pass_state`` (``ctx.ensure_object(State)``).  There is no global
  state: two runs in one process (tests, a host program) never see each other's
  options.
* :class:`Command` and :class:`Group` are the classes of every isgrid command:
  ``Command.invoke`` turns library errors (:class:`isgrid.errors.IsgridError`)
  into ``Error:`` lines on stderr and the documented exit code, and any other
  exception into exit 3, unless ``--debug``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..errors import (
    EXIT_DATA,
    SHOWN_PER_CODE,
    Diagnostic,
    IsgridError,
    Location,
    render_diagnostics,
)


@dataclass
class State:
    """The global options of one run, in ``ctx.obj``.

    The root group fills it; ``main()`` creates it with ``own_process=True``.
    """

    debug: bool = False
    strict: bool = False
    all_diagnostics: bool = False
    #: The global ``--lang`` as given on the command line, None when it was not given.
    lang_option: str | None = None
    #: Run by ``main()``: the process ends with the command (see :meth:`finish_now`).
    own_process: bool = False

    @property
    def lang(self) -> str:
        """The language of the CLI itself (progress lines): ``--lang``, else French.

        Documents made from a call use :meth:`document_lang`, which also looks at call.yaml.
        """
        return self.lang_option or "fr"

    def document_lang(self, call: Any = None, explicit: str | None = None) -> str:
        """The language of a document made from ``call``.

        In order: ``explicit`` (a command's own ``--lang``), the global ``isgrid --lang``,
        the call's ``lang`` key (``call`` is a loaded call, its ``CallConfig``, or a result
        dict with ``call.lang``; None for a command without a call), then French.
        """
        if explicit:
            return explicit
        if self.lang_option:
            return self.lang_option
        lang: Any = None
        if isinstance(call, dict):
            block = call.get("call")
            lang = block.get("lang") if isinstance(block, dict) else call.get("lang")
        elif call is not None:
            lang = getattr(getattr(call, "config", call), "lang", None)
        return lang if lang in ("fr", "en") else "fr"

    def emit_diagnostics(self, diags: list[Diagnostic]) -> None:
        """Print diagnostics on stderr: at most SHOWN_PER_CODE of each code, unless
        --all-diagnostics."""
        limit = None if self.all_diagnostics else SHOWN_PER_CODE
        lines = render_diagnostics(diags, limit, show_all=_show_all_command())
        if lines:
            click.echo("\n".join(lines), err=True)

    def handle_warnings(self, diags: list[Diagnostic]) -> None:
        """Print warnings; with --strict, warnings stop the command (exit 1).

        Printing cuts each code at SHOWN_PER_CODE (see :meth:`emit_diagnostics`);
        --strict counts every warning.
        """
        warnings = [d for d in diags if d.severity == "warning"]
        self.emit_diagnostics(warnings)
        if warnings and self.strict:
            click.echo(f"Error: {len(warnings)} warnings and --strict is set.", err=True)
            sys.exit(EXIT_DATA)

    def finish_now(self) -> None:
        """End the process as soon as a large command's output is safely written.

        The one use of ``os._exit`` in isgrid (``isgrid score`` calls it last).
        Freeing a national call's millions of objects one by one at exit takes a
        noticeable part of the run (about 0.2 s of CPU at two million ratings);
        the output is already flushed and renamed into place, so there is nothing
        left to do.  Only when isgrid owns the process (``main``), never inside
        tests or a host program.  ``tests/cli/test_cli_lazy.py`` checks both.
        """
        if not self.own_process:
            return
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


#: ``@pass_state`` gives a command the run's :class:`State` as its first argument.
pass_state = click.make_pass_decorator(State, ensure=True)


def _show_all_command() -> str:
    """``isgrid --all-diagnostics <the running command> …``, for the line of a cut code."""
    ctx = click.get_current_context(silent=True)
    words = ctx.command_path.split()[1:] if ctx is not None else []
    return " ".join(["isgrid --all-diagnostics", *words, "…"])


class Command(click.Command):
    """An isgrid command: errors become clean messages and exit codes.

    Library errors print their diagnostics (``Error: file:line:col (key): message
    [code]`` and a ``Hint:``) and exit with the error's code; any other exception
    is a bug (exit 3).  ``--debug`` lets the exception through, with its traceback.
    click's own exceptions (usage errors, ``--help``) go through untouched.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except IsgridError as exc:
            state = ctx.ensure_object(State)
            if state.debug:
                raise
            if exc.diagnostics:
                state.emit_diagnostics(exc.diagnostics)
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
        except OSError as exc:  # the system refused (full disk, read-only, not a folder)
            state = ctx.ensure_object(State)
            if state.debug:
                raise
            where = exc.filename if isinstance(exc.filename, str | Path) else None
            state.emit_diagnostics([Diagnostic(
                "write-failed", f"the system refused: {exc.strerror or type(exc).__name__}",
                Location(str(where)) if where is not None else Location())])
            sys.exit(EXIT_DATA)
        except Exception as exc:  # a bug: say so, briefly, unless --debug
            if ctx.ensure_object(State).debug:
                raise
            click.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details and report it.",
                err=True,
            )
            sys.exit(3)


class Group(click.Group):
    """An isgrid group: its commands are :class:`Command`, its subgroups :class:`Group`."""

    command_class = Command


Group.group_class = Group
