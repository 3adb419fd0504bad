"""The jury workspace under load: latency of a draft save and of the dashboard.

    python -m bench.jury_web [--jurors 30] [--rounds 3] [--postgres URL]
    python -m bench.jury_web --dossiers 300,2000,20000 [--requests 30] [--submissions 10]

Every save is what the page's autosave posts (``autosave.js``): the whole form of the
sheet as the browser's ``FormData`` holds it (multipart), every field with its base (the
page's hidden ``b:<field>``, read from the page GET as the browser shows it, then the
answer's new bases set in it), the CSRF token in the form and in ``X-CSRF-Token``, and
``X-Autosave: 1``: the real save path (bases read, the conflict check, the draft merged,
``workspace/draft.py``).  The same form without its bases (a page from before them, a
script) is written whole, another path, timed apart and labelled so.

Under load: copies examples/alsace-2016 with ``--jurors`` jurés (every one rates the 8
dossiers), serves it with waitress on 127.0.0.1 (8 threads), and lets every
juror, in a thread of its own, sign in, open each dossier's page and save it
``--rounds`` times while the secretariat reloads the dashboard; then every juror
submits.  It prints the median, p95 and maximum latency of the saves and of the
dashboard, on SQLite and, with ``--postgres`` (or ISGRID_TEST_POSTGRES_URL),
on PostgreSQL.

By size (``--dossiers``): ``bench.generate``'s call of each size (shape ``real``: 4
readers of 12 jurors per dossier, 25 criteria, assignments.csv; every juror's sheet
submitted but one's, seeded in bulk: :func:`seed_submitted`), and that juror's requests
timed one at a time (:func:`sized_run`):
median and p95 of each, and the growth factor when the size doubles.

tests/benchmark/test_bench_jury_web.py runs both the page's save and the sized run on a
small call; tests/workspace/test_workspace_load.py checks that nothing is lost under load.
Clients and server share this machine's cores: the figures are an upper bound of what
the server alone costs.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from isgrid.workspace.draft import BASE

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


class SheetForm(HTMLParser):
    """The fields of a dossier page's form ``#sheet`` as the browser's ``FormData`` has
    them (what ``autosave.js`` sends): every named input, the checked radios and boxes,
    the textareas, in the page's order; nothing of a disabled fieldset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[list[str]] = []
        self.action = ""
        self._in_form = False
        self._disabled = False
        self._textarea: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "sheet":
            self._in_form, self.action = True, a.get("action", "")
        elif not self._in_form:
            return
        elif tag == "fieldset":
            self._disabled = "disabled" in a
        elif self._disabled or "name" not in a:
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.fields.append([a["name"], a.get("value", "on" if kind == "checkbox"
                                                     else "")])
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
            self.fields.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            # the HTML parser keeps a textarea's first newline, which a browser drops
            if self._textarea[1].startswith("\n"):
                self._textarea[1] = self._textarea[1][1:]
            self._textarea = None
        elif tag == "fieldset":
            self._disabled = False
        elif tag == "form":
            self._in_form = False


def multipart(fields: list[list[str]]) -> tuple[bytes, str]:
    """``fields`` encoded as ``fetch`` encodes a ``FormData`` body; (body, content type)."""
    boundary = "----isgridbench" + uuid.uuid4().hex
    out: list[bytes] = []
    for name, value in fields:
        quoted = name.replace('"', "%22")
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted}"'
                   f"\r\n\r\n{value}\r\n".encode())
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A form's answer is timed alone, not the page its redirect leads to."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """One browser: its cookies, the CSRF token of the last page, the forms it holds."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(jar)
        self.poster = urllib.request.build_opener(jar, _NoRedirect())
        self.token = ""
        self.sheets: dict[str, list[list[str]]] = {}  # dossier -> its form, as the page holds it

    def get(self, path: str) -> float:
        took, _ = self.page(path)
        return took

    def page(self, path: str) -> tuple[float, str]:
        t = time.perf_counter()
        with self.opener.open(self.base + path, timeout=120) as resp:
            html = resp.read().decode("utf-8")
        took = time.perf_counter() - t
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return took, html

    def sheet(self, did: str) -> float:
        """GET the dossier's page and keep its form, as the browser shows it."""
        took, html = self.page(f"/dossier/{urllib.parse.quote(did)}")
        parser = SheetForm()
        parser.feed(html)
        if not any(name.startswith(BASE) for name, _ in parser.fields):
            raise SystemExit(f"the page of {did} holds no bases: is the sheet editable?")
        self.sheets[did] = parser.fields
        return took

    def autosave(self, did: str, changes: dict[str, str], bases: bool = True) -> float:
        """What ``autosave.js`` posts once the juror changed ``changes`` on the page of
        ``did`` (read by :meth:`sheet`): the whole form (``FormData``: every field with its
        base, the CSRF token), as multipart, with ``X-Autosave`` and ``X-CSRF-Token``; then
        the answer's new bases set in the form, as the script does.  ``bases=False``: the
        same form without its bases, as a page older than them posts it (written whole)."""
        fields = self.sheets[did]
        for name, value in changes.items():  # a radio's or a text's new value
            for f in fields:
                if f[0] == name:
                    f[1] = value
                    break
            else:
                fields.append([name, value])
        body, kind = multipart(fields if bases else
                               [f for f in fields if not f[0].startswith(BASE)])
        token = next((v for n, v in fields if n == "csrf_token"), self.token)
        req = urllib.request.Request(
            self.base + f"/dossier/{urllib.parse.quote(did)}", data=body, method="POST",
            headers={"Origin": self.base, "Content-Type": kind, "X-Autosave": "1",
                     "X-CSRF-Token": token})
        t = time.perf_counter()
        with self.opener.open(req, timeout=120) as resp:
            answer = json.loads(resp.read())
        took = time.perf_counter() - t
        for name, digest in answer.get("bases", {}).items():
            for f in fields:
                if f[0] == BASE + name:
                    f[1] = digest
        return took

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None
             ) -> float:
        """A form posted urlencoded, without bases (a script, a page older than the bases):
        written whole (``workspace/draft.py``); a redirect is not followed."""
        body = urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        req = urllib.request.Request(self.base + path, data=body, method="POST",
                                     headers={"Origin": self.base, **(headers or {})})
        t = time.perf_counter()
        try:
            with self.poster.open(req, timeout=120) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code not in (302, 303):
                raise
            exc.read()
        return time.perf_counter() - t


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _serve(srv: Any) -> threading.Thread:
    """``srv`` served in a thread, until :func:`isgrid.web.server.stop` ends its loop (in
    that thread) and its workers."""
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    return thread


def run(db: str | None, jurors: int, rounds: int) -> dict[str, list[float]]:
    from isgrid.web.server import stop
    from isgrid.workspace.app import create_app, make_server
    from isgrid.workspace.store import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="isgrid-bench-"))
    try:
        ws = Workspace(make_call(tmp / "call", jurors), db)
        srv: Any = make_server(create_app(ws), "127.0.0.1", 0, threads=8)
        served = _serve(srv)
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
            for did in DOSSIERS:
                c.sheet(did)  # the pages open, their bases read
            for r in range(rounds):
                for d, did in enumerate(DOSSIERS):
                    form = {f"v:{crit}": str((i + d + k + r) % 5)
                            for k, crit in enumerate(CRITERIA)}
                    took = c.autosave(did, form)
                    with lock:
                        saves.append(took)
            c.post("/submit", {"confirmed": "yes"})

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
        stop(srv, served)
        ws.engine.dispose()
        return {"save": saves, "dashboard": dashboards}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def sized_call(folder: Path, dossiers: int) -> Path:
    """``bench.generate``'s call of ``dossiers`` (shape ``real``: the jury declared,
    ``assignments.csv``, 4 readers of 12 per dossier, 25 criteria), its ratings split
    into one file per juror as the workspace writes them: every juror has submitted
    (their sheets seeded into the database) but ``TIMED``, whose sheet is open and empty."""
    import csv

    from bench.generate import generate

    generate(folder, dossiers, 4, 25, table=True, shape="real")
    ratings = folder / "ratings"
    by_juror: dict[str, list[list[str]]] = {}
    with (ratings / "ratings.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        head = next(rows)
        for row in rows:
            by_juror.setdefault(row[1], []).append(row)
    (ratings / "ratings.csv").unlink()
    for aid, rows_of in by_juror.items():
        if aid == TIMED:
            continue
        with (ratings / f"{aid}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows_of)
    return folder


#: The juror whose requests are timed at each size.
TIMED = "j001"


def seed_submitted(folder: Path) -> None:
    """Put the submitted jurors' sheets of :func:`sized_call`'s call into its workspace's
    database in one bulk insert per table: the rows ``Workspace._seed`` adds one ORM
    object at a time (minutes for the 1.8 M ratings of 20,000 dossiers), the same values
    (tests/benchmark checks it). The workspace then seeds the others (``TIMED``) itself.
    A benchmark's shortcut: the product seeds through the ORM."""
    from sqlalchemy import insert

    from isgrid.call.load import load_call
    from isgrid.workspace.access import SECRETARY
    from isgrid.workspace.db import Audit, Deport, Juror, Rating, database_url, open_database
    from isgrid.workspace.store import value_text

    call = load_call(folder)
    if (folder / "opinions").exists():
        raise SystemExit("seed_submitted: the call has opinions, which it does not seed")
    table = call.table
    comments, shared, files_of = table.comment, table.shareable, table.file
    own = {a.id: (folder / "ratings" / f"{a.id}.csv").resolve()
           for a in call.config.assessors or [] if a.role == "juré"}
    rows: dict[str, list[int]] = {}
    for k, ai in enumerate(table.assessor.tolist()):
        rows.setdefault(table.assessor_ids[ai], []).append(k)
    now = time.time()
    engine = open_database(database_url(folder, None))
    try:
        with engine.begin() as conn:
            for aid, ks in rows.items():
                files = {Path(table.files[f]).resolve() for f in {int(files_of[k]) for k in ks}}
                if aid not in own or files != {own[aid]}:
                    continue  # not a juré's own file: left to the workspace
                conn.execute(insert(Juror), [{"id": aid, "name": call.assessors[aid].name or "",
                                              "status": "submitted", "submitted_at": now,
                                              "version": 0}])
                conn.execute(insert(Rating), [{
                    "juror_id": aid, "dossier": table.dossier_ids[table.dossier[k]],
                    "criterion": table.criterion_ids[table.criterion[k]],
                    "value": value_text(None if table.value[k] != table.value[k]
                                        else float(table.value[k]), bool(table.na[k])),
                    "comment": comments[k] or "", "shareable": bool(shared[k]),
                    "updated_at": now} for k in ks])
                deports = [{"juror_id": aid, "dossier": cf.dossier, "reason": cf.reason or "",
                            "at": now} for cf in call.config.conflicts if cf.assessor == aid]
                if deports:
                    conn.execute(insert(Deport), deports)
                conn.execute(insert(Audit), [{
                    "at": now, "actor": SECRETARY, "action": "seed", "target": aid,
                    "before": "", "after": json.dumps({"ratings": len(ks),
                                                       "status": "submitted"})}])
    finally:
        engine.dispose()


def sized_run(dossiers: int, requests: int, submissions: int) -> dict[str, list[float]]:
    """One juror's requests, one at a time, on a call of ``dossiers`` (:func:`sized_call`):
    a sheet's GET, an autosave of one field as the page posts it (with its bases), the
    same field posted without bases (written whole: a script, a page from before the
    bases), the dashboard's GET (its result cached), a submission (then reopened by the
    secretariat, untimed) and the dashboard's first GET after it (the call re-scored)."""
    from isgrid.io.collector import freeze_long_lived
    from isgrid.web.server import stop
    from isgrid.workspace.app import create_app, make_server
    from isgrid.workspace.store import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="isgrid-bench-"))
    try:
        folder = sized_call(tmp / "call", dossiers)
        seed_submitted(folder)  # seconds, where the workspace's own seeding takes minutes
        ws = Workspace(folder)
        srv: Any = make_server(create_app(ws), "127.0.0.1", 0, threads=8)
        freeze_long_lived()  # as isgrid.workspace.app.serve does before serving
        served = _serve(srv)
        base = f"http://127.0.0.1:{srv.effective_port}"
        links = {a.id: s for a, s, _ in ws.invite()}
        mine = ws.dossiers_of(TIMED)[0]
        # spread over the call: the first dossiers, the middle, the last
        picked = [mine[(k * (len(mine) - 1)) // max(1, requests - 1)] for k in range(requests)]
        crits = [c.id for c in ws.criteria_of(TIMED)]
        c = Client(base)
        c.get(f"/signin/{links[TIMED]}")
        c.post("/signin", {"secret": links[TIMED]})
        found: dict[str, list[float]] = {k: [] for k in (
            "sheet GET", "autosave, one field (with bases)",
            "save, one field (form without bases)", "dashboard GET",
            "submission (POST /submit)", "dashboard GET after a submission")}
        for did in picked:
            found["sheet GET"].append(c.sheet(did))
        for k, did in enumerate(picked):  # one field changed, as a juror types
            found["autosave, one field (with bases)"].append(
                c.autosave(did, {f"v:{crits[k % len(crits)]}": str(k % 5)}))
        for k, did in enumerate(picked):
            found["save, one field (form without bases)"].append(c.autosave(
                did, {f"v:{crits[(k + 1) % len(crits)]}": str((k + 2) % 5)}, bases=False))
        sec = Client(base)
        secret = ws.secretary_link()
        sec.get(f"/signin/{secret}")
        sec.post("/signin", {"secret": secret})
        sec.get("/admin")  # the call scored once, then cached
        for _ in range(requests):
            found["dashboard GET"].append(sec.get("/admin"))
        for _ in range(submissions):
            c.get("/")  # the home page's token, as the juror's browser has it
            found["submission (POST /submit)"].append(c.post("/submit", {"confirmed": "yes"}))
            found["dashboard GET after a submission"].append(sec.get("/admin"))
            ws.reopen(TIMED)
        stop(srv, served)
        ws.engine.dispose()
        return found
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def sized(sizes: list[int], requests: int, submissions: int) -> None:
    """Print :func:`sized_run`'s table: median and p95 at each size, and the growth factor
    of the median when the size doubles (2 ** the slope between two sizes; 1: flat)."""
    from bench.run import growth, machine

    print(f"{machine()}; load average {os.getloadavg()[0]:.2f}")
    print(f"one juror's requests in turn, {requests} of each ({submissions} submissions), "
          "SQLite, seconds; growth: the median's factor when the size doubles")
    print("| dossiers | what | n | median | p95 | growth ×2 |")
    print("|---:|---|---:|---:|---:|---:|")
    prev: dict[str, tuple[int, float]] = {}
    for n in sizes:
        for what, values in sized_run(n, requests, submissions).items():
            med = statistics.median(values)
            print(f"| {n} | {what} | {len(values)} | {med:.4f} | {p95(values):.4f} | "
                  f"{growth(prev.get(what), n, med)} |", flush=True)
            prev[what] = (n, med)


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
    parser.add_argument("--dossiers", default="",
                        help="sizes instead, comma-separated (300,2000,20000): one juror's "
                             "requests timed in turn on bench.generate's call of that size")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--submissions", type=int, default=10)
    args = parser.parse_args(argv)
    if args.dossiers:
        sized([int(x) for x in args.dossiers.split(",")], args.requests, args.submissions)
        return 0
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
