"""Real ``python -m isgrid`` processes, for the tests that stop a write partway.

The multi-file writer (:func:`isgrid.io.write.write_files`) has a fault-injection hook
(:mod:`isgrid.io.faults`): ``ISGRID_FAULT_AT=STEP:N[:ENOSPC|:PAUSE]`` kills the process,
has the system refuse, or pauses it (until the file named by ``ISGRID_FAULT_PAUSE`` is
removed) the N-th time the write reaches STEP.  The tests of ``call init``, ``call purge``,
``intake`` and ``sheets import`` run the command here, its environment free of a hook the
test did not ask for, and compare the folders before and after (:func:`snapshot`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from isgrid.io.faults import PAUSE_ENV
from isgrid.io.write import FAULT_ENV
from isgrid.io.writelock import write_lock

#: English messages on wide lines (no wrapping of the errors compared line by line)
WIDE = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "COLUMNS": "300"}
#: English messages, and a fixed time for the dated copies' names (``sheets import``)
DATED = {"LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000"}


def command_env(base: Mapping[str, str], **extra: str) -> dict[str, str]:
    """This process's environment without a fault hook, then ``base``, then ``extra``."""
    env = dict(os.environ)
    env.pop(FAULT_ENV, None)
    env.pop(PAUSE_ENV, None)
    env.update({**base, **extra})
    return env


def run(base: Mapping[str, str], *args: object, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m isgrid ARGS`` to its end (2 minutes at most)."""
    return subprocess.run([sys.executable, "-m", "isgrid", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env=command_env(base, **env))


def start(base: Mapping[str, str], *args: object, **env: str) -> subprocess.Popen[str]:
    """``python -m isgrid ARGS`` started, not waited for."""
    return subprocess.Popen([sys.executable, "-m", "isgrid", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=command_env(base, **env))


def wait_for(flag: Path, writer: subprocess.Popen[str]) -> None:
    """Until the writer is paused (its flag made), failing if it ends first."""
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert writer.poll() is None, writer.communicate()
        assert time.monotonic() < deadline, "the writer never reached its pause"
        time.sleep(0.02)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and folder (``"dir"``) under ``folder``."""
    return {p.relative_to(folder).as_posix(): "dir" if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


#: A writer of the call folder that follows its write lock, as ``sheets import`` and the
#: jurors' workspace do: it takes the lock, then reads the file and writes it with one
#: change (``OLD`` replaced by ``NEW``; ``NEW`` added at the end when ``OLD`` is empty).
_CHANGE = """
import sys
from pathlib import Path

from isgrid.io.write import atomic_write
from isgrid.io.writelock import write_lock

root, path, old, new = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
with write_lock(root):
    text = path.read_text("utf-8")
    assert old in text, (old, text)
    atomic_write(path, (text.replace(old, new, 1) if old else text + new).encode("utf-8"))
"""


def start_change(root: Path, path: Path, old: str, new: str) -> subprocess.Popen[str]:
    """Another process that changes ``path`` under the write lock of ``root`` (see
    :data:`_CHANGE`), started, not waited for."""
    return subprocess.Popen([sys.executable, "-c", _CHANGE, str(root), str(path), old, new],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=command_env({}))


def done_or_waiting(proc: subprocess.Popen[str], root: Path) -> None:
    """Until ``proc`` has ended, or has opened the write lock of ``root`` (its file among
    the process's open files, ``/proc/PID/fd``): it holds it, or waits for its holder."""
    lock = os.path.realpath(root / ".isgrid-write.lock")
    deadline = time.monotonic() + 60
    while proc.poll() is None:
        with contextlib.suppress(OSError):
            fds = Path(f"/proc/{proc.pid}/fd")
            if any(os.readlink(fd).removesuffix(" (deleted)") == lock for fd in fds.iterdir()):
                return
        assert time.monotonic() < deadline, "the writer never reached the lock"
        time.sleep(0.01)


@contextlib.contextmanager
def held_elsewhere(root: Path, **who: str) -> Iterator[None]:
    """The write lock of ``root`` held by another thread (as another process would hold
    it: a lock of this thread is its own, taken again at once) until the block ends.
    ``who`` (``command=``, ``by=``): held through :func:`isgrid.io.write.writing` as a
    command holds it while it reads (no pending record yet), saying who holds it."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        from isgrid.io.write import writing

        with writing(root, **who) if who else write_lock(root):
            taken.set()
            done.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(30)
        yield
    finally:
        done.set()
        holder.join(30)


def taken_elsewhere(root: Path, wait: float = 0.3) -> bool:
    """Whether another thread (as another process would) takes the write lock of ``root``
    within ``wait`` seconds, rather than wait for it and get :class:`Busy`."""
    from isgrid.io.writelock import Busy

    took: list[bool] = []

    def other() -> None:
        try:
            with write_lock(root, wait=wait):
                took.append(True)
        except Busy:
            took.append(False)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(30)
    return took == [True]

