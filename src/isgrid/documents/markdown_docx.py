"""A Markdown document isgrid wrote, as an editable Word document.

For a document whose Markdown is its one full text (the comparison of grids:
``compare --format docx``): its headings, paragraphs, lists, quotes and tables become
Word's, through the Word writers every document uses (:mod:`.wordprocessing`: A4, the
document's language, « Page N sur M »; :mod:`.docxcommon`: the same bytes on every run,
French typography in every text), so that nothing is laid out twice.  Only the Markdown
isgrid's templates write is read: ``#`` headings, ``- `` lists (two spaces: one level
down), ``> `` quotes, ``| … |`` tables after a header row and a ``|---|`` row, ``**bold**``
and ``*italic*``, and the one escaping of :mod:`.markdown` (a backslash before a
character, ``&amp;`` and ``&lt;``), undone.
"""

from __future__ import annotations

import io
import re
from typing import Any

#: Tables with more columns than this are set in the compact style (8 pt).
WIDE_TABLE = 5

_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_RULE_ROW = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")


def _cells(line: str) -> list[str]:
    """A table row's cells: split on the pipes no backslash escapes."""
    cells, cur, i = [], [], 0
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur.append(body[i:i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    if "".join(cur).strip():
        cells.append("".join(cur).strip())
    return cells


def spans(text: str) -> list[tuple[str, bool, bool]]:
    """``text``'s runs as (text, bold, italic), its escaping undone: ``**`` turns bold on
    and off, a lone ``*`` italic; a backslash keeps the next character as it is."""
    out: list[tuple[str, bool, bool]] = []
    bold = italic = False
    cur: list[str] = []

    def flush() -> None:
        if cur:
            out.append(("".join(cur).replace("&lt;", "<").replace("&amp;", "&"), bold,
                        italic))
            cur.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i + 1])
            i += 2
        elif text.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif ch == "*":
            flush()
            italic = not italic
            i += 1
        else:
            cur.append(ch)
            i += 1
    flush()
    return out


def plain(text: str) -> str:
    """``text`` without its markup: a table cell's words."""
    return "".join(s for s, _, _ in spans(text))


def markdown_docx(markdown: str, *, lang: str, title: str, header: str) -> bytes:
    """``markdown`` (as isgrid's templates write it) as DOCX bytes: ``title`` the file's
    title, ``header`` the running header of every page."""
    from ..i18n import translator
    from .docxcommon import docx_text, pinned_datetime, pinned_document, rezip
    from .wordprocessing import (
        close_document,
        compact_style,
        docx_language,
        fitted_table,
        keep_rows_whole,
        setup_document,
    )

    try:
        import docx
    except ImportError as exc:  # pragma: no cover - depends on the install
        from ..errors import UsageError

        raise UsageError(f"python-docx is not installed ({exc}); pip install python-docx") \
            from exc
    when = pinned_datetime()
    doc = pinned_document(docx, when)
    props = doc.core_properties
    props.title = docx_text(title, lang)
    props.language = docx_language(lang)
    setup_document(doc, lang=lang, header=docx_text(header, lang),
                   page_text=translator("decisions", lang)("docx.page", page="{page}",
                                                          pages="{pages}"))
    compact = compact_style(doc, lang)

    def runs(par: Any, text: str) -> None:
        for s, bold, italic in spans(text):
            run = par.add_run(docx_text(s, lang))
            run.bold = bold or None
            run.italic = italic or None

    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            h = doc.add_heading("", 0 if level == 1 else level - 1)
            runs(h, heading.group(2))
        elif line.startswith("|") and i + 1 < len(lines) and _RULE_ROW.match(lines[i + 1]):
            headers = [plain(c) for c in _cells(line)]
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                row = [plain(c) for c in _cells(lines[i])]
                rows.append((row + [""] * len(headers))[:len(headers)])
                i += 1
            tb = fitted_table(doc, [docx_text(h, lang) for h in headers],
                              [[docx_text(c, lang) for c in r] for r in rows],
                              style=compact if len(headers) > WIDE_TABLE else None)
            keep_rows_whole(tb)
            continue
        elif line.startswith(("- ", "  - ")):
            nested = line.startswith("  ")
            par = doc.add_paragraph(style="List Bullet 2" if nested else "List Bullet")
            runs(par, line.strip()[2:])
        elif line.startswith("> "):
            runs(doc.add_paragraph(style="Quote"), line[2:])
        else:
            runs(doc.add_paragraph(), line.strip())
        i += 1
    close_document(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(buf.getvalue(), when)
