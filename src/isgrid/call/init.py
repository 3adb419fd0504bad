"""``isgrid call init``: a call folder to start from, for a given grid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, Message, UsageError
from ..grid.load import load_grid
from ..grid.model import FactSpec
from ..io.write import atomic_write


def _example(spec: FactSpec) -> Any:
    if spec.enum:
        return spec.enum[0]
    return {
        "string": "à compléter",
        "integer": 0,
        "number": 0,
        "boolean": False,
        "date": "2026-01-31",
    }.get(spec.type)


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def default_title(grid_title: str) -> str:
    """The call's title when none is given: « Appel à projets » and the grid's title,
    unless the grid's title already names a call (« Appel à projets … », « AAP … »)."""
    head = grid_title.strip().casefold()
    if head.startswith(("appel", "aap ", "call for", "concours", "trophée")):
        return grid_title.strip()
    return f"Appel à projets – {grid_title.strip()}"


def init_call(folder: Path, grid_ref: str, title: str | None) -> list[Path]:
    """Write call.yaml, dossiers/exemple.yaml and ratings/ratings.csv; never overwrite."""
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(
            f"{folder} is not empty",
            [Diagnostic("output-exists", Message("{folder} already exists and is not empty",
                                                 folder=folder),
                        Location(str(folder)), hint="Choose a new folder name.")],
        )
    loaded = load_grid(grid_ref)
    g = loaded.grid
    call_yaml = (
        f"# Dossier d'appel créé par `isgrid call init` ; toutes les clés : docs/calls.md.\n"
        f"title: {_yaml_scalar(title or default_title(g.title))}\n"
        f"grid: {grid_ref}\n"
        "# assessors:\n#   - {id: j1, name: Nom Prénom, role: juré}\n"
        "# conflicts:\n#   - {assessor: j1, dossier: D001, reason: lien avec le porteur}\n"
    )
    if g.mode == "scored":
        call_yaml += ("# budget: 50000\n# funding: {rate: 0.8, cap: 30000, minimum: 5000}\n"
                      "# selection: {rule: rank-order, reserve: 2}\n")
    else:
        call_yaml += "# selection: {top: 5, reserve: 2}\n"
    lines = ["# Exemple de dossier : remplacez les valeurs.", "id: D001",
             'title: "Projet exemple"']
    for name, spec in g.facts.items():
        comment = f"  # {spec.label}" if spec.label else ""
        if spec.type == "array" and spec.items is not None and spec.items.properties:
            lines.append(f"{name}:{comment}")
            props = ", ".join(f"{k}: {_yaml_scalar(_example(v))}"
                              for k, v in spec.items.properties.items()
                              if v.type not in ("array", "object"))
            lines.append(f"  - {{{props}}}")
            continue
        if spec.type == "array":
            item = _example(spec.items) if spec.items is not None else "à compléter"
            lines.append(f"{name}: [{_yaml_scalar(item)}]{comment}")
            continue
        if spec.type == "object":
            lines.append(f"# {name}: ({spec.type}){comment}")
            continue
        lines.append(f"{name}: {_yaml_scalar(_example(spec))}{comment}")
    # One row per criterion for a first juror, values left empty (missing, not zero).
    ratings = "dossier,assessor,criterion,value,comment\n" + "".join(
        f"D001,j1,{c.id},,\n" for c in g.criteria() if not c.eliminatory)
    out = [folder / "call.yaml", folder / "dossiers" / "D001.yaml",
           folder / "ratings" / "ratings.csv"]
    atomic_write(out[0], call_yaml.encode("utf-8"))
    atomic_write(out[1], ("\n".join(lines) + "\n").encode("utf-8"))
    atomic_write(out[2], ratings.encode("utf-8"))
    return out
