"""A seeded generator of synthetic calls, for benchmarks and stress tests.

    python -m bench.generate OUT --dossiers 20000 --assessors 4 --criteria 25 \
        [--jurors 200] [--na 0.05] [--conflicts 0.01] [--table] [--shape plain|jury|real] \
        [--seed 1]

Writes a scored grid (``grid.yaml``: 5 sections, C criteria on a 0..4 scale
with half steps), ``call.yaml`` with a budget, dossiers as YAML files (or one
``dossiers.csv`` with ``--table``), and one ratings CSV per assessor pool.  Each
dossier is rated by ``--assessors`` jurors drawn from a pool of ``--jurors``
(default: three times as many, at least 8).

Shapes (what real calls declare; ``plain`` is the historical benchmark):

* ``plain``: no jury in call.yaml, no assignments, no journal;
* ``jury``: the jury declared in call.yaml with roles (an instructor and the
  jurés), conflicts;
* ``real``: ``jury`` plus ``assignments.csv`` (who rates what) and a séance
  journal (consensus values and decisions on a few dossiers).

The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path


def grid_yaml(criteria: int) -> str:
    sections = 5
    lines = [
        "id: bench-grid", 'version: "1"', "title: Grille synthétique (benchmark)", "mode: scored",
        "threshold: 40",
        "scales:", "  s04:", "    half_steps: true", "    levels:",
    ]
    for v, lab in enumerate(["Insuffisant", "Faible", "Moyen", "Bon", "Excellent"]):
        lines.append(f"      - {{value: {v}, label: {lab}}}")
    lines += [
        "facts:",
        "  amount_requested: {type: number}",
        "  eligible_costs: {type: number}",
        "  departement: {type: string}",
        "  submitted_at: {type: date}",
        "eligibility:",
        "  - {id: dep, label: Département, fact: departement, in: ['67', '68']}",
        "tie_breaks:",
        "  - {by: 'fact:submitted_at', order: asc}",
        "parameters:",
        "  threshold: {status: inferred}",
        "  'sections.*.weight': {status: inferred}",
        "  'criteria.*.weight': {status: inferred}",
        "  'criteria.*.floor': {status: inferred}",
        "sections:",
    ]
    per = [criteria // sections + (1 if i < criteria % sections else 0) for i in range(sections)]
    n = 0
    for s in range(sections):
        lines += [f"  - id: s{s + 1}", f"    label: Section {s + 1}", f"    weight: {1 + s % 3}",
                  "    criteria:"]
        for _ in range(per[s]):
            n += 1
            floor = ", floor: 1" if n % 7 == 0 else ""
            lines.append(
                f"      - {{id: C{n:02d}, label: Critère {n}, scale: s04, weight: {1 + n % 2}"
                f"{floor}, dimension: D{1 + n % 10}, provenance: {{status: inferred}}}}"
            )
    return "\n".join(lines) + "\n"


SHAPES = ("plain", "jury", "real")


def _journal(out: Path, entries: list[dict[str, object]]) -> None:
    """A hash-chained ``journal.jsonl`` written in one go (see ``isgrid.call.journal``)."""
    from isgrid.call.journal import GENESIS, canonical, entry_hash, sha256

    lines: list[bytes] = []
    prev = GENESIS
    for seq, e in enumerate(entries, start=1):
        data: dict[str, object] = {"seq": seq, "stage": "jury", **e, "prev": prev}
        data["hash"] = entry_hash(data)
        raw = canonical(data)
        lines.append(raw)
        prev = sha256(raw)
    (out / "journal.jsonl").write_bytes(b"".join(x + b"\n" for x in lines))


def generate(out: Path, dossiers: int, assessors: int, criteria: int, *, na: float = 0.05,
             conflicts: float = 0.01, table: bool = False, shape: str = "plain",
             seed: int = 1, jurors: int | None = None) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "grid.yaml").write_text(grid_yaml(criteria), encoding="utf-8")
    pool = jurors if jurors is not None else max(assessors * 3, 8)
    if pool < assessors:
        raise ValueError(f"{assessors} assessors a dossier need at least as many jurors")
    conflict_rows = []
    ids = [f"D{i:06d}" for i in range(1, dossiers + 1)]
    assigned: dict[str, list[str]] = {}
    for did in ids:
        assigned[did] = rng.sample([f"j{k:03d}" for k in range(1, pool + 1)], assessors)
        if rng.random() < conflicts:
            conflict_rows.append((assigned[did][0], did))
    call = ["title: Appel synthétique (benchmark)", "grid: grid.yaml",
            f"budget: {dossiers * 6000}", "funding: {rate: 0.8, cap: 40000}",
            "selection: {rule: skip, reserve: 5}", "fictitious: true"]
    if shape != "plain":
        call += ["assessors:", "  - {id: i001, name: Instruction, role: instructeur}"]
        call += [f"  - {{id: j{k:03d}, name: Juré {k}, role: juré}}" for k in range(1, pool + 1)]
    call += ["conflicts:"]
    call += [f"  - {{assessor: {a}, dossier: {d}}}" for a, d in conflict_rows] or ["  []"]
    if not conflict_rows:
        call[-2] = "conflicts: []"
        call.pop()
    (out / "call.yaml").write_text("\n".join(call) + "\n", encoding="utf-8")
    if shape == "real":
        with (out / "assignments.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["dossier", "assessor"])
            for did in ids:
                for a in assigned[did]:
                    w.writerow([did, a])
        entries: list[dict[str, object]] = []
        for k, did in enumerate(ids[:: max(1, dossiers // 20)][:20]):
            entries.append({"kind": "consensus", "dossier": did, "criterion": "C01",
                            "value": 3, "by": "jury", "reason": "accord en séance"})
            if k % 4 == 0:
                entries.append({"kind": "decision", "dossier": did, "outcome": "ajourné",
                                "by": "président", "reason": "pièce manquante"})
        _journal(out, entries)
    facts = []
    for i, did in enumerate(ids):
        facts.append({
            "id": did, "title": f"Projet synthétique {i + 1}",
            "departement": rng.choice(["67", "68", "68", "67", "57"]) if i % 50 == 0 else "67",
            "amount_requested": rng.randrange(5000, 40000, 500),
            "eligible_costs": rng.randrange(10000, 80000, 1000),
            "submitted_at": f"2016-0{1 + i % 9}-{1 + i % 28:02d}",
        })
    if table:
        with (out / "dossiers.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            cols = list(facts[0])
            w.writerow(cols)
            for f in facts:
                w.writerow([f[c] for c in cols])
    else:
        ddir = out / "dossiers"
        ddir.mkdir(exist_ok=True)
        for f in facts:
            text = (f"id: {f['id']}\ntitle: {f['title']}\ndepartement: \"{f['departement']}\"\n"
                    f"amount_requested: {f['amount_requested']}\n"
                    f"eligible_costs: {f['eligible_costs']}\nsubmitted_at: {f['submitted_at']}\n")
            (ddir / f"{f['id']}.yaml").write_text(text, encoding="utf-8")
    rdir = out / "ratings"
    rdir.mkdir(exist_ok=True)
    values = ["0", "0,5", "1", "1,5", "2", "2,5", "3", "3,5", "4"]
    with (rdir / "ratings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["dossier", "assessor", "criterion", "value", "comment"])
        for did in ids:
            base = rng.randrange(2, 8)
            for a in assigned[did]:
                for c in range(1, criteria + 1):
                    if rng.random() < na:
                        v = "NE"
                    else:
                        v = values[max(0, min(8, base + rng.randrange(-2, 3)))]
                    w.writerow([did, a, f"C{c:02d}", v, ""])
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--dossiers", type=int, default=200)
    p.add_argument("--assessors", type=int, default=4)
    p.add_argument("--criteria", type=int, default=25)
    p.add_argument("--jurors", type=int, default=None,
                   help="the pool of jurors (default: 3 x assessors, at least 8)")
    p.add_argument("--na", type=float, default=0.05)
    p.add_argument("--conflicts", type=float, default=0.01)
    p.add_argument("--table", action="store_true")
    p.add_argument("--shape", choices=SHAPES, default="plain")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    generate(a.out, a.dossiers, a.assessors, a.criteria, na=a.na, conflicts=a.conflicts,
             table=a.table, shape=a.shape, seed=a.seed, jurors=a.jurors)


if __name__ == "__main__":
    main()
