"""``io.text.read_bytes``: a file's bytes, bounded, with the reason when it cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from isgrid.errors import Collector
from isgrid.io import text
from isgrid.io.text import read_bytes


def codes(diags: Collector) -> list[str]:
    return [d.code for d in diags.items]


@pytest.mark.parametrize("size", [0, 1, 133, 4096, 65537, 3 * (1 << 20) + 7])
def test_the_bytes_are_the_files(tmp_path: Path, size: int) -> None:
    data = bytes((i * 7 + 3) % 256 for i in range(size))
    path = tmp_path / "d.yaml"
    path.write_bytes(data)
    diags = Collector()
    hashes: dict[str, str] = {}
    assert read_bytes(path, diags, hashes=hashes) == data
    assert diags.items == []
    import hashlib

    assert hashes == {str(path): hashlib.sha256(data).hexdigest()}


def test_a_file_that_grew_since_it_was_measured_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"x" * 300_000)
    assert text._read_at_most(path, 10, 1 << 20) == b"x" * 300_000  # stat said 10 bytes


def test_a_file_that_grew_past_the_limit_is_refused_while_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"x" * 5_000_000)
    assert text._read_at_most(path, 10, 1_000_000) is None
    real_stat = os.stat

    class Small:  # what stat said a moment before the file grew
        def __init__(self, st: os.stat_result) -> None:
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(text.os, "stat", lambda p: Small(real_stat(p)))
    diags = Collector()
    assert read_bytes(path, diags, max_bytes=1_000_000) is None
    assert codes(diags) == ["file-too-large"]
    assert str(diags.items[0].message) == "the file is more than 1,000,000 bytes"


def test_too_large_missing_and_not_regular(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"y" * 2000)
    diags = Collector()
    assert read_bytes(big, diags, max_bytes=1000) is None
    assert read_bytes(tmp_path / "none.yaml", diags) is None
    assert read_bytes(tmp_path, diags) is None
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert read_bytes(fifo, diags) is None  # never opened: it would block
    assert codes(diags) == ["file-too-large", "file-not-found", "file-not-found",
                            "file-not-found"]


def test_a_pipe_put_in_a_files_place_after_its_stat_never_blocks(tmp_path: Path) -> None:
    # read_bytes stats first and never opens a pipe; if one takes the file's place in
    # between, it is refused at once (read_bytes reports it) instead of waiting for a writer
    import signal

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    def blocked(_signum: int, _frame: object) -> None:
        raise AssertionError("opening the pipe blocked")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(5)  # a failure, not a suite that never ends
    try:
        with pytest.raises(OSError, match="not a regular file"):
            text._read_at_most(fifo, 0, 1000)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_pipe_in_place_of_a_measured_file_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "d.yaml"
    os.mkfifo(fifo)

    class Regular:  # what stat said a moment before the swap
        st_mode, st_size = 0o100644, 10

    monkeypatch.setattr(text.os, "stat", lambda p: Regular())
    diags = Collector()
    assert read_bytes(fifo, diags) is None
    assert codes(diags) == ["file-not-found"]
    assert "not a regular file" in str(diags.items[0].message)
