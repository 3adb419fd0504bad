"""``ratings-missing`` in the secretariat's words: one warning for the whole jury before any
workbook came back (it was said once per juror right after ``assign``, five times), and a
hint that says what to fill in the juror's **workbook** (« classeur », never « fiche »):
after importing a workbook with one empty cell it said « Récupérez sa fiche, ou listez ses
dossiers sous `assessors[].dossiers` », which fitted nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

DOSSIERS = [{"id": f"D{i}", "title": f"Projet {i}"} for i in (1, 2, 3)]
JURY = {"assessors": [{"id": "j1"}, {"id": "j2"}, {"id": "j3"}]}


def test_before_any_workbook_came_back_one_line_for_the_jury(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=JURY, dossiers=DOSSIERS)
    call = load_call(folder)
    said = [((d.location.file or "").rsplit("/", 1)[-1], d.location.key_path, d.message)
            for d in call.warnings if d.code == "ratings-missing"]
    assert said == [("call.yaml", "assessors", "no juror has rated yet (3 jurors expected): no workbook "
                                  "has come back")]
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    lines = [x for x in fr.stderr.splitlines() if "ratings-missing" in x]
    assert len(lines) == 1 and lines[0].endswith(
        "aucun juré n'a encore noté (3 jurés attendus)\u00a0: aucun classeur n'est revenu "
        "[ratings-missing]"), fr.stderr
    assert ("Indice\u00a0: Envoyez à chaque juré son classeur (isgrid sheets), puis importez "
            "chacun à son retour (isgrid sheets import)\u202f; d'ici là, vous pouvez ignorer "
            "cet avertissement.") in fr.stderr
    # and nothing more: not once more per dossier (a new user's walk-through, session 26:
    # the line for the jury, then « le dossier D1 n'a encore aucune note » for each of 8)
    assert [d.code for d in call.warnings if d.code == "no-ratings"] == []
    assert "no-ratings" not in fr.stderr
    # without a jury declared, the dossiers are what says it
    bare = make_call(tmp_path / "bare", "mini-scored", dossiers=DOSSIERS)
    said = [d.message for d in load_call(bare).warnings if d.code == "no-ratings"]
    assert said == [f"the dossier 'D{i}' has no ratings yet" for i in (1, 2, 3)], said


def test_a_cell_left_empty_says_what_to_fill(tmp_path: Path) -> None:
    """j1's workbook (mini-scored, rows: E B1, F B2, G I1 on each dossier's first row)
    rated 3 everywhere but B2 of D1: the hint asks for that cell, in the workbook."""
    folder = make_call(tmp_path, "mini-scored", call=JURY, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out", only=["j1"])
    path = tmp_path / "out" / "j1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    for r in range(2, ws.max_row + 1, 3):
        for c in (5, 6, 7):
            ws.cell(r, c).value = None if (ws.cell(r, 1).value, c) == ("D1", 6) else 3
    wb.save(path)
    report = import_sheets(load_call(folder), [path])
    [(message, hint, at)] = [(d.message, d.hint, d.location) for d in report.warnings
                             if d.code == "ratings-missing"]
    assert message == "j1 has not rated every criterion of 1 dossier yet (B2 missing): D1"
    # said at the cell left empty, which the secretariat sends back to the juror (review
    # s9, F10: it was the workbook alone): D1's first row is 2, B2 column F
    assert (Path(at.file).name, at.sheet, at.cell) == ("j1.xlsx", "Notation", "F2")
    assert hint == ("Ask j1 for the ratings left out (a value, or NE where a criterion does "
                    "not apply), then import their workbook again with --replace.")


def test_an_instructor_s_eligibility_has_no_ne() -> None:
    """The reviewer's case: i1's workbook with one empty ALS-E3 (« Oui / non », no NE)."""
    from isgrid.call.missing import left_out_hint
    from isgrid.grid.load import load_grid

    grid = load_grid("alsace-aap-2016").grid
    hint = left_out_hint(grid, "i1", ["ALS-E3"])
    assert hint == ("Ask i1 to fill these cells of their workbook with one of non / oui (this "
                    "scale has no NE), then import it again with --replace.")
    assert hint.translated("fr") == (
        "Demandez à i1 de remplir ces cellules de son classeur\u00a0: non / oui (pas de NE "
        "sur cette échelle), puis importez-le à nouveau avec --replace.")
