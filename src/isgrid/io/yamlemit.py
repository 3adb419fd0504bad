"""New YAML text for a value written into a file kept by hand (:mod:`isgrid.io.yamledit`).

A value is written so that isgrid reads it back as it is (YAML 1.2's core schema,
:mod:`isgrid.io.yamlio`) and a YAML 1.1 reader too:

* a text plain when nothing in it reads apart (``Marie Dupont``), else between single
  quotes (``'06100'``, ``'2016-03-14'``, ``'oui: non'``), as a fresh file of
  ``isgrid intake`` has it; between double quotes with escapes when it holds a
  character that single quotes cannot (a control) or that the file's encoding cannot
  (``"25\\u202f000 €"`` in a cp1252 file); a text of several lines as a literal block
  (``|-``) in block context;
* numbers, ``true``/``false``, ``null`` plain;
* a mapping one ``key: value`` per line, a list one ``- item`` per line at its key's
  indentation (as ``isgrid intake`` writes a new dossier file); in flow context (inside
  ``[…]`` or ``{…}``) ``{key: value, …}`` and ``[a, b]``; empty ones ``{}`` and ``[]``.

The functions give lines without their line breaks; the caller joins them with the
file's own.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from .yamlio import _NON_PRINTABLE, _plain

_RESOLVER = yaml.resolver.Resolver()
_TEXT = "tag:yaml.org,2002:str"
#: A plain scalar that needs no quotes: no indicator first, nothing YAML reads apart.
_PLAIN_TEXT = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\x00-\x1f\x7f-\x9f\u2028\u2029]*")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
#: What a literal block cannot hold: other line breaks, a BOM.
_NOT_LITERAL = re.compile("[\r\x85\u2028\u2029\ufeff]")


class CannotWrite(ValueError):
    """A value with no YAML text that reads back as itself (a float ``nan``, an object)."""


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def double_quoted(value: str, encoding: str = "utf-8") -> str:
    """``value`` between double quotes: controls, and what ``encoding`` cannot hold, as
    escapes (``\\n``, ``\\u202f``)."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif (ch.isprintable() or ch in "\u00a0\u202f") and (
                ch.isascii() or encodable(ch, encoding)):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def written(value: str, style: str | None, flow: bool, encoding: str = "utf-8") -> str:
    """``value`` as a YAML scalar in ``style`` (None: plain) when it reads back the same
    there; else between double quotes."""
    fits = value.isascii() or encodable(value, encoding)
    if style is None and fits and _PLAIN_TEXT.fullmatch(value) and value == value.strip() \
            and ": " not in value and " #" not in value and not value.endswith(":") \
            and _plain(value) == value and not (flow and any(c in value for c in ",[]{}")) \
            and _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, value, (True, False)) == _TEXT:
        return value  # a text for YAML 1.1 readers too (01000, no, 2016-05-20 are not)
    if style == "'" and fits and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value, encoding)


def scalar(value: Any, flow: bool, encoding: str = "utf-8") -> str:
    """A new scalar: a text plain, else between single quotes, else double; a number,
    a boolean, null as YAML writes them."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if not math.isfinite(value) or _plain(text) != value:
            raise CannotWrite(text)
        return text
    if isinstance(value, str):
        text = written(value, None, flow, encoding)
        return text if text == value else written(value, "'", flow, encoding)
    raise CannotWrite(type(value).__name__)


def key(name: Any, flow: bool, encoding: str = "utf-8") -> str:
    """A mapping key (isgrid's keys are texts)."""
    if not isinstance(name, str):
        raise CannotWrite(repr(name))
    return scalar(name, flow, encoding)


def literal(value: str, indent: int, encoding: str = "utf-8") -> tuple[str, list[str]] | None:
    """A text of several lines as a literal block: its header (``|`` or ``|-``) and its
    lines at column ``indent``; None when a block cannot hold it as it is (a first line
    starting with a blank, line ends kept at its end, a control or a character the
    encoding cannot hold)."""
    body = value[:-1] if value.endswith("\n") else value
    if "\n" not in body or body[0] in " \t\n" or body.endswith("\n") \
            or _NOT_LITERAL.search(value) or _NON_PRINTABLE.search(value) \
            or not encodable(value, encoding):
        return None
    pad = " " * indent
    return ("|" if value.endswith("\n") else "|-",
            [pad + line if line else "" for line in body.split("\n")])


def flow(value: Any, encoding: str = "utf-8") -> str:
    """``value`` in flow style, on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key(k, True, encoding)}: {flow(v, encoding)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, encoding) for v in value) + "]"
    return scalar(value, True, encoding)


def inline(value: Any, indent: int, encoding: str = "utf-8") -> tuple[str, list[str]]:
    """What follows ``key: `` or ``- `` for a scalar or an empty collection: its text,
    and the lines of a literal block (at ``indent``) when it is one."""
    if isinstance(value, dict | list):
        if value:
            raise CannotWrite("a collection is not written on one line here")
        return ("{}" if isinstance(value, dict) else "[]"), []
    if isinstance(value, str) and "\n" in value:
        block = literal(value, indent, encoding)
        if block is not None:
            return block
    return scalar(value, False, encoding), []


def entry(name: Any, value: Any, indent: int, encoding: str = "utf-8") -> list[str]:
    """``name: value`` in a block mapping whose keys are at column ``indent``."""
    head = " " * indent + key(name, False, encoding) + ":"
    if isinstance(value, dict) and value:
        return [head, *mapping(value, indent + 2, encoding)]
    if isinstance(value, list) and value:
        return [head, *sequence(value, indent, encoding)]  # "- " under its key
    text, lines = inline(value, indent + 2, encoding)
    return [f"{head} {text}", *lines]


def mapping(value: dict[str, Any], indent: int, encoding: str = "utf-8") -> list[str]:
    return [line for k, v in value.items() for line in entry(k, v, indent, encoding)]


def sequence(value: list[Any], indent: int, encoding: str = "utf-8") -> list[str]:
    """The items of a block list, their ``-`` at column ``indent``."""
    out = []
    for v in value:
        first, *rest = block(v, indent + 2, encoding)
        out += [" " * indent + "- " + first[indent + 2:], *rest]
    return out


def block(value: Any, indent: int, encoding: str = "utf-8") -> list[str]:
    """``value`` as lines at column ``indent`` (a mapping's keys, a list's ``-``, a
    scalar's text there)."""
    if isinstance(value, dict) and value:
        return mapping(value, indent, encoding)
    if isinstance(value, list) and value:
        return sequence(value, indent, encoding)
    text, lines = inline(value, indent, encoding)
    return [" " * indent + text, *lines]
