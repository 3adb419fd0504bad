"""Where the decision is fragile: ``isgrid sensitivity CALL`` (and ``score --sensitivity``).

The funding line is where the selection walk stops (a budget, or
``selection.top``).  A dossier is **near the line** when it is eligible, has a
total, and that total is within ``margin`` points (call.yaml ``sensitivity:
{margin: 5}``, default 5 points out of 100) of the line value: the midpoint
between the lowest selected total and the highest total not selected; the
last selected dossier, the first one not selected, and any dossier left
undecided by a tie at the line are always near.

For each dossier near the line:

(a) **leave one juror out**: every assessor with ratings is removed in turn
    (all their ratings); does the dossier's selection change?
(b) **one level**: every usable rating of the dossier is moved, one at a time,
    to the next level of its scale up, then down; does the dossier's selection
    change?
(c) with ``draws`` (``--draws N``): N seeded draws, each resampling the
    assessors with replacement (a juror drawn twice counts twice) and
    multiplying every criterion and section weight by a factor drawn
    uniformly in [1 - w, 1 + w], w from ``sensitivity: {weights: 0.1}``
    (default 0: no weight perturbation).  Reported: the share of draws in
    which the dossier is selected (an undecided tie counts as not selected),
    and its rank interval (5th to 95th percentile of its rank over the draws
    in which it is ranked), with the share of draws in which it is not ranked.

"Selection changes" compares the selected value (true / false / undecided).
The dossiers whose selection changes under (a) or (b) form the **zone grise**
that the committee must discuss.  Eligibility is held fixed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from ..call.blocks import SensitivityConfig
from ..call.model import Call
from ..engine import Result
from ..errors import CallError, Diagnostic, Location
from ..grid.model import Grid
from .rescoring import Outcome, Rescorer, Values, not_scored


def sensitivity_config(call: Call) -> SensitivityConfig:
    """The call's ``sensitivity`` block (validated with call.yaml), or its defaults."""
    cfg = call.config.sensitivity
    return cfg if cfg is not None else SensitivityConfig()


@dataclass
class Change:
    """One variation that changes a dossier's selection."""

    kind: str  # "without" or "level"
    assessor: str
    criterion: str | None = None
    before: float | None = None
    after: float | None = None
    selected: bool | None = None  # the new selection
    total: float | None = None  # the new total


@dataclass
class DossierSensitivity:
    id: str
    total: float | None
    rank: int | None
    selected: bool | None
    leave_one_out: list[Change] = field(default_factory=list)
    one_level: list[Change] = field(default_factory=list)
    probability: float | None = None
    rank_interval: tuple[int, int] | None = None
    unranked_share: float | None = None

    @property
    def grey(self) -> bool:
        return bool(self.leave_one_out or self.one_level)


@dataclass
class Sensitivity:
    line_value: float | None
    margin: float
    near: list[DossierSensitivity]
    draws: int
    seed: int
    weights: float
    all_draws: dict[str, DossierSensitivity] = field(default_factory=dict)

    @property
    def zone_grise(self) -> list[str]:
        return [d.id for d in self.near if d.grey]


def _line(base: Outcome, ids: list[str]) -> float | None:
    sel = [base.total[d] for d in ids if base.selected[d] is True and base.total[d] is not None]
    rest = [base.total[d] for d in ids if base.selected[d] is not True and base.rankable[d]
            and base.total[d] is not None]
    lo = min(sel) if sel else None  # type: ignore[type-var]
    hi = max(rest) if rest else None  # type: ignore[type-var]
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    return lo if lo is not None else hi


def near_line(rs: Rescorer, base: Outcome, margin: float) -> tuple[float | None, list[str]]:
    ids = rs.ids
    line = _line(base, ids)
    sel = [d for d in ids if base.selected[d] is True and base.total[d] is not None]
    rest = [d for d in ids if base.selected[d] is False and base.rankable[d]]
    always = set()
    if sel:
        always.add(min(sel, key=lambda d: (base.total[d] or 0.0)))
    if rest:
        always.add(max(rest, key=lambda d: (base.total[d] or 0.0)))
    always |= {d for d in ids if base.rankable[d] and base.selected[d] is None}
    near = []
    for d in ids:
        t = base.total[d]
        if rs.eligible[d] is not True or t is None:
            continue
        if d in always or (line is not None and abs(t - line) <= margin + 1e-9):
            near.append(d)
    near.sort(key=lambda d: (base.rank[d] is None, base.rank[d] or 0, -(base.total[d] or 0), d))
    return line, near


def _levels(call: Call) -> dict[str, list[float]]:
    g = call.grid.grid
    return {c.id: sorted(float(lv.value) for lv in g.scales[c.scale].levels)
            for c in g.criteria()}


def _without(values: Values, aid: str) -> Values:
    return {k: {a: v for a, v in by.items() if a != aid} for k, by in values.items()}


def analyse(call: Call, result: Result, *, draws: int | None = None,
            seed: int | None = None) -> Sensitivity:
    if call.grid.grid.resolved_mode() != "scored":
        raise not_scored(call, "sensitivity")
    cfg = sensitivity_config(call)
    rs = Rescorer(call, result)
    if not rs.has_line:
        raise CallError("no funding line", [Diagnostic(
            "call-invalid", "the call has no funding line (no budget and no selection.top)",
            Location(str(call.folder / "call.yaml"), key_path="budget"),
            hint="Set `budget:` or `selection: {top: K}` in call.yaml.")])
    base = rs.base
    line, near_ids = near_line(rs, base, cfg.margin)
    values = rs.base_values
    assessors = sorted({a for by in values.values() for a in by})
    near = [DossierSensitivity(d, base.total[d], base.rank[d], base.selected[d])
            for d in near_ids]
    by_id = {n.id: n for n in near}
    # (a) leave one juror out
    for aid in assessors:
        out = rs.run(_without(values, aid))
        for n in near:
            if out.selected[n.id] != n.selected:
                n.leave_one_out.append(Change("without", aid, selected=out.selected[n.id],
                                              total=out.total[n.id]))
    # (b) one level up or down, one rating at a time
    levels = _levels(call)
    for (did, cid), by in sorted(values.items()):
        if did not in by_id:
            continue
        n = by_id[did]
        for aid, v in sorted(by.items()):
            ups = [x for x in levels[cid] if x > v + 1e-9]
            downs = [x for x in levels[cid] if x < v - 1e-9]
            for new in ([ups[0]] if ups else []) + ([downs[-1]] if downs else []):
                changed = dict(values)
                changed[(did, cid)] = by | {aid: new}
                out = rs.run(changed)
                if out.selected[did] != n.selected:
                    n.one_level.append(Change("level", aid, cid, v, new, out.selected[did],
                                              out.total[did]))
    n_draws = cfg.draws if draws is None else draws
    used_seed = cfg.seed if seed is None else seed
    report = Sensitivity(line, cfg.margin, near, n_draws, used_seed, cfg.weights)
    if n_draws > 0:
        report.all_draws = _bootstrap(call, rs, base, values, assessors, n_draws, used_seed,
                                      cfg.weights)
        for n in near:
            b = report.all_draws[n.id]
            n.probability, n.rank_interval, n.unranked_share = (
                b.probability, b.rank_interval, b.unranked_share)
    return report


def perturbed_grid(grid: Grid, rng: random.Random, w: float) -> Grid:
    if w <= 0:
        return grid
    sections = []
    for s in grid.sections:
        crits = [c.model_copy(update={"weight": float(c.weight if c.weight is not None else 1)
                                      * rng.uniform(1 - w, 1 + w)}) for c in s.criteria]
        sections.append(s.model_copy(update={
            "criteria": crits,
            "weight": float(s.weight if s.weight is not None else 1) * rng.uniform(1 - w, 1 + w),
        }))
    return grid.model_copy(update={"sections": sections})


def _percentile(sorted_vals: list[int], q: float) -> int:
    """Nearest-rank percentile of a sorted list (q in [0, 1])."""
    i = max(0, math.ceil(q * len(sorted_vals)) - 1)
    return sorted_vals[min(i, len(sorted_vals) - 1)]


def _bootstrap(call: Call, rs: Rescorer, base: Outcome, values: Values,
               assessors: list[str], n: int, seed: int,
               w: float) -> dict[str, DossierSensitivity]:
    rng = random.Random(seed)
    selected = dict.fromkeys(rs.ids, 0)
    ranks: dict[str, list[int]] = {d: [] for d in rs.ids}
    for _ in range(n):
        drawn = [rng.choice(assessors) for _ in assessors] if assessors else []
        counts: dict[str, int] = {}
        for a in drawn:
            counts[a] = counts.get(a, 0) + 1
        sample: Values = {}
        for key, by in values.items():
            # a juror drawn m times counts m times: "#i" copies keep them apart
            sample[key] = {f"{a}#{i}": v for a, v in by.items()
                           for i in range(counts.get(a, 0))}
        grid = perturbed_grid(rs.grid, rng, w)
        out = rs.run(sample, grid)
        for d in rs.ids:
            if out.selected[d] is True:
                selected[d] += 1
            r = out.rank[d]
            if r is not None:
                ranks[d].append(r)
    res: dict[str, DossierSensitivity] = {}
    for d in rs.ids:
        rk = sorted(ranks[d])
        res[d] = DossierSensitivity(
            d, base.total[d], base.rank[d], base.selected[d],
            probability=selected[d] / n,
            rank_interval=(_percentile(rk, 0.05), _percentile(rk, 0.95)) if rk else None,
            unranked_share=(n - len(rk)) / n)
    return res


def _change(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"assessor": c.assessor, "selected": c.selected, "total": c.total}
    if c.kind == "level":
        out |= {"criterion": c.criterion, "from": c.before, "to": c.after}
    return out


def sensitivity_data(s: Sensitivity) -> dict[str, Any]:
    """The report as plain data (JSON)."""
    return {
        "line": s.line_value,
        "margin": s.margin,
        "draws": s.draws,
        "seed": s.seed,
        "weights": s.weights,
        "zone_grise": s.zone_grise,
        "near": [
            {"id": n.id, "total": n.total, "rank": n.rank, "selected": n.selected,
             "leave_one_out": [_change(c) for c in n.leave_one_out],
             "one_level": [_change(c) for c in n.one_level],
             "probability": n.probability,
             "rank_interval": list(n.rank_interval) if n.rank_interval else None,
             "unranked_share": n.unranked_share, "zone_grise": n.grey}
            for n in s.near],
        "all": {d: {"probability": b.probability,
                    "rank_interval": list(b.rank_interval) if b.rank_interval else None,
                    "unranked_share": b.unranked_share}
                for d, b in s.all_draws.items()},
    }
