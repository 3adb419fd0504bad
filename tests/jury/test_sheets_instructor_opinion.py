"""An instructor's workbook asks only what an instructor gives (jury.common.gives_opinion).

The call (mini-scored, a budget): the juror j1 rates B1, B2 and I1, the instructor i1
rates X1, the eligibility condition ``rated_by: instructeur`` (test_sheets_roles).  The
overall opinion (« Avis global », its overall comment) and the proposed amount
(« Montant proposé ») are the jurors': the documents count them as « avis des jurés » (the
agenda's « 2 favorables, 1 réservé », the range of amounts).  i1's workbook asked for them
too, and an instructor's « défavorable » was counted as a juror's.  Now:

* i1's workbook has no opinion and no amount, in both layouts and as CSV (j1's has both);
* a workbook of i1 written before (with the two columns) imports when they are empty; an
  opinion, an amount or an overall comment written there is refused at its cell
  (``wrong-rater-role``, hint « l'avis global et le montant sont ceux des jurés »), and
  nothing is imported;
* ``opinions/i1.csv`` (written by an older import) is left out of the documents with a
  warning at its cell, never counted and never deleted (an opinions file never stops a
  report: every problem there is a warning, :mod:`isgrid.jury.opinions`).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.i18n import translator
from isgrid.jury.opinions import load_opinions, summarise
from isgrid.jury.sheets import plan_sheets, write_sheets
from isgrid.jury.workbook import workbook_bytes
from isgrid.workspace.store import Workspace

NBSP, NNBSP = "\u00a0", "\u202f"
ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
CALL = {"budget": 50000,
        "assessors": [{"id": "j1", "name": "Anne"},
                      {"id": "i1", "name": "Iris", "role": "instructeur"}]}
DOSSIERS = [{"id": "D1", "title": "Épicerie solidaire", "amount_requested": 20000} | ELIGIBLE]
FIXED = ["Dossier", "Titre", "Fichier du dossier", "Ligne"]


def _call(tmp_path: Path) -> Path:
    return make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)


def test_an_instructor_s_workbook_has_no_opinion_and_no_amount(tmp_path: Path) -> None:
    call = load_call(_call(tmp_path))
    write_sheets(call, tmp_path / "rows")
    heads = {aid: [c.value for c in openpyxl.load_workbook(
        tmp_path / "rows" / f"{aid}.xlsx")["Notation"][1]] for aid in ("i1", "j1")}
    assert heads["i1"] == [*FIXED, "X1 — Action ponctuelle exclue (inféré)"]
    assert heads["j1"][:5] == [*FIXED, "B1 — Besoin social (inféré)"]
    assert heads["j1"][-2:] == ["Avis global", "Montant proposé (€)"]
    wb = openpyxl.load_workbook(tmp_path / "rows" / "i1.xlsx")
    # nothing to fill after X1 (E) on its three rows; no drop-down of the opinions
    assert [(c.coordinate, c.protection.locked) for c in wb["Notation"][2]][4:] == [
        ("E2", False)]
    assert wb["Notation"].max_column == 5
    assert [c.value for c in wb["_listes"][1]] == ["yesno"]
    guidance = [r[0] for r in wb["Grille"].iter_rows(values_only=True) if r[0]]
    assert guidance[4] == (f"Écrivez vos commentaires sur la ligne «{NBSP}commentaire{NBSP}» sous la "
                           f"note. L'avis global et le montant proposé sont ceux des jurés"
                           f"{NBSP}: votre classeur ne les demande pas.")
    assert not any("avis global." in str(line) for line in guidance)

    write_sheets(call, tmp_path / "per", layout="per-dossier")
    items = {aid: [r[3] for r in openpyxl.load_workbook(tmp_path / "per" / f"{aid}.xlsx")[
        "D1"].iter_rows(min_row=2, values_only=True)] for aid in ("i1", "j1")}
    assert items["i1"] == ["X1 — Action ponctuelle exclue (inféré)"]
    assert items["j1"] == ["B1 — Besoin social (inféré)", "B2 — Public (inféré)",
                           "I1 — Impact (inféré)", "Avis global", "Montant proposé (€)"]

    write_sheets(call, tmp_path / "csv", fmt="csv", lang="en")
    rows = {}
    for aid in ("i1", "j1"):
        with (tmp_path / "csv" / f"{aid}.csv").open(encoding="utf-8", newline="") as f:
            rows[aid] = [r["criterion"] for r in csv.DictReader(f)]
    assert rows == {"i1": ["X1"], "j1": ["B1", "B2", "I1", "(avis)", "(montant)"]}


def _older_workbook(tmp_path: Path, layout: str) -> Path:
    """i1's workbook as isgrid wrote it before this change: their criteria, then the
    opinion and the amount (the plan's ``opinion`` forced on)."""
    call = load_call(tmp_path / "call")
    plan = next(p for p in plan_sheets(call, ["i1"])[0])
    data = workbook_bytes(call, replace(plan, opinion=True), translator("sheets", "fr"),
                          layout)
    path = tmp_path / f"i1-{layout}.xlsx"
    path.write_bytes(data)
    return path


def _import(folder: Path, sheet: Path, lang: str, code: int = 1) -> list[str]:
    res = CliRunner().invoke(cli, ["--lang", lang, "sheets", "import", str(folder),
                                   str(sheet)])
    assert res.exit_code == code, res.output
    return [x for x in res.stderr.splitlines() if x.startswith(("Err", "  Hint", "  Indice"))]


def test_an_older_rows_workbook_imports_its_rating_and_refuses_an_opinion(
        tmp_path: Path) -> None:
    folder = _call(tmp_path)
    path = _older_workbook(tmp_path, "rows")
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    assert [c.value for c in ws[1]][4:] == ["X1 — Action ponctuelle exclue (inféré)",
                                            "Avis global", "Montant proposé (€)"]
    ws["E2"] = "oui"
    wb.save(path)
    # the opinion's and the amount's columns left empty: X1 imports, no opinions file
    _import(folder, path, "fr", code=0)
    assert (folder / "ratings" / "i1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", "D1,i1,X1,1,"]
    assert not (folder / "opinions").exists()
    ws["F2"], ws["G2"], ws["F3"] = "défavorable", 15000, "Hors sujet"
    wb.save(path)
    hint = (f"  Indice{NBSP}: L'avis global et le montant sont ceux des jurés{NBSP}: les "
            "documents les comptent parmi les avis du jury, et le classeur d'i1 ne les "
            "demande plus. Supprimez la colonne (un classeur écrit avant décembre 2026 "
            f"l'avait){NNBSP}; une remarque sur le dossier s'écrit dans le commentaire d'un "
            "critère.")
    assert _import(folder, path, "fr") == [
        f"Erreur{NBSP}: {path}!Notation!F2{NBSP}: l'avis global est celui des jurés{NNBSP}; "
        "i1 est instructeur [wrong-rater-role]", hint,
        f"Erreur{NBSP}: {path}!Notation!G2{NBSP}: le montant proposé est celui des jurés"
        f"{NNBSP}; i1 est instructeur [wrong-rater-role]", hint,
        f"Erreur{NBSP}: {path}!Notation!F3{NBSP}: le commentaire général accompagne l'avis "
        f"des jurés{NNBSP}; i1 est instructeur [wrong-rater-role]", hint,
        f"Erreur{NBSP}: 3 erreurs."]
    assert _import(folder, path, "en")[:2] == [
        f"Error: {path}!Notation!F2: the overall opinion is the jurors'; i1 is an instructor "
        "[wrong-rater-role]",
        "  Hint: The overall opinion and the amount are the jurors': the documents count them "
        "among the jury's opinions, and i1's workbook no longer asks for them. Delete the "
        "column (a workbook written before December 2026 had it); a remark on the dossier "
        "goes in a criterion's comment."]
    assert not (folder / "opinions").exists()  # nothing imported


def test_an_older_per_dossier_workbook_refuses_an_opinion_at_its_cell(
        tmp_path: Path) -> None:
    folder = _call(tmp_path)
    path = _older_workbook(tmp_path, "per-dossier")
    wb = openpyxl.load_workbook(path)
    ws = wb["D1"]
    assert [r[3] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        "X1 — Action ponctuelle exclue (inféré)", "Avis global", "Montant proposé (€)"]
    ws["E2"], ws["E3"], ws["F3"] = "oui", "réservé", "À revoir"
    wb.save(path)
    lines = _import(folder, path, "fr")
    assert [x.split(f"{NBSP}: ", 2)[1] for x in lines if x.startswith("Err")][:2] == [
        f"{path}!D1!E3", f"{path}!D1!F3"]
    assert lines[1].endswith("Supprimez la ligne (un classeur écrit avant décembre 2026 "
                             f"l'avait){NNBSP}; une remarque sur le dossier s'écrit dans le "
                             "commentaire d'un critère.")
    assert len([x for x in lines if "[wrong-rater-role]" in x]) == 2
    assert not (folder / "ratings" / "i1.csv").exists()


def test_an_instructor_s_opinion_row_in_a_csv_sheet_is_refused(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    sheet = tmp_path / "i1.csv"
    sheet.write_text("dossier,assessor,criterion,value,comment\nD1,i1,X1,oui,\n"
                     "D1,i1,(montant),12000,\n", encoding="utf-8")
    assert _import(folder, sheet, "en")[:2] == [
        f"Error: {sheet}:3:4: the proposed amount is the jurors'; i1 is an instructor "
        "[wrong-rater-role]",
        "  Hint: The overall opinion and the amount are the jurors': the documents count them "
        "among the jury's opinions, and i1's sheet no longer asks for them. Delete the row (a "
        "sheet written before December 2026 had it); a remark on the dossier goes in a "
        "criterion's comment."]
    assert not (folder / "ratings" / "i1.csv").exists()


def test_an_instructor_s_opinions_file_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """opinions/i1.csv, as an older import wrote it: the agenda counted « 1 favorable,
    1 défavorable » and the range 10 000 – 15 000 €; now j1's alone, and a warning at
    i1's cell, the file kept."""
    folder = _call(tmp_path)
    (folder / "opinions").mkdir()
    (folder / "opinions" / "j1.csv").write_text(
        "dossier,assessor,opinion,amount,comment\nD1,j1,favorable,10000,\n", encoding="utf-8")
    mine = "dossier,assessor,opinion,amount,comment\nD1,i1,défavorable,15000,Hors sujet\n"
    (folder / "opinions" / "i1.csv").write_text(mine, encoding="utf-8")
    ops = load_opinions(load_call(folder))
    assert [o.assessor for o in ops.of("D1")] == ["j1"]
    s = summarise(ops.of("D1"))
    assert (s.n, s.counts, s.amount_min, s.amount_max) == (1, {"favorable": 1}, 10000, 10000)
    [warning] = [w for w in ops.warnings if w.code == "wrong-rater-role"]
    assert (warning.location.file, warning.location.line, warning.location.column) == (
        str(folder / "opinions" / "i1.csv"), 2, 3)
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    lines = res.output.splitlines()
    at = next(i for i, x in enumerate(lines) if "[wrong-rater-role]" in x)
    assert lines[at:at + 2] == [
        f"Avertissement{NBSP}: {folder / 'opinions' / 'i1.csv'}:2:3{NBSP}: un avis d'i1, qui "
        f"est instructeur{NBSP}: l'avis global et le montant sont ceux des jurés{NNBSP}; la "
        "ligne est laissée de côté [wrong-rater-role]",
        f"  Indice{NBSP}: Les documents comptent les avis comme ceux des jurés (le décompte "
        "des avis de l'ordre du jour, la fourchette des montants proposés). Le fichier est "
        f"gardé tel quel{NBSP}: supprimez la ligne, ou écrivez-la sous l'identifiant du juré "
        "qui a donné cet avis."]
    assert (folder / "opinions" / "i1.csv").read_text(encoding="utf-8") == mine


def test_the_workspace_serves_the_jurors_alone(tmp_path: Path) -> None:
    """The workspace asks the opinion of whom it serves: its jurors (role juré), never an
    instructor, who gets no link (checked here: it already did so)."""
    ws = Workspace(_call(tmp_path))
    assert [a.id for a in ws.members] == ["j1"]
    assert [a.id for a, _, _ in ws.invite()] == ["j1"]
    with pytest.raises(CallError) as refused:
        ws.invite(["i1"])
    assert [d.code for d in refused.value.diagnostics] == ["unknown-assessor"]


def test_an_instructor_with_nothing_to_rate_gets_no_workbook(tmp_path: Path) -> None:
    # the call removes X1, the grid's one criterion rated by an instructor: i1 would get a
    # workbook with nothing to fill (the opinion and the amount are the jurors')
    folder = make_call(tmp_path, "mini-scored", call={**CALL, "remove": ["X1"]},
                       dossiers=DOSSIERS)
    call = load_call(folder)
    plans, diags = plan_sheets(call)
    assert [p.assessor.id for p in plans] == ["j1"]
    [warning] = diags.warnings
    assert warning.code == "nothing-to-rate"
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", str(folder), "-o",
                                   str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["j1.xlsx"]
    assert (f"i1 n'a rien à noter{NBSP}: la grille ne donne aucun critère au rôle "
            f"«{NBSP}instructeur{NBSP}», et l'avis global et le montant sont ceux des "
            f"jurés{NNBSP}; pas de classeur pour lui [nothing-to-rate]") in res.output
    # the role quoted, as a name (it read « gives the role instructor no criterion »)
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", str(folder), "-o",
                                   str(tmp_path / "out-en")])
    assert res.exit_code == 0, res.output
    assert ("i1 has nothing to rate: the grid gives the role “instructor” no criterion, "
            "and the overall opinion") in res.output
