"""``eligibility_many`` (a whole call at once) reads every dossier as the rules say, one
dossier at a time (the reference below is the engine's per-dossier code before the
whole-call reading; ``eligibility()`` is now that reading of one row)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from isgrid.engine.eligibility import eligibility, eligibility_many, eliminatory_state, verdict
from isgrid.engine.maps import FrozenDict
from isgrid.grid.facts import evaluate
from isgrid.grid.load import load_grid


def _one_dossier(grid: Any, facts: dict[str, Any],
                 eliminatory: list[tuple[str, float | None, float]]
                 ) -> tuple[dict[str, str], bool | None, list[str]]:
    """The reference: each rule evaluated on the dossier, then its eliminatory criteria."""
    out = {rule.id: evaluate(rule, facts) for rule in grid.eligibility}
    for cid, value, lowest in eliminatory:
        out[cid] = eliminatory_state(value, lowest)
    flags = [f"ineligible:{rid}" if o == "fail" else f"unknown:{rid}"
             for rid, o in out.items() if o != "pass"]
    return out, verdict(out.values()), flags

#: values the shipped grids' rules read, with missing and ill-typed ones among them
POOL: dict[str, list[Any]] = {
    "departement": ["02", "60", "80", "67", "68", "75", " 80 ", 80, None],
    "phase": ["amorçage", "émergence", "développement", "idée", "", None],
    "partners": [[], [{"type": "beneficiaires"}],
                 [{"type": "beneficiaires"}, {"type": "recherche"},
                  {"type": "acteur-secteur"}], [{"name": "x"}], None],
    "amount_requested": [0, 5000, 12000.5, 40000, 200000, "beaucoup", None],
    "eligible_costs": [0, 8000, 20000, 100000.0, None],
    "years_of_existence": [0, 1, 3, 10, None, "trois"],
    "operating_income": [0, 50000, 2_000_000, None],
    "spread_plan": [True, False, "oui", None],
}


def _facts(rng: random.Random) -> dict[str, Any]:
    return {k: v for k, values in POOL.items()
            if (v := rng.choice(values)) is not None or rng.random() < 0.3}


@pytest.mark.parametrize("grid", ["picardie-sieg-2015", "val-de-marne-ess-2024",
                                  "la-france-s-engage-2024", "alsace-aap-2016"])
def test_the_same_reading_as_one_dossier_at_a_time(grid: str) -> None:
    g = load_grid(grid).grid
    rng = random.Random(grid)
    facts = [_facts(rng) for _ in range(300)]
    # an eliminatory column (criterion ids of the grid when it has some, else made up)
    elim_ids = [c.id for c in g.criteria() if c.eliminatory] or ["E1"]
    columns = [(cid, [rng.choice([None, 0.0, 1.0, 0.0000001, 2.5]) for _ in facts], 0.0)
               for cid in elim_ids]
    many = eligibility_many(g, facts, columns)
    assert len(many) == len(facts)
    seen = set()
    for i, f in enumerate(facts):
        one = [(cid, values[i], lowest) for cid, values, lowest in columns]
        one_map, one_ok, one_flags = _one_dossier(g, f, one)
        assert eligibility(g, f, one) == (one_map, one_ok, one_flags)
        m, ok, flags = many[i]
        assert dict(m) == one_map and list(m) == list(one_map)
        assert ok is one_ok and list(flags) == one_flags
        assert isinstance(m, FrozenDict) and isinstance(flags, tuple)
        seen.add(id(m))
    # the readings are shared: fewer distinct maps than dossiers; the draws reach
    # more than one verdict
    assert len(seen) < len(facts)
    assert len({ok for _, ok, _ in many}) >= 2


def test_the_rule_by_hand() -> None:
    """Alsace: département 67 or 68; an eliminatory criterion at its scale's lowest fails."""
    g = load_grid("alsace-aap-2016").grid
    rule = g.eligibility[0].id
    crit = next(c for c in g.criteria() if c.eliminatory)
    lowest = g.scales[crit.scale].min
    facts = [{"departement": "67"}, {"departement": "75"}, {}, {"departement": "68"}]
    values = [lowest + 1, lowest + 1, lowest + 1, None]
    many = eligibility_many(g, facts, [(crit.id, values, lowest)])
    assert [ok for _, ok, _ in many] == [True, False, None, None]
    assert many[1][2] == (f"ineligible:{rule}",)
    assert many[2][2] == (f"unknown:{rule}",)
    assert many[3][2] == (f"unknown:{crit.id}",)
    assert dict(many[0][0]) == {rule: "pass", crit.id: "pass"}
    assert eligibility_many(g, [], [(crit.id, [], lowest)]) == []


def test_no_rule_and_no_criterion() -> None:
    g = load_grid("alsace-aap-2016").grid.model_copy(update={"eligibility": []})
    out = eligibility_many(g, [{}, {"x": 1}], [])
    assert [(dict(m), ok, flags) for m, ok, flags in out] == [({}, True, ())] * 2
