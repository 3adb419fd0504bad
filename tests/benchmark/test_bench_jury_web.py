"""bench/jury_web.py: it posts what the page's autosave posts (each field with its base),
and its timing by call size runs end to end on a small call.

``bench/`` sits at the repository's root, beside ``src/``: it is put on the path here.
"""

from __future__ import annotations

import sys
import threading
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from isgrid.web.server import stop
from isgrid.workspace.app import create_app, make_server
from isgrid.workspace.db import Audit, Deport, Juror, Rating
from isgrid.workspace.draft import digest
from isgrid.workspace.store import Entry, Workspace
from testpaths import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.jury_web import TIMED, Client, seed_submitted, sized_call, sized_run


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    ws = Workspace(sized_call(tmp_path / "call", 40))
    srv: Any = make_server(create_app(ws), "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield ws, f"http://127.0.0.1:{srv.effective_port}"
    stop(srv, thread)  # its loop ends, not left selecting on a closed socket
    assert not thread.is_alive()
    ws.engine.dispose()


def signed_in(ws: Workspace, base: str) -> Client:
    link = {a.id: s for a, s, _ in ws.invite()}[TIMED]
    c = Client(base)
    c.get(f"/signin/{link}")
    c.post("/signin", {"secret": link})
    return c


def test_the_autosave_sends_each_field_with_its_base(served: tuple[Workspace, str]) -> None:
    ws, base = served
    did = ws.dossiers_of(TIMED)[0][0]
    page = signed_in(ws, base)
    page.sheet(did)
    fields = dict(page.sheets[did])
    # 25 criteria × (value, comment, box) + opinion, amount, overall comment: 78 bases
    assert sum(1 for name in fields if name.startswith("b:")) == 78
    assert fields["action"] == "save" and fields["csrf_token"]
    page.autosave(did, {"v:C01": "3"})
    assert ws.sheet(TIMED, did)[0]["C01"] == ("3", "")
    # the answer's new base set in the page, as the script does: the digest of « 3 »
    now = dict(page.sheets[did])["b:v:C01"]
    assert now == digest("3") != fields["b:v:C01"] == digest("")
    # another tab, loaded now, writes C01 = 1: this page's base of C01 is stale
    assert not ws.save(TIMED, did, Entry(values={"C01": "1"}, base={"v:C01": now})).conflicts
    with pytest.raises(urllib.error.HTTPError) as refused:
        page.autosave(did, {"v:C01": "4"})
    assert refused.value.code == 409
    assert ws.sheet(TIMED, did)[0]["C01"] == ("1", "")
    # the same form without its bases (a page older than them): written whole
    page.autosave(did, {"v:C01": "4"}, bases=False)
    assert ws.sheet(TIMED, did)[0]["C01"] == ("4", "")


def test_timing_by_size_runs_every_request(served: tuple[Workspace, str]) -> None:
    found = sized_run(40, 3, 2)
    assert {k: len(v) for k, v in found.items()} == {
        "sheet GET": 3, "autosave, one field (with bases)": 3,
        "save, one field (form without bases)": 3, "dashboard GET": 3,
        "submission (POST /submit)": 2, "dashboard GET after a submission": 2}
    assert all(t > 0 for v in found.values() for t in v)


def test_the_bulk_seed_puts_the_rows_the_workspace_seeds(tmp_path: Path) -> None:
    """The benchmark seeds the submitted sheets in bulk (seconds, not minutes): the same
    rows as the workspace's own seeding, which then seeds only the open juror."""
    def rows(folder: Path, bulk: bool) -> dict[str, set[tuple[Any, ...]]]:
        if bulk:
            seed_submitted(folder)
        ws = Workspace(folder)
        with ws.tx() as s:
            found = {
                "juror": {(j.id, j.name, j.status, j.version, j.submitted_at is None)
                          for j in s.scalars(select(Juror))},
                "rating": {(r.juror_id, r.dossier, r.criterion, r.value, r.comment, r.shareable)
                           for r in s.scalars(select(Rating))},
                "deport": {(d.juror_id, d.dossier, d.reason) for d in s.scalars(select(Deport))},
                "audit": {(a.actor, a.action, a.target, a.before, a.after)
                          for a in s.scalars(select(Audit))}}
        ws.engine.dispose()
        return found

    bulk = rows(sized_call(tmp_path / "bulk", 40), True)
    orm = rows(sized_call(tmp_path / "orm", 40), False)
    assert bulk == orm
    # 11 jurors submitted, j001 open (no rating: its sheet is the benchmark's)
    assert sorted(s for _, _, s, _, _ in bulk["juror"]).count("submitted") == 11
    assert ("j001", "Juré 1", "open", 0, True) in bulk["juror"]
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) - 1
                for f in (tmp_path / "bulk" / "ratings").glob("*.csv"))
    assert len(bulk["rating"]) == lines > 0 and all(r[0] != TIMED for r in bulk["rating"])
    assert any(v == "2.5" for *_, v, _, _ in bulk["rating"])
