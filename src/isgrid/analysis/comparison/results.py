"""The same dossiers judged under several grids: how the choice of grid changes who is selected.

Input: one scored result per grid (:func:`isgrid.engine.score`), dossiers
matched by id.  For each pair of calls: Kendall's tau-b between the two
rankings (on the dossiers ranked in both; ties count as ties), the dossiers
selected under one and not the other, the gates (eligibility) passed in one
and failed in the other, the verdict agreement of two checklist calls, and, for
checklist and profile calls, whether the same shared dimensions are found
present.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, TypedDict

from ...grid.load import LoadedGrid


class Kendall(TypedDict):
    tau_b: float | None
    pvalue: float | None
    n: int
    reason: str | None  # why tau_b is null


class GateDiff(TypedDict):
    dossier: str
    passed_in: str
    failed_in: str
    failed: list[str]  # the rules or eliminatory criteria failed


class PairComparison(TypedDict):
    a: str
    b: str
    common: list[str]
    ranks: list[dict[str, Any]]
    kendall: Kendall
    selection: dict[str, Any]
    ranked_only_a: list[str]
    ranked_only_b: list[str]
    gates: list[GateDiff]
    verdicts: dict[str, Any] | None
    states: dict[str, Any] | None
    dimensions: dict[str, Any] | None
    status: dict[str, dict[str, int]]


class CallsComparison(TypedDict):
    calls: list[dict[str, Any]]
    dossiers: list[str]
    missing: dict[str, list[str]]
    pairs: list[PairComparison]
    # why calls matched to one compared grid are, or are not, editions of one call
    # (:func:`.editions.grouping`)
    grouping: list[dict[str, Any]] | None
    # editions of one call (:mod:`.editions`): per pair, the dossiers that re-apply
    editions: list[dict[str, Any]] | None


def kendall_tau_b(x: list[float], y: list[float]) -> Kendall:
    """Kendall's tau-b (scipy's well-kept implementation), with the reason when undefined."""
    n = len(x)
    if n < 2:
        return {"tau_b": None, "pvalue": None, "n": n, "reason": "fewer-than-two"}
    from scipy.stats import kendalltau

    res = kendalltau(x, y, variant="b")
    tau = float(res.statistic)
    p = float(res.pvalue)
    if math.isnan(tau):
        return {"tau_b": None, "pvalue": None, "n": n, "reason": "all-tied"}
    return {"tau_b": tau, "pvalue": None if math.isnan(p) else p, "n": n, "reason": None}


def _selection(ra: dict[str, Any], rb: dict[str, Any], common: list[str]) -> dict[str, Any]:
    da = {d["id"]: d for d in ra["dossiers"]}
    db = {d["id"]: d for d in rb["dossiers"]}
    if ra.get("selection") is None or rb.get("selection") is None:
        missing = [k for k, r in (("a", ra), ("b", rb)) if r.get("selection") is None]
        return {"available": False, "without_selection": missing,
                "selected_a_not_b": [], "selected_b_not_a": [], "selected_both": [],
                "undecided": []}
    # undecided in either call (a tie at the line the committee has yet to settle, an
    # amount to check): neither selected nor not there, so listed apart only, never as
    # « selected under one, not the other » (docs/compare.md)
    und = [i for i in common if da[i]["selected"] is None or db[i]["selected"] is None]
    apart = set(und)
    sa = {i for i in common if da[i]["selected"] is True and i not in apart}
    sb = {i for i in common if db[i]["selected"] is True and i not in apart}
    return {
        "available": True,
        "without_selection": [],
        "selected_a_not_b": sorted(sa - sb),
        "selected_b_not_a": sorted(sb - sa),
        "selected_both": sorted(sa & sb),
        "undecided": sorted(und),
    }


def _failed(d: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in d["eligibility"].items() if v == "fail")


def _present_dimensions(grid: LoadedGrid, d: dict[str, Any], shared: set[str]
                        ) -> tuple[set[str], set[str]]:
    """Shared dimensions found present, and those with no usable value at all."""
    states: dict[str, list[str | None]] = {}
    for c in grid.grid.criteria():
        if c.eliminatory or c.dimension not in shared:
            continue
        st = d["criteria"].get(c.id, {}).get("state")
        states.setdefault(c.dimension, []).append(st)
    present = {dim for dim, sts in states.items() if any(s in ("met", "present") for s in sts)}
    unknown = {dim for dim, sts in states.items() if all(s is None for s in sts)}
    return present, unknown


def _shared_states(ga: LoadedGrid, gb: LoadedGrid, da: dict[str, Any], db: dict[str, Any],
                   common: list[str]) -> dict[str, Any] | None:
    """Criteria (markers) both grids have, by id: met/present in one and not the other.

    A grid and a grid that extends it share most ids (the Picardie markers and the SIEG
    call); states are each grid's own reading (``counts_as``).
    """
    ids_b = {c.id for c in gb.grid.criteria() if not c.eliminatory}
    shared = [c.id for c in ga.grid.criteria() if not c.eliminatory and c.id in ids_b]
    if not shared:
        return None
    per = []
    agree = 0
    for i in common:
        differ = []
        for cid in shared:
            sa = da[i]["criteria"].get(cid, {}).get("state")
            sb = db[i]["criteria"].get(cid, {}).get("state")
            if sa is not None and sb is not None and sa != sb:
                differ.append({"criterion": cid, "a": sa, "b": sb})
        if not differ:
            agree += 1
        per.append({"dossier": i, "differ": differ})
    return {"shared": shared, "agree": agree, "n": len(common), "dossiers": per}


def _present(d: dict[str, Any]) -> int | None:
    profile = d.get("profile")
    return len(profile["present"]) if profile and "present" in profile else None


def _outcomes(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """A dossier's outcome in each call as the engine gave it: its total (scored), verdict
    (checklist), number of markers present (profile); ``difference``: the second call's
    total (or markers present) less the first's, when both have one."""
    total_a, total_b = a.get("total"), b.get("total")
    present_a, present_b = _present(a), _present(b)
    difference: float | None = None
    if total_a is not None and total_b is not None:
        difference = total_b - total_a
    elif present_a is not None and present_b is not None:
        difference = present_b - present_a
    return {"total_a": total_a, "total_b": total_b, "verdict_a": a.get("verdict"),
            "verdict_b": b.get("verdict"), "present_a": present_a, "present_b": present_b,
            "difference": difference}


def shown_gap(row: dict[str, Any]) -> Decimal | int | None:
    """A shared dossier's gap (a pair's ``ranks`` row) as a reader finds it from the two
    figures shown: the second call's total less the first's, each rounded to one decimal
    half up as every document shows a total (55,952 → 56,0 and 56,25 → 56,3: a gap of
    0,3, never 0,298); the markers present, in whole markers; None when either call has
    none.  The document's « écart » and the CSV's say this one number."""
    from ...messages import half_up

    if row["total_a"] is not None and row["total_b"] is not None:
        return Decimal(half_up(row["total_b"])) - Decimal(half_up(row["total_a"]))
    if row["present_a"] is not None and row["present_b"] is not None:
        return int(row["present_b"] - row["present_a"])
    return None


def compare_pair(ka: str, ga: LoadedGrid, ra: dict[str, Any],
                 kb: str, gb: LoadedGrid, rb: dict[str, Any]) -> PairComparison:
    da = {d["id"]: d for d in ra["dossiers"]}
    db = {d["id"]: d for d in rb["dossiers"]}
    common = sorted(set(da) & set(db))
    both = [i for i in common if da[i]["rank"] is not None and db[i]["rank"] is not None]
    kendall = kendall_tau_b([float(da[i]["rank"]) for i in both],
                            [float(db[i]["rank"]) for i in both])
    ranks = [{"dossier": i, "rank_a": da[i]["rank"], "rank_b": db[i]["rank"],
              "status_a": da[i]["status"], "status_b": db[i]["status"],
              # each status a decision of the vote, or a proposition (said « proposé »)
              "decided_a": da[i].get("decided", True), "decided_b": db[i].get("decided", True)}
             | _outcomes(da[i], db[i]) for i in common]
    gates: list[GateDiff] = []
    for i in common:
        ea, eb = da[i]["eligible"], db[i]["eligible"]
        if ea is True and eb is False:
            gates.append({"dossier": i, "passed_in": ka, "failed_in": kb, "failed": _failed(db[i])})
        elif eb is True and ea is False:
            gates.append({"dossier": i, "passed_in": kb, "failed_in": ka, "failed": _failed(da[i])})
    verdicts: dict[str, Any] | None = None
    ma, mb = ra["grid"]["mode"], rb["grid"]["mode"]
    if ma == "checklist" and mb == "checklist":
        table: dict[str, dict[str, int]] = {}
        disagree = []
        for i in common:
            va, vb = da[i]["verdict"], db[i]["verdict"]
            row = table.setdefault(str(va), {})
            row[str(vb)] = row.get(str(vb), 0) + 1
            if va != vb:
                disagree.append({"dossier": i, "a": va, "b": vb})
        agree = len(common) - len(disagree)
        verdicts = {"agree": agree, "n": len(common),
                    "share": agree / len(common) if common else None,
                    "table": {k: dict(sorted(v.items())) for k, v in sorted(table.items())},
                    "disagree": disagree}
    states: dict[str, Any] | None = None
    dims: dict[str, Any] | None = None
    if ma != "scored" and mb != "scored":
        states = _shared_states(ga, gb, da, db, common)
        cov_a = {c.dimension for c in ga.grid.criteria()
                 if not c.eliminatory and c.dimension is not None}
        cov_b = {c.dimension for c in gb.grid.criteria()
                 if not c.eliminatory and c.dimension is not None}
        shared = cov_a & cov_b
        per = []
        agree_n = 0
        for i in common:
            pa, ua = _present_dimensions(ga, da[i], shared)
            pb, ub = _present_dimensions(gb, db[i], shared)
            known = shared - ua - ub
            diff = sorted((pa ^ pb) & known, key=lambda x: int(x[1:]))
            if not diff:
                agree_n += 1
            per.append({"dossier": i,
                        "only_a": [x for x in diff if x in pa],
                        "only_b": [x for x in diff if x in pb],
                        "unknown": sorted(shared - known, key=lambda x: int(x[1:]))})
        dims = {"shared": sorted(shared, key=lambda x: int(x[1:])), "agree": agree_n,
                "n": len(common), "dossiers": per}
    status: dict[str, dict[str, int]] = {}
    for i in common:
        row = status.setdefault(da[i]["status"], {})
        row[db[i]["status"]] = row.get(db[i]["status"], 0) + 1
    return {
        "a": ka,
        "b": kb,
        "common": common,
        "ranks": ranks,
        "kendall": kendall,
        "selection": _selection(ra, rb, common),
        "ranked_only_a": [i for i in common if da[i]["rank"] is not None and db[i]["rank"] is None],
        "ranked_only_b": [i for i in common if db[i]["rank"] is not None and da[i]["rank"] is None],
        "gates": gates,
        "verdicts": verdicts,
        "states": states,
        "dimensions": dims,
        "status": {k: dict(sorted(v.items())) for k, v in sorted(status.items())},
    }


def compare_results(items: list[tuple[str, LoadedGrid, dict[str, Any], str]]
                    ) -> CallsComparison:
    """``items``: (grid key, the call's grid, its result, the call's label), one per call."""
    ids = [{d["id"] for d in r["dossiers"]} for _, _, r, _ in items]
    union = sorted(set().union(*ids)) if ids else []
    missing = {k: sorted(set(union) - s) for (k, _, _, _), s in zip(items, ids, strict=True)}
    pairs = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            ka, ga, ra, _ = items[i]
            kb, gb, rb, _ = items[j]
            pairs.append(compare_pair(ka, ga, ra, kb, gb, rb))
    calls = [{"grid": k, "call": label, "title": r["call"]["title"], "mode": r["grid"]["mode"],
              "grid_sha256": r["grid"]["sha256"], "selection": r.get("selection") is not None,
              "dossiers": len(r["dossiers"]), "overview": r.get("overview")}
             for k, _, r, label in items]
    return {"calls": calls, "dossiers": union,
            "missing": {k: v for k, v in missing.items() if v}, "pairs": pairs,
            "grouping": None, "editions": None}
