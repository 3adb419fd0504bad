"""A CSV sheet records no language (a workbook records its own): « yes » in a French call's
CSV sheet was refused (« 'yes' is neither a value nor a label (non, oui) »), though a
workbook in English reads it.  A CSV sheet reads both languages' words, as an English
workbook does: « yes », « no » and « oui », « non » on a oui/non scale, each naming one
level; the grid keeps its labels (« oui », « non »)."""

from __future__ import annotations

from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}


def _filled(tmp_path: Path, lang: str, values: dict[tuple[str, str], str]) -> tuple[Path, Path]:
    """mini-scored's call in ``lang`` (X1: oui = 1, non = 0; B1: 0 to 4), j1 (a juror) and
    i1 (an instructor, X1), the CSV sheet of ``assessor`` with ``values`` by (dossier,
    criterion): the call folder and the sheet."""
    folder = make_call(tmp_path, "mini-scored", call={
        "lang": lang,
        "assessors": [{"id": "j1", "name": "Ann Lee"},
                      {"id": "i1", "name": "Programme Office", "role": "instructeur"}],
    }, dossiers=[{"id": "D1"} | ELIGIBLE, {"id": "D2"} | ELIGIBLE])
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, fmt="csv", only=["i1"])
    sheet = out / "i1.csv"
    lines = sheet.read_text("utf-8-sig").splitlines()
    head = lines[0].split(";")
    rows = []
    for line in lines[1:]:
        cells = line.split(";")
        key = (cells[head.index("dossier")], cells[head.index("criterion")])
        if key in values:
            cells[head.index("value")] = values.pop(key)
        rows.append(";".join(cells))
    assert not values, values  # every value written in a row of the sheet
    sheet.write_text("\n".join([lines[0], *rows]) + "\n", "utf-8")
    return folder, sheet


def _ratings(folder: Path) -> dict[tuple[str, str], float | None]:
    return {(r.dossier, r.criterion): r.value for r in load_call(folder).ratings
            if r.assessor == "i1"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("words", [("yes", "No"), ("oui", "NON"), ("Oui", "no")])
def test_a_csv_sheet_reads_yes_and_no_in_either_language(tmp_path: Path, lang: str,
                                                          words: tuple[str, str]) -> None:
    yes, no = words
    folder, sheet = _filled(tmp_path, lang, {("D1", "X1"): yes, ("D2", "X1"): no})
    import_sheets(load_call(folder), [sheet])
    # by the grid: X1's « oui » is 1, « non » 0
    assert _ratings(folder) == {("D1", "X1"): 1.0, ("D2", "X1"): 0.0}


def test_a_word_of_neither_language_is_refused(tmp_path: Path) -> None:
    folder, sheet = _filled(tmp_path, "fr", {("D1", "X1"): "ja", ("D2", "X1"): "non"})
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [sheet])
    (error,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert error.code == "value-out-of-scale"
    assert "“ja”" in str(error.message) and error.location.line == 2
    assert _ratings(folder) == {}
