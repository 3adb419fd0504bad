"""The collector paused from the program's start (isgrid.io.collector): the pause ends at
the first ``gc_paused`` block's end (a call read) or when a server or a séance's watch
starts; a program importing isgrid is never paused; ``isgrid`` and ``python -m isgrid``
make no collection while they import their modules."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from isgrid.io import collector

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def fresh() -> Iterator[None]:
    """The collector as a new program finds it (enabled, no start pause), restored after."""
    was = gc.isenabled()
    gc.enable()
    collector._paused_at_start = False
    try:
        yield
    finally:
        collector._paused_at_start = False
        (gc.enable if was else gc.disable)()


def test_start_pause_ends_with_the_first_gc_paused_block(fresh: None) -> None:
    collector.pause_at_start()
    assert not gc.isenabled()
    with collector.gc_paused():
        with collector.gc_paused():  # load_call's, inside score's: no resume in between
            pass
        assert not gc.isenabled()
    assert gc.isenabled()  # the outer block took the start's pause over and ended it
    with collector.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_server_or_watch_ends_the_start_pause(fresh: None) -> None:
    collector.pause_at_start()
    collector.resume_after_start()
    assert gc.isenabled()
    collector.resume_after_start()  # once only: a collector paused since is left paused
    gc.disable()
    collector.resume_after_start()
    assert not gc.isenabled()


def test_resume_without_a_start_pause_changes_nothing(fresh: None) -> None:
    gc.disable()  # a host program's own choice
    collector.resume_after_start()
    with collector.gc_paused():
        pass
    assert not gc.isenabled()


def _program(code: str) -> str:
    """Run ``code`` in a new Python process with isgrid importable; its stdout."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_isgrid_never_pauses_the_collector() -> None:
    out = _program("""
        import gc
        import isgrid, isgrid.cli, isgrid.engine.pipeline, isgrid.call.load
        print(gc.isenabled())
    """)
    assert out.split() == ["True"]


def test_the_program_collects_nothing_while_it_imports() -> None:
    # `isgrid --version`-like run of a command that loads no call: counted by a callback;
    # without the start pause, importing the command's modules made dozens of collections
    out = _program("""
        import gc, runpy, sys
        seen = []
        # counted from the pause on (Python's own start-up, before, is not isgrid's)
        gc.callbacks.append(lambda phase, info: seen.append(phase) if phase == "start"
                            and "isgrid.io.collector" in sys.modules else 0)
        sys.argv = ["isgrid", "grids", "list", "--format", "json"]
        try:
            runpy.run_module("isgrid", run_name="__main__")
        except SystemExit:
            pass
        sys.stdout.flush()
        print("COUNT", len(seen), gc.isenabled())
    """)
    last = [line for line in out.splitlines() if line.startswith("COUNT")][-1]
    assert last == "COUNT 0 False"


def test_a_command_that_reads_a_call_runs_with_the_collector_after_reading() -> None:
    out = _program("""
        import gc, runpy, sys
        sys.argv = ["isgrid", "call", "check", "examples/alsace-2016"]
        try:
            runpy.run_module("isgrid", run_name="__main__")
        except SystemExit:
            pass
        print("ENABLED", gc.isenabled())
    """)
    assert out.splitlines()[-1] == "ENABLED True"
