"""The PV of a call whose grid ranks with ranking weights shows the ranking total in a
column of its own: beside the total in the total's 5 % column (« 84,8 · pour le
classement 95,9 »), it ran 105 px into the next column of the printed PV.

The call: examples/alsace-2016 with ``sections.implication-acteurs.ranking_weight: 20``
(review s12 findings-arch F1's call). AL16-01: total 84,8, ranking total 95,9; AL16-02:
77,4 and 69,6 (the values the review read off ``isgrid score --format json``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from pdfboxes import overflows
from report_calls import weasyprint_usable
from testpaths import EXAMPLES


def _ranked(tmp_path: Path) -> Path:
    folder = tmp_path / "rw"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("  sections.implication-acteurs.ranking_weight: 20\n")
    return folder


def _pv(folder: Path, lang: str) -> str:
    call = load_call(folder)
    return render_minutes(call, score(call), "pv", "html", lang=lang).decode("utf-8")


def _cells(html: str, did: str) -> list[str]:
    row = re.search(rf'<tr><td class="num">[^<]*</td><td class="id">{did}</td>(.*?)</tr>',
                    html, re.S)
    assert row is not None, did
    return re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))


@pytest.mark.parametrize(("lang", "heading", "al01", "al02"), [
    ("fr", "Total de classement", ["84,8", "95,9"], ["77,4", "69,6"]),
    ("en", "Ranking total", ["84.8", "95.9"], ["77.4", "69.6"]),
])
def test_the_ranking_total_has_its_own_column(tmp_path: Path, lang: str, heading: str,
                                              al01: list[str], al02: list[str]) -> None:
    html = _pv(_ranked(tmp_path), lang)
    assert f'<th class="num c-total">{heading}</th>' in html
    assert _cells(html, "AL16-01")[1:3] == al01  # after the title: total, ranking total
    assert _cells(html, "AL16-02")[1:3] == al02
    assert "·" not in "".join(_cells(html, "AL16-01"))


def test_without_ranking_weights_one_total_column(tmp_path: Path) -> None:
    html = _pv(EXAMPLES / "alsace-2016", "fr")
    assert "Total de classement" not in html and 'class="ranking pv ranked"' not in html


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint not usable here")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_printed_pv_fits_its_columns(tmp_path: Path, lang: str) -> None:
    assert overflows(_pv(_ranked(tmp_path), lang)) == []
