"""New memory when isgrid is the program (isgrid.io.newmemory): ``isgrid`` and ``python -m
isgrid`` ask numpy for no huge pages, unless NUMPY_MADVISE_HUGEPAGE is set, and glibc to keep
the memory it frees; a program importing isgrid keeps numpy's and glibc's own choices.  Each case
in a new process (numpy reads the variable when it is imported, glibc its settings once)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: numpy's setting, read back after the program ran: True means huge pages advised
READ_BACK = "import numpy; print('HUGE', numpy._core.multiarray._set_madvise_hugepage(False))"


def _program(code: str, **env: str) -> str:
    """Run ``code`` in a new Python process with isgrid importable; its last line."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                               **env})
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def _runs_isgrid(argv: list[str], then: str = READ_BACK) -> str:
    """A program that runs isgrid as ``isgrid ARGV`` would, then ``then``."""
    return textwrap.dedent(f"""
        import runpy, sys
        sys.argv = {argv!r}
        try:
            runpy.run_module("isgrid", run_name="__main__")
        except SystemExit:
            pass
        sys.stdout.flush()
    """) + textwrap.dedent(then)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="numpy advises on Linux")
def test_the_program_asks_numpy_for_small_pages() -> None:
    # a command that reads a call (numpy imported by it): numpy was told no huge pages
    assert _program(_runs_isgrid(["isgrid", "call", "check", "examples/alsace-2016"])) \
        == "HUGE False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="numpy advises on Linux")
def test_the_variable_set_by_the_user_is_kept() -> None:
    assert _program(_runs_isgrid(["isgrid", "call", "check", "examples/alsace-2016"]),
                    NUMPY_MADVISE_HUGEPAGE="1") == "HUGE True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="numpy advises on Linux")
def test_importing_isgrid_keeps_numpys_choice() -> None:
    # a host program: numpy's default on a Linux kernel of 4.6 or later is huge pages
    assert _program("import isgrid, isgrid.cli, isgrid.call.load\n" + READ_BACK) \
        == "HUGE True"


def test_too_late_once_numpy_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    # numpy has read the variable already (this process): it is left unset, not lied about
    import numpy  # noqa: F401

    from isgrid.io import newmemory

    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    newmemory.small_pages_at_start()
    import os

    assert "NUMPY_MADVISE_HUGEPAGE" not in os.environ


# -- glibc's heap (heap_kept_at_start) ---------------------------------------------------

#: In a new process: an 8 MB array made and freed, then glibc's count of the bytes it
#: holds in blocks mapped apart (mallinfo2's ``hblkhd``) and of the free bytes in its heap
#: (``fordblks``), read while the array lives and after it is freed.
HEAP_READ_BACK = """
import ctypes, numpy
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks",
                "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
a = numpy.ones(1 << 20)  # 8 MB
living = libc.mallinfo2()
del a
freed = libc.mallinfo2()
print("HEAP", living.hblkhd >= 8 << 20, freed.fordblks >= 8 << 20)
"""


def _glibc() -> bool:
    import os

    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError):
        return False


needs_glibc = pytest.mark.skipif(not sys.platform.startswith("linux") or not _glibc(),
                                 reason="glibc's allocator (Linux with glibc)")


@needs_glibc
def test_the_program_keeps_freed_memory_in_the_heap() -> None:
    # isgrid as the program: the 8 MB array is in the heap (not a mapping of its own),
    # and once freed its 8 MB stay there, free for the next array
    assert _program(_runs_isgrid(["isgrid", "grids", "list"], HEAP_READ_BACK)) == "HEAP False True"


@needs_glibc
def test_importing_isgrid_keeps_glibcs_choice() -> None:
    # a host program: glibc's default maps an 8 MB block apart and unmaps it when freed
    assert _program("import isgrid, isgrid.cli, isgrid.call.load\n" + HEAP_READ_BACK) \
        == "HEAP True False"


@needs_glibc
def test_the_users_own_glibc_settings_are_kept() -> None:
    assert _program(_runs_isgrid(["isgrid", "grids", "list"], HEAP_READ_BACK), GLIBC_TUNABLES="glibc.malloc.check=0") == "HEAP True False"


def test_nothing_is_set_where_there_is_no_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    from isgrid.io import newmemory

    monkeypatch.setattr(newmemory.sys, "platform", "darwin")
    assert newmemory.heap_kept_at_start() is False
