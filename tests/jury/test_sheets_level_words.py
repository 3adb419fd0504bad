"""What a juror's workbook says about a scale's values, and about the juror.

A review with a copy of a shipped grid whose scale has no half points: every level cell's
validation said « tapez sa valeur (3 ou 2,5) »; a numeric 2.5 cell was reported « '2.5' est
un demi-point » and sent to « `half_steps: true` sur l'échelle de la grille » (a shipped grid
is not edited: call.yaml's ``set:`` is the guide's way); the Grille sheet said « Fiche de
notation de Anne ».
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

NB = "\u00a0"
NN = "\u202f"
ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}


def _call(tmp_path: Path, half_steps: bool) -> Path:
    """mini-scored (scale s04, 0 to 4, half points in the grid), half points set for this
    call or not; Anne (an elided « d' ») and Bruno."""
    return make_call(tmp_path, "mini-scored", call={
        "set": {"scales.s04.half_steps": half_steps},
        "assessors": [{"id": "j1", "name": "Anne Dupuy"}, {"id": "j2", "name": "Bruno Marx"}],
    }, dossiers=[{"id": "D1", "title": "Épicerie"} | ELIGIBLE])


def _level_errors(book: Path) -> set[str]:
    """The refusals of the Notation sheet's validations on s04's cells (not yes/no's, not
    the opinion's, not the « à transmettre » mark's)."""
    ws = openpyxl.load_workbook(book).worksheets[0]
    return {v.error for v in ws.data_validations.dataValidation
            if "NE" in (v.error or "") and "non, oui" not in v.error}


@pytest.mark.parametrize(("half_steps", "lang", "expected"), [
    (False, "fr", "Choisissez un niveau dans la liste, tapez sa valeur (3), ou NE si vous ne "
                  "pouvez pas évaluer."),
    (True, "fr", "Choisissez un niveau dans la liste, tapez sa valeur (3 ou 2,5), ou NE si "
                 "vous ne pouvez pas évaluer."),
    (False, "en", "Choose a level from the list, type its value (3), or NE if you cannot "
                  "assess."),
    (True, "en", "Choose a level from the list, type its value (3 or 2.5), or NE if you "
                 "cannot assess."),
])
def test_a_level_cell_offers_half_points_only_when_the_scale_has_them(
        tmp_path: Path, half_steps: bool, lang: str, expected: str) -> None:
    folder = _call(tmp_path, half_steps)
    write_sheets(load_call(folder), tmp_path / "out", lang=lang)
    assert _level_errors(tmp_path / "out" / "j1.xlsx") == {expected}


def _import_error(tmp_path: Path, value: Any) -> Any:
    folder = _call(tmp_path, half_steps=False)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out)
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb.worksheets[0]
    cols = {str(c.value).split(" ")[0]: c.column for c in ws[1] if c.value}
    ws.cell(2, cols["B1"]).value = value  # D1's note row
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    (error,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    return error


def test_a_numeric_half_point_is_written_as_the_language_writes_it(tmp_path: Path) -> None:
    """A number cell 2.5 (not a text): « 2,5 » in French, and the setting the guide gives."""
    error = _import_error(tmp_path, 2.5)
    assert error.code == "value-out-of-scale"
    line = error.format("fr").splitlines()[0]
    assert line.endswith(
        f"!Notation!E2{NB}: B1{NB}: 2,5 est un demi-point, et l'échelle n'a pas de "
        f"demi-points (0{NN}; 1{NN}; 2{NN}; 3{NN}; 4){NN}; "
        f"`set: {{scales.s04.half_steps: true}}` dans call.yaml les accepte "
        "[value-out-of-scale]"), line
    assert error.format("en").splitlines()[0].endswith(
        "!Notation!E2: B1: 2.5 is a half step, and the scale has no half steps "
        "(0, 1, 2, 3, 4); `set: {scales.s04.half_steps: true}` in call.yaml accepts them "
        "[value-out-of-scale]")


def test_a_typed_half_point_is_quoted_as_typed(tmp_path: Path) -> None:
    line = _import_error(tmp_path, "2,5").format("fr").splitlines()[0]
    assert f"B1{NB}: «\xa02,5\xa0» est un demi-point" in line, line


def test_de_before_a_name() -> None:
    from isgrid.i18n import de_name

    assert [de_name(n) for n in ("Anne Dupuy", "Élise", "Yves", "Œdipe", "Hélène Schaeffer",
                                 "Marc Wendling", "Mme Martin", "j3", "1er adjoint")] == [
        "d'Anne Dupuy", "d'Élise", "d'Yves", "d'Œdipe", "d'Hélène Schaeffer",
        "de Marc Wendling", "de Mme Martin", "de j3", "de 1er adjoint"]


def test_the_grid_sheet_elides_de_before_the_juror_s_name(tmp_path: Path) -> None:
    folder = _call(tmp_path, half_steps=False)
    write_sheets(load_call(folder), tmp_path / "out")
    seen = {}
    for aid in ("j1", "j2"):
        ws = openpyxl.load_workbook(tmp_path / "out" / f"{aid}.xlsx")["Grille"]
        seen[aid] = ws.cell(2, 1).value
    assert seen == {"j1": "Fiche de notation d'Anne Dupuy (j1)",
                    "j2": "Fiche de notation de Bruno Marx (j2)"}
