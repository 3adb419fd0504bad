"""The printed minutes never end on a page that holds only the generator's line: the
signatures and the footer (« isgrid … · grid version … ») are kept on one page.

tests/fixtures/pv-cd67 is the reviewer's call (6 dossiers of the Bas-Rhin example, two
deliberations, a withdrawal after the vote): its PV, as ``isgrid minutes --format pdf``
lays it out (with the envelope's table), filled page 3 down to the signatures and put the
footer alone on a page 4 of 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.analysis.envelope import envelope_table
from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from pdfboxes import page_texts
from report_calls import weasyprint_usable
from testpaths import FIXTURES

needs_pdf = pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")


def pages(folder: Path, lang: str) -> list[str]:
    call = load_call(folder)
    result = score(call)
    html = render_minutes(call, result, "pv", "html", lang=lang,
                          envelope=envelope_table(result)).decode("utf-8")
    return page_texts(html)


@needs_pdf
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_footer_stays_with_the_signatures(lang: str) -> None:
    laid = pages(FIXTURES / "pv-cd67", lang)
    footer = "alsace-aap-2016 version 1"
    # the footer once, on the last page, after the signatures' heading on that same page
    assert [i for i, text in enumerate(laid) if footer in text] == [len(laid) - 1]
    last = laid[-1]
    assert "Signatures" in last and last.index("Signatures") < last.index(footer), last
    # and the two signature boxes' heads (« Présidence : Mme Klein ») with it
    assert "Mme Klein" in last and "M. Meyer" in last
    assert not last.startswith("isgrid ")  # never the generator's line alone
