"""PDF from the report's HTML, with WeasyPrint (imported lazily).

WeasyPrint lays out the same self-contained HTML as the screen version, with
its print CSS (A4, page numbers, a page break per dossier).  Its creation and
modification dates are pinned to ``SOURCE_DATE_EPOCH`` (seconds since 1970,
UTC) or, without it, to :data:`DEFAULT_EPOCH`, so that the same inputs give the
same bytes.  No URL is fetched: a fetcher that refuses everything is passed.

WeasyPrint keeps the layout of every page of a document until it writes it
(about 10 MB a fiche: 3.3 GB for 300 fiches), so a long document is laid out
in parts (:func:`html_parts_to_pdf`) joined with pypdf; the page numbers
« n / total » are then drawn once for the whole document.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from ..errors import Diagnostic, IsgridError, Location
from ..messages import Message

#: 2000-01-01T00:00:00Z, the date PDFs carry when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 946684800


class PdfError(IsgridError):
    """The PDF cannot be produced (WeasyPrint or its system libraries missing)."""


_LONG_RUN = re.compile(r"\S{30,}")
_KEEP = frozenset({"chart_svg", "sha256"})


def soften(data: Any, key: str = "") -> Any:
    """Add zero-width spaces inside runs of 30+ non-space characters of the context.

    WeasyPrint lays out table cells with ``overflow-wrap: anywhere`` in time
    that grows fast with the length of an unbreakable word (a 2,000-character
    hostile title took minutes); break opportunities every 20 characters keep
    it linear.  Markup built by isgrid (charts) and hashes are left alone.
    """
    if isinstance(data, str):
        if key in _KEEP:
            return data
        return _LONG_RUN.sub(
            lambda mt: "\u200b".join(mt.group(0)[i:i + 20]
                                      for i in range(0, len(mt.group(0)), 20)), data)
    if isinstance(data, dict):
        return {k: soften(v, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [soften(v, key) for v in data]
    return data


def pinned_epoch() -> int:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return int(raw) if raw else DEFAULT_EPOCH
    except ValueError:
        return DEFAULT_EPOCH


def pinned_date() -> str:
    return datetime.fromtimestamp(pinned_epoch(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"isgrid reports load no external resource ({url[:60]})")


def html_to_pdf(html: str, *, tags: bool = True) -> bytes:
    """Lay out ``html`` as a PDF with pinned dates, tagged unless ``tags`` is false (the page
    numbers laid over a joined document's pages)."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the machine
        raise PdfError("cannot produce the PDF", [Diagnostic(
            "pdf-unavailable", Message(
                "cannot produce the PDF: WeasyPrint is not usable here ({error})", error=exc),
            Location(), hint=Message(
                "HTML and Word documents are written without it: --format html (then print "
                "the page to PDF from the browser) or --format docx. For PDF, WeasyPrint needs "
                "the Pango and GTK libraries, which pip does not install: on Windows, install "
                "the GTK runtime as WeasyPrint's installation page says "
                "(doc.courtbouillon.org/weasyprint, page \"First steps\", Windows); on Linux, the "
                "system's pango package."))]) from exc
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).render()
    when = pinned_date()
    doc.metadata.created = when
    doc.metadata.modified = when
    # The fonts embedded in the PDF are subset by fontTools, which stamps each subset's
    # `head.modified` with the clock unless SOURCE_DATE_EPOCH is set (fontTools 4.6x):
    # pinned here, for the time of the write only, so that reruns give the same bytes.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(pinned_epoch())
    try:
        # tagged (WeasyPrint's structure tree: headings, lists, tables with their header
        # cells, reading order; with /MarkInfo and /DisplayDocTitle): a screen reader
        # reads the document, not a flat stream of numbers (RGAA 13.3, PDF/UA)
        data = doc.write_pdf(pdf_tags=tags)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert isinstance(data, bytes)
    return data


#: Added to every part of a document laid out in parts: no page number in the parts
#: (each would count its own pages; they are drawn afterwards for the whole document);
#: the head of the parts after the first (``<header class="doc-head continued">``)
#: takes no room and is not seen, nor is it in the outline, but still sets the running
#: strings (the call, the level).
_PART_CSS = ("<style>@page { @bottom-right { content: none; } } "
                "@page wide { @bottom-right { content: none; } } "
                ".doc-head.continued { height: 0; margin: 0; padding: 0; border: 0; "
                "overflow: hidden; visibility: hidden; } "
                ".doc-head.continued h1 { bookmark-level: none; }</style>")
#: The page of numbers is laid over a page of the document: it must paint nothing else.
_STAMP_ONLY = ("<style>html, body { background: none !important; } "
               "body > div { break-after: page; } body > div:last-child "
               "{ break-after: auto; }</style>")
_HEAD = re.compile(r"<head[^>]*>(.*?)</head>", re.DOTALL | re.IGNORECASE)


def _as_part(html: str) -> str:
    at = html.lower().find("</head>")
    return html[:at] + _PART_CSS + html[at:] if at >= 0 else _PART_CSS + html


def _numbers_html(html: str, pages: int) -> str:
    """``pages`` empty pages with the page rules of ``html`` (its ``<head>``): only the
    margin boxes that count pages have something to show (the running strings are set
    by the document's elements, and there are none)."""
    found = _HEAD.search(html)
    head = found.group(1) if found else ""
    return ("<!DOCTYPE html><html><head>" + head + _STAMP_ONLY + "</head><body>"
            + "<div></div>" * pages + "</body></html>")


def html_parts_to_pdf(parts: Iterable[str]) -> bytes:
    """One PDF of the documents ``parts`` laid out one after the other, in bounded memory.

    Each part is laid out and written on its own (:func:`html_to_pdf`) without its page
    numbers, and its layout freed (a layout is full of reference cycles, and callers
    pause the cyclic collector) before the next; then the parts are joined with pypdf:
    the first part's metadata, language and outline, the later parts' outline entries
    under the first part's title, every named destination (``#fiche-ID``).  The numbers
    « n / total » of the page rules (``@bottom-right``) are laid over each page from one
    document of empty pages with the same rules.  Each part must start on a new page (a
    fiche does) and set the running strings of its pages itself (a continued document's
    hidden head).  Pinned dates, no file identifier: the same parts give the same bytes.
    """
    from pypdf import PdfReader, PdfWriter

    first = ""
    pdfs: list[bytes] = []
    for html in parts:
        if not pdfs:
            first = html
        pdfs.append(html_to_pdf(_as_part(html)))
        gc.collect()
    if not pdfs:
        raise PdfError(Message("no document to lay out"))
    readers = [PdfReader(BytesIO(data)) for data in pdfs]
    total = sum(len(r.pages) for r in readers)
    numbers = PdfReader(BytesIO(html_to_pdf(_numbers_html(first, total), tags=False)))
    gc.collect()
    writer = PdfWriter(clone_from=readers[0])
    if "/Outlines" in writer.root_object:  # rebuilt below, with the later parts' entries
        del writer.root_object["/Outlines"]
    top = _outline(writer, readers[0], readers[0].outline, 0, None)
    offset = len(readers[0].pages)
    for reader in readers[1:]:
        writer.append(reader, import_outline=False)
        _outline(writer, reader, reader.outline, offset, top)
        _join_tags(writer, reader, writer.pages[offset:offset + len(reader.pages)])
        offset += len(reader.pages)
    for page, stamp in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _join_tags(writer: Any, reader: Any, pages: Sequence[Any]) -> None:
    """A later part's structure tree joined to the first part's: its elements after the
    first part's, under the first part's Document element, and its pages' and links' keys
    into the parent tree moved past the first part's (each page's marked content is then
    found from the right elements). A part without a structure tree: its pages' keys
    dropped (untagged pages rather than pages read as another part's)."""
    from pypdf.generic import NameObject, NumberObject

    mine = writer.root_object.get("/StructTreeRoot")
    theirs = reader.trailer["/Root"].get("/StructTreeRoot")
    holders = [pages, [a.get_object() for page in pages for a in page.get("/Annots", [])]]
    if mine is None or theirs is None:
        for page in holders[0]:
            page.pop("/StructParents", None)
        for annot in holders[1]:
            annot.pop("/StructParent", None)
        return
    mine, theirs = mine.get_object(), theirs.get_object()
    nums = mine["/ParentTree"].get_object()["/Nums"]
    shift = max((int(k) for k in nums[0::2]), default=-1) + 1
    doc_ref = mine["/K"][0]
    their_doc = theirs["/K"][0]
    # their Document element is ours: the clones' parents point to it
    writer._id_translated.setdefault(id(reader), {"PreventGC": reader})[
        their_doc.idnum] = doc_ref.idnum
    kids = doc_ref.get_object()["/K"]
    for kid in their_doc.get_object()["/K"]:
        kids.append(kid.clone(writer))
    their_nums = theirs["/ParentTree"].get_object()["/Nums"]
    for key, value in zip(their_nums[0::2], their_nums[1::2], strict=True):
        nums.append(NumberObject(int(key) + shift))
        nums.append(value.clone(writer))
    # pypdf leaves the pages' keys out when it appends them: taken from the part's pages
    for page, theirs_page in zip(holders[0], reader.pages, strict=True):
        if "/StructParents" in theirs_page:
            page[NameObject("/StructParents")] = NumberObject(
                int(theirs_page["/StructParents"]) + shift)
    for annot in holders[1]:
        if "/StructParent" in annot:
            annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + shift)


def _outline(writer: Any, reader: Any, items: list[Any], offset: int, parent: Any) -> Any:
    """Copy a part's outline entries (nested lists: an entry's children follow it) under
    ``parent``, their pages moved by ``offset``; return the first entry added."""
    from pypdf.generic import Fit

    first = last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _outline(writer, reader, item, offset, last)
            continue
        page = reader.get_destination_page_number(item)
        if page is None:
            continue
        fit = (Fit.xyz(item.left, item.top, item.zoom) if item.typ == "/XYZ"
               else Fit.fit())
        last = writer.add_outline_item(title=item.title, page_number=page + offset,
                                      parent=parent, fit=fit)
        first = first if first is not None else last
    return first
