"""``isgrid assign``'s one library call (:func:`isgrid.jury.assign.propose_and_write`): which
file, the refusals before the work, the warnings before the write, the rows kept.

The call: ten dossiers D01..D10, jurors j1..j5 then the instructor i1 (call.yaml order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError, Diagnostic, UsageError
from isgrid.jury.assign import propose_and_write

DOSSIERS = [{"id": f"D{i:02d}"} for i in range(1, 11)]
JURY = [{"id": f"j{i}"} for i in range(1, 6)] + [{"id": "i1", "role": "instructeur"}]


def new_call(tmp_path: Path, **extra: Any) -> Path:
    return make_call(tmp_path, "mini-scored", call={"assessors": JURY} | extra,
                     dossiers=DOSSIERS)


def _rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_one_role_then_the_other_keeps_the_first_roles_rows(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    own = folder / "assignments.csv"
    written = propose_and_write(load_call(folder), 1, "instructeur")
    # i1 alone with this role: every dossier, nothing kept (there was no file)
    assert written.path == own
    assert written.assignment.load == {"i1": 10}
    assert (written.kept.rows, written.kept.replaced) == ([], 0)
    assert _rows(own) == ["dossier,assessor"] + [f"D{i:02d},i1" for i in range(1, 11)]
    # the jurors, 2 a dossier: i1's 10 rows are another role's, kept without force
    written = propose_and_write(load_call(folder), 2)
    assert (len(written.kept.rows), written.kept.replaced) == (10, 0)
    # 20 places over five jurors: 4 each; D01 takes j1, j2 (all at 0, call.yaml order),
    # D02 the next least loaded j3, j4, D03 j5 (at 0) and j1 (j1, j2 at 1: call.yaml order)
    assert written.assignment.load == {"j1": 4, "j2": 4, "j3": 4, "j4": 4, "j5": 4}
    rows = _rows(own)
    assert len(rows) == 1 + 20 + 10
    # dossier order, then call.yaml order: the kept i1 after the jurors
    assert rows[1:10] == ["D01,j1", "D01,j2", "D01,i1", "D02,j3", "D02,j4", "D02,i1",
                          "D03,j1", "D03,j5", "D03,i1"]


def test_the_roles_rows_are_replaced_only_with_force(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    own = folder / "assignments.csv"
    propose_and_write(load_call(folder), 2)
    before = own.read_bytes()
    told: list[list[Diagnostic]] = []
    # refused before the work: an impossible 9 a dossier (five jurors) is not even tried
    for k in (2, 9):
        with pytest.raises(UsageError) as exc:
            propose_and_write(load_call(folder), k, warn=told.append)
        [d] = exc.value.diagnostics
        assert (d.code, d.message) == (
            "output-exists", f"{own} already has 20 assignments for the role “jury member”")
        assert d.hint == "Pass --force to replace them (the rows of the other roles are kept)."
    assert told == [] and own.read_bytes() == before
    with pytest.raises(CallError):  # with force, the impossible one is tried, and said
        propose_and_write(load_call(folder), 9, force=True)
    assert own.read_bytes() == before
    written = propose_and_write(load_call(folder), 3, force=True, warn=told.append)
    assert (written.kept.rows, written.kept.replaced) == ([], 20)
    assert told == [[]]  # asked, nothing to say
    assert len(_rows(own)) == 1 + 30


def test_the_warnings_are_given_before_the_write(tmp_path: Path) -> None:
    folder = new_call(tmp_path, min_ratings=3)
    said: list[str] = []

    def strict(warnings: list[Diagnostic]) -> None:  # as --strict: stop at a warning
        said.extend(d.message for d in warnings)
        raise SystemExit(1)

    with pytest.raises(SystemExit):
        propose_and_write(load_call(folder), 2, warn=strict)
    assert said == ["2 assessors per dossier is below min_ratings (3): every dossier would "
                    "be flagged"]
    assert not (folder / "assignments.csv").exists()


def test_another_file_is_checked_as_every_output(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    propose_and_write(load_call(folder), 1, "instructeur")
    out = tmp_path / "proposal.csv"
    out.write_text("x\n", encoding="utf-8")
    with pytest.raises(UsageError) as exc:  # an existing file: only with force
        propose_and_write(load_call(folder), 1, output=out)
    assert [d.code for d in exc.value.diagnostics] == ["output-exists"]
    with pytest.raises(UsageError) as exc:  # a file the call reads: never, even with force
        propose_and_write(load_call(folder), 1, output=folder / "call.yaml", force=True)
    assert [d.code for d in exc.value.diagnostics] == ["output-is-input"]
    before = (folder / "assignments.csv").read_bytes()
    written = propose_and_write(load_call(folder), 1, output=out, force=True)
    # the file the call's would be (i1's rows kept), the call's own untouched
    assert written.path == out
    rows = _rows(out)
    assert len(rows) == 1 + 10 + 10
    assert rows[1:5] == ["D01,j1", "D01,i1", "D02,j2", "D02,i1"]
    assert (folder / "assignments.csv").read_bytes() == before
