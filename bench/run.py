"""The benchmark: every command on the shapes real calls have, side by side with peers.

    python -m bench.run [--dossiers 40,300,2000,20000] [--shape real] [--yaml]
                        [--shapes real,real-yaml,jury,plain,quota,quota_top]
                        [--commands score,check,report,calibrate,sensitivity,sheets,peers,
                                    intake,sheets-import,letters,...]
                        [--jurors 200] [--repeat 1] [--timeout 600] [--keep DIR]

For each size (a number of dossiers, each rated by 4 of 12 jurors on 25
criteria: 100 ratings a dossier) it generates a seeded synthetic call
(``bench/generate.py``; ``--shape real``, the default, declares the jury with
roles, writes ``assignments.csv``, conflicts and a séance journal; ``plain`` is
the historical shape; ``quota`` is ``real`` with portfolio constraints, a minimum, a
maximum, one per holder and an envelope, and ``quota_top`` the same with
``selection.top`` and no budget, where the peers, which write no constraints, are not
run; dossiers as one table, or as YAML files with ``--yaml``;
``--shapes`` runs several, one table after the other) and times, each in a fresh
process started by a small launcher (``bench/launch.py``: a child's reported peak
memory starts from its starter's), with its own peak memory:

* the floor: reading the ratings CSV with Python's ``csv`` module and the
  dossier files' bytes;
* ``score`` (``--format json -o FILE``), ``score-csv`` (the ranking as the CSV a
  spreadsheet opens, ``--format csv``; not in the default list), ``check`` (``call check``), ``report``
  (committee HTML), ``calibrate``, ``zone-grise`` (``sensitivity --draws 0``:
  leave-one-out and one level), ``sensitivity`` (the same and 1,000 draws),
  ``sheets`` (one workbook per juror; ``--jurors N``: a pool of N jurors, 4 of them
  on each dossier, instead of 12), ``fiches`` (fiches PDF, not in the default list:
  slow), ``compare`` (the call and its twin judged with a copy of the grid under
  another id, HTML; not in the default list), ``seance`` (the séance's re-score:
  ``isgrid watch`` built once, one decision recorded in the journal, then the
  rebuild of every page timed inside the process, as the watch loop does it),
  ``decide`` (``isgrid decide``: one decision recorded in a copy of the call, which
  scores the call before and after it), ``assign`` (4 jurés a dossier, written outside the call), ``minutes`` (the
  séance's minutes, HTML), ``letters`` (the applicants' letters as the mail-merge CSV,
  ``report --kind feedback --format csv``), ``letters-md`` (one Markdown letter a
  dossier in a folder; not in the default list), ``report-pdf`` (the committee report in PDF, not in
  the default list: Chromium), ``intake`` (a first ``isgrid intake`` of the call's
  dossiers from a Démarche Numérique CSV export) and ``sheets-import`` (one juror's
  workbook, written by ``sheets write`` and filled with that juror's ratings, imported
  into the call without them); the inputs of these two are made before the timing
  (``bench.generate.intake_inputs``, ``import_inputs``), not in the default list;
  ``late-votes`` and ``every-place`` (``score`` with a séance journal refusing n/20
  retained dossiers, each voted over after, or voting every place), ``intake-decided``
  (a refresh of a call whose journal holds decisions) and ``purge`` (``call purge
  --apply``), their inputs made by ``bench/seance_inputs.py``, not in the default list;
* ``peers``: the same ranking with pandas, polars and DuckDB
  (``bench/peers/``), each first checked to give isgrid's totals, ranks and
  selection on that call (the dossiers as a table, or as YAML files read with
  libyaml's loader), then timed; and ``polars_cells`` and ``duckdb_cells``, the
  polars and DuckDB scripts that also write what isgrid's result says of every cell (value, mean, consensus, usable
  ratings, n/a, lowest, highest, spread), checked cell by cell: the same information
  as isgrid's result, where the three others write totals, ranks and selection only.  A peer whose
  package is missing is skipped with a message (``pip install -e ".[bench]"``).

It prints the machine (the date, the processor, its cores and memory), every timing, the peak memory, ``score`` against the floor and the
peers (each peer timed in turn with ``score``, run for run: the note gives the median
of those paired ratios, in wall time and in processor time, user and system, as the
operating system counts the finished child), and for each command the growth factor when the size doubles
(2 ** the slope of log time against log size between two sizes: 2 is linear).
Machines here are shared and noisy: only ratios measured in the same run mean
anything; absolute seconds are for orientation.
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from bench import seance_inputs
from bench.generate import (
    QUOTA_SHAPES,
    SHAPES,
    dossier_id,
    generate,
    import_inputs,
    intake_inputs,
    rating_value,
)

ASSESSORS = 4
CRITERIA = 25
PEERS = ("pandas", "polars", "duckdb", "polars_cells", "duckdb_cells")
#: the library each peer needs (a peer's name is its module's, ``bench/peers/NAME_score.py``)
PEER_LIBRARY = {"duckdb_cells": "duckdb", "polars_cells": "polars"}
DEFAULT_COMMANDS = ("score,check,report,calibrate,zone-grise,sensitivity,sheets,seance,"
                    "decide,assign,minutes,letters,peers")

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

#: The séance's re-score: the watch loop's first build, one decision, then the rebuild
#: (load, score with the journal, every page: the projected view and each member's),
#: timed inside the process (the loop runs all séance long: no start-up to count).  The
#: pages are made one by one as the loop makes them (it writes each before the next),
#: without the writing.
SEANCE = """
import shutil, sys, time
from pathlib import Path
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.web.watch import iter_pages
src, work = Path(sys.argv[1]), Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(src, work)
for _page in iter_pages(work):
    pass
did = load_call(work).dossiers[0].id
append(work, kind="decision", dossier=did, by="Présidente", stage="jury", outcome="retenu",
       reason="benchmark")
start = time.perf_counter()
built = [name for name, _data in iter_pages(work)]
print(time.perf_counter() - start, len(built))
"""


class TimedOut(Exception):
    pass


class CommandFailed(SystemExit):
    """A timed command exited with an error: the benchmark stops (its output is above),
    except for a peer, which is reported as failed and the run goes on."""


class Run(NamedTuple):
    """One command's run: wall seconds, peak RSS (kB), processor seconds (user + system,
    the operating system's own accounting of the finished child), its standard output."""

    wall: float
    peak: int
    cpu: float
    out: bytes


_launcher: subprocess.Popen[str] | None = None


def launcher() -> subprocess.Popen[str]:
    """The process that starts every timed command (``bench/launch.py``: a child's
    reported peak memory starts from its starter's, and this process grows), started
    on first use, while this process is still small; it ends when this one does."""
    global _launcher
    if _launcher is None or _launcher.poll() is not None:
        _launcher = subprocess.Popen(
            [sys.executable, "-m", "bench.launch"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    return _launcher


def measured(cmd: list[str], timeout: float, capture: bool = False) -> Run:
    """One command in a fresh process, started by :func:`launcher` in this process's
    folder, killed at ``timeout`` (:class:`TimedOut`); a failure stops the benchmark."""
    starter = launcher()
    assert starter.stdin is not None and starter.stdout is not None
    starter.stdin.write(json.dumps({"cmd": cmd, "timeout": timeout, "capture": capture,
                                    "cwd": os.getcwd()}) + "\n")
    starter.stdin.flush()
    line = starter.stdout.readline()
    if not line:
        raise SystemExit("the benchmark's launcher ended (bench/launch.py)")
    got = json.loads(line)
    if "error" in got:
        raise SystemExit(f"the benchmark's launcher could not run {' '.join(cmd)}: "
                         f"{got['error']}")
    if got["timed_out"]:
        raise TimedOut
    if got["code"] != 0:
        sys.stderr.write(got["err"])
        raise CommandFailed(f"benchmark command failed ({got['code']}): {' '.join(cmd)}")
    return Run(got["wall"], got["peak"], got["cpu"], base64.b64decode(got["out"]))


def best(cmd: list[str], repeat: int, timeout: float,
         before: Callable[[], None] | None = None) -> tuple[float, int]:
    """The best wall time and the largest peak of ``repeat`` runs; ``before`` (not timed)
    runs before each: a command that changes its call starts from the same folder."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(measured(cmd, timeout))
    return min(r.wall for r in runs), max(r.peak for r in runs)


def paired(a: list[str], b: list[str], repeat: int, timeout: float
           ) -> tuple[float, int, list[float], list[float]]:
    """``a`` and ``b`` run in turn, ``repeat`` times each (a, b, a, b...): ``b``'s best wall
    time and largest peak, and the ratios a/b of each pair, in wall time and in processor
    time.  On a shared machine whose speed drifts, the ratio of two runs made side by side
    holds where two best times taken minutes apart do not (a peer on both cores feels the
    other load most).  The processor ratio counts what each spent on every core, the
    kernel's share included (zeroing the memory a process touches first: on a virtual
    machine its cost varies from run to run more than anything else)."""
    walls, cpus, times, peak = [], [], [], 0
    for _ in range(max(repeat, 1)):
        run_a = measured(a, timeout)
        run_b = measured(b, timeout)
        walls.append(run_a.wall / run_b.wall)
        cpus.append(run_a.cpu / run_b.cpu if run_b.cpu > 0 else math.inf)
        times.append(run_b.wall)
        peak = max(peak, run_b.peak)
    return min(times), peak, walls, cpus


def median_ratio(ratios: list[float]) -> str:
    """The median of paired ratios, with their range when there are several."""
    ordered = sorted(ratios)
    n = len(ordered)
    mid = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    if n == 1:
        return f"{mid:.2f} x this (one pair)"
    return f"{mid:.2f} x this (median of {n} pairs, {ordered[0]:.2f}-{ordered[-1]:.2f})"


def inner(cmd: list[str], repeat: int, timeout: float) -> tuple[float, int, str]:
    """The seconds a command prints first (its own timing of one step), at best; its peak
    RSS (kB); and the rest of what it printed."""
    best_t, peak, rest = math.inf, 0, ""
    for _ in range(repeat):
        run = measured(cmd, timeout, capture=True)
        words = run.out.decode().split()
        best_t = min(best_t, float(words[0]))
        rest = " ".join(words[1:])
        peak = max(peak, run.peak)
    return best_t, peak, rest


def isgrid(*args: str) -> list[str]:
    return [sys.executable, "-m", "isgrid", *args]


def commands(call: Path, out: Path) -> dict[str, list[str]]:
    c = str(call)
    b = call.with_name(call.name + "-b")  # made by twin() when compare is wanted
    return {
        "score": isgrid("score", c, "--format", "json", "-o", str(out / "result.json"),
                        "--force"),
        "score-csv": isgrid("score", c, "--format", "csv", "-o", str(out / "classement.csv"),
                            "--force"),
        "check": isgrid("call", "check", c),
        "report": isgrid("report", c, "--kind", "committee", "--format", "html",
                         "-o", str(out / "comite.html"), "--force"),
        "calibrate": isgrid("calibrate", c, "--format", "json", "-o",
                            str(out / "calibration.json"), "--force"),
        "zone-grise": isgrid("sensitivity", c, "--draws", "0", "--format", "json",
                             "-o", str(out / "zone-grise.json"), "--force"),
        "sensitivity": isgrid("sensitivity", c, "--draws", "1000", "--format", "json",
                              "-o", str(out / "sensitivity.json"), "--force"),
        "sheets": isgrid("sheets", "write", c, "-o", str(out / "sheets"), "--force"),
        "fiches": isgrid("report", c, "--kind", "fiches", "--format", "pdf",
                         "-o", str(out / "fiches.pdf"), "--force"),
        "compare": isgrid("compare", str(call / "grid.yaml"), str(b / "grid.yaml"),
                          "--call", c, "--call", str(b), "--format", "html",
                          "-o", str(out / "compare.html"), "--force"),
        "seance": [sys.executable, "-c", SEANCE, c, str(out / "seance-call")],
        "assign": isgrid("assign", c, "--per-dossier", "4", "-o", str(out / "assignments.csv"),
                         "--force"),
        "minutes": isgrid("minutes", c, "-o", str(out / "pv.html"), "--force"),
        # the applicants' letters: the mail merge (one row a letter), and one file a letter
        "letters": isgrid("report", c, "--kind", "feedback", "--format", "csv",
                          "-o", str(out / "lettres.csv"), "--force"),
        "letters-md": isgrid("report", c, "--kind", "feedback", "--format", "md",
                             "-o", str(out / "lettres"), "--force"),
        "report-pdf": isgrid("report", c, "--kind", "committee", "--format", "pdf",
                             "-o", str(out / "comite.pdf"), "--force"),
        # the folders and files these two read are made by side_inputs() first
        "intake": isgrid("intake", str(out / "intake-call"), "--from",
                         str(out / "export-dossiers.csv")),
        # j001's workbook comes after the journal's decisions (the `real` shape's): the
        # import checks what it changes in them and, --change-decided, writes anyway
        "sheets-import": isgrid("sheets", "import", str(out / "import-call"),
                                str(out / "import-books" / "j001.xlsx"), "--change-decided"),
        # one decision in séance, into a copy of the call (side_inputs())
        "decide": isgrid("decide", str(out / "decide-call"), dossier_id(1), "--stage",
                         "jury", "--outcome", "retenu", "--by", "bench",
                         "--reason", "a decision in séance"),
        # late votes, every place voted, intake on a decided call, purge (seance_inputs)
        **{name: seance_inputs.command(name, out) for name in seance_inputs.NAMES},
    }


#: the commands whose inputs :func:`side_inputs` makes before the timing
SIDE_INPUTS = ("intake", "sheets-import", "decide", *seance_inputs.NAMES)


def side_inputs(name: str, call: Path, out: Path
                ) -> tuple[Callable[[], None], str, Callable[[], str | None]]:
    """What ``intake``, ``sheets-import`` and ``decide`` read, made once (not timed), and
    what to do before each timed run (not timed either), with a note for the table.

    * ``intake``: a Démarche Numérique CSV export of the call's dossiers and a call with
      none yet (``bench.generate.intake_inputs``); each run starts from that empty call.
    * ``sheets-import``: the call without juror j001's ratings and j001's workbook filled
      with them (``bench.generate.import_inputs``); each run starts without j001's file,
      and the file the import wrote must hold those very ratings.
    * ``decide``: a copy of the call; each run starts from its own journal and records
      one decision on its first dossier (``isgrid decide`` scores before and after it).

    Returns (before each run, the note, a check after the runs: None or what is wrong).
    """
    if name == "decide":
        copy = out / "decide-call"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(call, copy)
        journal = call / "journal.jsonl"
        kept = journal.read_bytes() if journal.exists() else b""

        def fresh_journal() -> None:  # the call's own journal: the same decision each run
            (copy / "journal.jsonl").write_bytes(kept)

        def recorded() -> str | None:
            lines = (copy / "journal.jsonl").read_bytes().splitlines()
            last = json.loads(lines[-1]) if lines else {}
            if len(lines) != len(kept.splitlines()) + 1 or last.get("dossier") != dossier_id(1):
                return "NOT one decision recorded"
            return None

        entries = len(kept.splitlines())
        return (fresh_journal, f"one decision recorded, both scorings (journal of "
                f"{entries} entries)", recorded)
    if name == "intake":
        empty, _export, n = intake_inputs(call, out)

        def fresh_intake() -> None:
            shutil.rmtree(out / "intake-call", ignore_errors=True)
            shutil.copytree(empty, out / "intake-call")

        return (fresh_intake, f"a first intake of an export of {n} dossiers "
                f"({n // 20} refused, left out)", lambda: None)
    copy, _book, filled = import_inputs(call, out)

    def fresh_import() -> None:
        (copy / "ratings" / "j001.csv").unlink(missing_ok=True)  # the file the run wrote

    def same_back() -> str | None:
        import csv

        with (copy / "ratings" / "j001.csv").open(encoding="utf-8", newline="") as fh:
            back = {(row["dossier"], row["criterion"]): rating_value(row["value"])
                    for row in csv.DictReader(fh) if row["value"].strip()}
        if back == filled:
            return None
        wrong = sorted(k for k in filled.keys() | back.keys() if back.get(k) != filled.get(k))
        return f"NOT the same ratings back: {len(wrong)} differ, first {wrong[0]}"

    return fresh_import, f"one juror's workbook, {len(filled)} ratings", same_back


def twin(call: Path) -> Path:
    """The same call judged with a copy of its grid under another id, for ``compare``
    (which needs one grid per call); made once, next to the call."""
    other = call.with_name(call.name + "-b")
    if not other.exists():
        shutil.copytree(call, other)
        grid = other / "grid.yaml"
        text = grid.read_text(encoding="utf-8")
        grid.write_text(text.replace("id: bench-grid", "id: bench-grid-b", 1), encoding="utf-8")
    return other


def peer_cmd(name: str, call: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", f"bench.peers.{name}_score", str(call), str(out)]


def check_peer(peer: Path, result: Path) -> str | None:
    """None when the peer gives isgrid's totals, ranks and proposed selection (and, for a
    peer that writes them, ``polars_cells`` or ``duckdb_cells``, every cell's statistics); else why not.

    Dossiers left undecided by a tie at the line (``tie-at-line``) are not compared
    for selection: the peers do not write that rule."""
    try:
        text = peer.read_text(encoding="utf-8")
        if text.startswith('{"id"'):  # one JSON record a line, with the cells
            lines = [json.loads(line) for line in text.splitlines()]
            mine = {x["id"]: (x["total"], x["rank"], x["selected"]) for x in lines}
            cells = {x["id"]: x["criteria"] or {} for x in lines}
        else:
            mine, cells = json.loads(text), None
    except (OSError, ValueError) as exc:  # the peer failed: its own error is above
        return f"no output ({exc.__class__.__name__})"
    ref = json.loads(result.read_text(encoding="utf-8"))["dossiers"]
    if set(mine) != {d["id"] for d in ref}:
        return "not the same dossiers"
    bad = []
    for d in ref:
        total, rank, selected = mine[d["id"]]
        t = d["total"]
        if (t is None) != (total is None) or (t is not None and abs(t - total) > 1e-9):
            bad.append(f"{d['id']} total {total} != {t}")
        elif rank != d["rank"]:
            bad.append(f"{d['id']} rank {rank} != {d['rank']}")
        elif "tie-at-line" not in d["flags"] and selected != (
                d["decision"]["computed"] == "retenu"):
            bad.append(f"{d['id']} selected {selected}")
        elif cells is not None:
            bad.extend(_cell_differences(d["id"], d["criteria"], cells[d["id"]]))
    return None if not bad else f"{len(bad)} differences, first: {bad[0]}"


def _cell_differences(did: str, ref: dict[str, Any], mine: dict[str, Any]) -> list[str]:
    """The cells where the peer's statistics are not isgrid's (numbers within 1e-9)."""
    out = []
    for cid, cell in ref.items():
        got = mine.get(cid, {})
        for key in ("value", "raw", "consensus", "n", "na", "min", "max", "spread"):
            a, b = cell.get(key), got.get(key)
            if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9):
                out.append(f"{did} {cid} {key} {b} != {a}")
                break
    return out


def growth(prev: tuple[int, float] | None, n: int, t: float) -> str:
    """The factor by which the time grows when the size doubles (2: linear)."""
    if prev is None or prev[0] == n or prev[1] <= 0 or t <= 0:
        return "-"
    slope = math.log(t / prev[1]) / math.log(n / prev[0])
    return f"{2 ** slope:.2f}"


def machine() -> str:
    """The machine the figures come from: processor model, cores, memory, the date (UTC)."""
    model = "an unknown processor"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh
                          if line.startswith("model name")), model)
    except OSError:
        pass
    try:
        memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (OSError, ValueError, AttributeError):
        memory = "memory unknown"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    # the cores this process may use (a container's, not the host's), where it is known
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{when}; {model}, {cores} cores, {memory}"


def bytecode() -> str:
    """Compile isgrid's and the peers' modules to bytecode before timing anything.

    An installed package has its bytecode (pip compiles it at install time), and so
    do numpy, pyarrow and the peers' libraries here.  An editable checkout on a
    machine that sets ``PYTHONDONTWRITEBYTECODE`` (this one does) would otherwise
    compile isgrid's 150 modules from source in every process it starts: 0.1-0.2 s
    a command, which is start-up, not isgrid's work.  Stale files are never read:
    Python checks each one against its source.
    """
    import compileall

    import isgrid

    done = [compileall.compile_dir(str(Path(isgrid.__file__).parent), quiet=1),
            compileall.compile_dir(str(Path(__file__).parent), quiet=1)]
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    return (f"bytecode: isgrid and bench/ compiled ({'ok' if all(done) else 'with errors'}); "
            f"PYTHONDONTWRITEBYTECODE={setting or 'unset'}")


def _positive(text: str) -> float:
    """``--timeout``: a number of seconds above 0."""
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds above 0")
    return value


def parse_shapes(text: str | None, shape: str, yaml: bool) -> list[tuple[str, bool]]:
    """``--shapes``: each ``SHAPE`` (dossiers as one table) or ``SHAPE-yaml`` (as YAML
    files), in order, as (shape, table); without it, the one of ``--shape`` and
    ``--yaml``."""
    if text is None:
        return [(shape, not yaml)]
    out: list[tuple[str, bool]] = []
    for item in (t.strip() for t in text.split(",") if t.strip()):
        name, _, files = item.partition("-")
        if name not in SHAPES or files not in ("", "yaml"):
            raise SystemExit(f"--shapes: {item!r} is not one of "
                             f"{', '.join(SHAPES)}, each with or without -yaml")
        out.append((name, files != "yaml"))
    if not out:
        raise SystemExit("--shapes: no shape given")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dossiers", default="40,300,2000,20000",
                   help="numbers of dossiers, comma-separated (100 ratings each)")
    p.add_argument("--sizes", default=None,
                   help="numbers of ratings instead (the earlier benchmark's sizes)")
    p.add_argument("--shape", choices=SHAPES, default="real")
    p.add_argument("--yaml", action="store_true", help="dossiers as YAML files")
    p.add_argument("--shapes", default=None,
                   help="several shapes in one run, comma-separated, each SHAPE or "
                        "SHAPE-yaml (real,real-yaml,jury,plain,quota,quota_top...): "
                        "every size and command in each, one table after the other; "
                        "quota: real with portfolio constraints (a minimum, a maximum, "
                        "one per holder, an envelope), quota_top: the same with "
                        "selection.top and no budget")
    p.add_argument("--jurors", type=int, default=None,
                   help="the pool of jurors (default 12; 4 of them rate each dossier)")
    p.add_argument("--table", action="store_true", help=argparse.SUPPRESS)  # the default
    p.add_argument("--commands", default=DEFAULT_COMMANDS)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--timeout", type=_positive, default=600.0,
                   help="seconds before a command is stopped and reported as such")
    p.add_argument("--keep", type=Path, default=None, help="keep generated calls here")
    args = p.parse_args()
    if args.sizes:
        sizes = [max(1, int(s) // (ASSESSORS * CRITERIA)) for s in args.sizes.split(",")]
    else:
        sizes = [int(s) for s in args.dossiers.split(",")]
    if args.shapes is not None and (args.yaml or args.shape != "real"):
        p.error("--shapes names the shapes: not with --shape or --yaml")
    shapes = parse_shapes(args.shapes, args.shape, args.yaml)
    wanted = [c.strip() for c in args.commands.split(",") if c.strip()]
    peers = []
    if "peers" in wanted:
        for name in PEERS:
            if importlib.util.find_spec(PEER_LIBRARY.get(name, name)) is None:
                print(f"peers: {name} is not installed, skipped "
                      "(pip install -e \".[bench]\")")
            else:
                peers.append(name)
    py = sys.executable
    compiled = bytecode()
    print(machine())
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}; "
          f"{ASSESSORS} of {args.jurors or 12} jurors x {CRITERIA} criteria per dossier")
    print(compiled)
    t_pass, _ = best([py, "-c", "pass"], 5, args.timeout)
    t_help, _ = best(isgrid("--help"), 5, args.timeout)
    print(f"isgrid --help {t_help:.3f}s vs python -c pass {t_pass:.3f}s: "
          f"ratio {t_help / t_pass:.2f} (target <= 3)")
    base = Path(tempfile.mkdtemp(prefix="isgrid-bench-")) if args.keep is None else args.keep
    try:
        for shape, table in shapes:
            print()
            print(f"shape {shape}; dossiers as {'one table' if table else 'YAML files'}")
            print(f"{'dossiers':>9} {'ratings':>10} {'command':<12} {'seconds':>9} "
                  f"{'peak MB':>8} {'x2 growth':>9}  note")
            run_shape(args, shape, table, sizes, wanted, peers, base)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print("Targets (issue 22), at 20,000 dossiers: score within 1.5 x the fastest peer and "
          "3 x the floor, peak < 1,000 MB; every command linear (x2 growth <= 2.3); "
          "sensitivity under 10 s at 300 dossiers and 2 minutes at 20,000; calibrate "
          "under 10 s and 1 GB; sheets for 20,000 dossiers and 200 jurors under 60 s; "
          "fiches PDF for 300 dossiers under 1 GB; the séance's rebuild after one decision "
          "at 300 dossiers under 1 s.")


def run_shape(args: argparse.Namespace, shape: str, table: bool, sizes: list[int],
              wanted: list[str], peers: list[str], base: Path) -> None:
    """Every size and command of one shape: one row each, printed as it is timed."""
    py = sys.executable
    last: dict[str, tuple[int, float]] = {}
    for n in sizes:
        pool = f"-j{args.jurors}" if args.jurors else ""
        tag = f"{shape}-{'t' if table else 'y'}-{n}{pool}"
        call = base / f"call-{tag}"
        if not call.exists():
            generate(call, n, ASSESSORS, CRITERIA, table=table, shape=shape,
                     jurors=args.jurors)
        out = base / f"out-{tag}"
        out.mkdir(exist_ok=True)
        ratings = n * ASSESSORS * CRITERIA
        rows: list[tuple[str, float | None, int, str]] = []
        t_floor, peak = best([py, "-c", FLOOR, str(call)], args.repeat, args.timeout)
        rows.append(("floor", t_floor, peak, ""))
        cmds = commands(call, out)
        t_score: float | None = None
        for name in [c for c in cmds if c in wanted] or []:
            if name == "compare":
                twin(call)
            note = ""
            before = None
            check: Callable[[], str | None] = lambda: None  # noqa: E731
            if name in SIDE_INPUTS:
                if name == "sheets-import" and shape == "plain":
                    rows.append((name, None, 0, "needs a declared jury (--shape real)"))
                    continue
                before, note, check = (seance_inputs.inputs(name, call, out, n)
                                       if name in seance_inputs.NAMES
                                       else side_inputs(name, call, out))
            try:
                if name == "seance":
                    t, peak, pages = inner(cmds[name], args.repeat, args.timeout)
                    note = f"rebuild of {pages} pages, in the process"
                else:
                    t, peak = best(cmds[name], args.repeat, args.timeout, before)
            except TimedOut:
                rows.append((name, None, 0, f"stopped after {args.timeout:.0f} s"))
                continue
            wrong = check()
            if wrong is not None:
                note = f"{wrong}; {note}"
            if name == "score":
                t_score = t
                note = f"{t / t_floor:.1f} x the floor"
            rows.append((name, t, peak, note))
        for name in peers:
            if shape in QUOTA_SHAPES:
                rows.append((name, None, 0, "not run: the peers write no constraints"))
                continue
            if t_score is None:
                rows.append((name, None, 0, "needs score in --commands"))
                continue
            target = out / f"{name}.json"
            target.unlink(missing_ok=True)  # never an earlier run's output
            try:
                measured(peer_cmd(name, call, target), args.timeout)  # its result, once
                why = check_peer(target, out / "result.json")
                if why is not None:
                    rows.append((name, None, 0, f"NOT the same result: {why}"))
                    continue
                # score and the peer in turn: the ratio of each pair, not of two best times
                t, peak, walls, cpus = paired(cmds["score"], peer_cmd(name, call, target),
                                              args.repeat, args.timeout)
            except TimedOut:  # the next peer, the next shape
                rows.append((name, None, 0, f"stopped after {args.timeout:.0f} s"))
                continue
            except CommandFailed as failed:  # a peer's own error is above
                rows.append((name, None, 0, f"failed: {failed}"))
                continue
            rows.append((name, t, peak, f"same result; score {median_ratio(walls)}; "
                         f"processor time {median_ratio(cpus)}"))
        for name, took, peak, note in rows:
            g = growth(last.get(name), n, took) if took is not None else "-"
            if took is not None:
                last[name] = (n, took)
            secs = f"{took:.2f}" if took is not None else "-"
            print(f"{n:>9} {ratings:>10} {name:<12} {secs:>9} {peak / 1024:>8.0f} "
                  f"{g:>9}  {note}", flush=True)


if __name__ == "__main__":
    main()
