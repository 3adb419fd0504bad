"""Call folders for tests, the jury workspace's (tests/workspace) first: copies of the
example."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from testpaths import EXAMPLES


def alsace(tmp_path: Path, *, keep_ratings: bool = True, name: str = "call") -> Path:
    """A copy of examples/alsace-2016 (without its jurors' ratings unless ``keep_ratings``)."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    if not keep_ratings:
        for j in ("j1", "j2", "j3"):
            (folder / "ratings" / f"{j}.csv").unlink()
    return folder


def many_jurors(tmp_path: Path, n: int, name: str = "big") -> Path:
    """examples/alsace-2016 with ``n`` jurés (j01...) and no jurors' ratings."""
    folder = alsace(tmp_path, keep_ratings=False, name=name)
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["assessors"] = [data["assessors"][0]] + [
        {"id": f"j{i:02d}", "name": f"Juré {i}", "role": "juré"} for i in range(1, n + 1)]
    data.pop("conflicts", None)
    data.pop("consensus", None)
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")
    return folder


@contextmanager
def served(app: Any, *, threads: int = 8, behind_proxy: bool = False,
           trusted_proxy: str = "127.0.0.1") -> Iterator[str]:
    """The app on waitress at 127.0.0.1 (any free port), in a thread: its base URL."""
    from isgrid.workspace.app import make_server

    srv = make_server(app, "127.0.0.1", 0, threads, behind_proxy=behind_proxy,
                      trusted_proxy=trusted_proxy)
    stopping = threading.Event()

    def run() -> None:
        try:
            srv.run()
        except OSError:  # the loop's select() on the socket closed by close() below
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}"
    finally:
        stopping.set()
        srv.close()
        thread.join(timeout=10)


@contextmanager
def served_workspace(folder: Path, db: str | None, *, threads: int = 4,
                     reopen: tuple[str, ...] = ()) -> Iterator[tuple[Any, str]]:
    """The jury workspace of ``folder`` (database ``db``; None: its SQLite) served as the
    browser tests open it: (the Workspace, its base URL), each juror of ``reopen`` with
    their sheet reopened first, the database's connections closed after."""
    from isgrid.workspace.app import create_app
    from isgrid.workspace.store import Workspace

    ws = Workspace(folder, db)
    for juror in reopen:
        ws.reopen(juror)
    try:
        with served(create_app(ws), threads=threads) as base:
            yield ws, base
    finally:
        ws.engine.dispose()


def expire_sessions(ws: Any, juror: str) -> None:
    """The juror's sessions expired (as 12 hours later): not revoked, which the pages say
    otherwise (« access withdrawn »)."""
    from sqlalchemy import update

    from isgrid.workspace.db import WebSession

    with ws.tx() as s:
        s.execute(update(WebSession).where(WebSession.juror_id == juror).values(expires_at=0))
