"""A juror's « NE » (ne peut être évalué) is « NE » in French documents, as the workbook, the
guide and ``call check`` (« dont 1 « NE » ») say it; « n/a » in English.  The French fiche
said « Marc Wendling :  n/a » (an English abbreviation, and a double space) and « 2 (+1 n/a) ».
alsace-2016: j3 marks AL16-03 / AV-4.2 « NE »."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import EXAMPLES


def _page(call, result, lang: str, fmt: str = "html") -> str:  # type: ignore[no-untyped-def]
    data = render_report(call, result, "fiches", fmt, lang=lang, dossiers=["AL16-03"])[0][1]
    return html.unescape(data.decode("utf-8")).replace("\u202f", " ").replace("\xa0", " ")


def test_ne_is_ne_in_french_and_na_in_english(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = load_call(folder)
    result = score(call)
    j3 = call.assessors["j3"].name
    fiche = build_context(call, result, "fiches", "interne", dossiers=["AL16-03"]).fiches[0]
    c = next(x for s in fiche.sections for x in s.criteria if x.id == "AV-4.2")
    # j1 and j2 rate it, j3 says NE: n = 2, one NE
    assert (c.n, c.na) == (2, 1)
    assert [(r.assessor, r.value, r.value_label) for r in c.ratings if r.value is None] == [
        (j3, None, "NE")]
    fr = _page(call, result, "fr")
    assert "(+1 NE)" in fr and "n/a" not in fr
    assert re.search(rf'<span class="who">{re.escape(j3)}</span> : NE<', fr)  # one space
    md = _page(call, result, "fr", "md")
    assert "| 2 (+1 NE) |" in md and "n/a" not in md
    en = _page(call, result, "en")
    assert "(+1 n/a)" in en and re.search(rf'<span class="who">{re.escape(j3)}</span>: n/a<', en)
