"""``isgrid intake`` writes all its files or none (:func:`isgrid.io.write.write_files`).

A real ``python -m isgrid intake`` is stopped partway through its writes by the
fault-injection hook (``ISGRID_FAULT_AT``, :mod:`isgrid.io.faults`): refused by the
system (``STEP:N:ENOSPC``, a full disk) it says so, with a hint that tells the truth
(nothing was changed; or the write stopped after its commit and the next command
finishes it); killed (``STEP:N``, ``os._exit(137)``) at every step, the next command
on the call (``intake --dry-run``, which writes nothing itself) leaves the folder
exactly as it was before, or exactly as an uninterrupted run leaves it.

Two calls: a new one (no ``dossiers/`` nor ``opinions/`` yet: five files, DN-101,
DN-102 and DN-103 in the filter, the experts' avis, intake-state.json) and one
refreshed from a second export that changes DN-101's amount and DN-103's title (three
files: the two dossiers and intake-state.json; the avis are the same).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from faultruns import WIDE, run, snapshot
from isgrid.io.write import FAULT_ENV, PENDING


def intake(call: Path, export: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(WIDE, "intake", call, "--from", export, *args, **env)


def _second_export(tmp: Path) -> Path:
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["amount_text"] = "22 500 €"
    dossiers[2]["title"] = "Tiers-lieu des savoir-faire partagés"
    return write_xlsx(tmp / "export-2.xlsx", export_sheets(dossiers))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("exports")
    return write_xlsx(tmp / "export.xlsx", export_sheets()), _second_export(tmp)


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory,
          exports: tuple[Path, Path]) -> dict[str, tuple[Path, Path, dict[str, bytes | str]]]:
    """By scenario: the call before, the export, and the folder an uninterrupted run leaves."""
    tmp = tmp_path_factory.mktemp("calls")
    first, second = exports
    new = make_intake_call(tmp / "new")
    refreshed = make_intake_call(tmp / "refreshed")
    assert intake(refreshed, first).returncode == 0
    out: dict[str, tuple[Path, Path, dict[str, bytes | str]]] = {}
    for name, call, export in (("new", new, first), ("refreshed", refreshed, second)):
        done = tmp / f"{name}-done"
        shutil.copytree(call, done)
        proc = intake(done, export)
        assert proc.returncode == 0, proc.stderr
        out[name] = (call, export, snapshot(done))
    return out


def _copy(calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], name: str,
          tmp_path: Path) -> tuple[Path, Path, dict[str, bytes | str], dict[str, bytes | str]]:
    source, export, done = calls[name]
    call = tmp_path / "call"
    shutil.copytree(source, call)
    return call, export, snapshot(call), done


def test_the_scenarios_write_what_the_docstring_says(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]]) -> None:
    new, _, new_done = calls["new"]
    assert snapshot(new).keys() == {"call.yaml", "grid.yaml"}
    assert sorted(k for k, v in new_done.items() if v != "dir") == [
        "call.yaml", "dossiers/DN-101.yaml", "dossiers/DN-102.yaml", "dossiers/DN-103.yaml",
        "grid.yaml", "intake-state.json", "opinions/demarche-numerique.csv"]
    refreshed, _, refreshed_done = calls["refreshed"]
    before = snapshot(refreshed)
    changed = sorted(k for k in refreshed_done if refreshed_done[k] != before[k])
    # the state keeps a digest of each value the platform gave (to tell a hand edit):
    # the changed amount and title change it
    assert changed == ["dossiers/DN-101.yaml", "dossiers/DN-103.yaml", "intake-state.json"]
    assert b"amount_requested: 22500" in refreshed_done["dossiers/DN-101.yaml"]  # type: ignore[operator]


# ------------------------------------------------------------ refused by the system
@pytest.mark.parametrize("name", ["new", "refreshed"])
def test_a_full_disk_partway_leaves_the_folder_exactly_as_it_was(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path,
        name: str) -> None:
    call, export, before, _ = _copy(calls, name, tmp_path)
    # the second temporary file written (DN-102 for the new call; DN-103, the second
    # dossier that changes, for the refreshed one), then the disk is full
    proc = intake(call, export, **{FAULT_ENV: "temp:2:ENOSPC"})
    assert proc.returncode == 1, proc.stderr
    second = "DN-102" if name == "new" else "DN-103"
    assert proc.stderr.splitlines() == [
        f"Error: {call / 'dossiers' / (second + '.yaml')}: the system refused: No space left "
        "on device [write-failed]",
        "  Hint: Free some space, choose a writable folder, or fix the path; nothing was "
        "changed."]
    assert "wrote" not in proc.stdout
    assert snapshot(call) == before  # no dossiers/ nor opinions/ made for the new call


def test_a_full_disk_after_the_commit_says_so_and_the_next_command_finishes(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path) -> None:
    call, export, before, done = _copy(calls, "new", tmp_path)
    proc = intake(call, export, **{FAULT_ENV: "replace:2:ENOSPC"}, LC_ALL="fr_FR.UTF-8")
    assert proc.returncode == 1, proc.stderr
    # two of the five files renamed into place; French typography in the hint
    assert proc.stderr.splitlines() == [
        f"Erreur\u00a0: {call / PENDING}\u00a0: le système a refusé\u00a0: plus de place sur "
        "le disque [write-failed]",
        "  Indice\u00a0: L'écriture s'est arrêtée en cours de route (fichiers en place\u00a0: "
        "2 sur 5\u202f; les autres attendent à côté d'eux). Libérez de la place ou rendez le "
        "dossier accessible en écriture, puis relancez la commande\u00a0: elle termine "
        f"d'abord cette écriture (listée dans {call / PENDING})."]
    left = snapshot(call)
    assert left != before and left != done and PENDING in left
    assert sum(1 for k in left if k.endswith(".tmp")) == 3
    proc = intake(call, export, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == done


# ------------------------------------------------------------------ killed
#: (step, N, whether the new files are in place once the next command ran): the new call
#: writes five files, the refreshed one three
KILLS = {"new": [("begin", 1, False), ("temp", 1, False), ("temp", 3, False),
                 ("temp", 5, False), ("commit", 1, True), ("replace", 1, True),
                 ("replace", 4, True), ("end", 1, True)],
         "refreshed": [("begin", 1, False), ("temp", 2, False), ("temp", 3, False),
                       ("commit", 1, True), ("replace", 1, True), ("replace", 2, True)]}


@pytest.mark.parametrize(("name", "step", "nth", "finished"),
                         [(n, *k) for n, ks in KILLS.items() for k in ks],
                         ids=[f"{n}-{s}-{i}" for n, ks in KILLS.items() for s, i, _ in ks])
def test_a_kill_at_each_step_is_finished_or_undone_by_the_next_command(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path,
        name: str, step: str, nth: int, finished: bool) -> None:
    call, export, before, done = _copy(calls, name, tmp_path)
    proc = intake(call, export, **{FAULT_ENV: f"{step}:{nth}"})
    assert proc.returncode == 137, proc.stderr  # killed where asked
    # the record of the write, for the next command (removed at « end »: all done)
    assert (call / PENDING).is_file() == (step != "end")
    proc = intake(call, export, "--dry-run")  # reads the call: finishes or undoes first
    assert proc.returncode == 0, proc.stderr
    assert snapshot(call) == (done if finished else before)


def test_an_intake_after_a_kill_completes(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path) -> None:
    call, export, _, done = _copy(calls, "new", tmp_path)
    assert intake(call, export, **{FAULT_ENV: "temp:3"}).returncode == 137
    proc = intake(call, export)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "wrote 5 files"
    assert snapshot(call) == done


def test_a_folder_where_a_dossier_file_goes_is_refused_before_anything_is_written(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path) -> None:
    """Found while making this: ``dossiers/DN-102.yaml`` a folder was renamed over after
    the commit, and the write could never be finished."""
    call, export, _, _ = _copy(calls, "new", tmp_path)
    (call / "dossiers" / "DN-102.yaml").mkdir(parents=True)
    before = snapshot(call)
    proc = intake(call, export)
    assert proc.returncode == 2, proc.stderr
    folder = call / "dossiers" / "DN-102.yaml"
    assert proc.stderr.splitlines() == [
        f"Error: {folder}: {folder} is a folder [output-exists]",
        "  Hint: Move the folder away: isgrid writes a file of that name; nothing was "
        "changed."]
    assert snapshot(call) == before


@pytest.mark.parametrize(("lang", "expected"), [
    ("C.UTF-8", ["Error: {path}: this is a file where a folder must be [write-failed]",
                 "  Hint: Move or rename that file: isgrid writes a folder of that name; "
                 "nothing was changed."]),
    ("fr_FR.UTF-8", ["Erreur\u00a0: {path}\u00a0: c'est un fichier là où il faut un dossier "
                     "[write-failed]",
                     "  Indice\u00a0: Déplacez ou renommez ce fichier\u00a0: isgrid écrit un "
                     "dossier de ce nom\u202f; rien n'a été modifié."])])
def test_a_file_where_a_folder_goes_is_said_so_not_file_exists(
        calls: dict[str, tuple[Path, Path, dict[str, bytes | str]]], tmp_path: Path,
        lang: str, expected: list[str]) -> None:
    """A file named ``opinions`` where the new call's intake writes ``opinions/…``: the
    error said « the system refused: File exists » (« le système a refusé : File exists »)
    at that path, with the generic hint."""
    call, export, _, _ = _copy(calls, "new", tmp_path)
    (call / "opinions").write_text("not a folder\n", "utf-8")
    before = snapshot(call)
    proc = intake(call, export, LC_ALL=lang)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [line.format(path=call / "opinions") for line in expected]
    assert snapshot(call) == before  # nothing written, no dossiers/ made
