"""The reason the workspace records when a juror's files wait too long for the folder's
write lock (another command's hold, here a ``sheets import`` in the same folder): the
refusal's place is the call folder itself, named from the call folder « . », and the
secretariat read « . : une écriture est en cours… ».  No place is given for the folder
itself; the holder the lock file names is said (:func:`isgrid.io.refusal.busy`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_workspace_export import resubmitting

from faultruns import held_elsewhere
from isgrid.workspace import export
from isgrid.workspace.export import Unwritten
from workspacecalls import alsace


def test_a_submission_kept_waiting_says_who_holds_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path)
    ws = resubmitting(folder, None)
    monkeypatch.setattr(export, "WAIT_SECONDS", 0.2)
    # as another process's `sheets import` holds it while it reads
    with held_elsewhere(folder, command="isgrid sheets import"), \
            pytest.raises(Unwritten) as info:
        ws.submit("j1")
    pid = os.getpid()
    assert info.value.why == {
        "en": f"a write is in progress in this folder (isgrid sheets import, pid {pid}): "
              "try again",
        "fr": f"une écriture est en cours dans ce dossier (isgrid sheets import, pid {pid})\u00a0: "
              "réessayez"}
