"""The engine's rules, one small case each, worked out by hand.

Each test writes a real call folder (tests/callfactory.py), scores it, and
compares with numbers computed by hand in the comments.  The rules come from
DESIGN.md ("Combining assessors", "Eligibility", "Scored mode arithmetic",
"Ranking, ties, funding line, reserve", "Money") and the engine decisions
recorded for issue "Foundation 2".

Most scored cases use ONE, a grid with a single criterion C on the 0..4 scale
(half steps allowed), so that total = 100 x a / 4 = 25 x a.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.errors import CallError

# --------------------------------------------------------------------- helpers
SCALES: dict[str, Any] = {
    "s04": {
        "levels": [{"value": i, "label": lab} for i, lab in
                   enumerate(["Insuffisant", "Faible", "Moyen", "Bon", "Excellent"])],
        "half_steps": True,
    },
    "s15": {"levels": [{"value": i + 1, "label": f"Niveau {i + 1}"} for i in range(5)]},
    "yesno": {"levels": [{"value": 0, "label": "non"}, {"value": 1, "label": "oui"}],
              "na": False},
}
FACTS: dict[str, Any] = {
    "amount_requested": {"type": "number"},
    "eligible_costs": {"type": "number"},
    "submitted_at": {"type": "date"},
}


def scored_grid(sections: list[tuple[str, Any, list[tuple[Any, ...]]]], *,
                threshold: float | None = None, facts: dict[str, Any] | None = None,
                eligibility: list[dict[str, Any]] | None = None) -> str:
    """A scored grid; sections are (id, weight, [(criterion, scale, weight, floor)])."""
    params: dict[str, Any] = {}
    secs = []
    for sid, sw, crits in sections:
        items = []
        for cid, scale, w, floor in crits:
            c: dict[str, Any] = {"id": cid, "label": f"Critère {cid}", "scale": scale,
                                 "dimension": "D1", "provenance": {"status": "inferred"}}
            if scale == "yesno":
                c |= {"eliminatory": True, "rated_by": "instructeur"}
            if w is not None:
                c["weight"] = w
                params[f"criteria.{cid}.weight"] = {"status": "inferred"}
            if floor is not None:
                c["floor"] = floor
                params[f"criteria.{cid}.floor"] = {"status": "inferred"}
            items.append(c)
        s: dict[str, Any] = {"id": sid, "label": f"Axe {sid}", "criteria": items}
        if sw is not None:
            s["weight"] = sw
            params[f"sections.{sid}.weight"] = {"status": "inferred"}
        secs.append(s)
    grid: dict[str, Any] = {"id": "cas", "version": "1", "title": "Grille de cas",
                            "mode": "scored", "scales": SCALES, "facts": facts or FACTS,
                            "sections": secs}
    if threshold is not None:
        grid["threshold"] = threshold
        params["threshold"] = {"status": "inferred"}
    if eligibility:
        grid["eligibility"] = eligibility
    if params:
        grid["parameters"] = params
    return yaml.safe_dump(grid, allow_unicode=True, sort_keys=False)


ONE = scored_grid([("S", None, [("C", "s04", None, None)])])
TWO_SECTIONS = scored_grid([("S1", None, [("C1", "s04", None, None)]),
                            ("S2", None, [("C2", "s04", None, None)])])


def run(tmp_path: Path, grid: str, call: dict[str, Any] | None = None,
        dossiers: list[Any] | tuple[Any, ...] = (), ratings: list[tuple[Any, ...]] | tuple = (),
        ) -> tuple[dict[str, Any], Any]:
    folder = make_call(tmp_path, grid, call, dossiers, ratings)
    loaded = load_call(folder)
    return score(loaded).to_json(), loaded


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in result["dossiers"]}


def one(tmp_path: Path, values: list[Any], call: dict[str, Any] | None = None,
        ) -> dict[str, Any]:
    """Dossier d1 rated on ONE by assessors a1, a2, ... with ``values``."""
    rows = [("d1", f"a{i + 1}", "C", v) for i, v in enumerate(values)]
    result, _ = run(tmp_path, ONE, call, [{"id": "d1"}], rows)
    return by_id(result)["d1"]


def ranked(tmp_path: Path, values: dict[str, Any], call: dict[str, Any] | None = None,
           facts: dict[str, dict[str, Any]] | None = None, grid: str = ONE,
           ) -> dict[str, Any]:
    """Dossiers rated on ONE by a single assessor: {dossier: value of C}."""
    facts = facts or {}
    dossiers = [{"id": d, **facts.get(d, {})} for d in values]
    rows = [(d, "a1", "C", v) for d, v in values.items()]
    result, _ = run(tmp_path, grid, call, dossiers, rows)
    return result


# ------------------------------------------------------------ combining assessors
def test_mean_is_the_default_for_scored_grids(tmp_path: Path) -> None:
    # mean(1, 2, 4) = 7/3; total = 25 x 7/3 = 175/3 = 58.333...
    d = one(tmp_path, [1, 2, 4])
    assert d["criteria"]["C"]["value"] == pytest.approx(7 / 3, abs=1e-12)
    assert d["total"] == pytest.approx(175 / 3, abs=1e-9)
    assert (d["criteria"]["C"]["n"], d["criteria"]["C"]["min"], d["criteria"]["C"]["max"],
            d["criteria"]["C"]["spread"]) == (3, 1, 4, 3)


def test_median_odd_count(tmp_path: Path) -> None:
    # median(1, 2, 4) = 2; total = 25 x 2 = 50 (the mean would give 58.33)
    d = one(tmp_path, [1, 2, 4], {"aggregator": "median"})
    assert d["criteria"]["C"]["value"] == 2
    assert d["total"] == pytest.approx(50, abs=1e-9)


def test_median_even_count_takes_the_lower_middle(tmp_path: Path) -> None:
    # sorted 1, 2, 3, 4: middles 2 and 3; lower middle 2 -> total 50
    # (the usual median 2.5 would give 62.5, the upper middle 75)
    d = one(tmp_path, [4, 1, 3, 2], {"aggregator": "median"})
    assert d["criteria"]["C"]["value"] == 2
    assert d["total"] == pytest.approx(50, abs=1e-9)


def test_trimmed_mean_with_four_ratings_is_the_mean(tmp_path: Path) -> None:
    # n = 4 < 5: nothing dropped; mean(0, 2, 3, 4) = 9/4 = 2.25 -> total 56.25
    # (trimming would give mean(2, 3) = 2.5 -> 62.5)
    d = one(tmp_path, [0, 2, 3, 4], {"aggregator": "trimmed-mean"})
    assert d["criteria"]["C"]["value"] == pytest.approx(2.25, abs=1e-12)
    assert d["total"] == pytest.approx(56.25, abs=1e-9)


def test_trimmed_mean_with_five_ratings_drops_one_highest_and_one_lowest(
        tmp_path: Path) -> None:
    # n = 5: drop one 0 and one 4 -> mean(2, 3, 4) = 3 -> total 75
    # (the plain mean 13/5 = 2.6 would give 65)
    d = one(tmp_path, [4, 0, 3, 4, 2], {"aggregator": "trimmed-mean"})
    assert d["criteria"]["C"]["value"] == 3
    assert d["total"] == pytest.approx(75, abs=1e-9)


def test_na_is_excluded_never_zero(tmp_path: Path) -> None:
    # ratings 4 and NE: n = 1, na = 1, mean = 4 -> total 100 (as 0 it would be 50)
    d = one(tmp_path, [4, "NE"])
    c = d["criteria"]["C"]
    assert (c["value"], c["n"], c["na"]) == (4, 1, 1)
    assert d["total"] == pytest.approx(100, abs=1e-9)
    assert d["complete"] is True


def test_empty_cell_is_a_missing_rating_not_zero(tmp_path: Path) -> None:
    # ratings 2 and an empty cell: n = 1, na = 0, mean = 2 -> total 50 (as 0: 25)
    d = one(tmp_path, [2, None])
    c = d["criteria"]["C"]
    assert (c["value"], c["n"], c["na"]) == (2, 1, 0)
    assert d["total"] == pytest.approx(50, abs=1e-9)


def test_only_na_makes_the_criterion_missing(tmp_path: Path) -> None:
    # two n/a: no usable rating -> incomplete, no total (never 0)
    d = one(tmp_path, ["na", "n/a"])
    assert d["criteria"]["C"]["value"] is None
    assert d["criteria"]["C"]["na"] == 2
    assert d["total"] is None
    assert "incomplete:C" in d["flags"]
    assert d["status"] == "incomplet"


def test_consensus_replaces_the_aggregate_and_both_are_shown(tmp_path: Path) -> None:
    # ratings 1 and 3: raw = mean = 2; consensus 4 -> value 4 -> total 100 (not 50)
    call = {"consensus": [{"dossier": "d1", "criterion": "C", "value": 4,
                           "reason": "Le comité retient le rapport d'instruction."}]}
    d = one(tmp_path, [1, 3], call)
    c = d["criteria"]["C"]
    assert (c["value"], c["raw"], c["consensus"]) == (4, 2, 4)
    assert d["total"] == pytest.approx(100, abs=1e-9)


def test_consensus_given_as_a_level_label(tmp_path: Path) -> None:
    # consensus "Bon" = 3 -> total 75; raw mean(0, 0) = 0
    call = {"consensus": [{"dossier": "d1", "criterion": "C", "value": "Bon",
                           "reason": "Accord en séance."}]}
    d = one(tmp_path, [0, 0], call)
    assert (d["criteria"]["C"]["value"], d["criteria"]["C"]["raw"]) == (3, 0)
    assert d["total"] == pytest.approx(75, abs=1e-9)


def test_conflicted_assessor_is_excluded_with_flag_and_warning(tmp_path: Path) -> None:
    # a1 = 4, a2 = 0 but a2 is conflicted on d1: mean(4) = 4 -> total 100 (not 50)
    # d2 is not concerned: mean(4, 0) = 2 -> total 50
    call = {"conflicts": [{"assessor": "a2", "dossier": "d1", "reason": "Administrateur"}]}
    rows = [("d1", "a1", "C", 4), ("d1", "a2", "C", 0),
            ("d2", "a1", "C", 4), ("d2", "a2", "C", 0)]
    result, loaded = run(tmp_path, ONE, call, [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert d["d1"]["criteria"]["C"]["n"] == 1
    assert d["d1"]["total"] == pytest.approx(100, abs=1e-9)
    assert "conflict-excluded:a2" in d["d1"]["flags"]
    assert d["d2"]["total"] == pytest.approx(50, abs=1e-9)
    assert not any(f.startswith("conflict-excluded") for f in d["d2"]["flags"])
    assert [w.code for w in loaded.warnings] == ["conflicted-rating"]


def test_disagreement_when_spread_reaches_half_the_range(tmp_path: Path) -> None:
    # range 4: spread 2 (0 and 2) >= 2 -> disagreement; spread 1.5 -> none
    assert "disagreement:C" in one(tmp_path / "a", [0, 2])["flags"]
    assert "disagreement:C" not in one(tmp_path / "b", [0.5, 2])["flags"]


def test_min_ratings_counts_a_short_criterion_as_missing(tmp_path: Path) -> None:
    # min_ratings 2: d1 has one usable rating (+ one n/a) -> missing, not rankable;
    # d2 has two: mean(2, 4) = 3 -> total 75, rank 1
    rows = [("d1", "a1", "C", 4), ("d1", "a2", "C", "na"),
            ("d2", "a1", "C", 2), ("d2", "a2", "C", 4)]
    result, _ = run(tmp_path, ONE, {"min_ratings": 2}, [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert "below-min-ratings" in d["d1"]["flags"]
    assert d["d1"]["total"] is None
    assert d["d1"]["rank"] is None
    assert d["d2"]["total"] == pytest.approx(75, abs=1e-9)
    assert d["d2"]["rank"] == 1


# ------------------------------------------------------------ scored arithmetic
def test_weighted_total_with_sections_and_a_scale_not_starting_at_zero(
        tmp_path: Path) -> None:
    # S1 weight 2: C1 (weight 2, 0..4), C2 (weight 1, 0..4); S2 weight 1: C3 (1..5)
    # eff C1 = 2 x 2/3 = 4/3, eff C2 = 2 x 1/3 = 2/3, eff C3 = 1 x 1/1 = 1; sum 3
    # C1 = 3 -> s = 3/4; C2 = 1 -> s = 1/4; C3 = 4 -> s = (4-1)/(5-1) = 3/4
    # total = 100 x (4/3 x 3/4 + 2/3 x 1/4 + 1 x 3/4) / 3 = 100 x (23/12) / 3 = 575/9
    grid = scored_grid([("S1", 2, [("C1", "s04", 2, None), ("C2", "s04", None, None)]),
                        ("S2", None, [("C3", "s15", None, None)])])
    rows = [("d1", "a1", "C1", 3), ("d1", "a1", "C2", 1), ("d1", "a1", "C3", 4)]
    result, _ = run(tmp_path, grid, None, [{"id": "d1"}], rows)
    d = by_id(result)["d1"]
    assert d["total"] == pytest.approx(575 / 9, abs=1e-9)
    # sections: S1 = (4/3 x 3/4 + 2/3 x 1/4) / 2 = (7/6) / 2 = 7/12; S2 = 3/4
    assert d["sections"]["S1"] == pytest.approx(7 / 12, abs=1e-12)
    assert d["sections"]["S2"] == pytest.approx(3 / 4, abs=1e-12)
    assert d["complete"] is True
    assert d["rank"] == 1


def test_extended_grid_arithmetic(tmp_path: Path) -> None:
    # mini-child = mini-scored without B2, with I2 added and I1 weight 3:
    # besoin (weight 2): B1 (weight 2) alone -> eff B1 = 2 x 2/2 = 2
    # impact (weight 1): I1 (3), I2 (1); X1 is eliminatory -> eff I1 = 3/4, I2 = 1/4
    # B1 = 2 -> 1/2; I1 = 4 -> 1; I2 = 0 -> 0
    # total = 100 x (2 x 1/2 + 3/4 x 1 + 0) / 3 = 100 x 1.75 / 3 = 175/3
    facts = {"region": "Alsace", "partners": [{"name": "Labo", "type": "recherche"},
                                              {"name": "Ville", "type": "collectivite"}]}
    rows = [("d1", "a1", "B1", 2), ("d1", "a1", "I1", 4), ("d1", "a1", "I2", 0),
            ("d1", "i1", "X1", "oui")]
    result, _ = run(tmp_path, "mini-child", None, [{"id": "d1", **facts}], rows)
    d = by_id(result)["d1"]
    assert result["grid"]["id"] == "mini-child"
    assert d["total"] == pytest.approx(175 / 3, abs=1e-9)
    assert d["eligible"] is True
    assert d["rank"] == 1  # floor B1 >= 2 met exactly, total >= threshold 50


def test_incomplete_dossier_has_no_total_and_no_rank(tmp_path: Path) -> None:
    grid = scored_grid([("S", None, [("C1", "s04", None, None), ("C2", "s04", None, None)])])
    result, _ = run(tmp_path, grid, None, [{"id": "d1"}], [("d1", "a1", "C1", 4)])
    d = by_id(result)["d1"]
    assert d["total"] is None
    assert d["complete"] is False
    assert d["rank"] is None
    assert d["status"] == "incomplet"
    assert "incomplete:C2" in d["flags"]


def test_renormalise_skips_the_missing_criterion(tmp_path: Path) -> None:
    # S1 weight 3: C1 = 2 -> s = 1/2; S2 weight 1: C2 unrated
    # renormalised: total = 100 x (3 x 1/2) / 3 = 50 (counting C2 as 0: 150/4 = 37.5)
    grid = scored_grid([("S1", 3, [("C1", "s04", None, None)]),
                        ("S2", 1, [("C2", "s04", None, None)])])
    result, _ = run(tmp_path, grid, {"missing": "renormalise"}, [{"id": "d1"}],
                    [("d1", "a1", "C1", 2), ("d1", "a1", "C2", "NE")])
    d = by_id(result)["d1"]
    assert d["total"] == pytest.approx(50, abs=1e-9)
    assert d["complete"] is False
    assert "renormalised:C2" in d["flags"]
    assert not any(f.startswith("incomplete") for f in d["flags"])
    assert d["rank"] == 1
    assert d["status"] == "classé"


def test_floor_on_the_aggregate(tmp_path: Path) -> None:
    # floor 2 on C: d1 mean(1, 2) = 1.5 < 2 -> below-floor, total 37.5 but not ranked;
    # d2 mean(1.5, 2.5) = 2 exactly -> floor met, total 50, rank 1
    grid = scored_grid([("S", None, [("C", "s04", None, 2)])])
    rows = [("d1", "a1", "C", 1), ("d1", "a2", "C", 2),
            ("d2", "a1", "C", "1,5"), ("d2", "a2", "C", "2,5")]
    result, _ = run(tmp_path, grid, None, [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert d["d1"]["total"] == pytest.approx(37.5, abs=1e-9)
    assert "below-floor:C" in d["d1"]["flags"]
    assert (d["d1"]["rank"], d["d1"]["status"]) == (None, "non classé")
    assert "below-floor:C" not in d["d2"]["flags"]
    assert d["d2"]["rank"] == 1


def test_floor_uses_the_consensus(tmp_path: Path) -> None:
    # raw mean(1, 1) = 1 < floor 2, but consensus 3 >= 2 -> floor met, total 75
    grid = scored_grid([("S", None, [("C", "s04", None, 2)])])
    call = {"consensus": [{"dossier": "d1", "criterion": "C", "value": 3, "reason": "r"}]}
    result, _ = run(tmp_path, grid, call, [{"id": "d1"}],
                    [("d1", "a1", "C", 1), ("d1", "a2", "C", 1)])
    d = by_id(result)["d1"]
    assert "below-floor:C" not in d["flags"]
    assert d["total"] == pytest.approx(75, abs=1e-9)
    assert d["rank"] == 1


def test_unrated_floor_criterion_counts_as_not_met(tmp_path: Path) -> None:
    # renormalise: C2 (floor 1) unrated -> total from C1 alone = 100, but below-floor:C2
    grid = scored_grid([("S", None, [("C1", "s04", None, None), ("C2", "s04", None, 1)])])
    result, _ = run(tmp_path, grid, {"missing": "renormalise"}, [{"id": "d1"}],
                    [("d1", "a1", "C1", 4)])
    d = by_id(result)["d1"]
    assert d["total"] == pytest.approx(100, abs=1e-9)
    assert "below-floor:C2" in d["flags"]
    assert d["rank"] is None
    assert d["status"] == "non classé"


def test_threshold(tmp_path: Path) -> None:
    # threshold 50: d1 = 25 x 2 = 50 -> ranked (>=); d2 = 25 x 1.5 = 37.5 -> below-threshold
    grid = scored_grid([("S", None, [("C", "s04", None, None)])], threshold=50)
    result = ranked(tmp_path, {"d1": 2, "d2": 1.5}, grid=grid)
    d = by_id(result)
    assert d["d1"]["rank"] == 1
    assert "below-threshold" not in d["d1"]["flags"]
    assert "below-threshold" in d["d2"]["flags"]
    assert d["d2"]["total"] == pytest.approx(37.5, abs=1e-9)
    assert (d["d2"]["rank"], d["d2"]["status"]) == (None, "non classé")


def test_threshold_is_compared_with_tolerance(tmp_path: Path) -> None:
    # three criteria of weight 0.1: exact total = 100 x (0 + 2.5/4 + 3.5/4) / 3 = 50,
    # which floating point computes as 49.99999999999999: within 1e-9, so >= 50
    grid = scored_grid([("S", None, [("C1", "s04", 0.1, None), ("C2", "s04", 0.1, None),
                                     ("C3", "s04", 0.1, None)])], threshold=50)
    rows = [("d1", "a1", "C1", 0), ("d1", "a1", "C2", "2,5"), ("d1", "a1", "C3", "3,5")]
    result, _ = run(tmp_path, grid, None, [{"id": "d1"}], rows)
    d = by_id(result)["d1"]
    assert d["total"] == pytest.approx(50, abs=1e-9)
    assert "below-threshold" not in d["flags"]
    assert d["rank"] == 1


# ------------------------------------------------------------ ranking and ties
def test_unresolved_tie_gives_competition_ranks(tmp_path: Path) -> None:
    # totals 100, 75, 75, 50 -> ranks 1, 2, 2, 4; d2 and d3 flagged tie
    result = ranked(tmp_path, {"d1": 4, "d2": 3, "d3": 3, "d4": 2})
    d = by_id(result)
    assert [d[x]["rank"] for x in ("d1", "d2", "d3", "d4")] == [1, 2, 2, 4]
    assert "tie" in d["d2"]["flags"] and "tie" in d["d3"]["flags"]
    assert "tie" not in d["d1"]["flags"] and "tie" not in d["d4"]["flags"]
    assert [x["id"] for x in result["dossiers"]] == ["d1", "d2", "d3", "d4"]
    assert all(x["selected"] is None for x in result["dossiers"])  # no budget, no top
    assert result["selection"] is None


def test_tie_break_by_section(tmp_path: Path) -> None:
    # d1: C1 = 4, C2 = 0; d2: C1 = 0, C2 = 4 -> both total 50
    # section:S2 desc: S2 is 0 for d1, 1 for d2 -> d2 first; asc -> d1 first
    rows = [("d1", "a1", "C1", 4), ("d1", "a1", "C2", 0),
            ("d2", "a1", "C1", 0), ("d2", "a1", "C2", 4)]
    dossiers = [{"id": "d1"}, {"id": "d2"}]
    for sub, order, first in (("desc", "desc", "d2"), ("asc", "asc", "d1")):
        call = {"tie_breaks": [{"by": "section:S2", "order": order}]}
        result, _ = run(tmp_path / sub, TWO_SECTIONS, call, dossiers, rows)
        d = by_id(result)
        second = "d1" if first == "d2" else "d2"
        assert (d[first]["rank"], d[second]["rank"]) == (1, 2)
        assert d["d1"]["total"] == pytest.approx(50, abs=1e-9)
        assert d["d2"]["total"] == pytest.approx(50, abs=1e-9)
        assert "tie" not in d["d1"]["flags"] + d["d2"]["flags"]


def test_tie_break_by_criterion(tmp_path: Path) -> None:
    # same dossiers; criterion:C1 (desc by default): d1 has C1 = 4 -> first
    rows = [("d1", "a1", "C1", 4), ("d1", "a1", "C2", 0),
            ("d2", "a1", "C1", 0), ("d2", "a1", "C2", 4)]
    result, _ = run(tmp_path, TWO_SECTIONS, {"tie_breaks": [{"by": "criterion:C1"}]},
                    [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert (d["d1"]["rank"], d["d2"]["rank"]) == (1, 2)


def test_tie_break_by_date_ascending(tmp_path: Path) -> None:
    # equal totals (75); fact:submitted_at asc: the earliest first.
    # d1 wrote "05/03/2024" (= 2024-03-05), d2 2024-03-10, d3 2024-03-01 -> d3, d1, d2
    facts = {"d1": {"submitted_at": "05/03/2024"}, "d2": {"submitted_at": "2024-03-10"},
             "d3": {"submitted_at": "2024-03-01"}}
    result = ranked(tmp_path, {"d1": 3, "d2": 3, "d3": 3},
                    {"tie_breaks": [{"by": "fact:submitted_at", "order": "asc"}]}, facts)
    d = by_id(result)
    assert [d[x]["rank"] for x in ("d3", "d1", "d2")] == [1, 2, 3]
    assert not any("tie" in x["flags"] for x in result["dossiers"])


def test_tie_break_cascade_goes_to_the_next_step(tmp_path: Path) -> None:
    # C1 = C2 = 2 for both: section:S1 equal (1/2 each) -> fact:submitted_at asc decides
    rows = [(d, "a1", c, 2) for d in ("d1", "d2") for c in ("C1", "C2")]
    call = {"tie_breaks": [{"by": "section:S1"},
                           {"by": "fact:submitted_at", "order": "asc"}]}
    dossiers = [{"id": "d1", "submitted_at": "2024-03-02"},
                {"id": "d2", "submitted_at": "2024-03-01"}]
    result, _ = run(tmp_path, TWO_SECTIONS, call, dossiers, rows)
    d = by_id(result)
    assert (d["d2"]["rank"], d["d1"]["rank"]) == (1, 2)


def test_tie_break_still_equal_keeps_the_tie(tmp_path: Path) -> None:
    # same total, same date: still equal -> same rank, flag tie
    facts = {"d1": {"submitted_at": "2024-03-01"}, "d2": {"submitted_at": "2024-03-01"}}
    result = ranked(tmp_path, {"d1": 3, "d2": 3},
                    {"tie_breaks": [{"by": "fact:submitted_at", "order": "asc"}]}, facts)
    d = by_id(result)
    assert d["d1"]["rank"] == d["d2"]["rank"] == 1
    assert "tie" in d["d1"]["flags"] and "tie" in d["d2"]["flags"]


def test_unranked_dossiers_come_after_ranked_ones_by_id(tmp_path: Path) -> None:
    # b (100) and c (50) ranked; a, d unrated (incomplete) listed after, by id
    rows = [("b", "a1", "C", 4), ("c", "a1", "C", 2)]
    result, _ = run(tmp_path, ONE, None, [{"id": x} for x in "dcba"], rows)
    assert [x["id"] for x in result["dossiers"]] == ["b", "c", "a", "d"]


# ------------------------------------------------------------ budget walk
BUDGET_DOSSIERS = {"d1": 4, "d2": 3, "d3": 2}  # totals 100, 75, 50: ranks 1, 2, 3
AMOUNTS = {"d1": {"amount_requested": 60}, "d2": {"amount_requested": 50},
           "d3": {"amount_requested": 30}}


def test_rank_order_stops_at_the_first_dossier_that_does_not_fit(tmp_path: Path) -> None:
    # budget 100: d1 60 fits (40 left); d2 50 does not -> the walk stops;
    # d3 (30) would fit but is not selected
    result = ranked(tmp_path, BUDGET_DOSSIERS, {"budget": 100}, AMOUNTS)
    d = by_id(result)
    assert [d[x]["selected"] for x in ("d1", "d2", "d3")] == [True, False, False]
    sel = result["selection"]
    assert (sel["budget"], sel["spent"], sel["selected"], sel["line"]) == (100, 60, ["d1"], 2)
    assert [d[x]["status"] for x in ("d1", "d2", "d3")] == ["retenu", "non retenu",
                                                            "non retenu"]
    assert not any("skipped-budget" in x["flags"] for x in result["dossiers"])


def test_skip_goes_on_after_a_dossier_that_does_not_fit(tmp_path: Path) -> None:
    # budget 100: d1 60 (40 left); d2 50 skipped; d3 30 fits (10 left)
    result = ranked(tmp_path, BUDGET_DOSSIERS,
                    {"budget": 100, "selection": {"rule": "skip"}}, AMOUNTS)
    d = by_id(result)
    assert [d[x]["selected"] for x in ("d1", "d2", "d3")] == [True, False, True]
    assert "skipped-budget" in d["d2"]["flags"]
    assert (result["selection"]["spent"], result["selection"]["selected"]) == (90, ["d1", "d3"])


def test_reserve_list_is_the_next_rankable_not_selected(tmp_path: Path) -> None:
    # budget 100, rank-order, reserve 2: d1 60 selected; stops at d2;
    # reserve = d2, d3 (next two in rank order); d4 is neither; d5 not rankable
    values = {"d1": 4, "d2": 3.5, "d3": 3, "d4": 2.5, "d5": None}
    facts = {k: {"amount_requested": v} for k, v in
             {"d1": 60, "d2": 50, "d3": 30, "d4": 30, "d5": 10}.items()}
    result = ranked(tmp_path, values, {"budget": 100, "selection": {"reserve": 2}}, facts)
    d = by_id(result)
    assert result["selection"]["reserve"] == ["d2", "d3"]
    assert [d[x]["reserve"] for x in ("d1", "d2", "d3", "d4", "d5")] == [
        False, True, True, False, False]
    assert [d[x]["status"] for x in ("d1", "d2", "d3", "d4", "d5")] == [
        "retenu", "réserve", "réserve", "non retenu", "incomplet"]


def test_tie_at_the_funding_line_stops_the_walk(tmp_path: Path) -> None:
    # budget 150: d1 (rank 1) 100 -> 50 left; d2 and d3 tied at rank 2, 50 each:
    # 100 > 50, both cannot fit -> selected null, tie-at-line, the walk stops even
    # under `skip`: d4 (10) is not selected
    values = {"d1": 4, "d2": 3, "d3": 3, "d4": 2}
    facts = {k: {"amount_requested": v} for k, v in
             {"d1": 100, "d2": 50, "d3": 50, "d4": 10}.items()}
    result = ranked(tmp_path, values, {"budget": 150, "selection": {"rule": "skip"}}, facts)
    d = by_id(result)
    assert d["d1"]["selected"] is True
    for x in ("d2", "d3"):
        assert d[x]["selected"] is None
        assert "tie-at-line" in d[x]["flags"]
    assert d["d4"]["selected"] is False
    sel = result["selection"]
    assert (sel["selected"], sel["spent"], sel["line"]) == (["d1"], 100, 2)


def test_tie_at_the_line_when_no_tied_dossier_fits_alone(tmp_path: Path) -> None:
    # budget 120: d1 100 -> 20 left; d2, d3 tied at rank 2, 30 each: they cannot all
    # fit -> selected null + tie-at-line, the walk stops: d4 (10) not selected
    values = {"d1": 4, "d2": 3, "d3": 3, "d4": 2}
    facts = {k: {"amount_requested": v} for k, v in
             {"d1": 100, "d2": 30, "d3": 30, "d4": 10}.items()}
    result = ranked(tmp_path, values, {"budget": 120, "selection": {"rule": "skip"}}, facts)
    d = by_id(result)
    assert [d[x]["selected"] for x in ("d1", "d2", "d3", "d4")] == [True, None, None, False]
    assert "tie-at-line" in d["d2"]["flags"] and "tie-at-line" in d["d3"]["flags"]


def test_tied_group_that_fits_is_selected_whole(tmp_path: Path) -> None:
    # budget 100: d2, d3 tied at rank 1 with 50 each: 100 fits -> both selected
    result = ranked(tmp_path, {"d2": 3, "d3": 3}, {"budget": 100},
                    {"d2": {"amount_requested": 50}, "d3": {"amount_requested": 50}})
    assert result["selection"]["selected"] == ["d2", "d3"]
    assert result["selection"]["spent"] == 100


def test_partial_grant_for_the_dossier_at_the_line(tmp_path: Path) -> None:
    # budget 100, partial, minimum 20: d1 60 (40 left); d2 50 does not fit, but
    # 40 >= 20 -> d2 gets 40 (partial-grant), spent 100; d3 not selected
    call = {"budget": 100, "funding": {"partial": True, "minimum": 20}}
    result = ranked(tmp_path, BUDGET_DOSSIERS, call, AMOUNTS)
    d = by_id(result)
    assert d["d2"]["selected"] is True
    assert "partial-grant" in d["d2"]["flags"]
    assert d["d2"]["amounts"] == {"requested": 50, "proposed": 40, "granted": None}
    assert d["d3"]["selected"] is False
    assert (result["selection"]["spent"], result["selection"]["selected"]) == (100, ["d1", "d2"])


def test_partial_grant_follows_funding_round(tmp_path: Path) -> None:
    # budget 10,550: d1 6,000 taken (4,550 left); d2 5,000 does not fit: a partial grant
    # of what is left, rounded down like every amount: 4,550 in whole euros, 4,500 in
    # hundreds (50 then stay in the envelope); d3 is after the walk's end
    amounts = {"d1": {"amount_requested": 6000}, "d2": {"amount_requested": 5000},
               "d3": {"amount_requested": 3000}}
    for step, grant in ((1, 4550), (100, 4500)):
        call = {"budget": 10550, "funding": {"partial": True, "round": step}}
        result = ranked(tmp_path / str(step), BUDGET_DOSSIERS, call, amounts)
        d = by_id(result)
        assert d["d2"]["amounts"]["proposed"] == grant and "partial-grant" in d["d2"]["flags"]
        sel = result["selection"]
        assert (sel["spent"], sel["remaining"]) == (6000 + grant, 10550 - 6000 - grant)
        assert (sel["decided"]["committed"], sel["decided"]["remaining"]) == (
            6000 + grant, 10550 - 6000 - grant)
        assert d["d3"]["selected"] is False


def test_no_partial_grant_below_the_minimum(tmp_path: Path) -> None:
    # budget 100, partial, minimum 45: d1 60 (40 left); 40 < 45 -> d2 gets nothing and
    # the walk stops (rank-order); d3's 30 < 45 is below the minimum grant anyway
    call = {"budget": 100, "funding": {"partial": True, "minimum": 45}}
    result = ranked(tmp_path, BUDGET_DOSSIERS, call, AMOUNTS)
    d = by_id(result)
    assert [d[x]["selected"] for x in ("d1", "d2", "d3")] == [True, False, False]
    assert "partial-grant" not in d["d2"]["flags"]
    assert d["d2"]["amounts"]["proposed"] == 50
    assert "below-minimum-grant" in d["d3"]["flags"]
    assert result["selection"]["spent"] == 60


def test_rate_cap_and_minimum(tmp_path: Path) -> None:
    # rate 0.5, cap 30, minimum 10; proposed = min(requested, 0.5 x costs, 30):
    # d1: min(100, 40, 30) = 30; d2: min(25, 50, 30) = 25;
    # d3: min(50, 8, 30) = 8 < 10 -> below-minimum-grant, not selectable;
    # d4: min(20, 50, 30) = 20.  Budget 1000: everyone else fits (30 + 25 + 20 = 75)
    values = {"d1": 4, "d2": 3, "d3": 3.5, "d4": 2}
    facts = {"d1": {"amount_requested": 100, "eligible_costs": 80},
             "d2": {"amount_requested": 25, "eligible_costs": 100},
             "d3": {"amount_requested": 50, "eligible_costs": 16},
             "d4": {"amount_requested": 20, "eligible_costs": 100}}
    call = {"budget": 1000, "funding": {"rate": 0.5, "cap": 30, "minimum": 10}}
    result = ranked(tmp_path, values, call, facts)
    d = by_id(result)
    assert [d[x]["amounts"]["proposed"] for x in ("d1", "d2", "d3", "d4")] == [30, 25, 8, 20]
    assert [d[x]["amounts"]["requested"] for x in ("d1", "d2", "d3", "d4")] == [100, 25, 50, 20]
    assert "below-minimum-grant" in d["d3"]["flags"]
    assert d["d3"]["selected"] is False
    assert d["d3"]["rank"] == 2  # still ranked: only the money rules it out
    assert result["selection"]["selected"] == ["d1", "d2", "d4"]
    assert result["selection"]["spent"] == 75


def test_without_funding_block_proposed_is_requested(tmp_path: Path) -> None:
    result = ranked(tmp_path, {"d1": 4}, {"budget": 1000},
                    {"d1": {"amount_requested": 123.5, "eligible_costs": 10}})
    assert by_id(result)["d1"]["amounts"] == {"requested": 123.5, "proposed": 123.5,
                                              "granted": None}


def test_missing_amount_with_a_budget(tmp_path: Path) -> None:
    # d1 (rank 1) has no amount_requested: not selectable, the walk goes on to d2
    result = ranked(tmp_path, {"d1": 4, "d2": 3}, {"budget": 100},
                    {"d2": {"amount_requested": 50}})
    d = by_id(result)
    assert "unknown:amount_requested" in d["d1"]["flags"]
    assert d["d1"]["rank"] == 1
    # not selectable: never selected nor on the reserve list (false, or null while the
    # amount is awaited)
    assert d["d1"]["selected"] in (False, None)
    assert d["d1"]["reserve"] is False
    assert d["d1"]["amounts"]["requested"] is None
    assert d["d2"]["selected"] is True
    # without a budget, the amount is not required
    result = ranked(tmp_path / "nobudget", {"d1": 4}, None, {})
    assert "unknown:amount_requested" not in by_id(result)["d1"]["flags"]


def test_top_k_on_a_scored_grid(tmp_path: Path) -> None:
    # top 2 of totals 100, 75, 50: d1, d2 selected; reserve 1: d3
    result = ranked(tmp_path, {"d1": 4, "d2": 3, "d3": 2},
                    {"selection": {"top": 2, "reserve": 1}})
    d = by_id(result)
    assert result["selection"]["selected"] == ["d1", "d2"]
    assert result["selection"]["reserve"] == ["d3"]
    assert [d[x]["status"] for x in ("d1", "d2", "d3")] == ["retenu", "retenu", "réserve"]


def test_top_k_without_a_budget_spends_what_its_dossiers_hold(tmp_path: Path) -> None:
    # top 2 of totals 100, 75, 50 asking 25,000, 20,000, 15,000: d1 and d2 selected, the
    # proposal holds 25,000 + 20,000 = 45,000, and so does the same selection decided
    # (nothing is recorded): the two blocks say the same money; no envelope, no remainder
    amounts = {"d1": {"amount_requested": 25000}, "d2": {"amount_requested": 20000},
               "d3": {"amount_requested": 15000}}
    result = ranked(tmp_path / "a", {"d1": 4, "d2": 3, "d3": 2},
                    {"selection": {"top": 2}}, amounts)
    sel = result["selection"]
    assert (sel["rule"], sel["top"], sel["selected"]) == ("top:2", 2, ["d1", "d2"])
    assert (sel["budget"], sel["spent"], sel["remaining"]) == (None, 45000, None)
    assert (sel["decided"]["committed"], sel["decided"]["remaining"]) == (45000, None)
    # d2's amount unknown (no amount_requested: without a budget it is still selected):
    # it counts 0 in both, as in the walk's sum: 25,000
    del amounts["d2"]["amount_requested"]
    result = ranked(tmp_path / "b", {"d1": 4, "d2": 3, "d3": 2},
                    {"selection": {"top": 2}}, amounts)
    sel = result["selection"]
    assert sel["selected"] == ["d1", "d2"]
    assert (sel["spent"], sel["decided"]["committed"]) == (25000, 25000)
    # without amounts at all (a call that ranks, no money): 0 in both
    result = ranked(tmp_path / "c", {"d1": 4, "d2": 3}, {"selection": {"top": 1}})
    assert (result["selection"]["spent"], result["selection"]["decided"]["committed"]) == (
        0, 0)


def test_top_k_still_applies_with_a_budget(tmp_path: Path) -> None:
    # budget 1000, 10 each: the money allows all three; top 1 allows only d1
    result = ranked(tmp_path, {"d1": 4, "d2": 3, "d3": 2},
                    {"budget": 1000, "selection": {"top": 1}},
                    {k: {"amount_requested": 10} for k in ("d1", "d2", "d3")})
    assert result["selection"]["selected"] == ["d1"]


# ------------------------------------------------------------ checklist mode
def checklist_rows(did: str, values: dict[str, Any], assessor: str = "a1") -> list[tuple]:
    return [(did, assessor, c, v) for c, v in values.items()]


def test_checklist_verdicts(tmp_path: Path) -> None:
    # met >= 3, partly >= 2 (scale 1..4); K1, K2 core, K3 complementary
    cases = {
        "car": {"K1": 3, "K2": 4, "K3": 1},  # both core met -> caractérisé
        "par": {"K1": 3, "K2": 2, "K3": 4},  # K2 partly -> partiellement
        "non": {"K1": 1, "K2": 4, "K3": 4},  # K1 not met -> non caractérisé
        "ind": {"K1": 3, "K3": 4},  # K2 unrated -> indéterminé
        "non2": {"K1": 1, "K3": 4},  # K1 not met settles it although K2 is unrated
    }
    rows = [r for did, vals in cases.items() for r in checklist_rows(did, vals)]
    rows += [(did, "i1", "KX", "oui") for did in cases]
    result, _ = run(tmp_path, "engine-checklist", None, [{"id": d} for d in cases], rows)
    d = by_id(result)
    assert result["grid"]["mode"] == "checklist"
    assert {k: d[k]["verdict"] for k in cases} == {
        "car": "caractérisé", "par": "partiellement", "non": "non caractérisé",
        "ind": "indéterminé", "non2": "non caractérisé"}
    assert all(x["total"] is None for x in result["dossiers"])
    assert "incomplete:K2" in d["ind"]["flags"]
    assert d["ind"]["status"] == "incomplet"
    assert d["non"]["status"] == "non classé"
    assert d["car"]["rank"] == 1 and d["par"]["rank"] == 2


def test_checklist_median_by_default(tmp_path: Path) -> None:
    # K1 rated 2 and 4: lower middle 2 -> partly met (the mean 3 would be met)
    rows = [("d1", "a1", "K1", 2), ("d1", "a2", "K1", 4), ("d1", "a1", "K2", 3),
            ("d1", "i1", "KX", "oui")]
    result, _ = run(tmp_path, "engine-checklist", None, [{"id": "d1"}], rows)
    d = by_id(result)["d1"]
    assert result["call"]["aggregator"] == "median"
    assert d["criteria"]["K1"]["value"] == 2
    assert d["verdict"] == "partiellement"


def test_checklist_without_core_treats_all_as_core(tmp_path: Path) -> None:
    # no core flag: N1 = 3 met, N2 = 1 not met -> non caractérisé; both 3 -> caractérisé
    rows = [("d1", "a1", "N1", 3), ("d1", "a1", "N2", 1),
            ("d2", "a1", "N1", 3), ("d2", "a1", "N2", 3)]
    result, _ = run(tmp_path, "engine-checklist-nocore", None, [{"id": "d1"}, {"id": "d2"}],
                    rows)
    d = by_id(result)
    assert (d["d1"]["verdict"], d["d2"]["verdict"]) == ("non caractérisé", "caractérisé")


def test_checklist_eliminatory_no_and_gate_only(tmp_path: Path) -> None:
    # KX "non" -> ineligible:KX, irrecevable; the verdict itself ignores KX
    rows = [*checklist_rows("d1", {"K1": 4, "K2": 4}), ("d1", "i1", "KX", "non")]
    result, _ = run(tmp_path, "engine-checklist", None, [{"id": "d1"}], rows)
    d = by_id(result)["d1"]
    assert d["eligible"] is False
    assert "ineligible:KX" in d["flags"]
    assert d["verdict"] == "caractérisé"
    assert (d["status"], d["rank"]) == ("irrecevable", None)


def test_top_k_on_a_checklist_grid(tmp_path: Path) -> None:
    # a caractérisé, b partiellement, c non caractérisé (not rankable):
    # order a, b; top 1 -> a selected; b reserve (reserve 1); c not selected
    cases = {"a": {"K1": 4, "K2": 3}, "b": {"K1": 3, "K2": 2}, "c": {"K1": 1, "K2": 1}}
    rows = [r for did, vals in cases.items() for r in checklist_rows(did, vals)]
    rows += [(did, "i1", "KX", "oui") for did in cases]
    call = {"selection": {"top": 1, "reserve": 1}}
    result, _ = run(tmp_path, "engine-checklist", call, [{"id": d} for d in cases], rows)
    d = by_id(result)
    assert [d[x]["rank"] for x in "abc"] == [1, 2, None]
    assert [d[x]["selected"] for x in "abc"] == [True, False, False]
    assert result["selection"]["selected"] == ["a"]
    assert result["selection"]["reserve"] == ["b"]
    assert all(x["total"] is None for x in result["dossiers"])


def test_top_k_tie_at_the_line_on_a_checklist_grid(tmp_path: Path) -> None:
    # a and b both caractérisé with the same criteria met: tied; top 1 -> both null
    cases = {"a": {"K1": 3, "K2": 3, "K3": 1}, "b": {"K1": 4, "K2": 3, "K3": 1}}
    rows = [r for did, vals in cases.items() for r in checklist_rows(did, vals)]
    rows += [(did, "i1", "KX", "oui") for did in cases]
    result, _ = run(tmp_path, "engine-checklist", {"selection": {"top": 1}},
                    [{"id": d} for d in cases], rows)
    d = by_id(result)
    assert d["a"]["rank"] == d["b"]["rank"] == 1
    for x in "ab":
        assert d[x]["selected"] is None
        assert "tie-at-line" in d[x]["flags"]
    assert result["selection"]["selected"] == []


# ------------------------------------------------------------ profile mode
def test_profile_markers_present_and_never_a_total(tmp_path: Path) -> None:
    # present from 2: d1 M1 = 3, M2 = 1, M3 = 2 -> present [M1, M3];
    # blocks: social = mean(3, 1) = 2, territoire = 2
    # d2: M1 rated 1 and 3 -> median (lower middle) 1 -> absent; M2 = 2, M3 = 0
    rows = [("d1", "a1", "M1", 3), ("d1", "a1", "M2", 1), ("d1", "a1", "M3", 2),
            ("d2", "a1", "M1", 1), ("d2", "a2", "M1", 3), ("d2", "a1", "M2", "Marqué"),
            ("d2", "a1", "M3", 0)]
    result, _ = run(tmp_path, "engine-profile", None, [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert result["grid"]["mode"] == "profile"
    assert d["d1"]["profile"] == {"M1": 3, "M2": 1, "M3": 2, "present": ["M1", "M3"]}
    assert d["d1"]["sections"] == {"social": 2, "territoire": 2}
    assert d["d2"]["profile"]["present"] == ["M2"]
    assert d["d2"]["criteria"]["M1"]["value"] == 1
    for x in result["dossiers"]:
        assert x["total"] is None
        assert x["verdict"] is None


def test_top_k_on_a_profile_grid(tmp_path: Path) -> None:
    # markers present: a 3, b 1, c 2 -> order a, c, b; top 2 -> a, c
    vals = {"a": (3, 2, 2), "b": (2, 0, 1), "c": (2, 2, 0)}
    rows = [(did, "a1", f"M{i + 1}", v) for did, vs in vals.items() for i, v in enumerate(vs)]
    result, _ = run(tmp_path, "engine-profile", {"selection": {"top": 2}},
                    [{"id": d} for d in vals], rows)
    d = by_id(result)
    assert [d[x]["rank"] for x in "acb"] == [1, 2, 3]
    assert result["selection"]["selected"] == ["a", "c"]
    assert [d[x]["selected"] for x in "acb"] == [True, True, False]
    assert all(x["total"] is None for x in result["dossiers"])


# ------------------------------------------------------------ eligibility
ELIG_FACTS: dict[str, Any] = {
    "region": {"type": "string"},
    "legal_form": {"type": "string"},
    "employees": {"type": "integer"},
    "amount_requested": {"type": "number"},
    "eligible_costs": {"type": "number"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "partners": {"type": "array", "items": {"type": "object", "properties": {
        "name": {"type": "string"}, "type": {"type": "string"}}}},
    "website": {"type": "string"},
    "sanction": {"type": "string"},
    "postcode": {"type": "string"},
    "siret": {"type": "string"},
}

# (rule without id/label, facts that pass, facts that fail, outcome with no facts)
OPERATOR_CASES: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]] = {
    "equals": ({"fact": "region", "equals": "Alsace"},
               {"region": "Alsace"}, {"region": "Lorraine"}, "unknown"),
    "not-equals": ({"fact": "legal_form", "not-equals": "SA"},
                   {"legal_form": "association"}, {"legal_form": "SA"}, "unknown"),
    "in": ({"fact": "legal_form", "in": ["association", "scop"]},
           {"legal_form": "scop"}, {"legal_form": "sarl"}, "unknown"),
    "not-in": ({"fact": "region", "not-in": ["Corse"]},
               {"region": "Alsace"}, {"region": "Corse"}, "unknown"),
    "lt": ({"fact": "employees", "lt": 50}, {"employees": 49}, {"employees": 50}, "unknown"),
    "le": ({"fact": "amount_requested", "le": 30000},
           {"amount_requested": 30000}, {"amount_requested": 30001}, "unknown"),
    "gt": ({"fact": "eligible_costs", "gt": 1000},
           {"eligible_costs": 1001}, {"eligible_costs": 1000}, "unknown"),
    "ge": ({"fact": "employees", "ge": 1}, {"employees": 1}, {"employees": 0}, "unknown"),
    "contains": ({"fact": "tags", "contains": "insertion"},
                 {"tags": ["emploi", "insertion"]}, {"tags": ["emploi"]}, "unknown"),
    "contains-all": ({"fact": "tags", "contains-all": ["insertion", "emploi"]},
                     {"tags": ["emploi", "culture", "insertion"]}, {"tags": ["insertion"]},
                     "unknown"),
    "contains-any": ({"fact": "tags", "contains-any": ["insertion", "handicap"]},
                     {"tags": ["handicap"]}, {"tags": ["emploi", "culture"]}, "unknown"),
    "present": ({"fact": "website", "present": True},
                {"website": "https://exemple.org"}, {}, "fail"),
    "absent": ({"fact": "sanction", "absent": True}, {}, {"sanction": "2019"}, "pass"),
    "list-contains-all": (
        {"fact": "partners[].type", "contains-all": ["recherche", "collectivite"]},
        {"partners": [{"name": "Labo", "type": "recherche"},
                      {"name": "Ville", "type": "collectivite"}]},
        {"partners": [{"name": "Labo", "type": "recherche"}]}, "unknown"),
    "list-every-item": (
        {"fact": "partners[].type", "in": ["recherche", "collectivite", "association"]},
        {"partners": [{"name": "Labo", "type": "recherche"},
                      {"name": "Asso", "type": "association"}]},
        {"partners": [{"name": "Labo", "type": "recherche"},
                      {"name": "SA", "type": "entreprise"}]}, "unknown"),
    "fact-to-fact": (
        {"fact": "amount_requested", "le": {"fact": "eligible_costs", "times": 0.5}},
        {"amount_requested": 20000, "eligible_costs": 40000},  # 20000 <= 0.5 x 40000
        {"amount_requested": 20001, "eligible_costs": 40000}, "unknown"),
    "all": ({"all": [{"fact": "region", "equals": "Alsace"}, {"fact": "employees", "ge": 1}]},
            {"region": "Alsace", "employees": 3}, {"region": "Alsace", "employees": 0},
            "unknown"),
    "any": ({"any": [{"fact": "legal_form", "equals": "scop"},
                     {"fact": "tags", "contains": "handicap"}]},
            {"legal_form": "sarl", "tags": ["handicap"]},
            {"legal_form": "sarl", "tags": ["emploi"]}, "unknown"),
    "not": ({"not": {"fact": "region", "equals": "Corse"}},
            {"region": "Alsace"}, {"region": "Corse"}, "unknown"),
}


def elig_grid(rules: list[dict[str, Any]]) -> str:
    return scored_grid([("S", None, [("C", "s04", None, None)])], facts=ELIG_FACTS,
                       eligibility=rules)


@pytest.mark.parametrize("name", sorted(OPERATOR_CASES))
def test_eligibility_operator(tmp_path: Path, name: str) -> None:
    rule, good, bad, missing = OPERATOR_CASES[name]
    grid = elig_grid([{"id": "r", "label": f"Règle {name}", **rule}])
    dossiers = [{"id": "p", **good}, {"id": "f", **bad}, {"id": "m"}]
    rows = [(x, "a1", "C", 3) for x in ("p", "f", "m")]
    result, _ = run(tmp_path, grid, None, dossiers, rows)
    d = by_id(result)
    assert d["p"]["eligibility"] == {"r": "pass"}
    assert (d["p"]["eligible"], d["p"]["status"], d["p"]["rank"]) == (True, "classé", 1)
    assert d["f"]["eligibility"] == {"r": "fail"}
    assert (d["f"]["eligible"], d["f"]["status"], d["f"]["rank"]) == (False, "irrecevable", None)
    assert "ineligible:r" in d["f"]["flags"]
    assert d["m"]["eligibility"] == {"r": missing}
    if missing == "unknown":
        assert (d["m"]["eligible"], d["m"]["status"], d["m"]["rank"]) == (
            None, "à vérifier", None)
        assert "unknown:r" in d["m"]["flags"]
    else:
        assert d["m"]["eligible"] is (missing == "pass")


def test_eligibility_three_valued_logic(tmp_path: Path) -> None:
    # any(pass, unknown) = pass; all(fail, unknown) = fail; all(pass, unknown) = unknown;
    # a comparison with a missing other fact is unknown
    rules = [
        {"id": "any", "label": "Au moins une", "any": [
            {"fact": "legal_form", "equals": "scop"}, {"fact": "tags", "contains": "handicap"}]},
        {"id": "all-fail", "label": "Toutes (échec)", "all": [
            {"fact": "region", "equals": "Alsace"}, {"fact": "employees", "ge": 1}]},
        {"id": "all-unknown", "label": "Toutes (inconnu)", "all": [
            {"fact": "tags", "contains": "handicap"}, {"fact": "region", "equals": "Alsace"}]},
        {"id": "ratio", "label": "Taux", "fact": "amount_requested",
         "le": {"fact": "eligible_costs", "times": 0.5}},
    ]
    dossier = {"id": "d1", "tags": ["handicap"], "employees": 0, "amount_requested": 10}
    result, _ = run(tmp_path, elig_grid(rules), None, [dossier], [("d1", "a1", "C", 3)])
    d = by_id(result)["d1"]
    assert d["eligibility"] == {"any": "pass", "all-fail": "fail", "all-unknown": "unknown",
                                "ratio": "unknown"}
    assert d["eligible"] is False  # one fail wins over unknowns
    assert {"ineligible:all-fail", "unknown:all-unknown", "unknown:ratio"} <= set(d["flags"])


def test_eliminatory_no_makes_the_dossier_ineligible(tmp_path: Path) -> None:
    # mini-scored: B1, B2, I1 all 4 -> total 100 for everyone (X1 never counts).
    # d1: X1 "non" -> ineligible:X1; d2: oui and non -> minimum = non -> ineligible;
    # d3: oui -> eligible, rank 1; d4: non, but consensus oui -> eligible
    facts = {"region": "Alsace", "partners": [{"name": "Labo", "type": "recherche"},
                                              {"name": "Ville", "type": "collectivite"}]}
    rows = [(x, "a1", c, 4) for x in ("d1", "d2", "d3", "d4") for c in ("B1", "B2", "I1")]
    rows += [("d1", "i1", "X1", "non"), ("d2", "i1", "X1", "oui"), ("d2", "i2", "X1", 0),
             ("d3", "i1", "X1", "oui"), ("d4", "i1", "X1", "non")]
    call = {"consensus": [{"dossier": "d4", "criterion": "X1", "value": "oui",
                           "reason": "Pièce reçue après instruction."}]}
    dossiers = [{"id": x, **facts} for x in ("d1", "d2", "d3", "d4")]
    result, _ = run(tmp_path, "mini-scored", call, dossiers, rows)
    d = by_id(result)
    for x in ("d1", "d2"):
        assert d[x]["eligibility"]["X1"] == "fail"
        assert d[x]["eligible"] is False
        assert "ineligible:X1" in d[x]["flags"]
        assert d[x]["status"] == "irrecevable"
        assert d[x]["total"] == pytest.approx(100, abs=1e-9)
    assert d["d3"]["eligible"] is True and d["d3"]["total"] == pytest.approx(100, abs=1e-9)
    assert d["d4"]["eligible"] is True
    assert d["d3"]["rank"] == d["d4"]["rank"] == 1


def test_unrated_eliminatory_criterion_is_unknown(tmp_path: Path) -> None:
    facts = {"region": "Alsace", "partners": [{"name": "Labo", "type": "recherche"},
                                              {"name": "Ville", "type": "collectivite"}]}
    rows = [("d1", "a1", c, 4) for c in ("B1", "B2", "I1")]
    result, _ = run(tmp_path, "mini-scored", None, [{"id": "d1", **facts}], rows)
    d = by_id(result)["d1"]
    assert d["eligibility"]["X1"] == "unknown"
    assert (d["eligible"], d["status"]) == (None, "à vérifier")
    assert "unknown:X1" in d["flags"]


# ------------------------------------------------------------ reading inputs
def test_string_facts_keep_what_was_written(tmp_path: Path) -> None:
    # unquoted in YAML, 01000 would be the octal 512 and the SIRET an integer
    raw = ("id: d1\n"
           "title: Projet\n"
           "postcode: 01000\n"
           "siret: 00012345678903\n"
           "region: Alsace\n")
    rules = [{"id": "cp", "label": "Code postal de l'Ain", "fact": "postcode",
              "in": ["01000", "01100"]},
             {"id": "siret", "label": "SIRET connu", "fact": "siret",
              "equals": "00012345678903"}]
    result, loaded = run(tmp_path, elig_grid(rules), None, [raw], [("d1", "a1", "C", 3)])
    facts = loaded.dossiers[0].facts
    assert facts["postcode"] == "01000"
    assert facts["siret"] == "00012345678903"
    assert by_id(result)["d1"]["eligibility"] == {"cp": "pass", "siret": "pass"}


def test_decimal_comma_and_level_labels_in_ratings(tmp_path: Path) -> None:
    # "3,5" = 3.5 and "Bon" = 3: mean 3.25 -> total 81.25; "excellent" (any case) = 4
    result, _ = run(tmp_path, ONE, None, [{"id": "d1"}, {"id": "d2"}],
                    [("d1", "a1", "C", "3,5"), ("d1", "a2", "C", "Bon"),
                     ("d2", "a1", "C", "excellent")])
    d = by_id(result)
    assert d["d1"]["criteria"]["C"]["value"] == pytest.approx(3.25, abs=1e-12)
    assert d["d1"]["total"] == pytest.approx(81.25, abs=1e-9)
    assert d["d2"]["total"] == pytest.approx(100, abs=1e-9)


def test_semicolon_csv_with_decimal_commas(tmp_path: Path) -> None:
    # what a French spreadsheet writes: ';' separator, unquoted decimal comma
    folder = make_call(tmp_path, ONE, None, [{"id": "d1"}])
    (folder / "ratings").mkdir()
    (folder / "ratings" / "jury.csv").write_text(
        "dossier;assessor;criterion;value;comment\n"
        "d1;a1;C;2,5;bien\n"
        "d1;a2;C;NE;pas lu\n", encoding="utf-8")
    d = by_id(score(load_call(folder)).to_json())["d1"]
    assert (d["criteria"]["C"]["value"], d["criteria"]["C"]["na"]) == (2.5, 1)
    assert d["total"] == pytest.approx(62.5, abs=1e-9)


def test_duplicate_rating_is_an_error(tmp_path: Path) -> None:
    folder = make_call(tmp_path, ONE, None, [{"id": "d1"}],
                       [("d1", "a1", "C", 3), ("d1", "a1", "C", 4)])
    with pytest.raises(CallError) as info:
        load_call(folder)
    assert "duplicate-rating" in [d.code for d in info.value.diagnostics]
    assert info.value.exit_code == 1


def test_unknown_criterion_names_file_and_line(tmp_path: Path) -> None:
    # header on line 1, C on line 2, ZZ on line 3 of ratings/a1.csv
    folder = make_call(tmp_path, ONE, None, [{"id": "d1"}],
                       [("d1", "a1", "C", 3), ("d1", "a1", "ZZ", 2)])
    with pytest.raises(CallError) as info:
        load_call(folder)
    diags = [d for d in info.value.diagnostics if d.code == "unknown-criterion"]
    assert len(diags) == 1
    loc = diags[0].location
    assert Path(loc.file).as_posix().endswith("ratings/a1.csv")
    assert loc.line == 3


def test_quick_fact_check_agrees_with_the_schema() -> None:
    """The fast path for flat facts never accepts what the JSON Schema refuses."""
    import jsonschema

    from isgrid.grid.facts import fact_schema, quick_valid
    from isgrid.grid.model import FactSpec

    facts = {
        "region": FactSpec(type="string", enum=["Alsace", "Lorraine"]),
        "amount_requested": FactSpec(type="number", minimum=0),
        "n": FactSpec(type="integer", maximum=10),
        "ok": FactSpec(type="boolean"),
        "submitted_at": FactSpec(type="date"),
    }
    validator = jsonschema.Draft202012Validator(
        fact_schema(facts), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    cases = [
        {"region": "Alsace", "amount_requested": 10, "n": 3, "ok": True,
         "submitted_at": "2016-03-01"},
        {"region": "Bretagne"}, {"amount_requested": -1}, {"amount_requested": True},
        {"n": 11}, {"n": 2.5}, {"ok": "oui"}, {"submitted_at": "2016-13-45"},
        {"submitted_at": "01/03/2016"}, {"region": 67}, {},
    ]
    for typed in cases:
        if quick_valid(typed, facts):
            assert validator.is_valid(typed), typed
    assert quick_valid(cases[0], facts)


def test_disagreement_reads_each_criterion_s_own_scale(tmp_path: Path) -> None:
    # A on 0..4 (half the range: 2), B on 0..10 (half: 5), both spread over the
    # criteria's columns at once:
    # d1: A 0 and 3 (spread 3 >= 2: flagged), B 0 and 3 (3 < 5: not flagged);
    # d2: A 1 and 1 (0: not), B 0 and 5 (5 >= 5: flagged)
    grid = yaml.safe_load(scored_grid([("S", None, [("A", "s04", None, None),
                                                    ("B", "s04", None, None)])]))
    grid["scales"]["s010"] = {"levels": [{"value": i, "label": f"Niveau {i}"}
                                         for i in range(11)]}
    for section in grid["sections"]:
        for criterion in section["criteria"]:
            if criterion["id"] == "B":
                criterion["scale"] = "s010"
    rows = [("d1", "a1", "A", 0), ("d1", "a2", "A", 3), ("d1", "a1", "B", 0),
            ("d1", "a2", "B", 3), ("d2", "a1", "A", 1), ("d2", "a2", "A", 1),
            ("d2", "a1", "B", 0), ("d2", "a2", "B", 5)]
    result, _ = run(tmp_path, yaml.safe_dump(grid, allow_unicode=True), None,
                    [{"id": "d1"}, {"id": "d2"}], rows)
    d = by_id(result)
    assert [f for f in d["d1"]["flags"] if f.startswith("disagreement")] == ["disagreement:A"]
    assert [f for f in d["d2"]["flags"] if f.startswith("disagreement")] == ["disagreement:B"]


def test_propose_ranks_by_a_criterion_tie_break(tmp_path: Path) -> None:
    """``propose`` of a scored grid makes no cell (the analyses' and the minutes' many
    proposals), except when a tie-break reads a criterion: d1 (C1 4, C2 0) and d2 (C1 0,
    C2 4) both total 50; ``criterion:C2`` desc puts d2 first, asc d1, as ``score`` does."""
    from isgrid.engine import propose

    rows = [("d1", "a1", "C1", 4), ("d1", "a1", "C2", 0),
            ("d2", "a1", "C1", 0), ("d2", "a1", "C2", 4)]
    dossiers = [{"id": "d1"}, {"id": "d2"}]
    for order, first in (("desc", "d2"), ("asc", "d1")):
        call = {"tie_breaks": [{"by": "criterion:C2", "order": order}]}
        result, loaded = run(tmp_path / order, TWO_SECTIONS, call, dossiers, rows)
        ranks = {s.id: s.rank for s in propose(loaded)}
        second = "d1" if first == "d2" else "d2"
        assert ranks == {first: 1, second: 2}
        assert {d: by_id(result)[d]["rank"] for d in ranks} == ranks
