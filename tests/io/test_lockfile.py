"""The one way isgrid opens a lock file (:func:`isgrid.io.lockfile.open_lock_file`), for the
journal's lock and a folder's write lock, each refusing in its own words."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from isgrid.call import journal, journal_append
from isgrid.errors import CallError
from isgrid.io.lockfile import NotAFile, open_lock_file
from isgrid.io.write import WriteFailed, write_files
from isgrid.io.writelock import LOCK_NAME

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_lock_file_is_made_a_regular_file_and_opened(tmp_path: Path) -> None:
    fd = open_lock_file(tmp_path / "x.lock")
    try:
        st = os.fstat(fd)
        assert stat.S_ISREG(st.st_mode) and st.st_size == 0
    finally:
        os.close(fd)


def test_a_pipe_is_refused_at_once_and_nothing_is_left_open(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.lock")  # (opening it to write without O_NONBLOCK would hang)
    before = _open_fds()
    with pytest.raises(NotAFile, match=r"x\.lock is not a regular file"):
        open_lock_file(tmp_path / "x.lock")
    assert _open_fds() == before


def test_a_link_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / "x.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError) as info:
        open_lock_file(tmp_path / "x.lock")
    assert info.value.errno == errno.ELOOP and not isinstance(info.value, NotAFile)
    assert not (tmp_path / "elsewhere").exists()  # never made through the link


def test_the_journal_says_a_pipe_and_a_link_in_its_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its first look (:func:`isgrid.call.journal.not_a_file`: a pipe or a link put
    there after it), the journal's lock is refused as ``journal-invalid``."""
    monkeypatch.setattr(journal_append, "not_a_file", lambda path: None)
    os.mkfifo(tmp_path / journal.LOCK)
    with pytest.raises(CallError) as info, journal_append.locked(tmp_path):
        pass
    (diag,) = info.value.diagnostics
    assert (diag.code, diag.message.translated("en"), diag.hint) == (
        "journal-invalid", ".journal.lock is not a regular file",
        "Delete it; isgrid makes a new one.")
    os.unlink(tmp_path / journal.LOCK)
    (tmp_path / journal.LOCK).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CallError) as info, journal_append.locked(tmp_path):
        pass
    (diag,) = info.value.diagnostics
    assert diag.code == "journal-invalid"
    assert diag.message.translated("en") == (
        f"cannot open .journal.lock: {os.strerror(errno.ELOOP)}")


def test_the_write_lock_says_a_pipe_as_the_systems_refusal(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / LOCK_NAME)
    with pytest.raises(WriteFailed) as info:
        write_files(tmp_path, [(tmp_path / "a", b"new", None)])
    (diag,) = info.value.diagnostics
    assert diag.code == "write-failed" and diag.location.file == str(tmp_path / LOCK_NAME)
    assert diag.message.translated("en") == (
        f"the system refused: {LOCK_NAME} is not a regular file")
    assert not (tmp_path / "a").exists()
