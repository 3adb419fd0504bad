"""``isgrid call purge --apply`` changes everything or nothing (:func:`isgrid.io.write.write_files`).

The purge wrote its files one by one, removed ``ratings/replaced/``, then wrote the
re-sealed journal: a full disk partway left call.yaml pseudonymised and some comments
emptied, with the jurors' names still in the journal, and the ``write-failed`` hint said
« nothing was changed ».  Here a real ``python -m isgrid call purge`` is stopped partway
by the fault-injection hook (``ISGRID_FAULT_AT``, :mod:`isgrid.io.faults`): refused by
the system (``STEP:N:ENOSPC``) it says the truth; killed (``STEP:N``) at every step, the
next command on the call (``isgrid call check``, which writes nothing itself) leaves the
folder exactly as it was before, or exactly as an uninterrupted purge leaves it.

The call: the Alsace example with a vote on AL16-01 and the withdrawal of AL16-02 in its
journal (test_purge's call), ``legal_form`` as the contact fact, and a dated copy in
``ratings/replaced/``.  The purge writes 14 files, in this order: call.yaml, the four
ratings files (i1, j1, j2, j3), the eight dossiers (AL16-01 … AL16-08), the journal;
then it removes ``ratings/replaced/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_purge import _call

from faultruns import WIDE, run, snapshot, start
from isgrid.io.write import FAULT_ENV, PENDING

TODAY = "2027-04-02"
REPLACED = "ratings/replaced"
COPY = f"{REPLACED}/j1.2026-03-01T10-00-00.csv"
#: the files the purge writes, in the order it writes them (worked out from the call)
WRITTEN = (["call.yaml"] + [f"ratings/{r}.csv" for r in ("i1", "j1", "j2", "j3")]
           + [f"dossiers/AL16-0{i}.yaml" for i in range(1, 9)] + ["journal.jsonl"])


def isgrid(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(WIDE, *args, **env)


def purge(call: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return isgrid("call", "purge", str(call), "--apply", "--today", TODAY, **env)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes | str]]:
    """The call before the purge, and the folder an uninterrupted purge leaves."""
    call = _call(tmp_path_factory.mktemp("before"))
    (call / COPY).parent.mkdir()
    (call / COPY).write_text("dossier,assessor,criterion,value,comment\n"
                             "AL16-01,j1,AV-1.1,3,Aucune offre de réemploi\n", "utf-8")
    done = tmp_path_factory.mktemp("done") / "call"
    shutil.copytree(call, done)
    proc = purge(done)
    assert proc.returncode == 0, proc.stderr
    return call, snapshot(done)


def _copy(scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path
          ) -> tuple[Path, dict[str, bytes | str], dict[str, bytes | str]]:
    source, done = scenario
    call = tmp_path / "call"
    shutil.copytree(source, call)
    return call, snapshot(call), done


def test_the_scenario_purges_what_the_docstring_says(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    _, before, done = _copy(scenario, tmp_path)
    assert sorted(k for k in done if before.get(k) != done[k]) == sorted(WRITTEN)
    assert sorted(k for k in before if k not in done) == [REPLACED, COPY]
    journal = [json.loads(line) for line in done["journal.jsonl"].splitlines()]  # type: ignore[union-attr]
    assert [(e["seq"], e["kind"], e["by"]) for e in journal] == [
        (1, "decision", "Juré 1"), (2, "withdrawal", "Service ESS"),
        (3, "purge", "isgrid call purge")]


# ------------------------------------------------------------ refused by the system
def test_a_full_disk_partway_leaves_the_call_exactly_as_it_was(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    call, before, _ = _copy(scenario, tmp_path)
    # the second temporary file written (ratings/i1.csv), then the disk is full
    proc = purge(call, **{FAULT_ENV: "temp:2:ENOSPC"})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines()[-2:] == [
        f"Error: {call / 'ratings' / 'i1.csv'}: the system refused: No space left on "
        "device [write-failed]",
        "  Hint: Free some space, choose a writable folder, or fix the path; nothing was "
        "changed."]
    assert "purged" not in proc.stdout.splitlines()
    assert snapshot(call) == before  # the names, the comments, the copies, the journal


def test_a_refusal_of_the_system_partway_changes_nothing_without_the_hook(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, without the fault hook: the system refuses the file of ratings/j2.csv
    (the fourth file written).  The purge had already pseudonymised call.yaml and emptied
    the comments of i1.csv and j1.csv, the names still in the journal, and said « nothing
    was changed »."""
    from click.testing import CliRunner

    from isgrid.cli.main import cli
    from isgrid.io import write

    call, before, _ = _copy(scenario, tmp_path)
    temp_for = write._temp_for

    def full_at_j2(path: Path, data: bytes, name: Path | None = None) -> Path:
        if path.name == "j2.csv":
            raise OSError(28, "No space left on device")
        return temp_for(path, data, name)

    monkeypatch.setattr(write, "_temp_for", full_at_j2)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply", "--today", TODAY])
    assert res.exit_code == 1, res.output
    assert "nothing was changed" in res.output and "[write-failed]" in res.output
    assert snapshot(call) == before


def test_a_full_disk_when_the_journal_is_written_changes_nothing_either(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    """The journal is the last file: before, every other file was already purged."""
    call, before, _ = _copy(scenario, tmp_path)
    proc = purge(call, **{FAULT_ENV: f"temp:{len(WRITTEN)}:ENOSPC"})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines()[-2].startswith(f"Error: {call / 'journal.jsonl'}: ")
    assert snapshot(call) == before


def test_a_full_disk_after_the_commit_says_so_and_the_next_command_finishes(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    call, before, done = _copy(scenario, tmp_path)
    proc = purge(call, **{FAULT_ENV: "replace:3:ENOSPC"}, LC_ALL="fr_FR.UTF-8")
    assert proc.returncode == 1, proc.stderr
    # three of the fourteen files renamed into place; French typography in the hint
    assert proc.stderr.splitlines()[-2:] == [
        f"Erreur\u00a0: {call / PENDING}\u00a0: le système a refusé\u00a0: plus de place sur "
        "le disque [write-failed]",
        "  Indice\u00a0: L'écriture s'est arrêtée en cours de route (fichiers en place\u00a0: "
        "3 sur 14\u202f; les autres attendent à côté d'eux). Libérez de la place ou rendez le "
        "dossier accessible en écriture, puis relancez la commande\u00a0: elle termine "
        f"d'abord cette écriture (listée dans {call / PENDING})."]
    left = snapshot(call)
    assert left["journal.jsonl"] == before["journal.jsonl"]  # not yet re-sealed
    assert sum(1 for k in left if k.endswith(".tmp")) == 11 and COPY in left
    proc = isgrid("call", "check", str(call))
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == done


# ------------------------------------------------------------------ killed
#: (step, N, whether the purge is done once the next command ran)
KILLS = [("begin", 1, False), ("temp", 1, False), ("temp", 7, False), ("temp", 14, False),
         ("commit", 1, True), ("replace", 1, True), ("replace", 13, True),
         ("replace", 14, True), ("remove", 1, True), ("end", 1, True)]


@pytest.mark.parametrize(("step", "nth", "finished"), KILLS,
                         ids=[f"{s}-{i}" for s, i, _ in KILLS])
def test_a_kill_at_each_step_is_finished_or_undone_by_the_next_command(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path, step: str, nth: int,
        finished: bool) -> None:
    call, before, done = _copy(scenario, tmp_path)
    proc = purge(call, **{FAULT_ENV: f"{step}:{nth}"})
    assert proc.returncode == 137, proc.stderr  # killed where asked
    # the record of the write, for the next command (removed at « end »: all done)
    assert (call / PENDING).is_file() == (step != "end")
    if step == "remove":  # the dated copies already out of ratings/, not yet deleted
        hidden = [k for k in snapshot(call) if k.startswith("ratings/.replaced.")]
        assert len(hidden) == 2 and REPLACED not in snapshot(call)
    proc = isgrid("call", "check", str(call))  # reads the call: finishes or undoes first
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == (done if finished else before)
    proc = isgrid("journal", "verify", str(call))
    assert proc.returncode == 0, proc.stderr


def test_a_purge_after_a_kill_completes(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    call, _, done = _copy(scenario, tmp_path)
    assert purge(call, **{FAULT_ENV: "temp:5"}).returncode == 137
    proc = purge(call)
    assert proc.returncode == 0, proc.stderr
    assert "purged" in proc.stdout.splitlines()
    assert snapshot(call) == done


def test_an_append_in_progress_is_waited_for_and_purged_too(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    """The purge read the journal, then wrote its re-sealed copy: an entry appended in
    between (``isgrid withdraw`` during the purge) was lost, and its names never purged.
    It now takes the journal's lock (the one every append takes) before reading it."""
    import fcntl
    import time

    from isgrid.call.journal import canonical, entry_hash, sha256
    from isgrid.io.write import atomic_write

    call, _, _ = _copy(scenario, tmp_path)
    fd = os.open(call / ".journal.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # an append in progress
        proc = start(WIDE, "call", "purge", call, "--apply", "--today", TODAY)
        time.sleep(3)  # the purge has read call.yaml and waits for the lock
        old = (call / "journal.jsonl").read_bytes()
        entry = {"seq": 3, "kind": "withdrawal", "stage": "jury", "dossier": "AL16-03",
                 "by": "Paul Meyer", "reason": "Le porteur renonce",
                 "prev": sha256(old.rstrip(b"\n").rsplit(b"\n", 1)[-1])}
        entry["hash"] = entry_hash(entry)
        atomic_write(call / "journal.jsonl", old + canonical(entry) + b"\n")
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    journal = [json.loads(line) for line in (call / "journal.jsonl").read_bytes().splitlines()]
    assert [(e["seq"], e["kind"], e["dossier"], e["by"]) for e in journal] == [
        (1, "decision", "AL16-01", "Juré 1"), (2, "withdrawal", "AL16-02", "Service ESS"),
        (3, "withdrawal", "AL16-03", "Membre 1"), (4, "purge", "*", "isgrid call purge")]
    assert isgrid("journal", "verify", str(call)).returncode == 0


# ------------------------------------------- the removal of ratings/replaced/ refused
def _immutable(path: Path, on: bool) -> bool:
    """``chattr +i``/``-i`` on ``path`` (deleting it is refused, even by root)."""
    try:
        proc = subprocess.run(["chattr", "+i" if on else "-i", str(path)],
                              capture_output=True, timeout=30)
    except OSError:
        return False
    return proc.returncode == 0


def test_a_refused_removal_says_where_the_comments_wait_and_they_are_listed_after(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    """The system refuses to delete the dated copy: the hint said « fichiers en place : 14
    sur 14 ; les autres attendent à côté d'eux » (there are no others), at
    .isgrid-pending.json, and not that the comments wait in ratings/.replaced.<token>.gone/;
    with the record then deleted by hand, the dry run said nothing was left."""
    call, _, done = _copy(scenario, tmp_path)
    if not _immutable(call / COPY, True):
        pytest.skip("chattr +i is not allowed here")
    try:
        proc = purge(call, LC_ALL="fr_FR.UTF-8")
        [hidden] = [p for p in (call / "ratings").iterdir() if p.name.startswith(".replaced.")]
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.splitlines()[-2:] == [  # after the warnings (purge-name-left)
            f"Erreur\u00a0: {hidden / Path(COPY).name}\u00a0: le système a refusé\u00a0: "
            "opération non permise [write-failed]",
            "  Indice\u00a0: Tous les fichiers de l'écriture sont en place (14 sur 14), mais "
            f"{call / REPLACED} n'est pas encore supprimé\u00a0: ce qu'il contenait (pour une "
            "purge, les copies datées avec les commentaires des jurés) est encore dans "
            f"{hidden}. Rendez-le supprimable, puis relancez la commande\u00a0: elle termine "
            f"d'abord cette écriture (listée dans {call / PENDING})."]
        assert hidden.name.endswith(".gone") and (hidden / Path(COPY).name).is_file()
        (call / PENDING).unlink()  # deleted by hand
        proc = isgrid("call", "purge", str(call), "--today", TODAY)
        assert proc.returncode == 0, proc.stderr
        rel = hidden.relative_to(call).as_posix()
        assert [line for line in proc.stdout.splitlines() if "remove" in line] == [
            f"would remove: {rel}/"]
        import datetime as dt

        from isgrid.call.load import load_call
        from isgrid.call.purge import leftover_warnings

        loaded = load_call(call)
        assert leftover_warnings(loaded, dt.date(2027, 4, 1)) == []  # not due yet
        [warning] = leftover_warnings(loaded, dt.date(2027, 4, 2))
        assert (warning.code, warning.severity, warning.location.file, warning.message) == (
            "purge-left", "warning", str(hidden),
            f"{rel} still holds dated copies of the jurors' ratings files, with their "
            "comments: a purge stopped before it deleted them")
    finally:
        for p in (call / "ratings").rglob("*.csv"):
            _immutable(p, False)
    proc = purge(call)  # the copies deletable again: the purge removes them
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == done


def test_a_folder_a_stopped_purge_left_is_listed_and_removed(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    """What a purge whose removal was refused leaves once its record is deleted by hand
    (without chattr: the folder as the purge names it): the dry run said nothing was left
    while it still held jurors' comments."""
    call, _, done = _copy(scenario, tmp_path)
    left = call / "ratings" / ".replaced.0123456789abcdef.gone"
    (call / COPY).parent.rename(left)
    proc = isgrid("call", "purge", str(call), "--today", TODAY)
    assert proc.returncode == 0, proc.stderr
    assert [line for line in proc.stdout.splitlines() if "remove: ratings/" in line] == [
        "would remove: ratings/.replaced.0123456789abcdef.gone/"]
    proc = purge(call)
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == done


def test_each_folder_left_says_what_its_copies_hold(
        scenario: tuple[Path, dict[str, bytes | str]], tmp_path: Path) -> None:
    """``replaced/`` is not only the ratings': ``opinions/replaced/`` keeps the jurors'
    opinions (``sheets import --replace``), the call folder's ``replaced/`` the
    ``assignments.csv`` that ``assign --force --change-rated`` replaced.  A purge stopped in
    each says what it left there (« dated copies of ratings files » for all three was
    wrong for the last two)."""
    import datetime as dt

    from isgrid.call.load import load_call
    from isgrid.call.purge import leftover_warnings

    call, _, _ = _copy(scenario, tmp_path)
    gone = ".replaced.0123456789abcdef.gone"
    (call / COPY).parent.rename(call / "ratings" / gone)
    for where in ("opinions", ""):
        (call / where / gone).mkdir(parents=True)
    warnings = leftover_warnings(load_call(call), dt.date(2027, 4, 2))
    assert [(w.code, w.message) for w in warnings] == [
        ("purge-left", f"ratings/{gone} still holds dated copies of the jurors' ratings "
                       "files, with their comments: a purge stopped before it deleted them"),
        ("purge-left", f"opinions/{gone} still holds dated copies of the jurors' opinions "
                       "files, with their comments: a purge stopped before it deleted them"),
        ("purge-left", f"{gone} still holds dated copies of assignments.csv (which juror "
                       "rates which dossier): a purge stopped before it deleted them")]
    french = [w.message.translated("fr").replace("\u00a0", " ") for w in warnings]
    assert french[2] == (f"{gone} contient encore des copies datées d'assignments.csv (quel "
                         "juré note quel dossier) : une purge s'est arrêtée avant de les "
                         "supprimer")
