"""The program's own environment: numpy's OpenBLAS on one thread, pydantic without plugins,
unless the user says.

isgrid makes no matrix product; OpenBLAS's start-up threads only took processor time
from the ratings' parse (docs/performance.md, seventeenth pass).  ``main()`` sets
``OPENBLAS_NUM_THREADS=1`` before any command imports numpy, and keeps a value the user
has set.  What matters is the value numpy sees when it is first imported (OpenBLAS
reads it then, once): the child process below records it at that moment, while
``isgrid score`` runs as the program does (``python -m isgrid``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "alsace-2016")

PROBE = """
import builtins, os, runpy, sys
real = builtins.__import__
seen = []
def spy(name, *args, **kwargs):
    if not seen and name.split(".")[0] == "numpy" and "numpy" not in sys.modules:
        seen.append(os.environ.get("OPENBLAS_NUM_THREADS", "unset"))
        os.write(2, ("BLAS-AT-NUMPY-IMPORT=" + seen[0] + "\\n").encode())
    if name.split(".")[0] == "pydantic" and "pydantic" not in sys.modules:
        os.write(2, ("PLUGINS-AT-PYDANTIC-IMPORT="
                     + os.environ.get("PYDANTIC_DISABLE_PLUGINS", "unset") + "\\n").encode())
    return real(name, *args, **kwargs)
builtins.__import__ = spy
sys.argv = ["isgrid", "score", sys.argv[1], "--format", "json"]
runpy.run_module("isgrid", run_name="__main__")
"""


@pytest.mark.parametrize(("variable", "said", "given", "seen"), [
    # OpenBLAS reads it once, when numpy is first imported: one thread unless the user says
    ("OPENBLAS_NUM_THREADS", "BLAS-AT-NUMPY-IMPORT", None, "1"),
    ("OPENBLAS_NUM_THREADS", "BLAS-AT-NUMPY-IMPORT", "4", "4"),
    # the plugin search reads every installed package's entry points (20-35 ms); a user
    # who sets the variable, even empty (plugins on), is obeyed
    ("PYDANTIC_DISABLE_PLUGINS", "PLUGINS-AT-PYDANTIC-IMPORT", None, "__all__"),
    ("PYDANTIC_DISABLE_PLUGINS", "PLUGINS-AT-PYDANTIC-IMPORT", "", ""),
])
def test_the_program_sets_its_environment_unless_the_user_did(
        variable: str, said: str, given: str | None, seen: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != variable}
    if given is not None:
        env[variable] = given
    run = subprocess.run([sys.executable, "-c", PROBE, EXAMPLE], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"{said}={seen}" in run.stderr.splitlines()
    assert '"dossiers"' in run.stdout  # the command did run, numpy and all
