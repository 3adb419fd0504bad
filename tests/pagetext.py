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
