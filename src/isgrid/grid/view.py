"""Presenting a resolved grid: the export contract (JSON) and a terminal view."""

from __future__ import annotations

import textwrap
from typing import Any

from .check import counts_as
from .load import LoadedGrid, grid_dump, list_shipped, load_grid, provenance_summary
from .logic import effective_verdict, verdict_lines, verdict_text
from .model import Grid


def _num(x: float | int | None) -> float | int | None:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def grid_export(loaded: LoadedGrid) -> dict[str, Any]:
    """The resolved grid as DESIGN.md's grid-export contract, plus useful extras."""
    g = loaded.grid
    scored = g.mode == "scored"
    sections = []
    for s in g.sections:
        crits = []
        for c in s.criteria:
            scale = g.scales[c.scale]
            crits.append({
                "id": c.id,
                "label": c.label,
                "question": c.question,
                "guidance": c.guidance,
                "advice": c.advice,
                "weight": _num(c.weight if c.weight is not None else 1) if scored else None,
                "ranking_weight": _num(c.ranking_weight) if scored else None,
                "scale": {
                    "id": c.scale,
                    "label": scale.label,
                    "min": _num(scale.min),
                    "max": _num(scale.max),
                    "half_steps": scale.half_steps,
                    "na": scale.na,
                    "levels": [
                        {"value": _num(lv.value), "label": lv.label,
                         "description": lv.description}
                        for lv in scale.levels
                    ],
                },
                "counts_as": {
                    k: _num(counts_as(g, c, k)) for k in ("met", "partly", "present")
                },
                "dimension": c.dimension,
                "secondary_dimensions": list(c.secondary_dimensions),
                "core": c.core,
                "floor": _num(c.floor),
                "eliminatory": c.eliminatory,
                "rated_by": c.rated_by,
                "provenance": c.provenance.model_dump(mode="json"),
            })
        sections.append({
            "id": s.id,
            "label": s.label,
            "weight": _num(s.weight if s.weight is not None else 1) if scored else None,
            "ranking_weight": _num(s.ranking_weight) if scored else None,
            "criteria": crits,
        })
    dumped = grid_dump(g)
    return {
        "id": g.id,
        "version": g.version,
        "title": g.title,
        "mode": g.mode,
        "sha256": loaded.sha256,
        "extends": loaded.chain[1:],
        "aggregator": g.effective_aggregator(),
        "threshold": _num(g.threshold) if scored else None,
        "out_of": _num(g.out_of()) if scored else None,
        "tie_breaks": [tb.model_dump(mode="json") for tb in g.tie_breaks],
        "eligibility": dumped.get("eligibility", []),
        "verdict": _verdict_export(g),
        "facts": dumped.get("facts", {}),
        "sections": sections,
        "sources": [s.model_dump(mode="json") for s in g.sources],
        "notes": list(g.notes),
        "parameters": {k: v.model_dump(mode="json") for k, v in sorted(g.parameters.items())},
        "provenance": provenance_summary(g),
    }


def _verdict_export(g: Grid) -> dict[str, Any] | None:
    """A checklist's verdict rule (the default one spelt out: every core criterion)."""
    if g.mode != "checklist":
        return None
    rule = effective_verdict(g)
    return {
        "rule": rule.model_dump(mode="json", exclude_none=True),
        "text": verdict_text(rule),
        "default": g.verdict is None,
        "criteria": rule.criteria_ids(),
    }


def grid_summary(loaded: LoadedGrid) -> dict[str, Any]:
    g = loaded.grid
    prov = provenance_summary(g)
    return {
        "id": g.id,
        "version": g.version,
        "title": g.title,
        "mode": g.mode,
        "criteria": prov["criteria_total"],
        "sourced": prov["criteria"]["sourced"],
        "reconstructed": prov["criteria"]["reconstructed"],
        "inferred": prov["criteria"]["inferred"],
        "extends": loaded.chain[1] if len(loaded.chain) > 1 else None,
        "sha256": loaded.sha256,
    }


def shipped_summaries() -> list[dict[str, Any]]:
    """:func:`grid_summary` of every shipped grid (``isgrid grids list``)."""
    return [grid_summary(load_grid(p)) for p in list_shipped()]


def grid_list_text(rows: list[dict[str, Any]]) -> str:
    """The table of ``isgrid grids list``: one line per grid summary, then the legend."""
    lines = [f"{'id':<26} {'mode':<9} {'crit':>4}  {'S/R/I':<8} title"]
    for r in rows:
        sri = f"{r['sourced']}/{r['reconstructed']}/{r['inferred']}"
        title = r["title"] if len(r["title"]) <= 30 else r["title"][:29] + "…"
        lines.append(f"{r['id']:<26} {r['mode']:<9} {r['criteria']:>4}  {sri:<8} {title}")
    lines.append("S/R/I: criteria sourced / reconstructed / inferred.")
    total = sum(int(r["criteria"]) for r in rows)
    sourced = sum(int(r["sourced"]) for r in rows)
    if total:
        lines.append(f"Sourced: {sourced} of {total} criteria ({100 * sourced / total:.0f} %).")
    return "\n".join(lines) + "\n"


_STATUS_FR = {"sourced": "sourcé", "reconstructed": "reconstitué", "inferred": "inféré"}


def grid_text(loaded: LoadedGrid, width: int = 80) -> str:
    """A readable terminal view of a grid, with provenance on every line."""
    g: Grid = loaded.grid
    prov = provenance_summary(g)
    lines = [f"{g.title}", f"  id {g.id}  version {g.version}  mode {g.mode}"
             + (f"  extends {loaded.chain[1]}" if len(loaded.chain) > 1 else ""),
             f"  sha256 {loaded.sha256}"]
    c = prov["criteria"]
    total = prov["criteria_total"]
    line = (f"  {total} criteria: {c['sourced']} sourced, {c['reconstructed']} reconstructed, "
            f"{c['inferred']} inferred")
    if g.source_criteria_count and g.source_criteria_count != total:
        line += f" (the original has {g.source_criteria_count}: this list is partial)"
    lines.append(line)
    if g.mode == "scored":
        lines.append(f"  aggregator {g.effective_aggregator()}  total out of {_fmt(g.out_of())}"
                     f"  threshold {_exact(g.threshold) if g.threshold is not None else '-'}")
    else:
        lines.append(f"  aggregator {g.effective_aggregator()}")
    for note in g.notes:
        lines.extend(textwrap.wrap(note, width, initial_indent="  note: ",
                                   subsequent_indent="        "))
    if g.sources:
        lines.append("")
        lines.append("Sources")
        for src in g.sources:
            lines.extend(textwrap.wrap(f"[{src.id}] {src.title}", width, initial_indent="  ",
                                       subsequent_indent="    "))
            if src.url:
                lines.append(f"    <{src.url}>")
    if g.mode == "checklist":
        lines.append("")
        if g.verdict is None:
            lines.append("Verdict: every core criterion met (the default rule)")
            lines.append("  " + verdict_text(effective_verdict(g)))
        else:
            lines.append("Verdict: « caractérisé » when")
            lines.extend(verdict_lines(g.verdict))
    if g.eligibility:
        lines.append("")
        lines.append("Eligibility")
        for r in g.eligibility:
            lines.append(f"  {r.id}: {r.label}")
    for s in g.sections:
        lines.append("")
        head = f"{s.id}  {s.label}"
        if g.mode == "scored":
            head += f"  (weight {_fmt(s.weight if s.weight is not None else 1)}" + (
                f", ranking weight {_fmt(s.ranking_weight)})" if s.ranking_weight is not None
                else ")")
        lines.append(head)
        for cr in s.criteria:
            tags = []
            if cr.core:
                tags.append("core")
            if cr.eliminatory:
                tags.append(f"eliminatory, rated by {cr.rated_by}")
            if g.mode == "scored" and not cr.eliminatory:
                tags.append(f"w {_fmt(cr.weight if cr.weight is not None else 1)}")
                if cr.ranking_weight is not None:
                    tags.append(f"ranking w {_fmt(cr.ranking_weight)}")
            if cr.floor is not None:
                tags.append(f"floor {_exact(cr.floor)} of {_fmt(g.scales[cr.scale].max)}"
                            if cr.scale in g.scales else f"floor {_exact(cr.floor)}")
            tags.append(cr.dimension or "unclassified")
            where = f" {cr.provenance.source}" if cr.provenance.source else ""
            lines.extend(textwrap.wrap(cr.label, width, initial_indent=f"  {cr.id:<8} ",
                                       subsequent_indent=" " * 11))
            lines.append(f"  {'':<8} [{', '.join(tags)}] {cr.provenance.status}{where}")
    lines.extend(_rules_text(g, width))
    return "\n".join(lines) + "\n"


def _rules_text(g: Grid, width: int) -> list[str]:
    """Scales, tie-breaks and facts: what a jury secretary checks before scoring."""
    lines = ["", "Scales"]
    for sid, scale in g.scales.items():
        extra = [x for x, on in (("half steps", scale.half_steps), ("n/a allowed", scale.na))
                 if on]
        lines.append(f"  {sid}" + (f" ({', '.join(extra)})" if extra else ""))
        for lv in scale.levels:
            lines.extend(textwrap.wrap(f"{_fmt(lv.value)} {lv.label}", width,
                                       initial_indent="    ", subsequent_indent="      "))
    lines += ["", "Tie-breaks"]
    if not g.tie_breaks:
        lines.append("  none: equal dossiers share a rank (flag tie)")
    for i, tb in enumerate(g.tie_breaks, 1):
        how = "higher first" if tb.order == "desc" else "lower first"
        count = ", number of distinct values" if tb.count else ""
        lines.append(f"  {i}. {tb.by} ({how}{count})")
    if g.facts:
        lines += ["", "Facts"]
        for name, spec in g.facts.items():
            bits = [spec.type + (f" of {spec.items.type}" if spec.items else "")]
            if spec.required:
                bits.append("required")
            if spec.unit:
                bits.append(spec.unit)
            if spec.enum:
                bits.append("one of " + ", ".join(str(v) for v in spec.enum))
            label = f" {spec.label}" if spec.label else ""
            lines.extend(textwrap.wrap(f"{name} [{', '.join(bits)}]{label}", width,
                                       initial_indent="  ", subsequent_indent="    "))
    return lines


def _exact(x: float | int) -> str:
    """A threshold or a floor as written (10, 66.67, 66.6666666667): never rounded."""
    v = float(x)
    return str(int(v)) if v.is_integer() else repr(v)


def _fmt(x: float | int | None) -> str:
    if x is None:
        return "-"
    return f"{x:g}"
