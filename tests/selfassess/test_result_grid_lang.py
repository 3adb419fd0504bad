"""The self-assessment result in English on a French grid marks the grid's own words
lang="fr" (its title in the page's heading, its labels), as the questionnaire does: the
result had no ``lang`` and its heading was read with an English voice (RGAA 8.7)."""

from __future__ import annotations

import re
from typing import Any

from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result
from testpaths import FIXTURES


def _result() -> Any:
    g = load_grid(FIXTURES / "selfassess" / "sa-profile.yaml")
    assert g.grid.lang == "fr"
    return assess(g, {"m1": Answer(2.0, False, None)})


def test_an_english_page_marks_the_french_grids_words() -> None:
    res = _result()
    assert res.to_dict()["grid"]["lang"] == "fr"
    page = render_result(res, "html", "en")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    h1 = re.search(r'<h1 id="result-title">(.*?)</h1>', page, re.S)
    assert h1 is not None
    title = res.grid["title"]
    assert f'<span lang="fr">{title}</span>' in h1.group(1)
    label = res.criteria[0].label
    assert f'<td lang="fr">{label}</td>' in page


def test_a_french_page_marks_nothing() -> None:
    page = render_result(_result(), "html", "fr")
    assert ' lang="fr"' not in page.split('<html lang="fr">', 1)[1]
