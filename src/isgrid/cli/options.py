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
                  dest: str = "output") -> Callable[[F], F]:
    """``-o/--output PATH`` (a :class:`~pathlib.Path`; None when not given)."""
    return click.option("-o", "--output", dest, type=click.Path(path_type=Path),
                        required=required, default=None, help=help)


def force_option(help: str = REPLACE_FILE) -> Callable[[F], F]:
    """``--force``: replace existing outputs."""
    return click.option("--force", is_flag=True, help=help)


#: The help's sentence of a ``--format`` with a default (:func:`format_from_output`).
FORMAT_FROM_OUTPUT = ("When not given: the format that the -o file's extension names "
                      "(result.json: json), else the default.")
#: Extensions that name a format under another word (the others name it as it is written).
_EXTENSIONS = {"htm": ("html",), "txt": ("table", "text"), "markdown": ("md",)}


def format_option(*choices: str, default: str | None = None,
                  help: str | None = None) -> Callable[[F], F]:
    """``--format`` into ``fmt``: with a default (shown in the help; an ``-o`` file's
    extension goes first, :func:`format_from_output`), or else required."""
    if default is None:
        return click.option("--format", "fmt", type=click.Choice(choices), required=True,
                            help=help)
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True,
                        help=f"{help} {FORMAT_FROM_OUTPUT}" if help else FORMAT_FROM_OUTPUT)


def format_from_output(ctx: click.Context) -> None:
    """``--format`` not given, ``-o`` given: the format the output's extension names, when
    it is one of the command's (``-o pv.pdf`` writes a PDF, not HTML in a file named
    .pdf); else the default stays.  Called by every command before it runs."""
    if "fmt" not in ctx.params or ctx.get_parameter_source("fmt") is not \
            click.core.ParameterSource.DEFAULT:
        return
    output = ctx.params.get("output")
    param = next((p for p in ctx.command.params if p.name == "fmt"), None)
    if not isinstance(output, Path) or param is None or not isinstance(param.type, click.Choice):
        return
    ext = output.suffix[1:].lower()
    named = [f for f in _EXTENSIONS.get(ext, (ext,)) if f in param.type.choices]
    if named:
        ctx.params["fmt"] = named[0]
        ctx.meta[FORMAT_FROM] = output.suffix


#: ``ctx.meta`` key: the ``-o`` file's extension that chose the format (a command whose
#: formats depend on another option names it in its refusal).
FORMAT_FROM = "isgrid.format_from"


def format_refused(kind: str, fmt: str) -> Any:
    """The message refusing ``fmt`` for ``--kind kind``, naming the extension that chose it."""
    from ..errors import Message

    ctx = click.get_current_context(silent=True)
    ext = ctx.meta.get(FORMAT_FROM) if ctx is not None else None
    if ext:
        return Message("--kind {kind} cannot be written as {fmt}, the format the extension "
                       "{ext} of -o names; give --format", kind=kind, fmt=fmt, ext=ext)
    return Message("--kind {kind} cannot be written as {fmt}", kind=kind, fmt=fmt)


def lang_option(help: str, *, dest: str = "lang", eager: bool = False) -> Callable[[F], F]:
    """``--lang fr|en``; None when not given (the caller decides what that means).

    ``eager`` (the root group's): parsed before a ``--help`` written after it, so
    that ``isgrid --lang fr --help`` is in French.
    """
    return click.option("--lang", dest, type=click.Choice(LANGS), default=None, help=help,
                        is_eager=eager)
