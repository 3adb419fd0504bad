"""``isgrid sheets import`` reads what it replaces under the write lock it writes with.

The import loaded the call (the juror's files, the rows kept under a déport), checked and
planned its files, and only then took the folder's write lock (:mod:`isgrid.io.writelock`)
in its :func:`~isgrid.io.write.write_files`; its check of the new call, and the undo when
they broke it, came after that lock was released.  So another command's write could land
between the reading and the writing (a second import of the same juror's return, a juror's
submission from the web workspace), to be overwritten by files planned from what was there
before; and one landing between the write and the undo was overwritten by the contents read
before.  The import now holds the lock from before it loads the call until it has checked,
and if need be undone, what it wrote: the other process waits for it, then writes.

Each test runs the import in this process and, at the moment named, starts another process
(a real ``isgrid sheets import``, or a writer that follows the lock as the workspace does:
:func:`faultruns.start_change`), then goes on once that process has written, or is waiting
for the lock (:func:`faultruns.done_or_waiting`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from faultruns import DATED, done_or_waiting, start, start_change
from isgrid.cli.main import cli
from isgrid.errors import CallError, Diagnostic, Location, Message
from isgrid.io.write import PENDING
from isgrid.io.writelock import LOCK_NAME
from testpaths import HOSTILE


@pytest.fixture(autouse=True)
def _needs_proc() -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see the other process wait for the lock")


def _import(call: Path, *args: object) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(call),
                                    *map(str, args)])


def _other_return(workbooks: Path, out: Path) -> Path:
    """j1's workbook with other marks (every 4 made 2): another return of the same juror."""
    out.mkdir()
    wb = openpyxl.load_workbook(workbooks / "j1.xlsx")
    ws = wb["Notation"]
    changed = 0
    for r in range(2, ws.max_row + 1):
        for c in range(5, ws.max_column + 1):
            if ws.cell(r, 4).value == "note" and ws.cell(r, c).value == 4:
                ws.cell(r, c).value = 2
                changed += 1
    assert changed == 3  # B1 of D01, D02, D03
    wb.save(out / "j1.xlsx")
    return out / "j1.xlsx"


def test_a_second_import_of_the_same_juror_waits_and_is_refused(
        tmp_path: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """j1 has no ratings file yet, and two of j1's returns are imported at once, neither
    with ``--replace``.  Both found no ``ratings/j1.csv``: the second to write replaced the
    first's file without a dated copy (« j1 already has ratings/j1.csv » was never said),
    and the first's ratings were lost.  Now the other import waits for this one, then finds
    the file this one wrote, and refuses; nothing is lost."""
    from isgrid.jury import importer

    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    (call / "ratings" / "j1.csv").unlink()
    alone = tmp_path / "alone"  # the same import, nobody else writing
    shutil.copytree(call, alone)
    assert _import(alone, workbooks / "j1.xlsx").exit_code == 0
    expected = (alone / "ratings" / "j1.csv").read_bytes()
    assert b"D01,j1,B1,4,commentaire de j1\n" in expected
    other = _other_return(workbooks, tmp_path / "other")
    real = importer.write_files
    others = []

    def racing(root: Path, files: Any, **kw: Any) -> Any:
        if not others:  # (the import's own write; its undo, if any, writes again)
            others.append(start(DATED, "sheets", "import", call, other))
            done_or_waiting(others[-1], call)
        return real(root, files, **kw)

    monkeypatch.setattr(importer, "write_files", racing)
    res = _import(call, workbooks / "j1.xlsx")
    assert res.exit_code == 0, res.output
    (proc,) = others
    out, err = proc.communicate(timeout=120)
    # this import's file, whole; the other import refused it, as it refuses any existing one
    assert (call / "ratings" / "j1.csv").read_bytes() == expected
    assert proc.returncode == 2, out + err  # (as when run alone after this one)
    assert "j1 already has ratings/j1.csv [ratings-exist]" in err and out == ""
    assert not (call / "ratings" / "replaced").exists()
    assert not (call / PENDING).exists() and not (call / LOCK_NAME).exists()


#: the other process's change to j1's ratings, made while the import checks what it wrote
NEW = "D03,j1,B1,1,Revu après la visite du chantier\n"


def test_the_undo_never_overwrites_a_change_made_after_the_write(
        tmp_path: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's files break the call (simulated here: its check of the call, once the
    files are written, fails), so it puts back what was there before.  Another process
    changes ``ratings/j1.csv`` at that moment.  The undo came after the import's lock was
    released: the change was made to the imported file, then the undo wrote the previous
    content over it (lost).  Now the other process waits until the undo is done, then
    changes the file as it was before the import."""
    import isgrid.call.load as load_module

    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    j1 = call / "ratings" / "j1.csv"
    before = j1.read_bytes()
    assert not before.endswith(NEW.encode("utf-8"))
    real = load_module.load_call
    loads: list[Path] = []
    writers = []

    def checking(folder: Path | str, **kw: Any) -> Any:
        loads.append(Path(folder))
        if len(loads) <= 2:  # the command's own loadings (before the lock, under it)
            return real(folder, **kw)
        # the import's check of what it wrote: another process changes j1's file now
        assert b"commentaire de j1" in j1.read_bytes()  # (the import's file is in place)
        writers.append(start_change(call, j1, "", NEW))
        done_or_waiting(writers[-1], call)
        raise CallError("the call has errors", [Diagnostic(
            "duplicate-rating", Message("simulated: the imported files break the call"),
            Location(str(j1)))])

    monkeypatch.setattr(load_module, "load_call", checking)
    res = _import(call, workbooks / "j1.xlsx", "--replace")
    assert res.exit_code == 1, res.output
    assert res.output.startswith(f"Error: {j1}: simulated: the imported files break the "
                                 "call [duplicate-rating]\n")  # (the check's own words)
    assert len(loads) == 3
    (writer,) = writers
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    # the file as it was before the import, then the other process's change
    assert j1.read_bytes() == before + NEW.encode("utf-8")
    replaced = call / "ratings" / "replaced"
    assert not replaced.exists() or list(replaced.iterdir()) == []  # no dated copy kept
    assert not (call / PENDING).exists() and not (call / LOCK_NAME).exists()
