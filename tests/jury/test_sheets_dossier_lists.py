"""``sheets import`` holds each row's dossier id against the juror's dossiers.

On the shipped Alsace example: j1, j2 and j3 rate AL16-01..05, 07 and 08 (call.yaml's
lists; AL16-06 is nobody's juré dossier), j2 has a déport on AL16-01.  So j1's
workbook holds 7 dossiers, three rows each from row 2 (AL16-01 rows 2-4, AL16-02 5-7,
AL16-03 8-10...); j2's holds 6 (AL16-02 rows 2-4, AL16-03 5-7...).  The seven juré
criteria are columns E-K.  In the French CSV sheet, nine rows per dossier (the seven
criteria, the opinion, the amount) after the header: AL16-02's first is line 11.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError, Diagnostic
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

J1 = ["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-07", "AL16-08"]
CRITERIA = range(5, 12)  # columns E-K


def alsace(tmp_path: Path) -> Path:
    """The Alsace example without j1's and j2's ratings (their workbooks are imported)."""
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    for aid in ("j1", "j2"):
        (folder / "ratings" / f"{aid}.csv").unlink()
    return folder


def j1_dossiers(folder: Path, ids: list[str]) -> None:
    """call.yaml gives j1 these dossiers (the assignments changed)."""
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    head, j1, rest = text.partition("- id: j1\n")
    block, j2, tail = rest.partition("- id: j2\n")
    new = re.sub(r"dossiers: \[[^]]*\]", "dossiers: [" + ", ".join(ids) + "]", block)
    assert j1 and j2 and "dossiers: [" in block
    path.write_text(head + j1 + new + j2 + tail, encoding="utf-8")


def rate(ws: Any, row: int, value: Any = 3) -> None:
    for col in CRITERIA:
        ws.cell(row, col).value = value


def errors(exc: pytest.ExceptionInfo[CallError]) -> list[tuple[str, str]]:
    return [(d.code, str(d.location)) for d in exc.value.diagnostics if d.severity == "error"]


def the(code: str, diags: list[Diagnostic]) -> Diagnostic:
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, diags
    return found[0]


def ratings_of(folder: Path, aid: str) -> list[str]:
    return (folder / "ratings" / f"{aid}.csv").read_text(encoding="utf-8").splitlines()


def _edit_ids(folder: Path, out: Path, *, keep_titles: bool) -> None:
    """j1 edits AL16-02's id (A5) into AL16-06, a dossier of the call that is not theirs;
    j2 edits AL16-02's (A2) into AL16-01, their déport; the titles kept or emptied."""
    write_sheets(load_call(folder), out, only=["j1", "j2"])
    for aid, row, other in (("j1", 5, "AL16-06"), ("j2", 2, "AL16-01")):
        wb = openpyxl.load_workbook(out / f"{aid}.xlsx")
        ws = wb["Notation"]
        assert ws.cell(row, 1).value == "AL16-02" and ws.cell(row, 4).value == "note"
        rate(ws, 2 if aid == "j1" else 5)  # another dossier, rated as it should be
        ws.cell(row, 1).value = other
        if not keep_titles:
            ws.cell(row, 2).value = None
        rate(ws, row, "Bon")
        wb.save(out / f"{aid}.xlsx")


def _import_edited(tmp_path: Path, *, keep_titles: bool
                   ) -> tuple[Path, Path, pytest.ExceptionInfo[CallError]]:
    """The Alsace call, j1's and j2's workbooks with the ids edited (:func:`_edit_ids`),
    imported: refused."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    _edit_ids(folder, out, keep_titles=keep_titles)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx", out / "j2.xlsx"])
    return folder, out, exc


def test_an_edited_id_whose_title_is_left_gets_its_own_id_back(tmp_path: Path) -> None:
    """The row still holds AL16-02's title: the hints said « remove the row » (j2's déport)
    or listed the workbook's dossiers, and following the first deleted j2's real ratings
    of AL16-02.  The title names the id to put back."""
    folder, out, exc = _import_edited(tmp_path, keep_titles=True)
    assert errors(exc) == [("dossier-id-edited", f"{out / 'j1.xlsx'}!Notation!A5"),
                           ("dossier-id-edited", f"{out / 'j2.xlsx'}!Notation!A2")]
    assert all("AL16-02" in str(d.hint) for d in exc.value.diagnostics
               if d.code == "dossier-id-edited")
    assert not (folder / "ratings" / "j1.csv").exists()


def test_an_id_edited_to_another_dossier_or_a_deport_is_refused(tmp_path: Path) -> None:
    """The same edits with the titles emptied: both rows are refused, located, and nothing
    at all is imported (j1's AL16-01, rated without fault, neither).  j2's déport on
    AL16-01 was declared before the workbook was written, which never held it: an edited
    id, not a rating under a déport declared since (call.deports); the error says the
    déport (``deport-rated``), the real reason the row cannot be j2's."""
    folder, out, exc = _import_edited(tmp_path, keep_titles=False)
    assert errors(exc) == [("dossier-not-assigned", f"{out / 'j1.xlsx'}!Notation!A5"),
                           ("deport-rated", f"{out / 'j2.xlsx'}!Notation!A2")]
    assert not [d for d in exc.value.diagnostics if d.code == "conflicted-rating"]
    refused = exc.value.diagnostics[0]
    assert refused.message == "AL16-06 is not one of j1's dossiers"
    assert refused.format("fr") == (
        f"Erreur\u00a0: {out / 'j1.xlsx'}!Notation!A5\u00a0: AL16-06 ne fait pas partie des "
        "dossiers de j1 [dossier-not-assigned]\n"
        "  Indice\u00a0: Le classeur a été écrit avec AL16-01, AL16-02, AL16-03, AL16-04, "
        "AL16-05, AL16-07, AL16-08\u00a0: remettez l'identifiant d'origine de la ligne (les "
        "lignes peuvent être triées, un identifiant ne se modifie pas).")
    assert not (folder / "ratings" / "j1.csv").exists()
    assert not (folder / "ratings" / "j2.csv").exists()
    assert not (folder / "opinions").exists()


def test_the_same_in_csv_sheets(tmp_path: Path) -> None:
    """A CSV sheet records nothing: its rows are held against the juror's dossiers in
    call.yaml (and assignments.csv), and the hint lists them (the titles emptied: a title
    left would name the id to put back)."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, fmt="csv", only=["j1", "j2"])
    for aid, line, other in (("j1", 11, "AL16-06"), ("j2", 2, "AL16-01")):
        path = out / f"{aid}.csv"
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        cells = lines[line - 1].split(";")
        assert cells[0] == "AL16-02" and cells[4] == "AV-1.1"
        cells[0], cells[1], cells[6] = other, "", "3"
        lines[line - 1] = ";".join(cells)
        path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.csv", out / "j2.csv"])
    # AL16-01 is in j2's list (call.yaml), their déport aside: a CSV sheet cannot tell an
    # edited id from a rating under a déport declared since, which is kept and never counts
    # the row moved away from AL16-02: its AV-1.1 is missing there (at its next row), in
    # both sheets (a CSV sheet has a row per dossier and criterion: .columns)
    assert errors(exc) == [("dossier-not-assigned", f"{out / 'j1.csv'}:11:1"),
                           ("sheet-missing-column", f"{out / 'j1.csv'}:12"),
                           ("sheet-missing-column", f"{out / 'j2.csv'}:3")]
    assert [d.message for d in exc.value.diagnostics if d.code == "sheet-missing-column"] == [
        "j1's rows of the criterion AV-1.1 are missing for AL16-02",
        "j2's rows of the criterion AV-1.1 are missing for AL16-02"]
    assert [(d.code, d.severity, str(d.location)) for d in exc.value.diagnostics
            if d.code == "conflicted-rating"] == [
        ("conflicted-rating", "warning", f"{out / 'j2.csv'}:2:1")]
    refused = the("dossier-not-assigned", exc.value.diagnostics)
    assert refused.hint == (
        "j1's dossiers are AL16-01, AL16-02, AL16-03, AL16-04, AL16-05, AL16-07, AL16-08: put "
        "back the row's own id. If j1's dossiers changed after the sheet was sent, add AL16-06 "
        "back to them (call.yaml or assignments.csv) to import it, or delete its rows.")
    assert not (folder / "ratings" / "j1.csv").exists()


def test_an_id_edited_in_a_per_dossier_sheet(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, layout="per-dossier", only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["AL16-03"]
    ws.cell(2, 1).value = "AL16-06"  # the first criterion's row
    ws.cell(2, 5).value = "Bon"
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    # the sheet's title is AL16-03's: the id to put back
    assert errors(exc) == [("dossier-id-edited", f"{out / 'j1.xlsx'}!AL16-03!A2")]


def test_an_id_edited_to_another_of_the_jurors_dossiers(tmp_path: Path) -> None:
    """AL16-02's rating row (A5) edited into AL16-03, one of j1's own dossiers whose rows
    are still empty: no duplicate, and the ratings j1 gave « Maison des aidants… » would
    have gone to « Épicerie mobile… ».  The title left on the row gives it away."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    assert ws.cell(5, 2).value == "Maison des aidants itinérante du Kochersberg"
    ws.cell(5, 1).value = "AL16-03"
    rate(ws, 5)
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert errors(exc) == [("dossier-id-edited", f"{out / 'j1.xlsx'}!Notation!A5")]
    edited = exc.value.diagnostics[0]
    assert edited.format("fr") == (
        f"Erreur\u00a0: {out / 'j1.xlsx'}!Notation!A5\u00a0: la ligne porte l'identifiant "
        "AL16-03, mais son titre «\u00a0Maison des aidants itinérante du Kochersberg\u00a0» est celui "
        "d'AL16-02 "
        "[dossier-id-edited]\n"
        "  Indice\u00a0: Remettez l'identifiant AL16-02\u00a0: un tri déplace ensemble "
        "identifiants et titres, un identifiant ne se modifie pas.")
    assert not (folder / "ratings").joinpath("j1.csv").exists()


def test_sorted_rows_and_empty_rows_still_import(tmp_path: Path) -> None:
    """Rows sorted by title (Excel's « Trier »), a blank row added at the end and an empty
    row whose id was changed: the same ratings as the workbook as written."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    for n, row in enumerate(range(2, 23, 3)):  # the seven rating rows
        rate(ws, row, n % 5)
        ws.cell(row + 1, 5).value = f"commentaire {n}"
    wb.save(out / "j1.xlsx")
    import_sheets(load_call(folder), [out / "j1.xlsx"])
    expected = ratings_of(folder, "j1")
    assert len(expected) == 1 + 7 * 7  # 7 criteria of 7 dossiers
    assert expected[1:3] == ["AL16-01,j1,AV-1.1,0,commentaire 0", "AL16-01,j1,ALS-2,0,"]
    (folder / "ratings" / "j1.csv").unlink()

    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    rows.sort(key=lambda r: (str(r[1]), str(r[3])), reverse=True)
    for i, values in enumerate(rows, start=2):
        for j, v in enumerate(values, start=1):
            ws.cell(i, j).value = v
    assert ws.cell(2, 2).value == "Épicerie mobile bio de l'Outre-Forêt"  # É after P
    empty = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, 4).value == "à transmettre")
    ws.cell(empty, 1).value = "AL16-06"  # nothing on the row: nothing to import
    ws.cell(ws.max_row + 2, 1).value = None
    wb.save(out / "j1.xlsx")
    report = import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert report.warnings == [] and report.counts == {"j1": 49}
    assert ratings_of(folder, "j1") == expected


def test_a_dossier_taken_from_the_juror_after_the_workbook_was_sent(tmp_path: Path) -> None:
    """j1 rated AL16-03, then AL16-03 was taken out of j1's dossiers in call.yaml.  The
    workbook records that it was written with AL16-03: j1's work is imported, and the
    warning says so; under --strict nothing is written."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    rate(ws, 2)
    rate(ws, 8, "Très bon")  # AL16-03
    ws.cell(9, 5).value = "à revoir"
    wb.save(out / "j1.xlsx")
    j1_dossiers(folder, [d for d in J1 if d != "AL16-03"])

    res = CliRunner().invoke(cli, ["--lang", "fr", "--strict", "sheets", "import",
                                   str(folder), str(out / "j1.xlsx")])
    assert res.exit_code == 1, res.output
    assert (f"Avertissement\u00a0: {out / 'j1.xlsx'}!Notation!A8\u00a0: le classeur a été "
            "écrit avec AL16-03, qui ne fait plus partie des dossiers de j1\u00a0: ses notes "
            "sont importées et comptent [dossier-no-longer-assigned]") in res.output
    assert not (folder / "ratings" / "j1.csv").exists()

    report = import_sheets(load_call(folder), [out / "j1.xlsx"])
    told = the("dossier-no-longer-assigned", report.warnings)
    assert str(told.location) == f"{out / 'j1.xlsx'}!Notation!A8"  # once, its first row
    assert [d.code for d in report.warnings] == ["dossier-no-longer-assigned",
                                                 "ratings-missing"]
    rows = ratings_of(folder, "j1")
    assert len(rows) == 1 + 7 + 7
    assert "AL16-03,j1,AV-1.1,4,à revoir" in rows


def test_nothing_recorded_the_current_list_decides(tmp_path: Path) -> None:
    """A workbook of an earlier isgrid (no list in its _isgrid sheet) for the same case:
    isgrid cannot tell a changed assignment from an edited id, so the row is refused and
    the hint says what to do in either case.  Given back to j1, it imports."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    meta = wb["_isgrid"]
    kept = [(k, v) for k, v in meta.values
            if not str(k).startswith(("dossier", "facts:", "seal_sha256"))]
    assert [(k, v) for k, v in meta.values if str(k).startswith("dossier")] == [
        ("dossiers", "7"), ("dossiers:1", " ".join(J1))]
    # with the items it asks and their fingerprint (.columns), the grid's scoring hash
    assert len(kept) == 10
    meta.delete_rows(1, meta.max_row)
    for k, v in kept:  # an earlier isgrid's format, which wrote no seal
        meta.append([k, "isgrid-sheets/1" if k == "format" else v])
    rate(wb["Notation"], 8)  # AL16-03
    wb.save(out / "j1.xlsx")
    j1_dossiers(folder, [d for d in J1 if d != "AL16-03"])
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert errors(exc) == [("dossier-not-assigned", f"{out / 'j1.xlsx'}!Notation!A8")]
    assert "add AL16-03 back to them" in str(exc.value.diagnostics[0].hint)
    j1_dossiers(folder, J1)  # as the workbook was written
    assert import_sheets(load_call(folder), [out / "j1.xlsx"]).counts == {"j1": 7}


def test_a_dossier_given_to_the_juror_after_the_workbook_was_sent(tmp_path: Path) -> None:
    """AL16-06 added to j1's dossiers after the workbook was sent, and j1 typed its rows
    in: it is one of j1's dossiers now, so they import (its title is its own)."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb["Notation"]
    last = ws.max_row + 1
    ws.cell(last, 1).value = "AL16-06"
    ws.cell(last, 2).value = "Festival des solidarités de Colmar"
    ws.cell(last, 4).value = "note"
    rate(ws, last, 2)
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:  # not yet j1's
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert errors(exc) == [("dossier-not-assigned", f"{out / 'j1.xlsx'}!Notation!A{last}")]
    j1_dossiers(folder, [*J1, "AL16-06"])
    report = import_sheets(load_call(folder), [out / "j1.xlsx"])
    assert report.counts == {"j1": 7}
    assert ratings_of(folder, "j1")[1] == "AL16-06,j1,AV-1.1,2,"


def test_the_recorded_list_in_cells_of_32000_characters() -> None:
    """1,000 ids of 64 characters (65,000 with the spaces) need three cells; read back,
    the same ids.  A count that does not match (a cell lost) records nothing."""
    from isgrid.jury.lists import meta_rows, recorded

    ids = [f"{n:064d}" for n in range(1000)]
    rows = meta_rows(ids)
    assert [k for k, _ in rows] == ["dossiers", "dossiers:1", "dossiers:2", "dossiers:3"]
    # 492 ids of 64 characters and 491 spaces: 31,979 characters; one more is 32,044
    assert [len(v) for _, v in rows[1:]] == [31979, 31979, 65 * 16 - 1]
    meta = dict(rows)
    assert recorded(meta) == frozenset(ids)
    del meta["dossiers:3"]
    assert recorded(meta) is None
    assert recorded({"format": "isgrid-sheets/1"}) is None  # an earlier workbook
    assert meta_rows([]) == [("dossiers", "0")] and recorded({"dossiers": "0"}) == frozenset()


def test_a_strict_stop_says_why(tmp_path: Path) -> None:
    """Under --strict a warning stopped the import (exit 1, nothing written) with only the
    warning printed: nothing said that the import had stopped, or why."""
    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["j1"])  # returned blank: ratings-missing
    res = CliRunner().invoke(cli, ["--lang", "fr", "--strict", "sheets", "import",
                                   str(folder), str(out / "j1.xlsx")])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert lines[-1] == "Erreur\u00a0: 1 avertissement et --strict est demandé.", lines
    assert not (folder / "ratings" / "j1.csv").exists()


def test_a_yes_no_column_says_what_it_takes(tmp_path: Path) -> None:
    """The instructor's oui/non columns (ALS-E1 to E3, a scale of two levels without NE)
    said « tapez sa valeur (3 ou 2,5), ou NE » when a cell was refused."""
    import zipfile

    folder = alsace(tmp_path)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, only=["i1"])
    with zipfile.ZipFile(out / "i1.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    errors = re.findall(r'error="([^"]*)"', xml)
    assert errors.count("Choisissez un niveau dans la liste (non, oui).") == 3, errors
    assert not any("3 ou 2,5" in e for e in errors if "(non, oui)" in e)
