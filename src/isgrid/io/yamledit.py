"""Rewriting a YAML file that people keep by hand: only what must change.

``isgrid call purge`` changes a few values of call.yaml and removes a few keys of the
dossier files.  Dumping the data again would lose every comment, blank line, quote and
layout the secretariat wrote.  A round-trip library (ruamel.yaml) keeps most comments
but still re-indents sequences, re-spaces flow mappings (``{ id: j1 }``), writes ``~``
and ``null`` as nothing, undoes escapes, folded lines and CRLF line ends, and drops the
comment lines that follow a removed key.  So the file is edited where its values are
written: PyYAML composes the node tree with every node's start and end in the text;

* a changed scalar's text is replaced in place, in its own style (plain, '…' or "…";
  plain only when the new text reads back as the same string there);
* a removed key goes with its value: its whole lines in a block mapping (the comment at
  the end of its last line too, not the lines around), the entry and one comma in a
  flow mapping;
* comments can be edited in place (:meth:`YamlEdit.sub_comments`);
* every other character stays as it was: order, quoting, blank lines, indentation,
  line ends.

:meth:`YamlEdit.result` reads the new text back as isgrid reads YAML and refuses it
(:class:`YamlEditError`) unless it gives exactly the data expected: a layout this
module does not know how to edit is refused, never written wrong.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Collector, Message
from .yamlio import (
    _FAST_LOADER,
    _NON_PRINTABLE,
    KeyPath,
    _BoundedLoader,
    _plain,
    _scalar,
    format_path,
    mapping_key,
    parse_yaml,
)

#: What ends a line for PyYAML (YAML 1.1 counts NEL and the Unicode separators).
_BREAKS = "\r\n\x85\u2028\u2029"
_LINE_START = re.compile(f"[{_BREAKS}]")
#: Where a comment may start: a '#' at the start of a line or after a blank (outside a
#: scalar's text); it runs to the end of its line.
_HASH = re.compile(f"(?<![^ \t{_BREAKS}])#")
_TO_LINE_END = re.compile(f"[^{_BREAKS}]*")
#: A node's anchor and tag, written before its value.
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")
#: A block scalar's header: its indicator, indentation and chomping.
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
#: A plain scalar that needs no quotes: no indicator first, nothing YAML reads apart.
_PLAIN_TEXT = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\x00-\x1f\x7f-\x9f\u2028\u2029]*")


_RESOLVER = yaml.resolver.Resolver()
_TEXT = "tag:yaml.org,2002:str"


class YamlEditError(Exception):
    """The file cannot be edited in place as asked (nothing is written)."""

    def __init__(self, message: Message, line: int | None = None,
                 column: int | None = None, key_path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.key_path = key_path


@dataclass(frozen=True)
class Source:
    """A YAML file's text as written, and how to write it back the same way."""

    text: str
    bom: bool = False
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise YamlEditError(Message("the new text cannot be written in {encoding}",
                                        encoding=self.encoding)) from exc
        return (b"\xef\xbb\xbf" if self.bom else b"") + data


def read_source(path: Path) -> Source:
    """The file's text, its BOM and its encoding (UTF-8, else cp1252 as
    :func:`isgrid.io.text.decode` reads it); line ends are kept as written."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return Source(data.decode("utf-8"), bom)
    except UnicodeDecodeError:
        return Source(data.decode("cp1252"), bom, "cp1252")


class _Aliases:
    """Mixed into isgrid's bounded composers: an alias becomes a copy of its node placed
    where the alias is written (``*name``), so that every node's marks say where its
    text is."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self.aliases: list[yaml.Node] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc]
        event = self.peek_event()  # type: ignore[attr-defined]
        node = copy.copy(super().compose_node(parent, index))  # type: ignore[misc]
        node.start_mark, node.end_mark = event.start_mark, event.end_mark
        self.aliases.append(node)
        return node


class _Loader(_Aliases, _BoundedLoader):
    """PyYAML's pure-Python parser."""


#: libyaml's parser (C), five times faster, when there: its marks count characters as
#: Python does (tests/io/test_yamledit.py checks that both give the same nodes).
_FastLoader: Any = type("_FastLoader", (_Aliases, _FAST_LOADER), {}) \
    if _FAST_LOADER is not None else None


def _compose(text: str) -> tuple[yaml.Node | None, list[yaml.Node]]:
    """The node tree of ``text`` and the alias copies in it (libyaml first, when it takes
    the text; PyYAML's own parser says what is wrong)."""
    kinds = [_Loader] if _FastLoader is None or _NON_PRINTABLE.search(text) \
        else [_FastLoader, _Loader]
    for kind in kinds:
        loader = kind(text)
        try:
            return loader.get_single_node(), loader.aliases
        except Exception as exc:
            if kind is _Loader:
                raise YamlEditError(Message("the file cannot be read again: {problem}",
                                            problem=str(exc).split("\n")[0])) from None
        finally:
            loader.dispose()
    raise AssertionError  # pragma: no cover - _Loader returns or raises


def _difference(a: Any, b: Any, path: KeyPath = ()) -> KeyPath | None:
    """The first place where ``a`` and ``b`` differ (None: nowhere)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in [*a, *(k for k in b if k not in a)]:
            if k not in a or k not in b:
                return (*path, k)
            where = _difference(a[k], b[k], (*path, k))
            if where is not None:
                return where
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            where = _difference(x, y, (*path, i))
            if where is not None:
                return where
        return None
    return None if type(a) is type(b) and a == b else path  # (True is not 1)


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable() or ch in "\u00a0\u202f":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _written(value: str, style: str | None, flow: bool) -> str:
    """``value`` as a YAML scalar in ``style`` (None: plain) when it reads back the same."""
    if style is None and _PLAIN_TEXT.fullmatch(value) and value == value.strip() \
            and ": " not in value and " #" not in value and not value.endswith(":") \
            and _plain(value) == value and not (flow and any(c in value for c in ",[]{}")) \
            and _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, value, (True, False)) == _TEXT:
        return value  # a text for YAML 1.1 readers too (01000, no, 2016-05-20 are not)
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


class YamlEdit:
    """Edits of one YAML text, made at its nodes' places (see the module)."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.root, self._keep = _compose(text)  # (the copies live as long as their ids)
        self.aliases = {id(n) for n in self._keep}
        self.splices: list[tuple[int, int, str]] = []
        self._edits: list[tuple[int, int, str]] = []
        self.cuts: list[tuple[int, int]] = []  # removed entries (comments there go too)
        self._starts = [0] + [m.end() for m in _LINE_START.finditer(text)
                              if not (m.group() == "\r" and text[m.end():m.end() + 1] == "\n")]

    # ------------------------------------------------------------------ places
    def line_of(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character of the text."""
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def _line_start(self, index: int) -> int:
        return self._starts[bisect.bisect_right(self._starts, index) - 1]

    def _line_end(self, index: int) -> int:
        """Just after the line break ending the line that holds ``index`` (or the end)."""
        i = bisect.bisect_right(self._starts, index)
        return self._starts[i] if i < len(self._starts) else len(self.text)

    def _end(self, node: yaml.Node) -> int:
        """Just after the node's last character (a block scalar's trailing blank lines and
        a block collection's following comments are not the node's)."""
        if id(node) in self.aliases:
            return int(node.end_mark.index)
        if isinstance(node, yaml.ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            if node.style in ("|", ">"):
                return start + len(self.text[start:end].rstrip(" \t" + _BREAKS))
            return int(end)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style:
            return int(node.end_mark.index)
        if isinstance(node, yaml.MappingNode) and node.value:
            key, value = node.value[-1]
            return max(self._end(key), self._end(value))
        if isinstance(node, yaml.SequenceNode) and node.value:
            return self._end(node.value[-1])
        return int(node.end_mark.index)  # pragma: no cover - a block collection is never empty

    def _scalar_text(self, node: yaml.ScalarNode) -> tuple[int, int]:
        """Where the scalar's own text is: after its anchor and tag; a block scalar's
        from its header line's break (a comment on the header is not its text)."""
        start, end = node.start_mark.index, node.end_mark.index
        start = _PROPERTIES.match(self.text, start, end).end()  # type: ignore[union-attr]
        if node.style in ("|", ">"):
            return self._line_end(start), end
        return start, end

    # ------------------------------------------------------------------ values
    def follow(self, new: Any) -> None:
        """Change the text so that it reads as ``new``: scalars whose value differs are
        rewritten, mapping keys ``new`` lacks are removed.  Anything else (a key added,
        a list of another length, a number to write) is refused."""
        if self.root is not None:
            self._follow(self.root, new, flow=False)

    def _refuse(self, node: yaml.Node, message: Message) -> YamlEditError:
        return YamlEditError(message, node.start_mark.line + 1, node.start_mark.column + 1)

    def _follow(self, node: yaml.Node, new: Any, flow: bool) -> None:
        if id(node) in self.aliases:
            return  # written at its anchor: the reading back says whether it follows
        if isinstance(node, yaml.ScalarNode):
            if _difference(_scalar(node), new) is None:
                return
            if not isinstance(new, str):
                raise self._refuse(node, Message("only a text can be written in place"))
            start, end = node.start_mark.index, node.end_mark.index
            start = _PROPERTIES.match(self.text, start, end).end()  # type: ignore[union-attr]
            if node.style in ("|", ">"):  # the header becomes the value, its lines go
                header = _BLOCK_HEADER.match(self.text, start).end()  # type: ignore[union-attr]
                self.splices.append((start, header, _double_quoted(new)))
                self.cuts.append((self._line_end(start), self._line_end(self._end(node) - 1)))
                return
            self.splices.append((start, end, _written(new, node.style or None, flow)))
            return
        assert isinstance(node, yaml.CollectionNode)
        inner = flow or bool(node.flow_style)
        if isinstance(node, yaml.SequenceNode):
            if not isinstance(new, list) or len(new) != len(node.value):
                raise self._refuse(node, Message("only values can change in a list"))
            for child, value in zip(node.value, new, strict=True):
                self._follow(child, value, inner)
            return
        assert isinstance(node, yaml.MappingNode)
        if not isinstance(new, dict):
            raise self._refuse(node, Message("only values can change in a mapping"))
        keys = [mapping_key(k) if isinstance(k, yaml.ScalarNode) else None
                for k, _ in node.value]
        if len(set(keys)) != len(keys) or None in keys or set(new) - set(keys):
            raise self._refuse(node, Message("only values can change in a mapping"))
        if not new and node.value and not node.flow_style:  # no key left: "{}" in their place
            first = node.value[0][0]
            self.splices.append((first.start_mark.index, self._end(node), "{}"))
            return
        for i, ((_, value_node), key) in enumerate(zip(node.value, keys, strict=True)):
            if key in new:
                self._follow(value_node, new[key], inner)
            else:
                self._remove(node, i)

    def _remove(self, mapping: yaml.MappingNode, i: int) -> None:
        entries = mapping.value
        key, value = entries[i]
        start, end = int(key.start_mark.index), max(self._end(key), self._end(value))
        after = entries[i + 1][0].start_mark.index if i + 1 < len(entries) else None
        if mapping.flow_style:  # the entry and one comma
            if after is not None:
                self.cuts.append((start, after))
            elif i > 0:
                self.cuts.append((self._end(entries[i - 1][1]), end))
            else:
                self.cuts.append((start, end))
            return
        line = self._line_start(start)
        if not self.text[line:start].strip(" "):
            self.cuts.append((line, self._line_end(max(start, end - 1))))
        elif after is not None:  # the first key, after "- " or "? ": the next key takes its place
            self.cuts.append((start, after))
        else:
            self.splices.append((start, end, "{}"))

    # ------------------------------------------------------------------ comments
    def comments(self) -> list[tuple[int, int]]:
        """Where each comment is (from its '#' to the end of its line)."""
        taken: list[tuple[int, int]] = []  # the texts of the scalars, where a '#' is text
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                taken.append(self._scalar_text(node))
            elif id(node) not in self.aliases and isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif id(node) not in self.aliases and isinstance(node, yaml.MappingNode):
                stack.extend(n for pair in node.value for n in pair)
        taken.sort()
        starts = [s for s, _ in taken]
        out: list[tuple[int, int]] = []
        for m in _HASH.finditer(self.text):
            at = m.start()
            i = bisect.bisect_right(starts, at) - 1
            if (i < 0 or not taken[i][0] <= at < taken[i][1]) and (not out or at >= out[-1][1]):
                out.append((at, _TO_LINE_END.match(self.text, at).end()))  # type: ignore[union-attr]
        return out

    def sub_comments(self, pattern: re.Pattern[str],
                     repl: Callable[[re.Match[str]], str]) -> list[int]:
        """Replace ``pattern`` in the comments that stay; the lines changed.

        Each match is its own edit, not its whole comment: the rest of the comment stays
        untouched (:meth:`untouched`), so that a purged value still written beside a
        pseudonymised name in the same comment is found and reported."""
        lines = []
        for start, end in self.comments():
            if any(a <= start < b for a, b in self.cuts):
                continue  # goes with its entry
            changed = False
            for m in pattern.finditer(self.text, start, end):
                new = repl(m)
                if new != m.group(0):
                    self.splices.append((m.start(), m.end(), new))
                    changed = True
            if changed:
                lines.append(self.line_of(start)[0])
        return lines

    def untouched(self, index: int) -> bool:
        """Whether the character at ``index`` is kept as it is (see :meth:`result`)."""
        i = bisect.bisect_right(self._edits, (index, len(self.text) + 1, "")) - 1
        return i < 0 or not self._edits[i][0] <= index < self._edits[i][1]

    # ------------------------------------------------------------------ result
    def result(self, expected: Any) -> str:
        """The edited text; refused unless isgrid reads it as ``expected``."""
        edits = self._edits = sorted([*self.splices, *((a, b, "") for a, b in self.cuts)])
        out, at = [], 0
        for start, end, text in edits:
            if start < at:
                raise YamlEditError(Message("two changes overlap"), *self.line_of(start))
            out += [self.text[at:start], text]
            at = end
        new = "".join([*out, self.text[at:]])
        diags = Collector()
        doc = parse_yaml(new, self.file, diags)
        where = () if doc is None or diags.errors else _difference(doc.data, expected)
        if where is not None:
            raise YamlEditError(Message("the file edited in place would not read as "
                                        "expected"), key_path=format_path(where) or None)
        return new
