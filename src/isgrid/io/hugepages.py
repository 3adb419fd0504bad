"""numpy's huge pages, Arrow's pool and glibc's heap: when isgrid is the program, it asks
for small pages and one heap, kept (one place, and why).

numpy advises the kernel to back every array of 4 MiB or more with transparent huge
pages of 2 MiB (``NUMPY_MADVISE_HUGEPAGE``, numpy's documented global state, read when
numpy is imported): fewer page faults and fewer TLB misses for large arrays read again
and again.  An isgrid command makes its large arrays (a national call's 2 million
ratings: 8 to 16 MB a column) and reads each a few times before it ends.  The first touch
of a huge page has the kernel clear 2 MiB at once, and on a virtual machine whose host
backs the guest's memory as it is first used, that page is fresh memory to the host
too.  Measured on the benchmark's machine (2 cores, a virtual machine): a new array
filled once costs 0.42 ms a MB in small pages, every time, and in huge pages 0.20 ms a
MB when the kernel has huge pages freed recently, 1 to 2.3 ms a MB when it has not (one
16 MB array in ``cell_stats``: 41 ms of system time); ``isgrid score`` of the national
call, fifteen pairs on a quiet machine, took 2 % less wall time and 17 % less system
time with small pages, and on a busy one its main thread 40 to 80 ms less
(docs/performance.md, « Session 21 »).  On a physical machine the two cost about the
same for arrays read a few times.

So ``isgrid`` and ``python -m isgrid`` set ``NUMPY_MADVISE_HUGEPAGE=0`` before numpy is
imported, unless the variable is already set (``NUMPY_MADVISE_HUGEPAGE=1 isgrid …``
keeps numpy's huge pages).  A program that imports isgrid keeps numpy's own choice,
as it keeps the collector running (:mod:`isgrid.io.collector`).  The variable stays in
the environment of the processes isgrid starts (none of them needs numpy's pages).

**Arrow's memory, for the same reason.**  Arrow parses a national call's ratings (2
million rows) into memory of its own pool, mimalloc by default since pyarrow 17, which
takes its memory from the system in large segments backed by huge pages where the kernel
allows them.  On the benchmark's virtual machine (Linux, AMD EPYC, 2 cores, session 23)
the first parse then cost 150 to 365 ms from one run to the next, against 180 to 190 ms
every time in glibc's small pages; ``isgrid score`` of the national call, twenty-one
pairs on a quiet machine: **0.93x in wall time**, its system time 0.22 s against 0.34 s
(0.14 to 0.44) and its peak 441 MB against 462.  So on Linux ``isgrid`` and ``python -m
isgrid`` set ``ARROW_DEFAULT_MEMORY_POOL=system`` (Arrow's documented switch, read when
pyarrow is imported; the system's allocator, which every pyarrow build has: jemalloc
measured the same, 1.01x) unless it is already set; elsewhere Arrow keeps its own
choice (not measured there).  A program that imports isgrid keeps Arrow's.

**One heap for every thread, kept.**  glibc gives a thread that allocates beside another
its own heap (an arena), takes each block of 128 kB or more straight from the system
(``mmap``, given back when freed) and gives the top of its heap back when it is freed:
Arrow's parse, in the reading thread, puts a national call's table (about 100 MB) in an
arena of its own and in such blocks, so once the table is read and freed
(:func:`isgrid.call.load.load_call` frees each file once read) the engine's arrays that
follow are fresh memory all the same, each page first touched at the cost above.  With
one arena for the whole process, no block taken apart from the heap and the heap kept
(``mallopt``: ``M_ARENA_MAX`` 1, ``M_MMAP_MAX`` 0, ``M_TRIM_THRESHOLD`` 1 GiB, glibc's
documented settings, as its ``MALLOC_ARENA_MAX`` and like variables) they reuse the
table's pages: on the benchmark's machine ``isgrid score`` of the national call took a
third fewer page faults (100,000 -> 66,000), its system time 0.20 -> 0.16 s, 0.97x in
wall time (real shape) and 0.98x (plain), twenty-one pairs, and with the freeing above
its peak 399 -> 300 MB (docs/performance.md, « Session 24 »).  The threads that allocate
beside the main one are few (reading, hashing, Arrow's parse, writing) and take large
blocks: one lock is not contended.  A long-running ``isgrid`` (the jury workspace's
server) keeps the largest heap it needed until it stops, as a heap of small objects does
anyway.  Set on glibc only, each unless the user set its variable or a malloc tunable
(glibc read them when the process started); a program that imports isgrid keeps its own.
"""

from __future__ import annotations

import os
import sys

#: numpy's switch (read once, when numpy is imported)
VARIABLE = "NUMPY_MADVISE_HUGEPAGE"
#: Arrow's switch of its memory pool (read once, when pyarrow is imported)
ARROW_POOL = "ARROW_DEFAULT_MEMORY_POOL"
#: glibc's settings of its heap (``malloc.h``), each with the variable a user sets it by
#: (read when the process starts), and the value isgrid gives it (module docstring)
HEAP = ((-8, "MALLOC_ARENA_MAX", 1),  # M_ARENA_MAX: one arena
        (-4, "MALLOC_MMAP_MAX_", 0),  # M_MMAP_MAX: no block apart from the heap
        (-1, "MALLOC_TRIM_THRESHOLD_", 1 << 30))  # M_TRIM_THRESHOLD: the heap kept


def small_pages_at_start() -> None:
    """Ask numpy for no huge pages, on Linux Arrow for the system's allocator, and on glibc
    for one heap, kept (module docstring): called first by ``isgrid`` and ``python -m isgrid``,
    before numpy and pyarrow are imported; each left alone when its variable is set, or
    its library already imported (too late to change: it read the variable)."""
    if VARIABLE not in os.environ and "numpy" not in sys.modules:
        os.environ[VARIABLE] = "0"
    if (sys.platform.startswith("linux") and ARROW_POOL not in os.environ
            and "pyarrow" not in sys.modules):
        os.environ[ARROW_POOL] = "system"
    if "glibc.malloc" not in os.environ.get("GLIBC_TUNABLES", ""):
        _one_heap([(option, value) for option, name, value in HEAP if name not in os.environ])


def _one_heap(settings: list[tuple[int, int]]) -> None:
    """``mallopt(option, value)`` of each setting where the C library is glibc (nothing
    elsewhere)."""
    try:
        if not settings or not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return
    except (AttributeError, ValueError, OSError):  # not a glibc system
        return
    import ctypes  # numpy imports it too
    from contextlib import suppress

    with suppress(AttributeError, OSError):  # a glibc without mallopt: nothing done
        mallopt = ctypes.CDLL(None).mallopt
        for option, value in settings:
            mallopt(option, value)
