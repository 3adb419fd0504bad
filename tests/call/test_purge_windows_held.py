"""A purge on Windows whose ``ratings/replaced/`` (the dated copies, with the jurors'
comments) another program holds: a file of it open in Excel, an Explorer window on it, an
antivirus scan.  Every purged file was in place, the folder not removed, and the hint said
« make it deletable » (a Linux words for a Windows hold); it now says ``file-in-use``, what
to close, and the next command finishes the purge once it is closed (review windows, left
over).

Emulated on Linux (tests/winemu.py): ``isgrid.io.replace.windows`` says Windows and the
rename of the folder (``os.rename``) raises the ``PermissionError`` Windows raises.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_purge import _call

from isgrid.cli.main import cli
from isgrid.io.write import PENDING
from winemu import SHARING, windows

TODAY = "2027-04-02"


def test_a_held_replaced_folder_is_said_as_held(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    call = _call(tmp_path)
    replaced = call / "ratings" / "replaced"
    replaced.mkdir()
    (replaced / "j1.2026-03-01T10-00-00.csv").write_text(
        "dossier,assessor,criterion,value,comment\nAL16-01,j1,AV-1.1,3,Aucune offre\n", "utf-8")
    windows(monkeypatch)
    monkeypatch.setattr("isgrid.io.replace.DELAYS", (0.0,) * 5)
    real = os.rename
    tries: list[str] = []

    def rename(src: Any, dst: Any, **kw: Any) -> None:
        if os.fspath(src) == str(replaced):
            tries.append(os.fspath(src))
            raise PermissionError(errno.EACCES, SHARING, os.fspath(src), None, os.fspath(dst))
        real(src, dst, **kw)

    monkeypatch.setattr(os, "rename", rename)
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "purge", str(call), "--apply",
                                   "--today", TODAY])
    assert res.exit_code == 1, res.output
    assert len(tries) == 6  # the rename tried for about a second (its six tries)
    lines = res.output.splitlines()
    assert lines[-2] == (
        f"Error: {replaced}: this file is open in another program (Excel, Word, a "
        "synchronisation such as OneDrive, an antivirus?): the system refused to replace it "
        "[file-in-use]"), res.output
    assert lines[-1] == (
        "  Hint: Every file of the write is in place (14 of 14), but "
        f"{replaced} is not deleted yet: a program holds it or a file in it (a file open in "
        "Excel, an Explorer window on the folder, a synchronisation, an antivirus?); what it "
        f"held (for a purge, the dated copies with the jurors' comments) is still in "
        f"{replaced}. Close it in that program, then run the command again: it first "
        f"finishes this write (listed in {call / PENDING}).")
    assert "deletable" not in res.output and "writable" not in res.output
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(call)])
    assert "[file-in-use]" in fr.output and "Fermez-le dans ce programme" in fr.output, \
        fr.output
    monkeypatch.setattr(os, "rename", real)  # closed: the next command finishes the purge
    res = CliRunner().invoke(cli, ["call", "check", str(call)])
    assert res.exit_code == 0, res.output
    assert not replaced.exists() and not (call / PENDING).exists()
    assert not [p for p in (call / "ratings").iterdir() if p.name.startswith(".replaced.")]
