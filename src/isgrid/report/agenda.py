"""The discussion agenda: disagreement weighted by closeness to the funding line.

A committee has little time; the dossiers worth discussing are those where the
assessors disagree **and** where the disagreement could change the outcome.  A
big disagreement far above or far below the funding line matters less than a
moderate one right at it.

For every eligible dossier with a position (below), and every rated criterion
that counts (not eliminatory) with at least two usable ratings:

* u_c = spread_c / (max_c - min_c of the scale), in [0, 1];
* disagreement D = max_c u_c (the worst criterion decides);
* closeness w = tau / (tau + delta), where delta is the distance to the line:
  in points of the total (scored mode, tau = 5 points), or in ranks
  (checklist and profile modes, tau = 2 ranks);
* priority = D x w.

The line is, in scored mode, halfway between the lowest total selected and the
highest total of a ranked dossier not selected (the total of the dossiers tied
at the line, when there are any), or the threshold when nothing is selected by
the engine; in the other modes the same in ranks.  Without a line, w = 1 and the
agenda is ordered by disagreement alone.  Dossiers with D = 0 are not listed;
ties are ordered by D, then closeness to the line, then id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Grid

TAU_POINTS = 5.0
TAU_RANKS = 2.0


@dataclass(frozen=True)
class AgendaEntry:
    """One dossier on the agenda."""

    id: str
    disagreement: float
    closeness: float
    priority: float
    distance: float | None
    position: float
    criteria: list[tuple[str, float]] = field(default_factory=list)  # (criterion, u) desc


def _line_scored(dossiers: list[dict[str, Any]], threshold: float | None,
                 selecting: bool) -> float | None:
    ranked = [d for d in dossiers if d["rank"] is not None and d["total"] is not None]
    tied = [d["total"] for d in ranked if "tie-at-line" in d["flags"]]
    if tied:
        return float(tied[0])
    if selecting:
        sel = [float(d["total"]) for d in ranked if d["selected"] is True]
        rest = [float(d["total"]) for d in ranked if d["selected"] is not True]
        if sel and rest:
            return (min(sel) + max(rest)) / 2
        if sel:
            return min(sel)
        if rest:
            return max(rest)
    return float(threshold) if threshold is not None else None


def _line_ranks(dossiers: list[dict[str, Any]], selecting: bool) -> float | None:
    ranked = [d for d in dossiers if d["rank"] is not None]
    tied = [d["rank"] for d in ranked if "tie-at-line" in d["flags"]]
    if tied:
        return float(tied[0])
    if not selecting:
        return None
    sel = [float(d["rank"]) for d in ranked if d["selected"] is True]
    rest = [float(d["rank"]) for d in ranked if d["selected"] is not True]
    if sel and rest:
        return (max(sel) + min(rest)) / 2
    if sel:
        return max(sel)
    if rest:
        return min(rest)
    return None


def disagreements(grid: Grid, dossier: dict[str, Any]) -> list[tuple[str, float]]:
    """(criterion, u_c) for every counted criterion rated at least twice, u_c desc."""
    out: list[tuple[str, float]] = []
    for c in grid.criteria():
        if c.eliminatory:
            continue
        s = dossier["criteria"].get(c.id)
        if not s or s["n"] < 2 or s["spread"] is None:
            continue
        scale = grid.scales[c.scale]
        rng = scale.max - scale.min
        out.append((c.id, float(s["spread"]) / rng if rng > 0 else 0.0))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out


def line_value(grid: Grid, result: dict[str, Any]) -> float | None:
    """The funding line: a total (scored mode) or a rank position (other modes)."""
    dossiers: list[dict[str, Any]] = result["dossiers"]
    selecting = result.get("selection") is not None
    if result["grid"]["mode"] == "scored":
        threshold = float(grid.threshold) if grid.threshold is not None else None
        return _line_scored(dossiers, threshold, selecting)
    return _line_ranks(dossiers, selecting)


def build_agenda(grid: Grid, result: dict[str, Any]) -> list[AgendaEntry]:
    """The agenda entries of a result, most urgent first."""
    dossiers: list[dict[str, Any]] = result["dossiers"]
    scored = result["grid"]["mode"] == "scored"
    line = line_value(grid, result)
    tau = TAU_POINTS if scored else TAU_RANKS
    n_ranked = sum(1 for d in dossiers if d["rank"] is not None)
    entries: list[AgendaEntry] = []
    for d in dossiers:
        if d["eligible"] is not True:
            continue
        if scored:
            if d["total"] is None:
                continue
            pos = float(d["total"])
        else:
            pos = float(d["rank"]) if d["rank"] is not None else float(n_ranked + 1)
        crits = disagreements(grid, d)
        dis = crits[0][1] if crits else 0.0
        if dis <= 0:
            continue
        delta = abs(pos - line) if line is not None else None
        w = 1.0 if delta is None else tau / (tau + delta)
        entries.append(AgendaEntry(
            id=d["id"], disagreement=dis, closeness=w, priority=dis * w, distance=delta,
            position=pos, criteria=[(c, u) for c, u in crits if u > 0],
        ))
    entries.sort(key=lambda e: (-e.priority, -e.disagreement,
                                e.distance if e.distance is not None else 0.0, e.id))
    return entries
