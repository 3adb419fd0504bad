"""Rendering a comparison as JSON, Markdown or HTML (with an inline-SVG heat map).

HTML is rendered with autoescaping and Markdown through the ``md`` filter
(:mod:`isgrid.documents.render`), so grid and dossier text never becomes markup.  Same
inputs, same bytes: nothing here reads a clock or depends on dict order that
the report did not fix.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ...documents.text import fmt_number
from ...i18n import translator
from ...io.write import dumps_json

CELL_W = 58
CELL_H = 30
LABEL_W = 230
HEAD_H = 30
LOW = (0xEF, 0xF3, 0xFF)
HIGH = (0x08, 0x45, 0x94)


def _fill(intensity: float) -> str:
    rgb = [round(lo + (hi - lo) * intensity) for lo, hi in zip(LOW, HIGH, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def pct(x: float | None, lang: str) -> str:
    if x is None:
        return "-"
    v = 100 * x
    digits = 0 if abs(v - round(v)) < 0.05 else 1
    return fmt_number(v, lang, digits) + ("\u202f%" if lang == "fr" else "%")


def heatmap(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """Geometry and colours of the coverage heat map: rows are grids, columns D1..D10."""
    dims = [d["id"] for d in report["dimensions"]]
    top = max((c["dimensions"][d]["share"] for c in report["coverage"] for d in dims),
              default=0.0)
    cells = []
    rows = []
    for r, cov in enumerate(report["coverage"]):
        y = HEAD_H + r * CELL_H
        rows.append({"y": y + CELL_H / 2 + 4, "label": cov["grid"]})
        for k, d in enumerate(dims):
            dc = cov["dimensions"][d]
            share = dc["share"]
            intensity = share / top if top > 0 and dc["criteria"] else 0.0
            if dc["criteria"]:
                text, kind = pct(share, lang), "covered"
            elif dc["secondary"]:
                text, kind = "(s)", "secondary"
            elif dc["gates"]:
                text, kind = "(g)", "gate"
            else:
                text, kind = "", "none"
            cells.append({
                "x": LABEL_W + k * CELL_W, "y": y, "w": CELL_W - 2, "h": CELL_H - 2,
                "fill": _fill(intensity) if kind == "covered" else "#f6f6f6",
                "ink": "#ffffff" if intensity > 0.55 else "#1a1a1a",
                "text": text, "kind": kind,
                "tx": LABEL_W + k * CELL_W + (CELL_W - 2) / 2, "ty": y + CELL_H / 2 + 3,
                "title": f"{cov['grid']} · {d} · " + ", ".join(
                    dc["criteria"] + [f"({c})" for c in dc["secondary"]]
                    + [f"[{c}]" for c in dc["gates"]]),
            })
    cols = [{"x": LABEL_W + k * CELL_W + (CELL_W - 2) / 2, "label": d}
            for k, d in enumerate(dims)]
    return {
        "width": LABEL_W + len(dims) * CELL_W + 4,
        "height": HEAD_H + len(report["coverage"]) * CELL_H + 4,
        "cells": cells, "rows": rows, "cols": cols, "top": pct(top, lang),
    }


def value_text(v: Any, lang: str) -> str:
    """A diff value for reading: None as a dash, booleans in words, numbers in style."""
    yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
    if v is None:
        return "-"
    if isinstance(v, bool):
        return yes if v else no
    if isinstance(v, float):
        return fmt_number(v, lang, 3).rstrip("0").rstrip(",.") or "0"
    if isinstance(v, list):
        return " | ".join(value_text(x, lang) for x in v) if v else "-"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {value_text(x, lang)}" for k, x in v.items()) or "-"
    return str(v)


def as_json(report: dict[str, Any], lang: str) -> str:
    data = copy.deepcopy(report)
    t = translator("compare", lang)
    if data.get("projection") is not None:
        data["projection"]["notice"] = t("projection.notice")
    return dumps_json(data)


def render(report: dict[str, Any], fmt: str, lang: str = "fr",
           template_dir: Path | None = None) -> str:
    """The comparison in ``json``, ``md`` or ``html`` (templates may be overridden)."""
    if fmt == "json":
        return as_json(report, lang)
    from ...documents.render import environment

    env = environment(template_dir, lang=lang, markdown=fmt == "md")
    env.filters["pct"] = lambda x: pct(x, lang)
    env.filters["val"] = lambda x: value_text(x, lang)
    t = translator("compare", lang)
    template = env.get_template("compare.html.j2" if fmt == "html" else "compare.md.j2")
    grids = {g["key"]: g for g in report["grids"]}
    return template.render(r=report, t=t, grids=grids, heat=heatmap(report, lang),
                           colon=" : " if lang == "fr" else ": ", lang=lang)
