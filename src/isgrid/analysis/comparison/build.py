"""Assemble a grid comparison: coverage, crosswalk, diffs, calls, projection.

:func:`compare` is a pure function of loaded grids and scored calls; the
result is plain data (the ``--format json`` output) that the templates render.
"""

from __future__ import annotations

from typing import Any

from ... import __version__
from ...call.model import Call
from ...documents.stage import is_shortlist
from ...engine.result import Result
from ...errors import Diagnostic, Location, Message, UsageError
from ...grid.choices import outcome_choices
from ...grid.items import mode_key
from ...grid.load import LoadedGrid, dimensions
from ...grid.logic import effective_verdict, verdict_text
from ...grid.model import Grid, pinned_ref
from ...grid.provenance import criterion_status, provenance_summary, weakly_sourced
from ...grid.view import criteria_counts
from .coverage import Coverage, coverage, crosswalk, dimension_ids
from .diff import CRITERION_FIELDS, criterion_view, grid_diff, relation
from .editions import edition_groups, grouping, reapplied, split_editions
from .projection import project
from .results import compare_results

REPORT_FORMAT = 1

#: Per-dossier lists longer than this are cut in the comparison by default (``--details``
#: keeps them whole): two national calls list 20,000 dossiers in each of them, a document
#: of hundreds of megabytes nobody opens.  The counts, the rank correlation, the status
#: table and the lists of dossiers whose selection differs stay whole.
DETAIL_LIMIT = 100

def unique_keys(grids: list[LoadedGrid]) -> list[str]:
    keys: list[str] = []
    for lg in grids:
        k = lg.ref
        n = 2
        base = k
        while k in keys:
            k = f"{base}#{n}"
            n += 1
        keys.append(k)
    return keys


def _base_version(v: str) -> str:
    return v[: -len("+call")] if v.endswith("+call") else v


def match_calls(grids: list[LoadedGrid], calls: list[Call]) -> list[int]:
    """For each call, the index of the compared grid it was judged with.

    A call matches the grid with its grid's id and version (a call's local
    changes add ``+call`` to the version), else the one grid with its id, else
    the one grid its grid extends; the same grid given twice (same id, version and
    sha256) is one.  Several calls may match one grid: editions of one call
    (:mod:`.editions`, which :func:`compare` compares by their own grids).
    """
    out: list[int] = []
    for call in calls:
        cg = call.grid
        cands = [i for i, g in enumerate(grids) if g.grid.id == cg.grid.id
                 and g.grid.version == _base_version(cg.grid.version)]
        if not cands:
            cands = [i for i, g in enumerate(grids) if g.grid.id == cg.grid.id]
        if not cands:
            cands = [i for i, g in enumerate(grids) if g.grid.id in cg.chain[1:]]
        same = {(grids[i].grid.id, grids[i].grid.version, grids[i].sha256) for i in cands}
        if len(same) != 1:
            known = ", ".join(g.ref for g in grids)
            used = pinned_ref(cg.grid.id, _base_version(cg.grid.version))
            message = (Message("the call {call} uses the grid {grid}, which matches none of "
                               "the compared grids ({known})", call=call.folder, grid=used,
                               known=known) if not cands else
                       Message("the call {call} uses the grid {grid}, which matches several "
                               "of the compared grids ({known})", call=call.folder, grid=used,
                               known=known))
            hint = (Message("Add its grid to the compared grids: isgrid compare {grid} … "
                            "--call {call}.", grid=used, call=call.folder) if not cands else
                    Message("Compare one of these grids with this call, or give the grid "
                            "files themselves."))
            raise UsageError(message, [Diagnostic("bad-option", message,
                                                  Location(), hint=hint)])
        out.append(cands[0])
    return out


def own_grid(call: Call) -> LoadedGrid:
    """The grid a call names (``grid:`` of call.yaml), without the call's own changes
    (``set:``, ``add:``, ``remove:``): the call's grid itself when it has none."""
    from ...grid.load import CALL_VERSION, load_grid

    if not call.grid.grid.version.endswith(CALL_VERSION):
        return call.grid
    ref = call.config.grid
    if ref.endswith((".yaml", ".yml")):
        ref = str(call.folder / ref)
    return load_grid(ref, near=call.folder)


def _grid_info(key: str, lg: LoadedGrid) -> dict[str, Any]:
    g = lg.grid
    crits = g.criteria()
    return {
        "key": key,
        "id": g.id,
        "version": g.version,
        "title": g.title,
        "lang": g.lang,  # its words' language: an English comparison says they stay French
        "mode": g.mode,
        # the mode in words' key: « profil de marqueurs » only for a grid of markers
        "mode_key": mode_key(g),
        "sha256": lg.sha256,
        "extends": lg.chain[1:],
        # counted as every view counts them (grids list « 12+3 »): one function
        "criteria": criteria_counts(g)[0],
        "gates": criteria_counts(g)[1],
        "eligibility_rules": len(g.eligibility),
        "source_criteria_count": g.source_criteria_count,
        "provenance": {s: sum(1 for c in crits if criterion_status(g, c) == s)
                       for s in ("sourced", "reconstructed", "inferred")},
        # « inferred » / « mostly » for a grid too little sourced for what it asks to be
        # known (Rally'nov, Avise): flagged in the summary, the coverage table and the CSV
        "provenance_flag": weakly_sourced(
            {s: sum(1 for c in crits if criterion_status(g, c) == s)
             for s in ("sourced", "reconstructed", "inferred")}),
        "verdict": _verdict_info(g),
    }


def _verdict_info(g: Grid) -> dict[str, Any] | None:
    """A checklist's verdict rule in words (the default: every core criterion)."""
    if g.mode != "checklist":
        return None
    rule = effective_verdict(g)
    # where the rule comes from: the grid's `verdict` entry, or, for the default rule, its
    # core criteria's (`criteria.*.core`): isgrid.grid.choices, as the self-assessment says it
    choice = next((ch for ch in outcome_choices(g) if ch["what"] in ("verdict", "core")), None)
    provenance = None if choice is None else {
        "status": choice["status"], "source": choice["source"], "note": " ".join(choice["notes"])
        or None}
    # the conditions shown apart, outside the verdict (loi ESS 15-II), with their provenance
    apart = [{"id": ch["criterion"], "separate_condition": ch["label"], "status": ch["status"],
              "source": ch["source"]}
             for ch in outcome_choices(g) if ch["what"] == "separate_condition"]
    return {"default": g.verdict is None, "criteria": rule.criteria_ids(),
            "text": {lang: verdict_text(rule, lang) for lang in ("fr", "en")},
            "provenance": provenance, "separate_conditions": apart}


def slim(result: Result) -> dict[str, Any]:
    """A call's result as the JSON's plain data, with only what the comparison reads of
    each dossier, read from the typed result (the JSON of every dossier and cell of a
    national call, made only to be cut, took most of ``compare``'s time and memory)."""
    out = result.to_json(dossiers=False)
    out["overview"] = overview(result)
    out["dossiers"] = [{
        "id": d.id, "title": d.title, "rank": d.rank, "status": str(d.status),
        "eligible": d.eligible, "eligibility": dict(d.eligibility), "verdict": d.verdict,
        "selected": d.selected, "total": d.total,
        # its status a decision of the vote, or the jury's proposition still (said so)
        "decided": result.decided_by_vote(d),
        "profile": {"present": list(d.profile.get("present", []))} if d.profile else None,
        "criteria": {cid: {"state": c.get("state"), "value": c.get("value")}
                     for cid, c in d.criteria.items()}}
        for d in result.dossiers]
    return out


def overview(result: Result) -> dict[str, Any]:
    """A call's results in one line, as the engine gave them: how many dossiers, eligible
    (``eligible`` true), ranked, selected and in reserve, the budget and the money
    committed, of the selection the result states now (:attr:`Result.current`: the jury's
    proposal, or the decided one once anything is decided); without a selection, the
    dossiers the engine marked selected or in reserve, and no money.  ``voted``: the vote
    decided the status of every dossier the jury proposed something for (retained, in
    reserve, not retained: :meth:`Result.decided_by_vote`), so that the documents say
    « retenus », not « proposés (retenus) » (:func:`isgrid.documents.text.status_said`)."""
    from ...documents.text import PROPOSITIONS
    from ...vocabulary import num

    now = result.current
    proposed = [d for d in result.dossiers if d.status in PROPOSITIONS]
    return {
        "dossiers": len(result.dossiers),
        "eligible": sum(1 for d in result.dossiers if d.eligible is True),
        "ranked": sum(1 for d in result.dossiers if d.rank is not None),
        "selected": len(now.selected) if now is not None
        else sum(1 for d in result.dossiers if d.selected is True),
        "reserve": len(now.reserve) if now is not None
        else sum(1 for d in result.dossiers if d.reserve),
        "budget": num(now.budget) if now is not None else None,
        "committed": num(now.committed) if now is not None else None,
        "decided": now is not None and now.decided,
        "voted": bool(proposed) and all(result.decided_by_vote(d) for d in proposed),
        "statuses": dict(result.summary),
    }


def _cut(report: dict[str, Any]) -> None:
    """Cut the per-dossier lists to :data:`DETAIL_LIMIT` entries (first ones, in the
    report's order); ``report["omitted"]`` says how many each list lost."""
    omitted: dict[str, int] = {}

    def cut(holder: dict[str, Any] | None, key: str, where: str) -> None:
        if holder is None or not isinstance(holder.get(key), list):
            return
        items = holder[key]
        if len(items) > DETAIL_LIMIT:
            omitted[where] = len(items) - DETAIL_LIMIT
            holder[key] = items[:DETAIL_LIMIT]

    calls = report.get("calls")
    if calls:
        cut(calls, "dossiers", "calls.dossiers")
        for k in list(calls.get("missing", {})):
            cut(calls["missing"], k, f"calls.missing.{k}")
        for n, ed in enumerate(calls.get("editions") or []):
            cut(ed, "reapplied", f"calls.editions[{n}].reapplied")
        for n, pair in enumerate(calls.get("pairs", [])):
            at = f"calls.pairs[{n}]"
            for key in ("common", "ranks", "ranked_only_a", "ranked_only_b", "gates"):
                cut(pair, key, f"{at}.{key}")
            cut(pair.get("verdicts"), "disagree", f"{at}.verdicts.disagree")
            cut(pair.get("states"), "dossiers", f"{at}.states.dossiers")
            cut(pair.get("dimensions"), "dossiers", f"{at}.dimensions.dossiers")
    projection = report.get("projection")
    if projection:
        for n, pp in enumerate(projection.get("pairs", [])):
            cut(pp, "dossiers", f"projection.pairs[{n}].dossiers")
    report["omitted"] = omitted
    report["detail_limit"] = DETAIL_LIMIT


def summary(grids: list[LoadedGrid], keys: list[str],
            covs: list[Coverage] | None = None) -> dict[str, Any]:
    """How many criteria the grids share (same id), how many of those differ, and
    which are in one grid only; how many grids ask each dimension: the sentence at the
    top of the comparison.

    ``shared``: the ids in every grid (in the first grid's order); ``differing``:
    those whose label, section, weight, floor, scale… (the fields the diff compares)
    are not the same in all grids; ``only``: per grid, the ids no other grid has.
    Gates (eliminatory criteria) count as criteria.  ``related``: every grid comes from
    one same grid (each one's ``extends`` chain, itself included, names a common id):
    only then do shared ids say that criteria are shared; grids that do not (Avise, the
    CSESS, a Région's AMI) never share an id, whatever they ask.  ``dimensions``: the
    dimensions D1..D10 asked by every grid (``all``), by several but not all
    (``several``), by one only (``one``), by none (``none``); a grid asks a dimension one
    of its criteria reaches (:func:`coverage.coverage`'s ``covered`` and ``touched``:
    main, secondary or a gate's).  ``reached_only``: :func:`reached_only`, said beside.
    """
    by_grid = [{c.id: c for c in lg.grid.criteria()} for lg in grids]
    shared = [cid for cid in by_grid[0] if all(cid in other for other in by_grid[1:])]
    differing = []
    for cid in shared:
        views = [criterion_view(lg.grid, crits[cid])
                 for lg, crits in zip(grids, by_grid, strict=True)]
        if any(any(v[f] != views[0][f] for f in CRITERION_FIELDS) for v in views[1:]):
            differing.append(cid)
    only = {}
    for k, crits in zip(keys, by_grid, strict=True):
        only[k] = [cid for cid in crits
                   if sum(1 for other in by_grid if cid in other) == 1]
    common = set(grids[0].chain) if grids else set()
    for lg in grids[1:]:
        common &= set(lg.chain)
    covs = covs if covs is not None else [coverage(lg) for lg in grids]
    # a grid asks a dimension that one of its criteria reaches: as main dimension
    # (``covered``), or only as a secondary dimension or through a gate (``touched``: the
    # CSESS's CS-3.2 asks art. 15-II's financing, D8, as secondary); none asks it when no
    # grid reaches it.  The grids that reach a dimension only so are said beside it
    # (``reached_only``): the words always say which
    n = len(grids)
    dims: dict[str, list[str]] = {"all": [], "several": [], "one": [], "none": []}
    for d in dimension_ids():
        reached = sum(1 for c in covs if d in c["covered"] or d in c["touched"])
        kind = ("none" if reached == 0 else "all" if reached == n
                else "one" if reached == 1 else "several")
        dims[kind].append(d)
    # the grids too little sourced (weakly_sourced), and the dimensions every other grid
    # asks: « demandées par toutes les grilles » says what it rests on (finding 4)
    flagged = [k for k, lg in zip(keys, grids, strict=True)
               if weakly_sourced(provenance_summary(lg.grid)["criteria"])]
    firm = [(k, c) for k, c in zip(keys, covs, strict=True) if k not in flagged]
    firm_all = [d for d in dimension_ids() if firm and all(
        d in c["covered"] or d in c["touched"] for _, c in firm)]
    return {"grids": n, "shared": shared, "differing": differing, "only": only,
            "related": bool(common), "dimensions": dims,
            "reached_only": reached_only(covs, keys),
            "weakly_sourced": flagged,
            "sourced_grids": {"grids": [k for k, _ in firm], "all": firm_all}}


def reached_only(covs: list[Coverage], keys: list[str]) -> list[dict[str, Any]]:
    """Per grid, the dimensions it reaches only as a secondary dimension or through an
    eliminatory criterion (no counting criterion has them as main dimension), with those
    criteria: what the documents say beside « demandée » wherever a dimension is counted
    (the summary's sentence, the crosswalk's « aucun critère n'a pour dimension principale
    ») so that a call whose eliminatory « part de risque » reaches D7 is never said not to
    ask D7, nor said to ask it as it asks its main dimensions."""
    out = []
    for d in dimension_ids():
        for k, c in zip(keys, covs, strict=True):
            if d in c["touched"]:
                out.append({"dimension": d, "grid": k,
                            "secondary": list(c["dimensions"][d]["secondary"]),
                            "gates": list(c["dimensions"][d]["gates"])})
    return out


def compare(grids: list[LoadedGrid], calls: list[Call] | None = None,
            results: list[dict[str, Any]] | None = None, *,
            details: bool = False) -> dict[str, Any]:
    """The whole comparison as plain data.

    ``results`` are the calls' scored results (computed with
    :func:`isgrid.engine.score` when not given).  Without ``details``, per-dossier
    lists longer than :data:`DETAIL_LIMIT` are cut (``report["omitted"]`` counts what
    each lost); the counts and correlations are always over every dossier.
    """
    calls = calls or []
    keys = unique_keys(grids)
    idx = match_calls(grids, calls)
    # a call whose grid only extends the compared grid it matched (alsace-aap-2016 for
    # avise-mouves-2011): by the call's key, that compared grid's (said beside the call)
    extended: dict[str, str] = {}
    through = {n: keys[i] for n, i in enumerate(idx)
               if calls[n].grid.grid.id != grids[i].grid.id}
    # editions of one call: compared by their own grids; why calls matched to one
    # compared grid are, or are not, editions (said below the calls)
    editions = edition_groups(calls, idx)
    grouped = grouping(grids, keys, calls, idx, editions)
    if editions:
        grids, keys, idx = split_editions(grids, keys, calls, idx, editions)
    edition_keys = {keys[idx[n]] for group in editions for n in group}
    edition_call = {keys[idx[n]]: calls[n] for group in editions for n in group}
    extended |= {keys[idx[n]]: through[n] for group in editions for n in group if n in through}
    diffs = []
    extended_by: set[tuple[int, str]] = set()  # (compared grid, the editions' own grid ref)
    for i in range(len(grids)):
        for j in range(i + 1, len(grids)):
            a, b = grids[i], grids[j]
            if keys[i] in edition_keys and keys[j] in edition_keys \
                    and a.grid.id == b.grid.id:
                d = grid_diff(a, b, "editions")  # named by their calls, not both « +call »
                d["before"], d["after"] = keys[i], keys[j]
                diffs.append(d)
            elif keys[j] in edition_keys and keys[i] not in edition_keys \
                    and a.grid.id != b.grid.id and relation(a, b) is not None:
                # editions whose grid extends a compared grid: that grid's changes once,
                # said as the grid's (the editions' own differences are their diff)
                base = own_grid(edition_call[keys[j]])
                if (i, base.ref) not in extended_by:
                    extended_by.add((i, base.ref))
                    d = grid_diff(a, base, "call-extends")
                    d["before"] = keys[i]
                    diffs.append(d)
            elif relation(a, b) is not None:
                diffs.append(grid_diff(a, b))
            elif relation(b, a) is not None:
                diffs.append(grid_diff(b, a))
    covs: list[Coverage] = [coverage(lg) | {"grid": k}
                            for k, lg in zip(keys, grids, strict=True)]
    report: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "isgrid": __version__,
        "dimensions": [{"id": d, "label": dimensions()[d].label,
                        "definition": dimensions()[d].definition} for d in dimension_ids()],
        "grids": [_grid_info(k, lg) for k, lg in zip(keys, grids, strict=True)],
        "coverage": covs,
        "crosswalk": crosswalk(grids, keys),
        "diffs": diffs,
        "summary": summary(grids, keys, covs),
        "calls": None,
        "projection": None,
        "omitted": {},
        "detail_limit": None if details else DETAIL_LIMIT,
    }
    if not calls:
        return report
    if results is None:
        from ...engine import score

        # one call at a time, slimmed at once: two national results are never whole together
        results = [slim(score(c)) for c in calls]
    items = []
    for call, i, res in zip(calls, idx, results, strict=True):
        key = keys[i]
        base = grids[i]
        if call.grid.grid.id != grids[i].grid.id:
            # judged with a grid that extends the compared one (alsace-aap-2016 for
            # avise-mouves-2011): named by its own grid, the grid's changes said as the
            # grid's, the call's own changes (set:, add:, remove:) apart
            base = own_grid(call)
            key = f"{base.ref} ({call.folder.name})"
            extended[key] = keys[i]
            d = grid_diff(grids[i], base, "call-extends")
            d["before"] = keys[i]
            diffs.append(d)
        items.append((key, call.grid, res, call.folder.name))
        if call.grid.sha256 != base.sha256:
            d = grid_diff(base, call.grid, "call")
            d["after"] = key if key in extended else f"{key} ({call.folder.name})"
            diffs.append(d)
    report["calls"] = compare_results(items)
    for c, call in zip(report["calls"]["calls"], calls, strict=True):
        c["extends"] = extended.get(c["grid"])
        # a présélection is said in its own words in the documents (.stagewords)
        c["shortlist"] = is_shortlist(call)
    report["calls"]["grouping"] = grouped or None
    report["calls"]["editions"] = [pair for group in editions
                                   for pair in reapplied(group, calls, [keys[i] for i in idx], results)
                                   ] if editions else None
    projections = []
    cut_projection: dict[int, int] = {}
    for key, cgrid, res, _ in items:
        for k, lg in zip(keys, grids, strict=True):
            if lg.grid.id == cgrid.grid.id or k == key:  # never a grid through itself
                continue
            # cut while projecting: a national call's projection is the largest part
            projections.append(project(key, cgrid, res, k, lg,
                                       None if details else DETAIL_LIMIT))
            if not details and len(res["dossiers"]) > DETAIL_LIMIT:
                cut_projection[len(projections) - 1] = len(res["dossiers"]) - DETAIL_LIMIT
    # nothing to project (one grid and its calls, or versions of one grid): no section
    report["projection"] = ({"approximation": True, "pairs": projections} if projections
                            else None)
    if not details:
        _cut(report)
        report["omitted"] |= {f"projection.pairs[{n}].dossiers": k
                              for n, k in cut_projection.items()}
    return report
