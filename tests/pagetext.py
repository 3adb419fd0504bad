"""The text a reader sees in a document the tests render: an HTML page without its style
sheet and tags, a DOCX's paragraphs and table cells."""

from __future__ import annotations

import html
import io
import re


def visible(page: bytes) -> str:
    """The text a reader sees in an HTML page (no style sheet, no tags)."""
    text = re.sub(r"<style.*?</style>", "", page.decode("utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def docx_text(data: bytes) -> str:
    """A DOCX's paragraphs, then its tables' cells, one per line."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def unescaped(page: bytes) -> str:
    """An HTML page, tags kept, its entities read and its no-break spaces (narrow or not)
    plain, as a test compares French numbers and punctuation."""
    return html.unescape(page.decode("utf-8")).replace("\u202f", " ").replace("\xa0", " ")


def words(page: bytes) -> str:
    """An HTML page's words on one line: its entities read, then each tag a space, each
    run of white space (no-break spaces too) one plain space."""
    plain = re.sub(r"<[^>]+>", " ", html.unescape(page.decode("utf-8")))
    return " ".join(plain.replace("\u202f", " ").replace("\xa0", " ").split())
