"""A purged call and its jury workspace (review rev-dpo, finding 2).

(a) ``isgrid call purge`` warns (``purge-name-left``) when the call has a workspace
whatever its database: a PostgreSQL one (``--db``) is recorded in
``.isgrid/workspace.json`` (no password), and named with ``DROP DATABASE``;
(b) once the journal holds a purge entry, the workspace writes nothing into the call
(a juror's submission, the secretariat's reopening and writing), its pages say the call
was purged, and ``isgrid jury serve`` / ``jury invite`` refuse to start."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from isgrid.call.purge import purge
from isgrid.cli.main import cli
from isgrid.errors import Diagnostic
from isgrid.workspace.app import create_app
from isgrid.workspace.purged import Purged, database_record, record_database
from isgrid.workspace.store import Entry, Refused, Workspace
from webclients import SameOriginClient, same_origin_client
from workspacecalls import alsace

#: retention: 12 months from 30 June 2024, due on 30 June 2025; purged on 1 July 2025
DAY = dt.date(2025, 7, 1)


def _call(tmp_path: Path) -> Path:
    folder = alsace(tmp_path, keep_ratings=False)
    (folder / "export-dossiers.csv").unlink()  # said apart (tests/call/test_purge_other_files)
    cfg = yaml.safe_load((folder / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "since": "2024-06-30"}
    (folder / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    return folder


def _signed_in(ws: Workspace, juror: str | None) -> SameOriginClient:
    client = same_origin_client(create_app(ws))
    secret = ws.secretary_link() if juror is None else ws.invite([juror])[0][1]
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    return client


def _warnings(folder: Path) -> list[Diagnostic]:
    said: list[Diagnostic] = []
    purge(folder, today=DAY, warn=said.extend)
    return [d for d in said if d.code == "purge-name-left"]


def test_the_purge_warns_of_the_workspace_whatever_its_database(
        tmp_path: Path, db: str | None) -> None:
    folder = _call(tmp_path)
    assert _warnings(folder) == []  # no workspace yet
    Workspace(folder, db).close()
    [warning] = _warnings(folder)
    record = json.loads((folder / ".isgrid" / "workspace.json").read_text("utf-8"))
    if db is None:
        assert record["database"] == "sqlite"
        assert "still holds their names, drafts and comments" in str(warning.message)
        assert "Delete the .isgrid folder" in str(warning.hint)
    else:
        assert record["database"] == "postgresql"
        name = make_url(db).database
        assert f"the PostgreSQL database {name}" in str(warning.message)
        assert f"DROP DATABASE {name}" in str(warning.hint)


def test_a_postgresql_workspace_is_recorded_without_its_password(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    url = make_url("postgresql+psycopg://isgrid:s3cret-pw@/jury?host=/tmp/rev-dpo-pg"
                   "&port=5433&sslpassword=other-secret")
    assert database_record(url) == {"database": "postgresql", "name": "jury",
                                    "host": "/tmp/rev-dpo-pg", "port": "5433",
                                    "user": "isgrid"}
    record_database(folder, url)
    text = (folder / ".isgrid" / "workspace.json").read_text("utf-8")
    assert "s3cret" not in text and "other-secret" not in text
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(folder),
                                   "--today", DAY.isoformat()])
    assert res.exit_code == 0, res.output
    assert ("l'espace web des jurés a été servi depuis la base PostgreSQL jury (host "
            "/tmp/rev-dpo-pg, port 5433)") in res.output.replace("\u00a0", " ") \
        .replace("\u202f", " ").replace("’", "'")
    assert "DROP DATABASE jury" in res.output and "[purge-name-left]" in res.output
    strict = CliRunner().invoke(cli, ["--strict", "call", "purge", str(folder), "--apply",
                                      "--today", DAY.isoformat()])
    assert strict.exit_code != 0 and "purged" not in strict.output.splitlines()


def test_a_purged_call_gets_nothing_back_from_its_workspace(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    ws = Workspace(folder)
    j1, j2, sec = _signed_in(ws, "j1"), _signed_in(ws, "j2"), _signed_in(ws, None)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"},
                                   comments={"ALS-2": "voir avec Marc Wendling"}))
    ws.submit("j1")
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "2"}, comments={"ALS-2": "Hélène pense "
                                                                     "que non"}))
    assert "voir avec Marc Wendling" in (folder / "ratings" / "j1.csv").read_text("utf-8")
    plan = purge(folder, apply=True, today=DAY)
    assert plan.applied
    purged = (folder / "ratings" / "j1.csv").read_bytes()
    assert b"Wendling" not in purged
    # j2 submits her drafts, the server still running: refused, nothing written
    page = j2.post("/submit", data={"confirmed": "yes"})
    text = page.get_data(as_text=True)
    assert page.status_code == 410
    assert "purgées le 1er\u00a0juillet 2025" in text.replace(" ", "\u00a0") or \
        "purgées le 1er juillet 2025" in text
    assert "Marc Wendling" not in text and "Sophie Kuntz" not in text  # no one named
    assert not (folder / "ratings" / "j2.csv").exists()
    assert ws.juror("j2").status == "open"
    # an autosave: the script's answer, nothing saved
    auto = j2.post("/dossier/AL16-02", data={"v:ALS-2": "4"}, headers={"X-Autosave": "1"})
    assert auto.status_code == 409 and auto.get_json() == {"reason": "closed"}
    assert ws.sheet("j2", "AL16-02")[0]["ALS-2"][0] == "2"
    # the secretariat reopens j1 and writes her files again: refused, said why
    home = j1.get("/")
    assert home.status_code == 410 and "Hélène Schaeffer" not in home.get_data(as_text=True)
    said = sec.post("/admin/reopen/j1")
    words = said.get_data(as_text=True)
    assert said.status_code == 410 and "(isgrid call purge)" in words
    assert f"rm -r {folder / '.isgrid'}" in words
    assert (folder / "ratings" / "j1.csv").read_bytes() == purged
    # the workspace itself (a request already past the pages' check): refused too
    with pytest.raises(Refused) as refused:
        ws.save("j2", "AL16-03", Entry(values={"ALS-2": "1"}))
    assert refused.value.key == "purged"
    with pytest.raises(Purged):  # the files as the database holds them: not written back
        ws.export("j1")
    assert (folder / "ratings" / "j1.csv").read_bytes() == purged


@pytest.mark.parametrize("command", [["jury", "serve"], ["jury", "invite"]])
def test_jury_serve_and_invite_refuse_a_purged_call(tmp_path: Path,
                                                    command: list[str]) -> None:
    folder = _call(tmp_path)
    Workspace(folder).close()
    assert purge(folder, apply=True, today=DAY).applied
    extra = ["-o", str(tmp_path / "liens.csv")] if command[1] == "invite" else []
    res = CliRunner().invoke(cli, ["--lang", "fr", *command, str(folder), *extra])
    assert res.exit_code == 2, res.output
    out = res.output.replace("\u00a0", " ").replace("\u202f", " ")
    assert "[workspace-purged]" in out and "Traceback" not in out
    assert "purgé de ses données personnelles le 1er juillet 2025" in out
    assert f"isgrid {command[0]} {command[1]}" in out and f"rm -r {folder / '.isgrid'}" in out
    assert not (tmp_path / "liens.csv").exists()
