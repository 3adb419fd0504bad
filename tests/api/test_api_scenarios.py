"""Scenarios through the library API (docs/api.md, "Re-running the pipeline"): ratings
and grids matched by id, never by position; a budget read as call.yaml's; what the
result says of the grid it used.  Every number is worked out by hand (smallcall.py:
section weights 2, 2, 1 and 1.5, sum 6.5; the median of two ratings is the lower)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from smallcall import make_call

import isgrid
from isgrid.errors import CallError, UsageError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"
# F1's medians (j1, j2, j3): AV-1.1 (4,3,2) 3, ALS-2 (4,2,4) 4, ALS-3 (3,4,4) 4,
# ALS-4 (3,3,4) 3, AV-4.2 (2,3,3) 3, ALS-1 (4,4,3) 4, ALS-5 (3,1,3) 3.  Sections:
# besoin (3 x 1 + 4 x 3) / 4 = 3.75, /4 x 2 = 1.875; effets (4 + 3) / 2 / 4 x 2 = 1.75;
# implication 3 / 4 x 1 = 0.75; demarche (4 + 3) / 2 / 4 x 1.5 = 1.3125; sum 5.6875.
F1_TOTAL = 100 * 5.6875 / 6.5  # 87.5


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return isgrid.load_call(make_call(tmp_path_factory.mktemp("api") / "call"))


def _section(grid: Any, sid: str, **changes: Any) -> Any:
    sections = [s.model_copy(update=changes) if s.id == sid else s for s in grid.sections]
    return grid.model_copy(update={"sections": sections})


def test_the_call_as_loaded(call: Any) -> None:
    f1 = isgrid.score(call).dossier("F1")
    assert f1.total == pytest.approx(F1_TOTAL, abs=1e-9)
    assert (f1.criteria["AV-1.1"].value, f1.criteria["ALS-2"].value) == (3, 4)


def test_a_grid_with_its_criteria_moved_reads_each_criterion_s_own_ratings(call: Any) -> None:
    g = call.grid.grid
    besoin = next(s for s in g.sections if s.id == "besoin-social")
    assert [c.id for c in besoin.criteria] == ["AV-1.1", "ALS-2"]
    moved = _section(g, "besoin-social", criteria=list(reversed(besoin.criteria)))
    f1 = isgrid.score(call, isgrid.Scenario(grid=moved)).dossier("F1")
    # by position, AV-1.1 would have taken ALS-2's ratings (4) and ALS-2 AV-1.1's (3)
    assert (f1.criteria["AV-1.1"].value, f1.criteria["ALS-2"].value) == (3, 4)
    assert f1.total == pytest.approx(F1_TOTAL, abs=1e-9)
    assert list(f1.criteria)[:2] == ["ALS-2", "AV-1.1"]  # in the scenario grid's order


def test_a_grid_without_a_criterion_leaves_its_ratings_out(call: Any) -> None:
    g = call.grid.grid
    demarche = next(s for s in g.sections if s.id == "demarche-porteur")
    without = _section(g, "demarche-porteur",
                       criteria=[c for c in demarche.criteria if c.id != "ALS-5"])
    f1 = isgrid.score(call, isgrid.Scenario(grid=without)).dossier("F1")
    assert "ALS-5" not in f1.criteria
    # demarche is ALS-1 alone: 4 / 4 x 1.5 = 1.5 instead of 1.3125: 5.875 / 6.5
    assert f1.total == pytest.approx(100 * 5.875 / 6.5, abs=1e-8)  # 90.384615385


def test_a_grid_whose_criteria_nobody_rated_is_refused(call: Any) -> None:
    vdm = isgrid.load_grid("val-de-marne-ess-2024").grid
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(grid=vdm))
    (d,) = caught.value.diagnostics
    assert d.code == "bad-scenario"
    assert str(d.message) == ("the grid val-de-marne-ess-2024 has criteria that no rating "
                              "of the call fills: VDM-1, VDM-2, VDM-3, VDM-4, VDM-5")
    assert "Scenario (grid): the grid val-de-marne-ess-2024" in str(caught.value)


def test_the_result_states_the_grid_it_used(call: Any) -> None:
    shipped = isgrid.load_grid("alsace-aap-2016")
    assert shipped.sha256 != call.grid.sha256  # the call changed two weights
    for given in (shipped, shipped.grid):  # a LoadedGrid, or its Grid
        r = isgrid.score(call, isgrid.Scenario(grid=given))
        meta = r.to_json()["grid"]
        assert (meta["id"], meta["version"]) == ("alsace-aap-2016", "1")
        assert meta["sha256"] == shipped.sha256
        assert list(meta["extends"]) == ["avise-mouves-2011"]
        # the shipped weights: ALS-2 1, demarche 2 (sum 7): besoin (3 + 4) / 2 / 4 x 2
        # = 1.75, effets 1.75, implication 0.75, demarche 3.5 / 4 x 2 = 1.75: 6 / 7
        assert r.dossier("F1").total == pytest.approx(600 / 7, abs=1e-8)  # 85.714285714
    # the call's grid with a weight changed: its own hash, the call's grid's parents
    heavier = _section(call.grid.grid, "implication-acteurs", weight=2)
    meta = isgrid.score(call, isgrid.Scenario(grid=heavier)).to_json()["grid"]
    assert meta["sha256"] not in (call.grid.sha256, shipped.sha256)
    assert list(meta["extends"]) == ["alsace-aap-2016", "avise-mouves-2011"]
    assert isgrid.score(call).to_json()["grid"]["sha256"] == call.grid.sha256


def test_a_grid_that_is_no_grid_is_refused(call: Any) -> None:
    with pytest.raises(UsageError, match="takes a grid, not str"):
        isgrid.score(call, isgrid.Scenario(grid="alsace-aap-2016"))  # type: ignore[arg-type]


# F2 (j1, j2): AV-1.1 3, ALS-2 3, ALS-3 3, ALS-4 (2,3) 2, AV-4.2 2, ALS-1 2, ALS-5 2:
# besoin 3/4 x 2 = 1.5, effets (3 + 2)/2/4 x 2 = 1.25, implication 0.5, demarche 0.75: 4.
# With j1's ALS-4 at 1: ALS-4 (1,3) 1, effets (3 + 1)/2/4 x 2 = 1.0: 3.75, and below
# ALS-4's floor (2): not ranked.
def test_ratings_changed_as_documented_are_scored(call: Any) -> None:
    assert isgrid.score(call).dossier("F2").total == pytest.approx(400 / 6.5, abs=1e-8)
    t = isgrid.Ratings.of(call.table)
    t.value[t.row("F2", "j1", "ALS-4")] = 1
    r = isgrid.score(call, isgrid.Scenario(table=t))
    f2 = r.dossier("F2")
    assert f2.criteria["ALS-4"].value == 1
    assert f2.total == pytest.approx(375 / 6.5, abs=1e-8)  # 57.692307692
    assert "below-floor:ALS-4" in f2.flags and str(f2.status) == "non classé"
    # F1 17,700 (35,555 x 0.5 rounded down to 100), F3 16,200 (16,250.75 down to 100)
    assert r.current.selected == ("F1", "F3")
    assert (r.current.committed, r.current.remaining) == (33900, 41150 - 33900)
    # the call itself is not changed
    assert isgrid.score(call).dossier("F2").criteria["ALS-4"].value == 2


def test_ratings_are_matched_by_id_not_by_position(call: Any) -> None:
    t = isgrid.Ratings.of(call.table)
    n = len(t.criterion_ids)
    reordered = dataclasses.replace(
        t, criterion_ids=list(reversed(t.criterion_ids)), criterion=n - 1 - t.criterion,
        dossier_ids=list(reversed(t.dossier_ids)), dossier=len(t.dossier_ids) - 1 - t.dossier)
    f1 = isgrid.score(call, isgrid.Scenario(table=reordered)).dossier("F1")
    assert (f1.criteria["AV-1.1"].value, f1.criteria["ALS-2"].value) == (3, 4)
    assert f1.total == pytest.approx(F1_TOTAL, abs=1e-9)


def test_ratings_of_another_type_are_refused_not_ignored(call: Any) -> None:
    t = call.table
    v = t.value.copy()
    v[isgrid.Ratings.of(t).row("F2", "j1", "ALS-4")] = 1
    replaced = dataclasses.replace(t, value=v)  # rebuilt from its parts: v is lost
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(table=replaced))
    assert caught.value.diagnostics[0].code == "bad-scenario"
    assert "Scenario(table=…) takes isgrid.Ratings, not RatingTable" in str(caught.value)
    assert "isgrid.Ratings.of(call.table)" in str(caught.value.diagnostics[0].hint)
    short = isgrid.Ratings.of(t)
    short.value = short.value[:-1]
    with pytest.raises(UsageError, match="not of one length"):
        isgrid.score(call, isgrid.Scenario(table=short))
    stranger = isgrid.Ratings.of(t)
    stranger.dossier_ids = ["F1", "F2", "F9"]
    with pytest.raises(UsageError, match="dossiers the call does not have: F9"):
        isgrid.score(call, isgrid.Scenario(table=stranger))
    with pytest.raises(KeyError):
        isgrid.Ratings.of(t).row("F2", "j3", "ALS-4")  # j3 did not rate F2


def _yaml_message(tmp_path: Path, budget: str, lang: str = "en") -> tuple[str, str | None]:
    with pytest.raises(CallError) as caught:
        isgrid.load_call(make_call(tmp_path / f"b{abs(hash(budget))}", budget=budget,
                                   lang=lang))
    (d,) = [d for d in caught.value.diagnostics if d.severity == "error"]
    return str(d.message), str(d.effective_hint)


@pytest.mark.parametrize(("given", "in_yaml"), [
    (-5, "-5"), ("abc", "abc"), ("60.000", '"60.000"'), (True, "true")])
def test_a_budget_is_checked_as_call_yaml_s(call: Any, tmp_path: Path, given: Any,
                                            in_yaml: str) -> None:
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(budget=given))
    (d,) = caught.value.diagnostics
    assert (d.code, str(d.location)) == ("call-invalid", "Scenario (budget)")
    assert (str(d.message), str(d.effective_hint)) == _yaml_message(tmp_path, in_yaml)


def test_a_budget_is_read_as_the_call_s_lang_writes_it(call: Any, tmp_path: Path) -> None:
    # every dossier fits 70,000: F1 17,700 + F2 12,000 + F3 16,200 = 45,900
    for budget in ("€70,000", 70000, 70000.0):
        r = isgrid.score(call, isgrid.Scenario(budget=budget))
        assert (r.current.budget, r.current.committed, r.current.remaining) == \
            (70000, 45900, 24100)
    # a French call (examples/alsace-2016, lang: fr): docs/api.md's example with 66 000
    french = isgrid.load_call(EXAMPLE)
    r = isgrid.score(french, isgrid.Scenario(budget="66 000 €"))
    assert (r.current.budget, r.current.committed, r.current.remaining) == (66000, 66000, 0)
    with pytest.raises(UsageError, match="ambiguous"):
        isgrid.score(french, isgrid.Scenario(budget="66.000"))


def test_a_consensus_value_off_the_scale_is_refused_in_french_too(call: Any) -> None:
    """Scenario(consensus=…) checked the ids only: a value off the criterion's scale (9 on
    0-4) was dropped and the jurors' aggregate scored in its place (review-data19 §12).
    It is read as the journal's and call.yaml's consensus values are (the scale's
    parse_value): refused, ``bad-consensus`` at its place, the scale's levels as hint; and
    the refusal's headline is translated (it was English in a French text)."""
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(consensus=[isgrid.Consensus(
            dossier="F1", criterion="ALS-4", value=9, reason="séance")]))
    e = caught.value
    d = e.diagnostics[0]
    assert (d.code, str(d.location)) == ("bad-consensus", "Scenario (consensus[0].value)")
    assert str(e) == ("the scenario's consensus values do not fit the call: Scenario "
                      "(consensus[0].value): consensus value: 9 is not a value of the scale "
                      "(0, 1, 2, 3, 4) [bad-consensus]")
    assert e.text("fr").startswith("les valeurs de consensus du scénario ne conviennent pas "
                                   "à l'appel\u00a0: Scenario (consensus[0].value)\u00a0: "
                                   "valeur de consensus\u00a0: 9 n'est pas une valeur")
    assert "4 (Très bon)" in str(d.effective_hint)
    # on the scale: scored with it.  F1's ALS-4 median 3 agreed at 2: effets
    # (4 + 2) / 2 / 4 x 2 = 1.5, sum 1.875 + 1.5 + 0.75 + 1.3125 = 5.4375
    f1 = isgrid.score(call, isgrid.Scenario(consensus=[isgrid.Consensus(
        dossier="F1", criterion="ALS-4", value=2, reason="séance")])).dossier("F1")
    assert f1.total == pytest.approx(100 * 5.4375 / 6.5, abs=1e-9)


@pytest.mark.parametrize("scenario", [
    isgrid.Scenario(consensus=["x"]),
    isgrid.Scenario(grid="alsace-aap-2016"),
    isgrid.Scenario(table="ratings.csv"),
    isgrid.Scenario(budget="60.000"),
    isgrid.Scenario(funding={"rate": 1.5}),
    isgrid.Scenario(selection={"reserve": -1}),
])
def test_a_refused_scenarios_headline_is_said_in_french(call: Any, scenario: Any) -> None:
    """The headline of every refusal of a scenario was English in ``e.text("fr")``."""
    with pytest.raises(UsageError) as caught:
        isgrid.score(call, scenario)
    head = caught.value.text("fr").split("\u00a0: ")[0]
    assert head.startswith(("le ", "la ", "les ")) and "scénario" in head, head
