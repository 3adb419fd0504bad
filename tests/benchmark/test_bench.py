"""The benchmark's own arithmetic, and its peers giving isgrid's result on a generated call.

``bench/`` sits at the repository's root, beside ``src/``: it is put on the path here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.engine import score
from testpaths import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate
from bench.run import SIDE_INPUTS, check_peer, commands, growth


def test_growth_on_doubling() -> None:
    # time proportional to size: doubling doubles it (slope 1, 2 ** 1 = 2);
    # 1 s at 100, 16 s at 400: slope log(16)/log(4) = 2, so x4 on doubling (quadratic)
    assert growth((1000, 1.0), 2000, 2.0) == "2.00"
    assert growth((100, 1.0), 400, 16.0) == "4.00"
    assert growth(None, 100, 1.0) == "-"


def test_every_command_of_the_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    """``python -m bench.run`` itself, every command :func:`bench.run.commands` has (its
    side inputs made as a run makes them, their checks made), at 12 dossiers of the real
    shape: each row timed, none failed, stopped or wrong, and none writes into the call
    folder.  Before, this test ran the default list but sensitivity and sheets, by hand:
    ``sheets-import`` (not in the default list) broke at 20,000 dossiers while the suite
    stayed green, and it breaks the same at 12 (its late workbook changes the journal's
    decisions).  About 35 s on a loaded 2-core machine (fiches' PDF: 12 s of it)."""
    names = list(commands(tmp_path / "c", tmp_path / "o"))
    assert {"sheets-import", "intake", "fiches", *SIDE_INPUTS} <= set(names)
    call = generate(tmp_path / "call-real-t-12", 12, 4, 25, table=True, shape="real")
    before = sorted((p.relative_to(call), p.stat().st_mtime_ns) for p in call.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--dossiers", "12", "--commands", ",".join(names),
         "--timeout", "300", "--keep", str(tmp_path)],
        cwd=ROOT, capture_output=True, timeout=900, check=False)
    out = done.stdout.decode()
    assert done.returncode == 0, (out[-1500:], done.stderr.decode()[-1500:])
    rows = {line.split()[2]: line.split()[3:] for line in out.splitlines()
            if line.split()[:2] == ["12", "1200"]}
    assert sorted(rows) == sorted(["floor", *names]), out
    for name, (secs, *note) in rows.items():
        assert secs != "-" and float(secs) > 0, (name, note)
        said = " ".join(note)
        assert "NOT " not in said and "stopped" not in said and "failed" not in said, (
            name, said)
    assert sorted((p.relative_to(call), p.stat().st_mtime_ns) for p in call.rglob("*")) == before


def test_real_shape_loads_with_jury_assignments_and_journal(tmp_path: Path) -> None:
    call = load_call(generate(tmp_path / "c", 30, 4, 25, table=True, shape="real"))
    assert call.config.assessors is not None and len(call.config.assessors) == 13
    assert (call.folder / "assignments.csv").is_file()
    result = score(call)
    # 20 consensus entries and 5 decisions: one dossier in 30 // 20 = 1, the first 20
    assert result.journal.entries == 25


@pytest.mark.parametrize("shape", ["quota", "quota_top"])
def test_quota_shapes_declare_constraints_scaled_to_the_call(tmp_path: Path,
                                                              shape: str) -> None:
    """The quota shapes: ``real`` with four constraints; the other shapes' files unchanged."""
    folder = generate(tmp_path / "c", 200, 4, 25, table=True, shape=shape)
    call = load_call(folder)
    ks = {k.id: k for k in call.config.constraints or ()}
    # 200 dossiers: a minimum of 200 * 6 // 100 = 12 rural ones, at most 200 * 3 // 100 = 6
    # SCOP, one per holder, 200 * 600 = 120,000 for the enterprises
    assert [(i, getattr(k, "count", None)) for i, k in ks.items()] == [
        ("rural", 12), ("scop", 6), ("holder", 1), ("entreprises", None)]
    assert getattr(ks["entreprises"], "max_amount", None) == 120000
    sel = call.config.selection
    # quota_top: the 30 % best, 200 * 3 // 10 = 60, no budget
    assert (call.config.budget, sel.top) == ((None, 60) if shape == "quota_top"
                                             else (1200000, None))
    result = score(call)
    assert result.constraints is not None
    items = {k.id: k for k in result.constraints.items}
    assert items["rural"].actual >= 12 and items["scop"].actual <= 6
    assert items["holder"].actual == 1  # never two dossiers of one holder
    # the quota shapes' own facts leave the real shape's files as they were
    plain = generate(tmp_path / "r", 200, 4, 25, table=True, shape="real")
    assert (plain / "ratings" / "ratings.csv").read_bytes() == (
        folder / "ratings" / "ratings.csv").read_bytes()


@pytest.mark.parametrize("peer", ["pandas", "polars", "duckdb"])
def test_peer_gives_isgrid_s_result(tmp_path: Path, peer: str) -> None:
    if importlib.util.find_spec(peer) is None:
        pytest.skip(f"{peer} is not installed (pip install -e '.[bench]')")
    folder = generate(tmp_path / "c", 60, 4, 25, table=True, shape="real")
    result = tmp_path / "result.json"
    result.write_text(json.dumps(score(load_call(folder)).to_json()), encoding="utf-8")
    out = tmp_path / f"{peer}.json"
    subprocess.run([sys.executable, "-m", f"bench.peers.{peer}_score", str(folder), str(out)],
                   check=True, cwd=ROOT, capture_output=True)
    assert check_peer(out, result) is None
    # and the check does catch a difference
    data = json.loads(out.read_text(encoding="utf-8"))
    first = sorted(data)[0]
    data[first][0] = (data[first][0] or 0.0) + 0.5
    out.write_text(json.dumps(data), encoding="utf-8")
    assert check_peer(out, result) is not None


@pytest.mark.parametrize("peer", ["polars", "duckdb"])
def test_the_cells_peer_gives_isgrid_s_cells(tmp_path: Path, peer: str) -> None:
    """``polars_cells`` and ``duckdb_cells`` write every cell's statistics; the check
    compares them one by one."""
    if importlib.util.find_spec(peer) is None:
        pytest.skip(f"{peer} is not installed (pip install -e '.[bench]')")
    folder = generate(tmp_path / "c", 60, 4, 25, table=True, shape="real")
    result = tmp_path / "result.json"
    ref = score(load_call(folder)).to_json()
    result.write_text(json.dumps(ref), encoding="utf-8")
    out = tmp_path / "cells.json"
    subprocess.run([sys.executable, "-m", f"bench.peers.{peer}_cells_score", str(folder),
                    str(out)], check=True, cwd=ROOT, capture_output=True)
    assert check_peer(out, result) is None
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 60 and all(len(x["criteria"]) == 25 for x in lines)
    # a cell's spread is its highest less its lowest; its n/a are the NE written for it
    ne = {}
    for row in (folder / "ratings" / "ratings.csv").read_text("utf-8").splitlines()[1:]:
        dossier, _assessor, criterion, value, *_ = row.split(",")
        ne[(dossier, criterion)] = ne.get((dossier, criterion), 0) + (value == "NE")
    conflicted = {d["id"] for d in ref["dossiers"]
                  if any(f.startswith("conflict-excluded") for f in d["flags"])}
    for x in lines:
        for cid, c in x["criteria"].items():
            if c["min"] is not None:
                assert c["spread"] == c["max"] - c["min"]
            if x["id"] not in conflicted:
                assert c["na"] == ne[(x["id"], cid)]
    x = lines[0]
    cid = sorted(x["criteria"])[0]
    x["criteria"][cid]["n"] += 1  # one count wrong: caught
    out.write_text("".join(json.dumps(y) + "\n" for y in lines), encoding="utf-8")
    assert check_peer(out, result) == (
        f"1 differences, first: {x['id']} {cid} n {x['criteria'][cid]['n']} != "
        f"{x['criteria'][cid]['n'] - 1}")


def test_median_of_paired_ratios() -> None:
    from bench.run import median_ratio

    assert median_ratio([1.8]) == "1.80 x this (one pair)"
    # sorted: 1.5, 1.7, 2.1 -> the middle one
    assert median_ratio([2.1, 1.5, 1.7]) == "1.70 x this (median of 3 pairs, 1.50-2.10)"
    # an even count: the mean of the two middle ones, (1.6 + 1.8) / 2
    assert median_ratio([1.9, 1.6, 1.8, 1.4]) == "1.70 x this (median of 4 pairs, 1.40-1.90)"


def test_paired_runs_alternate(monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.run as run

    seen: list[str] = []
    clock = {"a": iter([(3.0, 4.0), (2.8, 4.2), (3.3, 3.0)]),
             "b": iter([(1.5, 2.0), (2.0, 3.0), (1.1, 2.5)])}

    def fake(cmd: list[str], timeout: float) -> run.Run:
        seen.append(cmd[0])
        wall, cpu = next(clock[cmd[0]])
        return run.Run(wall, 100 if cmd[0] == "b" else 999, cpu, b"")

    monkeypatch.setattr(run, "measured", fake)
    best_b, peak_b, walls, cpus = run.paired(["a"], ["b"], 3, 10.0)
    assert seen == ["a", "b", "a", "b", "a", "b"]
    assert best_b == 1.1 and peak_b == 100
    assert walls == [3.0 / 1.5, 2.8 / 2.0, 3.3 / 1.1]  # 2.0, 1.4, 3.0
    assert cpus == [4.0 / 2.0, 4.2 / 3.0, 3.0 / 2.5]  # 2.0, 1.4, 1.2
    assert run.median_ratio(cpus) == "1.40 x this (median of 3 pairs, 1.20-2.00)"


def test_measured_reads_the_child_s_own_accounting() -> None:
    """Processor time is the finished child's own (user + system): a child that spins
    0.3 s has at least that, one that sleeps 0.6 s has almost none though its wall time
    holds the sleep (neither the parent's time, nor all children's, nor the wall time)."""
    import bench.run as run

    spin = ("import time\nt = time.process_time()\n"
            "while time.process_time() - t < 0.3:\n    pass\nprint('done')")
    got = run.measured([sys.executable, "-c", spin], 30.0, capture=True)
    assert got.out == b"done\n"
    assert got.cpu >= 0.3
    assert got.peak > 1000  # kB
    slept = run.measured([sys.executable, "-c", "import time; time.sleep(0.6)"], 30.0)
    assert slept.wall >= 0.6
    assert slept.cpu < 0.25  # Python's start and nothing else, though 0.3 s ran before it


def test_measured_stops_at_the_timeout_and_refuses_a_failure() -> None:
    import time

    import bench.run as run

    start = time.perf_counter()
    with pytest.raises(run.TimedOut):
        run.measured([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert time.perf_counter() - start < 10  # killed, not waited for
    with pytest.raises(SystemExit, match="benchmark command failed"):
        run.measured([sys.executable, "-c", "raise SystemExit(3)"], 30.0)


def test_the_launcher_without_pidfd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system has no pidfd, the launcher asks every millisecond (``wait4`` with
    ``WNOHANG``): the same wall time, the same accounting, the same timeout."""
    import os

    from bench.launch import run_command

    monkeypatch.delattr(os, "pidfd_open", raising=False)
    slept = run_command([sys.executable, "-c", "import time; time.sleep(0.3)"], 30.0)
    assert 0.3 <= slept["wall"] < 5 and slept["cpu"] < 0.25 and slept["code"] == 0
    stopped = run_command([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert stopped["timed_out"] and stopped["wall"] < 10


def test_a_child_s_peak_is_not_the_benchmark_s(tmp_path: Path) -> None:
    """The launcher starts the commands, so a command's reported peak is its own even
    after this process has grown: here by 300 MB, which a command started from here
    would report (CPython starts children with vfork: they keep the starter's peak)."""
    import bench.run as run

    run.launcher()  # started while this process is as it is
    grown = bytearray(300 << 20)
    grown[::4096] = b"x" * len(grown[::4096])  # every page touched
    got = run.measured([sys.executable, "-c", "pass"], 30.0)
    del grown
    assert got.peak < 150 * 1024, got.peak  # kB: Python's start, not 300 MB


def test_the_run_names_its_machine() -> None:
    """The README's table says which machine it came from: the header gives the date,
    the processor, the cores and the memory."""
    import os
    import re

    import bench.run as run

    line = run.machine()
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC; .+, \d+ cores, (\d+ GiB|memory unknown)$",
                    line), line
    assert f", {len(os.sched_getaffinity(0))} cores, " in line


def test_several_shapes_in_one_run() -> None:
    """``--shapes``: each shape with its dossiers as one table, or as YAML files with
    ``-yaml``, in the order given; without it, the one of ``--shape`` and ``--yaml``."""
    from bench.run import parse_shapes

    assert parse_shapes(None, "real", False) == [("real", True)]
    assert parse_shapes(None, "plain", True) == [("plain", False)]
    assert parse_shapes("real, real-yaml,plain", "jury", True) == [
        ("real", True), ("real", False), ("plain", True)]
    for bad in ("real-csv", "fancy", ",", "real-yaml-yaml"):
        with pytest.raises(SystemExit, match="--shapes"):
            parse_shapes(bad, "real", False)


def test_a_failing_peer_is_reported_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    """A peer that exits with an error is a row of the table ("failed"), and the peers
    after it are still run: with ``--shapes`` one broken peer no longer ends the run."""
    import argparse

    import bench.run as run

    def fake_peer(name: str, call: Path, out: Path) -> list[str]:
        if name == "bad":
            return [sys.executable, "-c", "raise SystemExit(3)"]
        return [sys.executable, "-c", "pass"]  # writes no result

    monkeypatch.setattr(run, "peer_cmd", fake_peer)
    args = argparse.Namespace(jurors=None, repeat=1, timeout=120.0)
    run.run_shape(args, "real", True, [12], ["score"], ["bad", "empty"], tmp_path)
    rows = {line.split()[2]: line for line in capsys.readouterr().out.splitlines()}
    assert "failed: benchmark command failed (3)" in rows["bad"]
    assert "NOT the same result: no output (FileNotFoundError)" in rows["empty"]
    assert "x the floor" in rows["score"]
