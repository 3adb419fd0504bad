"""numpy's huge pages (isgrid.io.hugepages): ``isgrid`` and ``python -m isgrid`` ask numpy
for none, unless NUMPY_MADVISE_HUGEPAGE is set; a program importing isgrid keeps numpy's
own choice.  Each case in a new process (numpy reads the variable when it is imported)."""

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


def _runs_isgrid(argv: list[str]) -> str:
    return f"""
        import runpy, sys
        sys.argv = {argv!r}
        try:
            runpy.run_module("isgrid", run_name="__main__")
        except SystemExit:
            pass
        sys.stdout.flush()
        {READ_BACK}
    """


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

    from isgrid.io import hugepages

    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)  # put back after
    monkeypatch.setattr(hugepages, "_one_heap", lambda settings: None)  # this process's kept
    hugepages.small_pages_at_start()
    import os

    assert "NUMPY_MADVISE_HUGEPAGE" not in os.environ


#: Arrow's pool, read back after the program ran (pyarrow imported then, or already)
POOL_BACK = "import pyarrow; print('POOL', pyarrow.default_memory_pool().backend_name)"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="set on Linux only")
def test_the_program_gives_arrow_the_systems_allocator() -> None:
    # the setting is made before pyarrow is imported (module docstring: mimalloc's huge
    # pages cost 0.1 to 0.2 s more, from run to run, on the benchmark's machine)
    code = _runs_isgrid(["isgrid", "call", "check", "examples/alsace-2016"]).replace(
        READ_BACK, POOL_BACK)
    assert _program(code) == "POOL system"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="set on Linux only")
def test_the_pool_set_by_the_user_is_kept() -> None:
    code = _runs_isgrid(["isgrid", "call", "check", "examples/alsace-2016"]).replace(
        READ_BACK, "import os; print('POOL', os.environ['ARROW_DEFAULT_MEMORY_POOL'])")
    assert _program(code, ARROW_DEFAULT_MEMORY_POOL="jemalloc") == "POOL jemalloc"


def test_importing_isgrid_keeps_arrows_choice() -> None:
    code = ("import os, isgrid, isgrid.cli, isgrid.call.load\n"
            "print('POOL', os.environ.get('ARROW_DEFAULT_MEMORY_POOL'))")
    assert _program(code) == "POOL None"


def test_arrow_already_imported_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import pyarrow  # noqa: F401

    from isgrid.io import hugepages

    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    monkeypatch.setattr(hugepages, "_one_heap", lambda settings: None)  # this process's kept
    hugepages.small_pages_at_start()
    assert "ARROW_DEFAULT_MEMORY_POOL" not in os.environ


#: glibc's heap, read back after the program ran: a 64 MB block made and freed, then a
#: second thread's allocations; ``malloc_stats`` writes to the standard error one
#: « Arena N: » block per arena (its « system bytes »: what the heap holds), then the most
#: memory taken apart from the heap at once (« max mmap bytes »)
HEAP_BACK = (
    "import ctypes, sys, threading; big = bytearray(64 << 20); del big; kept = []; "
    "second = threading.Thread(target=lambda: kept.append([bytearray(1000) for _ in "
    "range(1000)])); second.start(); second.join(); sys.stderr.flush(); "
    "ctypes.CDLL(None).malloc_stats()")


def _heap(code: str, **env: str) -> tuple[int, int, int]:
    """The arenas, the most bytes taken apart from the heap at once and the first arena's
    bytes, as ``malloc_stats`` gives them after ``code`` ran in a new process."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                               **env})
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    arenas = sum(line.startswith("Arena ") for line in lines)
    mmapped = next(int(line.split("=")[1]) for line in lines
                   if line.startswith("max mmap bytes"))
    first = next(int(line.split("=")[1]) for line in lines if "system bytes" in line)
    return arenas, mmapped, first


def _glibc() -> bool:
    import os

    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (AttributeError, ValueError, OSError):
        return False


PROGRAM = _runs_isgrid(["isgrid", "call", "check", "examples/alsace-2016"]).replace(
    READ_BACK, HEAP_BACK)


@pytest.mark.skipif(not _glibc(), reason="glibc's heap")
def test_the_program_keeps_one_heap_for_every_thread() -> None:
    # the module docstring: Arrow's table, parsed in another thread, freed in the heap the
    # engine's arrays then take their memory from: one arena, no block apart from it,
    # the 64 MB freed kept in it
    arenas, mmapped, held = _heap(PROGRAM)
    assert arenas == 1
    assert mmapped < 64 << 20 <= held
    # a program that imports isgrid keeps glibc's heap: the second thread has its own
    # arena, the 64 MB block was taken apart and given back
    arenas, mmapped, held = _heap("import isgrid, isgrid.cli, isgrid.call.load\n" + HEAP_BACK)
    assert arenas == 2 and held < 64 << 20 <= mmapped


@pytest.mark.skipif(not _glibc(), reason="glibc's heap")
def test_the_heap_settings_the_user_made_are_kept() -> None:
    # each variable the user set keeps glibc's own setting; the others are made
    arenas, mmapped, held = _heap(PROGRAM, MALLOC_ARENA_MAX="4")
    assert arenas > 1 and mmapped < 64 << 20 <= held  # the reading thread, the second one
    arenas, mmapped, held = _heap(PROGRAM, MALLOC_MMAP_MAX_="65536")
    assert arenas == 1 and held < 64 << 20 <= mmapped
    # a malloc tunable: glibc's heap is the user's, nothing is set
    arenas, mmapped, held = _heap(PROGRAM, GLIBC_TUNABLES="glibc.malloc.arena_max=4")
    assert arenas > 1 and held < 64 << 20 <= mmapped
