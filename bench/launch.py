"""bench.run's launcher: every timed command is started from this process, which stays small.

A child's peak memory as the system reports it (``ru_maxrss``) starts from the peak of
the process it was started from: CPython starts children with ``vfork`` on Linux, and
until ``exec`` the child runs in its parent's memory, whose high-water mark it keeps.
``bench.run`` grows as it works (it generates the calls, reads the results to check the
peers, writes workbooks): the commands it started itself were reported at its own peak
(DuckDB's 206 MB as 356 MB, the ``csv`` floor's 13 MB as 47 MB).  So it starts this
process first, while it is small, and asks it for each command: one JSON line in (the
command, its timeout, whether to keep its output, the folder to run it in), one JSON line
out (wall and processor seconds, peak memory, exit code, output).

    python -m bench.launch      (started by bench.run; reads its requests on stdin)
"""

from __future__ import annotations

import base64
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any


def run_command(cmd: list[str], timeout: float, capture: bool = False,
                cwd: str | None = None) -> dict[str, Any]:
    """Run ``cmd`` once and measure it: wall seconds (from its start to its end, waited
    for without polling where the system allows), peak RSS (kB) and processor seconds
    (user + system) as the system counts the finished child, its exit code, its standard
    output (``capture``) and the end of its standard error; ``timed_out`` when it was
    killed at ``timeout``."""
    # stderr goes to a file: a pipe read only at the end blocks a command that writes
    # more than the pipe holds (64 kB of warnings) until the timeout
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=output if capture else subprocess.DEVNULL,
                                stderr=errors, cwd=cwd)
        ended = _wait(proc.pid, timeout)
        elapsed = time.perf_counter() - start
        if ended is None:  # not reaped: the pid is still the child's
            os.kill(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
        else:
            status, usage = ended
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        errors.seek(0)
        err = errors.read()[-2000:].decode("utf-8", "replace")
        output.seek(0)
        out = output.read()
    return {"wall": elapsed, "peak": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
            "code": proc.returncode, "timed_out": ended is None,
            "out": base64.b64encode(out).decode("ascii"), "err": err}


def _wait(pid: int, timeout: float) -> tuple[int, Any] | None:
    """The child's exit status and rusage, reaped, once it ends within ``timeout``; None
    (not reaped) when it does not.  On Linux by waiting on a pidfd, readable when the
    process ends (``poll``: any descriptor number); elsewhere by asking every millisecond
    (``wait4`` with ``WNOHANG``, which every Unix has)."""
    fd = -1
    if hasattr(os, "pidfd_open"):
        try:
            fd = os.pidfd_open(pid)
        except OSError:
            fd = -1
    if fd >= 0:
        try:
            waiter = select.poll()
            waiter.register(fd, select.POLLIN)
            if not waiter.poll(max(0, int(timeout * 1000))):
                return None
        finally:
            os.close(fd)
        _, status, usage = os.wait4(pid, 0)
        return status, usage
    deadline = time.perf_counter() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.perf_counter() >= deadline:
            return None
        time.sleep(0.001)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = run_command(request["cmd"], request["timeout"],
                                 request.get("capture", False), request.get("cwd"))
        except Exception as exc:  # told to bench.run, which stops
            answer = {"error": f"{exc.__class__.__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
