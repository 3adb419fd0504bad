"""The fault-injection hook of the multi-file writer (:func:`isgrid.io.write.write_files`),
for tests only: a kill, a refusal of the system, or a pause, at a chosen step."""

from __future__ import annotations

import errno
import os
import time

#: Environment variable of the fault-injection hook (tests only): ``STEP`` or
#: ``STEP:N`` ends the process abruptly (``os._exit(137)``, as a kill would) the
#: N-th time (default 1) the multi-file writer reaches ``STEP``; ``STEP:N:ENOSPC``
#: (an ``errno`` name) raises that refusal of the system there instead (a full disk
#: partway), as the system would, for the writer to handle; ``STEP:N:PAUSE`` pauses
#: the writer there, a write in progress: it makes the file named by
#: ``ISGRID_FAULT_PAUSE`` (holding its process id) and goes on once that file is
#: removed (by the test; after 5 minutes at most).
FAULT_ENV = "ISGRID_FAULT_AT"
#: The file of a pause (``STEP:N:PAUSE``): there while the writer waits.
PAUSE_ENV = "ISGRID_FAULT_PAUSE"
_PAUSE_LIMIT = 300.0
#: The steps of :func:`isgrid.io.write.write_files`, in order.
FAULT_STEPS = ("begin", "temp", "keep", "commit", "replace", "remove", "end")
_fault_counts: dict[str, int] = {}


def fault_point(step: str) -> None:
    """The fault-injection hook: nothing unless ``ISGRID_FAULT_AT`` names this step."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    name, _, rest = spec.partition(":")
    nth, _, refusal = rest.partition(":")
    if name != step:
        return
    _fault_counts[step] = _fault_counts.get(step, 0) + 1
    if _fault_counts[step] != (int(nth) if nth.isdigit() else 1):
        return
    if refusal == "PAUSE":
        _pause(os.environ[PAUSE_ENV])
        return
    if refusal:
        code = getattr(errno, refusal, errno.EIO)
        raise OSError(code, os.strerror(code))
    os._exit(137)


def _pause(flag: str) -> None:
    """Wait, the file ``flag`` made, until it is removed."""
    with open(flag, "w", encoding="ascii") as fh:
        fh.write(str(os.getpid()))
    deadline = time.monotonic() + _PAUSE_LIMIT
    while os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.01)
