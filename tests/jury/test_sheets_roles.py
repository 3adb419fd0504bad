"""A workbook holds what its assessor's role rates (isgrid.jury.common.criteria_for).

The grid (mini-scored): B1, B2, I1, scored, and X1, an eliminatory condition
``rated_by: instructeur``.  The jurors rate B1, B2 and I1 (every criterion that is not
eliminatory is the jury's); the instructor i1 rates X1, the eligibility condition
instruction is named for (docs/jury.md: they « rate the eliminatory criteria of each
dossier »; the call does not expect their ratings).  i1's workbook held B1, B2 and I1
too, four columns to fill where one was theirs, and their ratings there would have
counted beside the jurors'.  Now i1's workbook holds X1 alone, in every layout and
format, and ``sheets import`` takes from an instructor only what their workbook holds:
a scored criterion in i1's sheet is ``wrong-rater-role``, as X1 in a juror's is.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets

NBSP, NNBSP = "\u00a0", "\u202f"
ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "i1", "name": "Iris",
                                                      "role": "instructeur"}]}
DOSSIERS = [{"id": "D1", "title": "Épicerie solidaire", "amount_requested": 20000} | ELIGIBLE]


def _criteria_columns(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Notation"]
    return [str(c.value).split(" — ")[0] for c in ws[1]
            if c.value and " — " in str(c.value)]


def _items(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["D1"]
    return [str(r[3]).split(" — ")[0] for r in ws.iter_rows(min_row=2, values_only=True)
            if " — " in str(r[3])]


def test_each_workbook_holds_the_criteria_of_its_role(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    call = load_call(folder)
    write_sheets(call, tmp_path / "rows")
    assert _criteria_columns(tmp_path / "rows" / "j1.xlsx") == ["B1", "B2", "I1"]
    assert _criteria_columns(tmp_path / "rows" / "i1.xlsx") == ["X1"]
    write_sheets(call, tmp_path / "per", layout="per-dossier")
    assert _items(tmp_path / "per" / "j1.xlsx") == ["B1", "B2", "I1"]
    assert _items(tmp_path / "per" / "i1.xlsx") == ["X1"]
    write_sheets(call, tmp_path / "csv", fmt="csv", lang="en")
    with (tmp_path / "csv" / "i1.csv").open(encoding="utf-8-sig", newline="") as f:
        # no « (avis) » row: the overall opinion is the jurors' (test_sheets_instructor_opinion)
        assert [r["criterion"] for r in csv.DictReader(f)] == ["X1"]


def test_an_instructor_s_scored_rating_is_refused_at_import(tmp_path: Path) -> None:
    """i1's CSV sheet rates X1 (theirs) and B1 (the jurors'): B1 is refused at its line,
    nothing is imported; X1 alone imports.  Said as loading says a ratings file's row
    (isgrid.call.roles.wrong_role; branch tie-words: it said « i1 ne l'a pas » and
    « Supprimez la colonne » of a row): i1's role, « Supprimez la ligne »."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    sheet = tmp_path / "i1.csv"
    sheet.write_text("dossier,assessor,criterion,value\nD1,i1,X1,oui\nD1,i1,B1,3\n",
                     encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(folder),
                                   str(sheet)])
    assert res.exit_code == 1
    assert res.stderr.splitlines()[:2] == [
        f"Error: {sheet}:3:3: B1 is rated by a jury member; i1 is an instructor "
        "[wrong-rater-role]",
        "  Hint: The criteria that are not eliminatory are rated by a jury member: i1's "
        "value would be counted beside the jurors'. Delete the row (a juror's value is "
        "written under the juror's own id)."]
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder),
                                   str(sheet)])
    assert res.stderr.splitlines()[:2] == [
        f"Erreur{NBSP}: {sheet}:3:3{NBSP}: B1 est noté par le rôle juré{NNBSP}; i1 est "
        "instructeur [wrong-rater-role]",
        f"  Indice{NBSP}: Les jurés (juré) notent les critères qui ne sont pas éliminatoires"
        f"{NBSP}: la note d'i1 serait comptée avec les leurs. Supprimez la ligne (la note "
        "d'un juré s'écrit sous son propre identifiant)."]
    assert not (folder / "ratings" / "i1.csv").exists()
    sheet.write_text("dossier,assessor,criterion,value\nD1,i1,X1,oui\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(folder),
                                   str(sheet)])
    assert res.exit_code == 0, res.output
    assert (folder / "ratings" / "i1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", "D1,i1,X1,1,"]


def _import(folder: Path, sheet: Path, lang: str) -> list[str]:
    res = CliRunner().invoke(cli, ["--lang", lang, "sheets", "import", str(folder),
                                   str(sheet)])
    assert res.exit_code == 1, res.output
    return [x for x in res.stderr.splitlines() if "[wrong-rater-role]" in x or "Hint" in x
            or "Indice" in x][:2]


def test_the_hint_names_a_column_or_a_row_as_the_workbook_lays_the_criterion(
        tmp_path: Path) -> None:
    """B1 (the jurors') written in i1's xlsx workbook (branch tie-words, a review): in the
    rows layout the criterion is a column (« Supprimez la colonne »); one sheet per dossier
    lays it as a row (« Supprimez la ligne »: it said « la colonne »).  The message says
    i1's role, as loading does (it said « i1 ne l'a pas »)."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    call = load_call(folder)
    write_sheets(call, tmp_path / "rows")
    write_sheets(call, tmp_path / "per", layout="per-dossier")
    rows = tmp_path / "rows" / "i1.xlsx"
    wb = openpyxl.load_workbook(rows)
    ws = wb["Notation"]
    ws["G1"], ws["G2"] = "B1 — Besoin social", 3  # a column after « Avis global »
    wb.save(rows)
    per = tmp_path / "per" / "i1.xlsx"
    wb = openpyxl.load_workbook(per)
    ws = wb["D1"]
    ws.insert_rows(3)  # under X1's row
    for col, value in zip("ABCDE", ("D1", "Épicerie solidaire", "dossiers/D1.yaml",
                                    "B1 — Besoin social", 3), strict=True):
        ws[f"{col}3"] = value
    wb.save(per)
    rule = "est noté par le rôle juré"
    assert _import(folder, rows, "fr") == [
        f"Erreur{NBSP}: {rows}!Notation!G1{NBSP}: B1 {rule}{NNBSP}; i1 est "
        "instructeur [wrong-rater-role]",
        f"  Indice{NBSP}: Les jurés (juré) notent les critères qui ne sont pas éliminatoires"
        f"{NNBSP}; le classeur d'i1 ne porte que ceux de son rôle. Supprimez la colonne (un "
        "classeur écrit avant décembre 2026 portait tous les critères)."]
    assert _import(folder, per, "fr") == [
        f"Erreur{NBSP}: {per}!D1!D3{NBSP}: B1 {rule}{NNBSP}; i1 est instructeur "
        "[wrong-rater-role]",
        f"  Indice{NBSP}: Les jurés (juré) notent les critères qui ne sont pas éliminatoires"
        f"{NNBSP}; le classeur d'i1 ne porte que ceux de son rôle. Supprimez la ligne (un "
        "classeur écrit avant décembre 2026 portait tous les critères)."]
    assert _import(folder, per, "en") == [
        f"Error: {per}!D1!D3: B1 is rated by a jury member; i1 is an instructor "
        "[wrong-rater-role]",
        "  Hint: The criteria that are not eliminatory are rated by a jury member; i1's "
        "workbook holds only their role's. Delete the row (a workbook written before December "
        "2026 held every criterion)."]
