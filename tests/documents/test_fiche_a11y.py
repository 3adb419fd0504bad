"""The fiches for a reader who does not see them (RGAA 3.1, WCAG 1.3.1 / 1.4.1): a recused
juror's rating, which does not count, says so in words in the HTML (and so in the PDF's
text), as the Markdown does, not by strike-through and grey alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from workspacecalls import alsace


@pytest.mark.parametrize(("lang", "words"), [("fr", "(écartée, déport)"),
                                             ("en", "(excluded, conflict)")])
def test_a_recused_rating_is_said_in_words(tmp_path: Path, lang: str, words: str) -> None:
    # examples/alsace-2016: j2 (Marc Wendling) recused from AL16-01 after rating it,
    # 7 criteria: 7 of his ratings set aside, none of the other jurors'
    call = load_call(alsace(tmp_path))
    [(_, page)] = render_report(call, score(call), "fiches", "html", level="interne",
                                lang=lang, dossiers=["AL16-01"])
    html = page.decode("utf-8")
    struck = re.findall(r'<li class="excl"><span class="who">([^<]+)</span>'
                        r' <span class="excl-note">\(([^)]+)\)</span>', html)
    assert struck == [("Marc Wendling", words[1:-1])] * 7
    assert html.count('<li class="excl">') == 7
