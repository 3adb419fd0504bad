"""Every HTML document carries the same Content-Security-Policy in its ``<meta>``.

The access document (``report --kind access``) and the self-assessment result
(``assess … --format html``, the web's « download html ») carried none, unlike the
committee report, the fiches, the minutes and the letters: the two documents that go to
an applicant or come from one.  One policy now, :data:`isgrid.documents.render.DOCUMENT_CSP`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.access import build_access
from isgrid.documents.access_render import render_access
from isgrid.documents.output import render_report
from isgrid.documents.render import DOCUMENT_CSP
from isgrid.engine import score
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result
from workspacecalls import alsace

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def policies(page: str) -> list[str]:
    return [html.unescape(p) for p in re.findall(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)]


def test_the_access_document_and_the_self_assessment_carry_the_policy(tmp_path: Path) -> None:
    assert DOCUMENT_CSP == POLICY  # nothing loaded, nothing run: its own styles and images
    call = load_call(alsace(tmp_path))
    result = score(call)
    access = render_access(build_access(call, result, "AL16-03"), "html")
    assert policies(access.decode("utf-8")) == [POLICY]
    for kind in ("committee", "fiches"):
        page = render_report(call, result, kind, "html")[0][1].decode("utf-8")
        assert policies(page) == [POLICY], kind
    lg = load_grid("alsace-aap-2016")
    answers = {"ALS-2": Answer(2.0, False, None)}
    for lang in ("fr", "en"):  # as written: no French spaces before its « ; »
        assert policies(render_result(assess(lg, answers), "html", lang)) == [POLICY], lang
