"""Coverage of the shared dimensions D1..D10, and the crosswalk of criteria.

Each criterion names one main dimension (and maybe secondary ones); this is the
crosswalk of ``reference/grids.md`` §6.  A grid *covers* a dimension when one of
its counting criteria (not an eliminatory one) has it as main dimension.  The
*share* of a dimension is, for a scored grid, the part of the effective weight
(DESIGN.md: section weight x criterion weight / sum of the section's criterion
weights) that falls on it; for checklist and profile grids, which never add
points, the part of the criteria that fall on it.  Eliminatory criteria gate
only: they never count in a share, and are listed apart as ``gates``.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ...grid.choices import outcome_choices
from ...grid.load import LoadedGrid, dimensions
from ...grid.logic import required_criteria
from ...grid.model import Criterion, Grid
from ...grid.provenance import criterion_status
from ...grid.weights import weight_shares


def dimension_ids() -> list[str]:
    """D1..D10 in their natural order (not the string order: D10 comes last)."""
    return sorted(dimensions(), key=lambda d: int(d[1:]))


class DimensionCoverage(TypedDict):
    share: float
    criteria: list[str]
    secondary: list[str]
    gates: list[str]


class Coverage(TypedDict):
    grid: str
    mode: str
    basis: str  # "effective-weight" or "criteria"
    covered: list[str]
    touched: list[str]  # only through secondary dimensions or gates
    uncovered: list[str]
    dimensions: dict[str, DimensionCoverage]
    unclassified: list[str]  # counting criteria that name no dimension


def counting(grid: Grid) -> list[Criterion]:
    """The criteria that count (in a total, a verdict or a profile): not eliminatory."""
    return [c for c in grid.criteria() if not c.eliminatory]


def shares(grid: Grid) -> dict[str, float]:
    """Criterion id -> its share of the grid, summing to 1 over counting criteria."""
    crits = counting(grid)
    if not crits:
        return {}
    if grid.mode == "scored":
        return weight_shares(grid)
    return {c.id: 1.0 / len(crits) for c in crits}


def coverage(loaded: LoadedGrid) -> Coverage:
    g = loaded.grid
    share = shares(g)
    dims: dict[str, DimensionCoverage] = {
        d: {"share": 0.0, "criteria": [], "secondary": [], "gates": []} for d in dimension_ids()
    }
    unclassified: list[str] = []
    for c in g.criteria():
        if c.dimension is None:  # a grid outside social innovation need not name one
            if not c.eliminatory:
                unclassified.append(c.id)
            continue
        if c.eliminatory:
            dims[c.dimension]["gates"].append(c.id)
            continue
        dims[c.dimension]["criteria"].append(c.id)
        dims[c.dimension]["share"] += share.get(c.id, 0.0)
        for sd in c.secondary_dimensions:
            if sd != c.dimension and c.id not in dims[sd]["secondary"]:
                dims[sd]["secondary"].append(c.id)
    covered = [d for d, v in dims.items() if v["criteria"]]
    touched = [d for d, v in dims.items() if not v["criteria"] and (v["secondary"] or v["gates"])]
    uncovered = [d for d in dims if d not in covered and d not in touched]
    return {
        "grid": loaded.ref,
        "mode": str(g.mode),
        "basis": "effective-weight" if g.mode == "scored" else "criteria",
        "covered": covered,
        "touched": touched,
        "uncovered": uncovered,
        "dimensions": dims,
        "unclassified": unclassified,
    }


class CrosswalkItem(TypedDict):
    id: str
    label: str
    role: str  # "main", "secondary" or "gate"
    core: bool
    # named by the verdict rule among alternatives, not required by it
    option: bool
    share: float | None
    provenance: dict[str, Any]
    # where the criterion's « socle » comes from (the grid's `criteria.*.core` or `verdict`
    # entry, isgrid.grid.choices); None when it is not core
    core_status: str | None
    # a checklist's condition shown apart, outside the verdict (loi ESS 15-II): its name
    separate_condition: str | None


class CrosswalkRow(TypedDict):
    dimension: str
    label: str
    cells: dict[str, list[CrosswalkItem]]  # grid key -> items


class OnlyHere(TypedDict):
    grid: str
    dimension: str
    criteria: list[str]
    touched_by: list[str]  # other grids that reach it only as secondary or gate
    # by grid of touched_by, the criteria that reach it there (secondary, then gates): the
    # same condition may be there under another main dimension (art. 15-II: A15-II is D8,
    # CS-3.2 D7 (D8)), so the grid is not « alone to ask » it
    touched_with: dict[str, list[str]]


class Crosswalk(TypedDict):
    grids: list[str]
    rows: list[CrosswalkRow]
    only_here: list[OnlyHere]
    nowhere: list[str]


def _item(g: Grid, c: Criterion, role: str, share: float | None, ruled: set[str],
          core_status: dict[str, str]) -> CrosswalkItem:
    # flagged core, or required by the verdict rule (its failure alone fails the rule);
    # a criterion the rule names among alternatives (« l'un de », « au moins 1 parmi ») is
    # one option, not a socle
    required = (required_criteria(g.verdict) if g.verdict is not None else frozenset())
    core = c.core or c.id in required
    option = not core and c.id in ruled
    return {
        "id": c.id,
        "label": c.label,
        "role": role,
        "core": core,
        "option": option,
        "share": share,
        # the status it is shown with (a label rewritten without provenance: inferred)
        "provenance": {**c.provenance.model_dump(mode="json"),
                       "status": criterion_status(g, c)},
        "core_status": (core_status.get("verdict") if c.id in ruled
                        else core_status.get("core")) if core or option else None,
        "separate_condition": c.separate_condition,
    }


def core_statuses(g: Grid) -> dict[str, str]:
    """The provenance of ``g``'s verdict rule and of its core criteria, by what
    (``verdict``, ``core``): :func:`isgrid.grid.choices.outcome_choices`."""
    return {ch["what"]: ch["status"] for ch in outcome_choices(g)
            if ch["what"] in ("verdict", "core")}


def crosswalk(grids: list[LoadedGrid], keys: list[str]) -> Crosswalk:
    """Criteria side by side, dimension by dimension; what one grid asks alone."""
    dims = dimensions()
    rows: list[CrosswalkRow] = []
    covs = [coverage(lg) for lg in grids]
    for d in dimension_ids():
        cells: dict[str, list[CrosswalkItem]] = {}
        for key, lg in zip(keys, grids, strict=True):
            share = shares(lg.grid)
            ruled = set(lg.grid.verdict.criteria_ids()) if lg.grid.verdict is not None else set()
            cst = core_statuses(lg.grid)
            items: list[CrosswalkItem] = []
            for c in lg.grid.criteria():
                if c.dimension == d:
                    role = "gate" if c.eliminatory else "main"
                    items.append(_item(lg.grid, c, role, None if c.eliminatory else share.get(c.id), ruled,
                                       cst))
            for c in lg.grid.criteria():
                if c.dimension != d and d in c.secondary_dimensions and not c.eliminatory:
                    items.append(_item(lg.grid, c, "secondary", None, ruled, cst))
            cells[key] = items
        rows.append({"dimension": d, "label": dims[d].label, "cells": cells})
    only: list[OnlyHere] = []
    if len(grids) > 1:
        for i, (key, cov) in enumerate(zip(keys, covs, strict=True)):
            for d in cov["covered"]:
                others = [(k, o) for j, (k, o) in enumerate(zip(keys, covs, strict=True))
                          if j != i]
                if any(d in o["covered"] for _, o in others):
                    continue
                only.append({
                    "grid": key,
                    "dimension": d,
                    "criteria": list(cov["dimensions"][d]["criteria"]),
                    "touched_by": [k for k, o in others if d in o["touched"]],
                    "touched_with": {k: o["dimensions"][d]["secondary"]
                                     + o["dimensions"][d]["gates"]
                                     for k, o in others if d in o["touched"]},
                })
    nowhere = [d for d in dimension_ids() if all(d not in c["covered"] for c in covs)]
    return {"grids": list(keys), "rows": rows, "only_here": only, "nowhere": nowhere}
