"""What a YAML syntax error most likely is, said as a hint beside PyYAML's words
(:func:`isgrid.io.yamlio.parse_yaml`'s ``yaml-syntax``): a quote opened and never closed,
a text holding « : » between braces left without quotes."""

from __future__ import annotations

import re

import yaml

from ..errors import Message


def syntax_hint(text: str, exc: yaml.MarkedYAMLError) -> Message | None:
    """What a secretariat's YAML mistake most likely is, where PyYAML's words say how it
    broke rather than why: a quote (") opened lines above and never closed there, which
    PyYAML reads on until the next quote, to break where that one closes it
    (:func:`_quote_opened_for`); between braces, a text holding « : » left without
    quotes.  None: the code's own hint."""
    mark = exc.problem_mark
    if mark is None:
        return None
    opened = _quote_opened_for(text, mark.line + 1)
    if opened is not None:
        return Message('Line {line} opens a quote (") it does not close: close it at the '
                       "end of its text, or take it away.", line=opened)
    if exc.context == "while parsing a flow mapping" and (exc.problem or "").endswith(
            "but got ':'"):
        return Message('Between braces { }, a text that holds « : » or « , » goes in quotes: '
                       'reason: "Trésorier : association porteuse".')
    return None


#: the line breaks PyYAML counts (its marks' line numbers)
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: a block scalar's indicator ending a line: « key: | », « - >- », « key: |2 # note »
_BLOCK = re.compile(r"(?:^|[:\-?]\s)\s*[|>][-+0-9]*\s*(?:#.*)?$")


def _quote_opened_for(text: str, line: int) -> int | None:
    """The line where a double-quoted text opened that is still open at the end of line
    ``line`` (1-based), or that spans lines and closes on ``line`` itself: where PyYAML
    breaks on it.  Read as YAML reads quotes: one opens only where a value begins (after
    « : », « - », « [ », « { », « , » or at the start of a line), inside single quotes
    and block scalars (« | », « > ») a « " » is text, a backslash escapes inside double
    quotes, a « # » after a space outside quotes starts a comment.  A text quoted over two
    lines that closes before ``line`` is no mistake: None."""
    open_at: int | None = None  # the line of a double quote still open
    single = False
    block: int | None = None  # the indentation of a block scalar's key
    for n, row in enumerate(_BREAKS.split(text)[:line], start=1):
        began = open_at
        if open_at is None and not single:
            stripped = row.lstrip(" ")
            indent = len(row) - len(stripped)
            if block is not None and (not stripped or indent > block):
                continue  # a block scalar's text
            block = None
        i = 0
        while i < len(row):
            c = row[i]
            if open_at is not None:
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    if n == line and began is not None and began < n:
                        return began  # a text quoted from line ``began`` closes here
                    open_at = None
            elif single:
                if c == "'":
                    if row[i + 1:i + 2] == "'":  # '' : a quote inside single quotes
                        i += 2
                        continue
                    single = False
            elif c == "#" and (i == 0 or row[i - 1] in " \t"):
                break  # a comment
            elif c in "\"'" and _value_begins(row, i):
                if c == '"':
                    open_at = n
                else:
                    single = True
            i += 1
        if open_at is None and not single and _BLOCK.search(row):
            block = len(row) - len(row.lstrip(" "))
    return open_at


def _value_begins(row: str, i: int) -> bool:
    """Whether a value may begin at ``row[i]``: at the start of the line, or after « [ »,
    « { », « , », or « : », « - », « ? » and a space (elsewhere a quote is text)."""
    before = row[:i].rstrip(" \t")
    return not before or before[-1] in "[{," or (
        before[-1] in ":-?" and row[i - 1] in " \t")
