"""A call on a grid and a call on a grid extending it are two calls, not two editions of one
call (session 19, compare19 item 1).

``isgrid compare grille-a --call sur-a --call sur-b``, sur-a judged with grille-a and sur-b with
grille-b (``extends: grille-a@1``): both calls matched grille-a, and compare grouped them as
« Les éditions d'un même appel », dropped grille-a from the compared grids and listed sur-b's
dossiers as « déjà présents dans sur-a ».  An edition is the same call another year, judged
with the same grid: the two calls are now compared each with its own grid (grille-b's
changes said as the grid's), and the document says why they are not editions; two editions
say why they are."""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from gridtexts import S04, YESNO, criterion, grid, section
from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid

GRID = grid("grille-a", "Grille A",
            section("tout", "Tout", criterion("AN", "Besoin"),
                    criterion("AE", "Effets", dimension="D6")),
            head="sources: [{id: T, title: Test}]\n", scales=[S04, YESNO])
CHILD = ('id: grille-b\nversion: "1"\ntitle: Grille B\nextends: grille-a@1\n'
         "set:\n  criteria.AE.weight: 3\n")


def _ratings(values: dict[str, tuple[int, int]]) -> list[tuple[str, str, str, int]]:
    return [(d, "j1", c, v) for d, vals in values.items()
            for c, v in zip(("AN", "AE"), vals, strict=True)]


def _calls(tmp_path: Path) -> tuple[Path, Path]:
    """sur-a on grille-a (AN 1, AE 1): d1 (4, 4) 100, d2 (2, 2) 50, top 1: d1.  sur-b on
    grille-b (AE weight 3): d1 (4, 0) 100 x 4 / 16 = 25, d2 (0, 4) 100 x 12 / 16 = 75,
    top 1: d2."""
    a = make_call(tmp_path, GRID, {"selection": {"top": 1}}, [{"id": "d1"}, {"id": "d2"}],
                  _ratings({"d1": (4, 4), "d2": (2, 2)}), name="sur-a")
    b = make_call(tmp_path, CHILD, {"selection": {"top": 1}}, [{"id": "d1"}, {"id": "d2"}],
                  _ratings({"d1": (4, 0), "d2": (0, 4)}), name="sur-b")
    (b / "grille-a.yaml").write_text(GRID, encoding="utf-8")  # the parent, beside it
    return a, b


@pytest.fixture
def report(tmp_path: Path) -> dict[str, Any]:
    a, b = _calls(tmp_path)
    return compare([load_grid(a / "grid.yaml")], [load_call(a), load_call(b)])


def test_a_call_on_an_extending_grid_is_not_an_edition(report: dict[str, Any]) -> None:
    assert report["calls"]["editions"] is None
    # grille-a stays compared (sur-a was judged with it), sur-b named by its own grid
    assert [g["key"] for g in report["grids"]] == ["grille-a@1"]
    assert [(c["grid"], c["extends"]) for c in report["calls"]["calls"]] == [
        ("grille-a@1", None), ("grille-b@1 (sur-b)", "grille-a@1")]
    assert [(d["before"], d["after"], d["relation"]) for d in report["diffs"]] == [
        ("grille-a@1", "grille-b@1", "call-extends")]
    (pair,) = report["calls"]["pairs"]
    assert (pair["selection"]["selected_a_not_b"], pair["selection"]["selected_b_not_a"]) \
        == (["d1"], ["d2"])
    assert report["calls"]["grouping"] == [
        {"calls": ["sur-a", "sur-b"], "editions": False,
         "grids": [{"call": "sur-a", "grid": "grille-a@1", "extends": None, "edition": False},
                   {"call": "sur-b", "grid": "grille-b@1", "extends": "grille-a@1",
                    "edition": False}]}]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_document_says_why_they_are_not_editions(report: dict[str, Any],
                                                     fmt: str) -> None:
    fr = unescape(render(report, fmt, "fr")).replace("\u202f", " ").replace("\xa0", " ")
    assert "Les éditions d'un même appel" not in fr
    assert ("sur-a et sur-b ne sont pas comparés comme éditions d'un même appel : ils ne "
            "sont pas jugés avec la même grille (sur-a : grille-a@1 ; sur-b : grille-b@1, "
            "qui étend grille-a@1). Une édition est le même appel une autre année, jugé "
            "avec la même grille ; chacun est comparé ici avec sa propre grille.") in fr
    en = unescape(render(report, fmt, "en"))
    assert ("sur-a and sur-b are not compared as editions of one call: they are not judged "
            "with the same grid (sur-a: grille-a@1; sur-b: grille-b@1, which extends "
            "grille-a@1).") in en


def test_two_editions_and_a_call_on_an_extending_grid(tmp_path: Path) -> None:
    """sur-a and its next year sur-a-2026 (grille-a, AE weight 2 in call.yaml) are editions;
    sur-b, on grille-b, is not one of them.  grille-a stays compared: sur-b is read against
    it."""
    a, b = _calls(tmp_path)
    a2 = make_call(tmp_path, GRID, {"selection": {"top": 1}, "set": {"criteria.AE.weight": 2}},
                   [{"id": "d1"}, {"id": "d3"}], _ratings({"d1": (4, 4), "d3": (0, 0)}),
                   name="sur-a-2026")
    rep = compare([load_grid(a / "grid.yaml")], [load_call(a), load_call(b), load_call(a2)])
    assert [g["key"] for g in rep["grids"]] == ["grille-a@1", "sur-a", "sur-a-2026"]
    assert [c["grid"] for c in rep["calls"]["calls"]] == [
        "sur-a", "grille-b@1 (sur-b)", "sur-a-2026"]
    (e,) = rep["calls"]["editions"]
    assert (e["earlier"], e["later"], e["count"]) == ("sur-a", "sur-a-2026", 1)
    md = render(rep, "md", "fr").replace("\u202f", " ").replace("\xa0", " ")
    assert ("sur-a et sur-a-2026 sont comparés comme éditions d'un même appel : jugés avec "
            "la même grille, grille-a@1, chacun avec ses propres adaptations") in md
    assert ("sur-a, sur-b et sur-a-2026 ne sont pas tous comparés comme éditions d'un même "
            "appel : ils ne sont pas tous jugés avec la même grille (sur-a : grille-a@1 ; "
            "sur-b : grille-b@1, qui étend grille-a@1 ; sur-a-2026 : grille-a@1).") in md
