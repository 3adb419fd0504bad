"""A criterion marked ``sourced`` that names no source (``grids check`` warns:
``sourced-without-source``) was shown as sourced in the jurors' workbook: its weight a
plain « 50 % ».  Nobody can check a source nobody names: it is read as inferred, the
weight « 50 % (inféré) », as everywhere (:func:`isgrid.grid.provenance.shown_status`)."""

from __future__ import annotations

from pathlib import Path

from test_sheets_weights import CALL, DOSSIERS, _guidance

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.load import load_call
from isgrid.jury.sheets import write_sheets

WEIGHT = "Poids (part du total)"


def test_a_criterion_sourced_without_a_source_weighs_as_inferred(tmp_path: Path) -> None:
    text = grid("publie", "Barème publié",
                section("S", "Premier axe",
                        criterion("C1", "Un", provenance="sourced"),
                        criterion("C2", "Deux", provenance="sourced", source="T")))
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    call = load_call(folder)
    assert [d.code for d in call.warnings].count("sourced-without-source") == 1
    write_sheets(call, tmp_path / "out")
    rows = _guidance(tmp_path / "out" / "j1.xlsx")
    # two equal weights: 50 % each; C1's criterion names no source
    assert {cid: row[WEIGHT] for cid, row in rows.items()} == {
        "C1": "50\u202f% (inféré)", "C2": "50\u202f%"}
