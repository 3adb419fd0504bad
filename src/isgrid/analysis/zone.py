"""The zone grise: the dossiers whose outcome a discussion can still change.

One rule, one place: the séance view (``isgrid watch``), the tableau de séance
(``isgrid report --kind seance``) and the committee report all call
:func:`zone_grise` and show what it returns; no template recomputes it.

A dossier is in the zone grise for one or more of these reasons (:data:`REASONS`):

* ``line-above`` / ``line-below``: it is the last ranked dossier of the funded list, or
  the first ranked dossier after it that is not funded (the selection as it stands:
  the proposal, or the decided list after a withdrawal or a decision);
* ``tie``: it ties with another dossier at the funding line (flag ``tie-at-line``);
* ``floor-edge``: a floor criterion's value is one juror's level from the other side of
  its floor: one usable rating moved one level *down* would put the value below the
  floor while it is at or above it, or one rating moved one level *up* would put it at
  or above the floor while it is below.  Every usable rating of the criterion is moved
  in turn, through the engine (:class:`isgrid.engine.batch.Batch`: the call's
  aggregator, consensus values, ``min_ratings``), and the floor is read by the
  engine's rule (:func:`isgrid.engine.judge.below_floor`).  A consensus value holds
  the cell: such a criterion is never on the edge.  Scored grids only;
* ``to-check``: its eligibility is still to check (status « à vérifier »).

Dossiers refused (irrecevable) or withdrawn are never in the zone grise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..call.model import Call
from ..engine import Result
from ..engine.judge import below_floor
from ..vocabulary import Status

#: Why a dossier is in the zone grise, in the order documents list them.
REASONS = ("line-above", "line-below", "tie", "floor-edge", "to-check")


@dataclass(frozen=True)
class FloorEdge:
    """A floor criterion one rating's level away from the other side of its floor."""

    criterion: str
    value: float | None  # the criterion's value now (aggregate or consensus)
    floor: float
    #: "down": at or above the floor now, one juror one level lower puts it below;
    #: "up": below the floor now, one juror one level higher puts it at or above.
    direction: str
    after: float | None  # the value after that one move


@dataclass(frozen=True)
class GreyDossier:
    """One dossier of the zone grise and why."""

    id: str
    reasons: tuple[str, ...]
    floor_edges: tuple[FloorEdge, ...] = field(default_factory=tuple)


def _scale_levels(call: Call) -> dict[str, list[float]]:
    g = call.grid.grid
    return {c.id: sorted(float(lv.value) for lv in g.scales[c.scale].levels)
            for c in g.criteria()}


def floor_edges(call: Call, result: Result) -> dict[str, tuple[FloorEdge, ...]]:
    """Dossier id -> its floor criteria on the edge (module docstring); scored grids only.

    Only eligible dossiers are looked at (a refused dossier's floors change nothing)."""
    from ..engine.batch import Batch

    grid = call.grid.grid
    if grid.resolved_mode() != "scored":
        return {}
    floored = [c for c in grid.criteria() if not c.eliminatory and c.floor is not None]
    if not floored:
        return {}
    batch = Batch(call, result=result)
    ids = batch.ids
    rows = batch.rows
    col_of = {cid: i for i, cid in enumerate(batch.criterion_ids)}
    scoring_j = {c.id: j for j, c in enumerate(batch.scoring)}
    levels = _scale_levels(call)
    base_values, _ = batch.aggregate(rows)
    starts = np.searchsorted(rows.dossier, np.arange(len(ids) + 1))
    by_id = {d.id: d for d in result.dossiers}
    looked = np.array([(d := by_id.get(did)) is not None and d.eligible is True
                       and d.status not in (Status.RETIRE,) for did in ids], dtype=bool)
    # every usable rating of a floor criterion of a dossier looked at, by whole columns:
    # its criterion's next level up (below the floor now) or down (at or above it)
    cand_rows: list[Any] = []
    cand_new: list[Any] = []
    cand_order: list[Any] = []
    for k, c in enumerate(floored):
        ci = col_of.get(c.id)
        if ci is None:
            continue
        r = np.flatnonzero((rows.criterion == ci) & looked[rows.dossier])
        if not len(r):
            continue
        fails = np.array([below_floor(_num(x), c.floor)
                          for x in base_values[:, scoring_j[c.id]].tolist()], dtype=bool)
        up = fails[rows.dossier[r]]
        lv = np.asarray(levels[c.id], dtype=float)
        v = rows.value[r].astype(float)
        hi_i = np.searchsorted(lv, v + 1e-9, side="right")  # first level > v
        lo_i = np.searchsorted(lv, v - 1e-9, side="left") - 1  # last level < v
        ok = np.where(up, hi_i < len(lv), lo_i >= 0) & ~np.isnan(v)
        pick = np.where(up, np.minimum(hi_i, len(lv) - 1), np.maximum(lo_i, 0))
        cand_rows.append(r[ok])
        cand_new.append(lv[pick[ok]])
        cand_order.append(np.full(int(ok.sum()), k))
    if not cand_rows:
        return {}
    r_all = np.concatenate(cand_rows)
    new_all = np.concatenate(cand_new)
    k_all = np.concatenate(cand_order)
    d_all = rows.dossier[r_all]
    # the loop's order: dossier, then the floor criteria's order, then the rating's row;
    # one variant per (dossier, criterion, value, new value): the first in that order
    order = np.lexsort((r_all, k_all, d_all))
    r_all, new_all, k_all, d_all = r_all[order], new_all[order], k_all[order], d_all[order]
    v_all = rows.value[r_all].astype(float)
    seen: set[tuple[int, int, float, float]] = set()
    origin: list[int] = []
    picks: list[Any] = []  # each variant's rating rows (views of one range)
    at: list[int] = []  # where each variant's moved rating lands in the block
    moved_to: list[float] = []
    size = 0
    every = np.arange(len(rows.value))
    bounds = starts.tolist()
    moves: list[tuple[int, str, str, int]] = []  # (dossier, criterion, direction, variant)
    for r_, i, k, v_, new_ in zip(r_all.tolist(), d_all.tolist(), k_all.tolist(),
                                  v_all.tolist(), new_all.tolist(), strict=True):
        if (i, k, v_, new_) in seen:
            continue
        seen.add((i, k, v_, new_))
        lo, hi = bounds[i], bounds[i + 1]
        c = floored[k]
        fails_now = below_floor(_num(base_values[i, scoring_j[c.id]]), c.floor)
        moves.append((i, c.id, "up" if fails_now else "down", len(origin)))
        origin.append(i)
        picks.append(every[lo:hi])
        at.append(size + r_ - lo)
        moved_to.append(new_)
        size += hi - lo
    if not origin:
        return {}
    values = rows.value[np.concatenate(picks)]
    values[np.asarray(at, dtype=np.int64)] = moved_to
    after, _ = batch.aggregate(batch.block(origin, picks, value=values))
    found: dict[str, dict[str, FloorEdge]] = {}
    for i, cid, direction, k in moves:
        c = next(x for x in floored if x.id == cid)
        j = scoring_j[cid]
        before_v, after_v = _num(base_values[i, j]), _num(after[k, j])
        if below_floor(before_v, c.floor) == below_floor(after_v, c.floor):
            continue
        mine = found.setdefault(ids[i], {})
        if cid not in mine:
            assert c.floor is not None
            mine[cid] = FloorEdge(cid, before_v, float(c.floor), direction, after_v)
    return {did: tuple(edges[c.id] for c in floored if c.id in edges)
            for did, edges in found.items()}


def _num(x: object) -> float | None:
    v = float(x)  # type: ignore[arg-type]
    return None if v != v else v


def line_neighbours(result: Result) -> tuple[str | None, str | None]:
    """(the last ranked dossier funded, the first ranked one after it not funded) in the
    selection as it stands (:attr:`~isgrid.engine.Result.current`: the proposal, or the
    decided list after a withdrawal or a decision); withdrawn dossiers are skipped."""
    now = result.current
    if now is None:
        return None, None
    funded = set(now.selected)
    ranked = [d for d in result.dossiers if d.rank is not None and d.status != Status.RETIRE]
    last = max((k for k, d in enumerate(ranked) if d.id in funded), default=None)
    if last is None:
        return None, (ranked[0].id if ranked else None)
    after = next((d.id for d in ranked[last + 1:] if d.id not in funded), None)
    return ranked[last].id, after


def zone_grise(call: Call, result: Result) -> list[GreyDossier]:
    """The zone grise of a scored call's result, in the result's order (module docstring)."""
    above, below = line_neighbours(result)
    edges = floor_edges(call, result)
    out: list[GreyDossier] = []
    for d in result.dossiers:
        if d.status in (Status.IRRECEVABLE, Status.RETIRE):
            continue
        reasons: list[str] = []
        if d.id == above:
            reasons.append("line-above")
        if d.id == below:
            reasons.append("line-below")
        if "tie-at-line" in d.flags:
            reasons.append("tie")
        if d.id in edges:
            reasons.append("floor-edge")
        if d.status == Status.A_VERIFIER:
            reasons.append("to-check")
        if reasons:
            out.append(GreyDossier(d.id, tuple(reasons), edges.get(d.id, ())))
    return out
