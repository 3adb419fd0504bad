"""Windows' behaviours that isgrid must live with, emulated on Linux for the tests of
tests/io/test_windows_*.py (there is no Windows machine in CI; docs/platforms.md).

- :func:`refuse_open_renames`: ``os.replace`` refuses, as Windows does (WinError 32, a
  sharing violation), to rename a file this process still holds open: read from
  ``/proc/self/fd``, so every descriptor counts, ``tempfile.mkstemp``'s too.
- :func:`held_by_another_program`: ``os.replace`` onto given targets refused with the
  ``PermissionError`` Windows raises when Excel, OneDrive or an antivirus holds them
  (``times``: only the first that many tries, as a scan that ends).
- :class:`FakeMsvcrt`: ``msvcrt.locking`` (byte-range locks of one handle: another handle,
  of this process too, is refused) for a Python without ``fcntl``.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

SHARING = "[WinError 32] The process cannot access the file because it is being used by " \
          "another process"


def open_paths() -> set[str]:
    """The files this process holds open (Linux: ``/proc/self/fd``)."""
    out = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            out.add(os.readlink(f"/proc/self/fd/{name}"))
        except OSError:
            continue
    return out


def refuse_open_renames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """``os.replace`` as Windows does it for a file held open by this process; the renames
    done are returned (a list that grows)."""
    real = os.replace
    done: list[tuple[str, str]] = []

    def replace(src: Any, dst: Any, **kw: Any) -> None:
        held = open_paths()
        for p in (src, dst):
            if os.path.realpath(os.fspath(p)) in held:
                raise PermissionError(errno.EACCES, SHARING, os.fspath(src), None,
                                      os.fspath(dst))
        real(src, dst, **kw)
        done.append((os.fspath(src), os.fspath(dst)))

    monkeypatch.setattr(os, "replace", replace)
    return done


def held_by_another_program(monkeypatch: pytest.MonkeyPatch, *targets: Path,
                            times: int | None = None) -> list[str]:
    """``os.replace`` onto (or from) ``targets`` refused as Windows refuses a file another
    program holds, the first ``times`` tries (None: always); the tries refused are
    returned (a list that grows)."""
    real = os.replace
    held = {os.path.realpath(t) for t in targets}
    refusals: list[str] = []

    def replace(src: Any, dst: Any, **kw: Any) -> None:
        if (os.path.realpath(os.fspath(dst)) in held or os.path.realpath(os.fspath(src))
                in held) and (times is None or len(refusals) < times):
            refusals.append(os.fspath(dst))
            raise PermissionError(errno.EACCES, SHARING, os.fspath(src), None, os.fspath(dst))
        real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    return refusals


def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """isgrid's writes take the system for Windows (:func:`isgrid.io.replace.windows`; not
    ``sys.platform`` itself, which the standard library reads as it imports lazily)."""
    monkeypatch.setattr("isgrid.io.replace.windows", lambda: True)


class FakeMsvcrt:
    """``msvcrt``'s ``locking`` and its modes: a lock of ``nbytes`` from the descriptor's
    position, held by that descriptor; another descriptor (of any thread) refused at once
    (``LK_NBLCK``, ``PermissionError`` EACCES as the CRT's ``_locking`` sets), or after
    its ten tries (``LK_LOCK``, not waited here: refused as well)."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.owners: dict[tuple[int, int, int], int] = {}
        self.calls: list[tuple[int, int, int]] = []  # (mode, position, nbytes)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        st = os.fstat(fd)
        pos = os.lseek(fd, 0, os.SEEK_CUR)
        key = (st.st_dev, st.st_ino, pos)
        with self.guard:
            self.calls.append((mode, pos, nbytes))
            if mode == self.LK_UNLCK:
                if self.owners.get(key) != fd:
                    raise PermissionError(errno.EACCES, "Permission denied")
                del self.owners[key]
                return
            owner = self.owners.get(key)
            if owner is not None and owner != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            if owner == fd:  # Windows: a second lock of the same region fails too
                raise PermissionError(errno.EACCES, "Permission denied")
            self.owners[key] = fd


def without_fcntl(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    """``import fcntl`` fails, ``import msvcrt`` gives a :class:`FakeMsvcrt`."""
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)  # type: ignore[arg-type]
    return fake
