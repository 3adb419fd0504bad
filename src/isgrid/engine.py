"""From a loaded call to a result: eligibility, assessors, modes, ranking, money.

:func:`score` is a pure function of the call (no clock, no randomness, stable
ordering), so the same inputs always give byte-identical results.  The three
modes are computed by :mod:`isgrid.modes`; ranking and the budget walk by
:mod:`isgrid.select`.  The result is plain data following DESIGN.md's
result-JSON contract (documented field by field in ``docs/result.md``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import __version__
from .callmodel import Call, Rating
from .calls import consensus_values
from .combine import aggregate
from .facts import evaluate, fact_value
from .model import Criterion, Grid
from .modes import ModeOutcome, checklist, profile, scored
from .select import Entry, rank, walk_budget, walk_top

RESULT_FORMAT = 1
EPS = 1e-9


def _num(x: float | None) -> float | int | None:
    """Integral floats as ints, so JSON shows 3 rather than 3.0 (same value)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def criterion_stats(
    c: Criterion, grid: Grid, ratings: list[Rating], conflicted: set[str],
    consensus: tuple[float | None, str] | None, how: str, min_ratings: int | None,
) -> dict[str, Any]:
    usable = [r.value for r in ratings
              if r.assessor not in conflicted and not r.na and r.value is not None]
    na = sum(1 for r in ratings if r.assessor not in conflicted and r.na)
    if c.eliminatory:
        raw = min(usable) if usable else None  # any "non" is a finding
    else:
        raw = aggregate(usable, how)
    cons = consensus[0] if consensus is not None else None
    value = cons if cons is not None else raw
    short = bool(min_ratings and len(usable) < min_ratings and cons is None)
    if short:
        value = None
    return {
        "value": value,
        "raw": raw,
        "consensus": cons,
        "consensus_reason": consensus[1] if consensus is not None else None,
        "n": len(usable),
        "na": na,
        "min": min(usable) if usable else None,
        "max": max(usable) if usable else None,
        "spread": (max(usable) - min(usable)) if usable else None,
        "below_min_ratings": short,
    }


def score(call: Call) -> dict[str, Any]:
    """Score every dossier of a call, rank, select; return the result as plain data."""
    loaded = call.grid
    g = loaded.grid
    cfg = call.config
    mode = g.resolved_mode()
    how = cfg.aggregator or g.effective_aggregator()
    tie_breaks = cfg.tie_breaks if cfg.tie_breaks is not None else g.tie_breaks
    conflicts: dict[str, set[str]] = defaultdict(set)
    for cf in cfg.conflicts:
        conflicts[cf.dossier].add(cf.assessor)
    consensus = consensus_values(cfg, loaded)
    by: dict[tuple[str, str], list[Rating]] = defaultdict(list)
    for r in call.ratings:
        by[(r.dossier, r.criterion)].append(r)
    criteria = g.criteria()
    scoring = [c for c in criteria if not c.eliminatory]
    funding = cfg.funding
    budget = cfg.budget
    selection = cfg.selection
    top = selection.top if selection else None

    records: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for d in call.dossiers:
        flags: list[str] = []
        conf = conflicts.get(d.id, set())
        excluded = sorted({r.assessor for c in criteria for r in by.get((d.id, c.id), [])
                           if r.assessor in conf and (r.value is not None or r.na)})
        stats: dict[str, dict[str, Any]] = {}
        for c in criteria:
            stats[c.id] = criterion_stats(
                c, g, by.get((d.id, c.id), []), conf, consensus.get((d.id, c.id)), how,
                cfg.min_ratings,
            )
        if any(s["below_min_ratings"] for s in stats.values()):
            flags.append("below-min-ratings")
        # -- eligibility: rules on facts, then eliminatory criteria
        eligibility: dict[str, str] = {}
        for rule in g.eligibility:
            eligibility[rule.id] = evaluate(rule, d.facts)
        for c in criteria:
            if not c.eliminatory:
                continue
            v = stats[c.id]["value"]
            no = g.scales[c.scale].min
            eligibility[c.id] = "unknown" if v is None else (
                "fail" if abs(v - no) < EPS else "pass")
        outcomes = list(eligibility.values())
        eligible: bool | None = False if "fail" in outcomes else (
            None if "unknown" in outcomes else True)
        for rid, out in eligibility.items():
            if out == "fail":
                flags.append(f"ineligible:{rid}")
            elif out == "unknown":
                flags.append(f"unknown:{rid}")
        # -- the mode
        if mode == "scored":
            mo: ModeOutcome = scored(g, scoring, stats, renormalise=cfg.missing == "renormalise")
        elif mode == "checklist":
            allowed: list[str] | None = (
                list(selection.verdicts) if selection and selection.verdicts else None)
            mo = checklist(g, scoring, stats, allowed)
        else:
            mo = profile(g, scoring, stats, renormalise=cfg.missing == "renormalise")
        flags.extend(mo.flags)
        for c in scoring:
            s = stats[c.id]
            rng = g.scales[c.scale].max - g.scales[c.scale].min
            if s["n"] >= 2 and s["spread"] is not None and s["spread"] >= rng / 2 - EPS:
                flags.append(f"disagreement:{c.id}")
        flags.extend(f"conflict-excluded:{a}" for a in excluded)
        rankable = eligible is True and mo.rankable and not any(
            s["below_min_ratings"] for s in stats.values())
        # -- money
        requested = d.facts.get("amount_requested")
        requested = float(requested) if isinstance(requested, int | float) else None
        proposed: float | None = requested
        selectable = True
        if funding is not None and requested is not None:
            caps = [requested]
            if funding.rate is not None:
                costs = d.facts.get("eligible_costs")
                if isinstance(costs, int | float):
                    caps.append(funding.rate * float(costs))
                else:
                    proposed = None
                    flags.append("unknown:eligible_costs")
            if funding.cap is not None:
                caps.append(float(funding.cap))
            if proposed is not None:
                proposed = min(caps)
        if budget is not None:
            if requested is None:
                selectable = False
                flags.append("unknown:amount_requested")
            elif proposed is None:
                selectable = False
        if funding is not None and funding.minimum is not None and proposed is not None \
                and proposed + EPS < funding.minimum:
            selectable = False
            flags.append("below-minimum-grant")
        record: dict[str, Any] = {
            "id": d.id,
            "title": d.title,
            "status": None,
            "eligible": eligible,
            "eligibility": eligibility,
            "complete": mo.complete,
            "total": mo.total,
            "verdict": mo.verdict,
            "profile": mo.profile,
            "checklist": mo.checklist,
            "rank": None,
            "selected": None,
            "reserve": False,
            "amounts": {"requested": _num(requested), "proposed": _num(proposed),
                        "granted": None},
            "criteria": {
                cid: {k: (_num(v) if isinstance(v, float) else v) for k, v in s.items()
                      if k != "below_min_ratings"}
                | ({"state": mo.states.get(cid)} if mo.states else {})
                for cid, s in stats.items()
            },
            "sections": {k: v for k, v in mo.sections.items()},
            "flags": flags,
            "_rankable": rankable,
            "_incomplete": mo.incomplete,
        }
        records.append(record)
        if rankable:
            tie_values = [_tie_value(tb.by, record, d.facts) for tb in tie_breaks]
            entries.append(Entry(d.id, mo.key, tie_values, proposed, selectable))

    ordered = rank(entries, [tb.order for tb in tie_breaks])
    walk = None
    if budget is not None:
        walk_rule: str = selection.rule if selection else "rank-order"
        walk = walk_budget(ordered, float(budget), walk_rule,
                           partial=bool(funding and funding.partial),
                           minimum=float(funding.minimum) if funding and funding.minimum
                           else None, reserve_n=selection.reserve if selection else 0)
    elif top is not None:
        walk = walk_top(ordered, top, selection.reserve if selection else 0)
    by_id = {r["id"]: r for r in records}
    for e in ordered:
        rec = by_id[e.id]
        rec["rank"] = e.rank
        rec["flags"].extend(e.flags)
        if walk is not None:
            rec["selected"] = e.selected
            rec["reserve"] = e.reserve
            if e.proposed is not None and rec["amounts"]["proposed"] is not None:
                rec["amounts"]["proposed"] = _num(e.proposed)
    for rec in records:
        if walk is not None and not rec["_rankable"]:
            rec["selected"] = False
        rec["status"] = _status(rec, walk is not None)
    ranked = [by_id[e.id] for e in ordered]
    rest = sorted((r for r in records if r["rank"] is None), key=lambda r: r["id"])
    dossiers = []
    for rec in ranked + rest:
        rec.pop("_rankable")
        rec.pop("_incomplete")
        rec["flags"] = _sort_flags(rec["flags"])
        dossiers.append(rec)
    result: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "isgrid": __version__,
        "grid": {
            "id": g.id,
            "version": g.version,
            "mode": mode,
            "sha256": loaded.sha256,
            "title": g.title,
            "extends": loaded.chain[1:],
        },
        "inputs": dict(sorted(call.inputs.items())),
        "call": {
            "title": cfg.title,
            "aggregator": how,
            "missing": cfg.missing,
            "lang": cfg.lang,
            "fictitious": bool(cfg.fictitious),
        },
        "dossiers": dossiers,
        "selection": None,
        "summary": _summary(dossiers),
    }
    if walk is not None:
        result["selection"] = {
            "budget": _num(walk.budget),
            "spent": _num(walk.spent) if walk.budget is not None else None,
            "remaining": _num(walk.budget - walk.spent) if walk.budget is not None else None,
            "rule": (selection.rule if selection else "rank-order") if budget is not None
            else f"top:{top}",
            "top": top if budget is None else None,
            "selected": walk.selected,
            "reserve": walk.reserve,
            "line": walk.line,
        }
    return result


def _tie_value(by: str, record: dict[str, Any], facts: dict[str, Any]) -> Any:
    kind, _, ref = by.partition(":")
    if kind == "section":
        return record["sections"].get(ref)
    if kind == "criterion":
        c = record["criteria"].get(ref)
        return c["value"] if c else None
    v = fact_value(facts, ref)
    return v if isinstance(v, int | float | str) and not isinstance(v, bool) else None


def _status(rec: dict[str, Any], selecting: bool) -> str:
    if rec["eligible"] is False:
        return "irrecevable"
    if rec["eligible"] is None:
        return "à vérifier"
    if rec["_incomplete"]:
        return "incomplet"
    if not rec["_rankable"]:
        return "non classé"
    if not selecting:
        return "classé"
    if rec["selected"] is True:
        return "retenu"
    if rec["reserve"]:
        return "réserve"
    if rec["selected"] is None:
        return "classé"
    return "non retenu"


_FLAG_ORDER = [
    "ineligible", "unknown", "incomplete", "renormalised", "below-floor", "below-threshold",
    "below-min-ratings", "disagreement", "conflict-excluded", "tie", "tie-at-line",
    "skipped-budget", "below-minimum-grant", "partial-grant", "overridden",
]


def _sort_flags(flags: list[str]) -> list[str]:
    def key(f: str) -> tuple[int, int]:
        head = f.split(":", 1)[0]
        return (_FLAG_ORDER.index(head) if head in _FLAG_ORDER else len(_FLAG_ORDER), 0)

    seen: list[str] = []
    for f in sorted(flags, key=key):
        if f not in seen:
            seen.append(f)
    return seen


def _summary(dossiers: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in dossiers:
        out[d["status"]] = out.get(d["status"], 0) + 1
    return dict(sorted(out.items()))
