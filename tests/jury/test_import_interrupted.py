"""``sheets import --replace`` killed at every step: the previous files stay, or all change.

The multi-file writer (:func:`isgrid.io.write.write_files`) has a fault-injection
hook: ``ISGRID_FAULT_AT=STEP[:N]`` ends the process with ``os._exit(137)`` (as a
kill would: no cleanup, no ``finally``) the N-th time it reaches STEP.  For each
step, a real ``python -m isgrid`` import of two jurors' workbooks is killed there;
then the call is loaded (which finishes or undoes the write) and every ratings
file must hold either all the previous contents or all the new ones, never a
missing file, a mix, or a temporary file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from isgrid.call.load import load_call
from isgrid.io.write import FAULT_ENV, PENDING
from testpaths import HOSTILE

JURORS = ("j1", "j2")

#: (step, N, whether the new files are in place once the call is loaded again)
KILLS = [("begin", 1, False), ("temp", 1, False), ("temp", 2, False), ("keep", 1, False),
         ("keep", 2, False), ("commit", 1, True), ("replace", 1, True), ("replace", 2, True),
         ("end", 1, True)]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000", **extra})
    env.pop(FAULT_ENV, None)
    env.update(extra)
    return env


def isgrid(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "isgrid", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=_env(**env))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """j1's and j2's workbooks of the base call, each with a comment the files lack."""
    out = tmp_path_factory.mktemp("books")
    proc = isgrid("sheets", HOSTILE / "base", "-o", out)
    assert proc.returncode == 0, proc.stderr
    for aid in JURORS:
        wb = openpyxl.load_workbook(out / f"{aid}.xlsx")
        ws = wb["Notation"]
        heads = [str(c.value) for c in ws[1]]
        col = next(i for i, h in enumerate(heads) if h.startswith("B1")) + 1
        fill = {"note": 4, "commentaire": f"commentaire de {aid}"}  # by row kind (column D)
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 4).value in fill:
                ws.cell(r, col).value = fill[ws.cell(r, 4).value]
        wb.save(out / f"{aid}.xlsx")
    return out


def ratings(call: Path) -> dict[str, bytes | None]:
    return {aid: (call / "ratings" / f"{aid}.csv").read_bytes()
            if (call / "ratings" / f"{aid}.csv").exists() else None for aid in JURORS}


def leftovers(call: Path) -> list[str]:
    return sorted(p.name for p in call.rglob("*") if p.name.endswith(".tmp") or p.name == PENDING)


@pytest.fixture(scope="module")
def new_contents(workbooks: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | None]:
    call = tmp_path_factory.mktemp("done") / "call"
    shutil.copytree(HOSTILE / "base", call)
    proc = isgrid("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                  "--replace")
    assert proc.returncode == 0, proc.stderr
    return ratings(call)


@pytest.mark.parametrize(("step", "nth", "done"), KILLS,
                         ids=[f"{s}-{n}" for s, n, _ in KILLS])
def test_a_kill_at_each_step_loses_nothing(tmp_path: Path, workbooks: Path,
                                           new_contents: dict[str, bytes | None],
                                           step: str, nth: int, done: bool) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    old = ratings(call)
    assert old != new_contents and None not in old.values()
    proc = isgrid("sheets", "import", call, *(workbooks / f"{a}.xlsx" for a in JURORS),
                  "--replace", **{FAULT_ENV: f"{step}:{nth}"})
    assert proc.returncode == 137, proc.stderr  # killed where asked
    # right after the kill, no juror's file is missing
    assert None not in ratings(call).values()
    load_call(call)  # finishes (committed) or undoes (not committed) the write
    assert ratings(call) == (new_contents if done else old)
    assert leftovers(call) == []
    kept = sorted((call / "ratings" / "replaced").glob("*.csv")) \
        if (call / "ratings" / "replaced").exists() else []
    if done:  # the previous contents were kept, under their dated names
        assert sorted(p.read_bytes() for p in kept) == sorted(v for v in old.values() if v)


def test_an_import_after_a_kill_completes(tmp_path: Path, workbooks: Path,
                                          new_contents: dict[str, bytes | None]) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    books = [workbooks / f"{a}.xlsx" for a in JURORS]
    assert isgrid("sheets", "import", call, *books, "--replace",
                  **{FAULT_ENV: "temp:2"}).returncode == 137
    proc = isgrid("sheets", "import", call, *books, "--replace")
    assert proc.returncode == 0, proc.stderr
    assert ratings(call) == new_contents and leftovers(call) == []
