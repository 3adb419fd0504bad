"""The wheel ships the grids, templates, catalogs and schema, and finds them installed.

An editable install reads the repository's folders; an installed wheel must find
its own copies (``isgrid/_grids``, ``isgrid/_templates``): this test builds the
wheel, installs it into a folder and runs isgrid from there.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from testpaths import ROOT

ROOT = ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [built] = list(out.glob("isgrid-*.whl"))
    return built


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.name for p in (ROOT / "grids").glob("*.yaml"))
    assert len(shipped) >= 9  # eight grids and dimensions.yaml
    for name in shipped:
        assert f"isgrid/_grids/{name}" in names
    templates = sorted(p.relative_to(ROOT / "templates").as_posix()
                       for p in (ROOT / "templates").rglob("*")
                       if p.is_file() and not p.name.startswith("."))
    assert templates
    for name in templates:
        assert f"isgrid/_templates/{name}" in names
    assert "isgrid/schema/grid.schema.json" in names
    assert "isgrid/schema/result.schema.json" in names
    assert "isgrid/schema/scdl-subventions-2.1.1.schema.json" in names  # validate-scdl
    assert "isgrid/schema/scdl-subventions-2.0.0.schema.json" in names
    assert any(n.startswith("isgrid/locale/") and n.endswith(".json") for n in names)


def test_installed_wheel_finds_its_grids(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "from isgrid.cli import main; sys.argv = ['isgrid', 'grids', 'list', "
            "'--format', 'json']; main()")
    run = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    import json

    ids = {g["id"] for g in json.loads(run.stdout)}
    assert {"avise-mouves-2011", "alsace-aap-2016", "picardie-marqueurs-2013"} <= ids
