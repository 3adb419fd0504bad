"""A row on a dossier the juror is déporté from, added to their workbook (or an id edited).

j1 is déporté from D1 (call.yaml's ``conflicts``, declared before the workbooks were
written), so j1's workbook holds D2 alone: rows 2-4 of « Notation » (note, commentaire,
à transmettre).  A row for D1 typed at row 5 was refused with « D1 ne fait pas partie des
dossiers de j1 [dossier-not-assigned] », hint « remettez l'identifiant d'origine de la
ligne » : the row was added, not edited, and the real reason, the déport, went unsaid.
Now the import says the déport and where it is declared (``deport-rated``), and whether
the row was added: every dossier the workbook was written with still has its « note »
row, so a fifth row is one more row; when D2's « note » row is renamed D1 instead, D2
has no « note » row left and the id was edited.  A row for D3 (not j1's, no déport)
added likewise says it was added (``dossier-not-assigned``).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets

NBSP, NNBSP = "\u00a0", "\u202f"
ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
CALL = {"assessors": [{"id": "j1", "name": "Anne", "dossiers": ["D1", "D2"]},
                      {"id": "j2", "name": "Bruno"}, {"id": "i1", "role": "instructeur"}],
        "budget": 50000}
DOSSIERS = [{"id": f"D{i}", "title": title, "amount_requested": 20000} | ELIGIBLE
            for i, title in ((1, "Épicerie solidaire"), (2, "Ressourcerie"),
                             (3, "Jardin partagé"))]


def _workbook(tmp_path: Path) -> tuple[Path, Path, int]:
    """The call (j1 déporté from D1), j1's workbook as written, and the line of call.yaml
    that declares the déport."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 2  # « conflicts: » then the déport on the next line
    (folder / "call.yaml").write_text(
        text + 'conflicts:\n  - {assessor: j1, dossier: D1, reason: "trésorier"}\n',
        encoding="utf-8")
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out, only=["j1"])
    book = out / "j1.xlsx"
    ws = openpyxl.load_workbook(book)["Notation"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 4).value) for r in range(2, ws.max_row + 1)] == [
        ("D2", "note"), ("D2", "commentaire"), ("D2", "à transmettre")]
    return folder, book, line


def _edit(book: Path, *, add: tuple[str, ...] = (), rename: str | None = None) -> None:
    """D2 rated 3 on B1; ``add``: a « note » row for each dossier (rows 5, 6...) rated 2
    on B1; ``rename``: D2's « note » row given that id instead."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Notation"]
    b1 = next(c.column for c in ws[1] if str(c.value).startswith("B1"))
    ws.cell(2, b1).value = 3
    for did in add:
        row = ws.max_row + 1
        ws.cell(row, 1).value = did
        ws.cell(row, 4).value = "note"
        ws.cell(row, b1).value = 2
    if rename:  # the title emptied too: else its title says the id was edited
        ws.cell(2, 1).value = rename
        ws.cell(2, 2).value = None
    wb.save(book)


def _import(folder: Path, book: Path, lang: str) -> tuple[int, list[str]]:
    res = CliRunner().invoke(cli, ["--lang", lang, "sheets", "import", str(folder), str(book)])
    return res.exit_code, res.stderr.splitlines()


def test_an_added_row_on_a_deport_says_the_deport_and_that_it_was_added(tmp_path: Path) -> None:
    folder, book, line = _workbook(tmp_path)
    _edit(book, add=("D1",))
    code, err = _import(folder, book, "fr")
    assert code == 1
    assert err == [
        f"Erreur{NBSP}: {book}!Notation!A5{NBSP}: j1 est en déport sur D1 (call.yaml:{line})"
        f"{NBSP}: ses notes sur ce dossier ne comptent pas, et la ligne a été ajoutée au "
        "classeur, écrit sans ce dossier [deport-rated]",
        f"  Indice{NBSP}: Supprimez la ligne (et les autres lignes du dossier). Si le déport "
        f"est une erreur, levez-le dans call.yaml:{line}, puis importez de nouveau."]
    code, err = _import(folder, book, "en")
    assert code == 1
    assert err == [
        f"Error: {book}!Notation!A5: j1 is conflicted on D1 (recusal, call.yaml:{line}): their "
        "ratings of it do not count, and the row was added to the workbook, which was "
        "written without it [deport-rated]",
        "  Hint: Delete the row (and the dossier's other rows). If the recusal is a mistake, "
        f"lift it in call.yaml:{line}, then import again."]
    assert not (folder / "ratings" / "j1.csv").exists()


def test_an_id_edited_to_a_deport_says_the_deport_and_to_put_the_id_back(
        tmp_path: Path) -> None:
    folder, book, line = _workbook(tmp_path)
    _edit(book, rename="D1")  # D2 has no « note » row left: an edited id
    code, err = _import(folder, book, "fr")
    assert code == 1
    assert err == [
        f"Erreur{NBSP}: {book}!Notation!A2{NBSP}: j1 est en déport sur D1 (call.yaml:{line})"
        f"{NBSP}: ses notes sur ce dossier ne comptent pas [deport-rated]",
        f"  Indice{NBSP}: Si l'identifiant de la ligne a été modifié, remettez son identifiant "
        f"d'origine (les lignes peuvent être triées, un identifiant ne se modifie pas){NNBSP}; sinon "
        f"supprimez la ligne. Si le déport est une erreur, levez-le dans call.yaml:{line}, "
        "puis importez de nouveau."]


def test_an_added_row_of_another_jurors_dossier_says_it_was_added(tmp_path: Path) -> None:
    folder, book, _ = _workbook(tmp_path)
    _edit(book, add=("D3",))
    code, err = _import(folder, book, "en")
    assert code == 1
    assert err == [
        f"Error: {book}!Notation!A5: D3 is not one of j1's dossiers: the row was added to the "
        "workbook, not edited [dossier-not-assigned]",
        "  Hint: Delete the row. If j1 is to rate D3, add it to their dossiers (call.yaml or "
        "assignments.csv) and send them a new workbook."]
    code, err = _import(folder, book, "fr")
    assert err[0] == (
        f"Erreur{NBSP}: {book}!Notation!A5{NBSP}: D3 ne fait pas partie des dossiers de j1"
        f"{NBSP}: la ligne a été ajoutée au classeur, pas modifiée [dossier-not-assigned]")


def test_the_import_ends_with_the_count_of_errors_like_the_other_commands(
        tmp_path: Path) -> None:
    """Two errors: the last line counts them (« Erreur : 2 erreurs. »), as every command's;
    one error is said alone (no « 1 erreur »), as every command's too."""
    folder, book, _ = _workbook(tmp_path)
    _edit(book, add=("D1", "D3"))
    code, err = _import(folder, book, "fr")
    assert code == 1
    assert [e.split("[")[-1] for e in err if e.startswith("Erreur")] == [
        "deport-rated]", "dossier-not-assigned]", f"Erreur{NBSP}: 2 erreurs."]
    assert err[-1] == f"Erreur{NBSP}: 2 erreurs."


def test_a_deport_in_conflicts_csv_is_placed_at_its_line_not_its_record(
        tmp_path: Path) -> None:
    """``conflicts/j1.csv``: the header (line 1), j2's déport on D3 whose quoted reason
    holds a line break (lines 2-3), then j1's on D1, line 4: the third record, but the
    fourth line, where an editor shows it.  The import names line 4."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    (folder / "conflicts").mkdir()
    (folder / "conflicts" / "j1.csv").write_text(
        'assessor,dossier,reason\nj2,D3,"Membre du bureau\nde l\'association"\n'
        "j1,D1,trésorier\n", encoding="utf-8")
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out, only=["j1"])
    book = out / "j1.xlsx"
    _edit(book, add=("D1",))
    code, err = _import(folder, book, "en")
    assert code == 1
    assert err[0] == (
        f"Error: {book}!Notation!A5: j1 is conflicted on D1 (recusal, conflicts/j1.csv:4): "
        "their ratings of it do not count, and the row was added to the workbook, which was "
        "written without it [deport-rated]")


def _per_dossier(tmp_path: Path, *, add: str | None = None,
                 rename: str | None = None) -> tuple[Path, Path, int]:
    """j1's workbook in the ``per-dossier`` layout: one sheet « D2 » (rows 2-6: B1, B2, I1,
    the opinion, the amount), B1 rated 3 at row 2; ``add``: a row 7 for that dossier, B1
    rated 2; ``rename``: row 2's id (B1 of D2) given that one, its title emptied."""
    folder, _, line = _workbook(tmp_path)
    out = tmp_path / "per"
    write_sheets(load_call(folder), out, only=["j1"], layout="per-dossier")
    book = out / "j1.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["D2"]
    assert [(ws.cell(r, 1).value, str(ws.cell(r, 4).value).split(" ")[0])
            for r in range(2, 4)] == [("D2", "B1"), ("D2", "B2")]
    ws.cell(2, 5).value = 3
    if add:
        ws.cell(7, 1).value = add
        ws.cell(7, 4).value = ws.cell(2, 4).value
        ws.cell(7, 5).value = 2
    if rename:
        ws.cell(2, 1).value = rename
        ws.cell(2, 2).value = None
    wb.save(book)
    return folder, book, line


@pytest.mark.parametrize(("edit", "expected"), [
    ({"add": "D1"}, [
        "Error: {book}!D2!A7: j1 is conflicted on D1 (recusal, call.yaml:{line}): their "
        "ratings of it do not count, and the row was added to the workbook, which was "
        "written without it [deport-rated]",
        "  Hint: Delete the row (and the dossier's other rows). If the recusal is a mistake, "
        "lift it in call.yaml:{line}, then import again."]),
    ({"rename": "D1"}, [
        "Error: {book}!D2!A2: j1 is conflicted on D1 (recusal, call.yaml:{line}): their "
        "ratings of it do not count [deport-rated]",
        "  Hint: If the row's id was edited, put back its own id (rows may be sorted, an id "
        "must not be edited); otherwise delete the row. If the recusal is a mistake, lift it "
        "in call.yaml:{line}, then import again."])], ids=["added", "id-edited"])
def test_per_dossier_a_row_on_a_deport_says_whether_it_was_added(
        tmp_path: Path, edit: dict[str, str], expected: list[str]) -> None:
    """The ``per-dossier`` layout tells an added row from an edited id as the ``rows``
    layout does: with a row of D1 at row 7, D2 still has its B1 row, so that row is one
    more; with D2's B1 row renamed D1, D2 has no B1 row left: the id was edited."""
    folder, book, line = _per_dossier(tmp_path, **edit)
    code, err = _import(folder, book, "en")
    assert code == 1
    assert err == [e.format(book=book, line=line) for e in expected]


def test_per_dossier_an_added_row_of_another_jurors_dossier_says_it_was_added(
        tmp_path: Path) -> None:
    folder, book, _ = _per_dossier(tmp_path, add="D3")
    code, err = _import(folder, book, "en")
    assert code == 1
    assert err[0] == (
        f"Error: {book}!D2!A7: D3 is not one of j1's dossiers: the row was added to the "
        "workbook, not edited [dossier-not-assigned]")
