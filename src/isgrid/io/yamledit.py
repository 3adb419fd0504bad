"""Rewriting a YAML file that people keep by hand: only what must change.

``isgrid call purge`` changes a few values of call.yaml and removes a few keys of the
dossier files; ``isgrid intake`` changes, adds and removes the facts the platform gives
in them.  Dumping the data again would lose every comment, blank line, quote and
layout the secretariat wrote.  A round-trip library (ruamel.yaml) keeps most comments
but still re-indents sequences, re-spaces flow mappings (``{ id: j1 }``), writes ``~``
and ``null`` as nothing, undoes escapes, folded lines and CRLF line ends, and drops the
comment lines that follow a removed key.  So the file is edited where its values are
written: PyYAML composes the node tree with every node's start and end in the text;

* a changed scalar's text is replaced in place, in its own style (plain, '…' or "…";
  plain only when the new text reads back as the same string there; a text of several
  lines as a literal block ``|``; a number, a boolean, null plain);
* a removed key goes with its value: its whole lines in a block mapping (the comment at
  the end of its last line too, not the lines around), the entry and one comma in a
  flow mapping;
* an added key goes after the last entry of its mapping, at its indentation, written
  as :mod:`isgrid.io.yamlemit` writes new values (``'06100'`` quoted);
* a block list keeps the items that stay as they are written; the others go with
  their lines, new ones come after the item before them;
* a value that changed shape (a text become a list) is written anew in its place;
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
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Collector, Message
from . import yamlemit as emit
from .yamlio import (
    _FAST_LOADER,
    _NON_PRINTABLE,
    _BoundedLoader,
    _scalar,
    format_path,
    mapping_key,
    parse_yaml,
)
from .yamlnodes import canonical, data, difference, nodes_on

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
#: What is before a block list's item on its line: its indentation and its "-".
_DASH = re.compile(r"( *)-[ \t]+")
#: What follows a key in a block mapping.
_COLON = re.compile(r"[ \t]*:")
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


class YamlEdit:
    """Edits of one YAML text, made at its nodes' places (see the module)."""

    def __init__(self, text: str, file: str, encoding: str = "utf-8") -> None:
        self.text = text
        self.file = file
        self.encoding = encoding  # what new text must be written in (else as escapes)
        first = re.search(r"\r\n|[\r\n]", text)
        self.newline = first.group() if first else "\n"  # the file's, for new lines
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
        """Change the text so that it reads as ``new``:

        * a scalar whose value differs is rewritten in place (a text in its own style,
          several lines as a literal block; a number, a boolean, null plain);
        * a key ``new`` lacks is removed; a key it adds goes at the end of its block
          mapping, at the mapping's indentation (:mod:`isgrid.io.yamlemit`);
        * a block list keeps its items that stay (their comments too): the items that
          go are removed, new ones written where they come;
        * a value that cannot follow in place (a text become a list, a list emptied, a
          mapping none of whose keys stays) is written anew whole, in its place; the
          comments inside it go with it, the others stay.

        The top itself is never written anew: a file whose top cannot follow (a list at
        the top emptied, a mapping none of whose keys stays) is refused."""
        if self.root is not None:
            self._follow(self.root, new, False, self.root.start_mark.column)

    def _refuse(self, node: yaml.Node, message: Message) -> YamlEditError:
        return YamlEditError(message, node.start_mark.line + 1, node.start_mark.column + 1)

    def _emit(self, node: yaml.Node, write: Callable[..., Any], *args: Any) -> Any:
        try:
            return write(*args, encoding=self.encoding)
        except emit.CannotWrite:
            raise self._refuse(node, Message("only a text can be written in place")) from None

    def _follow(self, node: yaml.Node, new: Any, flow: bool, column: int) -> None:
        """``column``: where the entry holding ``node`` starts (its key, its ``-``)."""
        if id(node) in self.aliases:
            return  # written at its anchor: the reading back says whether it follows
        if isinstance(node, yaml.ScalarNode):
            self._scalar(node, new, flow, column)
            return
        assert isinstance(node, yaml.CollectionNode)
        inner = flow or bool(node.flow_style)
        if isinstance(node, yaml.SequenceNode):
            if not isinstance(new, list) or not new or (inner and len(new) != len(node.value)):
                raise self._refuse(node, Message("only values can change in a list"))
            if not inner:
                self._sequence(node, new)
                return
            for child, value in zip(node.value, new, strict=True):
                self._entry(child, value, True, column, None)
            return
        assert isinstance(node, yaml.MappingNode)
        if not isinstance(new, dict):
            raise self._refuse(node, Message("only values can change in a mapping"))
        keys = [mapping_key(k) if isinstance(k, yaml.ScalarNode) else None
                for k, _ in node.value]
        added = {k: v for k, v in new.items() if k not in keys}
        if len(set(keys)) != len(keys) or None in keys or (added and not set(keys) & set(new)):
            raise self._refuse(node, Message("only values can change in a mapping"))
        if not new and node.value and not node.flow_style:  # no key left: "{}" in their place
            first = node.value[0][0]
            self.splices.append((first.start_mark.index, self._end(node), "{}"))
            return
        kept = [key in new for key in keys]
        covered = 0  # the entries a removal already took
        for i, ((key_node, value_node), key) in enumerate(zip(node.value, keys, strict=True)):
            if kept[i]:
                self._entry(value_node, new[key], inner, key_node.start_mark.column,
                            self._end(key_node))
            elif i >= covered:
                covered = self._remove(node, i, kept)
        if added and node.flow_style:  # after the last entry: "{a: 1, b: 2}"
            at = self._end(node.value[-1][1])
            self.splices.append((at, at, "".join(
                f", {self._emit(node, emit.key, k, True)}: {self._emit(node, emit.flow, v)}"
                for k, v in added.items())))
        elif added:  # on their lines after the last entry, at the keys' indentation
            column = node.value[0][0].start_mark.column
            lines = [line for k, v in added.items()
                     for line in self._emit(node, emit.entry, k, v, column)]
            self._insert(self._line_end(self._end(node) - 1), lines)

    def _entry(self, node: yaml.Node, new: Any, flow: bool, column: int,
               key: int | None) -> None:
        """``node`` follows ``new`` in place, else is written anew whole.  ``key``: where
        the key of the entry ends (None: an item of a list)."""
        splices, cuts = len(self.splices), len(self.cuts)
        try:
            self._follow(node, new, flow, column)
        except YamlEditError:
            del self.splices[splices:], self.cuts[cuts:]
            self._replace(node, new, flow, column, key)

    def _scalar(self, node: yaml.ScalarNode, new: Any, flow: bool, column: int) -> None:
        if difference(_scalar(node), new) is None:
            return
        if isinstance(new, dict | list):
            raise self._refuse(node, Message("only values can change in a mapping"))
        start, end = node.start_mark.index, node.end_mark.index
        start = _PROPERTIES.match(self.text, start, end).end()  # type: ignore[union-attr]
        text = new if isinstance(new, str) else self._emit(node, emit.scalar, new, flow)
        if node.style in ("|", ">"):  # the header becomes the value, or a literal's header
            header = _BLOCK_HEADER.match(self.text, start).end()  # type: ignore[union-attr]
            lines = (self._line_end(start), self._line_end(self._end(node) - 1))
            block = emit.literal(new, self._indentation(*lines) or column + 2, self.encoding) \
                if isinstance(new, str) else None
            if block is None:
                self.splices.append((start, header, emit.double_quoted(new, self.encoding)
                                     if isinstance(new, str) else text))
                self.cuts.append(lines)
            else:
                self.splices += [(start, header, block[0]),
                                 (*lines, self._lines(block[1], lines[1]))]
            return
        if isinstance(new, str):
            block = emit.literal(new, column + 2, self.encoding) \
                if not flow and self._rest(end) >= 0 else None
            if block is not None:
                self.splices.append((start, end, block[0]))
                self._insert(self._line_end(end - 1), block[1])
                return
            text = emit.written(new, node.style or None, flow, self.encoding)
        self.splices.append((start, end, text))

    def _sequence(self, node: yaml.SequenceNode, new: list[Any]) -> None:
        """A block list follows ``new``: the items that stay are kept as written, those
        that go removed with their lines, new ones written where they come (after the
        item before them); an item changed follows in place."""
        items = node.value
        dashes = [self._dash(item) for item in items]
        old = [canonical(data(item)) for item in items]
        matcher = difflib.SequenceMatcher(None, old, [canonical(v) for v in new],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(i2 - i1, j2 - j1)
            for k in range(paired):
                dash = dashes[i1 + k]
                self._entry(items[i1 + k], new[j1 + k], False,
                            dash[1] if dash else items[i1 + k].start_mark.column - 2, None)
            for k in range(i1 + paired, i2):
                dash = dashes[k]
                if dash is None:
                    raise self._refuse(items[k], Message("only values can change in a list"))
                self.cuts.append((dash[0], self._line_end(self._end(items[k]) - 1)))
            if j1 + paired < j2:
                at = i1 + paired
                if dashes[0] is None:
                    raise self._refuse(node, Message("only values can change in a list"))
                where = self._line_end(self._end(items[at - 1]) - 1) if at else dashes[0][0]
                lines = self._emit(node, emit.sequence, new[j1 + paired:j2], dashes[0][1])
                self._insert(where, lines)

    def _replace(self, node: yaml.Node, new: Any, flow: bool, column: int,
                 key: int | None) -> None:
        """``node`` written anew as ``new``, in its place (see :meth:`follow`)."""
        start, end = node.start_mark.index, self._end(node)
        item = key is None
        start = _PROPERTIES.match(self.text, start, end).end()  # type: ignore[union-attr]
        if start != node.start_mark.index and isinstance(node, yaml.CollectionNode) \
                and not node.flow_style:  # "key: &name" then its lines
            raise self._refuse(node, Message("only values can change in a mapping"))
        collection = isinstance(new, dict | list) and bool(new)
        if flow or (isinstance(node, yaml.CollectionNode) and node.flow_style and node.value
                    and collection):
            self.splices.append((start, end, self._emit(node, emit.flow, new)))
            return  # in a flow collection, or a flow collection kept flow
        if isinstance(node, yaml.CollectionNode) and not node.flow_style:  # its lines
            stop, line = self._rest(end), self._line_start(start)
            if stop < 0:
                raise self._refuse(node, Message("only values can change in a list"))
            if self.text[line:start].strip(" "):  # after "- " on its line: its first line there
                indent = node.start_mark.column
            elif key is not None and not collection \
                    and (colon := _COLON.match(self.text, key)) is not None \
                    and self._rest(colon.end()) >= 0:  # "key:" then its lines: "key: []"
                self.splices.append((colon.end(), colon.end(), " " + self._one_line(node, new)))
                self.cuts.append((line, self._line_end(stop)))
                return
            else:  # on its own lines
                start = line
                indent = node.start_mark.column  # where it was (a mapping under its key)
                if item or not collection or (isinstance(new, dict) and indent <= column):
                    indent = column + 2
            lines = self._emit(node, emit.block, new, indent)
            if start != line:
                lines[0] = lines[0][indent:]
            self.splices.append((start, stop, self.newline.join(lines)))
            return
        if not collection:  # a flow collection become a scalar, or an empty one
            self.splices.append((start, end, self._one_line(node, new)))
            return
        if item:  # "- 5" become "- a: 1", its next lines under it
            lines = self._emit(node, emit.block, new, column + 2)
            lines[0] = lines[0][column + 2:]
            self.splices.append((start, end, self.newline.join(lines)))
            return
        if self._rest(end) < 0:
            raise self._refuse(node, Message("only values can change in a mapping"))
        before = start
        while self.text[before - 1] in " \t":
            before -= 1
        self.splices.append((before, end, ""))  # "key: 5" become "key:", its lines after it
        indent = column + 2 if isinstance(new, dict) else column
        self._insert(self._line_end(end - 1), self._emit(node, emit.block, new, indent))

    def _one_line(self, node: yaml.Node, new: Any) -> str:
        """A scalar or an empty collection, on one line in block context."""
        if isinstance(new, dict | list):
            return str(self._emit(node, emit.flow, new))
        return str(self._emit(node, emit.scalar, new, False))

    # ------------------------------------------------------------------ lines
    def _insert(self, at: int, lines: list[str]) -> None:
        """New whole lines at ``at`` (a line's start, or the end of the text)."""
        if lines:
            self.splices.append((at, at, self._lines(lines, at, before=True)))

    def _lines(self, lines: list[str], at: int, before: bool = False) -> str:
        """``lines`` with the file's line breaks; at the end of a text that does not end
        with one, a break before them (``before``) and none after."""
        nl = self.newline
        if at == len(self.text) and self.text and self.text[-1] not in _BREAKS:
            return (nl if before else "") + nl.join(lines)
        return "".join(line + nl for line in lines)

    def _rest(self, end: int) -> int:
        """The end of the line's text after ``end`` when only blanks and a comment follow
        there, else -1."""
        stop = _TO_LINE_END.match(self.text, end).end()  # type: ignore[union-attr]
        rest = self.text[end:stop].lstrip(" \t")
        return stop if not rest or rest.startswith("#") else -1

    def _indentation(self, start: int, end: int) -> int:
        """The indentation of the first line of text between ``start`` and ``end``."""
        for line in _LINE_START.split(self.text[start:end]):
            if line.strip(" "):
                return len(line) - len(line.lstrip(" "))
        return 0

    def _dash(self, item: yaml.Node) -> tuple[int, int] | None:
        """Where the line of a block list's item starts and the column of its ``-``, when
        the item starts on its line after ``-`` alone."""
        start = item.start_mark.index
        line = self._line_start(start)
        m = _DASH.fullmatch(self.text, line, start)
        return (line, len(m.group(1))) if m else None

    def _remove(self, mapping: yaml.MappingNode, i: int, kept: list[bool]) -> int:
        """Entry ``i`` out (``kept``: the entries that stay); the index of the first entry
        after those the removal takes."""
        entries = mapping.value
        key, value = entries[i]
        start, end = int(key.start_mark.index), max(self._end(key), self._end(value))
        later = next((j for j in range(i + 1, len(entries)) if kept[j]), None)
        if mapping.flow_style:  # the entry and one comma
            if later is not None:
                self.cuts.append((start, entries[i + 1][0].start_mark.index))
                return i + 1
            last = max(self._end(entries[-1][0]), self._end(entries[-1][1]))
            if i > 0:  # the last ones: from the end of the one kept before them
                self.cuts.append((self._end(entries[i - 1][1]), last))
            else:
                self.cuts.append((start, last))
            return len(entries)
        line = self._line_start(start)
        if not self.text[line:start].strip(" "):
            self.cuts.append((line, self._line_end(max(start, end - 1))))
            return i + 1
        if later is not None:  # the first key, after "- " or "? ": the next kept one there
            self.cuts.append((start, entries[later][0].start_mark.index))
            return later
        self.splices.append((start, end, "{}"))
        return i + 1

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
            if any(a <= start < b for a, b in self.cuts) \
                    or any(a <= start < b for a, b, _ in self.splices):
                continue  # goes with its entry, or with a value written anew
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
        # in the order made where they start at the same place (lines inserted there)
        edits = self._edits = sorted([*self.splices, *((a, b, "") for a, b in self.cuts)],
                                     key=lambda e: e[:2])
        out, at = [], 0
        for start, end, text in edits:
            if start < at:
                raise YamlEditError(Message("two changes overlap"), *self.line_of(start))
            out += [self.text[at:start], text]
            at = end
        new = "".join([*out, self.text[at:]])
        diags = Collector()
        doc = parse_yaml(new, self.file, diags)
        where = () if doc is None or diags.errors else difference(doc.data, expected)
        if where is None:
            return new
        alias = next((n for n in nodes_on(self.root, where) if id(n) in self.aliases), None)
        if alias is not None:  # its anchor's value changed: it would change too
            raise YamlEditError(Message(
                "a value repeated with an alias ({alias}) would change with the value it "
                "repeats", alias=self.text[alias.start_mark.index:alias.end_mark.index]),
                *self.line_of(alias.start_mark.index), key_path=format_path(where))
        raise YamlEditError(Message("the file edited in place would not read as "
                                    "expected"), key_path=format_path(where) or None)
