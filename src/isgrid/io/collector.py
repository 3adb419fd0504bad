"""The cyclic garbage collector: when isgrid pauses it, and why (one place).

Nothing isgrid builds is cyclic: reference counting frees it all.  The collector only
scans: each collection walks every object made since the last one, and a national call
makes millions (the rows read, the cells, the result's records).  So isgrid pauses it
while it builds many objects (:func:`gc_paused`), takes what a server keeps out of its
scans (:func:`freeze_long_lived`), and, when isgrid is the program (``isgrid …``,
``python -m isgrid``), keeps it paused from the start (:func:`pause_at_start`): a
command imports its modules first (numpy, Arrow, pydantic's models, isgrid's own), and
about a hundred collections then walked the objects of the imports, which all live
until the end: 30 to 50 ms of every command, for nothing to free.  The pause ends at
the end of the command's first :func:`gc_paused` (reading a call), or when a server or
a séance's watch starts (:func:`resume_after_start`): from there the collector runs as
usual.  A command that does neither is a short one (a grid shown, a list): it ends
with the collector paused, as ``isgrid score`` always has (it ends the process first).
A program that imports isgrid is never paused this way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: True from :func:`pause_at_start` until the pause is handed over (:func:`_take_start`)
_paused_at_start = False


def pause_at_start() -> None:
    """Pause the collector from the program's start (module docstring): called first
    by ``isgrid`` and ``python -m isgrid``, before anything is imported."""
    global _paused_at_start
    if gc.isenabled():
        gc.disable()
        _paused_at_start = True


def _take_start() -> bool:
    """True once if the collector is paused since the start: the caller ends the pause."""
    global _paused_at_start
    was, _paused_at_start = _paused_at_start, False
    return was


def resume_after_start() -> None:
    """End the start's pause (a server, a séance's watch: the process lives on)."""
    if _take_start():
        gc.enable()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading millions of rows creates millions of lists and tuples that live on;
    the collector would scan them again and again (quadratic-looking slowdowns).
    Nothing isgrid builds there is cyclic, so reference counting frees it all.
    """
    # the start's pause (:func:`pause_at_start`) ends here too, at the first one
    was = gc.isenabled() or _take_start()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def freeze_long_lived() -> None:
    """Take every object alive now out of the cyclic collector's scans, once a
    long-running server has built what it keeps (the workspace's call and its cached
    result, the séance's call and result while its pages are made).

    Why: each full collection walks every object the collector tracks, and a server
    keeps hundreds of thousands (a national call's records, tuples and maps).  The
    collections are triggered by allocations: a dashboard of 20,000 rows allocates about
    190,000 objects, so each page paid a walk over the whole call: a cost of the call's
    size times the page's (docs/performance.md, twenty-fifth pass).  Frozen objects
    (:func:`gc.freeze`) are never scanned again; reference counting still frees them when
    they are replaced, and nothing isgrid builds there is cyclic (see :func:`gc_paused`).

    A cycle frozen while alive and dropped later would never be collected: so each call
    first unfreezes everything and collects the garbage there is (such cycles included),
    then freezes what remains.  What outlives its use is bounded by one rebuild's cycles;
    the full collection costs a walk over the process once per rebuild, not per page.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
