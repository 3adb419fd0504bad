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


def format_option(*choices: str, default: str | None = None,
                  help: str | None = None) -> Callable[[F], F]:
    """``--format`` into ``fmt``: with a default (shown in the help), or else required."""
    if default is None:
        return click.option("--format", "fmt", type=click.Choice(choices), required=True,
                            help=help)
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help=help)


def lang_option(help: str, *, dest: str = "lang", eager: bool = False) -> Callable[[F], F]:
    """``--lang fr|en``; None when not given (the caller decides what that means).

    ``eager`` (the root group's): parsed before a ``--help`` written after it, so
    that ``isgrid --lang fr --help`` is in French.
    """
    return click.option("--lang", dest, type=click.Choice(LANGS), default=None, help=help,
                        is_eager=eager)
