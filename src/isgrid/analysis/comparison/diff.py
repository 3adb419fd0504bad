"""What changed between two grids: two versions, or a grid and a grid that extends it.

Both grids are resolved (``extends`` applied), so the difference is the real
one a jury would meet, whatever ``set``/``add``/``remove`` produced it.
Criteria, sections, scales and eligibility rules are matched by id.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ...grid.load import LoadedGrid
from ...grid.logic import effective_verdict, verdict_text
from ...grid.model import Criterion, Grid, Scale
from ...grid.provenance import criterion_status, parameter_status, parameters_changed
from .coverage import shares

#: Criterion fields compared, in the order they are reported.
CRITERION_FIELDS = (
    "label", "section", "weight", "floor", "core", "eliminatory", "rated_by", "dimension",
    "secondary_dimensions", "scale", "provenance",
)


class Change(TypedDict):
    field: str
    before: Any
    after: Any


class ItemChange(TypedDict):
    id: str
    changes: list[Change]


class GridDiff(TypedDict):
    before: str
    after: str
    relation: str  # "extends", "versions", "call" (a call's local changes) or "other"
    mode: Change | None
    threshold: Change | None
    aggregator: Change | None
    verdict: Change | None  # checklist verdict rules, in words (default: every core criterion)
    criteria_added: list[dict[str, Any]]
    criteria_removed: list[dict[str, Any]]
    criteria_changed: list[ItemChange]
    effective_weights: list[Change]  # field = criterion id; shares summing to 1 (scored)
    sections_added: list[str]
    sections_removed: list[str]
    sections_changed: list[ItemChange]
    scales_added: list[str]
    scales_removed: list[str]
    scales_changed: list[ItemChange]
    eligibility_added: list[str]
    eligibility_removed: list[str]
    eligibility_changed: list[str]
    parameters_changed: list[Change]  # field = parameter path; provenance status
    # every section's label, by id, in either grid (the second grid's where both have it):
    # the documents name a section by its label, the data by its id
    section_labels: dict[str, str]
    # the same for the scales (their `label`, else nothing) and the eligibility rules
    scale_labels: dict[str, str]
    rule_labels: dict[str, str]
    unchanged: bool


#: the keys of a diff that name its items, not changes
LABELS = frozenset({"section_labels", "scale_labels", "rule_labels"})


def relation(a: LoadedGrid, b: LoadedGrid) -> str | None:
    """How ``b`` relates to ``a``: it extends it, is another version of it, or neither."""
    if a.grid.id in b.chain[1:]:
        return "extends"
    if a.grid.id == b.grid.id:
        return "call" if b.grid.version.endswith("+call") else "versions"
    return None


def _num(x: Any) -> Any:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def criterion_view(g: Grid, c: Criterion) -> dict[str, Any]:
    """The fields of a criterion that a diff compares (:data:`CRITERION_FIELDS`)."""
    scored = g.mode == "scored"
    return {
        "label": c.label,
        "section": g.section_of(c.id).id,
        "weight": _num(c.weight if c.weight is not None else 1)
        if scored and not c.eliminatory else None,
        "floor": _num(c.floor),
        "core": c.core,
        "eliminatory": c.eliminatory,
        "rated_by": c.rated_by,
        "dimension": c.dimension,
        "secondary_dimensions": list(c.secondary_dimensions),
        "scale": c.scale,
        # « sourced » with no source, or a label rewritten without provenance: inferred
        "provenance": criterion_status(g, c),
    }


def _scale_view(s: Scale) -> dict[str, Any]:
    return {
        "levels": [f"{_num(lv.value)} {lv.label}" for lv in s.levels],
        "half_steps": s.half_steps,
        "na": s.na,
        "counts_as": s.counts_as.model_dump(mode="json", exclude_none=True)
        if s.counts_as else None,
    }


def _changes(before: dict[str, Any], after: dict[str, Any], fields: tuple[str, ...]
             ) -> list[Change]:
    return [{"field": f, "before": before[f], "after": after[f]}
            for f in fields if before[f] != after[f]]


def _brief(g: Grid, c: Criterion) -> dict[str, Any]:
    return {"id": c.id, "label": c.label, "section": g.section_of(c.id).id,
            "dimension": c.dimension, "eliminatory": c.eliminatory}


def _change(before: Any, after: Any, name: str) -> Change | None:
    before, after = _num(before), _num(after)
    return None if before == after else {"field": name, "before": before, "after": after}


def _verdict(g: Grid) -> str | None:
    return verdict_text(effective_verdict(g)) if g.mode == "checklist" else None


def grid_diff(a: LoadedGrid, b: LoadedGrid, rel: str | None = None) -> GridDiff:
    """The differences from grid ``a`` (before) to grid ``b`` (after)."""
    ga, gb = a.grid, b.grid
    ca = {c.id: c for c in ga.criteria()}
    cb = {c.id: c for c in gb.criteria()}
    changed: list[ItemChange] = []
    for cid, c in ca.items():
        if cid in cb:
            ch = _changes(criterion_view(ga, c), criterion_view(gb, cb[cid]), CRITERION_FIELDS)
            if ch:
                changed.append({"id": cid, "changes": ch})
    eff: list[Change] = []
    if ga.mode == "scored" or gb.mode == "scored":
        sa = shares(ga) if ga.mode == "scored" else {}
        sb = shares(gb) if gb.mode == "scored" else {}
        for cid in [*ca, *(k for k in cb if k not in ca)]:
            if cid in sa or cid in sb:
                x, y = sa.get(cid), sb.get(cid)
                if x is None or y is None or abs(x - y) > 1e-12:
                    eff.append({"field": cid, "before": x, "after": y})
    sec_a = {s.id: s for s in ga.sections}
    sec_b = {s.id: s for s in gb.sections}
    sec_changed: list[ItemChange] = []
    for sid, s in sec_a.items():
        if sid in sec_b:
            t = sec_b[sid]
            w_a = _num(s.weight if s.weight is not None else 1) if ga.mode == "scored" else None
            w_b = _num(t.weight if t.weight is not None else 1) if gb.mode == "scored" else None
            ch = _changes({"label": s.label, "weight": w_a}, {"label": t.label, "weight": w_b},
                          ("label", "weight"))
            if ch:
                sec_changed.append({"id": sid, "changes": ch})
    scales_changed: list[ItemChange] = []
    for sid, sc in ga.scales.items():
        if sid in gb.scales:
            ch = _changes(_scale_view(sc), _scale_view(gb.scales[sid]),
                          ("levels", "half_steps", "na", "counts_as"))
            if ch:
                scales_changed.append({"id": sid, "changes": ch})
    ra = {r.id: r.model_dump(mode="json", by_alias=True, exclude_none=True)
          for r in ga.eligibility}
    rb = {r.id: r.model_dump(mode="json", by_alias=True, exclude_none=True)
          for r in gb.eligibility}
    params: list[Change] = []
    # each path either grid names, resolved in both as every view shows it: its own entry,
    # else its wildcard (`criteria.*.weight`), inferred when a `set` changed it without one
    # (provenance.parameter_status): a path in one grid and a wildcard in the other is the
    # same parameter, not one with no provenance
    keys = set(ga.parameters) | set(gb.parameters)
    keys |= parameters_changed(ga) | parameters_changed(gb)
    for k in sorted(keys):
        before, after = parameter_status(ga, k), parameter_status(gb, k)
        if before != after:
            params.append({"field": k, "before": before, "after": after})
    counts_a = ga.counts_as.model_dump(mode="json", exclude_none=True) if ga.counts_as else None
    counts_b = gb.counts_as.model_dump(mode="json", exclude_none=True) if gb.counts_as else None
    if counts_a != counts_b:
        scales_changed.append({"id": "(counts_as)", "changes": [
            {"field": "counts_as", "before": counts_a, "after": counts_b}]})
    out: GridDiff = {
        "before": a.ref,
        "after": b.ref,
        "relation": rel or relation(a, b) or "other",
        "mode": _change(ga.mode, gb.mode, "mode"),
        "threshold": _change(ga.threshold if ga.mode == "scored" else None,
                             gb.threshold if gb.mode == "scored" else None, "threshold"),
        "aggregator": _change(ga.effective_aggregator(), gb.effective_aggregator(),
                              "aggregator"),
        "verdict": _change(_verdict(ga), _verdict(gb), "verdict"),
        "criteria_added": [_brief(gb, c) for cid, c in cb.items() if cid not in ca],
        "criteria_removed": [_brief(ga, c) for cid, c in ca.items() if cid not in cb],
        "criteria_changed": changed,
        "effective_weights": eff,
        "sections_added": [sid for sid in sec_b if sid not in sec_a],
        "sections_removed": [sid for sid in sec_a if sid not in sec_b],
        "sections_changed": sec_changed,
        "scales_added": sorted(set(gb.scales) - set(ga.scales)),
        "scales_removed": sorted(set(ga.scales) - set(gb.scales)),
        "scales_changed": scales_changed,
        "eligibility_added": [k for k in rb if k not in ra],
        "eligibility_removed": [k for k in ra if k not in rb],
        "eligibility_changed": [k for k in ra if k in rb and ra[k] != rb[k]],
        "parameters_changed": params,
        "section_labels": {sid: s.label for sid, s in (sec_a | sec_b).items()},
        "scale_labels": {sid: sc.label for sid, sc in (ga.scales | gb.scales).items()
                         if sc.label},
        "rule_labels": {r.id: r.label for r in [*ga.eligibility, *gb.eligibility]},
        "unchanged": False,
    }
    out["unchanged"] = not any(v for k, v in out.items() if k not in LABELS | {
        "before", "after", "relation", "unchanged"})
    return out
