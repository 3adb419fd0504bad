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

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from faultruns import DATED, run
from isgrid.call.load import load_call
from isgrid.io.write import FAULT_ENV, PENDING
from testpaths import HOSTILE

JURORS = ("j1", "j2")

#: (step, N, whether the new files are in place once the call is loaded again)
KILLS = [("begin", 1, False), ("temp", 1, False), ("temp", 2, False), ("keep", 1, False),
         ("keep", 2, False), ("commit", 1, True), ("replace", 1, True), ("replace", 2, True),
         ("end", 1, True)]


def isgrid(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
    return run(DATED, *args, **env)


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


# ------------------------------------------------- the dated copies (ratings/replaced/)
def _replaced(call: Path) -> dict[str, bytes]:
    folder = call / "ratings" / "replaced"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_a_kill_at_the_keep_step_leaves_no_dated_copy_nor_folder(
        tmp_path: Path, workbooks: Path) -> None:
    """Killed right after the first dated copy was made (before the commit): that copy,
    and the ``replaced/`` folder the write made, stayed after the write was undone."""
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    assert not (call / "ratings" / "replaced").exists()
    before = ratings(call)
    proc = isgrid("sheets", "import", call, workbooks / "j1.xlsx", "--replace",
                  **{FAULT_ENV: "keep:1"})
    assert proc.returncode == 137, proc.stderr
    assert len(_replaced(call)) == 1  # the copy is made, the write not committed
    load_call(call)  # undoes the write
    assert ratings(call) == before and leftovers(call) == []
    assert not (call / "ratings" / "replaced").exists()


def test_a_kill_at_the_keep_step_leaves_the_earlier_copies_alone(
        tmp_path: Path, workbooks: Path) -> None:
    """A first import kept one dated copy; a second, killed at its keep step, left a second
    copy once undone (2 copies for 1 replacement)."""
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    original = (call / "ratings" / "j1.csv").read_bytes()
    assert isgrid("sheets", "import", call, workbooks / "j1.xlsx", "--replace").returncode == 0
    first = _replaced(call)
    assert list(first.values()) == [original]
    (call / "ratings" / "j1.csv").write_bytes(original)  # changed again since, by hand
    proc = isgrid("sheets", "import", call, workbooks / "j1.xlsx", "--replace",
                  SOURCE_DATE_EPOCH="1700000100", **{FAULT_ENV: "keep:1"})
    assert proc.returncode == 137, proc.stderr
    proc = isgrid("call", "check", call)
    assert proc.returncode == 0, proc.stderr
    assert _replaced(call) == first and leftovers(call) == []
    assert (call / "ratings" / "j1.csv").read_bytes() == original


def test_two_imports_at_once_never_overwrite_each_others_dated_copy(
        tmp_path: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two ``sheets import --replace`` of the same juror, at once: both chose the same dated
    name (the file's time), the second one's link failed (« File exists ») and its fallback
    wrote over the first one's copy: the original ratings lost, and both said « kept as »
    the same name.  Here this import (in this process) chooses its name, then a real other
    import is started: it waits for the folder's write lock, which this import holds from
    before it loaded the call (:func:`isgrid.jury.importer.holding`); this one ends, then
    the other goes on, and keeps what this one wrote under the next name.  (A name taken
    between its choice and the copy: tests/io/test_write.py.)"""
    from click.testing import CliRunner

    from faultruns import done_or_waiting, start
    from isgrid.cli.main import cli
    from isgrid.jury import importer

    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    original = (call / "ratings" / "j1.csv").read_bytes()
    other = tmp_path / "other"  # j1's workbook with other notes: another return
    other.mkdir()
    wb = openpyxl.load_workbook(workbooks / "j1.xlsx")
    ws = wb["Notation"]
    for r in range(2, ws.max_row + 1):
        for c in range(5, ws.max_column + 1):
            if ws.cell(r, 4).value == "note" and ws.cell(r, c).value == 4:
                ws.cell(r, c).value = 2
    wb.save(other / "j1.xlsx")
    chosen = importer.dated_copy_name
    names: list[Path] = []
    others: list[subprocess.Popen[str]] = []

    def then_the_other_import(path: Path) -> Path:
        name = chosen(path)
        names.append(name)
        others.append(start(DATED, "sheets", "import", call, other / "j1.xlsx", "--replace"))
        done_or_waiting(others[-1], call)
        return name

    monkeypatch.setattr(importer, "dated_copy_name", then_the_other_import)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    res = CliRunner().invoke(cli, ["sheets", "import", str(call), str(workbooks / "j1.xlsx"),
                                   "--replace"])
    assert res.exit_code == 0, res.output
    mine = (call / "ratings" / "j1.csv").read_bytes()  # (the other waits for this import)
    [name], [proc] = names, others
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    second = name.with_name(f"{name.stem}-2{name.suffix}")
    assert name.name == "j1.20231114T221320Z.csv"  # SOURCE_DATE_EPOCH 1700000000
    assert res.output.splitlines()[0] == f"kept the previous file as {name}"
    assert out.splitlines()[0] == f"kept the previous file as {second}"
    # this import's copy: the original; the other's: what this import wrote
    assert _replaced(call) == {name.name: original, second.name: mine}
    assert mine != original and b"D01,j1,B1,4," in mine
    assert b"D01,j1,B1,2," in (call / "ratings" / "j1.csv").read_bytes()
    assert leftovers(call) == []
