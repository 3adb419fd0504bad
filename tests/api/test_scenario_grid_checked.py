"""A ``Scenario(grid=…)`` built with ``model_copy`` (docs/api.md) is checked as
``load_grid`` checks a grid, before anything is scored: a weight negative, zero, nan or
too large is a ``UsageError`` ``bad-scenario`` at its key path under ``grid``, where it
was a bare ZeroDivisionError (-1) or every dossier silently « incomplet » (nan, 1e308);
a weight written "2" is read as the number 2, as a grid's file reads it (review data19,
finding 3)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from smallcall import make_call

import isgrid
from isgrid.errors import UsageError


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return isgrid.load_call(make_call(tmp_path_factory.mktemp("api") / "call"))


def _weighted(call: Any, w: Any) -> Any:
    """The call's grid with the first criterion of its first section weighing ``w``."""
    g = call.grid.grid
    s0 = g.sections[0]
    c = s0.criteria[0].model_copy(update={"weight": w})
    return g.model_copy(update={"sections": [
        s0.model_copy(update={"criteria": [c, *s0.criteria[1:]]}), *g.sections[1:]]})


@pytest.mark.parametrize("w", [-1.0, 0.0, float("nan"), float("inf"), 1e308])
def test_a_bad_weight_is_refused_before_scoring(call: Any, w: float) -> None:
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(grid=_weighted(call, w)))
    diags = caught.value.diagnostics
    assert diags and {d.code for d in diags} == {"bad-scenario"}
    assert all(d.location.file == "Scenario" and d.location.key_path is not None
               and d.location.key_path.startswith("grid.") and "weight" in d.location.key_path
               for d in diags), [str(d.location) for d in diags]


def test_a_weight_written_as_a_text_is_read_as_its_number(call: Any) -> None:
    as_number = isgrid.score(call, isgrid.Scenario(grid=_weighted(call, 2)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no serializer warning either
        as_text = isgrid.score(call, isgrid.Scenario(grid=_weighted(call, "2")))
    assert as_text.to_json()["grid"]["sha256"] == as_number.to_json()["grid"]["sha256"]
    assert as_text.dossier("F1").total == as_number.dossier("F1").total
    # by hand (test_api_scenarios' F1): AV-1.1 (3) weighs 2, ALS-2 (4) 3: besoin
    # (3 x 2 + 4 x 3) / 5 = 3.6, / 4 x 2 = 1.8, instead of 1.875: total 5.6125 / 6.5
    assert as_text.dossier("F1").total == pytest.approx(100 * 5.6125 / 6.5, abs=1e-9)
