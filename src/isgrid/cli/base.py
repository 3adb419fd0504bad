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
* Messages: ``_("English text")`` is the text in the language of the command
  line (:func:`cli_lang`: ``--lang``, else a French locale, else English), from
  the gettext catalog (:mod:`isgrid.i18n`).  Help texts are translated when they
  are formatted (click reads them at decoration time, before ``--lang`` is
  known): :class:`Command` and :class:`Group` look each help string up in the
  catalog as they write the usage line, the description, the options and the
  list of subcommands.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from ..errors import (
    CODES,
    EXIT_DATA,
    SHOWN_PER_CODE,
    Diagnostic,
    IsgridError,
    render_diagnostics,
    translate_message,
)
from ..i18n import cli_lang as _cli_lang
from ..i18n import gettext
from ..io.refusal import refused
from .clickwords import CLICK_WORDS as CLICK_WORDS  # where tests and main find them
from .clickwords import click_message as click_message
from .clickwords import metavar_words
from .options import FORMAT_FROM_OUTPUT, follows_output, format_from_output

if TYPE_CHECKING:
    from ..call.early import Reading
    from ..call.model import Call


def say_strict_stop(n: int) -> None:
    """« Error: 2 warnings and --strict is set. »: why a command stopped (exit 1)."""
    click.echo(_n("Error: {n} warning and --strict is set.",
                  "Error: {n} warnings and --strict is set.", n), err=True)


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
    #: The call's ratings being read since the command began (:func:`reads_call`).
    reading: Reading | None = field(default=None, repr=False)

    def load_call(self, folder: Path) -> Call:
        """:func:`isgrid.call.load.load_call`, taking the ratings files the command began
        reading (:func:`reads_call`) when they are of this folder."""
        from ..call.load import load_call

        reading, self.reading = self.reading, None  # read once: a second load reads again
        return load_call(folder, reading=reading)

    @property
    def lang(self) -> str:
        """The language of the CLI itself (progress lines): ``--lang``, else French.

        Documents made from a call use :meth:`document_lang`, which also looks at call.yaml.
        """
        return self.lang_option or "fr"

    @property
    def cli_lang(self) -> str:
        """The language of the command line's messages, hints and help:
        ``--lang``, else ``ISGRID_LANG``, else a French locale (LC_ALL, LC_MESSAGES, LANG; on
        Windows the interface's language), else English."""
        return _cli_lang(self.lang_option)

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
        lines = render_diagnostics(diags, limit, show_all=_show_all_command(),
                                   lang=self.cli_lang)
        if lines:
            # what the command wrote before goes out first: both streams to one terminal or
            # file never run together (« … à vérifier 1Avertissement : … »)
            sys.stdout.flush()
            click.echo("\n".join(lines), err=True)
            sys.stderr.flush()

    def handle_warnings(self, diags: list[Diagnostic], *, checking: bool = False,
                        seance: bool = False) -> None:
        """Print warnings; with --strict, warnings stop the command (exit 1).

        Printing cuts each code at SHOWN_PER_CODE (see :meth:`emit_diagnostics`);
        --strict counts every warning.  A code only the check commands say
        (``CodeInfo.check_only``: a file read as cp1252) is left out unless ``checking``
        (``isgrid call check``, ``isgrid grids check``): every other command would repeat it.
        ``seance``: a command of the séance (``decide``, ``consensus set``, ``withdraw``,
        ``decisions``, ``minutes``), which leaves out the codes with nothing to do there
        (``CodeInfo.seance_quiet``: a recused juror's ratings, left out): its answer first.
        """
        warnings = [d for d in diags if d.severity == "warning"
                    and (checking or not CODES[d.code].check_only)
                    and not (seance and CODES[d.code].seance_quiet)]
        self.emit_diagnostics(warnings)
        if warnings and self.strict:
            say_strict_stop(len(warnings))
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


def reads_call(f: Callable[..., Any]) -> Callable[..., Any]:
    """For a command that loads the call in its ``folder`` argument (under ``@pass_state``).

    The call's ratings files are read (Arrow's parse, on the other core) while the
    command imports the rest of isgrid, and :meth:`State.load_call` takes them:
    about 0.2 s of a national call's 4 (:mod:`isgrid.call.early`).  The reading is
    stopped when the command ends, however it ends.
    """

    @functools.wraps(f)
    def command(state: State, *args: Any, **kwargs: Any) -> Any:
        from ..call.early import start_reading

        with start_reading(kwargs["folder"]) as reading:
            state.reading = reading
            try:
                return f(state, *args, **kwargs)
            finally:
                state.reading = None

    return command


#: Key of ``ctx.meta`` where the root group puts the ``--lang`` it read in its arguments
#: before click parsed them (:meth:`isgrid.cli.main.LazyGroup.parse_args`).
ARGV_LANG = "isgrid.lang_in_args"


def lang_of(ctx: click.Context | None) -> str:
    """The language of the command line in ``ctx`` (see :attr:`State.cli_lang`).

    While click parses, before the root group's callback filled the state
    (``isgrid --lang fr --help``), the root's parsed ``lang`` parameter decides,
    else the ``--lang`` the root read in its arguments (``isgrid --help --lang fr``:
    click runs ``--help`` before it reaches ``--lang``).
    """
    if ctx is None:
        return _cli_lang(None)
    state = ctx.find_object(State)
    option = state.lang_option if state is not None else None
    if option is None:
        root = ctx.find_root()
        option = root.params.get("lang") or root.meta.get(ARGV_LANG)
    return _cli_lang(option)


def _(message: str) -> str:
    """``message`` (English, the msgid) in the language of the running command."""
    return gettext(message, lang_of(click.get_current_context(silent=True)))


def in_cli_lang(message: str) -> str:
    """``message`` (a :class:`~isgrid.messages.Message`, a quoted value) in the language
    of the running command, to put into a text the command prints."""
    return translate_message(message, lang_of(click.get_current_context(silent=True)))


def _n(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` (English, the msgids) for ``n``, in the language of
    the running command: « 1 dossier », « 0 note » in French, « 0 ratings » in English;
    its ``{n}`` already filled in, grouped by thousands as the language writes them
    (« 165 500 notes », « 165,500 ratings »: a ``.format(n=…)`` after it changes nothing)."""
    from ..i18n import ngettext
    from ..messages import group_thousands

    lang = lang_of(click.get_current_context(silent=True))
    return ngettext(singular, plural, n, lang).replace("{n}", group_thousands(n, lang))


_EXTRAS_FR = (("[default: ", "[par défaut\u00a0: "), ("; default: ", "\u202f; par défaut\u00a0: "),
              ("[required]", "[obligatoire]"), ("; required]", "\u202f; obligatoire]"),
              ("[env var: ", "[variable d'environnement\u00a0: "))


_CLICK_SEMICOLON = re.compile(r"(?<=[^\s\u202f]); ")

#: no-break spaces as private-use characters and back (:meth:`_Localised.get_short_help_str`)
_KEEP_SPACES = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_PUT_SPACES_BACK = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


class _Localised:
    """Help texts in the language of the command line, looked up when formatted."""

    help: str | None
    short_help: str | None

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = lang_of(ctx)
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path,
                              " ".join(metavar_words(p, lang) for p in pieces),
                              prefix=gettext("Usage: ", lang))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self.help:
            return
        text = gettext(inspect.cleandoc(self.help).partition("\f")[0], lang_of(ctx))
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        ctx = click.get_current_context(silent=True)
        lang = lang_of(ctx)
        if self.short_help:
            return gettext(inspect.cleandoc(self.short_help), lang).strip()
        saved = self.help
        if saved:
            # click shortens the help word by word, split at any white space: the French
            # no-break spaces (« appel : tous ») would come back as plain ones; kept
            # through it as characters that are not white space
            self.help = gettext(inspect.cleandoc(saved).partition("\f")[0], lang).translate(
                _KEEP_SPACES)
        try:
            short: str = super().get_short_help_str(limit)  # type: ignore[misc]
            return short.translate(_PUT_SPACES_BACK)
        finally:
            self.help = saved

    def _option_rows(self, ctx: click.Context) -> list[tuple[str, str]]:
        lang = lang_of(ctx)
        rows: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if isinstance(param, click.Argument):
                continue
            saved = getattr(param, "help", None)
            text = gettext(saved, lang) if saved else saved
            if param.name == "fmt" and isinstance(self, click.Command) and follows_output(self):
                extra = gettext(FORMAT_FROM_OUTPUT, lang)
                text = f"{text} {extra}" if text else extra
            if text != saved:
                param.help = text
            try:
                rv = param.get_help_record(ctx)
            finally:
                if text != saved:
                    param.help = saved
            if rv is None:
                continue
            if lang == "fr":
                words = rv[1]
                for en, fr in _EXTRAS_FR:
                    words = words.replace(en, fr)
                # click joins its extras with « ; » ([par défaut : 1.0; x>=0.05])
                rv = (metavar_words(rv[0], lang), _CLICK_SEMICOLON.sub("\u202f; ", words))
            rows.append(rv)
        return rows

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = self._option_rows(ctx)
        if rows:
            with formatter.section(gettext("Options", lang_of(ctx))):
                formatter.write_dl(rows)


#: the contexts of the :class:`DefaultGroup` s whose command was not typed (``isgrid intake
#: CALL`` runs ``refresh``): the command's name is not repeated to the user
_IMPLIED: weakref.WeakSet[click.Context] = weakref.WeakSet()


def _show_all_command() -> str:
    """``isgrid --all-diagnostics <the running command> …``, for the line of a cut code:
    the words the user typed (``isgrid intake``, not ``isgrid intake refresh`` when
    ``refresh`` was implied)."""
    ctx = click.get_current_context(silent=True)
    words: list[str] = []  # the subcommands' names, not the program's (``python -m isgrid``)
    while ctx is not None and ctx.parent is not None:
        if ctx.parent not in _IMPLIED:
            words.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["isgrid --all-diagnostics", *words, "…"])


class Command(_Localised, click.Command):
    """An isgrid command: errors become clean messages and exit codes.

    Library errors print their diagnostics (``Error: file:line:col (key): message
    [code]`` and a ``Hint:``) and exit with the error's code; any other exception
    is a bug (exit 3).  ``--debug`` lets the exception through, with its traceback.
    click's own exceptions (usage errors, ``--help``) go through untouched.
    """

    #: the parameters that name files this command writes (``--force`` replaces them)
    output_params: tuple[str, ...] = ("output",)

    def output_files(self, ctx: click.Context) -> list[Path]:
        """The files this run writes (:attr:`output_params` given; not a folder).  A command
        whose ``-o`` is a folder for some of its runs says which (``report --kind
        feedback``)."""
        return [p for name in self.output_params if isinstance(p := ctx.params.get(name), Path)]

    def _refuse_existing_output(self, ctx: click.Context) -> None:
        """An existing output file without ``--force`` is refused before the command works,
        not after it (:func:`isgrid.io.write.refuse_existing_output`).  Left to the
        command's own check, which names the problem better: a file the command reads
        (``assess ANSWERS -o ANSWERS``, ``compare g.yaml … -o g.yaml``)."""
        force = ctx.params.get("force")
        outputs = self.output_files(ctx)
        if not outputs or not isinstance(force, bool):
            return
        from ..io.outputs import refuse_existing_output

        named = [Path(v) for key, value in ctx.params.items() if key not in self.output_params
                 for v in (value if isinstance(value, tuple | list) else (value,))
                 if isinstance(v, str | Path) and v]
        for output in outputs:
            refuse_existing_output(output, force, named)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            format_from_output(ctx)
            self._refuse_existing_output(ctx)
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
                # the last line counts the errors, so that the end of what is printed says
                # the command failed; a lone error printed alone already is that last line
                if n > 1 or (n == 1 and len(exc.diagnostics) > 1):
                    click.echo(_n("Error: {n} error.", "Error: {n} errors.", n), err=True)
                elif n == 0 and state.strict:  # stopped by its warnings: say so
                    say_strict_stop(len(exc.diagnostics))
            else:
                click.echo(_("Error: {message}").format(
                    message=translate_message(exc.message, state.cli_lang)), err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:  # pragma: no cover
            click.echo(_("Error: interrupted"), err=True)
            sys.exit(130)
        except BrokenPipeError:
            raise
        except OSError as exc:  # the system refused (full disk, read-only, not a folder)
            state = ctx.ensure_object(State)
            if state.debug:
                raise
            where = exc.filename if isinstance(exc.filename, str | Path) else None
            state.emit_diagnostics(refused(exc, None if where is None else Path(where))
                                   .diagnostics)
            sys.exit(EXIT_DATA)
        except Exception as exc:  # a bug: say so, briefly, unless --debug
            if ctx.ensure_object(State).debug:
                raise
            # --debug is the group's option, before the command: say where it goes (« isgrid
            # intake --debug » answered « No such option »)
            names: list[str] = []
            up = ctx
            while up.parent is not None:  # the root's name may be « python -m isgrid »
                names.insert(0, up.info_name or "")
                up = up.parent
            command = " ".join(["isgrid", "--debug", *names])
            click.echo(
                _("Error: internal error ({error}). Run again as {command} … for details and "
                  "report it.").format(error=f"{type(exc).__name__}: {exc}", command=command),
                err=True,
            )
            sys.exit(3)


class Group(_Localised, click.Group):
    """An isgrid group: its commands are :class:`Command`, its subgroups :class:`Group`."""

    command_class = Command
    #: words a new user types for a command that lives elsewhere (``isgrid purge``: it is
    #: ``isgrid call purge``): the refusal names it (the root group's: cli.main)
    elsewhere: ClassVar[Mapping[str, str]] = {}

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """An unknown command is refused with the one command clearly meant, by isgrid's
        rule of every « Did you mean …? » (:func:`isgrid.messages.close_match`: ``grid``
        → ``grids``, ``chek`` → ``check``, never a list of far ones), in words
        :data:`CLICK_WORDS` translates (click listed « 'check', 'schema' » in English, and
        nothing for a command not yet imported)."""
        name = click.utils.make_str(args[0]) if args else ""
        if args and self.get_command(ctx, name) is None and not ctx.resilient_parsing \
                and not name.startswith("-"):
            from ..messages import close_match

            there = self.elsewhere.get(name.lower())
            if there is not None:  # said whole: click offers only names spelt alike
                raise click.exceptions.NoSuchCommand(
                    name, f"No such command {name!r}. Did you mean {there!r}?", ctx=ctx)
            close = close_match(name, self.list_commands(ctx))
            raise click.exceptions.NoSuchCommand(name, possibilities=[close] if close else None,
                                                 ctx=ctx)
        return super().resolve_command(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _Localised.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section(gettext("Commands", lang_of(ctx))):
                formatter.write_dl(rows)


class DefaultGroup(Group):
    """A group that runs its :attr:`default` command when the first word is not one of its
    commands (``isgrid sheets CALL …`` runs ``write``, ``isgrid intake CALL …``
    ``refresh``).  Its help lists that command's options too: they are the ones typed
    after the group's name (``isgrid sheets CALL --layout …``), and the group's own help
    only had ``--help`` (found by a review: ``isgrid sheets --help`` did not show
    ``--layout``, ``isgrid intake --help`` not ``--from``)."""

    #: the command run when none is named
    default: str = ""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default, *args]
            _IMPLIED.add(ctx)
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        cmd = self.get_command(ctx, self.default)
        if not isinstance(cmd, _Localised):
            return
        sub = click.Context(cmd, info_name=self.default, parent=ctx)
        help_option = cmd.get_help_option(sub)  # the group's own, already listed
        said = help_option.get_help_record(sub) if help_option is not None else None
        rows = [row for row in cmd._option_rows(sub) if said is None or row[0] != said[0]]
        if not rows:
            return
        words = [c.info_name or "" for c in (sub, ctx)]
        parent = ctx.parent
        while parent is not None and parent.parent is not None:  # not the program's name
            words.append(parent.info_name or "")
            parent = parent.parent
        command = " ".join(["isgrid", *reversed(words)])
        lang = lang_of(ctx)
        with formatter.section(gettext("Options of {command}, the command run when none is "
                                       "named", lang).format(command=command)):
            formatter.write_dl(rows)


Group.group_class = Group
