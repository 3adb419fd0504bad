"""From a loaded call to a result: eligibility, assessors, modes, ranking, money.

:func:`score` is a pure function of the call (no clock, no randomness, stable
ordering), so the same inputs always give byte-identical results.  The three
modes are computed by :mod:`isgrid.modes`; ranking and the budget walk by
:mod:`isgrid.select`.  The result is plain data following DESIGN.md's
result-JSON contract (documented field by field in ``docs/result.md``).
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .callmodel import Call
from .calls import consensus_values
from .columns import cell_stats
from .facts import evaluate, fact_value
from .io.text import gc_paused
from .modes import ModeOutcome, checklist, effective_weights, profile, scored_many
from .money import money
from .select import Entry, rank, walk_budget, walk_top

RESULT_FORMAT = 1
EPS = 1e-9
_CELL_KEYS = ("value", "raw", "consensus", "n", "na", "min", "max", "spread")


def _num(x: float | None) -> float | int | None:
    """Integral floats as ints, so JSON shows 3 rather than 3.0 (same value)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


_MISSING = float("-inf")


def _keyed(arr: Any) -> list[Any]:
    """A float array as nested lists of floats, NaN as -inf (see :func:`_cell_value`)."""
    import numpy as np

    rows: list[Any] = np.where(np.isnan(arr), _MISSING, arr).tolist()
    return rows


def _cell_value(x: Any) -> Any:
    """One statistic as the result shows it: missing as None, 3.0 as 3."""
    if isinstance(x, float):
        if x == _MISSING:
            return None
        if x.is_integer():
            return int(x)
    return x


def score(call: Call) -> dict[str, Any]:
    """Score every dossier of a call, rank, select; return the result as plain data."""
    with gc_paused():
        return _score(call)


def _score(call: Call) -> dict[str, Any]:
    loaded = call.grid
    g = loaded.grid
    cfg = call.config
    mode = g.resolved_mode()
    how = cfg.aggregator or g.effective_aggregator()
    tie_breaks = cfg.tie_breaks if cfg.tie_breaks is not None else g.tie_breaks
    table = call.table
    criteria = g.criteria()
    dmap = {did: i for i, did in enumerate(table.dossier_ids)}
    cmap = {cid: i for i, cid in enumerate(table.criterion_ids)}
    amap = {aid: i for i, aid in enumerate(table.assessor_ids)}
    conflicts = {(amap[cf.assessor], dmap[cf.dossier]) for cf in cfg.conflicts
                 if cf.assessor in amap and cf.dossier in dmap}
    consensus = consensus_values(cfg, loaded)
    cs = cell_stats(table, g, how, conflicts,
                    {(dmap[d], cmap[c]): v[0] for (d, c), v in consensus.items()
                     if d in dmap and c in cmap}, cfg.min_ratings)
    # Cells as plain floats, NaN as -inf (equal to itself, so cells can be
    # shared by key); converted to JSON-ready values once per distinct cell.
    n_l, na_l = cs.n.tolist(), cs.na.tolist()
    mn_l, mx_l, raw_l = _keyed(cs.min), _keyed(cs.max), _keyed(cs.raw)
    val_l, spread_l = _keyed(cs.value), _keyed(cs.max - cs.min)
    cons_l = _keyed(cs.consensus) if consensus else None
    short_any = cs.short.any(axis=1).tolist() if cs.short.size else [False] * len(call.dossiers)
    scoring = [c for c in criteria if not c.eliminatory]
    eff = effective_weights(g, scoring) if mode == "scored" else None
    scored_sections = {s.id for s in g.sections if any(not c.eliminatory for c in s.criteria)}
    every_section_scored = len(scored_sections) == len(g.sections)
    funding = cfg.funding
    budget = cfg.budget
    selection = cfg.selection
    top = selection.top if selection else None
    cids = [c.id for c in criteria]
    tie_refs = [tb.by.partition(":")[::2] for tb in tie_breaks]
    col = {c.id: i for i, c in enumerate(criteria)}
    scoring_cols = [col[c.id] for c in scoring]
    outcomes: list[ModeOutcome] | None = None
    if mode == "scored":
        outcomes = scored_many(g, scoring, cs.value[:, scoring_cols],
                               renormalise=cfg.missing == "renormalise", eff=eff)
    reasons: dict[int, list[tuple[str, str]]] = {}
    for (did, cid), (_v, why) in consensus.items():
        if did in dmap and cid in cmap and why is not None:
            reasons.setdefault(dmap[did], []).append((cid, why))
    disagree = _disagreements(g, scoring, scoring_cols, cs)
    elim = [(c.id, col[c.id], g.scales[c.scale].min) for c in criteria if c.eliminatory]
    none_row = [None] * len(criteria)
    # Cells with the same statistics share one read-only entry: a national call
    # has millions of cells but a few thousand distinct ones (time and memory).
    shared: dict[tuple[Any, ...], dict[str, Any]] = {}

    records: list[dict[str, Any]] = []
    states: dict[str, tuple[bool, bool, bool]] = {}  # id -> rankable, incomplete, no amount
    entries: list[Entry] = []
    for di, d in enumerate(call.dossiers):
        flags: list[str] = ["below-min-ratings"] if short_any[di] else []
        conflicted = cs.excluded.get(di)
        val_row = val_l[di]
        cells = (val_row, raw_l[di], none_row if cons_l is None else cons_l[di],
                 n_l[di], na_l[di], mn_l[di], mx_l[di], spread_l[di])
        try:  # C-level loops: most cells were seen in an earlier dossier
            crit_out = dict(zip(cids, map(shared.__getitem__, zip(*cells, strict=True)),
                                strict=True))
        except KeyError:
            keys = list(zip(*cells, strict=True))
            for k in keys:
                if k not in shared:
                    shared[k] = dict(zip(_CELL_KEYS, map(_cell_value, k), strict=True))
                    shared[k]["consensus_reason"] = None
            crit_out = dict(zip(cids, map(shared.__getitem__, keys), strict=True))
        for cid, why in reasons.get(di, ()):
            crit_out[cid] = {**crit_out[cid], "consensus_reason": why}
        # -- eligibility: rules on facts, then eliminatory criteria
        eligibility: dict[str, str] = {}
        for rule in g.eligibility:
            eligibility[rule.id] = evaluate(rule, d.facts)
        for cid, ci, no in elim:
            v = val_row[ci]
            eligibility[cid] = "unknown" if v == _MISSING else (
                "fail" if abs(v - no) < EPS else "pass")
        outcomes_e = eligibility.values()
        eligible: bool | None = False if "fail" in outcomes_e else (
            None if "unknown" in outcomes_e else True)
        for rid, out in eligibility.items():
            if out == "fail":
                flags.append(f"ineligible:{rid}")
            elif out == "unknown":
                flags.append(f"unknown:{rid}")
        # -- the mode
        if outcomes is not None:
            mo: ModeOutcome = outcomes[di]
        elif mode == "checklist":
            allowed: list[str] | None = (
                list(selection.verdicts) if selection and selection.verdicts else None)
            mo = checklist(g, scoring, crit_out, allowed)
        else:
            mo = profile(g, scoring, crit_out, renormalise=cfg.missing == "renormalise")
        if mo.states:
            for cid in cids:
                crit_out[cid] = {**crit_out[cid], "state": mo.states.get(cid)}
        if mo.flags:
            flags.extend(mo.flags)
        if di in disagree:
            flags.extend(disagree[di])
        if conflicted:
            flags.extend(sorted(f"conflict-excluded:{table.assessor_ids[ai]}"
                                for ai in conflicted))
        rankable = eligible is True and mo.rankable and not short_any[di]
        # -- money
        requested, proposed, selectable, amount_unknown, money_flags = money(d.facts, cfg)
        if money_flags:
            flags.extend(money_flags)
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
            "criteria": crit_out,
            "sections": mo.sections if every_section_scored else {
                k: v for k, v in mo.sections.items() if k in scored_sections},
            "flags": flags if eligible is not False else [
                f for f in flags if not f.startswith(_NOISE_WHEN_INELIGIBLE)],
        }
        records.append(record)
        states[d.id] = (rankable, mo.incomplete, amount_unknown)
        if rankable:
            tie_values = [_tie_value(kind, ref, record, d.facts) for kind, ref in tie_refs]
            entries.append(Entry(d.id, mo.key, tie_values, proposed, selectable))

    ordered = rank(entries, [tb.order for tb in tie_breaks])
    walk = None
    if budget is not None:
        walk_rule: str = selection.rule if selection else "rank-order"
        walk = walk_budget(ordered, float(budget), walk_rule,
                           partial=bool(funding and funding.partial),
                           minimum=float(funding.minimum) if funding and funding.minimum
                           else None, reserve_n=selection.reserve if selection else 0,
                           top=top)
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
        rankable, incomplete, amount_unknown = states[rec["id"]]
        if walk is not None and not rankable:
            rec["selected"] = False
        if walk is not None and rankable and amount_unknown:
            rec["selected"] = None  # cannot be decided until the amount is known
        rec["status"] = _status(rec, walk is not None, rankable, incomplete, amount_unknown)
    ranked = [by_id[e.id] for e in ordered]
    rest = sorted((r for r in records if r["rank"] is None), key=lambda r: r["id"])
    dossiers = []
    for rec in ranked + rest:
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
            "top": top,
            "selected": walk.selected,
            "reserve": walk.reserve,
            "line": walk.line,
        }
    return result


def _disagreements(g: Any, scoring: list[Any], cols: list[int], cs: Any) -> dict[int, list[str]]:
    """``disagreement:<criterion>`` flags: two or more ratings spread over half the scale."""
    import numpy as np

    out: dict[int, list[str]] = {}
    hits = []
    for c, ci in zip(scoring, cols, strict=True):
        rng = g.scales[c.scale].max - g.scales[c.scale].min
        with np.errstate(invalid="ignore"):
            spread = cs.max[:, ci] - cs.min[:, ci]
            hit = (cs.n[:, ci] >= 2) & ~np.isnan(spread) & (spread >= rng / 2 - EPS)
        hits.append(hit)
    if not hits:
        return out
    names = [f"disagreement:{c.id}" for c in scoring]
    at_d, at_c = np.nonzero(np.stack(hits, axis=1))
    for di, j in zip(at_d.tolist(), at_c.tolist(), strict=True):
        out.setdefault(di, []).append(names[j])
    return out


def _tie_value(kind: str, ref: str, record: dict[str, Any], facts: dict[str, Any]) -> Any:
    """The value a tie-break ``kind:ref`` compares (None when missing)."""
    if kind == "section":
        return record["sections"].get(ref)
    if kind == "criterion":
        c = record["criteria"].get(ref)
        return c["value"] if c else None
    v = facts.get(ref) if ref in facts else fact_value(facts, ref)
    return v if isinstance(v, int | float | str) and not isinstance(v, bool) else None


def _status(rec: dict[str, Any], selecting: bool, rankable: bool, incomplete: bool,
            amount_unknown: bool) -> str:
    if rec["eligible"] is False:
        return "irrecevable"
    if rec["eligible"] is None:
        return "à vérifier"
    if incomplete:
        return "incomplet"
    if not rankable:
        return "non classé"
    if not selecting:
        return "classé"
    if amount_unknown:
        return "à vérifier"
    if rec["selected"] is True:
        return "retenu"
    if rec["reserve"]:
        return "réserve"
    if rec["selected"] is None:
        return "classé"
    return "non retenu"


#: An ineligible dossier carries its eligibility flags, not the consequences of
#: nobody rating it (a list of incomplete:... flags would bury the reason).
_NOISE_WHEN_INELIGIBLE = ("incomplete:", "renormalised:", "below-floor:", "below-threshold",
                          "disagreement:")

_FLAG_ORDER = [
    "ineligible", "unknown", "incomplete", "renormalised", "below-floor", "below-threshold",
    "below-min-ratings", "disagreement", "conflict-excluded", "tie", "tie-at-line",
    "skipped-budget", "below-minimum-grant", "partial-grant", "overridden",
]


class _FlagRank(dict[str, int]):
    """The position of a flag's kind in :data:`_FLAG_ORDER`, computed once per flag text."""

    def __missing__(self, flag: str) -> int:
        head = flag.split(":", 1)[0]
        rank = self[flag] = (_FLAG_ORDER.index(head) if head in _FLAG_ORDER
                             else len(_FLAG_ORDER))
        return rank


_FLAG_RANK = _FlagRank()


def _sort_flags(flags: list[str]) -> list[str]:
    """Flags in the documented order of kinds (stable within a kind), without repeats."""
    if len(flags) < 2:
        return list(flags)
    return list(dict.fromkeys(sorted(flags, key=_FLAG_RANK.__getitem__)))


def _summary(dossiers: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in dossiers:
        out[d["status"]] = out.get(d["status"], 0) + 1
    return dict(sorted(out.items()))
