"""How the secretariat gets in over a three-month service (rev-ops findings 5 and 12):
``isgrid jury secretariat CALL`` prints a link on demand, the server running; ``jury
serve`` prints one only in a terminal (never into a service's log); one live secretariat
link at a time, however often the server restarts."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from isgrid.cli.main import cli
from isgrid.workspace.app import create_app
from isgrid.workspace.db import SignInToken
from isgrid.workspace.store import Workspace
from webclients import same_origin_client
from workspacecalls import alsace

LINK = re.compile(r"(\S+)/signin/([\w-]{43})")


def secretariat_tokens(ws: Workspace) -> list[SignInToken]:
    with ws.tx() as s:
        return list(s.scalars(select(SignInToken).where(SignInToken.role == "secretary")))


def test_serve_as_a_service_prints_no_admin_link(tmp_path: Path) -> None:
    """Its output a pipe (nohup, systemd): no link in it, no link made; the command to run
    said instead."""
    folder = alsace(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--port", "0"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    said: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            said.append(line)
            if "Secretariat sign-in" in line:
                break
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert said[-1] == (f"Secretariat sign-in: isgrid jury secretariat {folder} prints a link "
                        "(none printed here: this output may be kept in a log).\n"), said
    assert not LINK.search("".join(said))
    ws = Workspace(folder)
    assert secretariat_tokens(ws) == []
    ws.close()


def test_the_secretariat_command_gives_one_live_link(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder)
    ws.record_address("served_url", "https://jury.example.org")  # as jury serve records it
    first = CliRunner().invoke(cli, ["jury", "secretariat", str(folder)])
    assert first.exit_code == 0, first.output
    m = LINK.search(first.output)
    assert m and m.group(1) == "https://jury.example.org", first.output
    assert "Secretariat sign-in (valid 12 hours; the earlier secretariat links no longer work)" \
        in first.output
    # the link signs in, to the dashboard
    client = same_origin_client(create_app(ws))
    client.get(f"/signin/{m.group(2)}")
    resp = client.post("/signin", data={"secret": m.group(2)})
    assert resp.status_code == 303 and resp.headers["Location"] == "/admin"
    # a second link (a restart in a terminal, or the command again) revokes the first; the
    # session the first opened goes on
    second = CliRunner().invoke(cli, ["jury", "secretariat", str(folder), "--hours", "1"])
    m2 = LINK.search(second.output)
    assert m2 and "valid 1 hour;" in second.output, second.output
    assert ws.link_owner(m.group(2)) is None
    assert ws.link_owner(m2.group(2)) is not None
    assert client.get("/admin").status_code == 200
    assert [t.revoked_at is None for t in secretariat_tokens(ws)] == [False, True]
    # valid one hour: 59 minutes later yes, 61 minutes later no
    made = secretariat_tokens(ws)[1].created_at
    ws.clock = lambda: made + 59 * 60
    assert ws.link_owner(m2.group(2)) is not None
    ws.clock = lambda: made + 61 * 60
    assert ws.link_owner(m2.group(2)) is None
    ws.close()


def test_the_secretariat_command_in_french(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    run = CliRunner().invoke(cli, ["--lang", "fr", "jury", "secretariat", str(folder),
                                   "--hours", "1.5"])
    assert run.exit_code == 0, run.output
    assert ("Lien de connexion du secrétariat (valable 1,5 heure\u202f; les liens précédents "
            "du secrétariat ne marchent plus)\u00a0: http://127.0.0.1:8770/signin/") in run.output


def test_the_secretariat_sign_in_page_speaks_to_the_secretariat(tmp_path: Path) -> None:
    """It said « Ce lien personnel vous ouvre votre grille de notation », the jurors' words."""
    ws = Workspace(alsace(tmp_path))
    client = create_app(ws).test_client()
    page = client.get(f"/signin/{ws.secretary_link()}").get_data(as_text=True)
    assert "Ce lien ouvre le tableau de bord du secrétariat. Ne le transmettez à personne." \
        in page and "grille de notation" not in page
    english = client.get(f"/signin/{ws.secretary_link()}?lang=en").get_data(as_text=True)
    assert "This link opens the secretariat&#39;s dashboard. Do not share it." in english
    juror = client.get(f"/signin/{ws.invite(['j1'])[0][1]}?lang=fr").get_data(as_text=True)
    assert "Ce lien personnel vous ouvre votre grille de notation." in juror
    ws.close()


def test_each_secretariat_link_is_in_the_audit_log_without_its_secret(tmp_path: Path) -> None:
    """Issuing the secretariat's link is written in the audit log, as the jurors'
    invitations are: who, when, until when, how many earlier links it revoked; never the
    secret, nor its hash."""
    import json

    from test_workspace_app import signed_in
    from test_workspace_said import cells

    folder = alsace(tmp_path)
    first = CliRunner().invoke(cli, ["jury", "secretariat", str(folder), "--hours", "2"])
    second = CliRunner().invoke(cli, ["jury", "secretariat", str(folder), "--hours", "1"])
    secrets_ = [m.group(2) for m in (LINK.search(first.output), LINK.search(second.output))
                if m]
    assert len(secrets_) == 2, (first.output, second.output)
    ws = Workspace(folder)
    rows = [a for a in reversed(ws.audit_log()) if a.action == "secretariat-link"]
    assert [(a.actor, a.target) for a in rows] == [("secretariat", "")] * 2
    made = sorted(t.created_at for t in secretariat_tokens(ws))
    # the first valid 2 hours, revoking none; the second 1 hour (3 600 s), revoking one
    assert [json.loads(a.after) for a in rows] == [
        {"expires_at": made[0] + 7200, "revoked": 0},
        {"expires_at": made[1] + 3600, "revoked": 1}]
    hashes = [t.token_hash for t in secretariat_tokens(ws)]
    for a in ws.audit_log():
        for secret in (*secrets_, *hashes):
            assert secret not in f"{a.target}{a.before}{a.after}"
    # the audit page says it in words, to the secretariat
    page = signed_in(ws, None).get("/admin/audit").get_data(as_text=True)
    said = [r for r in cells(page, "audit") if r[2] == "lien de connexion du secrétariat délivré"]
    assert len(said) == 3  # the two commands' links and the test client's own
    assert said[1][1] == "Secrétariat"
    assert said[1][4].endswith("|Liens précédents révoqués\u00a0: 1")
    ws.close()
