"""Editions of one call: several calls judged with the same grid (this year's and last
year's), compared as they were judged.

``isgrid compare alsace-aap-2016 --call aap-2025 --call aap-2026`` refused (« two calls use
the grid alsace-aap-2016@1 »), although the common question of a call's second year is « has
the grid changed since last year, and which dossiers re-apply? ».  Each call's grid is the
shipped grid with the call's own changes (``set:``, ``add:``, ``remove:``): the compared grids
are those effective grids, one per call, named by the call's folder (both were
``alsace-aap-2016@1+call``), so that the differences are the ones between the editions (a
half step both years allow is no difference), and the results are paired by dossier id as
for calls on several grids.

Re-applying dossiers (:func:`reapplied`): the dossiers of the later edition present in the
earlier one, by id, and, when both calls' dossiers give it, by the beneficiary's SIRET (the
fact ``meeting.attribuant.beneficiary_id`` names, ``siret`` by default: the open-data
export's): a project that re-applies under a new id.  Nothing else (a title, a holder's name)
is matched: it would be a guess.  The earlier edition is the one whose own first date
(``meeting.date``, else ``meeting.vote.date``) comes first, else the first given.
"""

from __future__ import annotations

import re
from typing import Any

from ...call.model import Call
from ...grid.load import LoadedGrid


def call_labels(calls: list[Call]) -> list[str]:
    """Each call's name in the comparison: its folder's name; the path given when two
    folders have the same name (``2025/appel``, ``2026/appel``)."""
    names = [c.folder.name for c in calls]
    return [c.folder.as_posix() if names.count(n) > 1 else n
            for c, n in zip(calls, names, strict=True)]


def edition_groups(calls: list[Call], idx: list[int]) -> list[list[int]]:
    """The groups of calls (their positions in ``calls``) that are editions of one call:
    calls matched to one compared grid (``idx``) and judged with a grid of the same id,
    each with its own changes (``set:``, ``add:``, ``remove:``).  A call judged with a
    grid that only extends the other's (a call on avise-mouves-2011 and one on
    alsace-aap-2016, both matched to avise-mouves-2011) is another call, not an edition:
    an edition is the same call another year."""
    groups: list[list[int]] = []
    for j in sorted(set(idx)):
        by_grid: dict[str, list[int]] = {}
        for n, i in enumerate(idx):
            if i == j:
                by_grid.setdefault(calls[n].grid.grid.id, []).append(n)
        groups.extend(g for g in by_grid.values() if len(g) > 1)
    return groups


def grouping(grids: list[LoadedGrid], keys: list[str], calls: list[Call], idx: list[int],
             groups: list[list[int]]) -> list[dict[str, Any]]:
    """Why calls matched to one compared grid are, or are not, compared as editions of
    one call (said below the list of calls): for each compared grid several calls matched
    (``idx``, before :func:`split_editions`), the calls by their names
    (:func:`call_labels`), whether they are editions, and each one's grid (its id and
    version, without the call's own changes) with the compared grid it extends, if so."""
    labels = call_labels(calls)
    grouped = {n for g in groups for n in g}
    out: list[dict[str, Any]] = []
    for j in sorted(set(idx)):
        matched = [n for n, i in enumerate(idx) if i == j]
        if len(matched) < 2:
            continue
        together = [g for g in groups if g[0] in matched]
        out.extend({"calls": [labels[n] for n in g], "editions": True,
                    "grid": _grid_ref(calls[g[0]])} for g in together)
        if len(together) != 1 or len(together[0]) != len(matched):
            out.append({"calls": [labels[n] for n in matched], "editions": False,
                        "grids": [{"call": labels[n], "grid": _grid_ref(calls[n]),
                                   "extends": keys[j] if calls[n].grid.grid.id
                                   != grids[j].grid.id else None,
                                   "edition": n in grouped} for n in matched]})
    return out


def _grid_ref(call: Call) -> str:
    """The grid ``call`` was judged with, as its call.yaml names it: its id and version
    (the call's own changes apart: « alsace-aap-2016@1 »)."""
    from ...grid.load import CALL_VERSION
    from ...grid.model import pinned_ref

    version = call.grid.grid.version
    return pinned_ref(call.grid.grid.id, version.removesuffix(CALL_VERSION))


def split_editions(grids: list[LoadedGrid], keys: list[str], calls: list[Call],
                   idx: list[int], groups: list[list[int]]
                   ) -> tuple[list[LoadedGrid], list[str], list[int]]:
    """The compared grids with each group of editions' grid (:func:`edition_groups`)
    replaced by those calls' own grids (keyed by :func:`call_labels`), a grid given twice
    (the same file: same id, version and sha256) dropped with it; each call's new grid
    index.  A compared grid another call was matched to through a grid extending it stays
    (that call is compared with it)."""
    labels = call_labels(calls)
    grouped = {n for g in groups for n in g}
    # a compared grid the calls' grid only extends (avise-mouves-2011 for two Alsace
    # editions) stays compared: it is not the grid they were judged with; nor does one
    # another call, not an edition, was matched to
    judged = {idx[g[0]] for g in groups
              if calls[g[0]].grid.grid.id == grids[idx[g[0]]].grid.id}
    judged -= {i for n, i in enumerate(idx) if n not in grouped}
    gone = {j for j, g in enumerate(grids) for i in judged
            if (g.grid.id, g.grid.version, g.sha256)
            == (grids[i].grid.id, grids[i].grid.version, grids[i].sha256)}
    new_grids: list[LoadedGrid] = []
    new_keys: list[str] = []
    at: dict[int, int] = {}
    for j, (g, k) in enumerate(zip(grids, keys, strict=True)):
        if j not in gone:
            at[j] = len(new_grids)
            new_grids.append(g)
            new_keys.append(k)
    new_idx = [at.get(i, -1) for i in idx]
    for group in sorted(groups, key=lambda g: (idx[g[0]], g[0])):
        for n in group:
            new_idx[n] = len(new_grids)
            new_grids.append(calls[n].grid)
            new_keys.append(labels[n])
    return new_grids, new_keys, new_idx


def _first_date(call: Call) -> str | None:
    from ...call.edition import own_first_date

    day = own_first_date(call.config.meeting)
    return day.isoformat() if day is not None else None


def _fact_name(call: Call) -> str:
    meeting = call.config.meeting
    if meeting is not None and meeting.attribuant is not None:
        return meeting.attribuant.beneficiary_id
    return "siret"


def _siret(value: Any) -> str | None:
    digits = re.sub(r"\D", "", str(value)) if isinstance(value, str | int) else ""
    return digits if len(digits) == 14 else None


def reapplied(group: list[int], calls: list[Call], keys: list[str],
              results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each pair of editions in ``group`` (earlier, later): the later edition's
    dossiers present in the earlier one, with the earlier one's status."""
    order = sorted(group, key=lambda n: (_first_date(calls[n]) is None,
                                         _first_date(calls[n]) or "", group.index(n)))
    out = []
    for x, a in enumerate(order):
        for b in order[x + 1:]:
            out.append(_pair(calls[a], keys[a], results[a], calls[b], keys[b], results[b]))
    return out


def _pair(ca: Call, ka: str, ra: dict[str, Any], cb: Call, kb: str,
          rb: dict[str, Any]) -> dict[str, Any]:
    before = {d["id"]: d for d in ra["dossiers"]}
    titles = {d["id"]: d["title"] for d in rb["dossiers"]}
    fact = _fact_name(cb)
    sirets_a = {d.id: _siret(d.facts.get(fact)) for d in ca.dossiers}
    sirets_b = {d.id: _siret(d.facts.get(fact)) for d in cb.dossiers}
    by_siret: dict[str, list[str]] = {}
    for did, s in sirets_a.items():
        if s is not None:
            by_siret.setdefault(s, []).append(did)
    use_fact = any(sirets_a.values()) and any(sirets_b.values())
    rows = []
    for d in sorted(rb["dossiers"], key=lambda d: d["id"]):  # as the pairs' common ids
        did = d["id"]
        if did in before:
            rows.append((did, did, "id"))
        elif use_fact and sirets_b.get(did) in by_siret:
            rows.extend((did, old, fact) for old in by_siret[sirets_b[did]])  # type: ignore[index]
    items = [{"dossier": did, "title": titles[did], "earlier_dossier": old, "by": how,
              "status": before[old]["status"], "decided": before[old].get("decided", True),
              "selected": before[old]["selected"]}
             for did, old, how in rows]
    return {"earlier": ka, "later": kb, "fact": fact if use_fact else None,
            "reapplied": items, "count": len(items),
            "selected_before": sum(1 for it in items if it["selected"] is True)}
