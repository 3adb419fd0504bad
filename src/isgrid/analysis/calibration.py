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

import numpy as np

from ..call.blocks import CalibrationConfig
from ..call.model import Call
from ..engine import Result
from ..engine.batch import Batch, Rows
from ..errors import Message
from .rescoring import Outcome, Values, not_scored, outcome_of


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
    raw: Outcome
    calibrated: Outcome
    moved: list[str] = field(default_factory=list)
    rows: Rows | None = field(default=None, repr=False)  # the calibrated rating rows
    names: tuple[list[str], list[str], list[str]] = ([], [], [])  # dossier, assessor, criterion

    @property
    def values(self) -> Values:
        """The calibrated ratings, (dossier, criterion) -> assessor -> value (built on demand:
        a national call has millions)."""
        out: Values = {}
        if self.rows is None:
            return out
        dids, aids, cids = self.names
        r = self.rows
        for d, a, c, v in zip(r.dossier.tolist(), r.assessor.tolist(), r.criterion.tolist(),
                              r.value.tolist(), strict=True):
            out.setdefault((dids[d], cids[c]), {})[aids[a]] = v
        return out


def _ranges(call: Call, criterion_ids: list[str]) -> tuple[Any, Any]:
    """Each criterion's scale (min, max), by column of the rating table."""
    g = call.grid.grid
    lo = np.zeros(len(criterion_ids))
    hi = np.ones(len(criterion_ids))
    for c in g.criteria():
        if c.id in criterion_ids:
            j = criterion_ids.index(c.id)
            lo[j], hi[j] = g.scales[c.scale].min, g.scales[c.scale].max
    return lo, hi


def severities(call: Call, batch: Batch, k: float) -> tuple[dict[str, Severity], Any]:
    """Every juror's severity (module docstring), and b_j by assessor index.

    Whole columns at once: the others' mean of a rating is (cell sum - r) / (cell count - 1)."""
    r = batch.rows
    n_c = len(batch.criterion_ids)
    n_a = len(batch.assessor_ids)
    lo, hi = _ranges(call, batch.criterion_ids)
    cell = r.dossier * n_c + r.criterion
    size = len(batch.ids) * n_c
    total = np.bincount(cell, weights=r.value, minlength=size)
    count = np.bincount(cell, minlength=size)
    cnt = count[cell]
    compared = cnt > 1
    with np.errstate(invalid="ignore", divide="ignore"):
        others = (total[cell] - r.value) / (cnt - 1)
    dev = (r.value - others) / (hi - lo)[r.criterion]
    a_dev = r.assessor[compared]
    dev_sum = np.bincount(a_dev, weights=dev[compared], minlength=n_a)
    dev_n = np.bincount(a_dev, minlength=n_a)
    pairs = np.unique(r.assessor * len(batch.ids) + r.dossier)
    n_rated = np.bincount(pairs // max(1, len(batch.ids)), minlength=n_a)
    bias = np.zeros(n_a)
    out: dict[str, Severity] = {}
    names = batch.assessor_ids
    for a in sorted(np.flatnonzero(n_rated).tolist(), key=lambda a: names[a]):
        n = int(n_rated[a])
        mean = float(dev_sum[a] / dev_n[a]) if dev_n[a] else 0.0
        shrink = n / (n + k) if n + k > 0 else 0.0
        bias[a] = shrink * mean
        out[names[a]] = Severity(names[a], n, int(dev_n[a]), mean, shrink, shrink * mean)
    return out, bias


def calibrate(call: Call, result: Result) -> Calibration:
    """Raw and calibrated proposals side by side (``result``: the call's result)."""
    if call.grid.grid.resolved_mode() != "scored":
        raise not_scored(call, Message("calibration"))
    cfg = calibration_config(call)
    batch = Batch(call, result=result)
    sev, bias = severities(call, batch, cfg.k)
    r = batch.rows
    lo, hi = _ranges(call, batch.criterion_ids)
    span = (hi - lo)[r.criterion]
    values = np.minimum(hi[r.criterion], np.maximum(lo[r.criterion],
                                                    r.value - bias[r.assessor] * span))
    rows = Rows(r.origin, r.dossier, r.assessor, r.criterion, values)
    raw = outcome_of(batch.ids, batch.propose())
    cal = outcome_of(batch.ids, batch.propose(base=batch.judge(rows)))
    moved = [d for d in batch.ids
             if raw.rank[d] != cal.rank[d] or raw.selected[d] != cal.selected[d]]
    return Calibration(cfg.k, sev, raw, cal, moved, rows,
                       (batch.ids, batch.assessor_ids, batch.criterion_ids))


def calibration_data(c: Calibration, ids: list[str]) -> dict[str, Any]:
    """The report as plain data (JSON)."""
    moved = set(c.moved)  # a set: a list lookup per dossier is quadratic at 20,000
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
             "moved": d in moved}
            for d in ids],
        "moved": c.moved,
    }
