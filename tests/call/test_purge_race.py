"""``isgrid call purge --apply`` reads what it replaces under the write lock it writes with.

The purge read call.yaml, the ratings, the dossiers and the journal, planned their purged
copies, and only then took the folder's write lock (:mod:`isgrid.io.writelock`) in its
:func:`~isgrid.io.write.write_files`: a juror's ratings written in between (``sheets
import``, a submission from the jurors' workspace) were overwritten by a purged copy of the
file as it was before, and lost.  Here the purge runs in this process and, at the moment it
writes (its reading done), another process changes ``ratings/j1.csv`` under the lock (as
those writers do: :func:`faultruns.start_change`); the purge goes on once that process has
written, or waits for the lock (:func:`faultruns.done_or_waiting`).  The purge now holds
the lock from before its reading: the other process waits, then changes the purged file;
nothing is lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_purge import _call

from faultruns import done_or_waiting, start_change
from isgrid.call import purge as purge_module
from isgrid.cli.main import cli
from isgrid.io.write import PENDING
from isgrid.io.writelock import LOCK_NAME

OLD = "AL16-01,j1,ALS-2,3,\n"
#: the juror's change, made while the purge runs: another mark, with a comment
NEW = "AL16-01,j1,ALS-2,1,Revu après la visite du chantier\n"


def test_a_ratings_file_changed_while_the_purge_runs_is_not_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see the other process wait for the lock")
    call = _call(tmp_path)
    j1 = call / "ratings" / "j1.csv"
    before = j1.read_text("utf-8")
    assert before.count(OLD) == 1
    real = purge_module.write_files
    writers = []

    def racing(root: Path, files: Any, **kw: Any) -> Any:
        writers.append(start_change(call, j1, OLD, NEW))
        done_or_waiting(writers[-1], call)
        return real(root, files, **kw)

    monkeypatch.setattr(purge_module, "write_files", racing)
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "purge", str(call), "--apply",
                                   "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    (writer,) = writers
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    # the five comments of j1 emptied by the purge (each line kept up to its mark), then
    # the juror's change made to the purged file
    purged = re.sub(r"^(AL16-0\d,j1,[A-Z0-9.-]+,\d),.+$", r"\1,", before, flags=re.MULTILINE)
    assert purged.count("\n") == before.count("\n") == 50
    assert sum(a != b for a, b in zip(purged.splitlines(), before.splitlines(),
                                      strict=True)) == 5
    assert j1.read_text("utf-8") == purged.replace(OLD, NEW)
    # the purge itself whole: its names out of the journal, its purge entry last
    journal = [json.loads(line) for line in (call / "journal.jsonl").read_bytes().splitlines()]
    assert [(e["seq"], e["kind"], e["by"]) for e in journal] == [
        (1, "decision", "Juré 1"), (2, "withdrawal", "Service ESS"),
        (3, "purge", "isgrid call purge")]
    assert not (call / PENDING).exists() and not (call / LOCK_NAME).exists()
