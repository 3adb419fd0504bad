"""Two reopened jurors submitting after the séance's vote: each is checked against the call
folder as the other's submission left it (isgrid.workspace.decided: Decided.deciding, one
checked write at a time), not both against the folder without the other's.

The call: alsace-2016 with AL16-02 voted « retenu » at rank 2 (77.38) and AL16-05 decided
« non retenu » (rank 3, 75.00) (tests/votecalls.py; tests/workspace/test_workspace_decided.py).
AL16-01, first and decided by no one, is rated by j1 and j3 (j2 is déported from it): means
3.75, 3, 3.5, 3, 4, 3.5, 3, sum 23.75, total 100 × 23.75 / 28 = 84.82.  j1 and j3 each lower
three of its criteria by one point (none with a floor):

- one of them alone: sum 23.75 - 3/2 = 22.25, total 79.46, still above AL16-02's 77.38:
  nothing decided moves;
- both: sum 23.75 - 3 = 20.75, total 74.11, under AL16-05's 75.00: AL16-02 moves to rank 1
  and AL16-05 to rank 2, which the minutes say otherwise.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from isgrid.workspace import decided
from isgrid.workspace.store import ChangesDecided, Entry, Workspace
from votecalls import example, vote

LOWER = {"j1": {"ALS-2": "2", "ALS-3": "3", "AV-4.2": "3"},
         "j3": {"ALS-2": "2", "ALS-1": "3", "AV-4.2": "3"}}


def _both_reopened(tmp_path: Path, db: str | None) -> tuple[Path, Workspace]:
    folder = example(tmp_path)
    vote(folder, "AL16-02")
    ws = Workspace(folder, db)
    for aid, values in LOWER.items():
        ws.reopen(aid)
        ws.save(aid, "AL16-01", Entry(values=values))
    return folder, ws


def test_the_numbers() -> None:
    assert round(100 * 23.75 / 28, 2) == 84.82
    assert round(100 * 22.25 / 28, 2) == 79.46 > 77.38
    assert round(100 * 20.75 / 28, 2) == 74.11 < 75.00


@pytest.mark.parametrize("alone", ["j1", "j3"])
def test_either_alone_changes_nothing_decided(tmp_path: Path, db: str | None,
                                              alone: str) -> None:
    _, ws = _both_reopened(tmp_path, db)
    ws.submit(alone)
    assert ws.juror(alone).status == "submitted"


def test_the_second_is_checked_against_the_first_written(tmp_path: Path,
                                                         db: str | None) -> None:
    folder, ws = _both_reopened(tmp_path, db)
    ws.submit("j1")
    with pytest.raises(ChangesDecided) as refused:
        ws.submit("j3")
    said = [str(d.message) for d in refused.value.found]
    assert said[0].startswith("the submission changes what the meeting decided for AL16-02: "
                              "rank 2, total 77.38"), said
    assert "-> rank 1, total 77.38" in said[0]
    assert any(s.startswith("the submission changes what the meeting decided for AL16-05: "
                            "rank 3, total 75.00") and "-> rank 2, total 75.00" in s
               for s in said), said
    assert ws.juror("j3").status == "open"
    assert "AL16-01,j3,ALS-2,3," in (folder / "ratings" / "j3.csv").read_text(encoding="utf-8")


def test_submitted_together_one_waits_for_the_other(tmp_path: Path, db: str | None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Both submissions at once, each check made slow enough that unserialised they would
    both be checked against the folder without the other's sheet (and both pass): one is
    written, the other refused."""
    _, ws = _both_reopened(tmp_path, db)
    check = decided.decided_changes

    def slow(*args: Any, **kw: Any) -> Any:
        found = check(*args, **kw)
        time.sleep(0.5)  # the other submission's check starts meanwhile, unless it waits
        return found

    monkeypatch.setattr(decided, "decided_changes", slow)
    outcome: dict[str, str] = {}
    start = threading.Barrier(2)

    def submit(aid: str) -> None:
        start.wait()
        try:
            ws.submit(aid)
            outcome[aid] = "submitted"
        except ChangesDecided:
            outcome[aid] = "refused"

    threads = [threading.Thread(target=submit, args=(aid,)) for aid in LOWER]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcome.values()) == ["refused", "submitted"], outcome
    for aid, what in outcome.items():
        assert ws.juror(aid).status == ("submitted" if what == "submitted" else "open")


def test_checked_on_the_call_loaded_until_the_folder_changes(
        tmp_path: Path, db: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check scores the workspace's call as last loaded (Dashboard.loaded), not the
    folder read again, while no file changed since; a file changed by another command (a
    vote recorded) is read again before the check."""
    from isgrid.io import folder as folders
    from isgrid.workspace import dashboard

    monkeypatch.setattr(folders, "RECENT_NS", 0)  # the files just written count as settled
    folder, ws = _both_reopened(tmp_path, db)
    ws.loaded()
    loads: list[Path] = []
    load = dashboard.load_call

    def counted(where: Any, *args: Any, **kw: Any) -> Any:
        loads.append(Path(where))
        return load(where, *args, **kw)

    monkeypatch.setattr(dashboard, "load_call", counted)
    monkeypatch.setattr("isgrid.call.load.load_call", counted)
    ws.submit("j1")  # alone: nothing decided changes
    assert loads == []
    ws.reopen("j1")
    vote(folder, "AL16-05")  # the folder changed by another command: read again
    loads.clear()  # (the command's own loading)
    ws.submit("j1")
    assert loads == [folder]
