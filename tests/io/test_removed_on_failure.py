"""One cleanup for every temporary file isgrid writes (io/leftovers.removed_on_failure):
atomic_write, staged/_temp_for, put_in_place (io/write.py) and the kept copies
(io/keep.py) each repeated « unlink the temporary file, raise again »; a failure partway
leaves nothing behind, except what ``keep`` says is the only copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from isgrid.io import keep, write
from isgrid.io.leftovers import removed_on_failure


def _broken() -> Iterator[bytes]:
    yield b"first half"
    raise RuntimeError("disk gone")


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        write.atomic_write(target, _broken())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert target.read_bytes() == b"old"


def test_a_failed_staged_file_is_removed(tmp_path: Path) -> None:
    def fails() -> bytes:
        raise KeyboardInterrupt  # Ctrl+C while the content is made
    with pytest.raises(KeyboardInterrupt):
        write._temp_for(tmp_path / "links.csv", fails)
    assert list(tmp_path.iterdir()) == []


def test_put_in_place_removes_or_keeps_the_staged_file(tmp_path: Path) -> None:
    target = tmp_path / "links.csv"
    target.mkdir()
    (target / "inside").write_text("x")  # a folder in the way: the rename fails
    staged = write.staged(target, b"a,b\n")
    with pytest.raises(OSError):
        write.put_in_place(staged, target, keep=True)
    assert staged.read_bytes() == b"a,b\n"  # the only copy: kept
    with pytest.raises(OSError):
        write.put_in_place(staged, target)
    assert not staged.exists()


def test_a_failed_kept_copy_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    source = tmp_path / "ratings.csv"
    source.write_bytes(b"d,j,c,v\n")
    copy = tmp_path / "ratings.kept.csv"

    def no_sync(fd: int) -> None:
        raise OSError(5, "I/O error")
    monkeypatch.setattr(keep.os, "fsync", no_sync)
    with pytest.raises(OSError):
        keep._copy_anew(source, copy)
    assert not copy.exists()


def test_the_block_that_succeeds_keeps_its_file(tmp_path: Path) -> None:
    tmp = tmp_path / ".x.tmp"
    tmp.write_bytes(b"1")
    with removed_on_failure(tmp):
        pass
    assert tmp.exists()
