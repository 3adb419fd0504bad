"""A blank row of a ratings file (no value, no n/a, no comment: a line still to fill in,
as ``isgrid call init``'s ``ratings/ratings.csv`` holds for the example juror j1) rates
nothing (``RatingTable.blank``): it repeats no rating and holds no juror's place, so j1's
first workbook import is not refused as rating D001 twice (it was: ``duplicate-rating``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError


def run(*args: object) -> str:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def test_the_first_import_after_call_init_is_not_refused(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    run("call", "init", folder, "--grid", "alterincub")
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    text = text.replace("# assessors:\n#   - {id: j1", "assessors:\n  - {id: j1")
    (folder / "call.yaml").write_text(text, encoding="utf-8")
    blank = (folder / "ratings" / "ratings.csv").read_bytes()
    assert b"D001,j1,AI-01,," in blank  # the blank rows that collided
    run("sheets", folder, "-o", tmp_path / "out")
    book = tmp_path / "out" / "j1.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    rated = [k for k in cols if k.startswith("AI-") and not k.startswith("AI-E")]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 4).value == "note":
            for k in rated:
                ws.cell(r, cols[k]).value = 3
    wb.save(book)
    out = run("sheets", "import", folder, book)
    assert f"j1: {len(rated)} ratings" in out
    assert (folder / "ratings" / "ratings.csv").read_bytes() == blank  # kept as it was
    call = load_call(folder)  # both files read: the blank rows repeat nothing
    assert not [w for w in call.warnings if w.code == "duplicate-rating"]
    assert sorted(call.table.files_of("j1")) == [str(folder / "ratings" / "j1.csv")]


def test_a_blank_row_repeats_nothing_but_a_value_or_a_comment_does(tmp_path: Path) -> None:
    rows = [("A", "j1", "B1", 3, ""), ("A", "j1", "B1", None, ""),  # blank: fine
            ("B", "j1", "B1", 2, ""), ("B", "j1", "B1", None, "à revoir"),
            ("C", "j1", "B1", 4, ""), ("C", "j1", "B1", 4, "")]
    folder = make_call(tmp_path, "mini-scored", dossiers=[{"id": d} for d in "ABC"],
                       ratings=rows)
    try:
        load_call(folder)
        raise AssertionError("two ratings of one cell must be refused")
    except CallError as exc:
        said = sorted(str(d.message) for d in exc.diagnostics if d.code == "duplicate-rating")
    # B's comment-only row and C's second value are ratings repeated; A's blank row is not
    assert len(said) == 2
    assert any(" of B twice" in m for m in said) and any(" of C twice" in m for m in said)
