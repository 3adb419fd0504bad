"""``RatingTable.where``: the file and line of one rating, without the whole columns.

A diagnostic on a few ratings (a conflicted juré's, a duplicate) names their file and
line; ``where`` finds them in the parts the table was made of.  Checked here against
the columns :attr:`RatingTable.file` and :attr:`RatingTable.line`, over two files, one
read by Arrow's path (a line per row) and one by the row reader (a blank line and a
cp1252 byte make its lines uneven).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.call.load import load_call
from isgrid.io import ratingsfile


def test_where_is_the_columns_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)  # Arrow's path for a small file
    dossiers = [{"id": f"d{i}", "title": f"Projet {i}"} for i in range(4)]
    folder = make_call(tmp_path, ONE_CRITERION, None, dossiers,
                       [(f"d{i}", "a1", "C", 3) for i in range(4)])
    # a second file whose rows are not one per line after the header
    (folder / "ratings" / "a2.csv").write_bytes(
        b"dossier,assessor,criterion,value,comment\n"
        b"d0,a2,C,2,\n\n"
        b"d1,a2,C,1,caf\xe9\n"
        b"d3,a2,C,4,\n")
    table = load_call(folder).table
    assert len(table) == 7
    assert [type(p.line) for p in table._parts] == [range, list]  # both paths taken
    columns = [(table.files[table.file[k]], int(table.line[k])) for k in range(len(table))]
    assert [table.where(k) for k in range(len(table))] == columns
    # worked out by hand: a1.csv's rows on lines 2-5, then a2.csv's on lines 2, 4 and 5
    assert [(Path(f).name, line) for f, line in columns] == [
        ("a1.csv", 2), ("a1.csv", 3), ("a1.csv", 4), ("a1.csv", 5),
        ("a2.csv", 2), ("a2.csv", 4), ("a2.csv", 5)]
    for outside in (len(table), -1):
        with pytest.raises(IndexError):
            table.where(outside)
