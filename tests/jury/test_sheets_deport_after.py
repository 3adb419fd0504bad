"""A déport declared after the juror's workbook was sent: one rule (isgrid.call.deports).

The workbooks are written, then j1 declares a déport on D1 (in call.yaml's ``conflicts``,
or in ``conflicts/j1.csv`` as the jurors' web workspace writes it), then the filled
workbooks come back.  j1's rows on D1 are imported and written like the others (never
lost), the import warns ``conflicted-rating`` once at the dossier's first row (sheet and
cell), as the loader warns at the ratings file's line, and ``isgrid score`` leaves them
out.  Before, the import refused j1's whole workbook.

The grid (mini-scored): B1 (weight 2) and B2 (weight 1) in « besoin » (weight 2), I1 in
« impact » (weight 1), on 0-4; X1 eliminatory, rated by the instructeur.  So
eff = 4/3, 2/3, 1 and total = 100 × (4/3·B1 + 2/3·B2 + I1) / 4 / 3; when the three
means are equal to m, total = 100 × m / 4.

* D1: j1 gives 4, 4, 4; j2 2, 3, 3; j3 3, 2, 2.  Without j1: B1 (2+3)/2 = 2.5, B2 2.5,
  I1 2.5, total 62.5.  (With j1 it would be 3, 3, 3: 75.)
* D2: j1 2, 2, 2; j2 3, 3, 3; j3 4, 4, 4: every mean 3, total 75.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "j2", "name": "Bruno"},
                      {"id": "j3", "name": "Chloé"}, {"id": "i1", "role": "instructeur"}],
        "budget": 50000}
DOSSIERS = [{"id": "D1", "title": "Épicerie solidaire", "amount_requested": 20000} | ELIGIBLE,
            {"id": "D2", "title": "Ressourcerie", "amount_requested": 15000} | ELIGIBLE]
# juror -> dossier -> (B1, B2, I1)
GIVEN = {"j1": {"D1": (4, 4, 4), "D2": (2, 2, 2)},
         "j2": {"D1": (2, 3, 3), "D2": (3, 3, 3)},
         "j3": {"D1": (3, 2, 2), "D2": (4, 4, 4)}}
DEPORT = "(déport déclaré après l'envoi des classeurs)"


def _fill(path: Path, aid: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    rows = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    if aid == "i1":
        for did in ("D1", "D2"):
            ws.cell(rows[(did, "note")], cols["X1"]).value = "oui"
    else:
        for did, values in GIVEN[aid].items():
            for cid, value in zip(("B1", "B2", "I1"), values, strict=True):
                ws.cell(rows[(did, "note")], cols[cid]).value = value
        if aid == "j1":  # a comment on the déport too: a second row of the same pair
            ws.cell(rows[("D1", "commentaire")], cols["B1"]).value = "très utile"
    wb.save(path)


def _returned(tmp_path: Path, where: str) -> tuple[Path, Path]:
    """The call, its workbooks written then filled, and j1's déport on D1 declared
    since (``where``: call.yaml or conflicts/j1.csv): (call folder, workbooks)."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out)
    for aid in ("j1", "j2", "j3", "i1"):
        _fill(out / f"{aid}.xlsx", aid)
    if where == "call.yaml":
        with (folder / "call.yaml").open("a", encoding="utf-8") as f:
            f.write(f'conflicts:\n  - {{assessor: j1, dossier: D1, reason: "{DEPORT}"}}\n')
    else:
        (folder / "conflicts").mkdir()
        (folder / "conflicts" / "j1.csv").write_text(
            f"assessor,dossier,reason\nj1,D1,{DEPORT}\n", encoding="utf-8")
    assert [(c.assessor, c.dossier) for c in load_call(folder).config.conflicts] == [
        ("j1", "D1")]
    return folder, out


@pytest.mark.parametrize("where", ["call.yaml", "conflicts/j1.csv"])
def test_rows_under_a_later_deport_are_imported_told_and_never_counted(
        tmp_path: Path, where: str) -> None:
    folder, out = _returned(tmp_path, where)
    report = import_sheets(load_call(folder), sorted(out.glob("*.xlsx")))
    told = [d for d in report.warnings if d.code == "conflicted-rating"]
    # once for the pair (D1's rating row A2, not its comment row A3), at the id's cell
    assert [(d.severity, str(d.location), d.message) for d in told] == [
        ("warning", f"{out / 'j1.xlsx'}!Notation!A2",
         "j1 is conflicted on D1; their ratings are excluded")]
    assert told[0].format("fr") == (
        f"Avertissement\u00a0: {out / 'j1.xlsx'}!Notation!A2\u00a0: j1 est en déport sur D1"
        "\u202f; ses notes sont écartées [conflicted-rating]\n"
        "  Indice\u00a0: Rien à faire\u00a0: ce que le juré a écrit est gardé et ne compte "
        "jamais. Si le déport est une erreur, retirez-le des conflicts de call.yaml ou de "
        "conflicts/*.csv\u202f; un déport fait dans l'espace du jury se lève depuis sa page "
        "/admin (l'espace réécrit conflicts/<juré>.csv depuis sa base).")
    # written like the others: nothing the juror wrote is lost
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment",
        "D1,j1,B1,4,très utile", "D1,j1,B2,4,", "D1,j1,I1,4,",
        "D2,j1,B1,2,", "D2,j1,B2,2,", "D2,j1,I1,2,"]
    assert report.counts["j1"] == 6
    call = load_call(folder)
    # the loader says the same, from the same place, at the ratings file's line
    loaded = [d for d in call.warnings if d.code == "conflicted-rating"]
    assert [(str(d.location), d.message, d.effective_hint) for d in loaded] == [
        (f"{folder / 'ratings' / 'j1.csv'}:2", told[0].message, told[0].effective_hint)]
    result = score(call)
    totals = {d.id: d.total for d in result.dossiers}
    assert totals["D1"] == pytest.approx(62.5)  # j1's 4, 4, 4 left out (75 with them)
    assert totals["D2"] == pytest.approx(75.0)
    d1 = next(d for d in result.dossiers if d.id == "D1")
    assert "conflict-excluded:j1" in d1.flags


def test_the_command_imports_and_warns(tmp_path: Path) -> None:
    folder, out = _returned(tmp_path, "conflicts/j1.csv")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(out)])
    assert res.exit_code == 0, res.output
    assert (f"Avertissement\u00a0: {out / 'j1.xlsx'}!Notation!A2\u00a0: j1 est en déport sur "
            "D1\u202f; ses notes sont écartées [conflicted-rating]") in res.output
    assert res.output.count("[conflicted-rating]") == 1
    assert "j1\u00a0: 6 notes" in res.output
