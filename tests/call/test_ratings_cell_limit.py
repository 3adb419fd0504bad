"""A ratings cell of at most MAX_CELL_CHARS characters is read; a longer one is refused
at its line and column, the same on both paths (docs/security.md, « Tables are read
within bounds »).  The two readers are compared as in :mod:`test_ratings_paths`."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ratings_paths import H, compare, write_call

from isgrid.io.csvtext import MAX_CELL_CHARS


@pytest.fixture(autouse=True)
def _arrow_at_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import isgrid.io.ratingsfile as ratingsfile
    monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)


def test_the_limit_is_a_million_characters() -> None:
    assert MAX_CELL_CHARS == 1_000_000


def test_a_comment_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,3," + "x" * 1_000_000 + "\n"})
    normal, taken = compare(folder)
    assert taken == [True]  # Arrow's parse was used: no cell is over the limit in bytes
    assert normal["comment"] == ["x" * 1_000_000]


def test_a_comment_of_the_limit_in_characters_but_not_bytes_is_read(tmp_path: Path) -> None:
    """1,000,000 characters, 1,000,001 bytes: the row reader decides, and reads it."""
    comment = "é" + "x" * 999_999
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,3," + comment + "\nD02,j1,B1,2,\n"})
    normal, taken = compare(folder)
    assert taken == []  # Arrow's parse was set aside: the fast path never ran
    assert normal["comment"] == [comment, ""]


def _only_error(snap: dict) -> tuple:
    assert snap["error"] == "CallError", snap
    (diag,) = [d for d in snap["diagnostics"] if d[0] == "cell-too-large"]
    return diag


def test_a_comment_one_character_over_the_limit_is_refused(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,2,\nD01,j1,B2,3,"
                                   + "x" * 1_000_001 + "\n"})
    normal, _ = compare(folder)
    code, severity, message, location, hint = _only_error(normal)
    assert (code, severity) == ("cell-too-large", "error")
    assert message == "a cell of 1,000,001 characters; the limit is 1,000,000"
    assert location[:3] == (str(folder / "ratings" / "r.csv"), 3, 5)  # line 3, comment
    assert "32,767" in hint


def test_a_long_line_is_refused_before_the_csv_reader_copies_it(tmp_path: Path) -> None:
    """Longer than a chunk (2**20 characters): found by bounded_lines, in column 4."""
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1," + "3" * 1_500_000 + ",ok\n"})
    normal, _ = compare(folder)
    _, _, message, location, _ = _only_error(normal)
    assert message == "a cell of 1,500,000 characters; the limit is 1,000,000"
    assert location[1:3] == (2, 4)


def test_a_quoted_cell_over_many_short_lines_is_refused_at_its_row(tmp_path: Path) -> None:
    """Each line is short: the csv reader's own limit stops it; the row starts on line 3."""
    cell = '"' + ("y" * 99 + "\n") * 10_001 + '"'  # 1,000,100 characters inside the quotes
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,2,\nD01,j1,B2,3," + cell + "\n"})
    normal, _ = compare(folder)
    _, _, message, location, _ = _only_error(normal)
    assert message == "a cell of 1,000,102 characters; the limit is 1,000,000"  # as written
    assert location[1:3] == (3, 5)
