"""``isgrid call init`` writes its files all together or not at all
(:func:`isgrid.io.write.write_files`).

It wrote call.yaml, then ``dossiers/D001.yaml``, then ``ratings/ratings.csv``, one by
one: a full disk partway left a folder with a call.yaml that ``call init`` then refused
(« already exists and is not empty ») and that every other command read as a call.  Here
a real ``python -m isgrid call init`` (shipped grid ``alsace-aap-2016``: the three files,
in that order) is refused by the system (``STEP:N:ENOSPC``) or killed (``STEP:N``) at each
step of the write; the next command leaves the folder empty (undone) or exactly as an
uninterrupted ``call init`` leaves it (finished).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from faultruns import WIDE, run, snapshot
from isgrid.io.write import FAULT_ENV, PENDING

GRID = "alsace-aap-2016"
FILES = ["call.yaml", "dossiers/D001.yaml", "ratings/ratings.csv"]


def isgrid(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(WIDE, *args, **env)


def init(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return isgrid("call", "init", str(folder), "--grid", GRID, **env)


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | str]:
    """The folder an uninterrupted ``call init`` makes."""
    folder = tmp_path_factory.mktemp("done") / "call"
    proc = init(folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"wrote {folder / f}" for f in FILES]
    return snapshot(folder)


def test_the_three_files_and_their_folders(done: dict[str, bytes | str]) -> None:
    assert sorted(done) == ["call.yaml", "dossiers", "dossiers/D001.yaml", "ratings",
                            "ratings/ratings.csv"]


def test_a_refusal_partway_leaves_no_folder_in_process(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fault hook: the system refuses ratings/ratings.csv, the last file.  The
    folder kept call.yaml and D001.yaml, and `call init` again said « not empty »."""
    from click.testing import CliRunner

    from isgrid.cli.main import cli
    from isgrid.io import write

    temp_for = write._temp_for

    def full_at_ratings(path: Path, data: bytes, name: Path | None = None) -> Path:
        if path.name == "ratings.csv":
            raise OSError(28, "No space left on device")
        return temp_for(path, data, name)

    folder = tmp_path / "call"
    with monkeypatch.context() as m:
        m.setattr(write, "_temp_for", full_at_ratings)
        res = CliRunner().invoke(cli, ["call", "init", str(folder), "--grid", GRID])
    assert res.exit_code == 1, res.output
    assert "nothing was changed" in res.output and "[write-failed]" in res.output
    assert not folder.exists()
    res = CliRunner().invoke(cli, ["call", "init", str(folder), "--grid", GRID])
    assert res.exit_code == 0, res.output


def test_a_full_disk_partway_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    new, empty = tmp_path / "new", tmp_path / "empty"
    empty.mkdir()
    for folder in (new, empty):
        proc = init(folder, **{FAULT_ENV: "temp:2:ENOSPC"})
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.splitlines() == [
            f"Error: {folder / 'dossiers' / 'D001.yaml'}: the system refused: No space "
            "left on device [write-failed]",
            "  Hint: Free some space, choose a writable folder, or fix the path; nothing was "
            "changed."]
    assert not new.exists()  # made by the command, removed with the write
    assert snapshot(empty) == {}  # the user's own folder stays


#: (step, N, whether the call is whole once the next command ran)
KILLS = [("begin", 1, False), ("temp", 1, False), ("temp", 3, False), ("commit", 1, True),
         ("replace", 1, True), ("replace", 3, True), ("end", 1, True)]


@pytest.mark.parametrize(("step", "nth", "finished"), KILLS,
                         ids=[f"{s}-{i}" for s, i, _ in KILLS])
def test_a_kill_at_each_step_is_finished_or_undone_by_the_next_command(
        tmp_path: Path, done: dict[str, bytes | str], step: str, nth: int,
        finished: bool) -> None:
    folder = tmp_path / "call"
    proc = init(folder, **{FAULT_ENV: f"{step}:{nth}"})
    assert proc.returncode == 137, proc.stderr
    assert (folder / PENDING).is_file() == (step != "end")
    # `call check` finishes or undoes first: killed after the commit, call.yaml may not
    # be in place yet (replace:1 renamed it; commit: nothing renamed)
    proc = isgrid("call", "check", str(folder))
    assert snapshot(folder) == (done if finished else {})
    assert proc.returncode == (0 if finished else 2), proc.stderr  # 2: no call.yaml
    if not finished:  # an empty folder: `call init` makes the call there
        proc = init(folder)
        assert proc.returncode == 0, proc.stderr
        assert snapshot(folder) == done


def test_call_init_again_after_a_kill_before_the_commit_makes_the_call(
        tmp_path: Path, done: dict[str, bytes | str]) -> None:
    """The folder then held only the record of the write and its temporary files: « not
    empty » for ever, unless `call init` itself undoes the write first."""
    folder = tmp_path / "call"
    assert init(folder, **{FAULT_ENV: "temp:2"}).returncode == 137
    proc = init(folder)
    assert proc.returncode == 0, proc.stderr
    assert snapshot(folder) == done
