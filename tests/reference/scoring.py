"""The reference's arithmetic: assessors combined, the scored mode, ranking, the budget
walk and a whole call's proposal (:func:`score_call`, :func:`status`); the spec it
reads is described in the package's docstring (tests/reference/__init__.py)."""

from __future__ import annotations

from typing import Any

EPS = 1e-9


# ----------------------------------------------------------------- assessors
def aggregate(values: list[float], how: str) -> float | None:
    """DESIGN.md "Combining assessors"."""
    if not values:
        return None
    s = sorted(values)
    n = len(s)
    if how == "mean":
        return sum(s) / n
    if how == "median":
        # even count: the lower of the two middle values
        return s[(n - 1) // 2]
    if how == "trimmed-mean":
        kept = s[1:-1] if n >= 5 else s
        return sum(kept) / len(kept)
    raise ValueError(how)


def criterion_value(spec: dict[str, Any], dossier: str, criterion: str,
                    *, eliminatory: bool = False) -> float | None:
    """The aggregate of usable ratings, replaced by the consensus when there is one."""
    cons = spec.get("consensus", {}).get((dossier, criterion))
    if cons is not None:
        return float(cons)
    usable = [float(v) for (d, _a, c), v in spec["ratings"].items()
              if d == dossier and c == criterion and v is not None and v != "na"]
    if eliminatory:
        # an eliminatory criterion fails on any "non": the minimum usable rating
        return min(usable) if usable else None
    return aggregate(usable, spec["aggregator"])


# ----------------------------------------------------------------- scored mode
def effective_weights(spec: dict[str, Any]) -> dict[str, float]:
    """eff_c = section weight x weight of c / sum of criterion weights in the section."""
    out: dict[str, float] = {}
    for sec in spec["sections"]:
        sw = 1.0 if sec["weight"] is None else float(sec["weight"])
        crits = [c for c in spec["criteria"] if c["section"] == sec["id"]]
        wsum = 0.0
        for c in crits:
            wsum += 1.0 if c["weight"] is None else float(c["weight"])
        for c in crits:
            w = 1.0 if c["weight"] is None else float(c["weight"])
            out[c["id"]] = sw * w / wsum
    return out


def score_dossier(spec: dict[str, Any], dossier: str) -> dict[str, Any]:
    """Total, completeness, sections, flags and rankability of one dossier."""
    eff = effective_weights(spec)
    values = {c["id"]: criterion_value(spec, dossier, c["id"]) for c in spec["criteria"]}
    norm: dict[str, float] = {}
    for c in spec["criteria"]:
        a = values[c["id"]]
        if a is not None:
            norm[c["id"]] = (a - c["lo"]) / (c["hi"] - c["lo"])
    missing = [c["id"] for c in spec["criteria"] if values[c["id"]] is None]
    flags: list[str] = []
    total: float | None
    if missing and spec["missing"] != "renormalise":
        total = None
        flags += [f"incomplete:{cid}" for cid in missing]
    else:
        flags += [f"renormalised:{cid}" for cid in missing]
        num = sum(eff[cid] * s for cid, s in norm.items())
        den = sum(eff[cid] for cid in norm)
        total = 100.0 * num / den if den > 0 else None
    floors_ok = True
    for c in spec["criteria"]:
        if c.get("floor") is None:
            continue
        a = values[c["id"]]
        if a is None or a < float(c["floor"]) - EPS:
            floors_ok = False
            flags.append(f"below-floor:{c['id']}")
    above = True
    if total is not None and spec["threshold"] is not None \
            and total < float(spec["threshold"]) - EPS:
        above = False
        flags.append("below-threshold")
    sections: dict[str, float | None] = {}
    for sec in spec["sections"]:
        ids = [c["id"] for c in spec["criteria"] if c["section"] == sec["id"] and c["id"] in norm]
        den = sum(eff[cid] for cid in ids)
        sections[sec["id"]] = sum(eff[cid] * norm[cid] for cid in ids) / den if den else None
    # eligibility from eliminatory criteria
    elig: bool | None = True
    for cid in spec.get("eliminatory", []):
        v = criterion_value(spec, dossier, cid, eliminatory=True)
        if v is None:
            flags.append(f"unknown:{cid}")
            if elig is True:
                elig = None
        elif v < 0.5:
            flags.append(f"ineligible:{cid}")
            elig = False
    rankable = elig is True and total is not None and floors_ok and above
    return {
        "values": values,
        "total": total,
        "complete": not missing,
        "sections": sections,
        "flags": flags,
        "eligible": elig,
        "rankable": rankable,
    }


# ----------------------------------------------------------------- ranking
def _tie_value(spec: dict[str, Any], scored: dict[str, Any], facts: dict[str, Any],
               kind: str, ref: str) -> Any:
    if kind == "section":
        return scored["sections"].get(ref)
    if kind == "criterion":
        return scored["values"].get(ref)
    return facts.get(ref)


def _compare_values(x: Any, y: Any, order: str) -> int:
    """-1 when x goes first, 1 when y goes first, 0 when equal; missing values go last."""
    if x is None and y is None:
        return 0
    if x is None:
        return 1
    if y is None:
        return -1
    if isinstance(x, int | float) and isinstance(y, int | float):
        if abs(x - y) <= EPS:
            return 0
    elif x == y:
        return 0
    x_first = x > y if order == "desc" else x < y
    return -1 if x_first else 1


def beats(a: dict[str, Any], b: dict[str, Any], orders: list[str]) -> bool:
    """a is strictly ahead of b: higher total, or equal total and ahead in the cascade."""
    if abs(a["total"] - b["total"]) > EPS:
        return bool(a["total"] > b["total"])
    for x, y, order in zip(a["ties"], b["ties"], orders, strict=True):
        c = _compare_values(x, y, order)
        if c:
            return c < 0
    return False


def rank(items: list[dict[str, Any]], orders: list[str]) -> dict[str, dict[str, Any]]:
    """Competition ranks: rank = 1 + how many are strictly ahead; equal ones share it."""
    out: dict[str, dict[str, Any]] = {}
    for a in items:
        ahead = sum(1 for b in items if b is not a and beats(b, a, orders))
        tied = any(b is not a and not beats(a, b, orders) and not beats(b, a, orders)
                   for b in items)
        out[a["id"]] = {"rank": 1 + ahead, "tie": tied}
    return out


# ----------------------------------------------------------------- money
def proposed_amount(facts: dict[str, Any], funding: dict[str, Any] | None) -> float | None:
    """min(requested, rate x eligible costs, cap); the requested amount without funding."""
    req = facts.get("amount_requested")
    if req is None:
        return None
    amounts = [float(req)]
    if funding:
        if funding.get("rate") is not None:
            costs = facts.get("eligible_costs")
            if costs is None:
                return None
            amounts.append(float(funding["rate"]) * float(costs))
        if funding.get("cap") is not None:
            amounts.append(float(funding["cap"]))
    return min(amounts)


def walk(order: list[str], ranks: dict[str, int], proposed: dict[str, float | None],
         budget: float, rule: str, reserve_n: int) -> dict[str, Any]:
    """Walk the ranking spending proposed amounts (no partial grants, no minimum).

    Returns ``selected`` (id -> True/False/None), ``flags`` (id -> list),
    ``reserve`` (ids) and ``notes`` (situations the caller may want to know of).
    """
    selected: dict[str, bool | None] = {}
    flags: dict[str, list[str]] = {i: [] for i in order}
    notes: set[str] = set()
    left = float(budget)
    stopped = False
    i = 0
    while i < len(order):
        r = ranks[order[i]]
        group = [d for d in order if ranks[d] == r]
        i += len(group)
        if stopped:
            for d in group:
                selected[d] = False
            continue
        payable = []
        for d in group:
            if proposed[d] is None:
                selected[d] = False  # not selectable: unknown amount
            else:
                payable.append(d)
        if not payable:
            continue
        need = sum(proposed[d] for d in payable)  # type: ignore[misc]
        if need <= left + EPS:
            for d in payable:
                selected[d] = True
            left -= need
            continue
        if len(payable) > 1:
            # tied at the line and they cannot all fit: people decide; the walk stops
            if not any(proposed[d] <= left + EPS for d in payable):  # type: ignore[operator]
                notes.add("tie-none-fits-alone")
            for d in payable:
                selected[d] = None
                flags[d].append("tie-at-line")
            stopped = True
            continue
        d = payable[0]
        selected[d] = False
        if rule == "skip":
            flags[d].append("skipped-budget")
        else:
            stopped = True
    # the reserve: the next reserve_n in rank order; a tie that the cut falls into is
    # taken whole, and flagged (never cut by id)
    pool = [d for d in order if selected[d] is False and proposed[d] is not None]
    reserve: list[str] = []
    for r in sorted({ranks[d] for d in pool}):
        if len(reserve) >= reserve_n:
            break
        group = [d for d in pool if ranks[d] == r]
        if len(group) > 1 and len(reserve) + len(group) > reserve_n:
            for d in group:
                flags[d].append("tie-at-reserve-line")
        reserve.extend(group)
    return {"selected": selected, "flags": flags, "reserve": reserve, "notes": notes}


# ----------------------------------------------------------------- a whole call
def score_call(spec: dict[str, Any]) -> dict[str, Any]:
    """Score, rank and select every dossier of ``spec``.

    Returns ``{"dossiers": {id: {...}}, "order": [ranked ids], "selected": [...],
    "reserve": [...], "notes": set}``.
    """
    orders = [o for (_k, _r, o) in spec["tie_breaks"]]
    out: dict[str, dict[str, Any]] = {}
    items = []
    for d in spec["dossiers"]:
        sc = score_dossier(spec, d["id"])
        sc["proposed"] = proposed_amount(d["facts"], spec.get("funding"))
        sc["requested"] = d["facts"].get("amount_requested")
        sc["rank"] = None
        sc["tie"] = False
        sc["selected"] = None
        sc["reserve"] = False
        out[d["id"]] = sc
        if sc["rankable"]:
            ties = [_tie_value(spec, sc, d["facts"], k, r) for (k, r, _o) in spec["tie_breaks"]]
            items.append({"id": d["id"], "total": sc["total"], "ties": ties})
    ranks = rank(items, orders)
    for did, rk in ranks.items():
        out[did]["rank"] = rk["rank"]
        out[did]["tie"] = rk["tie"]
        if rk["tie"]:
            out[did]["flags"].append("tie")
    # the cascade's step that put a dossier after the rank just above it, at an equal total
    bys = [f"{k}:{r}" for (k, r, _o) in spec["tie_breaks"]]
    for a in items:
        above = [b for b in items if ranks[b["id"]]["rank"] < ranks[a["id"]]["rank"]]
        last = max((ranks[b["id"]]["rank"] for b in above), default=None)
        for b in above:
            if ranks[b["id"]]["rank"] == last and abs(a["total"] - b["total"]) <= EPS:
                step = next(i for i, (x, y, o) in enumerate(zip(b["ties"], a["ties"], orders,
                                                                 strict=True))
                            if _compare_values(x, y, o))
                out[a["id"]]["flags"].append(f"tie-broken:{bys[step]}")
                break
    order = sorted(ranks, key=lambda x: (ranks[x]["rank"], x))
    result: dict[str, Any] = {"dossiers": out, "order": order, "selected": [],
                              "reserve": [], "notes": set()}
    if spec["budget"] is None:
        return result
    for dsc in out.values():
        if dsc["requested"] is None:
            dsc["flags"].append("unknown:amount_requested")
    proposed = {did: out[did]["proposed"] for did in order}
    w = walk(order, {d: ranks[d]["rank"] for d in order}, proposed, spec["budget"],
             spec["rule"], spec["reserve"])
    for did, dsc in out.items():
        if did in w["selected"]:
            dsc["selected"] = w["selected"][did]
            dsc["flags"] += w["flags"][did]
            dsc["reserve"] = did in w["reserve"]
        else:
            dsc["selected"] = False  # not rankable: not selected
    result["selected"] = [d for d in order if w["selected"][d] is True]
    result["reserve"] = w["reserve"]
    result["notes"] = w["notes"]
    return result


def status(d: dict[str, Any], selecting: bool) -> str:
    """The dossier's status in DESIGN.md's vocabulary."""
    if d["eligible"] is False:
        return "irrecevable"
    if d["eligible"] is None:
        return "à vérifier"
    if d["total"] is None:
        return "incomplet"
    if not d["rankable"]:
        return "non classé"
    if not selecting or d["selected"] is None:
        return "classé"
    if d["selected"]:
        return "retenu"
    return "réserve" if d["reserve"] else "non retenu"
