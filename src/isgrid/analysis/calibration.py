"""Calibration of juror severity (opt-in): ``isgrid calibrate CALL``.

For juror j, every usable rating r of a scoring criterion c of a dossier d
that at least one other juror also rated gives a deviation, in normalised
units (the criterion's scale range [lo_c, hi_c] mapped to [0, 1])::

    delta = (r - mean of the other jurors' ratings of (d, c)) / (hi_c - lo_c)

With n_j the number of dossiers j rated and k the call's shrinkage constant
(``calibration: {k: 10}`` in call.yaml, default 10)::

    b_j = n_j / (n_j + k) x mean(delta)          (0 when j has no deviation)

and every rating of j becomes, back in scale units and clipped to the scale::

    calibrated = min(hi_c, max(lo_c, r - b_j x (hi_c - lo_c)))

A juror who rated 8 dossiers (k = 10) is corrected by 8/18 (less than half) of
their apparent severity; one who rated 100, by 100/110.  The others' mean uses
raw ratings (one pass, no iteration), n/a and déports never count, and
calibrated values are not rounded to the scale's levels.  Raw ratings never
change: the report shows raw and calibrated totals and ranks side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..call.blocks import CalibrationConfig
from ..call.model import Call
from ..engine import Result
from .rescoring import Outcome, Rescorer, Values, not_scored


def calibration_config(call: Call) -> CalibrationConfig:
    """The call's ``calibration`` block (validated with call.yaml), or its defaults."""
    cfg = call.config.calibration
    return cfg if cfg is not None else CalibrationConfig()


@dataclass
class Severity:
    assessor: str
    n: int  # dossiers rated
    deviations: int  # ratings compared with others
    mean_deviation: float  # normalised units
    shrink: float  # n / (n + k)
    bias: float  # b_j, normalised units


@dataclass
class Calibration:
    k: float
    severities: dict[str, Severity]
    values: Values  # calibrated
    raw: Outcome
    calibrated: Outcome
    moved: list[str] = field(default_factory=list)


def severities(call: Call, values: Values, k: float) -> dict[str, Severity]:
    g = call.grid.grid
    ranges = {c.id: g.scales[c.scale].max - g.scales[c.scale].min for c in g.criteria()}
    devs: dict[str, list[float]] = {}
    rated: dict[str, set[str]] = {}
    for (did, cid), by in values.items():
        for aid, v in by.items():
            rated.setdefault(aid, set()).add(did)
            others = [x for a, x in by.items() if a != aid]
            if others:
                devs.setdefault(aid, []).append(
                    (v - sum(others) / len(others)) / ranges[cid])
    out: dict[str, Severity] = {}
    for aid in sorted(rated):
        d = devs.get(aid, [])
        n = len(rated[aid])
        mean = sum(d) / len(d) if d else 0.0
        shrink = n / (n + k) if n + k > 0 else 0.0
        out[aid] = Severity(aid, n, len(d), mean, shrink, shrink * mean)
    return out


def calibrate_values(call: Call, values: Values, sev: dict[str, Severity]) -> Values:
    g = call.grid.grid
    scales = {c.id: g.scales[c.scale] for c in g.criteria()}
    out: Values = {}
    for (did, cid), by in values.items():
        lo, hi = scales[cid].min, scales[cid].max
        out[(did, cid)] = {
            aid: min(hi, max(lo, v - sev[aid].bias * (hi - lo))) for aid, v in by.items()}
    return out


def calibrate(call: Call, result: Result) -> Calibration:
    if call.grid.grid.resolved_mode() != "scored":
        raise not_scored(call, "calibration")
    cfg = calibration_config(call)
    rs = Rescorer(call, result)
    raw = rs.base
    sev = severities(call, rs.base_values, cfg.k)
    cal_values = calibrate_values(call, rs.base_values, sev)
    cal = rs.run(cal_values)
    moved = [d for d in rs.ids
             if raw.rank[d] != cal.rank[d] or raw.selected[d] != cal.selected[d]]
    return Calibration(cfg.k, sev, cal_values, raw, cal, moved)


def calibration_data(c: Calibration, ids: list[str]) -> dict[str, Any]:
    """The report as plain data (JSON)."""
    return {
        "k": c.k,
        "formula": "b_j = n_j/(n_j+k) * mean((r - mean_others)/(hi-lo)); "
                   "calibrated = clip(r - b_j*(hi-lo), lo, hi)",
        "assessors": {
            a: {"n": s.n, "deviations": s.deviations, "mean_deviation": s.mean_deviation,
                "shrink": s.shrink, "bias": s.bias}
            for a, s in c.severities.items()},
        "dossiers": [
            {"id": d, "raw": {"total": c.raw.total[d], "rank": c.raw.rank[d],
                              "selected": c.raw.selected[d]},
             "calibrated": {"total": c.calibrated.total[d], "rank": c.calibrated.rank[d],
                            "selected": c.calibrated.selected[d]},
             "moved": d in c.moved}
            for d in ids],
        "moved": c.moved,
    }
