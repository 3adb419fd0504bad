"""The benchmark: costs measured against a floor measured in the same run.

    python -m bench.run [--sizes 2000,20000,200000,2000000] [--table] [--repeat 1]

For each size (a number of ratings: N dossiers x 4 assessors x 25 criteria) it
generates a seeded synthetic call (``bench/generate.py``) and times, each in a
fresh process:

(a) the floor: reading the ratings CSV with Python's ``csv`` module and the
    dossier files' bytes;
(b) ``isgrid score CALL --format json -o FILE``;
(c) ``isgrid report CALL --kind committee --format html`` when the report
    command exists;
(d) ``isgrid --help`` against ``python -c pass``.

It prints every timing, the ratios (b)/(a), (c) and (d), and the peak memory of
(b).  Machines here are shared and noisy: only ratios measured in the same run
mean anything; absolute seconds are for orientation.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate

ASSESSORS = 4
CRITERIA = 25

FLOOR = """
import csv, sys
from pathlib import Path
call = Path(sys.argv[1])
n = 0
for path in sorted((call / "ratings").glob("*.csv")):
    with path.open(newline="", encoding="utf-8") as fh:
        for _row in csv.reader(fh):
            n += 1
if (call / "dossiers.csv").exists():
    (call / "dossiers.csv").read_bytes()
for p in sorted((call / "dossiers").glob("*.yaml")) if (call / "dossiers").exists() else []:
    p.read_bytes()
"""


def timed(cmd: list[str], *, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one command run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def best(cmd: list[str], repeat: int) -> tuple[float, int]:
    runs = [timed(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def has_report() -> bool:
    proc = subprocess.run([sys.executable, "-m", "isgrid", "report", "--help"],
                          capture_output=True, check=False)
    return proc.returncode == 0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="20000,200000,1000000,2000000",
                   help="numbers of ratings, comma-separated")
    p.add_argument("--table", action="store_true", help="dossiers as one CSV table")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--keep", type=Path, default=None, help="keep generated calls here")
    args = p.parse_args()
    py = sys.executable
    sizes = [int(s) for s in args.sizes.split(",")]
    report = has_report()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; "
          f"{ASSESSORS} assessors x {CRITERIA} criteria per dossier; "
          f"dossiers as {'one table' if args.table else 'YAML files'}")
    t_pass, _ = best([py, "-c", "pass"], 5)
    t_help, _ = best([py, "-m", "isgrid", "--help"], 5)
    print(f"(d) isgrid --help {t_help:.3f}s vs python -c pass {t_pass:.3f}s: "
          f"ratio {t_help / t_pass:.2f} (target <= 3)")
    print()
    print(f"{'ratings':>9} {'floor(a)':>9} {'score(b)':>9} {'b/a':>6} {'peak MB':>8} "
          f"{'report(c)':>10} {'us/rating':>10}")
    base = Path(tempfile.mkdtemp(prefix="isgrid-bench-")) if args.keep is None else args.keep
    try:
        for n in sizes:
            dossiers = max(1, n // (ASSESSORS * CRITERIA))
            call = base / f"call-{n}"
            if not call.exists():
                generate(call, dossiers, ASSESSORS, CRITERIA, table=args.table)
            t_a, _ = best([py, "-c", FLOOR, str(call)], args.repeat)
            out = base / f"result-{n}.json"
            if out.exists():
                out.unlink()
            t_b, peak = best([py, "-m", "isgrid", "score", str(call), "--format", "json",
                              "-o", str(out), "--force"], args.repeat)
            t_c = None
            if report:
                rep = base / f"report-{n}.html"
                t_c, _ = best([py, "-m", "isgrid", "report", str(call), "--kind", "committee",
                               "--format", "html", "-o", str(rep), "--force"], args.repeat)
            print(f"{n:>9} {t_a:>8.2f}s {t_b:>8.2f}s {t_b / t_a:>6.1f} {peak / 1024:>8.0f} "
                  f"{(f'{t_c:.2f}s' if t_c is not None else '-'):>10} "
                  f"{1e6 * t_b / n:>10.2f}")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print("Targets at 2,000,000 ratings: b/a <= 3, peak < 1,500 MB, report < 15 s, "
          "us/rating roughly constant across sizes (linear cost).")


if __name__ == "__main__":
    main()
