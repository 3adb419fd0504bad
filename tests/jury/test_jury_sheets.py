"""Jurors' workbooks: written, filled in as a juror would, imported, scored."""

from __future__ import annotations

import io
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
CALL = {
    "assessors": [{"id": "j1", "name": "Anne"}, {"id": "j2", "name": "Bruno"},
                  {"id": "j3"}, {"id": "i1", "role": "instructeur"}],
    "conflicts": [{"assessor": "j2", "dossier": "D2", "reason": "administrateur"}],
    "budget": 50000,
}
DOSSIERS = [
    {"id": "D1", "title": '=HYPERLINK("http://evil.example","clic")', "amount_requested": 20000}
    | ELIGIBLE,
    {"id": "D2", "title": "Épicerie, solidaire", "amount_requested": 15000} | ELIGIBLE,
    {"id": "D3", "title": "+33 ressourcerie", "amount_requested": 30000} | ELIGIBLE,
]

# What each juror writes in their workbook: (dossier, criterion) -> (cell, comment)
FILL: dict[str, dict[tuple[str, str], tuple[Any, str]]] = {
    "j1": {("D1", "B1"): ("Bon", "Besoin bien documenté, chiffres 2023"),
           ("D1", "B2"): ("Excellent", ""), ("D1", "I1"): (3, "=SOMME(A1)"),
           ("D2", "B1"): ("Moyen", ""), ("D2", "B2"): ("2,5", "demi-point"),
           ("D2", "I1"): (2, ""),
           ("D3", "B1"): (4, "ligne 1\nligne 2"), ("D3", "B2"): (3, ""),
           ("D3", "I1"): ("NE", "je ne peux pas juger")},
    "j2": {("D1", "B1"): (2, ""), ("D1", "B2"): (3.5, "bien, mais"), ("D1", "I1"): ("bon", ""),
           ("D3", "B1"): ("3", ""), ("D3", "B2"): (2, ""), ("D3", "I1"): (4, "")},
    "j3": {("D1", "B1"): (3, ""), ("D1", "B2"): (3, ""), ("D1", "I1"): (3, ""),
           ("D2", "B1"): (4, "très bien"), ("D2", "B2"): (4, ""), ("D2", "I1"): (3, ""),
           ("D3", "B1"): (2, ""), ("D3", "B2"): ("", "pas encore lu")},
    "i1": {("D1", "X1"): ("oui", ""), ("D2", "X1"): ("oui", ""), ("D3", "X1"): (1, "")},
}
# The same ratings as CSV rows (canonical values), for the reference call.
CSV_VALUE = {"Bon": "3", "Excellent": "4", "Moyen": "2", "2,5": "2.5", "NE": "NE",
             "bon": "3", "oui": "1", "3": "3"}
OPINIONS = {"j1": {"D1": ("Favorable", 18000, "solide"), "D2": ("réservé", None, "")},
            "j3": {"D3": ("défavorable", "0", "")}}


def csv_rows() -> list[tuple[Any, ...]]:
    rows = []
    for aid, cells in FILL.items():
        for (did, cid), (value, comment) in cells.items():
            v = CSV_VALUE.get(value, value) if isinstance(value, str) else value
            # the import neutralises a comment a spreadsheet would run as a formula
            shown = "'" + comment if comment.startswith("=") else comment
            rows.append((did, aid, cid, v if v != "" else None, shown))
    return rows


def new_call(tmp_path: Path, name: str = "call", ratings: bool = False,
             **extra: Any) -> Path:
    return make_call(tmp_path, "mini-scored", call=CALL | extra, dossiers=DOSSIERS,
                     ratings=csv_rows() if ratings else (), name=name)


def find_cells(ws: Any) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Header -> column and (dossier, row kind) -> row of a Notation sheet."""
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    rows = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    return cols, rows


def fill_rows(path: Path, aid: str, opinions: bool = True) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cols, rows = find_cells(ws)
    for (did, cid), (value, comment) in FILL[aid].items():
        ws.cell(rows[(did, "note")], cols[cid]).value = value if value != "" else None
        if comment:
            cell = ws.cell(rows[(did, "commentaire")], cols[cid])
            cell.value = comment
            cell.data_type = "s"
    if opinions:
        for did, (op, amount, comment) in OPINIONS.get(aid, {}).items():
            ws.cell(rows[(did, "note")], cols["Avis"]).value = op
            if amount is not None:
                ws.cell(rows[(did, "note")], cols["Montant"]).value = amount
            if comment:
                ws.cell(rows[(did, "commentaire")], cols["Avis"]).value = comment
    wb.save(path)


def filled_j1(tmp_path: Path) -> tuple[Path, Path, Any]:
    """A call, its workbooks in tmp_path/out, j1's filled: (call folder, out, j1's book)."""
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out)
    fill_rows(out / "j1.xlsx", "j1")
    return folder, out, openpyxl.load_workbook(out / "j1.xlsx")


def fill_per_dossier(path: Path, aid: str) -> None:
    wb = openpyxl.load_workbook(path)
    for (did, cid), (value, comment) in FILL[aid].items():
        ws = wb[did]
        for r in range(2, ws.max_row + 1):
            if str(ws.cell(r, 4).value).startswith(cid + " "):
                ws.cell(r, 5).value = value if value != "" else None
                if comment:
                    ws.cell(r, 6).value = comment
                    ws.cell(r, 6).data_type = "s"
    for did, (op, amount, comment) in OPINIONS.get(aid, {}).items():
        ws = wb[did]
        for r in range(2, ws.max_row + 1):
            label = str(ws.cell(r, 4).value)
            if label == "Avis global":
                ws.cell(r, 5).value = op
                ws.cell(r, 6).value = comment or None
            elif label.startswith("Montant") and amount is not None:
                ws.cell(r, 5).value = amount
    wb.save(path)


def rating_set(folder: Path) -> set[tuple[Any, ...]]:
    return {(r.dossier, r.assessor, r.criterion, r.value, r.na, r.comment)
            for r in load_call(folder).ratings}


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "inputs"}


@pytest.mark.parametrize("layout", ["rows", "per-dossier"])
def test_round_trip_equals_csv(tmp_path: Path, layout: str) -> None:
    folder = new_call(tmp_path)
    reference = new_call(tmp_path, "reference", ratings=True)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, layout=layout)
    for aid in FILL:
        (fill_rows if layout == "rows" else fill_per_dossier)(out / f"{aid}.xlsx", aid)
    report = import_sheets(load_call(folder), sorted(out.glob("*.xlsx")))
    assert sorted(p.name for p in report.written if p.parent.name == "ratings") == [
        "i1.csv", "j1.csv", "j2.csv", "j3.csv"]
    assert rating_set(folder) == rating_set(reference)
    assert comparable(score(load_call(folder)).to_json()) == comparable(score(load_call(reference)).to_json())
    opinions = (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()
    assert opinions == ["dossier,assessor,opinion,amount,comment",
                        "D1,j1,favorable,18000,solide", "D2,j1,réservé,,"]
    assert (folder / "opinions" / "j3.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "D3,j3,défavorable,0,"


def test_deports_left_out_and_listed(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    report = write_sheets(load_call(folder), tmp_path / "out")
    j2 = next(p for p in report.plans if p.assessor.id == "j2")
    assert [d for d, _, _ in j2.dossiers] == ["D1", "D3"]
    assert j2.left_out == [("D2", "Épicerie, solidaire")]
    wb = openpyxl.load_workbook(tmp_path / "out" / "j2.xlsx")
    ids = {wb["Notation"].cell(r, 1).value for r in range(2, wb["Notation"].max_row + 1)}
    assert ids == {"D1", "D3"}
    guidance = [c.value for row in wb["Grille"].iter_rows() for c in row if c.value]
    assert any("déport" in str(v) for v in guidance) and "D2" in guidance
    # the instructeur's workbook has the eliminatory criterion; jurés' do not
    heads = [c.value for c in wb["Notation"][1]]
    assert not any(str(h).startswith("X1") for h in heads)
    i1 = openpyxl.load_workbook(tmp_path / "out" / "i1.xlsx")
    assert any(str(c.value).startswith("X1 ") for c in i1["Notation"][1])


def test_workbook_structure(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out")
    wb = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")
    assert wb.sheetnames == ["Notation", "Grille", "_listes", "_isgrid"]
    assert wb["_listes"].sheet_state == "hidden"
    assert wb["_isgrid"].sheet_state == "veryHidden"
    ws = wb["Notation"]
    heads = [c.value for c in ws[1]]
    assert heads[:4] == ["Dossier", "Titre", "Fichier du dossier", "Ligne"]
    # the fixture's criteria are inferred: their heads say it, as the Grille sheet does
    assert heads[4:] == ["B1 — Besoin social (inféré)", "B2 — Public (inféré)",
                         "I1 — Impact (inféré)", "Avis global", "Montant proposé (€)"]
    assert ws.protection.sheet is True
    assert ws["A1"].protection.locked and not ws["E2"].protection.locked
    assert ws["C2"].value == "dossiers/D1.yaml"
    # drop-downs point at the hidden list sheet; labels with commas survive there
    refs = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "_listes!$A$2:$A$7" in refs
    lists = [c.value for c in wb["_listes"]["A"]]
    assert lists == ["s04", "Insuffisant", "Faible", "Moyen", "Bon", "Excellent", "NE"]
    # every row names its dossier and title
    assert all(ws.cell(r, 1).value and ws.cell(r, 2).value for r in range(2, ws.max_row + 1))


def test_formula_injection_neutralised(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out")
    data = (tmp_path / "out" / "j1.xlsx").read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Notation"]
    titles = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    # typed text cells, never run, shown as written (no « ' »: docs/security.md)
    assert titles["D1"].value == "=HYPERLINK(\"http://evil.example\",\"clic\")"
    assert titles["D1"].data_type == "s" and titles["D3"].data_type == "s"
    assert titles["D3"].value == "+33 ressourcerie"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name)


def test_deterministic_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "a")
    time.sleep(1.1)
    write_sheets(load_call(folder), tmp_path / "b", layout="rows")
    for name in ("j1.xlsx", "j2.xlsx", "i1.xlsx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / "j1.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_sheets(load_call(folder), tmp_path / "c")
    with zipfile.ZipFile(tmp_path / "c" / "j1.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in z.read("docProps/core.xml")


def test_mistyped_cell_named_and_nothing_written(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out)
    for aid in ("j1", "j2"):
        fill_rows(out / f"{aid}.xlsx", aid)
    wb = openpyxl.load_workbook(out / "j2.xlsx")
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D3", "note")], cols["B2"]).value = "Exelent"
    wb.save(out / "j2.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx", out / "j2.xlsx"])
    errors = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["value-out-of-scale"]
    # three rows per dossier (note, commentaire, à transmettre) from row 2; j2 has D1 and
    # D3 (déport from D2): D3's note row is 2 + 3 = 5, B2 is column F
    assert str(errors[0].location) == f"{out / 'j2.xlsx'}!Notation!F5"
    assert "Exelent" in errors[0].message
    assert not (folder / "ratings").exists() and not (folder / "opinions").exists()


def test_the_same_bad_value_is_reported_at_each_of_its_cells(tmp_path: Path) -> None:
    # a value is read once per scale (the reader keeps what "Exelent" means), and each
    # cell that holds it is still named; a good value repeated reads the same everywhere
    folder, out, wb = filled_j1(tmp_path)
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D1", "note")], cols["B2"]).value = "Exelent"
    ws.cell(rows[("D3", "note")], cols["B2"]).value = "Exelent"
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    errors = [d for d in exc.value.diagnostics if d.severity == "error"]
    # note rows 2, 5, 8 for D1, D2, D3; B2 is column F
    assert [(d.code, d.location.cell) for d in errors] == [
        ("value-out-of-scale", "F2"), ("value-out-of-scale", "F8")]


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out)
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D1", "note")], cols["B1"]).value = 7
    ws.cell(rows[("D2", "note")], cols["Avis"]).value = "bof"
    ws.cell(rows[("D2", "note")], cols["Montant"]).value = "beaucoup"
    ws.cell(rows[("D3", "note")], cols["I1"]).value = "=1+2"
    ws.cell(1, cols["B2"]).value = "B9 — inconnu"
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx", out / "j1.xlsx",
                                          tmp_path / "missing.xlsx"])
    found = {(d.code, d.location.cell) for d in exc.value.diagnostics if d.severity == "error"}
    # note rows 2, 5, 8 for D1, D2, D3 (three rows per dossier); columns E-G are B1, B2,
    # I1, then H the opinion and I the amount
    assert {("value-out-of-scale", "E2"), ("bad-opinion", "H5"), ("bad-amount", "I5"),
            ("xlsx-formula", "G8"), ("unknown-criterion", "F1"),
            ("file-not-found", None), ("sheet-assessor-twice", None)} <= found


def test_not_an_isgrid_workbook(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.append(["dossier", "value"])
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [tmp_path / "other.xlsx"])
    assert [d.code for d in exc.value.diagnostics] == ["sheet-not-isgrid"]


def test_a_conflicted_row_is_imported_kept_and_told(tmp_path: Path) -> None:
    """j2 (déport on D2, given every dossier) rates D2 in a CSV sheet: the row is written
    like the others and never counts, as in a ratings file (call.deports), with the
    loader's warning at its line (it was refused, the whole sheet with it)."""
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", fmt="csv", lang="en")
    path = tmp_path / "out" / "j2.csv"
    text = path.read_text(encoding="utf-8") + "D2,,,j2,B1,,3,\n"
    path.write_text(text, encoding="utf-8")
    report = import_sheets(load_call(folder), [path])
    told = [d for d in report.warnings if d.code == "conflicted-rating"]
    assert [(d.message, d.location.line) for d in told] == [
        ("j2 is conflicted on D2; their ratings are excluded", 12)]
    assert "D2,j2,B1,3," in (folder / "ratings" / "j2.csv").read_text(encoding="utf-8")


def test_replace_keeps_dated_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    fill_rows(out / "j1.xlsx", "j1")
    import_sheets(load_call(folder), [out / "j1.xlsx"])
    first = (folder / "ratings" / "j1.csv").read_bytes()
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D1", "note")], cols["B1"]).value = "Excellent"  # a corrected version
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert {d.code for d in exc.value.diagnostics} == {"ratings-exist"}
    assert exc.value.exit_code == 2
    assert (folder / "ratings" / "j1.csv").read_bytes() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = import_sheets(load_call(folder), [out / "j1.xlsx"], replace=True)
    kept = folder / "ratings" / "replaced" / "j1.20231114T221320Z.csv"
    assert kept in report.kept and kept.read_bytes() == first
    assert b"D1,j1,B1,4," in (folder / "ratings" / "j1.csv").read_bytes()
    # a second replacement on the same date never overwrites the first copy
    ws.cell(rows[("D1", "note")], cols["B1"]).value = "Faible"
    wb.save(out / "j1.xlsx")
    import_sheets(load_call(folder), [out / "j1.xlsx"], replace=True)
    assert sorted(p.name for p in (folder / "ratings" / "replaced").iterdir()) == [
        "j1.20231114T221320Z-2.csv", "j1.20231114T221320Z.csv"]
    assert load_call(folder).ratings  # the dated copies are not read as ratings


def test_ratings_elsewhere_refused(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS,
                       ratings=[("D1", "j1", "B1", 3)], ratings_file="all.csv")
    # a workbook that does not say what all.csv says (blank); one that does changes
    # nothing and is not refused (test_sheets_prefill.py)
    write_sheets(load_call(folder), tmp_path / "out", only=["j1"], blank=True)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [tmp_path / "out" / "j1.xlsx"])
    assert [d.code for d in exc.value.diagnostics] == ["duplicate-rating"]
    # the file is named (read from the rating columns, not from an object per rating)
    assert str(folder / "ratings" / "all.csv") in str(exc.value.diagnostics[0].message)


def test_csv_sheets_round_trip(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    reference = new_call(tmp_path, "reference", ratings=True)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, fmt="csv")
    text = (out / "j1.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "dossier;title;file;assessor;criterion;label;value;comment;shareable"
    assert "'=HYPERLINK" in text
    for aid in FILL:
        lines = (out / f"{aid}.csv").read_text(encoding="utf-8-sig").splitlines()
        filled = [lines[0]]
        for line in lines[1:]:
            cells = line.split(";")
            did, cid = cells[0], cells[4]
            if (did, cid) in FILL[aid]:
                value, comment = FILL[aid][(did, cid)]
                comment = '"' + comment.replace('"', '""') + '"'
                cells[6], cells[7] = str(value), comment
            filled.append(";".join(cells))
        (out / f"{aid}.csv").write_text("\ufeff" + "\n".join(filled) + "\n", encoding="utf-8")
    import_sheets(load_call(folder), sorted(out.glob("*.csv")))
    assert rating_set(folder) == rating_set(reference)


def test_cli_sheets_and_import(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(cli, ["sheets", str(folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "recused from: D2" in res.output
    res = runner.invoke(cli, ["sheets", str(folder), "-o", str(out)])
    assert res.exit_code == 2 and "output-exists" in res.output
    fill_rows(out / "j1.xlsx", "j1")
    res = runner.invoke(cli, ["sheets", "import", str(folder), str(out / "j1.xlsx")])
    assert res.exit_code == 0, res.output
    assert "j1: 9 ratings" in res.output
    # the same workbook again says what j1's files say: nothing to refuse, nothing written
    res = runner.invoke(cli, ["sheets", "import", str(folder), str(out / "j1.xlsx")])
    assert res.exit_code == 0 and "unchanged" in res.output and "wrote" not in res.output
    # a workbook that says something else needs --replace
    res = runner.invoke(cli, ["sheets", "--assessor", "j1", "--blank", str(folder), "-o",
                              str(tmp_path / "blank")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["sheets", "import", str(folder), str(tmp_path / "blank" / "j1.xlsx")])
    assert res.exit_code == 2 and "ratings-exist" in res.output
    res = runner.invoke(cli, ["sheets", "import", str(folder), str(out / "j1.xlsx"),
                              "--replace"])
    assert res.exit_code == 0, res.output  # same content: nothing to keep
    # and it says so: « j1: 9 ratings » alone left the user guessing whether it wrote
    ratings, opinions = folder / "ratings" / "j1.csv", folder / "opinions" / "j1.csv"
    assert res.output.splitlines()[-3:] == [
        f"left {ratings} unchanged", f"left {opinions} unchanged", "j1: 9 ratings"]
    assert "wrote" not in res.output and "kept" not in res.output
    res = runner.invoke(cli, ["--lang", "fr", "sheets", "import", str(folder),
                              str(out / "j1.xlsx"), "--replace"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-3:] == [
        f"inchangé\u00a0: {ratings}", f"inchangé\u00a0: {opinions}", "j1\u00a0: 9 notes"]


def test_no_assessors(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", dossiers=DOSSIERS)
    with pytest.raises(CallError) as exc:
        write_sheets(load_call(folder), tmp_path / "out")
    assert [d.code for d in exc.value.diagnostics] == ["no-assessors"]


def test_unrated_dossiers_warned(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", only=["j2"])
    wb = openpyxl.load_workbook(tmp_path / "out" / "j2.xlsx")
    cols, rows = find_cells(wb["Notation"])
    wb["Notation"].cell(rows[("D1", "note")], cols["B1"]).value = "Bon"
    wb["Notation"].cell(rows[("D3", "commentaire")], cols["B1"]).value = "à relire"
    wb.save(tmp_path / "out" / "j2.xlsx")
    report = import_sheets(load_call(folder), [tmp_path / "out" / "j2.xlsx"])
    # D1 rated on B1 alone: its B2 and I1 are said too (the jurors rate every criterion),
    # with their empty cells (D1's rating row is row 2; B1, B2, I1 in columns E, F, G)
    assert [(d.code, d.message) for d in report.warnings] == [
        ("ratings-missing", "j2 has not rated 1 of their dossiers yet: D3"),
        ("ratings-missing", "j2 has not rated every criterion of 1 dossier yet (B2, I1 "
                            "missing): D1 (empty cells: Notation!F2, Notation!G2)")]
    assert (report.warnings[1].location.sheet, report.warnings[1].location.cell) == \
        ("Notation", "F2")
    assert (folder / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", "D1,j2,B1,3,", "D3,j2,B1,,à relire"]


def test_english_workbook_round_trip(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", lang="en", only=["j1"])
    wb = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")
    assert wb.sheetnames[:2] == ["Ratings", "Grid"]
    ws = wb["Ratings"]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    rows = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    ws.cell(rows[("D1", "rating")], cols["B1"]).value = "Excellent"
    ws.cell(rows[("D1", "comment")], cols["B1"]).value = "clear need"
    ws.cell(rows[("D1", "rating")], cols["Overall"]).value = "reserved"
    ws.cell(rows[("D1", "rating")], cols["Proposed"]).value = "12 000,50 €"
    wb.save(tmp_path / "out" / "j1.xlsx")
    import_sheets(load_call(folder), [tmp_path / "out" / "j1.xlsx"])
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "D1,j1,B1,4,clear need"
    assert (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "D1,j1,réservé,12000.5,"


def test_strict_import_stops_on_warnings_before_writing(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", only=["j2"])
    res = CliRunner().invoke(cli, ["--strict", "sheets", "import", str(folder),
                                   str(tmp_path / "out" / "j2.xlsx")])
    assert res.exit_code == 1 and "ratings-missing" in res.output
    assert not (folder / "ratings").exists()


def test_import_undone_if_the_call_would_break(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import isgrid.call.load
    from isgrid.errors import Diagnostic, Location

    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    fill_rows(out / "j1.xlsx", "j1")
    import_sheets(load_call(folder), [out / "j1.xlsx"])
    before = {p: p.read_bytes() for p in folder.rglob("*.csv")}
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    cols, rows = find_cells(wb["Notation"])
    wb["Notation"].cell(rows[("D1", "note")], cols["B1"]).value = "Faible"
    wb.save(out / "j1.xlsx")
    call = load_call(folder)

    def broken(_folder: Path) -> None:
        raise CallError("broken", [Diagnostic("duplicate-rating", "simulated",
                                              Location(str(folder)))])

    monkeypatch.setattr(isgrid.call.load, "load_call", broken)
    with pytest.raises(CallError) as exc:
        import_sheets(call, [out / "j1.xlsx"], replace=True)
    assert exc.value.diagnostics[0].message == "simulated"
    assert {p: p.read_bytes() for p in folder.rglob("*.csv")} == before


def test_link_to_the_platform(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    res = CliRunner().invoke(cli, ["sheets", str(folder), "-o", str(tmp_path / "out"),
                                   "--link", "https://plateforme.example/dossiers/{id}"])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")["Notation"]
    assert ws["C2"].value == "https://plateforme.example/dossiers/D1"
    assert ws["C2"].hyperlink.target == "https://plateforme.example/dossiers/D1"
    res = CliRunner().invoke(cli, ["sheets", str(folder), "-o", str(tmp_path / "o2"),
                                   "--link", "=cmd|' /C calc'!A0"])
    assert res.exit_code == 2 and not (tmp_path / "o2").exists()


def test_dossier_document_beside_its_yaml(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    (folder / "dossiers" / "D1.pdf").write_bytes(b"%PDF-1.4\n")
    write_sheets(load_call(folder), tmp_path / "out", only=["j1"])
    ws = openpyxl.load_workbook(tmp_path / "out" / "j1.xlsx")["Notation"]
    files = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(2, ws.max_row + 1)}
    assert files == {"D1": "dossiers/D1.pdf", "D2": "dossiers/D2.yaml",
                     "D3": "dossiers/D3.yaml"}


def test_the_dossiers_folder_is_listed_once(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 jurors x 3 dossiers: the folder was listed once per dossier of each juror (11 times
    # here, j2 being déporté for D2), which made a national call's workbooks quadratic
    from isgrid.jury.sheets import plan_sheets

    folder = new_call(tmp_path)
    (folder / "dossiers" / "D3.pdf").write_bytes(b"%PDF-1.4\n")
    call = load_call(folder)
    listed: list[Path] = []
    real = Path.iterdir

    def counted(self: Path) -> Any:
        if self.name == "dossiers":
            listed.append(self)
        return real(self)

    monkeypatch.setattr(Path, "iterdir", counted)
    plans, _ = plan_sheets(call)
    assert len(listed) == 1
    assert sum(len(plan.dossiers) for plan in plans) == 11
    files = {did: file for plan in plans for did, _, file in plan.dossiers}
    assert files == {"D1": "dossiers/D1.yaml", "D2": "dossiers/D2.yaml",
                     "D3": "dossiers/D3.pdf"}


def test_per_dossier_sheets_carry_the_shareable_mark(tmp_path: Path) -> None:
    """Issue 17: « à transmettre au porteur » round trip (workbook -> ratings file)."""
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, layout="per-dossier", only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["D1"]
    assert ws.cell(1, 7).value == "À transmettre au porteur (oui / non)"
    for r in range(2, ws.max_row + 1):
        label = str(ws.cell(r, 4).value)
        if label.startswith("B1 "):
            ws.cell(r, 5).value, ws.cell(r, 6).value, ws.cell(r, 7).value = (
                "Bon", "Besoin documenté", "oui")
        elif label.startswith("B2 "):
            ws.cell(r, 5).value, ws.cell(r, 6).value, ws.cell(r, 7).value = (
                3, "note pour le jury seulement", "non")
    wb.save(out / "j1.xlsx")
    import_sheets(load_call(folder), [out / "j1.xlsx"])
    text = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    assert text.splitlines() == [
        "dossier,assessor,criterion,value,comment,shareable",
        "D1,j1,B1,3,Besoin documenté,oui",
        "D1,j1,B2,3,note pour le jury seulement,"]
    shared = {(r.dossier, r.criterion) for r in load_call(folder).ratings if r.shareable}
    assert shared == {("D1", "B1")}


def test_a_bad_shareable_mark_in_a_workbook_is_located(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, layout="per-dossier", only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["D1"]
    ws.cell(2, 5).value, ws.cell(2, 7).value = 3, "peut-être"
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    d = exc.value.diagnostics[0]
    assert d.code == "bad-shareable" and d.location.cell == "G2"


def test_rows_sheets_carry_the_shareable_row(tmp_path: Path) -> None:
    """Issue 17: the default layout's « à transmettre » row, written with a oui / non
    drop-down under each criterion, filled as a juror would, imported into the ratings
    file's shareable column."""
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    path = out / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    # three rows per dossier from row 2: D1 2-4, D2 5-7, D3 8-10; criteria B1, B2, I1 in
    # columns E-G, the opinion in H, the amount in I
    assert [(ws.cell(r, 1).value, ws.cell(r, 4).value) for r in range(2, 8)] == [
        ("D1", "note"), ("D1", "commentaire"), ("D1", "à transmettre"),
        ("D2", "note"), ("D2", "commentaire"), ("D2", "à transmettre")]
    assert not ws["E4"].protection.locked and not ws["G4"].protection.locked
    assert ws["H4"].protection.locked and ws["I4"].protection.locked  # no opinion shared
    share = next(dv for dv in ws.data_validations.dataValidation
                 if dv.formula1 == '"oui,non"')
    assert str(share.sqref) == "E4:G4 E7:G7 E10:G10"
    assert share.error == ("Choisissez oui (le commentaire pourra être cité dans le courrier "
                           "au porteur) ou non.")
    guidance = " ".join(str(c.value) for row in wb["Grille"].iter_rows() for c in row
                        if c.value)
    assert "sans votre nom, dans le courrier adressé au porteur" in guidance

    cols, rows = find_cells(ws)
    fill = {  # (dossier, criterion): (rating, comment, à transmettre)
        ("D1", "B1"): ("Bon", "Besoin documenté", "oui"),
        ("D1", "B2"): (3, "note pour le jury seulement", "non"),
        ("D1", "I1"): (2, "Impact à suivre", None),
        ("D2", "B1"): (4, "Très bien", " OUI "),  # as typed over the drop-down
        ("D3", "I1"): (2, None, "oui"),  # a mark over no comment: nothing to quote
    }
    for (did, cid), (value, comment, mark) in fill.items():
        ws.cell(rows[(did, "note")], cols[cid]).value = value
        ws.cell(rows[(did, "commentaire")], cols[cid]).value = comment
        ws.cell(rows[(did, "à transmettre")], cols[cid]).value = mark
    wb.save(path)
    import_sheets(load_call(folder), [path])
    # by hand: oui only where the mark is yes and there is a comment to quote
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment,shareable",
        "D1,j1,B1,3,Besoin documenté,oui",
        "D1,j1,B2,3,note pour le jury seulement,",
        "D1,j1,I1,2,Impact à suivre,",
        "D2,j1,B1,4,Très bien,oui",
        "D3,j1,I1,2,,"]
    shared = {(r.dossier, r.criterion) for r in load_call(folder).ratings if r.shareable}
    assert shared == {("D1", "B1"), ("D2", "B1")}


def test_rows_sheets_without_a_shared_comment_keep_the_five_columns(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D1", "note")], cols["B1"]).value = 3
    ws.cell(rows[("D1", "à transmettre")], cols["B1"]).value = "oui"  # over no comment
    ws.cell(rows[("D1", "à transmettre")], cols["B2"]).value = "non"
    wb.save(out / "j1.xlsx")
    import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", "D1,j1,B1,3,"]


def test_a_bad_mark_in_the_rows_layout_is_located(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    path = out / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    cols, rows = find_cells(ws)
    ws.cell(rows[("D2", "note")], cols["B2"]).value = 3
    ws.cell(rows[("D2", "commentaire")], cols["B2"]).value = "à discuter"
    ws.cell(rows[("D2", "à transmettre")], cols["B2"]).value = "peut-être"
    # a second « à transmettre » row for D1 (a copied row), both filled in
    ws.cell(rows[("D1", "à transmettre")], cols["B2"]).value = "non"
    last = ws.max_row + 1
    for c in range(1, 8):  # copied as a spreadsheet copies: a text cell stays a text
        source = ws.cell(rows[("D1", "à transmettre")], c)
        ws.cell(last, c).value = source.value
        ws.cell(last, c).data_type = source.data_type
    ws.cell(last, cols["B1"]).value = "oui"
    wb.save(path)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path])
    errors = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["bad-shareable", "duplicate-rating"]
    # D2's « à transmettre » row is 2 + 3 + 2 = 7; B2 is column F
    assert str(errors[0].location) == f"{path}!Notation!F7"
    assert "peut-être" in errors[0].message and errors[0].hint.startswith("Write oui when")
    assert f"{path}!Notation!A4" in errors[1].message  # the first D1 row of that kind
    assert not (folder / "ratings").exists()


def test_english_rows_sheets_share_row(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    write_sheets(load_call(folder), tmp_path / "out", lang="en", only=["j1"])
    path = tmp_path / "out" / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Ratings"]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    rows = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    assert any(dv.formula1 == '"yes,no"' for dv in ws.data_validations.dataValidation)
    ws.cell(rows[("D1", "rating")], cols["B1"]).value = "Excellent"
    ws.cell(rows[("D1", "comment")], cols["B1"]).value = "clear need"
    ws.cell(rows[("D1", "share")], cols["B1"]).value = "yes"
    wb.save(path)
    import_sheets(load_call(folder), [path])
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment,shareable", "D1,j1,B1,4,clear need,oui"]


def _with_a_sheet_entry_without_its_part(path: Path) -> None:
    """A workbook as older Excel files have them: a sheet entry with no part behind it,
    which openpyxl drops with a Python warning."""
    parts = {}
    with zipfile.ZipFile(path) as zin:
        for name in zin.namelist():
            parts[name] = zin.read(name)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b'<sheet name="Ancien" sheetId="99"/></sheets>', 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def test_openpyxl_warnings_never_reach_the_user(tmp_path: Path) -> None:
    """openpyxl warns about parts of a workbook it drops; isgrid reads only the values, and
    the user saw « UserWarning: File contains an invalid specification for 0 » on the
    terminal (in English, with openpyxl's file and line).  In a fresh process, as a user
    runs it: the warning filters are the interpreter's own."""
    import sys

    folder = new_call(tmp_path)
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["sheets", str(folder), "-o", str(out)]).exit_code == 0
    fill_rows(out / "j1.xlsx", "j1")
    _with_a_sheet_entry_without_its_part(out / "j1.xlsx")
    with zipfile.ZipFile(out / "j1.xlsx") as z:  # the workbook does hold the bad entry
        assert b'sheetId="99"' in z.read("xl/workbook.xml")
    done = subprocess.run([sys.executable, "-W", "default", "-m", "isgrid", "sheets",
                           "import", str(folder), str(out / "j1.xlsx")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "j1: 9 ratings" in done.stdout + done.stderr
    assert "Warning" not in done.stderr and "warn(" not in done.stderr, done.stderr


def test_an_emptied_header_loses_no_ratings(tmp_path: Path) -> None:
    """A criterion's header cell emptied (Notation!E1, B1's column), or the last column's
    (I1, the amount): the column's values were dropped without a word (« j1: 42 ratings »
    instead of 49); now the import stops at the header cell."""
    folder, out, wb = filled_j1(tmp_path)
    ws = wb["Notation"]
    cols, _ = find_cells(ws)
    # columns E-G are B1, B2, I1, then H the opinion and I the amount (as above)
    assert (cols["B1"], cols["Montant"]) == (5, 9)
    ws.cell(1, cols["B1"]).value = None
    ws.cell(1, cols["Montant"]).value = None
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    found = sorted((d.code, d.location.cell) for d in exc.value.diagnostics
                   if d.severity == "error")
    assert found == [("column-without-header", "E1"), ("column-without-header", "I1")]
    assert not (folder / "ratings").exists()


def test_links_out_of_the_call_are_never_written_through(tmp_path: Path) -> None:
    """``opinions`` or ``ratings/replaced`` a link to a folder outside the call: the import
    wrote the juror's opinions (or the dated copy) there; now it stops, nothing written.
    ``assignments.csv`` a link out: it was read by ``sheets``; now an error."""
    folder = new_call(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out)
    fill_rows(out / "j1.xlsx", "j1")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "opinions").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    found = [(d.code, d.message) for d in exc.value.diagnostics if d.severity == "error"]
    assert found == [("path-escape", "opinions links outside the call folder")]
    assert list(outside.iterdir()) == [] and not (folder / "ratings").exists()
    (folder / "opinions").unlink()
    import_sheets(load_call(folder), [out / "j1.xlsx"])  # the first import
    (folder / "ratings" / "replaced").symlink_to(outside, target_is_directory=True)
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    cols, rows = find_cells(wb["Notation"])
    wb["Notation"].cell(rows[("D1", "note")], cols["B1"]).value = "Faible"
    wb.save(out / "j1.xlsx")
    before = (folder / "ratings" / "j1.csv").read_bytes()
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"], replace=True)
    assert [d.code for d in exc.value.diagnostics if d.severity == "error"] == ["path-escape"]
    assert list(outside.iterdir()) == [] and (folder / "ratings" / "j1.csv").read_bytes() == before
    # assignments.csv
    (folder / "ratings" / "replaced").unlink()
    (outside / "a.csv").write_text("dossier,assessor\nD1,j1\n", encoding="utf-8")
    (folder / "assignments.csv").symlink_to(outside / "a.csv")
    with pytest.raises(CallError) as exc:
        load_call(folder)
    assert [(d.code, d.message) for d in exc.value.diagnostics if d.severity == "error"] == [
        ("path-escape", "assignments.csv links outside the call folder")]


def test_a_folder_of_returned_workbooks(tmp_path: Path) -> None:
    """« sheets import appel retour/ » said « no file retour »: a folder stands for the
    workbooks and CSV sheets in it (Excel's lock files left out)."""
    folder = new_call(tmp_path)
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out)
    for aid in ("j1", "j2"):
        fill_rows(out / f"{aid}.xlsx", aid)
    (out / "~$j1.xlsx").write_bytes(b"lock")  # Excel's, while j1.xlsx is open
    report = import_sheets(load_call(folder), [out])
    # every workbook of the folder (sheets wrote one per assessor); the lock file ignored
    assert sorted(report.counts) == ["i1", "j1", "j2", "j3"]
    assert report.counts["j1"] > 0 and report.counts["j2"] > 0
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [empty])
    assert [d.code for d in exc.value.diagnostics] == ["file-not-found"]
    assert "no workbook (.xlsx, .ods) or CSV sheet in" in exc.value.diagnostics[0].message
