"""PDF from the report's HTML, with WeasyPrint (imported lazily).

WeasyPrint lays out the same self-contained HTML as the screen version, with
its print CSS (A4, page numbers, a page break per dossier).  Its creation and
modification dates are pinned to ``SOURCE_DATE_EPOCH`` (seconds since 1970,
UTC) or, without it, to :data:`DEFAULT_EPOCH`, so that the same inputs give the
same bytes.  No URL is fetched: a fetcher that refuses everything is passed.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from ..errors import IsgridError

#: 2000-01-01T00:00:00Z, the date PDFs carry when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 946684800


class PdfError(IsgridError):
    """The PDF cannot be produced (WeasyPrint or its system libraries missing)."""


def pinned_date() -> str:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(raw) if raw else DEFAULT_EPOCH
    except ValueError:
        epoch = DEFAULT_EPOCH
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"isgrid reports load no external resource ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` as a PDF with pinned dates."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the machine
        raise PdfError(f"WeasyPrint is not usable here: {exc}") from exc
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).render()
    when = pinned_date()
    doc.metadata.created = when
    doc.metadata.modified = when
    data = doc.write_pdf()
    assert isinstance(data, bytes)
    return data
