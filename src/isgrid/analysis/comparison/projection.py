"""Projection of a dossier rated under grid A onto grid B: an approximation.

The question it answers is the project holder's or the co-funder's: "what
would this project need to show in that call?"  It is **not** a score of grid
B, and nothing here ever adds B's criteria up: no total, no verdict, no count.

How: for each shared dimension, the dossier's *level* under A is the mean of
its normalised values, (value - min) / (max - min) on each criterion's scale,
over A's counting criteria whose main dimension it is.  Each criterion of B
(its gates too) is then read through its main dimension: ``shown`` (level at
least 2/3), ``partly`` (at least 1/3), ``weak`` (below 1/3), ``no-evidence``
(A asks about that dimension but the dossier has no usable value) or
``not-asked`` (A does not ask about it).  What B would need the project to show
is the list of B's criteria read as weak, no-evidence or not-asked.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ...grid.load import LoadedGrid
from .coverage import dimension_ids

SHOWN = 2 / 3
PARTLY = 1 / 3


class Evidence(TypedDict):
    level: float | None
    criteria: list[str]


class ProjectedCriterion(TypedDict):
    id: str
    label: str
    role: str  # "criterion" or "gate"
    dimension: str
    level: float | None
    reading: str
    question: str | None


class ProjectedDossier(TypedDict):
    approximation: bool
    dossier: str
    title: str
    evidence: dict[str, Evidence]
    criteria: list[ProjectedCriterion]
    needs: list[str]


class Projection(TypedDict):
    approximation: bool
    source: str
    target: str
    dossiers: list[ProjectedDossier]


def reading(level: float | None, asked: bool) -> str:
    if not asked:
        return "not-asked"
    if level is None:
        return "no-evidence"
    if level + 1e-9 >= SHOWN:
        return "shown"
    if level + 1e-9 >= PARTLY:
        return "partly"
    return "weak"


def evidence(source: LoadedGrid, dossier: dict[str, Any]) -> dict[str, Evidence]:
    """The dossier's level on each dimension that grid A asks about."""
    g = source.grid
    out: dict[str, Evidence] = {}
    for d in dimension_ids():
        crits = [c for c in g.criteria() if not c.eliminatory and c.dimension == d]
        if not crits:
            continue
        vals = []
        for c in crits:
            v = dossier["criteria"].get(c.id, {}).get("value")
            if v is None:
                continue
            sc = g.scales[c.scale]
            vals.append((float(v) - sc.min) / (sc.max - sc.min))
        out[d] = {"level": sum(vals) / len(vals) if vals else None,
                  "criteria": [c.id for c in crits]}
    return out


def project(source_key: str, source: LoadedGrid, result: dict[str, Any],
            target_key: str, target: LoadedGrid, limit: int | None = None) -> Projection:
    """Every dossier of a call under ``source`` read through ``target``'s criteria
    (the first ``limit`` ones by id when given)."""
    dossiers: list[ProjectedDossier] = []
    for d in sorted(result["dossiers"], key=lambda x: x["id"])[:limit]:
        ev = evidence(source, d)
        items: list[ProjectedCriterion] = []
        for c in target.grid.criteria():
            e = ev.get(c.dimension) if c.dimension is not None else None
            lvl = e["level"] if e is not None else None
            items.append({
                "id": c.id,
                "label": c.label,
                "role": "gate" if c.eliminatory else "criterion",
                "dimension": c.dimension or "unclassified",
                "level": lvl,
                "reading": reading(lvl, e is not None),
                "question": c.question,
            })
        dossiers.append({
            "approximation": True,
            "dossier": d["id"],
            "title": d["title"],
            "evidence": ev,
            "criteria": items,
            "needs": [i["id"] for i in items if i["reading"] in ("weak", "no-evidence",
                                                                  "not-asked")],
        })
    return {"approximation": True, "source": source_key, "target": target_key,
            "dossiers": dossiers}
