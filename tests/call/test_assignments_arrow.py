"""A national call's ``assignments.csv`` read by Arrow (:func:`isgrid.call.assignments.read_assigned`)
gives what the row reader gives, and any file Arrow cannot read the same way goes row by row."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from isgrid.call.assignments import by_assessor, read_assigned
from isgrid.io import ratingsfile
from isgrid.io.tabular import csv_columns


def _texts(folder: Path) -> dict[str, list[str]] | None:
    got = read_assigned(folder)
    return None if got is None else {
        a: [got.dossiers[i] for i in codes.tolist()] for a, codes in got.by_assessor.items()}


def _row_reader(folder: Path) -> dict[str, list[str]] | None:
    cols = csv_columns(folder / "assignments.csv", ("assessor", "dossier"))
    return None if cols is None else by_assessor(zip(cols["assessor"], cols["dossier"],
                                                     strict=True))


def _write(folder: Path, header: str, rows: list[str], sep: str = ",", end: str = "\n",
           bom: bool = False) -> None:
    text = end.join([header, *rows]) + end
    (folder / "assignments.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"")
                                             + text.encode("utf-8"))


def _rows(rng: random.Random, n: int, sep: str) -> list[str]:
    """Rows with repeats, blank cells, spaces around ids and a third column."""
    out = []
    for _ in range(n):
        d = rng.choice([f"D{rng.randrange(3000):05d}", f" D{rng.randrange(50):05d} ", ""])
        a = rng.choice(["j1", "j2", " j3", "j4 ", "", "j10"])
        out.append(sep.join([d, a, rng.choice(["", "note"])]))
    return out


@pytest.mark.parametrize(("sep", "end", "bom", "header"), [
    (",", "\n", False, "dossier,assessor,note"),
    (";", "\r\n", True, "Dossier ; ASSESSOR;note"),
    ("\t", "\n", False, "note\tdossier\tassessor"),
])
def test_arrow_reads_what_the_row_reader_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               sep: str, end: str, bom: bool, header: str) -> None:
    rng = random.Random(len(sep) + len(end))
    rows = _rows(rng, 12_000, sep)
    if header.startswith("note"):  # the columns in another order
        rows = [sep.join([r.split(sep)[2], *r.split(sep)[:2]]) for r in rows]
    _write(tmp_path, header.replace(";", sep).replace(",", sep), rows, sep, end, bom)
    assert (tmp_path / "assignments.csv").stat().st_size >= ratingsfile.ARROW_MIN_BYTES
    parsed: list[object] = []
    real = ratingsfile.plain_csv_table

    def spy(data: bytes) -> object:
        got = real(data)
        parsed.append(got)
        return got

    monkeypatch.setattr("isgrid.call.assignments.plain_csv_table", spy)
    want = _row_reader(tmp_path)
    assert _texts(tmp_path) == want
    assert parsed and parsed[0] is not None  # Arrow did read it
    assert list(_texts(tmp_path) or {}) == list(want or {})  # assessors in first-row order


@pytest.mark.parametrize("flaw", ["blank line", "extra cell", "short row", "quoted newline",
                                  "cp1252", "no dossier column"])
def test_a_file_arrow_cannot_read_alike_goes_row_by_row(tmp_path: Path, flaw: str) -> None:
    rng = random.Random(3)
    rows = [r.rsplit(",", 1)[0] for r in _rows(rng, 15_000, ",")]
    header = "dossier,assessor"
    at = 7_000
    if flaw == "blank line":
        rows.insert(at, "")
    elif flaw == "extra cell":
        rows[at] += ",x"
    elif flaw == "short row":
        rows[at] = "D00001"
    elif flaw == "quoted newline":
        rows[at] = '"D0\n0001",j1'
    elif flaw == "no dossier column":
        header = "dossiers,assessor"
    _write(tmp_path, header, rows)
    if flaw == "cp1252":
        path = tmp_path / "assignments.csv"
        path.write_bytes(path.read_bytes() + "Dé01,j1\n".encode("cp1252"))
    assert (tmp_path / "assignments.csv").stat().st_size >= ratingsfile.ARROW_MIN_BYTES
    got = _texts(tmp_path)
    assert got == _row_reader(tmp_path)
    if flaw == "no dossier column":
        assert got == {}  # every dossier cell blank: nothing assigned
    else:
        assert got and sum(map(len, got.values())) > 2_000
