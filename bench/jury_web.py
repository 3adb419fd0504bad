"""The jury workspace under load: p95 latency of a draft save and of the dashboard.

    python -m bench.jury_web [--jurors 30] [--rounds 3] [--postgres URL]

Copies examples/alsace-2016 with ``--jurors`` jurés (every one rates the 8
dossiers), serves it with waitress on 127.0.0.1 (8 threads), and lets every
juror, in a thread of its own, sign in and save each dossier ``--rounds``
times while the secretariat reloads the dashboard; then every juror submits.
It prints the median, p95 and maximum latency of the saves and of the
dashboard, on SQLite and, with ``--postgres`` (or ISGRID_TEST_POSTGRES_URL),
on PostgreSQL.  Not part of the test suite (tests/workspace/test_workspace_load.py
checks that nothing is lost under the same load).  Clients and server share this
machine's cores: the figures are an upper bound of what the server alone costs.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ["AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5"]
DOSSIERS = [f"AL16-0{i}" for i in range(1, 9)]


def make_call(folder: Path, jurors: int) -> Path:
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    for j in ("j1", "j2", "j3"):
        (folder / "ratings" / f"{j}.csv").unlink()
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["assessors"] = [data["assessors"][0]] + [
        {"id": f"j{i:02d}", "name": f"Juré {i}", "role": "juré"} for i in range(1, jurors + 1)]
    data.pop("conflicts", None)
    data.pop("consensus", None)
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")
    return folder


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def get(self, path: str) -> float:
        t = time.perf_counter()
        with self.opener.open(self.base + path, timeout=120) as resp:
            html = resp.read().decode("utf-8")
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return time.perf_counter() - t

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None
             ) -> float:
        body = urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        req = urllib.request.Request(self.base + path, data=body, method="POST",
                                     headers={"Origin": self.base, **(headers or {})})
        t = time.perf_counter()
        with self.opener.open(req, timeout=120) as resp:
            resp.read()
        return time.perf_counter() - t


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def run(db: str | None, jurors: int, rounds: int) -> dict[str, list[float]]:
    from isgrid.workspace.app import create_app, make_server
    from isgrid.workspace.store import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="isgrid-bench-"))
    try:
        ws = Workspace(make_call(tmp / "call", jurors), db)
        srv: Any = make_server(create_app(ws), "127.0.0.1", 0, threads=8)
        threading.Thread(target=srv.run, daemon=True).start()
        base = f"http://127.0.0.1:{srv.effective_port}"
        links = {a.id: s for a, s, _ in ws.invite()}
        saves: list[float] = []
        dashboards: list[float] = []
        lock = threading.Lock()
        done = threading.Event()

        def juror(i: int) -> None:
            aid = f"j{i:02d}"
            c = Client(base)
            c.get(f"/signin/{links[aid]}")
            c.post("/signin", {"secret": links[aid]})
            c.get(f"/dossier/{DOSSIERS[0]}")
            for r in range(rounds):
                for d, did in enumerate(DOSSIERS):
                    form = {f"v:{crit}": str((i + d + k + r) % 5)
                            for k, crit in enumerate(CRITERIA)}
                    took = c.post(f"/dossier/{did}", form, {"X-Autosave": "1"})
                    with lock:
                        saves.append(took)
            c.post("/submit", {})

        sec = Client(base)
        secret = ws.secretary_link()
        sec.get(f"/signin/{secret}")
        sec.post("/signin", {"secret": secret})

        def dashboard() -> None:
            while not done.is_set():
                took = sec.get("/admin")
                with lock:
                    dashboards.append(took)

        threads = [threading.Thread(target=juror, args=(i,)) for i in range(1, jurors + 1)]
        watcher = threading.Thread(target=dashboard)
        watcher.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        watcher.join()
        srv.close()
        ws.engine.dispose()
        return {"save": saves, "dashboard": dashboards}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def postgres_schema(url: str) -> tuple[str, str]:
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}", schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurors", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("ISGRID_TEST_POSTGRES_URL", ""))
    args = parser.parse_args(argv)
    runs: list[tuple[str, str | None, str]] = [("SQLite", None, "")]
    if args.postgres:
        url, schema = postgres_schema(args.postgres)
        runs.append(("PostgreSQL", url, schema))
    print(f"{args.jurors} jurors × 8 dossiers × {args.rounds} saves, dashboard reloaded "
          "meanwhile (seconds)")
    print("| database | what | n | median | p95 | max |")
    print("|---|---|---:|---:|---:|---:|")
    for name, db, schema in runs:
        try:
            found = run(db, args.jurors, args.rounds)
        finally:
            if schema:
                import psycopg

                with psycopg.connect(args.postgres, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA {schema} CASCADE")
        for what, values in found.items():
            print(f"| {name} | {what} | {len(values)} | {statistics.median(values):.3f} | "
                  f"{p95(values):.3f} | {max(values):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
