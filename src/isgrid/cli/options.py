"""The options that many commands share: ``-o/--output``, ``--force``, ``--format``, ``--lang``.

Every command that has one of these options takes it from here, so that the
name, the destination, the type and the default are the same everywhere; only
the help text (and, for ``--format``, the choices) differ from one command to
the next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import Diagnostic, Location, Message, UsageError
from ..i18n import N_

F = TypeVar("F", bound=Callable[..., Any])

#: The usual help of ``-o/--output`` when standard output is the default.
TO_FILE = "Write to this file instead of standard output."
#: The usual help of ``--force``.
REPLACE_FILE = "Replace an existing output file."
#: The help of ``--lang`` for the documents made from a call (``report``, ``minutes``).
DOC_LANG = ("Language of the document [default: the global --lang, else the "
            "call's `lang`, else French].")
LANGS = ("fr", "en")


def output_option(help: str | None = TO_FILE, *, required: bool = False,
                  dest: str = "output", metavar: str | None = None) -> Callable[[F], F]:
    """``-o/--output PATH`` (a :class:`~pathlib.Path`; None when not given).

    A required one has no default at all: since click 8.3 an explicit ``default=None``
    counts as a value, and ``required`` was no longer checked (``isgrid report CALL``
    without ``-o`` ended in an internal error instead of « Missing option '-o' »).
    ``metavar``: the word of the help for the value (``DIR``: a folder of files written,
    « RÉPERTOIRE » in French, never « DOSSIER », which is a project's dossier)."""
    if required:
        return click.option("-o", "--output", dest, type=click.Path(path_type=Path),
                            required=True, help=help, metavar=metavar)
    return click.option("-o", "--output", dest, type=click.Path(path_type=Path),
                        default=None, help=help)


def force_option(help: str = REPLACE_FILE) -> Callable[[F], F]:
    """``--force``: replace existing outputs."""
    return click.option("--force", is_flag=True, help=help)


#: The help's sentence of a ``--format`` with a default, in a command with ``-o``
#: (:func:`format_from_output`; added to the option's help by the command's help,
#: :func:`follows_output` says where).
FORMAT_FROM_OUTPUT = N_("When not given: the format that the extension of the -o file names, "
                        "else the default.")
#: Extensions that name a format under another word (the others name it as it is written).
_EXTENSIONS = {"htm": "html", "markdown": "md"}
#: Every format a command of isgrid writes to a file, as its extension names it: an -o
#: file with one of these extensions asks for that format.
_FILE_FORMATS = frozenset({"json", "csv", "html", "md", "pdf", "docx", "xlsx"})

#: ``ctx.meta`` key: the ``-o`` file's extension that chose the format (a command whose
#: formats depend on another option names it in its refusal).
FORMAT_FROM = "isgrid.format_from"


def format_option(*choices: str, default: str | None = None,
                  help: str | None = None) -> Callable[[F], F]:
    """``--format`` into ``fmt``: with a default (shown in the help), or else required.

    In a command with ``-o/--output``, the file's extension chooses the format when
    ``--format`` is not given (:func:`format_from_output`), and the help says so
    (:func:`follows_output`)."""
    if default is None:
        return click.option("--format", "fmt", type=click.Choice(choices), required=True,
                            help=help)
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help=help)


def follows_output(command: click.Command) -> bool:
    """The command's ``--format`` has a default and the command has ``-o/--output`` (into
    ``output``; not a folder's ``-o``, into ``out_dir``): the -o file's extension chooses
    the format when ``--format`` is not given.  The one test of it, for the choice
    (:func:`format_from_output`) and for the help's sentence (:data:`FORMAT_FROM_OUTPUT`)."""
    fmt = next((p for p in command.params if p.name == "fmt"), None)
    return (fmt is not None and not fmt.required and isinstance(fmt.type, click.Choice)
            and any(p.name == "output" for p in command.params))


def format_from_output(ctx: click.Context) -> None:
    """``--format`` not given, ``-o`` given: the format the output's extension names, when
    it is one of the command's (``-o pv.pdf`` writes a PDF, not HTML in a file named
    .pdf); a format the command does not write (``score -o r.html``) is refused rather than
    written under the wrong name; any other extension keeps the default.  Called by every
    command before it runs."""
    if not follows_output(ctx.command) or "fmt" not in ctx.params or \
            ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        return
    output = ctx.params.get("output")
    param = next(p for p in ctx.command.params if p.name == "fmt")
    if not isinstance(output, Path) or not isinstance(param.type, click.Choice):
        return
    ext = output.suffix[1:].lower()
    named = _EXTENSIONS.get(ext, ext)
    if named in param.type.choices:
        ctx.params["fmt"] = named
        ctx.meta[FORMAT_FROM] = output.suffix
    elif named in _FILE_FORMATS:
        # never « give --format to write one of them into this file anyway »: HTML in a
        # file named .pdf (every command that writes HTML writes PDF and Word too)
        raise UsageError("format", [Diagnostic(
            "bad-option", Message("the extension {ext} of -o names a format this command does "
                                  "not write ({formats})", ext=output.suffix,
                                  formats=", ".join(param.type.choices)),
            Location(str(output)),
            hint=Message("Name the file after one of these formats ({formats}).",
                         formats=", ".join(param.type.choices)))])


def format_refused(kind: str, fmt: str) -> Message:
    """The message refusing ``fmt`` for ``--kind kind``, naming the extension that chose it."""
    ctx = click.get_current_context(silent=True)
    ext = ctx.meta.get(FORMAT_FROM) if ctx is not None else None
    if ext:
        return Message("--kind {kind} cannot be written as {fmt}, the format the extension "
                       "{ext} of -o names; give --format", kind=kind, fmt=fmt, ext=ext)
    return Message("--kind {kind} cannot be written as {fmt}", kind=kind, fmt=fmt)


def reference_option() -> Callable[[F], F]:
    """``--reference REF`` into ``reference`` (None when not given): the deliberation whose
    annex ``--kind cp-annex`` writes (``isgrid minutes`` and ``isgrid report``; checked by
    :func:`isgrid.cli.minutes.check_reference`)."""
    return click.option("--reference", default=None, metavar="REF",
                        help="With --kind cp-annex: the annex of that deliberation only (the "
                             "dossiers it voted, its date and total).")


def lang_option(help: str, *, dest: str = "lang", eager: bool = False) -> Callable[[F], F]:
    """``--lang fr|en``; None when not given (the caller decides what that means).

    ``eager`` (the root group's): parsed before a ``--help`` written after it, so
    that ``isgrid --lang fr --help`` is in French.
    """
    return click.option("--lang", dest, type=click.Choice(LANGS), default=None, help=help,
                        is_eager=eager)
