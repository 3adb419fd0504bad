"""The Word letters share their common part: python-docx's template is opened once.

A Word letter cost 43 ms when each opened python-docx's template (its styles alone are
800 kB of XML, parsed, set up in the call's language, saved and compressed twice), about
15 minutes for a national call's 20,000 applicants.  Now the template is opened and set up
once (:class:`isgrid.documents.letters_docx.LetterDocx`), each letter a copy of its body;
the zip's unchanged parts are copied as bytes (:mod:`isgrid.documents.docxzip`), which
must give the bytes zipfile writes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest

from isgrid.call.load import load_call
from isgrid.documents.docxcommon import pinned_datetime
from isgrid.documents.docxzip import assemble, deterministic_zip, records
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import ROOT


def test_template_opened_once_for_all_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = 0
    real = docx.Document

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal opened
        opened += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(docx, "Document", counted)
    call = load_call(ROOT / "examples" / "alsace-2016")
    letters = render_report(call, score(call), "feedback", "docx")
    assert len(letters) == len(call.dossiers) >= 5
    assert opened == 1  # was one per letter
    for did, data in letters:  # each a Word document with its own dossier's text
        body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        assert f"({did})" in body
        assert all(f"({other})" not in body for other, _ in letters if other != did)


def _members(data: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def test_records_reused_make_zipfiles_bytes() -> None:
    when = pinned_datetime()
    call = load_call(ROOT / "examples" / "alsace-2016")
    (_, first), (_, second) = render_report(call, score(call), "feedback", "docx")[:2]
    one, two = _members(first), _members(second)
    assert [n for n, _ in one] == [n for n, _ in two]
    differ = [n for (n, a), (_, b) in zip(one, two, strict=True) if a != b]
    assert differ == ["docProps/core.xml", "word/document.xml"]
    # the second letter from the first's records and its own two parts: zipfile's bytes
    common = records(one, when)
    own = records([m for m in two if m[0] in differ], when)
    made = assemble([own[n] if n in own else common[n] for n, _ in two])
    assert made == deterministic_zip(two, when) == second
    # and the offsets are those of the layout: every member reads back
    assert _members(made) == two
