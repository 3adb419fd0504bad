"""``./run``'s set-up compiles the modules its venv imports to bytecode, every command.

This machine and CI set ``PYTHONDONTWRITEBYTECODE``: without the step, every isgrid
process would compile its modules from source (0.08 s of a national call's ``score``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import ROOT


def test_run_compiles_the_modules_the_venv_imports() -> None:
    stamp = Path(sys.prefix) / ".isgrid-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != want:
        pytest.skip("this venv is not ./run's (it would install isgrid first)")
    spec = importlib.util.find_spec("isgrid.paths")
    assert spec is not None and spec.origin is not None
    cached = Path(importlib.util.cache_from_source(spec.origin))
    cached.unlink(missing_ok=True)
    env = {**os.environ, "ISGRID_VENV": sys.prefix, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([str(ROOT / "run"), "isgrid", "--version"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "isgrid, version" in proc.stdout
    assert cached.is_file()  # compiled again by ./run, not by the command (it cannot)
