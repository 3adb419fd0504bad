"""A progress line on stderr for long runs, silent otherwise.

A national call takes seconds to score; a Région's takes a blink.  The line
appears only when stderr is a terminal and the run has lasted about a second,
shows the current stage and the time spent, and is erased at the end, so pipes,
logs and tests never see it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY = 1.0
TICK = 0.2
FRAMES = "|/-\\"


class Progress:
    """``with progress() as p: p.stage("lecture"); ...``"""

    def __init__(self, stream: TextIO | None = None, *, delay: float = DELAY) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.delay = delay
        self.label = ""
        self.start = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._thread: threading.Thread | None = None

    def stage(self, label: str) -> None:
        self.label = label

    def _run(self) -> None:
        frame = 0
        while not self._stop.wait(TICK):
            elapsed = time.monotonic() - self.start
            if elapsed < self.delay:
                continue
            self._shown = True
            text = f"\r{FRAMES[frame % len(FRAMES)]} isgrid: {self.label} ({elapsed:.0f} s)"
            self.stream.write(text.ljust(60)[:79])
            self.stream.flush()
            frame += 1

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()


@contextmanager
def progress(stream: TextIO | None = None, *, delay: float = DELAY) -> Iterator[Progress]:
    with Progress(stream, delay=delay) as p:
        yield p
