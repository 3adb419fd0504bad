"""``isgrid jury invite`` and ``isgrid jury serve`` as a secretary runs them."""

from __future__ import annotations

import csv
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from isgrid.cli.main import cli
from workspacecalls import alsace


def isgrid(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def links(path: Path) -> list[dict[str, str]]:
    """The rows of a French call's mail-merge file (« ; » between cells)."""
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_invite_writes_the_mail_merge_file_once(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "liens.csv"
    run = isgrid("jury", "invite", str(folder), "-o", str(out), "--base-url",
                 "https://jury.example.org", "--days", "10")
    assert run.exit_code == 0, run.output
    assert "3 personal links" in run.output
    rows = links(out)
    assert [r["juré"] for r in rows] == ["j1", "j2", "j3"]  # the jurés, not i1
    assert all(re.fullmatch(r"https://jury\.example\.org/signin/[\w-]{43}", r["lien"])
               for r in rows)
    # alsace-2016 is a French call: « ; » between cells, French merge fields, dates
    head = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "juré;nom;lien;expire le"
    # the expiry in the call's time zone (Europe/Paris), in words, as the workspace says times
    assert re.fullmatch(r"(1er|\d\d?) [a-zéû]+ \d{4} à \d\d?\u00a0h\u00a0\d\d",
                        rows[0]["expire le"])
    again = isgrid("jury", "invite", str(folder), "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    unknown = isgrid("jury", "invite", str(folder), "-o", str(out), "--force",
                     "--juror", "i1")
    # i1 is declared, as an instructor: it said « the juré 'i1' is not declared »
    assert unknown.exit_code == 1 and (
        "'i1' is not one of the call's jurors (assessors with role juré)") in unknown.output
    bad = isgrid("jury", "serve", str(folder), "--public-url", "http://jury.example.org")
    assert bad.exit_code == 2 and "https://" in bad.output


def test_invite_never_writes_over_an_input_nor_revokes_links_when_refused(
        tmp_path: Path) -> None:
    """Even with --force, the mail-merge file never replaces a file of the call (it used
    to: ``-o CALL/ratings/j1.csv --force`` replaced a juror's ratings); and a refused
    invitation is refused before it revokes the links already sent."""
    from isgrid.workspace.store import Workspace

    folder = alsace(tmp_path)
    out = tmp_path / "liens.csv"
    assert isgrid("jury", "invite", str(folder), "-o", str(out)).exit_code == 0
    first = [r["lien"].rsplit("/", 1)[1] for r in links(out)]
    for target in (folder / "ratings" / "j1.csv", folder / "call.yaml",
                   folder / "ratings" / "new.csv"):
        before = target.read_bytes() if target.exists() else None
        run = isgrid("jury", "invite", str(folder), "-o", str(target), "--force")
        assert run.exit_code == 2 and "[output-is-input]" in run.output, run.output
        assert (target.read_bytes() if target.exists() else None) == before
    # a write that fails (a file where the folder should be) undoes the invitation
    run = isgrid("jury", "invite", str(folder), "-o", str(out / "liens.csv"))
    assert run.exit_code == 1 and "[write-failed]" in run.output, run.output
    ws = Workspace(folder)
    assert len(first) == 3  # j1, j2, j3
    assert all(ws.sign_in(secret) is not None for secret in first)  # still valid


def test_invite_whose_links_cannot_be_stored_leaves_no_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is written aside before the links are stored and put in place after: if
    storing them fails (the database refuses the commit, once the file's content is
    made), no file of dead links is left, and the links already sent still work."""
    from sqlalchemy.orm.session import SessionTransaction

    import isgrid.workspace.files as files
    from isgrid.workspace.store import Workspace

    folder = alsace(tmp_path)
    first_file = tmp_path / "liens.csv"
    assert isgrid("jury", "invite", str(folder), "-o", str(first_file)).exit_code == 0
    first = [r["lien"].rsplit("/", 1)[1] for r in links(first_file)]

    made: list[bool] = []
    merge, commit = files.mail_merge_csv, SessionTransaction.commit

    def mail_merge(*args: Any, **kwargs: Any) -> bytes:
        made.append(True)
        return merge(*args, **kwargs)

    def refused(self: Any, *args: Any, **kwargs: Any) -> Any:
        if made:  # every commit once the file's content exists
            raise OSError("the database refused the commit")
        return commit(self, *args, **kwargs)

    monkeypatch.setattr(files, "mail_merge_csv", mail_merge)
    monkeypatch.setattr(SessionTransaction, "commit", refused)
    out = tmp_path / "nouveaux.csv"
    run = isgrid("jury", "invite", str(folder), "-o", str(out))
    assert made and run.exit_code != 0, run.output
    assert not out.exists() and not list(tmp_path.glob(".nouveaux.csv.*"))
    monkeypatch.undo()
    ws = Workspace(folder)
    assert len(first) == 3  # j1, j2, j3
    assert all(ws.sign_in(secret) is not None for secret in first)


def test_invite_keeps_the_only_copy_of_stored_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the links are stored, their file is never removed: if it cannot be put in
    place, the error names where they are, and they work."""
    import os

    from isgrid.workspace.store import Workspace

    folder = alsace(tmp_path)
    out = tmp_path / "liens.csv"
    replace = os.replace

    def refused(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == out:
            raise OSError(28, "No space left on device")
        replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refused)
    run = isgrid("jury", "invite", str(folder), "-o", str(out))
    monkeypatch.undo()
    assert run.exit_code == 2 and "[write-failed]" in run.output, run.output
    [kept] = list(tmp_path.glob(".liens.csv.*"))
    assert str(kept) in run.output and not out.exists()
    secrets = [r["lien"].rsplit("/", 1)[1] for r in links(kept)]
    ws = Workspace(folder)
    assert len(secrets) == 3 and all(ws.sign_in(s) is not None for s in secrets)


def test_invite_says_its_counts_in_words_that_agree(tmp_path: Path) -> None:
    """« 1 lien personnel, valable 0,5 jour », « 3 liens personnels, valables 1 jour »."""
    folder = alsace(tmp_path)
    out = str(tmp_path / "liens.csv")
    one = isgrid("--lang", "fr", "jury", "invite", str(folder), "-o", out, "--juror", "j2",
                 "--days", "0.5")
    assert "(1 lien personnel, valable 0,5 jour)" in one.output, one.output
    three = isgrid("--lang", "fr", "jury", "invite", str(folder), "-o", out, "--force",
                   "--days", "1")
    assert "(3 liens personnels, valables 1 jour)" in three.output, three.output
    en = isgrid("jury", "invite", str(folder), "-o", out, "--force", "--days", "1.5")
    assert "(3 personal links, valid 1.5 days)" in en.output, en.output


def test_invite_never_writes_over_the_workspace_database(tmp_path: Path) -> None:
    """``--db`` names the workspace's database: the mail-merge file never replaces it,
    even with --force (it did: every score of the jury was lost)."""
    from isgrid.workspace.store import Workspace

    folder = alsace(tmp_path)
    db = tmp_path / "ws.sqlite3"
    url = f"sqlite:///{db}"
    mail = tmp_path / "a.csv"
    assert isgrid("jury", "invite", str(folder), "--db", url, "-o", str(mail)).exit_code == 0
    # what the database holds, read through SQLite: in WAL mode its file's bytes change
    # whenever a checkpoint moves the log in (a closed connection of the run before)
    before, inode = dump(db), db.stat().st_ino
    run = isgrid("jury", "invite", str(folder), "--db", url, "-o", str(db), "--force")
    assert run.exit_code == 2 and "[output-is-input]" in run.output, run.output
    assert db.stat().st_ino == inode and dump(db) == before
    secrets = [r["lien"].rsplit("/", 1)[1] for r in links(mail)]
    ws = Workspace(folder, url)
    assert len(secrets) == 3 and all(ws.sign_in(s) is not None for s in secrets)


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as con:
        return list(con.iterdump())


def test_serve_runs_the_production_server(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    # Ctrl+C as in a terminal: a test run started in the background (`./run test &`, or
    # under nohup) ignores SIGINT, and its children inherit that; the server would not stop
    proc = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--port", "0",
         "--secretariat-link"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    said: list[str] = []
    try:
        assert proc.stderr is not None
        link = ""
        for line in proc.stderr:
            if "Secretariat sign-in" in line:
                link = line.split(": ", 1)[1].strip()
                break
        assert link.startswith("http://127.0.0.1:")
        # the rest of what the server says is read as it comes (a pipe nobody reads
        # fills up and blocks the writer) and shown if it does not stop
        reader = threading.Thread(target=lambda: said.extend(proc.stderr), daemon=True)
        reader.start()
        with urllib.request.urlopen(link, timeout=30) as resp:
            assert resp.status == 200
            assert resp.headers["Server"] == "isgrid"  # waitress, not a development server
            assert "Se connecter" in resp.read().decode("utf-8")
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail("jury serve did not stop within 30 s of Ctrl+C; it said: "
                        + "".join(said)[-3000:])


def test_a_refused_invitation_makes_no_database(tmp_path: Path) -> None:
    """``-o CALL/ratings/l.csv``: refused before the workspace's database is made (it made
    CALL/.isgrid/jury.sqlite3, then refused)."""
    folder = alsace(tmp_path)
    run = isgrid("jury", "invite", str(folder), "-o", str(folder / "ratings" / "l.csv"))
    assert run.exit_code == 2 and "[output-is-input]" in run.output, run.output
    assert not (folder / ".isgrid").exists()


def serve_says(folder: Path, *args: str) -> tuple[str, list[str]]:
    """Start `jury serve`, read what it says until the secretariat's link: (that link,
    the lines before it), then stop it (Ctrl+C)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--secretariat-link",
         *args],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "Secretariat sign-in" in line:
                break
        link = lines[-1].split(": ", 1)[1].strip()
        reader = threading.Thread(target=lambda: lines.extend(proc.stderr or ()), daemon=True)
        reader.start()
        time.sleep(0.5)  # a warning printed after the link
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return link, lines


def test_the_invitation_links_open_the_server(tmp_path: Path) -> None:
    """`jury invite` then `jury serve --port N`: the links opened port 8770 while the server
    listened on N.  Now each follows the other: serve listens where the links point, invite
    links where serve served, and a server elsewhere than the links says so."""
    folder = alsace(tmp_path)
    with closing(socket.socket()) as s:  # a free port, for the links
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "liens.csv"
    run = isgrid("jury", "invite", str(folder), "-o", str(out), "--base-url",
                 f"http://127.0.0.1:{port}")
    assert run.exit_code == 0, run.output
    assert f"The links open http://127.0.0.1:{port}" in run.output
    # served where the links point, no --port needed
    link, said = serve_says(folder)
    assert link.startswith(f"http://127.0.0.1:{port}/signin/"), said
    assert not any("invitation links" in x for x in said), said
    # served elsewhere: said, with what to do
    link, said = serve_says(folder, "--port", "0")
    served = link.split("/signin/")[0]
    assert served != f"http://127.0.0.1:{port}"
    assert (f"Warning: the invitation links (isgrid jury invite) open http://127.0.0.1:{port}, "
            f"not this server ({served}): jurors would not reach it.") in "".join(said), said
    # the next invitation links where the server last served
    run = isgrid("jury", "invite", str(folder), "-o", str(out), "--force", "--juror", "j1")
    assert run.exit_code == 0, run.output
    assert links(out)[0]["lien"].startswith(f"{served}/signin/")
