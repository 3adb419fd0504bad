"""The load stage's first step: a call's ratings files read while isgrid is still imported.

A national call's ratings (2 million rows, 45 MB) take Arrow about half a second
to parse, in a thread that releases the GIL; importing the models of grids and
calls takes about as long on the main thread, and the second core waits.  A
command that loads a call calls :func:`start_reading` first, with this light
module alone imported, then imports the rest and hands the :class:`Reading` to
:func:`isgrid.call.load.load_call`, which takes the files already read (and
reads any other itself)::

    with start_reading(folder) as reading:
        from isgrid.call.load import load_call   # the heavy imports
        call = load_call(folder, reading=reading)

At 20,000 dossiers the main thread no longer waits for the ratings: ``isgrid score``
0.94x and ``isgrid call check`` 0.80x in wall time (docs/performance.md, eleventh pass).
The CLI does it for every command that loads a call (``isgrid.cli.base.reads_call``),
but ``sheets import``, which loads it under the folder's write lock: ratings read
before the lock may be from before another command's write, ended while it waited.

Nothing here reports a problem: a folder that is not a call, or that holds the
record of an interrupted write (which loading finishes or undoes before reading
anything), is simply not read early, and :func:`load_call` reports as before.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from ..errors import Collector
from ..io.folder import RATINGS_DIR, files, inside
from ..io.ratingsfile import Prepared, prefetch
from ..io.writelock import PENDING


def ratings_files(folder: Path) -> list[Path]:
    """The ratings files that loading reads (their problems are reported by loading)."""
    rdir = folder / RATINGS_DIR
    if not rdir.is_dir() or not inside(folder, rdir):
        return []
    return [p for p in files(rdir, (".csv",), Collector()) if inside(folder, p)]


class Reading:
    """The ratings files of one call folder, being read in a background thread.

    A context manager: leaving it stops the reading (a command that stops with a
    usage error before loading leaves no thread behind)."""

    def __init__(self, folder: Path, futures: dict[Path, Future[Prepared]]) -> None:
        self.folder = folder
        self.futures = futures

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Cancel the files not started and wait for the one being read.

        Never leave the reading thread behind (an error returns early): a thread
        still inside Arrow or numpy while the interpreter shuts down can crash it.
        """
        for future in self.futures.values():
            if not future.cancel():
                future.exception()  # waits for the file being read; never raises


def start_reading(folder: Path | str) -> Reading:
    """Start reading the call's ratings files; what is found wrong is left to loading."""
    folder = Path(folder)
    try:
        if not (folder / "call.yaml").is_file() or _anything_at(folder / PENDING):
            return Reading(folder, {})
        return Reading(folder, prefetch(ratings_files(folder)))
    except OSError:  # an unreadable folder: loading says what is wrong
        return Reading(folder, {})


def _anything_at(path: Path) -> bool:
    """Whether anything (even a broken link) is at ``path``."""
    return path.is_symlink() or path.exists()
