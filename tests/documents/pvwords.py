"""The signed minutes (« procès-verbal ») as the PV tests read them: rendered in HTML or
Word, as their words on one line (:func:`test_vote_reference.words`: tags out, each run of
spaces one space; a DOCX: the words of its ``word/document.xml``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from test_vote_reference import words

from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score


def pv_words(call: Any, result: Any, fmt: str = "html", lang: str = "fr") -> str:
    """The words of the call's PV with ``result``, in ``fmt`` (html or docx)."""
    data = render_minutes(call, result, "pv", fmt, lang=lang)  # type: ignore[arg-type]
    if fmt == "docx":
        return words(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
                     .decode("utf-8"))
    return words(data.decode("utf-8"))


def scored(folder: Path) -> tuple[Any, Any]:
    """The call in ``folder``, loaded, and its result as it is now."""
    call = load_call(folder)
    return call, score(call)


def pv(folder: Path, fmt: str = "html", lang: str = "fr") -> str:
    """The words of the PV of the call in ``folder``, loaded and scored as it is now."""
    return pv_words(*scored(folder), fmt, lang)
