"""Two editions of one call on the same grid (a review, Nadia's second year): ``compare
GRID --call aap-2025 --call aap-2026`` was refused, in English under a French locale
(« two calls use the grid alsace-aap-2016@1: give one call per grid »), and both calls'
grids were named ``alsace-aap-2016@1+call``.  Each call is now compared with the grid as it
adapted it, named by its folder, and the later call's dossiers already in the earlier one
are listed with their status then: by id, and by the beneficiary's SIRET when both calls'
dossiers give it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import S04, YESNO, criterion, grid, section
from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.grid.load import load_grid

GRID = grid("grille-a", "Grille A",
            section("tout", "Tout", criterion("AN", "Besoin"),
                    criterion("AE", "Effets", dimension="D6")),
            head="sources: [{id: T, title: Test}]\n", scales=[S04, YESNO])
SIRET = {"facts.siret": {"type": "string"}}


def _editions(tmp_path: Path) -> tuple[Path, Path]:
    """2025: d1 (4, 4) total 100, d2 (4, 2) 75, d3 (2, 2) 50; top 2: d1 and d2 selected,
    d3 not.  2026 weighs AE 3 (AN 1): d1 re-applies with its id, d9 is d3's project
    (same SIRET, written with spaces) under a new id, d10 is new."""
    a = make_call(tmp_path, GRID, {"set": SIRET, "selection": {"top": 2},
                                   "meeting": {"date": "2025-05-06"}},
                  [{"id": "d1", "siret": "12345678900015"}, {"id": "d2"},
                   {"id": "d3", "siret": "98765432100023"}],
                  [(d, "j1", c, v) for d, vals in {"d1": (4, 4), "d2": (4, 2),
                                                   "d3": (2, 2)}.items()
                   for c, v in zip(("AN", "AE"), vals, strict=True)], name="aap-2025")
    b = make_call(tmp_path, GRID, {"set": SIRET | {"criteria.AE.weight": 3},
                                   "selection": {"top": 1},
                                   "meeting": {"date": "2026-05-05"}},
                  [{"id": "d1", "siret": "12345678900015"},
                   {"id": "d9", "siret": "987 654 321 00023"}, {"id": "d10"}],
                  [(d, "j1", c, v) for d, vals in {"d1": (2, 2), "d9": (4, 4),
                                                   "d10": (0, 0)}.items()
                   for c, v in zip(("AN", "AE"), vals, strict=True)], name="aap-2026")
    return a, b


@pytest.fixture
def report(tmp_path: Path) -> dict[str, Any]:
    a, b = _editions(tmp_path)
    # given later year first: the earlier edition is the one whose meeting comes first
    return compare([load_grid(a / "grid.yaml")], [load_call(b), load_call(a)])


def test_each_edition_is_compared_with_its_own_grid(report: dict[str, Any]) -> None:
    assert [g["key"] for g in report["grids"]] == ["aap-2026", "aap-2025"]
    (d,) = report["diffs"]
    assert (d["before"], d["after"], d["relation"]) == ("aap-2026", "aap-2025", "editions")
    assert d["criteria_changed"] == [
        {"id": "AE", "changes": [{"field": "weight", "before": 3, "after": 1}]}]
    assert report["projection"] is None  # one grid: nothing to project


def test_the_dossiers_that_re_apply_with_last_years_status(report: dict[str, Any]) -> None:
    (e,) = report["calls"]["editions"]
    assert (e["earlier"], e["later"], e["fact"]) == ("aap-2025", "aap-2026", "siret")
    rows = [(x["dossier"], x["earlier_dossier"], x["by"], x["selected"])
            for x in e["reapplied"]]
    # d1 by its id (selected in 2025: rank 1 of the top 2); d9 is d3 by SIRET (rank 3:
    # not selected); d10 is new
    assert rows == [("d1", "d1", "id", True), ("d9", "d3", "siret", False)]
    assert (e["count"], e["selected_before"]) == (2, 1)
    pair = report["calls"]["pairs"][0]
    assert pair["common"] == ["d1"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_document_names_the_calls(report: dict[str, Any], lang: str) -> None:
    md = render(report, "md", lang).replace("\u202f", " ").replace("\xa0", " ")
    assert "+call" not in md
    if lang == "fr":
        assert "## Les éditions d'un même appel" in md
        assert "### aap-2026 → aap-2025" in md
        assert "### aap-2026 : dossiers déjà présents dans aap-2025" in md
        # no vote in 2025: its selection is the jury's proposition (status_said)
        assert "Dossiers déjà présents dans aap-2025 : 2 ; proposés (retenus) alors : 1." in md
        assert "| d9 | Projet d9 | d3 | siret |" in md
    else:
        assert "### aap-2026: dossiers already in aap-2025" in md
        assert "| d1 | Projet d1 | d1 | id |" in md
        assert "Dossiers already in aap-2025: 2; proposed (selected) then: 1." in md
    html = render(report, "html", lang)
    assert "<td>d9</td><td>Projet d9</td><td>d3</td><td>siret</td>" in html


def test_the_cli_compares_two_editions(tmp_path: Path) -> None:
    a, b = _editions(tmp_path)
    for grids in ([str(a / "grid.yaml")], [str(a / "grid.yaml"), str(b / "grid.yaml")]):
        res = CliRunner().invoke(cli, ["compare", *grids, "--call", str(a), "--call", str(b),
                                       "--format", "json"])
        assert res.exit_code == 0, res.output
        out = json.loads(res.output[res.output.index("{"):])
        assert [g["key"] for g in out["grids"]] == ["aap-2025", "aap-2026"]
        assert [x["dossier"] for x in out["calls"]["editions"][0]["reapplied"]] == ["d1", "d9"]


def test_a_call_on_no_compared_grid_is_refused_in_french(tmp_path: Path) -> None:
    a, _ = _editions(tmp_path)
    res = CliRunner().invoke(cli, ["--lang", "fr", "compare", "csess-2017", "--call", str(a)])
    assert res.exit_code == 2
    out = res.output.replace("\u202f", " ").replace("\xa0", " ")
    assert (f"l'appel {a} utilise la grille grille-a@1, qui ne correspond à aucune des "
            "grilles comparées (csess-2017@2) [bad-option]") in out
    assert f"Indice : Ajoutez sa grille aux grilles comparées : isgrid compare grille-a@1 " \
           f"… --call {a}." in out
