"""The printed documents' tables in a real browser (Playwright + Debian's chromium), at
their PDF's page width: the print style sheet, the viewport as wide as the page's
content box (A4 less its margins, landscape for a ``section.wide``), and no cell whose
content is wider than the cell (``scrollWidth`` past ``clientWidth``: text over the next
column), no table past the page.  A cell that cuts its text with an ellipsis
(``overflow: hidden``) is cut on purpose.  The screen version keeps its tables in the
window too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.documents.output import render_report
from isgrid.documents.seance import render_seance
from isgrid.engine import score
from layout_calls import wide_call

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")

MM = 96 / 25.4  # CSS pixels in a millimetre

#: The content box of each document's pages, in mm (style.css.j2's and seance.html.j2's
#: @page rules): A4 portrait less 2 x 14 mm, landscape (@page wide) less 2 x 12 mm; the
#: tableau de séance less 2 x 10 mm.
PORTRAIT, LANDSCAPE, TABLEAU = 210 - 28, 297 - 24, 210 - 20

#: Every cell of the tables of the page (those in a landscape section, or the others)
#: whose content is wider than itself, unless it clips it; every table wider than the page.
_OVERFLOWS = """(wide) => {
  const out = [];
  const width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('table')) {
    if (!!table.closest('section.wide') !== wide || !table.offsetParent) continue;
    const box = table.getBoundingClientRect();
    if (box.right > width + 0.5) out.push('table past the page: ' + table.innerText.slice(0, 60));
    for (const cell of table.querySelectorAll('th, td')) {
      if (getComputedStyle(cell).overflowX !== 'visible') continue;
      if (cell.scrollWidth > cell.clientWidth + 0.5)
        out.push(cell.innerText + ' (' + cell.scrollWidth + ' > ' + cell.clientWidth + ')');
    }
  }
  return out;
}"""


def _overflows(browser: Any, path: Path, widths: dict[bool, float]) -> list[str]:
    found: list[str] = []
    for wide, mm in widths.items():
        context = browser.new_context(viewport={"width": round(mm * MM), "height": 1200})
        page = context.new_page()
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        found += page.evaluate(_OVERFLOWS, wide)
        context.close()
    return found


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("layout")
    call = load_call(wide_call(tmp))
    result = score(call)
    out = {"pv": render_minutes(call, result, "pv", "html"),
           "seance": render_seance(call, result, "html"),
           "committee": render_report(call, result, "committee", "html")[0][1]}
    for name, data in out.items():
        (tmp / f"{name}.html").write_bytes(data)
    return {name: tmp / f"{name}.html" for name in out}


def test_the_minutes_tables_fit_their_pages(browser: Any, documents: dict[str, Path]) -> None:
    # the ranking's eleven columns on a landscape page, the other tables on portrait pages
    assert _overflows(browser, documents["pv"], {False: PORTRAIT, True: LANDSCAPE}) == []


def test_the_tableau_tables_fit_its_page(browser: Any, documents: dict[str, Path]) -> None:
    assert _overflows(browser, documents["seance"], {False: TABLEAU}) == []


def test_the_committee_tables_fit_their_pages(browser: Any,
                                              documents: dict[str, Path]) -> None:
    assert _overflows(browser, documents["committee"],
                      {False: PORTRAIT, True: LANDSCAPE}) == []


def test_the_screen_versions_keep_their_tables_in_the_window(
        browser: Any, documents: dict[str, Path]) -> None:
    for name in ("pv", "seance"):
        context = browser.new_context(viewport={"width": 1200, "height": 1200})
        page = context.new_page()
        page.goto(documents[name].as_uri())
        found = page.evaluate(_OVERFLOWS, False) + page.evaluate(_OVERFLOWS, True)
        context.close()
        assert found == [], name
