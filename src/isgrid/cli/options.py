"""The options that many commands share: ``-o/--output``, ``--force``, ``--format``, ``--lang``.

Every command that has one of these options takes it from here, so that the
name, the destination, the type and the default are the same everywhere; only
the help text (and, for ``--format``, the choices) differ from one command to
the next.
"""

from __future__ import annotations

import os
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


#: ``ctx.meta`` key: the names of the ``-o`` options given as a folder (``-o dir/``).
FOLDER_GIVEN = "isgrid.folder_given"

#: A command's name for its file written into a folder given as ``-o dir/``: a stem, the
#: extension the format's (:func:`extension`), or the whole file name for a command without
#: ``--format`` (``assign``: « assignments.csv »); or, from the command's parameters, the
#: whole file name (``assess --template``: « reponses.yaml »).
FolderName = str | Callable[[dict[str, Any]], str]


class OutputPath(click.Path):
    """``-o``'s value, a :class:`~pathlib.Path`, which drops a trailing ``/``: that one is
    kept in ``ctx.meta`` (:data:`FOLDER_GIVEN`), a folder (:func:`output_in_folder`)."""

    def __init__(self, folder_name: FolderName | None = None) -> None:
        super().__init__(path_type=Path)
        self.folder_name = folder_name

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.endswith(("/", os.sep)) and ctx is not None \
                and param is not None:
            ctx.meta.setdefault(FOLDER_GIVEN, set()).add(param.name)
        return super().convert(value, param, ctx)


def output_option(help: str | None = TO_FILE, *, required: bool = False,
                  dest: str = "output", metavar: str | None = None,
                  folder_name: FolderName | None = None) -> Callable[[F], F]:
    """``-o/--output PATH`` (a :class:`~pathlib.Path`; None when not given).

    A required one has no default at all: since click 8.3 an explicit ``default=None``
    counts as a value, and ``required`` was no longer checked (``isgrid report CALL``
    without ``-o`` ended in an internal error instead of « Missing option '-o' »).
    ``metavar``: the word of the help for the value (``DIR``: a folder of files written,
    « RÉPERTOIRE » in French, never « DOSSIER », which is a project's dossier).
    ``folder_name``: the file's name in a folder given as ``-o dir/`` (or an existing
    folder), :func:`output_in_folder`; without one, such an -o is refused."""
    if required:
        return click.option("-o", "--output", dest, type=OutputPath(folder_name),
                            required=True, help=help, metavar=metavar)
    return click.option("-o", "--output", dest, type=OutputPath(folder_name),
                        default=None, help=help)


def extension(fmt: str) -> str:
    """The extension of a file of format ``fmt``: itself (``md``, ``pdf``), ``txt`` for a
    text table."""
    return "txt" if fmt in ("table", "text") else fmt


def output_in_folder(ctx: click.Context) -> bool:
    """``-o dir/`` (or ``-o`` an existing folder) to a command that writes one file there
    (the output is among :meth:`.base.Command.output_files`; ``report --kind feedback``'s
    is a folder of letters, left as it is): the file is written in it under the command's
    name for it (``output_option(folder_name=…)``: « dir/comparaison.md »); refused when
    the command has none.  True when the output was so named."""
    param = next((p for p in ctx.command.params if p.name == "output"), None)
    output = ctx.params.get("output")
    if param is None or not isinstance(param.type, OutputPath) or not isinstance(output, Path):
        return False
    if "output" not in ctx.meta.get(FOLDER_GIVEN, set()) and not output.is_dir():
        return False
    files = getattr(ctx.command, "output_files", None)
    if files is not None and output not in files(ctx):
        return False
    name = param.type.folder_name
    fmt = ctx.params.get("fmt")
    if isinstance(name, str) and isinstance(fmt, str):
        name = f"{name}.{extension(fmt)}"
    elif callable(name):
        name = name(ctx.params)
    if not isinstance(name, str):
        folder = str(output) + os.sep
        message = Message("-o {path} is a folder; this command writes one file", path=folder)
        raise UsageError(message, [Diagnostic(
            "bad-option", message, Location(str(output)),
            hint=Message("Name the file in it: -o {path}NAME.{ext}", path=folder,
                         ext=extension(fmt) if isinstance(fmt, str) else "EXT"))])
    ctx.params["output"] = output / name
    return True


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
#: ``ctx.meta`` key: ``-o`` is not written in ``--format`` this time (set by
#: :func:`own_file`): the command checks the file's name itself.
OWN_FILE = "isgrid.own_file"


def own_file(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """The callback of a flag with which ``-o`` names a file of its own, never the
    ``--format`` result (``assess --template``: the YAML answers file): neither the -o
    file's extension nor ``--format`` is checked against the result's formats
    (:func:`format_from_output`), the command refuses a name that is not its file's, and
    says which it is (« --template writes a YAML answers file, not .xlsx »)."""
    if value:
        ctx.meta[OWN_FILE] = True
    return value


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
    if output_in_folder(ctx) or ctx.meta.get(OWN_FILE):
        # named after its format: nothing to choose, or contradict; or a file of its own
        return
    if "fmt" in ctx.params and ctx.get_parameter_source("fmt") is not \
            click.core.ParameterSource.DEFAULT:
        format_against_output(ctx)
        return
    if not follows_output(ctx.command) or "fmt" not in ctx.params:
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


#: The formats written as text that an extension of a file format contradicts.
_TEXT_FORMATS = frozenset({"table", "text", "yaml"})


def format_against_output(ctx: click.Context) -> None:
    """An explicit ``--format`` that the ``-o`` file's extension contradicts (``--format
    html -o e.pdf``, ``--format md -o x.docx``) is refused: never HTML in a file named
    .pdf.  An extension that names no format of isgrid (``.txt``), and a format of its
    own (``export --format scdl-subventions``, a CSV), go through."""
    output = ctx.params.get("output")
    fmt = ctx.params.get("fmt")
    if not isinstance(output, Path) or not isinstance(fmt, str):
        return
    ext = output.suffix[1:].lower()
    named = _EXTENSIONS.get(ext, ext)
    if named not in _FILE_FORMATS or named == fmt \
            or fmt not in _FILE_FORMATS | _TEXT_FORMATS:
        return
    message = Message("--format {fmt} and -o {path} disagree: the extension {ext} names "
                      "{named}", fmt=fmt, path=str(output), ext=output.suffix, named=named)
    name = output.with_suffix("." + extension(fmt)).name
    param = next((p for p in ctx.command.params if p.name == "fmt"), None)
    writes = param is not None and isinstance(param.type, click.Choice) \
        and named in param.type.choices and follows_output(ctx.command)
    raise UsageError(message, [Diagnostic(
        "bad-option", message, Location(str(output)),
        hint=Message("Name the file {name}, or leave --format out to write {named}.",
                     name=name, named=named) if writes
        else Message("Name the file {name}.", name=name))])


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
