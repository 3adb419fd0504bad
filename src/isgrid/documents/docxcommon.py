"""What every Word document isgrid writes shares (minutes, CP annex, committee report,
letters): a python-docx document with no clock or user in it, its zip rewritten with every
entry dated alike (the same bytes on every run), and its texts as it prints them."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from ..io.bidi import bidi_isolated
from ..io.text import without_controls
from .typography import printed


def pinned_datetime() -> datetime:
    from .pdf import pinned_date

    return datetime.strptime(pinned_date(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def pinned_document(docx: Any, when: datetime) -> Any:
    """A new python-docx document whose properties carry no clock or user: the same
    bytes on every run (dates pinned like the PDFs', see :func:`pinned_datetime`)."""
    doc = docx.Document()
    props = doc.core_properties
    props.author = "isgrid"
    props.last_modified_by = "isgrid"
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    return doc


def rezip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip with every entry dated ``when`` (:func:`.docxzip.deterministic_zip`)."""
    from .docxzip import deterministic_zip

    src = zipfile.ZipFile(io.BytesIO(data))
    return deterministic_zip(((info.filename, src.read(info.filename))
                              for info in src.infolist()), when)


def docx_text(x: Any, lang: str) -> Any:
    """The texts of a Word document's context as it prints them, everywhere in it: the
    characters XML (hence Word) cannot hold dropped, a text's bidirectional controls
    isolated (:func:`~isgrid.io.bidi.bidi_isolated`, the HTML and Markdown documents' one
    rule: an applicant's title ending in U+202E cannot reorder the line after it), and in
    French, French typography's spaces (:func:`.typography.printed`: a grid's label, a
    dossier's title, as the HTML and the PDF print them).  Every Word document (minutes,
    CP annex, committee report, letters) writes its context through it."""
    if isinstance(x, str):
        return printed(bidi_isolated(without_controls(x)), lang)
    if isinstance(x, dict):
        return {k: docx_text(v, lang) for k, v in x.items()}
    if isinstance(x, list):
        return [docx_text(v, lang) for v in x]
    return x
