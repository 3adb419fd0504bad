"""A seeded generator of synthetic calls, for benchmarks and stress tests.

    python -m bench.generate OUT --dossiers 20000 --assessors 4 --criteria 25 \
        [--jurors 200] [--na 0.05] [--conflicts 0.01] [--table] \
        [--shape plain|jury|real|quota|quota_top] [--seed 1]

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
  journal (consensus values and decisions on a few dossiers);
* ``quota``: ``real`` plus portfolio constraints (call.yaml's ``constraints``, over three
  more dossier facts, ``territory``, ``kind`` and ``holder``): a minimum (rural
  dossiers, 6 % of the call, about a fifth of the places: more than the ranking gives
  them), a maximum (SCOP, 3 % of the call), a maximum per distinct value (one dossier
  per holder) and an envelope (enterprises, a tenth of the budget);
* ``quota_top``: ``quota`` with ``selection.top`` (the 30 % best) and no budget.

The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path


def grid_yaml(criteria: int, quota: bool = False) -> str:
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
        *(["  territory: {type: string}", "  kind: {type: string}",
            "  holder: {type: string}"] if quota else []),
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


SHAPES = ("plain", "jury", "real", "quota", "quota_top")
#: the shapes with portfolio constraints (module docstring)
QUOTA_SHAPES = ("quota", "quota_top")


def constraints_yaml(dossiers: int) -> list[str]:
    """call.yaml's ``constraints`` of the quota shapes, scaled to the call (see the module
    docstring): each count a share of the dossiers, at least one."""
    return [
        "constraints:",
        f"  - {{id: rural, kind: min, fact: territory, value: rural, "
        f"count: {max(1, dossiers * 6 // 100)}, label: projets ruraux}}",
        f"  - {{id: scop, kind: max, fact: kind, value: scop, "
        f"count: {max(1, dossiers * 3 // 100)}, label: SCOP}}",
        "  - {id: holder, kind: max, fact: holder, count: 1, label: un projet par porteur}",
        f"  - {{id: entreprises, kind: envelope, fact: kind, value: entreprise, "
        f"max_amount: {dossiers * 600}, label: enveloppe des entreprises}}",
    ]


def quota_facts(dossiers: int, seed: int) -> list[dict[str, str]]:
    """The three facts the quota shapes' constraints read, for each dossier: a rural
    territory one in seven, an urban one most often; an association most often, a SCOP
    or an enterprise one in seven each; about 1.5 dossiers a holder.  Drawn from their
    own generator, so that the other facts and the ratings stay those of ``real``."""
    rng = random.Random(f"quota-{seed}")
    holders = max(1, dossiers * 2 // 3)
    return [{"territory": rng.choice(["rural", "urbain", "urbain", "urbain", "qpv",
                                      "urbain", "periurbain"]),
             "kind": rng.choice(["asso", "asso", "asso", "asso", "scop", "entreprise",
                                 "collectivite"]),
             "holder": f"H{rng.randrange(holders):06d}"} for _ in range(dossiers)]


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


def dossier_id(i: int) -> str:
    """The id of the ``i``-th dossier (from 1) of a generated call."""
    return f"D{i:06d}"


def generate(out: Path, dossiers: int, assessors: int, criteria: int, *, na: float = 0.05,
             conflicts: float = 0.01, table: bool = False, shape: str = "plain",
             seed: int = 1, jurors: int | None = None) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    quota = shape in QUOTA_SHAPES
    (out / "grid.yaml").write_text(grid_yaml(criteria, quota), encoding="utf-8")
    pool = jurors if jurors is not None else max(assessors * 3, 8)
    if pool < assessors:
        raise ValueError(f"{assessors} assessors a dossier need at least as many jurors")
    conflict_rows = []
    ids = [dossier_id(i) for i in range(1, dossiers + 1)]
    assigned: dict[str, list[str]] = {}
    for did in ids:
        assigned[did] = rng.sample([f"j{k:03d}" for k in range(1, pool + 1)], assessors)
        if rng.random() < conflicts:
            conflict_rows.append((assigned[did][0], did))
    call = ["title: Appel synthétique (benchmark)", "grid: grid.yaml",
            f"budget: {dossiers * 6000}", "funding: {rate: 0.8, cap: 40000}",
            "selection: {rule: skip, reserve: 5}", "fictitious: true"]
    if shape == "quota_top":  # the 30 % best, no budget
        call[2:5] = ["funding: {rate: 0.8, cap: 40000}",
                     f"selection: {{top: {max(1, dossiers * 3 // 10)}, reserve: 5}}"]
    if quota:
        call += constraints_yaml(dossiers)
    if shape != "plain":
        call += ["assessors:", "  - {id: i001, name: Instruction, role: instructeur}"]
        call += [f"  - {{id: j{k:03d}, name: Juré {k}, role: juré}}" for k in range(1, pool + 1)]
    call += ["conflicts:"]
    call += [f"  - {{assessor: {a}, dossier: {d}}}" for a, d in conflict_rows] or ["  []"]
    if not conflict_rows:
        call[-2] = "conflicts: []"
        call.pop()
    (out / "call.yaml").write_text("\n".join(call) + "\n", encoding="utf-8")
    if shape in ("real", *QUOTA_SHAPES):
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
    if quota:
        for f, q in zip(facts, quota_facts(dossiers, seed), strict=True):
            f.update(q)
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
            if quota:
                text += (f"territory: {f['territory']}\nkind: {f['kind']}\n"
                         f"holder: {f['holder']}\n")
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


# ------------------------------------------------------------------ inputs of other commands
#: The Démarche Numérique columns of the intake export (the platform's, then the form's).
DN_COLUMNS = ["ID", "Email", "État du dossier", "Dernière mise à jour le", "Déposé le",
              "Passé en instruction le", "Traité le", "Motivation de la décision",
              "Instructeurs", "Intitulé du projet", "Département de réalisation",
              "Montant demandé", "Dépenses éligibles (HT)"]
DN_INTAKE = """intake:
  states: [en_instruction, accepte]
  id_prefix: DN-
  title: Intitulé du projet
  facts:
    departement: Département de réalisation
    amount_requested: Montant demandé
    eligible_costs: Dépenses éligibles (HT)
    submitted_at: Déposé le
"""


def _dossier_facts(call: Path) -> list[dict[str, str]]:
    """The bench call's dossiers as texts (its ``dossiers.csv``, or its YAML files)."""
    table = call / "dossiers.csv"
    if table.exists():
        with table.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    import yaml

    return [{k: str(v) for k, v in yaml.safe_load(p.read_text(encoding="utf-8")).items()}
            for p in sorted((call / "dossiers").glob("*.yaml"))]


def _euros(text: str) -> str:
    """« 25 000 € », as the platform writes an amount (a no-break space between thousands)."""
    return f"{int(float(text)):,}".replace(",", "\u202f") + "\u00a0€"


def intake_inputs(call: Path, out: Path) -> tuple[Path, Path, int]:
    """For ``isgrid intake``: a call with no dossiers (the bench call's grid and rules and an
    ``intake`` block) and a Démarche Numérique CSV export of the bench call's dossiers
    (the platform's columns, « 25 000 € » amounts, French dates, one in 20 refused, which
    the state filter leaves out).  Returns (the empty call, the export, its dossiers)."""
    empty = out / "intake-empty"
    if empty.exists():
        import shutil

        shutil.rmtree(empty)
    empty.mkdir(parents=True)
    (empty / "grid.yaml").write_bytes((call / "grid.yaml").read_bytes())
    rules = [line for line in (call / "call.yaml").read_text(encoding="utf-8").splitlines()
             if line.startswith(("title:", "grid:", "budget:", "funding:", "selection:",
                                 "fictitious:"))]
    (empty / "call.yaml").write_text("\n".join(rules) + "\n" + DN_INTAKE, encoding="utf-8")
    export = out / "export-dossiers.csv"
    with export.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(DN_COLUMNS)
        facts = _dossier_facts(call)
        for i, f in enumerate(facts, start=1):
            y, m, d = f["submitted_at"].split("-")
            state = "Refusé" if i % 20 == 0 else ("Accepté" if i % 3 == 0 else "En instruction")
            w.writerow([i, f"porteur{i}@asso.example", state, "01/05/2016 12:00",
                        f"{d}/{m}/{y} 10:00", "10/04/2016 09:00", "", "",
                        "instruction@region.example", f["title"], f["departement"],
                        _euros(f["amount_requested"]), _euros(f["eligible_costs"])])
    return empty, export, len(facts)


def import_inputs(call: Path, out: Path, juror: str = "j001"
                  ) -> tuple[Path, Path, dict[tuple[str, str], float | str]]:
    """For ``isgrid sheets import``: a copy of the call without ``juror``'s ratings, and the
    workbook ``isgrid sheets write`` gives ``juror`` on it, filled with those very ratings
    (a number, or NE; not the dossiers of a déport, which the workbook leaves out).
    Returns (the call, the workbook, the ratings filled in by (dossier, criterion): what
    the import must write back, as numbers or NE)."""
    import shutil
    import subprocess
    import sys

    import openpyxl

    copy = out / "import-call"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(call, copy, ignore=shutil.ignore_patterns("ratings"))
    (copy / "ratings").mkdir()
    mine: dict[tuple[str, str], str] = {}
    for path in sorted((call / "ratings").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as src, \
                (copy / "ratings" / path.name).open("w", encoding="utf-8", newline="") as dst:
            rows = csv.reader(src)
            w = csv.writer(dst)
            head = next(rows)
            w.writerow(head)
            at = {name: i for i, name in enumerate(head)}
            for row in rows:
                if row[at["assessor"]] == juror:
                    mine[(row[at["dossier"]], row[at["criterion"]])] = row[at["value"]]
                else:
                    w.writerow(row)
    books = out / "import-books"
    subprocess.run([sys.executable, "-m", "isgrid", "sheets", "write", str(copy),
                    "--assessor", juror, "-o", str(books), "--force"],
                   check=True, capture_output=True)
    book = books / f"{juror}.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Notation"]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    filled: dict[tuple[str, str], float | str] = {}
    for r, (did, _title, _file, kind) in enumerate(
            ws.iter_rows(min_row=2, max_col=4, values_only=True), start=2):
        if kind != "note":
            continue
        for cid, col in cols.items():
            text = mine.get((str(did), cid))
            if text is None or not text:
                continue
            value = rating_value(text)
            ws.cell(r, col).value = value
            filled[(str(did), cid)] = value
    wb.save(book)
    return copy, book, filled


def rating_value(text: str) -> float | str:
    """A ratings CSV value as a number (a decimal comma or point), or NE."""
    return "NE" if text.strip().upper() == "NE" else float(text.replace(",", "."))
