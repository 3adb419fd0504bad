"""``isgrid sheets import`` reads the workbooks before it takes the folder's write lock.

Since the import held the lock from before it loaded the call, it read every workbook
under it (a national call's hundreds), and a juror's submission from the web workspace
waited all that time (60 s at most, then refused).  Now the workbooks are read against the
call loaded without the lock; under the lock the call is loaded again, and the workbooks
read again only if what they were read against changed (call.yaml, the grid, the dossiers,
the déports, assignments.csv: :func:`isgrid.jury.importer.read_inputs`), never for a
ratings file written meanwhile (what the import plans from, under the lock).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from faultruns import taken_elsewhere
from isgrid.cli.main import cli
from testpaths import HOSTILE


def _import(call: Path, *args: object) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(call),
                                    *map(str, args)])


def _free(root: Path) -> bool:
    """Whether another thread (as another process would) takes the write lock of ``root``
    at once."""
    return taken_elsewhere(root, wait=0)


@pytest.fixture
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", folder)
    return folder


def _reads(monkeypatch: pytest.MonkeyPatch, then: Any = None) -> list[bool]:
    """Each reading of a workbook, as whether the folder's lock was free meanwhile;
    ``then(n)`` after the n-th."""
    from isgrid.jury import importer

    real, seen = importer.read_workbook, []

    def reading(call: Any, path: Path, *args: Any) -> Any:
        seen.append(_free(call.folder))
        found = real(call, path, *args)
        if then is not None:
            then(len(seen))
        return found

    monkeypatch.setattr(importer, "read_workbook", reading)
    return seen


def test_the_workbooks_are_read_before_the_lock_is_taken(
        call: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read once, the lock free meanwhile (a juror's submission writes at once); a ratings
    file written between the reading and the lock (j2's, by the workspace) is no reason to
    read the workbooks again: the import plans from it under the lock."""
    j2 = call / "ratings" / "j2.csv"

    def submitted(n: int) -> None:  # j2's sheet written meanwhile (another mark of D01)
        text = j2.read_text("utf-8")
        assert "D01,j2,B1,2,\n" in text
        j2.write_text(text.replace("D01,j2,B1,2,\n", "D01,j2,B1,3,revu\n"), "utf-8")

    seen = _reads(monkeypatch, submitted)
    res = _import(call, workbooks / "j1.xlsx", "--replace")
    assert res.exit_code == 0, res.output
    assert seen == [True]
    assert b"D01,j1,B1,4,commentaire de j1\n" in (call / "ratings" / "j1.csv").read_bytes()
    assert "D01,j2,B1,3,revu\n" in j2.read_text("utf-8")  # (the workspace's change kept)


def test_a_call_changed_before_the_lock_is_read_again(
        call: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """call.yaml changed between the reading and the lock (D03 taken from j1's list): the
    workbook is read again under the lock, against the call as it is now, which says the
    workbook's D03 is no longer j1's (read against the call as it was, nothing was said)."""
    yaml = call / "call.yaml"
    old = "{id: j1, name: Jeanne Martin, role: juré}"
    assert old in yaml.read_text("utf-8")

    def reassigned(n: int) -> None:
        if n == 1:
            yaml.write_text(yaml.read_text("utf-8").replace(
                old, "{id: j1, name: Jeanne Martin, role: juré, dossiers: [D01, D02]}"),
                "utf-8")

    seen = _reads(monkeypatch, reassigned)
    res = _import(call, workbooks / "j1.xlsx", "--replace")
    assert res.exit_code == 0, res.output
    assert seen == [True, False]  # the second reading under the import's lock
    assert ("the workbook was written with D03, which is no longer one of j1's dossiers: "
            "its ratings are imported and count [dossier-no-longer-assigned]") in res.output
