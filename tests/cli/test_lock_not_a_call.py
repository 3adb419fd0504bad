"""A folder that is no call is said to be one before its write lock is taken.

``sheets import`` (:func:`isgrid.jury.importer.holding`) and ``call purge --apply``
(:func:`isgrid.call.purge.purge`) took the folder's write lock before they looked for
call.yaml: in a folder without one, an odd ``.isgrid-write.lock`` (here a folder of that
name) was what they said, « the system refused: Is a directory [write-failed] », and not
what is wrong (« no call.yaml »).  Both now check the folder is a call first, as the
commands that only read do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from isgrid.io.writelock import LOCK_NAME


@pytest.mark.parametrize("args", [["sheets", "import", "{folder}", "{folder}/j1.xlsx"],
                                  ["call", "purge", "{folder}", "--apply"]],
                         ids=["sheets-import", "purge-apply"])
def test_no_call_yaml_is_said_whatever_the_lock_file(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "notacall"
    (folder / LOCK_NAME).mkdir(parents=True)  # not a file: taking the lock fails
    (folder / "j1.xlsx").write_bytes(b"")
    res = CliRunner().invoke(cli, ["--lang", "en", *(a.format(folder=folder) for a in args)])
    assert res.exit_code == 2, res.output
    assert res.output.startswith(
        f"Error: {folder / 'call.yaml'}: the call folder has no call.yaml [file-not-found]\n")
    assert "write-failed" not in res.output
    assert (folder / LOCK_NAME).is_dir() and sorted(p.name for p in folder.iterdir()) == [
        LOCK_NAME, "j1.xlsx"]  # nothing made, nothing removed
