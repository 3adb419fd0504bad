"""CSV tables read within bounds (isgrid.io.csvtext; docs/security.md, « Tables are read
within bounds »): the lines go to the csv reader a chunk at a time, and a cell of more
than MAX_CELL_CHARS characters is refused at its line and column before it costs memory.

The acceptance test: ``isgrid call check`` of a call whose ratings file (or dossier
table) holds one cell of 100 MB fails with exit 1 and the cell's place, in a process
limited to 1 GB of address space.  Before, the ratings file took 1.7 GB at 150 MB (the
text copied into ``io.StringIO`` at four bytes a character, the csv reader's buffer
doubling to eight), and died of a MemoryError under the limit.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from isgrid.errors import Collector
from isgrid.io import csvtext
from isgrid.io.csvtext import bounded_lines, line_problem
from isgrid.io.tabular import parse_csv
from testpaths import EXAMPLES

GB = 1024**3


def test_bounded_lines_are_those_of_stringio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 16 characters and a limit of 40: every line is given as StringIO gives
    it (chunk ends, lines longer than a chunk, no final newline, blank lines)."""
    monkeypatch.setattr(csvtext, "_CHUNK", 16)
    monkeypatch.setattr(csvtext, "MAX_CELL_CHARS", 40)
    rng = random.Random(7)
    for _ in range(300):
        lines = [",".join("".join(rng.choice('ab "\n') for _ in range(rng.randrange(12)))
                          for _ in range(rng.randrange(4)))
                 for _ in range(rng.randrange(8))]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        assert list(bounded_lines(text, ",")) == list(io.StringIO(text, newline=""))


def test_a_line_longer_than_a_chunk_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvtext, "_CHUNK", 16)
    monkeypatch.setattr(csvtext, "MAX_CELL_CHARS", 20)
    ok = "a,b\n" + "x" * 20 + "," + "y" * 20 + "\nc,d\n"  # two cells at the limit
    assert list(bounded_lines(ok, ",")) == ["a,b\n", "x" * 20 + "," + "y" * 20 + "\n", "c,d\n"]
    lines = bounded_lines("a,b\nx;" + '"' + "y" * 20 + '"' + "\n", ";")
    assert next(lines) == "a,b\n"
    with pytest.raises(csvtext.CellTooLarge) as err:
        next(lines)
    assert (err.value.column, err.value.chars) == (2, 22)  # quotes included, as written


def long_cell(text: str, at: int, sep: str) -> tuple[type, int, int] | None:
    found = line_problem(text, at, sep)
    return None if found is None else (type(found), found.column, found.chars)


def test_long_cell_finds_the_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvtext, "MAX_CELL_CHARS", 8)
    big = csvtext.CellTooLarge
    assert long_cell('ab,"c,d""e",123456789\n', 0, ",") == (big, 3, 9)
    assert long_cell('ab,"c,d""ef",1\n', 0, ",") == (big, 2, 9)  # « "c,d""ef" »
    assert long_cell('ab,"c\nd\nefgh",1\n', 0, ",") == (big, 2, 10)  # a quoted cell over lines
    assert long_cell("ab,cdefghi\n123456789\n", 0, ",") is None  # the row ends on line 1
    assert long_cell("x\tabcdefghi", 0, "\t") == (big, 2, 9)
    assert long_cell("abc,123456789", 4, ",") == (big, 1, 9)  # a row starting at offset 4


def test_too_many_cells_stops_at_the_first_beyond(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvtext, "MAX_CELLS", 3)
    assert long_cell("a,b,c\n", 0, ",") is None
    assert long_cell("a,b,c,d,e\n", 0, ",") == (csvtext.TooManyCells, 4, 0)
    monkeypatch.setattr(csvtext, "MAX_CELL_CHARS", 2)  # whichever comes first
    assert long_cell("a,bcd,e,f\n", 0, ",") == (csvtext.CellTooLarge, 2, 3)


def test_a_dossier_title_over_the_limit_is_refused_at_its_cell() -> None:
    head = "id,title\nD01,Un titre\n"
    d = Collector()
    table = parse_csv(head + "D02," + "t" * 1_000_000 + "\n", "dossiers.csv", d)
    assert not d.items and table is not None
    assert table.rows[1].values["title"] == "t" * 1_000_000
    d = Collector()
    assert parse_csv(head + "D02," + "t" * 1_000_001 + "\nD03,x\n", "dossiers.csv", d) is None
    assert [x.format() for x in d.items] == [
        "Error: dossiers.csv:3:2: a cell of 1,000,001 characters; the limit is 1,000,000 "
        "[cell-too-large]\n  Hint: Shorten the cell, or keep the long text in a document of "
        "its own (a spreadsheet cell holds at most 32,767 characters)."]


SCRIPT = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from isgrid.cli.main import main
    sys.argv = ["isgrid", "--lang", "en", "call", "check", sys.argv[1]]
    main()
""")


@pytest.mark.parametrize("where", ["ratings-undeclared", "ratings-declared", "dossiers"])
def test_call_check_of_a_100_mb_cell_fails_under_1_gb(tmp_path: Path, where: str) -> None:
    call = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cell = "x" * 100_000_000
    if where == "dossiers":
        shutil.rmtree(call / "dossiers")
        bad = call / "dossiers.csv"
        ids = [f"AL16-0{i}" for i in (1, 2, 3, 4, 5, 7, 8)]
        bad.write_text("id,title\n" + "".join(f"{d},{cell if d == 'AL16-02' else d}\n"
                                              for d in ids))
        place = f"{bad}:3:2"
    else:
        bad = call / "ratings" / "zz.csv"
        who = "j9" if where.endswith("undeclared") else "j1"
        bad.write_text(f"dossier,assessor,criterion,value,comment\nAL16-01,{who},ALS-1,3,{cell}\n")
        place = f"{bad}:2:5"
    # Arrow's allocator (mimalloc) reserves 1 GB of addresses when the limit allows it:
    # the system's allocator makes the limit measure what is used
    env = os.environ | {"ARROW_DEFAULT_MEMORY_POOL": "system"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(limit=GB), str(call)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    assert (f"Error: {place}: a cell of 100,000,000 characters; the limit is 1,000,000 "
            "[cell-too-large]") in proc.stderr, proc.stderr[-3000:]


def test_the_limit_holds_after_a_library_set_another() -> None:
    """The csv module's limit is the process's: frictionless (the open-data export's
    validator) sets a larger one when imported, and the full suite's order let a 1,000,001
    character title through after the export's tests."""
    import csv
    import sys

    before = csv.field_size_limit(sys.maxsize)
    try:
        d = Collector()
        assert parse_csv("id,title\nD01," + "t" * 1_000_001 + "\n", "dossiers.csv", d) is None
        assert [x.code for x in d.items] == ["cell-too-large"]
    finally:
        csv.field_size_limit(before)
