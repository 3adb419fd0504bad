"""A call's ratings are parsed by Arrow only when they are large enough for it to pay.

Importing Arrow costs more than its parse saves on a regional call's few kilobytes
(``isgrid.io.ratingsfile.ARROW_MIN_BYTES``): below it the files are read row by row,
and Arrow is not imported at all.  Both ways give the same table
(``tests/call/test_ratings_paths.py`` compares them file by file); here, the choice
itself, made once for the whole call.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import isgrid.io.ratingsfile as ratingsfile
from isgrid.call.early import start_reading
from isgrid.call.load import load_call
from isgrid.engine import score
from testpaths import EXAMPLES


def test_the_choice_is_made_on_the_files_together(tmp_path: Path) -> None:
    limit = ratingsfile.ARROW_MIN_BYTES
    small = [tmp_path / f"j{i}.csv" for i in range(4)]
    for p in small:
        p.write_bytes(b"x" * (limit // 4 - 1))  # 4 bytes short of the limit in all
    assert not ratingsfile.arrow_worth(small)
    small[0].write_bytes(b"x" * (limit // 4 + 3))  # now exactly the limit
    assert ratingsfile.arrow_worth(small)
    assert not ratingsfile.arrow_worth([tmp_path / "absent.csv"])  # reported when read
    assert not ratingsfile.arrow_worth([])


def _ratings(folder: Path) -> list[Path]:
    return sorted((folder / "ratings").glob("*.csv"))


def test_a_regional_call_is_read_row_by_row_and_gives_the_same_call(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    assert sum(p.stat().st_size for p in _ratings(folder)) < ratingsfile.ARROW_MIN_BYTES
    with start_reading(folder) as reading:
        prepared = dict(reading.futures)  # the loading takes each out as it reads it
        rows = load_call(folder, reading=reading)
        assert prepared and all(f.result().arrow is None for f in prepared.values())
    monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)
    with start_reading(folder) as reading:
        prepared = dict(reading.futures)  # the loading takes each out as it reads it
        parsed = load_call(folder, reading=reading)
        assert prepared and all(f.result().arrow is not None for f in prepared.values())
    for name in ("dossier", "criterion", "assessor", "value", "na"):
        assert np.array_equal(np.asarray(getattr(rows.table, name)),
                              np.asarray(getattr(parsed.table, name)), equal_nan=True), name
    assert rows.inputs == parsed.inputs
    assert score(rows).to_json() == score(parsed).to_json()


def test_a_call_over_the_limit_is_parsed_by_arrow(tmp_path: Path) -> None:
    """Several files, each below the limit, that pass it together: Arrow for every one."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    files = _ratings(folder)
    total = sum(p.stat().st_size for p in files)
    tables = [list(csv.reader(io.StringIO(p.read_text(encoding="utf-8")))) for p in files]
    n_rows = sum(len(t) - 1 for t in tables)
    pad = "x" * (ratingsfile.ARROW_MIN_BYTES // n_rows + 1)  # a long comment on each row
    for p, table in zip(files, tables, strict=True):
        at = table[0].index("comment")
        for row in table[1:]:
            row[at] = (row[at] + " " + pad).strip()
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        p.write_text(out.getvalue(), encoding="utf-8")
    assert all(p.stat().st_size < ratingsfile.ARROW_MIN_BYTES for p in files)
    assert sum(p.stat().st_size for p in files) >= ratingsfile.ARROW_MIN_BYTES > total
    with start_reading(folder) as reading:
        prepared = dict(reading.futures)  # the loading takes each out as it reads it
        call = load_call(folder, reading=reading)
        assert prepared and all(f.result().arrow is not None for f in prepared.values())
    assert len(call.table) == n_rows


def test_scoring_a_regional_call_does_not_import_arrow() -> None:
    """What the threshold is for: no Arrow in the process (``python -X importtime``)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "isgrid", "score",
         str(EXAMPLES / "alsace-2016")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    imported = [ln.rsplit("|", 1)[-1].strip() for ln in run.stderr.splitlines()
                if ln.startswith("import time:")]
    assert "isgrid.io.ratingsfile" in imported  # the trace is the one expected
    assert not [m for m in imported if m.split(".")[0] == "pyarrow"]
