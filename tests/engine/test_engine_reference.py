"""The engine against the independent reference (tests/reference/), on random calls.

Each example is a real call folder (grid.yaml, call.yaml, dossiers/*.yaml,
ratings/*.csv) loaded with :func:`isgrid.call.load.load_call` and scored with
:func:`isgrid.engine.score`; the same call, as plain data, goes through the
reference.  Totals, completeness, eligibility, ranks, the selection and the
reserve must agree.
"""

from __future__ import annotations

import math
from typing import Any

import hypothesis.strategies as st
import yaml
from hypothesis import HealthCheck, event, given, settings

import reference
from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.engine import score

LEVELS = {
    "s04": ["Insuffisant", "Faible", "Moyen", "Bon", "Excellent"],
    "s15": ["Très faible", "Faible", "Moyen", "Fort", "Très fort"],
}
BOUNDS = {"s04": (0.0, 4.0), "s15": (1.0, 5.0)}
VALUES = {
    "s04": [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0],  # half steps allowed
    "s15": [1.0, 2.0, 3.0, 4.0, 5.0],
}
FLOORS = {"s04": [None] * 8 + [1, 2, 2.5], "s15": [None] * 8 + [2, 3]}
COMPARED_FLAGS = {
    "incomplete", "renormalised", "below-floor", "below-threshold", "ineligible", "unknown",
    "tie", "tie-broken", "tie-at-line", "skipped-budget",
}
WALK_FLAGS = {"tie-at-line", "skipped-budget"}
DATES = ["2024-03-01", "2024-03-02"]


def grid_yaml(spec: dict[str, Any]) -> str:
    """The grid file for a spec: sections, weights, floors, scales, threshold."""
    params: dict[str, Any] = {}
    sections = []
    for sec in spec["sections"]:
        crits = []
        for c in spec["criteria"]:
            if c["section"] != sec["id"]:
                continue
            item: dict[str, Any] = {
                "id": c["id"], "label": f"Critère {c['id']}", "scale": c["scale"],
                "dimension": "D1", "provenance": {"status": "inferred"},
            }
            if c["weight"] is not None:
                item["weight"] = c["weight"]
                params[f"criteria.{c['id']}.weight"] = {"status": "inferred"}
            if c["floor"] is not None:
                item["floor"] = c["floor"]
                params[f"criteria.{c['id']}.floor"] = {"status": "inferred"}
            crits.append(item)
        if sec["id"] == spec["sections"][-1]["id"]:
            for x in spec["eliminatory"]:
                crits.append({"id": x, "label": "Condition", "scale": "yesno",
                              "eliminatory": True, "rated_by": "instructeur",
                              "dimension": "D10", "provenance": {"status": "inferred"}})
        s: dict[str, Any] = {"id": sec["id"], "label": f"Axe {sec['id']}", "criteria": crits}
        if sec["weight"] is not None:
            s["weight"] = sec["weight"]
            params[f"sections.{sec['id']}.weight"] = {"status": "inferred"}
        sections.append(s)
    scales: dict[str, Any] = {
        sid: {"levels": [{"value": int(BOUNDS[sid][0]) + i, "label": lab}
                         for i, lab in enumerate(labels)],
              "half_steps": sid == "s04"}
        for sid, labels in LEVELS.items()
    }
    scales["yesno"] = {"levels": [{"value": 0, "label": "non"}, {"value": 1, "label": "oui"}],
                       "na": False}
    grid: dict[str, Any] = {
        "id": "prop-grid", "version": "1", "title": "Grille aléatoire", "mode": "scored",
        "scales": scales,
        "facts": {
            "amount_requested": {"type": "number"},
            "eligible_costs": {"type": "number"},
            "submitted_at": {"type": "date"},
        },
        "sections": sections,
    }
    if spec["threshold"] is not None:
        grid["threshold"] = spec["threshold"]
        params["threshold"] = {"status": "inferred"}
    if params:
        grid["parameters"] = params
    return yaml.safe_dump(grid, allow_unicode=True, sort_keys=False)


def written(value: Any, scale: str, style: int) -> Any:
    """How an assessor wrote ``value``: a number, a decimal comma, a label, NE, empty."""
    if value is None:
        return None
    if value == "na":
        return ["na", "NE", "n/a"][style % 3]
    if scale == "yesno":
        return ["non", "oui"][int(value)] if style % 2 else int(value)
    if not float(value).is_integer():
        return f"{value:g}".replace(".", ",") if style % 2 else f"{value:g}"
    if style % 3 == 2:
        return LEVELS[scale][int(value - BOUNDS[scale][0])]
    return int(value)


@st.composite
def calls(draw: st.DrawFn) -> dict[str, Any]:
    n_sections = draw(st.integers(1, 3))
    sections = [{"id": f"S{i + 1}", "weight": draw(st.sampled_from([None, 0.5, 1, 2, 3]))}
                for i in range(n_sections)]
    criteria = []
    for sec in sections:
        for _ in range(draw(st.integers(1, 3))):
            scale = draw(st.sampled_from(["s04", "s15"]))
            criteria.append({
                "id": f"C{len(criteria) + 1}", "section": sec["id"], "scale": scale,
                "weight": draw(st.sampled_from([None, 0.5, 1, 2, 3])),
                "lo": BOUNDS[scale][0], "hi": BOUNDS[scale][1],
                "floor": draw(st.sampled_from(FLOORS[scale])),
            })
    eliminatory = ["X1"] if draw(st.booleans()) else []
    assessors = [f"a{i + 1}" for i in range(draw(st.integers(1, 4)))]
    n_dossiers = draw(st.integers(1, 6))
    # a few rating profiles shared by several dossiers, so that exact ties happen
    n_profiles = draw(st.integers(1, n_dossiers))
    cell = st.one_of(st.none(), st.just("na"), st.just("absent"))
    profiles = []
    for _ in range(n_profiles):
        prof: dict[tuple[str, str], Any] = {}
        for a in assessors:
            for c in criteria:
                v = draw(st.one_of(st.sampled_from(VALUES[c["scale"]]), cell)
                         if draw(st.integers(0, 4)) == 0
                         else st.sampled_from(VALUES[c["scale"]]))
                prof[(a, c["id"])] = v
            for x in eliminatory:
                prof[(a, x)] = draw(st.sampled_from([1] * 6 + [0, None, "absent"]))
        profiles.append(prof)
    dossiers = []
    ratings: dict[tuple[str, str, str], Any] = {}
    styles: dict[tuple[str, str, str], int] = {}
    for i in range(n_dossiers):
        did = f"d{i + 1}"
        facts: dict[str, Any] = {}
        amount = draw(st.sampled_from([None, 10, 10, 20, 20, 30, 50]))
        if amount is not None:
            facts["amount_requested"] = amount
        facts["eligible_costs"] = draw(st.sampled_from([20, 40, 100]))
        date = draw(st.sampled_from([None, *DATES]))
        if date is not None:
            facts["submitted_at"] = date
        dossiers.append({"id": did, "facts": facts})
        prof = profiles[draw(st.integers(0, n_profiles - 1))]
        for (a, cid), v in prof.items():
            if v != "absent":
                ratings[(did, a, cid)] = v
                styles[(did, a, cid)] = draw(st.integers(0, 5))
    consensus: dict[tuple[str, str], float] = {}
    if draw(st.integers(0, 3)) == 0:
        c = draw(st.sampled_from(criteria))
        d = draw(st.sampled_from(dossiers))
        consensus[(d["id"], c["id"])] = draw(st.sampled_from(VALUES[c["scale"]]))
    tie_candidates = (
        [("section", s["id"], o) for s in sections for o in ("desc", "asc")]
        + [("criterion", c["id"], "desc") for c in criteria]
        + [("fact", "submitted_at", "asc")]
    )
    tie_breaks = draw(st.lists(st.sampled_from(tie_candidates), max_size=2, unique=True))
    budget = draw(st.sampled_from([None, 0, 20, 30, 40, 50, 60, 100, 1000]))
    funding = draw(st.sampled_from([None, None, {"cap": 25}, {"rate": 0.5},
                                    {"rate": 0.5, "cap": 15}]))
    return {
        "sections": sections, "criteria": criteria, "eliminatory": eliminatory,
        "threshold": draw(st.sampled_from([None, None, 0, 30, 50, 62.5])),
        "aggregator": draw(st.sampled_from(["mean", "median", "trimmed-mean"])),
        "missing": draw(st.sampled_from(["incomplete", "renormalise"])),
        "ratings": ratings, "styles": styles, "consensus": consensus,
        "dossiers": dossiers, "tie_breaks": tie_breaks, "budget": budget,
        "funding": funding, "rule": draw(st.sampled_from(["rank-order", "skip"])),
        "reserve": draw(st.integers(0, 3)),
    }


def write_call(root: Any, spec: dict[str, Any]) -> Any:
    scale_of = {c["id"]: c["scale"] for c in spec["criteria"]}
    scale_of.update({x: "yesno" for x in spec["eliminatory"]})
    call: dict[str, Any] = {"aggregator": spec["aggregator"], "missing": spec["missing"],
                            "tie_breaks": [{"by": f"{k}:{r}", "order": o}
                                           for k, r, o in spec["tie_breaks"]]}
    if spec["consensus"]:
        call["consensus"] = [{"dossier": d, "criterion": c, "value": v, "reason": "accord"}
                             for (d, c), v in spec["consensus"].items()]
    if spec["budget"] is not None:
        call["budget"] = spec["budget"]
        call["selection"] = {"rule": spec["rule"], "reserve": spec["reserve"]}
        if spec["funding"] is not None:
            call["funding"] = spec["funding"]
    rows = [(d, a, c, written(v, scale_of[c], spec["styles"][(d, a, c)]))
            for (d, a, c), v in spec["ratings"].items()]
    dossiers = [{"id": d["id"], **d["facts"]} for d in spec["dossiers"]]
    return make_call(root, grid_yaml(spec), call, dossiers, rows)


def ref_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the reference reads it (funding only applies with a budget here)."""
    out = dict(spec)
    if spec["budget"] is None:
        out["funding"] = None
    return out


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=calls())
def test_engine_matches_reference(tmp_path_factory: Any, spec: dict[str, Any]) -> None:
    folder = write_call(tmp_path_factory.mktemp("prop"), spec)
    result = score(load_call(folder)).to_json()
    ref = reference.score_call(ref_spec(spec))
    # the one known divergence (see test_engine_cases: tie at the line, none fits alone)
    walk_known = False  # the engine now follows DESIGN.md there too (was a known divergence)
    if walk_known:
        event("tie at the line where no tied dossier fits alone")
    got = {d["id"]: d for d in result["dossiers"]}
    for kind in sorted({f.split(":")[0] for d in result["dossiers"] for f in d["flags"]}):
        event(f"flag {kind}")
    if any(d["selected"] for d in result["dossiers"]):
        event("some selected")
    if result["selection"] and result["selection"]["reserve"]:
        event("reserve list")
    assert set(got) == set(ref["dossiers"])
    for did, exp in ref["dossiers"].items():
        d = got[did]
        if exp["total"] is None:
            assert d["total"] is None, did
        else:
            assert d["total"] is not None, did
            assert math.isclose(d["total"], exp["total"], rel_tol=0, abs_tol=1e-9), did
        assert d["complete"] is exp["complete"], did
        assert d["eligible"] is exp["eligible"], did
        assert d["rank"] == exp["rank"], did
        for sid, v in exp["sections"].items():
            if v is None:
                assert d["sections"][sid] is None, (did, sid)
            else:
                assert math.isclose(d["sections"][sid], v, abs_tol=1e-9), (did, sid)
        flags = {f for f in d["flags"] if f.split(":")[0] in COMPARED_FLAGS}
        want = {f for f in exp["flags"] if f.split(":")[0] in COMPARED_FLAGS}
        if walk_known:
            flags -= {f for f in flags if f in WALK_FLAGS}
            want -= {f for f in want if f in WALK_FLAGS}
        if exp["eligible"] is False:
            # an ineligible dossier may leave out the consequences (incomplete:...,
            # below-floor:...) so that the reason stands out; it keeps its reasons
            assert flags <= want, did
            assert {f for f in flags if f.startswith(("ineligible:", "unknown:"))} == {
                f for f in want if f.startswith(("ineligible:", "unknown:"))}, did
        else:
            assert flags == want, did
        if spec["budget"] is not None and exp["proposed"] is not None and \
                d["rank"] is not None and not walk_known:
            assert d["amounts"]["proposed"] == exp["proposed"], did
        # a ranked dossier whose amount is unknown is not selectable: the engine may say
        # "not selected" (false) or "cannot be decided yet" (null, status à vérifier)
        amount_unknown = spec["budget"] is not None and exp["rankable"] \
            and exp["requested"] is None
        if amount_unknown:
            assert d["selected"] is not True and d["reserve"] is False, did
            assert d["status"] in ("non retenu", "à vérifier"), did
        elif not walk_known:
            assert d["selected"] is exp["selected"], did
            assert d["reserve"] is exp["reserve"], did
            assert d["status"] == reference.status(exp, spec["budget"] is not None), did
    ranked = [d["id"] for d in result["dossiers"] if d["rank"] is not None]
    assert ranked == ref["order"]
    unranked = [d["id"] for d in result["dossiers"] if d["rank"] is None]
    assert unranked == sorted(unranked)
    if spec["budget"] is None:
        assert result["selection"] is None
        assert all(d["selected"] is None for d in result["dossiers"])
    elif not walk_known:
        assert result["selection"]["selected"] == ref["selected"]
        assert result["selection"]["reserve"] == ref["reserve"]
