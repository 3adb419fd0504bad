"""`compare --lang en` says the ten shared dimensions in English (found by a review: every
crosswalk heading and the coverage legend read « D1 Besoin social / aspiration », « D2
Nouveauté / rupture: La réponse est nouvelle… », even between two English grids).  The
dimensions are isgrid's comparison frame (grids/dimensions.yaml, its ``en:``), not a grid's
content; the French comparison keeps the French words, and so does the JSON data."""

from __future__ import annotations

import json

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import dimensions


def _compare(*args: str) -> str:
    res = CliRunner().invoke(cli, [*args, "compare", "alsace-aap-2016", "csess-2017",
                                   "--format", "md"])
    assert res.exit_code == 0, res.output
    return res.output


def test_the_english_comparison_names_the_dimensions_in_english() -> None:
    md = _compare("--lang", "en")
    assert "- **D1** Social need / aspiration: The need or aspiration the project answers" in md
    assert "### D2 Novelty / break" in md
    assert "### D10 Applicant's capacity / feasibility" in md
    assert "Besoin social" not in md and "Nouveauté / rupture" not in md


def test_the_french_comparison_keeps_its_words() -> None:
    md = _compare("--lang", "fr")
    assert "### D1 Besoin social / aspiration" in md
    assert "Social need" not in md


def test_every_dimension_has_its_english_words() -> None:
    dims = dimensions()
    assert sorted(dims, key=lambda d: int(d[1:])) == [f"D{i}" for i in range(1, 11)]
    for d in dims.values():
        label, definition = d.words("en")
        assert label and definition and label != d.label and definition != d.definition, d


def test_the_json_keeps_the_recorded_words() -> None:
    res = CliRunner().invoke(cli, ["--lang", "en", "compare", "alsace-aap-2016", "csess-2017",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["dimensions"][0]["label"] == "Besoin social / aspiration"
