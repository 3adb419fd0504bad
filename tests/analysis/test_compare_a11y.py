"""The grid comparison's HTML for a reader who does not see it well or at all: the heat
map's figures at 4.5:1 on every cell's colour (WCAG 1.4.3: 12 px text; the ink switched to
white at 55 % of the largest share, 3.2:1 at 56 %), the crosswalk's headers on both axes
with their scope (RGAA 5.7)."""

from __future__ import annotations

import re

import pytest

from contrast import contrast
from isgrid.analysis.compare import compare, render
from isgrid.analysis.comparison.output import _fill, _ink, heatmap
from isgrid.grid.load import load_grid


@pytest.mark.parametrize("intensity", [i / 100 for i in range(101)])
def test_every_cell_colour_has_readable_figures(intensity: float) -> None:
    fill = _fill(intensity)
    assert contrast(_ink(fill), fill) >= 4.5, (intensity, fill)


def test_the_finding_s_cells() -> None:
    # intensity 0.56: fill #6e92c3 (worked out from LOW #eff3ff and HIGH #084594:
    # 0xef + (0x08 - 0xef) * 0.56 = 110.2 -> 0x6e ...); white on it was 3.20:1, black 6.5:1
    assert _fill(0.56) == "#6e92c3"
    assert contrast("#ffffff", "#6e92c3") == pytest.approx(3.20, abs=0.01)
    assert _ink("#6e92c3") == "#000000"
    assert _ink(_fill(1.0)) == "#ffffff" and _ink(_fill(0.0)) == "#000000"


def test_the_comparison_page() -> None:
    report = compare([load_grid("avise-mouves-2011"), load_grid("alsace-aap-2016")], [])
    for cell in heatmap(report, "fr")["cells"]:
        if cell["kind"] == "covered":
            assert contrast(cell["ink"], cell["fill"]) >= 4.5
    html = render(report, "html", "fr")
    table = html.split('<table class="crosswalk">')[1].split("</table>")[0]
    assert re.findall(r"<th(?: [^>]*)?>", table) == (
        ['<th scope="col">'] * 3 + ['<th scope="row">'] * (table.count("<tr>") - 1))
