"""``./run``'s set-up compiles the modules its venv imports to bytecode, every command.

This machine and CI set ``PYTHONDONTWRITEBYTECODE``: without the step, every isgrid
process would compile its modules from source (0.08 s of a national call's ``score``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import ROOT


def test_run_compiles_the_modules_the_venv_imports(tmp_path: Path) -> None:
    """The modules compiled are those the venv's Python imports: here a copy of isgrid put
    first on its path (as an ISGRID_VENV made from another checkout would import that
    checkout's), not ``./src/isgrid``."""
    stamp = Path(sys.prefix) / ".isgrid-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != want:
        pytest.skip("this venv is not ./run's (it would install isgrid first)")
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "isgrid", copy / "isgrid",
                    ignore=shutil.ignore_patterns("__pycache__"))
    cached = Path(importlib.util.cache_from_source(str(copy / "isgrid" / "paths.py")))
    env = {**os.environ, "ISGRID_VENV": sys.prefix, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": str(copy)}
    proc = subprocess.run([str(ROOT / "run"), "isgrid", "--version"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "isgrid, version" in proc.stdout
    assert cached.is_file()  # compiled by ./run's set-up (the command itself cannot)
