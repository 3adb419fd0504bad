"""The « Plancher » column of a juror's workbook says when a floor is not the source's.

The « Poids » column said « 14,3 % (inféré) » for a weight the source does not publish, but
the floor beside it was a bare « 2 » though the grid records its provenance too
(alsace-aap-2016: ``parameters: criteria.ALS-4.floor: inferred``, « choix isgrid »).  The
same rule now says it of both (:func:`isgrid.grid.provenance.parameter_provenance`, the
least sure of the parameter's provenance and the criterion's): « 2 (inféré) », and a note
under the table names the criteria.  A floor the source gives stays a plain number.
"""

from __future__ import annotations

from pathlib import Path

from test_sheets_weights import CALL, DOSSIERS, NBSP, _after_table, _guidance

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from isgrid.grid.provenance import parameter_provenance
from isgrid.jury.sheets import write_sheets
from testpaths import EXAMPLES

FLOOR, WEIGHT = "Plancher", "Poids (part du total)"


def test_alsace_2016_s_inferred_floors_say_so(tmp_path: Path) -> None:
    """alsace-aap-2016: the floors of AV-1.1 and ALS-4 (2, « Moyen ») are « choix isgrid »;
    the five other rated criteria have none."""
    write_sheets(load_call(EXAMPLES / "alsace-2016"), tmp_path / "fr")
    path = tmp_path / "fr" / "j1.xlsx"
    rows = _guidance(path)
    assert {cid: row[FLOOR] for cid, row in rows.items()} == {
        "AV-1.1": "2 (inféré)", "ALS-2": None, "ALS-3": None, "ALS-4": "2 (inféré)",
        "AV-4.2": None, "ALS-1": None, "ALS-5": None}
    # the labels' note (AV-1.1, AV-4.2 reconstructed) explains the marks; the weights' and
    # the floors' name their criteria after it
    assert _after_table(path)[2:] == [
        f"Planchers que la source ne publie pas (mêmes mentions){NBSP}: critères AV-1.1, "
        "ALS-4."]
    write_sheets(load_call(EXAMPLES / "alsace-2016"), tmp_path / "en", lang="en")
    path = tmp_path / "en" / "j1.xlsx"
    assert {cid: row["Floor"] for cid, row in _guidance(path).items()
            if row["Floor"] is not None} == {"AV-1.1": "2 (inferred)", "ALS-4": "2 (inferred)"}
    assert _after_table(path)[2:] == [
        "Floors the source does not publish (the same marks): criteria AV-1.1, ALS-4."]


def test_a_sourced_floor_is_a_plain_number(tmp_path: Path) -> None:
    """alsace-aap-2016 with ALS-4's floor published by the call (a grid that extends it and
    says so): ALS-4, a sourced criterion, shows 2 and is named by no note; AV-1.1's floor
    is still inferred."""
    text = ("id: alsace-bareme\nversion: \"1\"\ntitle: Barème publié\n"
            "extends: alsace-aap-2016@1\n"
            "parameters:\n  criteria.ALS-4.floor: {status: sourced, source: AL2}\n")
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    assert parameter_provenance(load_grid(folder / "grid.yaml").grid, "floor")["ALS-4"] \
        == "sourced"
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    rows = _guidance(path)
    assert (rows["ALS-4"][FLOOR], rows["AV-1.1"][FLOOR]) == (2, "2 (inféré)")
    assert _after_table(path)[2:] == [
        f"Planchers que la source ne publie pas (mêmes mentions){NBSP}: critères AV-1.1."]


def test_sourced_floors_and_weights_say_nothing(tmp_path: Path) -> None:
    """Sourced criteria and floor (its entry under ``parameters`` names the source), the
    weights left equal: the floor « 2,5 » as a number, the weights as they are, no note
    under the table.  (Without the floor's entry nobody says where 2,5 comes from: it
    is « inféré », :func:`test_a_floor_nobody_sourced_is_inferred`.)"""
    text = grid("publie", "Barème publié",
                section("S", "Premier axe",
                        criterion("C1", "Un", floor=2.5, provenance="sourced", source="T"),
                        criterion("C2", "Deux", provenance="sourced", source="T"))) \
        + "parameters:\n  criteria.C1.floor: {status: sourced, source: T p. 2}\n"
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    rows = _guidance(path)
    assert {cid: (row[WEIGHT], row[FLOOR]) for cid, row in rows.items()} == {
        "C1": ("50\u202f%", 2.5), "C2": ("50\u202f%", None)}
    assert _after_table(path) == []


def test_only_a_floor_unsourced_explains_the_marks(tmp_path: Path) -> None:
    """Sourced weights, one floor inferred: the floors' note says what the mark means (no
    weights' note says it before)."""
    text = grid("publie", "Barème publié",
                section("S", "Premier axe",
                        criterion("C1", "Un", floor=2.5, provenance="sourced", source="T"),
                        criterion("C2", "Deux", provenance="sourced", source="T")),
                parameters=["criteria.C1.floor"])
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    assert _guidance(path)["C1"][FLOOR] == "2,5 (inféré)"
    assert _after_table(path) == [
        f"Planchers que la source ne publie pas{NBSP}: «{NBSP}reconstitué{NBSP}», rebâti à "
        f"partir de sources partielles\u202f; «{NBSP}inféré{NBSP}», un choix d'isgrid ou de "
        f"l'appel, sans source. Critères concernés{NBSP}: C1."]


def test_a_floor_nobody_sourced_is_inferred(tmp_path: Path) -> None:
    """A floor the grid declares with no entry under ``parameters`` (``grids check`` warns
    ``missing-provenance``), on a sourced criterion: nobody says where 2,5 comes from, so
    it is not the source's; it was shown as a plain 2,5, as if sourced.  It is now
    « 2,5 (inféré) » and named under the table; the weights, which the grid does not
    declare (equal by default), follow their criteria and stay plain."""
    text = grid("publie", "Barème publié",
                section("S", "Premier axe",
                        criterion("C1", "Un", floor=2.5, provenance="sourced", source="T"),
                        criterion("C2", "Deux", provenance="sourced", source="T")))
    folder = make_call(tmp_path, text, call=CALL, dossiers=DOSSIERS)
    assert parameter_provenance(load_grid(folder / "grid.yaml").grid, "floor") == {
        "C1": "inferred", "C2": "sourced"}
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    rows = _guidance(path)
    assert {cid: (row[WEIGHT], row[FLOOR]) for cid, row in rows.items()} == {
        "C1": ("50\u202f%", "2,5 (inféré)"), "C2": ("50\u202f%", None)}
    assert _after_table(path)[-1].endswith(f"Critères concernés{NBSP}: C1.")


def test_a_floor_the_call_sets_is_not_the_sources(tmp_path: Path) -> None:
    """alsace-aap-2016's ALS-4, given a sourced floor by a grid that extends it; the call
    raises it to 3 in its ``call.yaml`` (``set``): the grid's « sourced, AL2 » described 2,
    not 3.  The workbook showed a plain 3; it is now « 3 (inféré) » (the call's own
    choice, with no source behind it) and named under the table."""
    text = ("id: alsace-bareme\nversion: \"1\"\ntitle: Barème publié\n"
            "extends: alsace-aap-2016@1\n"
            "parameters:\n  criteria.ALS-4.floor: {status: sourced, source: AL2}\n")
    call = CALL | {"set": {"criteria.ALS-4.floor": 3}}
    folder = make_call(tmp_path, text, call=call, dossiers=DOSSIERS)
    write_sheets(load_call(folder), tmp_path / "out")
    path = tmp_path / "out" / "j1.xlsx"
    rows = _guidance(path)
    assert (rows["ALS-4"][FLOOR], rows["AV-1.1"][FLOOR]) == ("3 (inféré)", "2 (inféré)")
    assert _after_table(path)[2:] == [
        f"Planchers que la source ne publie pas (mêmes mentions){NBSP}: critères AV-1.1, "
        "ALS-4."]
