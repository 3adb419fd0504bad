"""PDF from the report's HTML, with WeasyPrint (imported lazily).

WeasyPrint lays out the same self-contained HTML as the screen version, with
its print CSS (A4, page numbers, a page break per dossier).  Its creation and
modification dates are pinned to ``SOURCE_DATE_EPOCH`` (seconds since 1970,
UTC) or, without it, to :data:`DEFAULT_EPOCH`, so that the same inputs give the
same bytes.  No URL is fetched: a fetcher that refuses everything is passed.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from typing import Any

from ..errors import IsgridError

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
    # The fonts embedded in the PDF are subset by fontTools, which stamps each subset's
    # `head.modified` with the clock unless SOURCE_DATE_EPOCH is set (fontTools 4.6x):
    # pinned here, for the time of the write only, so that reruns give the same bytes.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(pinned_epoch())
    try:
        data = doc.write_pdf()
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert isinstance(data, bytes)
    return data
