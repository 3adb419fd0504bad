"""numpy's huge pages: when isgrid is the program, it asks for none (one place, and why).

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
"""

from __future__ import annotations

import os
import sys

#: numpy's switch (read once, when numpy is imported)
VARIABLE = "NUMPY_MADVISE_HUGEPAGE"


def small_pages_at_start() -> None:
    """Ask numpy for no huge pages (module docstring): called first by ``isgrid`` and
    ``python -m isgrid``, before numpy is imported; nothing when the variable is set, or
    numpy already imported (too late to change: it read the variable)."""
    if VARIABLE not in os.environ and "numpy" not in sys.modules:
        os.environ[VARIABLE] = "0"
