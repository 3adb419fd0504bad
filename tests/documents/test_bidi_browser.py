"""A bidirectional control in an applicant's title cannot reorder the letter around it.

An applicant's title ending in U+202E (RIGHT-TO-LEFT OVERRIDE) « Épicerie … \\u202etxet.exe »,
as a platform's export may carry it: before, Chromium showed the letter's line « Objet :
votre dossier Épicerie … exe.text (30-61LA) », the dossier's id reversed, and the access
document's title ended with its closing guillemet turned round.  Every value a document
prints, and every value of a catalog's sentence, is now isolated (U+2068 … U+2069, its
open overrides closed: :func:`isgrid.io.bidi.bidi_isolated`).  Checked where it is seen:
the positions Chromium gives each character (Playwright + Debian's chromium).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from isgrid.io.faults import FAULT_ENV
from workspacecalls import alsace

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")

RLO = "\u202e"

#: (character, left, top) of every character of the element, in the text's order
_CHARS = """el => {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    for (let i = 0; i < n.data.length; i++) {
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect();
      out.push([n.data[i], b.left, b.top]);
    }
  }
  return out;
}"""


def _isgrid(*args: object) -> None:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    proc = subprocess.run([sys.executable, "-m", "isgrid", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr


def _chars(browser: Any, path: Path, selector: str, text: str) -> list[tuple[str, float]]:
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.add_style_tag(content="body{max-width:none!important}"
                                   "h1,p{font-size:12px!important;white-space:nowrap}")
        found = page.locator(selector, has_text=text).first.evaluate(_CHARS)
    finally:
        context.close()
    tops = {round(top) for ch, _, top in found if ch.strip()}
    assert len(tops) == 1, tops  # one line
    return [(ch, left) for ch, left, _ in found]


def _order(chars: list[tuple[str, float]], word: str) -> list[float]:
    """The left positions of ``word``'s characters where it is in the element's text."""
    text = "".join(ch for ch, _ in chars)
    at = text.index(word)
    return [chars[at + k][1] for k in range(len(word))]


def test_a_title_s_override_stops_at_the_title(browser: Any, tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    dossier = folder / "dossiers" / "AL16-03.yaml"
    source = dossier.read_text(encoding="utf-8")
    title = "Épicerie mobile bio de l'Outre-Forêt"
    assert f'title: "{title}"' in source
    dossier.write_text(source.replace(f'title: "{title}"', f'title: "{title} \\u202etxet.exe"'),
                       encoding="utf-8")
    _isgrid("report", folder, "--kind", "feedback", "--format", "html", "-o", tmp_path / "fb")
    _isgrid("report", folder, "--kind", "feedback", "--format", "md", "-o", tmp_path / "md")
    _isgrid("report", folder, "--kind", "access", "--dossier", "AL16-03",
            "-o", tmp_path / "access.html")
    # the letter's line « Objet : votre dossier Épicerie … (AL16-03) »: the id left to right
    line = _chars(browser, tmp_path / "fb" / "AL16-03.html", "p", "votre dossier")
    lefts = _order(line, "AL16-03")
    assert lefts == sorted(lefts) and len(set(lefts)) == 7, lefts
    # the title itself as its applicant wrote it: « txet.exe » overridden, read « exe.text »
    inside = _order(line, "txet.exe")
    assert inside == sorted(inside, reverse=True), inside
    # the access document's title: its closing guillemet last, at the right
    head = _chars(browser, tmp_path / "access.html", "h1", "AL16-03")
    shown = [(left, ch) for ch, left in head if ch.strip()]
    assert max(shown)[1] == "»", sorted(shown)[-3:]
    # Markdown: the same isolate, the override closed before the id
    md = (tmp_path / "md" / "AL16-03.md").read_text(encoding="utf-8")
    assert f"\u2068{title} {RLO}txet.exe\u202c\u2069 (AL16-03)" in md
