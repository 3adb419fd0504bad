"""New memory when isgrid is the program: numpy's huge pages, none; glibc's heap, kept
(one place, and why).

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

**glibc's heap.**  For the same reason (first-touched memory is what costs), ``isgrid``
asks glibc's allocator to keep memory it frees for the next allocation
(:func:`heap_kept_at_start`).  By default glibc gives every block of 128 kB or more its
own mapping and unmaps it when freed (raising that limit, a block at a time, up to
32 MB), and gives back to the system the free memory at the top of its heap past twice
that: a national call makes and frees hundreds of temporary arrays of 2 to 16 MB (a mask
of its 2 million ratings, a column of its 500,000 cells) and 75 MB of JSON in blocks, and
each new one was new memory, its pages faulted in and cleared by the kernel one by one.
With blocks up to 32 MB taken from the heap and up to 64 MB of free heap kept (glibc's
``M_MMAP_THRESHOLD`` and ``M_TRIM_THRESHOLD``), the next array reuses the pages of the
last: measured in docs/performance.md (« Session 22 »).  A long-running server keeps
at most those 64 MB free beyond what it uses.  Only on glibc (Linux's usual C library),
only when the user set none of glibc's own ways to tune it (``GLIBC_TUNABLES``,
``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_``), and never for a program that
imports isgrid.
"""

from __future__ import annotations

import os
import sys

#: glibc's mallopt parameters (malloc.h) and the values isgrid sets (module docstring)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: blocks up to this size from the heap: glibc's own upper limit for it on 64-bit systems
MMAP_THRESHOLD = 32 << 20
#: free memory kept at the top of the heap, at most
TRIM_THRESHOLD = 64 << 20
#: the environment variables by which a user tunes glibc's allocator: any set, isgrid
#: leaves it as the user asked
GLIBC_SETTINGS = ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                  "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")

#: numpy's switch (read once, when numpy is imported)
VARIABLE = "NUMPY_MADVISE_HUGEPAGE"


def small_pages_at_start() -> None:
    """Ask numpy for no huge pages (module docstring): called first by ``isgrid`` and
    ``python -m isgrid``, before numpy is imported; nothing when the variable is set, or
    numpy already imported (too late to change: it read the variable)."""
    if VARIABLE not in os.environ and "numpy" not in sys.modules:
        os.environ[VARIABLE] = "0"


def heap_kept_at_start() -> bool:
    """Ask glibc to keep freed memory for the next allocations (module docstring):
    called first by ``isgrid`` and ``python -m isgrid``.  Whether it was set: False on a
    system without glibc, or when the user tunes glibc's allocator himself."""
    if not sys.platform.startswith("linux") or any(v in os.environ for v in GLIBC_SETTINGS):
        return False
    try:
        if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return False  # musl (Alpine) and others: no mallopt of these parameters
    except (ValueError, OSError):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success, 0 on error
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
