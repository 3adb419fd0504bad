"""The program's own environment: numpy's OpenBLAS on one thread unless the user says.

isgrid makes no matrix product; OpenBLAS's start-up threads only took processor time
from the ratings' parse (docs/performance.md, seventeenth pass).  ``main()`` sets
``OPENBLAS_NUM_THREADS=1`` before any command imports numpy, and keeps a value the user
has set.  Checked in a child process, where numpy is not imported yet.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = (
    "import sys; sys.argv = ['isgrid', '--version']\n"
    "from isgrid.cli.main import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "import os; print('BLAS=' + os.environ.get('OPENBLAS_NUM_THREADS', 'unset'))\n"
)


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("4", "4")])
def test_openblas_threads(given: str | None, seen: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True, timeout=60).stdout
    assert f"BLAS={seen}" in out.splitlines()


def test_numpy_is_not_imported_before_main_sets_it() -> None:
    probe = "import sys; import isgrid.cli.main; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "False"
