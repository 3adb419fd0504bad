"""The fiches' criteria tables on a phone and at 200 % zoom, in a real browser (Playwright
+ Debian's chromium; RGAA 10.4 / 10.11, WCAG 1.4.4 / 1.4.10): no figure drawn over the next
column (« 3,8 / 4 » over the « n » column's « 2 » read « 3,8 /2 4 »), no one-word header
broken inside its word (« Valeu / r »). A table may be wider than a phone (the page then
scrolls sideways, as every document's tables do); on paper the columns keep their fixed
widths (tests/documents/test_print_layout_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from workspacecalls import alsace

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")

#: the cells of the criteria tables whose content runs over the next one, and the one-word
#: headers laid on more than one line
_BROKEN = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('table.crit th, table.crit td')) {
    if (getComputedStyle(cell).overflowX === 'visible' && cell.scrollWidth > cell.clientWidth + 0.5)
      out.push('over: ' + cell.innerText);
    if (cell.tagName === 'TH' && !/\\s/.test(cell.innerText.trim())) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) out.push('cut: ' + cell.innerText);
    }
  }
  return out;
}"""


@pytest.mark.parametrize(("width", "media"), [(360, "screen"), (640, "screen"), (1280, "screen"),
                                             # A4 portrait less 2 x 14 mm, in CSS pixels
                                             (round(182 * 96 / 25.4), "print")])
def test_the_criteria_tables_read_on_a_phone_and_zoomed(browser: Any, tmp_path: Path,
                                                       width: int, media: str) -> None:
    call = load_call(alsace(tmp_path))
    [(_, html)] = render_report(call, score(call), "fiches", "html", level="interne")
    path = tmp_path / "fiches.html"
    path.write_bytes(html)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media=media)
    assert page.locator("table.crit").count() >= 8  # a table a dossier, 8 dossiers at least
    found = page.evaluate(_BROKEN)
    context.close()
    assert found == []
