"""``isgrid jury rotate-key CALL``: the key of the workspace's forms made anew, said first
(dry run), written in the audit log; sessions and sign-in links go on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_workspace_app import signed_in

from isgrid.cli.main import cli
from isgrid.workspace.db import Setting
from isgrid.workspace.store import Workspace
from workspacecalls import alsace


def isgrid(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def stored_key(ws: Workspace) -> str:
    with ws.tx() as s:
        row = s.get(Setting, "secret_key")
        return row.value if row is not None else ""


def test_rotate_key_says_what_it_does_then_does_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISGRID_SECRET_KEY", raising=False)
    folder = alsace(tmp_path)
    nothing = isgrid("jury", "rotate-key", str(folder), "--apply")
    assert nothing.exit_code == 0 and "nothing to rotate" in nothing.output
    assert not (folder / ".isgrid").exists()  # no database made for it
    ws = Workspace(folder)
    juror = signed_in(ws, "j1")
    link = ws.invite(["j2"])[0][1]
    old = stored_key(ws)
    assert len(old) == 64
    dry = isgrid("jury", "rotate-key", str(folder))
    assert dry.exit_code == 0, dry.output
    assert "sessions and sign-in links go on" in dry.output and "--apply" in dry.output
    assert stored_key(ws) == old  # a dry run changes nothing
    done = isgrid("jury", "rotate-key", str(folder), "--apply")
    assert done.exit_code == 0, done.output
    assert "Restart isgrid jury serve" in done.output
    new = stored_key(ws)
    assert len(new) == 64 and new != old
    assert ws.audit_log()[0].action == "rotate-key"
    assert old not in "".join(f"{a.before}{a.after}" for a in ws.audit_log())
    # the juror's session and the other's link still work (the key signs neither)
    assert juror.get("/").status_code == 200
    assert ws.link_owner(link) is not None
    ws.close()


def test_rotate_key_in_french_warns_of_the_variable(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISGRID_SECRET_KEY", "une longue phrase secrète")
    folder = alsace(tmp_path)
    Workspace(folder).close()
    run = isgrid("--lang", "fr", "jury", "rotate-key", str(folder))
    assert run.exit_code == 0, run.output
    assert "ISGRID_SECRET_KEY est définie" in run.output
    assert "les sessions et les liens de connexion continuent" in run.output
    assert "--apply" in run.output
