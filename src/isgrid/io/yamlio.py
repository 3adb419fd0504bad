"""YAML reading that keeps where every value came from.

PyYAML composes a node tree with marks; we build plain Python data from it
ourselves instead of using its constructor, for four reasons:

* positions: every value's ``file:line:col`` is kept under its key path, so a
  pydantic or jsonschema error can be reported where the user must fix it;
* duplicate keys are errors (PyYAML silently keeps the last one);
* scalars follow YAML 1.2's core schema, not 1.1: ``no`` stays a string,
  ``01000`` stays the string ``01000`` (a postcode), never the octal 512;
  timestamps stay strings;
* hostile input is bounded: at most :data:`MAX_ALIASES` aliases and
  :data:`MAX_NODES` constructed values, and no more than one per character of the
  document plus :data:`NODES_SLACK` (a "billion laughs" document stops early).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Collector, Count, Location, Message, Quote
from ..i18n import N_
from ..messages import Quoted, Words, worded, words
from .text import read_text
from .yamlcommas import bare_number as _bare_number
from .yamlcommas import decimal_commas as _decimal_commas
from .yamlcommas import digit_groups as _digit_groups
from .yamlhints import duplicate_hint
from .yamlsyntax import syntax_hint

#: PyYAML's words for the commonest syntax errors, as message templates (the English
#: is PyYAML's own; a named group becomes the value of the same placeholder), so that
#: they can be shown in French; any other problem keeps PyYAML's English.
YAML_WORDS: Words = words((
        (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
        (r"expected (?P<a>'[^']*') or (?P<b>'[^']*'), but found (?P<found>'.*')",
         N_("expected {a} or {b}, but found {found}")),
        (r"expected (?P<a>'[^']*') or (?P<b>'[^']*'), but got (?P<found>'.*')",
         N_("expected {a} or {b}, but got {found}")),
        (r"expected (?P<expected>.+), but found (?P<found>'.*')",
         N_("expected {expected}, but found {found}")),
        (r"expected (?P<expected>.+), but got (?P<found>'.*')",
         N_("expected {expected}, but got {found}")),
        (r"found unexpected end of stream", N_("found unexpected end of stream")),
        (r"found character (?P<character>'.+') that cannot start any token",
         N_("found character {character} that cannot start any token")),
        (r"but found another document", N_("but found another document")),
        (r"found undefined alias (?P<alias>'.+')", N_("found undefined alias {alias}")),
        (r"could not find expected ':'", N_("could not find expected ':'")),
        (r"could not determine a constructor for the tag (?P<tag>'.+')",
         N_("could not determine a constructor for the tag {tag}")),
        (r"while parsing a flow sequence", N_("while parsing a flow sequence")),
        (r"while parsing a flow mapping", N_("while parsing a flow mapping")),
        (r"while parsing a block mapping", N_("while parsing a block mapping")),
        (r"while parsing a block collection", N_("while parsing a block collection")),
        (r"while scanning a quoted scalar", N_("while scanning a quoted scalar")),
        (r"while scanning a simple key", N_("while scanning a simple key")),
        (r"while scanning for the next token", N_("while scanning for the next token")),
        (r"expected a single document in the stream",
         N_("expected a single document in the stream")),
    ))


def yaml_words(text: str) -> Message:
    """PyYAML's ``problem`` or ``context`` as a :class:`Message` (see :data:`YAML_WORDS`)."""
    return worded(YAML_WORDS, text)


MAX_ALIASES = 200
MAX_NODES = 500_000
#: Values that aliases may add beyond one per character of the document (a
#: 400-byte alias chain stops after ~10,000 values, in milliseconds).
NODES_SLACK = 10_000
MAX_DEPTH = 200

KeyPath = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)([eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def format_path(path: KeyPath) -> str:
    """Render a key path as ``sections[0].criteria[2].weight``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Doc:
    """A parsed YAML document with the position of every value."""

    data: Any
    file: str
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: the source text of every plain (unquoted) scalar, so that a fact declared
    #: as a string keeps exactly what was written
    raw: dict[KeyPath, str] = field(default_factory=dict)
    #: where each mapping key is written (for "unknown key" messages)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def key_loc(self, path: KeyPath | tuple[Any, ...]) -> Location:
        """Location of the key (not the value) at ``path``."""
        p = tuple(path)
        if p in self.key_positions:
            line, col = self.key_positions[p]
            return Location(self.file, line=line, column=col, key_path=format_path(p) or None)
        return self.loc(p)

    def loc(self, path: KeyPath | list[Any] | tuple[Any, ...]) -> Location:
        """Location of the value at ``path``, or of its nearest located ancestor."""
        p: tuple[Any, ...] = tuple(path)
        key_path = format_path(p) or None
        while True:
            if p in self.positions:
                line, col = self.positions[p]
                return Location(self.file, line=line, column=col, key_path=key_path)
            if not p:
                return Location(self.file, key_path=key_path)
            p = p[:-1]


class _Bounds:
    """A composer that refuses too many aliases and too deep a nesting (mixed into loaders)."""

    alias_count = 0
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[attr-defined]
                raise _TooComplex(Message("nesting deeper than {max}", max=MAX_DEPTH),
                                  event.start_mark.line + 1, event.start_mark.column + 1,
                                  NESTING_HINT)
            return self._compose_node(parent, index)
        finally:
            self.depth -= 1

    def _compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[attr-defined]
                raise _TooComplex(
                    Message("more than {max} aliases", max=Count(MAX_ALIASES)),
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                )
        return super().compose_node(parent, index)  # type: ignore[misc]


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's pure-Python reader, scanner and parser, with the bounded composer."""


def _fast_loader_class() -> Any:
    """libyaml's parser (C) feeding the same bounded composer, when libyaml is there.

    Scanning and parsing are most of PyYAML's time; libyaml does them about
    five times faster and is not recursive.  The composer and everything after
    it stay in Python, so nodes, positions and limits are the same.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class _FastLoader(_Bounds, Composer, CParser, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

    return _FastLoader


_FAST_LOADER = _fast_loader_class()
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _fast_node(text: str) -> Any:
    """The node tree by libyaml, or ``_SLOW`` when the pure-Python loader must decide.

    Any text libyaml refuses, or that holds a character PyYAML's reader refuses,
    goes through the pure-Python loader, so that every diagnostic (and every
    oddity PyYAML accepts, such as a BOM in mid-file) stays exactly as before.
    """
    if _FAST_LOADER is None or _NON_PRINTABLE.search(text):
        return _SLOW
    try:
        loader = _FAST_LOADER(text)
    except Exception:  # anything unusual: the careful path decides
        return _SLOW
    try:
        return loader.get_single_node()
    except Exception:  # (RecursionError included)
        return _SLOW
    finally:
        loader.dispose()


_SLOW = object()

# ---------------------------------------------------------------- flat mappings
# A dossier written by `isgrid intake` or by hand is most often a flat mapping of
# one-line values (``amount_requested: 25000``, ``title: "Épicerie"``).  Composing
# PyYAML's node tree for each of a national call's 20,000 files was two thirds of
# loading them.  _flat_doc reads exactly that subset line by line and gives the
# same Doc (data, positions, raw texts, key positions) as the composed path; any
# line outside the subset (nesting, lists, comments after a value, escapes,
# anchors, an empty value, a repeated key...) hands the whole text back to the
# composed path, which alone reports problems.  tests/io/test_yaml_flat.py
# checks the two paths equal on every document the subset takes.

#: ``key: value`` with a plain key; the value's column is where it starts.
_FLAT_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*):( +)(.+)")
#: Characters a plain scalar may not start with (YAML's indicators, and a space).
_FLAT_NOT_FIRST = frozenset(" ?:,[]{}#&*!|>'\"%@`")


def _flat_value(value: str) -> tuple[bool, str] | None:
    """``(plain, text)`` of a one-line value the flat reader takes, else None.

    Plain: a scalar in block context that needs no YAML rule beyond the core schema: it
    does not start with an indicator (a '-' only before a non-space), holds no ': ' and
    no ' #', and does not end with ':' or a space.  Quoted: '...' without '' inside,
    or "..." without an escape (a backslash anywhere sends the text to the composed path).
    """
    first, last = value[0], value[-1]
    if first == '"' or first == "'":
        inner = value[1:-1]
        if len(value) < 2 or last != first or first in inner:
            return None
        return False, inner
    if first in _FLAT_NOT_FIRST or (first == "-" and (len(value) == 1 or value[1] == " ")) \
            or last == ":" or last == " " or ": " in value or " #" in value:
        return None
    return True, value


#: Characters that make the composed path necessary: line breaks other than \n
#: (PyYAML counts them as lines), tabs, a BOM, escapes; and every character YAML
#: does not allow (PyYAML's NON_PRINTABLE), in one scan.  Written as the characters
#: refused (the other controls, the backslash, DEL and C1, U+2028 and U+2029, the
#: surrogates, U+FEFF, U+FFFE, U+FFFF), not as the negation of those allowed: the same
#: set, compiled in 1 ms instead of 9 at every start.
_FLAT_REFUSED = re.compile(
    r"[\x00-\x09\x0b-\x1f\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _flat_doc(text: str, file: str) -> Doc | None:
    """The Doc of a flat mapping of one-line values, or None (see above)."""
    if _FLAT_REFUSED.search(text):
        return None
    data: dict[str, Any] = {}
    positions: dict[KeyPath, tuple[int, int]] = {}
    raw: dict[KeyPath, str] = {}
    keys: dict[KeyPath, tuple[int, int]] = {}
    match = _FLAT_LINE.fullmatch
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip(" ") or line[0] == "#":
            continue  # a blank line (YAML's blanks are spaces: U+00A0 is text), a comment
        m = match(line)
        if m is None:
            return None
        key, spaces, value = m.groups()
        if len(key) > 1024:
            return None  # YAML's longest simple key: the composed path says so
        read = _flat_value(value)
        if read is None or key in data:
            return None
        path = (key,)
        if read[0]:
            data[key] = _plain(value)
            raw[path] = value
        else:
            data[key] = read[1]
        if not positions:
            positions[()] = (number, 1)
        positions[path] = (number, len(key) + len(spaces) + 2)
        keys[path] = (number, 1)
    if not data:
        return None  # nothing but blanks and comments: the composed path says what it is
    return Doc(data, file, positions, raw, keys)


#: The hint of a document nested too deeply (``yaml-too-complex``'s own hint speaks of
#: anchors and aliases, the other budget: a file of 300 ``[`` has neither).
NESTING_HINT = Message("Write the lists and mappings flatter: at most {max} levels of "
                       "indentation or brackets.", max=MAX_DEPTH)


class _TooComplex(Exception):
    def __init__(self, message: Message, line: int, column: int,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style not in (None, ""):
        return node.value  # quoted or block scalar: always a string
    return _plain(node.value)


#: The first characters of every plain scalar the core schema reads as other than text.
_NOT_TEXT_FIRST = frozenset("0123456789+-.~nNtTfF")


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar as YAML 1.2's core schema reads it (see the module)."""
    if value and value[0] not in _NOT_TEXT_FIRST:
        return value  # a title, a name: no null, boolean or number starts this way
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _LEADING_ZERO.match(value):
        return value  # 01000 is a postcode, not the number 1000
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        number = float(value)
        return number if math.isfinite(number) else value  # 1e999 is not a number we use
    return value


def mapping_key(node: yaml.ScalarNode) -> str:
    """A mapping key as isgrid reads it: always a string (``1:`` is the key "1")."""
    key = _scalar(node)
    return key if isinstance(key, str) else str(node.value)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Builder:
    def __init__(self, file: str, diags: Collector, max_nodes: int = MAX_NODES) -> None:
        self.file = file
        self.diags = diags
        self.max_nodes = max_nodes
        self.nodes = 0
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.raw: dict[KeyPath, str] = {}
        self.key_positions: dict[KeyPath, tuple[int, int]] = {}
        self.stack: set[int] = set()

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _TooComplex(
                Message("more than {max} values (an alias bomb?)", max=Count(self.max_nodes)),
                node.start_mark.line + 1, node.start_mark.column + 1,
            )
        if len(path) > MAX_DEPTH:
            raise _TooComplex(
                Message("nesting deeper than {max}", max=MAX_DEPTH),
                node.start_mark.line + 1, node.start_mark.column + 1, NESTING_HINT,
            )
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.value.isascii() and _has_surrogate(node.value):
                # "\ud800" in a double-quoted scalar: no file can hold it, no output either
                self.diags.add("encoding-invalid", Message("the text holds a lone surrogate (an "
                                                           "escape such as \\ud800 that is no "
                                                           "character)"),
                               Location(self.file, node.start_mark.line + 1,
                                        node.start_mark.column + 1,
                                        key_path=format_path(path) or None),
                               hint="Remove the \\u escape, or write the character itself.")
                node.value = node.value.encode("utf-8", "replace").decode("utf-8")
            if node.style in (None, ""):
                self.raw[path] = node.value
            return _scalar(node)
        if id(node) in self.stack:
            raise _TooComplex(
                Message("a recursive alias"), node.start_mark.line + 1, node.start_mark.column + 1
            )
        self.stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                bare = _bare_number(node) if node.flow_style else None
                if bare is not None:  # {30,000}: the number meant, said once as {cap: 30,000}
                    return self._decimal_comma(path, bare[0], bare[1:])
                out: dict[Any, Any] = {}
                split = _decimal_commas(node) if node.flow_style else set()
                groups: set[int] = set()  # 1,000,000: the groups after the first
                for i, (key_node, value_node) in enumerate(node.value):
                    if i in split or i in groups:
                        continue  # the decimals of the number before it (said there)
                    if not isinstance(key_node, yaml.ScalarNode):
                        self.diags.add(
                            "schema-invalid",
                            Message("a mapping key must be a plain value"),
                            Location(
                                self.file, key_node.start_mark.line + 1,
                                key_node.start_mark.column + 1,
                            ),
                        )
                        continue
                    key = mapping_key(key_node)
                    if key in out:
                        self.diags.add(
                            "yaml-duplicate-key",
                            Message("the key {key} appears twice", key=Quoted([str(key)])),
                            Location(
                                self.file, key_node.start_mark.line + 1,
                                key_node.start_mark.column + 1, key_path=format_path((*path, key)),
                            ),
                            hint=duplicate_hint(key, self.key_positions.get((*path, key)),
                                                 value_node),
                        )
                        continue
                    self.key_positions[(*path, key)] = (key_node.start_mark.line + 1,
                                                        key_node.start_mark.column + 1)
                    out[key] = self.build(value_node, (*path, key))
                    if i + 1 in split:
                        digits = _digit_groups(node.value, i + 1)
                        groups.update(range(i + 2, i + 1 + len(digits)))
                        out[key] = self._decimal_comma((*path, key), value_node, digits)
                return out
        finally:
            self.stack.discard(id(node))
        raise AssertionError("unknown node")  # pragma: no cover


    def _decimal_comma(self, path: KeyPath, number: yaml.ScalarNode,
                       digits: list[yaml.ScalarNode]) -> float:
        """``{rate: 0,5}``: YAML read the number 0, then a key 5 (inside ``{…}`` a comma
        separates keys).  Said once, at the number, with what to write, decided from the
        digits (``digits``: the keys after the number, :func:`_digit_groups`): one group of
        three after a whole number is thousands or decimals (30,000: 30000 or 30), several
        are thousands (1,000,000), any other is decimals (30,5: 30.5).  Never « 30.000 »:
        YAML reads thirty, a French reader thirty thousand.  The value is the number meant
        (the command stops at the error: no second one about a rate of 0 and a key 5)."""
        whole, frac = number.value, digits[0].value
        text = ",".join([whole, *(d.value for d in digits)])
        thousands = whole + "".join(d.value for d in digits)
        decimal = f"{whole}.{frac.rstrip('0')}" if frac.rstrip("0") else whole
        if len(digits) > 1:  # 1,000,000
            meant = thousands
            message = Message("{text}: inside {braces} the comma separates keys: write "
                              "{number}", text=text, braces="`{…}`", number=thousands)
        elif len(frac) == 3 and whole.lstrip("+-") != "0":  # 30,000: thousands or decimals?
            meant = f"{whole}.{frac}"
            message = Message("{text}: inside {braces} the comma separates keys: write "
                              "{thousands} if the comma separates thousands, or {decimal} if "
                              "it is a decimal comma", text=text, braces="`{…}`",
                              thousands=thousands, decimal=decimal)
        else:
            meant = f"{whole}.{frac}"
            message = Message("{text}: inside {braces} the comma separates keys: write "
                              "{number}", text=text, braces="`{…}`", number=decimal)
        self.diags.add("yaml-decimal-comma", message,
                       Location(self.file, number.start_mark.line + 1,
                                number.start_mark.column + 1, key_path=format_path(path)))
        self.raw.pop(path, None)  # the text read was only « 0 »
        return float(meant)


def parse_yaml(text: str, file: str, diags: Collector) -> Doc | None:
    """Parse one YAML document; record problems in ``diags`` and return None on failure."""
    if "\t" in text:
        # YAML forbids tabs for indentation; PyYAML's message is cryptic, so say it plainly.
        for i, line in enumerate(text.split("\n"), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                diags.add(
                    "yaml-syntax",
                    Message("a tab is used for indentation"),
                    Location(file, line=i, column=len(line) - len(stripped) + 1),
                    hint="YAML indentation must use spaces: replace the tabs by spaces.",
                )
                return None
    # the CPU budget: a document without aliases has fewer values than characters;
    # aliases may add NODES_SLACK more, never a "billion laughs"
    budget = min(MAX_NODES, NODES_SLACK + len(text))
    flat = _flat_doc(text, file)
    if flat is not None:
        return flat
    fast = _fast_node(text)
    if fast is not _SLOW:
        return _document(fast, file, diags, budget)
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        at_line = text[: exc.position].count("\n") + 1
        diags.add("yaml-syntax", Message("the file holds a control character ({character})",
                                         character=Quote(exc.character)),
                  Location(file, line=at_line),
                  hint="Remove the invisible character (often pasted from a word processor).")
        return None
    try:
        node = loader.get_single_node()
    except _TooComplex as exc:
        diags.add("yaml-too-complex", exc.message, Location(file, exc.line, exc.column),
                  hint=exc.hint)
        return None
    except RecursionError:
        diags.add("yaml-too-complex", Message("the document is nested too deeply"), Location(file),
                  hint=NESTING_HINT)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # PyYAML's words (« mapping values are not allowed here »), in French when known
        words = yaml_words(exc.problem) if exc.problem else Message("syntax error")
        problem = Message("{problem} ({context})", problem=words,
                          context=yaml_words(exc.context)) if exc.context else words
        diags.add(
            "yaml-syntax",
            problem,
            Location(file, mark.line + 1, mark.column + 1) if mark else Location(file),
            hint=syntax_hint(text, exc),
        )
        return None
    except yaml.YAMLError as exc:
        diags.add("yaml-syntax", Message("{problem}", problem=exc), Location(file))
        return None
    finally:
        loader.dispose()
    return _document(node, file, diags, budget)


def _document(node: Any, file: str, diags: Collector, max_nodes: int = MAX_NODES) -> Doc | None:
    """Plain data with positions, built from the composed node tree."""
    if node is None:
        return Doc(None, file)
    builder = _Builder(file, diags, max_nodes)
    try:
        data = builder.build(node, ())
    except _TooComplex as exc:
        diags.add("yaml-too-complex", exc.message, Location(file, exc.line, exc.column),
                  hint=exc.hint)
        return None
    return Doc(data, file, builder.positions, builder.raw, builder.key_positions)


def load_yaml(
    path: Path, diags: Collector, *, max_bytes: int | None = None, mapping: bool = True,
    hashes: dict[str, str] | None = None,
) -> Doc | None:
    """Read and parse a YAML file.  With ``mapping``, the top must be a mapping."""
    from . import text as _text

    text = read_text(path, diags,
                     max_bytes=_text.MAX_YAML_BYTES if max_bytes is None else max_bytes,
                     hashes=hashes)
    if text is None:
        return None
    doc = parse_yaml(text, str(path), diags)
    if doc is None:
        return None
    if mapping and not isinstance(doc.data, dict):
        diags.add(
            "yaml-not-mapping",
            Message("the file is empty") if doc.data is None else Message(
                "the file's top level is not a mapping"),
            Location(str(path), line=1, column=1),
        )
        return None
    return doc

