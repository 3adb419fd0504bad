"""Every message of the command line that the gettext catalog must translate.

Six sources: the literal ``_()`` / ``_n()`` / ``gettext()`` / ``ngettext()`` / ``N_()``
calls of ``isgrid.cli`` and ``isgrid.errors`` (Babel's extractor), the diagnostic
messages (every ``Message("…")``, ``N_("…")`` and ``Plural("…", "…", n)`` of the
package, Babel's extractor again: a message with values is a template with named placeholders), the hints of
the diagnostic codes (``isgrid.errors.CODES``), the literal ``hint="…"`` given
where a diagnostic is made (anywhere in ``src/isgrid``; a hint with values is a
``Message``), the help texts of every command and option (walked in click's
command tree, as click shows them), and the field descriptions the hints of
call.yaml's keys and blocks show (each ``Field(description=…)`` of the models that
:func:`isgrid.call.config.config_hint` and :func:`isgrid.call.block_hints.block_hint` walk:
:func:`field_descriptions`).
:func:`plain_diagnostic_texts` finds the diagnostics still made from a plain string
or an f-string (they could not be translated).

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
KEYWORDS = {"_": None, "_n": (1, 2), "gettext": (1,), "ngettext": (1, 2), "N_": None}


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


#: Folders whose diagnostics are not (yet) in the catalog: the jury workspace's three
#: messages (``workspace/store.py``) are shown on its web pages, not by the command line.
NOT_YET_MESSAGES: tuple[str, ...] = ()


def diagnostic_messages() -> set[str | tuple[str, str]]:
    """Every ``Message("template", …)``, ``N_("template")`` and ``Plural("singular",
    "plural", n, …)`` of the package (a Plural as its (singular, plural) pair)."""
    out: set[str | tuple[str, str]] = set()
    for path in sorted(SRC.rglob("*.py")):
        for _lineno, message, _comments, _context in extract_from_file(
                "python", str(path), keywords={"Message": None, "N_": None,
                                               "Plural": (1, 2)}):
            if isinstance(message, str) and message:
                out.add(message)
            elif isinstance(message, tuple) and all(message[:2]):
                out.add((message[0], message[1]))
    return out


def _is_plain_text(node: ast.AST) -> bool:
    """A str literal, an f-string, or an expression made of them (``a if c else f"…"``,
    ``"…" + x``): text that reaches the user as it is written, in English."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    if isinstance(node, ast.IfExp):
        return _is_plain_text(node.body) or _is_plain_text(node.orelse)
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    return False


def plain_diagnostic_texts() -> list[str]:
    """``file:line`` of each diagnostic (``Diagnostic(code, message, …)``, ``.add(code,
    message, …)``) whose message is plain text, or whose hint is an f-string: both
    would stay English in French.  A literal hint is fine (the catalog has it)."""
    from isgrid.errors import CODES

    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in NOT_YET_MESSAGES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value in CODES):
                continue
            message = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "message"), None)
            hint = next((k.value for k in node.keywords if k.arg == "hint"), None)
            if (message is not None and _is_plain_text(message)) or (
                    hint is not None and _has_fstring(hint)):
                out.append(f"{rel}:{node.lineno}")
    return out


def _has_fstring(node: ast.AST) -> bool:
    return any(isinstance(n, ast.JoinedStr) and not _inside_message(n, node)
               for n in ast.walk(node))


def _inside_message(target: ast.AST, root: ast.AST) -> bool:
    """``target`` is an argument of a ``Message(…)`` call under ``root`` (a value)."""
    for n in ast.walk(root):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Message"
                and any(target is m for m in ast.walk(n))):
            return True
    return False


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
    out |= {info.title for info in CODES.values()} | {"exit"}  # `isgrid codes`

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

    # with the root's context settings: click caches each command's help option the
    # first time it is asked, so a bare Context would leave ``-h`` unknown afterwards
    walk(cli, click.Context(cli, info_name="isgrid", **cli.context_settings))
    return out


def field_descriptions() -> set[str]:
    """The ``description`` of each field a hint may describe (« draws: an integer >= 0,
    default 0 (Default number of draws) », « rate: … (Maximum share of eligible costs) »):
    declared on the field, translated in the catalog, so a description added later to a
    model of call.yaml (its keys, its blocks, the grid's items under ``add:``) needs its
    French text."""
    from isgrid.call.config import hint_descriptions

    return hint_descriptions()


def all_messages() -> set[str | tuple[str, str]]:
    return (extracted() | diagnostic_messages() | literal_hints() | help_texts()
            | field_descriptions())


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
