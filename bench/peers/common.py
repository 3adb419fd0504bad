"""What the three peers share: the call's parameters, and the walk down the ranking.

Each peer (``pandas_score.py``, ``polars_score.py``, ``duckdb_score.py``) does the
data work its own way: read the ratings CSV (French decimal commas, ``NE`` for
n/a), drop the déports, take each cell's mean, apply the consensus values of
call.yaml and of the journal, compute the weighted total, the floors, the
threshold and eligibility.  Ranking (total, then ``submitted_at``, then id) and
the ``skip`` walk down the ranking within the budget are a loop over 20,000
rows, the same in plain Python for all three (the sequential part every analyst
writes as a loop).  The dossiers are ``dossiers.csv``, or with ``bench.run --yaml`` one YAML file
each (:func:`dossier_files`).  Written for the calls of ``bench/generate.py`` only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

EPS = 1e-9


def params(call: Path) -> dict[str, Any]:
    grid = yaml.safe_load((call / "grid.yaml").read_text(encoding="utf-8"))
    cfg = yaml.safe_load((call / "call.yaml").read_text(encoding="utf-8"))
    eff: dict[str, float] = {}
    floors: dict[str, float] = {}
    for s in grid["sections"]:
        total = sum(float(c.get("weight", 1)) for c in s["criteria"])
        for c in s["criteria"]:
            eff[c["id"]] = float(s.get("weight", 1)) * float(c.get("weight", 1)) / total
            if c.get("floor") is not None:
                floors[c["id"]] = float(c["floor"])
    levels = [lv["value"] for lv in next(iter(grid["scales"].values()))["levels"]]
    consensus = {(c["dossier"], c["criterion"]): float(c["value"])
                 for c in cfg.get("consensus") or []}
    journal = call / "journal.jsonl"
    if journal.exists():
        for line in journal.read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            if e["kind"] == "consensus":
                consensus[(e["dossier"], e["criterion"])] = float(e["value"])
    return {
        "eff": eff, "floors": floors, "threshold": float(grid["threshold"]),
        "lo": float(min(levels)), "hi": float(max(levels)),
        "budget": float(cfg["budget"]), "rate": float(cfg["funding"]["rate"]),
        "cap": float(cfg["funding"]["cap"]),
        "conflicts": [(c["assessor"], c["dossier"]) for c in cfg.get("conflicts") or []],
        "consensus": consensus,
    }


#: libyaml's loader, PyYAML's own where PyYAML was built without libyaml.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The dossiers' columns the peers read.
DOSSIER_COLUMNS = ("id", "departement", "amount_requested", "eligible_costs", "submitted_at")


def dossier_files(call: Path) -> dict[str, list[Any]] | None:
    """The dossiers as columns when they are YAML files (``bench.run --yaml``), else None.

    What an analyst writes: every ``dossiers/*.yaml`` read with libyaml's loader
    (PyYAML's fastest), its facts put in columns for the dataframe or the database.
    YAML 1.1 reads ``2016-01-08`` as a date: written back as the ISO text the table
    holds.
    """
    folder = call / "dossiers"
    if not folder.is_dir():
        return None
    cols: dict[str, list[Any]] = {c: [] for c in DOSSIER_COLUMNS}
    for path in sorted(folder.glob("*.yaml")):
        d = yaml.load(path.read_bytes(), Loader=_LOADER)
        for c in DOSSIER_COLUMNS:
            cols[c].append(d.get(c))
    cols["departement"] = [None if v is None else str(v) for v in cols["departement"]]
    cols["submitted_at"] = [None if v is None else str(v) for v in cols["submitted_at"]]
    return cols


def rank_and_walk(rows: list[tuple[str, float | None, bool, str, float]],
                  budget: float) -> dict[str, tuple[float | None, int | None, bool]]:
    """rows: (id, total, rankable, submitted_at, proposed amount) -> id: (total, rank, selected)."""
    # totals equal within EPS are equal (summing in another order moves the last bits)
    ranked = sorted((r for r in rows if r[2]),
                    key=lambda r: (-round(r[1] or 0.0, 9), r[3], r[0]))
    out: dict[str, tuple[float | None, int | None, bool]] = {
        r[0]: (r[1], None, False) for r in rows if not r[2]}
    spent = 0.0
    rank = 0
    prev: tuple[str, float | None, bool, str, float] | None = None
    for i, r in enumerate(ranked):
        tied = prev is not None and abs((prev[1] or 0.0) - (r[1] or 0.0)) <= EPS \
            and prev[3] == r[3]
        rank = rank if tied else i + 1
        fits = spent + r[4] <= budget + EPS
        if fits:
            spent += r[4]
        out[r[0]] = (r[1], rank, fits)
        prev = r
    return out


def write(out: Path, result: dict[str, tuple[float | None, int | None, bool]]) -> None:
    out.write_text(json.dumps(result, sort_keys=True), encoding="utf-8")


def args() -> tuple[Path, Path]:
    return Path(sys.argv[1]), Path(sys.argv[2])
