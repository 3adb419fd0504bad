""":func:`isgrid.io.folder.settled_fingerprint`: a folder's files unchanged since, or None
when one changed too recently for its times to tell a later write from it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from isgrid.io import folder as folder_mod
from isgrid.io.folder import settled_fingerprint


def _aged(root: Path) -> None:
    old = 1_600_000_000
    for p in root.rglob("*"):
        os.utime(p, (old, old))


def test_a_file_written_a_moment_ago_is_not_trusted(tmp_path: Path) -> None:
    (tmp_path / "call.yaml").write_text("title: x\n", "utf-8")
    assert settled_fingerprint(tmp_path) is None  # its change time is now (utime cannot age it)


def test_writes_of_the_same_size_are_told(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_mod, "RECENT_NS", 0)
    (tmp_path / "ratings").mkdir()
    j1 = tmp_path / "ratings" / "j1.csv"
    j1.write_text("D01,j1,B1,3,\n", "utf-8")
    _aged(tmp_path)
    time.sleep(0.05)
    first = settled_fingerprint(tmp_path)
    assert first is not None and settled_fingerprint(tmp_path) == first
    j1.write_text("D01,j1,B1,4,\n", "utf-8")  # same size, same inode
    second = settled_fingerprint(tmp_path)
    assert second is not None and second != first
    (tmp_path / "ratings" / "j2.csv").write_text("", "utf-8")  # a file added
    third = settled_fingerprint(tmp_path)
    assert third not in (None, first, second)
    (tmp_path / ".isgrid.lock").write_text("pid 1", "utf-8")  # hidden: the lock, not an input
    assert settled_fingerprint(tmp_path) == third
