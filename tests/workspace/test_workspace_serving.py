"""One ``isgrid jury serve`` per call (review ops20, findings 4 and 5).

A second server of a call started without a word and recorded its own address as where the
call is served: once it stopped, ``isgrid jury secretariat`` printed a link to its dead port
while the first server went on.  It is now refused, naming the first one's process and
address, and leaves that address alone.  A call folder the server cannot write was found
only at the first submission; it is refused at start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from isgrid.errors import UsageError
from isgrid.workspace.serving import SERVE_LOCK, serving
from workspacecalls import alsace

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def test_a_second_jury_serve_of_the_call_is_refused_naming_the_first(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-m", "isgrid", "jury", "serve", str(folder), "--port", "0",
         "--no-secretariat-link"], stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert first.stderr is not None
        url = ""
        for line in first.stderr:
            if line.startswith("isgrid jury workspace on "):
                url = line.split(" on ", 1)[1].split("/ (", 1)[0]
                threading.Thread(target=first.stderr.read, daemon=True).start()
                break
        assert url.startswith("http://127.0.0.1:"), "the first server never started"
        second = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--port", "0"])
        assert second.exit_code == 2, second.output
        assert (f"isgrid jury serve already serves this call (process {first.pid}, {url}): "
                "one server per call [workspace-served]") in second.output
        assert "stop the other first" in second.output
        # the first server's address is still where the secretariat's link points
        link = CliRunner().invoke(cli, ["jury", "secretariat", str(folder)])
        assert link.exit_code == 0 and f"{url}/signin/" in link.output, link.output
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=30)
    # stopped, the call may be served again (the lock went with the process)
    with serving(folder):
        pass


def test_a_lock_left_by_a_killed_server_does_not_hold(tmp_path: Path) -> None:
    """``kill -9`` leaves the file, not the lock: the next start goes on."""
    folder = alsace(tmp_path)
    hold = ("import sys, time\nfrom pathlib import Path\n"
            "from isgrid.workspace.serving import serving\n"
            "with serving(Path(sys.argv[1])) as at:\n"
            "    at('http://127.0.0.1:8770'); print('held', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", hold, str(folder)],
                            stdout=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    with pytest.raises(UsageError, match="already serves"), serving(folder):
        pass
    proc.kill()
    proc.wait(timeout=30)
    assert (folder / SERVE_LOCK).is_file()
    with serving(folder) as at:
        at("http://127.0.0.1:8771")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root writes in a read-only folder; POSIX modes only")
def test_a_call_folder_that_cannot_be_written_is_refused_at_start(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    folder.chmod(0o555)
    try:
        run = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--port", "0",
                                       "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"])
    finally:
        folder.chmod(0o755)
    assert run.exit_code == 2, run.output
    assert "the call folder cannot be written (Permission denied)" in run.output


def test_a_read_only_call_folder_is_refused_at_start(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """As a folder mounted read-only answers (EROFS; root writes through modes)."""
    import errno

    import isgrid.workspace.serving as module

    def refused(path: Path) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    folder = alsace(tmp_path)
    monkeypatch.setattr(module, "open_lock_file", refused)
    run = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--port", "0",
                                   "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"])
    assert run.exit_code == 2, run.output
    assert ("the call folder cannot be written (Read-only file system): the jury workspace "
            "writes the jurors' submitted sheets into it") in run.output
    assert "[write-failed]" in run.output and "chown -R" in run.output
    assert not (tmp_path / "j.sqlite3").exists()  # refused before the database is opened


def test_a_ratings_folder_that_cannot_be_written_is_refused_at_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``.isgrid/`` writable, ``ratings/`` not (owned by another user than the service's)."""
    import isgrid.workspace.serving as module

    folder = alsace(tmp_path)
    real = os.access
    monkeypatch.setattr(module.os, "access", lambda p, mode: (
        Path(p).name != "ratings" and real(p, mode)))
    run = CliRunner().invoke(cli, ["jury", "serve", str(folder), "--port", "0",
                                   "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"])
    assert run.exit_code == 2, run.output
    assert f"{folder / 'ratings'}: the call folder cannot be written (Permission denied)" in (
        run.output)
    monkeypatch.undo()
    with serving(folder):  # refused, the lock was let go
        pass
