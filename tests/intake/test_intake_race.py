"""``isgrid intake`` reads what it replaces under the write lock it writes with.

Intake read the dossier files, the avis and ``intake-state.json``, planned their new
content, and only then took the folder's write lock (:mod:`isgrid.io.writelock`) in its
:func:`~isgrid.io.write.write_files`: a change written in between by another command
(a purge, another intake) was overwritten by an edit of the file as it was before, and
lost.  Here intake runs in this process with a second export (it changes DN-101's amount
and DN-103's title) and, at the moment it writes (its reading done), another process adds
a key of the secretary's to ``dossiers/DN-101.yaml`` under the lock
(:func:`faultruns.start_change`); intake goes on once that process has written, or waits
for the lock (:func:`faultruns.done_or_waiting`).  Intake now holds the lock from before
it reads the call's files: the other process waits, then changes the file intake wrote;
nothing is lost.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from faultruns import done_or_waiting, start_change
from isgrid.cli.main import cli
from isgrid.intake import refresh as refresh_module
from isgrid.io.write import PENDING
from isgrid.io.writelock import LOCK_NAME

#: the secretary's key, added to DN-101 while intake runs
SUMMARY = "summary: Visite du 12 avril, chantier prêt à démarrer.\n"


def _intake(call: Path, export: Path) -> None:
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output


def test_a_dossier_file_changed_while_intake_runs_is_not_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see the other process wait for the lock")
    call = make_intake_call(tmp_path / "call")
    _intake(call, write_xlsx(tmp_path / "export.xlsx", export_sheets()))
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["amount_text"] = "22 500 €"
    dossiers[2]["title"] = "Tiers-lieu des savoir-faire partagés"
    second = write_xlsx(tmp_path / "export-2.xlsx", export_sheets(dossiers))
    alone = tmp_path / "alone"  # the same refresh, nobody else writing
    shutil.copytree(call, alone)
    _intake(alone, second)
    dn101 = call / "dossiers" / "DN-101.yaml"
    before = dn101.read_bytes()
    after = (alone / "dossiers" / "DN-101.yaml").read_bytes()
    assert b"amount_requested: 22500\n" in after and b"amount_requested: 22500\n" not in before
    real = refresh_module.write_files
    writers = []

    def racing(root: Path, files: Any, **kw: Any) -> Any:
        writers.append(start_change(call, dn101, "", SUMMARY))
        done_or_waiting(writers[-1], call)
        return real(root, files, **kw)

    monkeypatch.setattr(refresh_module, "write_files", racing)
    _intake(call, second)
    (writer,) = writers
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    # intake's edit (the new amount), then the secretary's key after it
    assert dn101.read_bytes() == after + SUMMARY.encode("utf-8")
    for name in ("dossiers/DN-102.yaml", "dossiers/DN-103.yaml", "intake-state.json",
                 "opinions/demarche-numerique.csv"):
        assert (call / name).read_bytes() == (alone / name).read_bytes(), name
    assert not (call / PENDING).exists() and not (call / LOCK_NAME).exists()
