"""Every message of the command line that the gettext catalog must translate.

Four sources: the literal ``_()`` / ``gettext()`` / ``ngettext()`` / ``N_()``
calls of ``isgrid.cli`` and ``isgrid.errors`` (Babel's extractor), the hints of
the diagnostic codes (``isgrid.errors.CODES``), the literal ``hint="…"`` given
where a diagnostic is made (anywhere in ``src/isgrid``; a hint built with an
f-string stays English), and the help texts of every command and option
(walked in click's command tree, as click shows them).

``python tests/cli/i18n_messages.py`` prints the msgids missing from the
French ``.po`` as stubs to paste into it.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import click
from babel.messages.extract import extract_from_file

SRC = Path(__file__).resolve().parents[2] / "src" / "isgrid"
PO = SRC / "locale" / "fr" / "LC_MESSAGES" / "isgrid.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "gettext": (1,), "ngettext": (1, 2), "N_": None}


def extracted() -> set[str | tuple[str, str]]:
    """Literal messages of the code: a str, or (singular, plural)."""
    out: set[str | tuple[str, str]] = set()
    files = [*sorted((SRC / "cli").glob("*.py")), SRC / "errors.py"]
    for path in files:
        for _lineno, message, _comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS):
            if isinstance(message, tuple):
                if all(message[:2]):
                    out.add((message[0], message[1]))
            elif message:
                out.add(message)
    return out


def literal_hints() -> set[str]:
    """Every ``hint="literal"`` keyword argument of the package (diagnostics made in place)."""
    out: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.keyword) and node.arg == "hint"
                    and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str) and node.value.value):
                out.add(node.value.value)
    return out


def help_texts() -> set[str]:
    """What ``--help`` shows, as msgids: commands' help, options' help, the root table."""
    from isgrid.cli.main import COMMANDS, cli, load_all_commands
    from isgrid.errors import CODES

    load_all_commands()
    out: set[str] = {line for _module, line in COMMANDS.values()}
    out |= {info.hint for info in CODES.values() if info.hint}

    def walk(cmd: click.Command, ctx: click.Context) -> None:
        if cmd.help:
            out.add(inspect.cleandoc(cmd.help).partition("\f")[0])
        if cmd.short_help:
            out.add(inspect.cleandoc(cmd.short_help))
        for param in cmd.get_params(ctx):
            text = getattr(param, "help", None)
            if text:
                out.add(text)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    walk(sub, click.Context(sub, parent=ctx, info_name=name))

    walk(cli, click.Context(cli, info_name="isgrid"))
    return out


def all_messages() -> set[str | tuple[str, str]]:
    return extracted() | literal_hints() | help_texts()


if __name__ == "__main__":
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for msg in sorted(all_messages(), key=str):
        key = msg if isinstance(msg, str) else msg[0]
        if key in have:
            continue
        if isinstance(msg, tuple):
            print(f"msgid {msg[0]!r}\nmsgid_plural {msg[1]!r}\nmsgstr[0] ''\nmsgstr[1] ''\n")
        else:
            print(f"msgid {msg!r}\nmsgstr ''\n")
