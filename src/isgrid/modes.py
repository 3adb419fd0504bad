"""The three ways grids judge: checklist, profile, scored.

Each function takes the per-criterion statistics of one dossier (``value`` is
the aggregate or the consensus) and returns a :class:`ModeOutcome`.  Only the
scored mode ever produces a total; the profile mode never does, by
construction (DESIGN.md, "Three ways grids judge").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checks import counts_as
from .model import Criterion, Grid

EPS = 1e-9
VERDICT_RANK = {"caractérisé": 2, "partiellement": 1, "non caractérisé": 0}


@dataclass
class ModeOutcome:
    complete: bool
    total: float | None = None
    verdict: str | None = None
    profile: dict[str, Any] | None = None
    checklist: dict[str, Any] | None = None
    sections: dict[str, float | None] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    states: dict[str, str | None] = field(default_factory=dict)
    key: tuple[float, ...] = ()
    rankable: bool = False
    incomplete: bool = False  # "incomplet" status: a needed value is missing


def effective_weights(grid: Grid, scoring: list[Criterion]) -> dict[str, float]:
    """eff_c = section weight x criterion weight / sum of criterion weights in the section."""
    ids = {c.id for c in scoring}
    out: dict[str, float] = {}
    for s in grid.sections:
        crits = [c for c in s.criteria if c.id in ids]
        total = sum(float(c.weight if c.weight is not None else 1) for c in crits)
        sw = float(s.weight if s.weight is not None else 1)
        for c in crits:
            out[c.id] = sw * float(c.weight if c.weight is not None else 1) / total
    return out


def scored(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
           *, renormalise: bool, eff: dict[str, float] | None = None) -> ModeOutcome:
    """Total, floors, threshold, section scores.  ``eff``: precomputed weights."""
    if eff is None:
        eff = effective_weights(grid, scoring)
    flags: list[str] = []
    num = 0.0
    den = 0.0
    missing = []
    for c in scoring:
        a = stats[c.id]["value"]
        if a is None:
            missing.append(c.id)
            continue
        scale = grid.scales[c.scale]
        s = (a - scale.min) / (scale.max - scale.min)
        num += eff[c.id] * s
        den += eff[c.id]
    complete = not missing
    total: float | None = None
    if missing and not renormalise:
        flags.extend(f"incomplete:{cid}" for cid in missing)
    else:
        flags.extend(f"renormalised:{cid}" for cid in missing)
        total = 100.0 * num / den if den > 0 else None
    incomplete = total is None
    for c in scoring:
        if c.floor is None:
            continue
        a = stats[c.id]["value"]
        if a is None or a + EPS < float(c.floor):
            flags.append(f"below-floor:{c.id}")
    if total is not None and grid.threshold is not None and total + EPS < float(grid.threshold):
        flags.append("below-threshold")
    sections: dict[str, float | None] = {}
    for sec in grid.sections:
        n = d = 0.0
        for c in sec.criteria:
            if c.id not in eff or stats[c.id]["value"] is None:
                continue
            scale = grid.scales[c.scale]
            w = eff[c.id]
            n += w * (stats[c.id]["value"] - scale.min) / (scale.max - scale.min)
            d += w
        sections[sec.id] = n / d if d > 0 else None
    rankable = total is not None and not any(
        f.startswith(("below-floor:", "below-threshold")) for f in flags)
    return ModeOutcome(complete, total, None, None, None, sections, flags, {},
                       (total,) if total is not None else (), rankable, incomplete)


def checklist(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
              allowed: list[str] | None) -> ModeOutcome:
    """Verdict: caractérisé, partiellement, non caractérisé or indéterminé.

    A grid that flags no criterion as core treats every criterion as core.  A
    core criterion known to be not met settles the verdict (non caractérisé)
    even if another core criterion is unrated: the missing rating could not
    change it.  Otherwise a core criterion without a usable rating gives
    indéterminé.
    """
    core_ids = {c.id for c in scoring if c.core} or {c.id for c in scoring}
    states: dict[str, str | None] = {}
    for c in scoring:
        a = stats[c.id]["value"]
        met = counts_as(grid, c, "met")
        partly = counts_as(grid, c, "partly")
        if a is None:
            states[c.id] = None
        elif met is not None and a + EPS >= met:
            states[c.id] = "met"
        elif partly is not None and a + EPS >= partly:
            states[c.id] = "partly"
        else:
            states[c.id] = "not-met"
    core = [c.id for c in scoring if c.id in core_ids]
    comp = [c.id for c in scoring if c.id not in core_ids]
    core_states = [states[cid] for cid in core]
    if "not-met" in core_states:
        verdict = "non caractérisé"
    elif None in core_states:
        verdict = "indéterminé"
    elif all(s == "met" for s in core_states):
        verdict = "caractérisé"
    else:
        verdict = "partiellement"
    flags = [f"incomplete:{cid}" for cid in core if states[cid] is None and verdict ==
             "indéterminé"]
    complete = all(states[c.id] is not None for c in scoring)
    detail = {
        "core": core,
        "core_met": [cid for cid in core if states[cid] == "met"],
        "core_partly": [cid for cid in core if states[cid] == "partly"],
        "core_not_met": [cid for cid in core if states[cid] == "not-met"],
        "core_missing": [cid for cid in core if states[cid] is None],
        "complementary_met": [cid for cid in comp if states[cid] == "met"],
        "complementary_partly": [cid for cid in comp if states[cid] == "partly"],
    }
    sections: dict[str, float | None] = {}
    for sec in grid.sections:
        ids = [c.id for c in sec.criteria if c.id in states]
        rated = [cid for cid in ids if states[cid] is not None]
        sections[sec.id] = (sum(1 for cid in rated if states[cid] == "met") / len(rated)
                            if rated else None)
    ok = allowed or ["caractérisé", "partiellement"]
    rankable = verdict in ok
    key = (float(VERDICT_RANK.get(verdict, -1)), float(len(detail["core_met"])),
           float(len(detail["complementary_met"])))
    return ModeOutcome(complete, None, verdict, None, detail, sections, flags, states, key,
                       rankable, verdict == "indéterminé")


def profile(grid: Grid, scoring: list[Criterion], stats: dict[str, dict[str, Any]],
            *, renormalise: bool) -> ModeOutcome:
    """Intensity per marker and the set of markers present; never a total."""
    prof: dict[str, Any] = {}
    present: list[str] = []
    states: dict[str, str | None] = {}
    missing: list[str] = []
    for c in scoring:
        a = stats[c.id]["value"]
        prof[c.id] = a
        if a is None:
            states[c.id] = None
            missing.append(c.id)
            continue
        threshold = counts_as(grid, c, "present")
        if threshold is not None and a + EPS >= threshold:
            present.append(c.id)
            states[c.id] = "present"
        else:
            states[c.id] = "absent"
    prof["present"] = present
    complete = not missing
    flags = [f"{'renormalised' if renormalise else 'incomplete'}:{cid}" for cid in missing]
    sections: dict[str, float | None] = {}
    for sec in grid.sections:
        vals = [stats[c.id]["value"] for c in sec.criteria
                if c.id in states and stats[c.id]["value"] is not None]
        sections[sec.id] = sum(vals) / len(vals) if vals else None
    incomplete = bool(missing) and not renormalise
    rankable = not incomplete and bool(prof) and len(missing) < len(scoring)
    return ModeOutcome(complete, None, None, prof, None, sections, flags, states,
                       (float(len(present)),), rankable, incomplete)
