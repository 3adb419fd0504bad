"""The one escaping of text put into a Markdown document.

Every Markdown document (committee report, letters, fiches, the comparison of grids,
the self-assessment result) is read twice: as plain text, in a terminal or an editor
(the commands' default output), and rendered by a Markdown renderer.  So a value is
escaped where Markdown would act on it, and nowhere else: grid and dossier text never
becomes markup (a ``<script>`` stays inert, a ``*`` stays a star, a ``|`` stays in its
table cell), and ordinary words and punctuation stay as written (« R&D », ``snake_case``,
parentheses, dashes, « < 10 000 € »), where an ``&amp;`` or a ``\\(`` would be read raw.

- :func:`md_inline`: a value inside a line (a list item, a table cell, after a label);
- :func:`md_escape`: a value that may start a line (what the report templates use
  everywhere): :func:`md_inline`, and a heading, list, quote, rule or fence marker at
  its start escaped, its leading spaces dropped (four would make a code block);
- :func:`md_heading`: a value that ends a heading (``## {{ title | md_heading }}``, the
  templates' ``md_heading`` filter): :func:`md_inline`, and the ``#``s at its end
  escaped, which renderers take for the heading's closing sequence and drop (« Atelier
  C# » became « Atelier C »).
"""

from __future__ import annotations

import re
from typing import Any

#: Backslash, backtick (code), star (emphasis), brackets (links, images), pipe (table cells).
_SPECIAL = re.compile(r"([\\`*\[\]|])")
#: An ``&`` that would read as an entity (``&amp;``, ``&#38;``): « R&D » is no entity.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: A ``<`` that could open raw HTML (a tag, ``</``, ``<!--``, ``<?``) or an autolink
#: (``<http:…>``): « < 10 000 € » opens nothing.
_OPENS_HTML = re.compile(r"<(?=[A-Za-z/!?])")
#: What acts at the start of a line: a heading ``#``, a list ``-``/``+`` or ``1.``/``1)``,
#: a quote ``>``, a run of three ``-``, ``=`` or ``~`` (a rule, a setext underline, a
#: fence: the other markers are escaped by :func:`md_inline` already), ``!`` kept escaped
#: as it always was.
_LEADING = re.compile(r"^(#+(?=\s|$)|[+\-!](?=\s|$)|>|([-=~])\2{2,}|\d+[.)](?=\s|$))")


def md_inline(text: Any) -> str:
    """``text`` as Markdown inside a line.

    Escapes what Markdown would interpret there and nothing else: backslash,
    backtick, ``*``, brackets, ``|``, ``~~`` (strike-through), an ``_`` that is not
    between two letters or digits (inside a word it cannot start emphasis), an ``<``
    that could open HTML or an autolink (as ``&lt;``, which every renderer shows as
    ``<``), and an ``&`` that would read as an entity.  Line breaks become spaces: a
    value stays on its line.
    """
    s = "" if text is None else str(text)
    s = s.replace("\r", " ").replace("\n", " ")
    s = _ENTITY.sub("&amp;", s)
    s = _SPECIAL.sub(r"\\\1", s)
    s = _OPENS_HTML.sub("&lt;", s)
    s = s.replace("~~", "\\~\\~")
    out = []
    for i, ch in enumerate(s):
        if ch == "_" and not (0 < i < len(s) - 1 and s[i - 1].isalnum()
                              and s[i + 1].isalnum()):
            out.append("\\_")
        else:
            out.append(ch)
    return "".join(out)


#: The ``#``s at the end of a heading's text (its trailing spaces dropped): CommonMark drops
#: them as the heading's closing sequence after a space (« Projet # »), Python-Markdown
#: even right after a letter (« C# »).
_CLOSING = re.compile(r"#+$")


def md_heading(text: Any) -> str:
    """``text`` as the end of a Markdown heading: :func:`md_inline`, and each ``#`` at its
    end escaped (``Atelier C#`` -> ``Atelier C\\#``, ``Projet ##`` -> ``Projet \\#\\#``),
    that no renderer takes them for the heading's closing sequence; trailing spaces
    dropped.  A ``#`` anywhere else (« Projet #3 », « C# pour tous ») stays as written."""
    s = md_inline(text).rstrip(" \t")
    return _CLOSING.sub(lambda m: "\\#" * len(m.group(0)), s, count=1)


def md_escape(text: Any) -> str:
    """``text`` as Markdown that may start a line: :func:`md_inline`, leading spaces
    dropped, and a heading, list, quote or rule marker escaped where it would act
    (``1. Appel`` -> ``1\\. Appel``, ``- Appel`` -> ``\\- Appel``)."""
    s = md_inline(text).lstrip(" \t\u00a0\u202f")

    def lead(m: re.Match[str]) -> str:
        mark = m.group(1)
        if mark[-1] in ".)":
            return mark[:-1] + "\\" + mark[-1]
        return "\\" + mark

    return _LEADING.sub(lead, s, count=1)


def md_lines(text: Any) -> str:
    """``text`` of several lines inside one Markdown line (a table cell, where a row is one
    line), its lines kept: each as :func:`md_escape` writes it, joined by ``<br>``.  A
    juror's bullet list quoted in a letter stays one point a line (« - ancrage<br>\\- budget »),
    where :func:`md_inline` joined it into one line."""
    lines = ("" if text is None else str(text)).splitlines()
    return "<br>".join(md_escape(line) for line in lines)
