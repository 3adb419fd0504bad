"""The ratings read before the rest of isgrid is imported (``isgrid.call.early``).

Reading early must change nothing of what is loaded: the same table, the same
hashes, the same problems; a reading for another folder is not used; a folder
with an interrupted write is recovered before anything is read; and no reading
thread outlives the command, even when it stops before loading.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from isgrid.call.early import Reading, start_reading
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.errors import CallError
from isgrid.io.write import PENDING
from testpaths import EXAMPLES


def _same_table(a, b) -> None:  # type: ignore[no-untyped-def]
    for name in ("dossier", "criterion", "assessor", "value", "na"):
        assert np.array_equal(np.asarray(getattr(a.table, name)),
                              np.asarray(getattr(b.table, name)), equal_nan=True), name
    assert a.table.dossier_ids == b.table.dossier_ids


def _reading_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("isgrid-ratings")]


@pytest.mark.parametrize("name", ["alsace-2016", "lfse-2024", "picardie-sieg-2015"])
def test_a_call_read_early_is_the_call_read_late(name: str) -> None:
    folder = EXAMPLES / name
    with start_reading(folder) as reading:
        assert reading.futures, "the example has ratings: they are being read"
        started = dict(reading.futures)  # the loading takes each out as it reads it
        early = load_call(folder, reading=reading)
    late = load_call(folder)
    assert early.inputs == late.inputs
    assert [d.id for d in early.dossiers] == [d.id for d in late.dossiers]
    assert [(w.code, str(w.location)) for w in early.warnings] == \
        [(w.code, str(w.location)) for w in late.warnings]
    _same_table(early, late)
    assert reading.futures == {} and all(f.done() for f in started.values())


def test_the_hash_is_of_the_bytes_read_early(tmp_path: Path) -> None:
    """A ratings file saved between the early read and the loading: the call holds what
    was read, and its hash is the hash of those bytes (not of the file as it is now)."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = next((folder / "ratings").glob("*.csv"))
    before = ratings.read_bytes()
    with start_reading(folder) as reading:
        for f in reading.futures.values():
            f.result()  # read to the end before the file changes
        ratings.write_bytes(before + b"\n")  # a blank line appended after the read
        call = load_call(folder, reading=reading)
    rel = str(ratings.relative_to(folder))
    assert call.inputs[rel] == hashlib.sha256(before).hexdigest()


def test_a_reading_of_another_folder_is_not_used(tmp_path: Path) -> None:
    a = tmp_path / "a"
    b = tmp_path / "b"
    shutil.copytree(EXAMPLES / "alsace-2016", a)
    shutil.copytree(EXAMPLES / "alsace-2016", b)
    ratings = next((b / "ratings").glob("*.csv"))
    text = ratings.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    ratings.write_text(lines[0] + "".join(lines[1:-1]), encoding="utf-8")  # one row fewer
    with start_reading(a) as reading_a:
        call_b = load_call(b, reading=reading_a)
    rel = str(ratings.relative_to(b))
    assert call_b.inputs[rel] == hashlib.sha256(ratings.read_bytes()).hexdigest()
    assert len(call_b.table.value) == len(load_call(b).table.value)
    assert len(call_b.table.value) == len(load_call(a).table.value) - 1


def test_nothing_is_read_early_while_an_interrupted_write_waits(tmp_path: Path) -> None:
    """The record of an interrupted write: loading finishes or undoes it first, so the
    early reading leaves the folder alone and loading reads the files as recovered."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = next((folder / "ratings").glob("*.csv"))
    rel = str(ratings.relative_to(folder))
    lines = ratings.read_bytes().split(b"\n")
    new = b"\n".join(lines[:1] + lines[2:])  # the committed write drops one row
    tmp_rel = rel + ".tmp-isgrid"
    (folder / tmp_rel).write_bytes(new)
    (folder / PENDING).write_text(json.dumps({"state": "commit", "files": [[tmp_rel, rel]]}),
                                  encoding="utf-8")
    reading = start_reading(folder)
    assert reading.futures == {}
    call = load_call(folder, reading=reading)
    assert not (folder / PENDING).exists()
    assert call.inputs[rel] == hashlib.sha256(new).hexdigest()


def test_a_folder_that_is_no_call_is_not_read_and_loading_says_why(tmp_path: Path) -> None:
    (tmp_path / "ratings").mkdir()
    (tmp_path / "ratings" / "r.csv").write_text("dossier,assessor,criterion,value\n",
                                                 encoding="utf-8")
    reading = start_reading(tmp_path)
    assert reading.futures == {}
    with pytest.raises(CallError) as err:
        load_call(tmp_path, reading=reading)
    assert [d.code for d in err.value.diagnostics] == ["file-not-found"]
    missing = start_reading(tmp_path / "nowhere")
    assert missing.futures == {}


def test_leaving_a_reading_stops_it(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    for i in range(3):  # more files than the thread reads at once: some are cancelled
        shutil.copy(next((folder / "ratings").glob("*.csv")), folder / "ratings" / f"x{i}.csv")
    n = len(list((folder / "ratings").glob("*.csv")))
    with start_reading(folder) as reading:
        assert len(reading.futures) == n
    assert all(f.done() for f in reading.futures.values())
    assert isinstance(reading, Reading)


def test_score_refused_leaves_no_reading_thread(tmp_path: Path) -> None:
    """``isgrid score`` refuses to write its result over the call's ratings, which it
    read early: the command ends with an error, the file is intact, no thread is left."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = next((folder / "ratings").glob("*.csv"))
    before = ratings.read_bytes()
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json", "-o",
                                   str(ratings), "--force"])
    assert res.exit_code in (1, 2), res.output
    assert ratings.read_bytes() == before
    for t in _reading_threads():
        t.join(timeout=10)
    assert _reading_threads() == []


def test_score_reads_early_and_writes_the_same_result(tmp_path: Path) -> None:
    folder = EXAMPLES / "alsace-2016"
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    from isgrid.engine import score
    expected = score(load_call(folder)).to_json()
    assert json.loads(out.read_bytes()) == json.loads(json.dumps(expected))


@pytest.mark.parametrize("args", [
    ["score", "{folder}"],
    ["call", "check", "{folder}"],
    ["calibrate", "{folder}"],
    ["sensitivity", "{folder}", "--draws", "0"],
    ["report", "{folder}", "--kind", "committee", "--format", "html", "-o", "{out}"],
    ["decisions", "{folder}"],
    ["minutes", "{folder}", "-o", "{out}"],
    ["sheets", "write", "{folder}", "-o", "{outdir}"],
    ["record", "check", "{folder}", "{record}"],
], ids=["score", "call-check", "calibrate", "sensitivity", "report", "decisions", "minutes",
        "sheets-write", "record-check"])
def test_commands_that_load_a_call_read_its_ratings_once_early(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """Every ratings file is prepared once, by the reading thread the command started
    (``@reads_call``), not again by the loading."""
    import isgrid.call.load as load_module
    import isgrid.io.ratingsfile as ratingsfile

    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    record = tmp_path / "record.json"
    if "{record}" in args:  # the audit record to check, written first
        made = CliRunner().invoke(cli, ["score", str(folder), "--record", str(record)])
        assert made.exit_code == 0, made.output
    prepared: list[tuple[str, str]] = []
    real = ratingsfile.prepare_ratings_file

    def recording(path: Path, **how: bool | None) -> ratingsfile.Prepared:
        prepared.append((path.name, threading.current_thread().name))
        return real(path, **how)

    handed: list[Reading | None] = []
    real_load = load_module.load_call

    files_handed: list[int] = []  # the reading's files when it was handed over

    def loading(folder: Path, *, reading: Reading | None = None) -> object:
        handed.append(reading)
        files_handed.append(len(reading.futures) if reading is not None else 0)
        return real_load(folder, reading=reading)

    monkeypatch.setattr(ratingsfile, "prepare_ratings_file", recording)
    monkeypatch.setattr(load_module, "prepare_ratings_file", recording)
    monkeypatch.setattr(load_module, "load_call", loading)
    argv = [a.format(folder=folder, out=tmp_path / "out.html", outdir=tmp_path / "sheets",
                     record=record) for a in args]
    res = CliRunner().invoke(cli, argv)
    assert res.exit_code == 0, res.output
    # the command began reading before it loaded, and the loading took that reading
    assert handed and handed[0] is not None and handed[0].folder == folder
    assert files_handed[0] > 0
    assert handed[0].futures == {}  # each file taken out of the reading as it was read
    names = sorted(p.name for p in (folder / "ratings").glob("*.csv"))
    assert sorted(name for name, _ in prepared) == names
    assert all(thread.startswith("isgrid-ratings") for _, thread in prepared), prepared
    assert _reading_threads() == [] or all(not t.is_alive() for t in _reading_threads())


def test_the_reading_starts_before_numpy_and_arrow_are_imported() -> None:
    """``isgrid.call.early`` imports neither numpy nor Arrow: the reading thread reads the
    bytes while the command imports them (``prefetch``), and the parse waits for them."""
    import subprocess
    import sys

    code = ("import sys; import isgrid.call.early; "
            "print(sorted(m for m in ('numpy', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_a_file_read_early_is_freed_once_the_loading_has_read_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loading takes each prepared file out of the reading: its bytes and Arrow's
    table (150 MB for a national call) are not kept while the command goes on with the
    reading still open (``@reads_call`` closes it when the command ends)."""
    import gc
    import weakref

    import isgrid.io.ratingsfile as ratingsfile
    from isgrid.call.early import start_reading

    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    made: list[weakref.ref[ratingsfile.Prepared]] = []
    real = ratingsfile.prepare_ratings_file

    def recording(path: Path, **how: bool | None) -> ratingsfile.Prepared:
        prep = real(path, **how)
        made.append(weakref.ref(prep))
        return prep

    monkeypatch.setattr(ratingsfile, "prepare_ratings_file", recording)
    with start_reading(folder) as reading:
        call = load_call(folder, reading=reading)
        gc.collect()
        assert len(made) == len(list((folder / "ratings").glob("*.csv"))) > 0
        assert [ref() for ref in made] == [None] * len(made)  # freed, the reading open
    assert len(call.table.dossier) > 0
