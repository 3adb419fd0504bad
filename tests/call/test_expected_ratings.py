"""Which ratings a declared juré still owes (``ratings-missing``), with ``assignments.csv``.

The lookups are sets (a list lookup per expected dossier made loading quadratic at
20,000 dossiers); the warnings must stay what they were, in the assignments' order.
"""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from isgrid.call.assignments import read_assigned
from isgrid.call.load import load_call
from isgrid.errors import Collector
from isgrid.jury.common import read_assignments


def _assigned(folder: Path) -> dict[str, list[str]] | None:
    """What the loader reads of assignments.csv, as texts."""
    got = read_assigned(folder)
    return None if got is None else {
        a: [got.dossiers[i] for i in codes.tolist()] for a, codes in got.by_assessor.items()}


def _call(tmp_path: Path) -> Path:
    folder = make_call(
        tmp_path, "mini-scored",
        call={"assessors": [{"id": "j1", "role": "juré"}, {"id": "j2", "role": "juré"}],
              "conflicts": [{"assessor": "j2", "dossier": "D2"}]},
        dossiers=[{"id": f"D{i}"} for i in range(1, 5)],
        ratings=[("D1", "j1", "B1", 3), ("D3", "j2", "B1", 2)])
    # j1 is assigned D4, D1, D3 (D1 rated); j2 D2 (a déport), D3 (rated), D9 (unknown), D4, D4
    (folder / "assignments.csv").write_text(
        "dossier,assessor\nD4,j1\nD1,j1\nD3,j1\nD2,j2\nD3,j2\nD9,j2\nD4,j2\nD4,j2\n",
        encoding="utf-8")
    return folder


def test_missing_ratings_follow_assignments(tmp_path: Path) -> None:
    call = load_call(_call(tmp_path))
    missing = [w.message for w in call.warnings if w.code == "ratings-missing"]
    # j1 owes D4 and D3 (assignment order, D1 is rated); j2 owes D4 once, although
    # assignments.csv lists it twice (a repeated row is the same assignment: it was
    # counted twice, "2 dossiers yet: D4, D4", until the loader and the jury's
    # modules read the rows by one rule), never D2 (déport), D3 (rated) nor D9 (not a
    # dossier of the call).
    # And each rated B1 alone of the jurors' B1, B2, I1: D1 and D3 rated in part.
    assert missing == ["j1 has not rated 2 dossiers yet: D4, D3",
                       "j1 has not rated every criterion of 1 dossier yet (B2, I1 missing): D1",
                       "j2 has not rated 1 dossier yet: D4",
                       "j2 has not rated every criterion of 1 dossier yet (B2, I1 missing): D3"]
    # per dossier, by hand: D1 expects j1 (who rated it), D2 nobody (j2 recused), D3 j1
    # and j2 (j1 owes it), D4 j1 and j2 (once, though listed twice; both owe it)
    cells = call.missing
    assert cells is not None
    assert cells.jurors_of(["D1", "D2", "D3", "D4"]) == [None, None, (1, 2), (0, 2)]
    assert cells.unrated == {"j1": ("D4", "D3"), "j2": ("D4",)}


def test_read_assignments_keeps_first_occurrence_order(tmp_path: Path) -> None:
    call = load_call(_call(tmp_path))
    diags = Collector()
    # D9 is unknown (an error), the second "D4,j2" is a repeat: kept once
    assert read_assignments(call, diags) == {"j1": ["D4", "D1", "D3"], "j2": ["D2", "D3", "D4"]}
    assert [d.code for d in diags.errors] == ["unknown-dossier"]


def test_the_loader_and_the_jury_read_the_same_assignments(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    # repeats, a blank cell, spaces around ids and an upper-case header, read by both
    (folder / "assignments.csv").write_text(
        "Dossier , ASSESSOR\nD4,j1\n D1 ,j1\nD4,j1\n,j1\nD2,j2\nD2, j2\nD3,j2\n",
        encoding="utf-8")
    call = load_call(folder)
    expected = {"j1": ["D4", "D1"], "j2": ["D2", "D3"]}  # first rows, once each
    assert _assigned(folder) == expected
    diags = Collector()
    assert read_assignments(call, diags) == expected
    assert [d.code for d in diags.errors] == ["unknown-dossier"]  # the blank cell, named


def test_no_readable_dossier_is_reported_not_a_crash(tmp_path: Path) -> None:
    """Every dossier refused (a NUL byte in the table): the ratings table has no dossier,
    and a juré with assignments owes nothing that can be checked; the errors are
    reported (it was an IndexError, found by a review)."""
    import pytest

    from isgrid.errors import CallError

    folder = make_call(tmp_path, "mini-scored",
                       call={"assessors": [{"id": "j1", "role": "juré"}]},
                       ratings=[("D1", "j1", "B1", 3)])
    (folder / "dossiers.csv").write_bytes(b"id,title\nD1,P\x00\n")
    (folder / "assignments.csv").write_text("dossier,assessor\nD1,j1\n", encoding="utf-8")
    with pytest.raises(CallError) as raised:
        load_call(folder)
    codes = [d.code for d in raised.value.diagnostics]
    assert "encoding-invalid" in codes


def test_an_empty_cell_is_not_a_rating(tmp_path: Path) -> None:
    """A row whose value is empty (no value, no n/a) rates nothing: the juré still owes
    the dossier, and a dossier with only such rows has no ratings.  By hand: j1 rated D1
    (3) and D2 (n/a), left D3 empty; D4 has no row."""
    folder = make_call(
        tmp_path, "mini-scored",
        call={"assessors": [{"id": "j1", "role": "juré"}]},
        dossiers=[{"id": f"D{i}"} for i in range(1, 5)],
        ratings=[("D1", "j1", "B1", 3), ("D2", "j1", "B1", "n/a"), ("D3", "j1", "B1", None)])
    call = load_call(folder)
    assert [w.message for w in call.warnings if w.code == "ratings-missing"] == [
        "j1 has not rated 2 dossiers yet: D3, D4",  # and B2, I1 of the two rated (B1 only)
        "j1 has not rated every criterion of 2 dossiers yet (B2, I1 missing): D1, D2"]
    assert sorted(w.message for w in call.warnings if w.code == "no-ratings") == [
        "the dossier 'D3' has no ratings yet", "the dossier 'D4' has no ratings yet"]


def test_jures_expected_on_every_dossier_and_on_a_list(tmp_path: Path) -> None:
    """Without assignments.csv a juré is expected on every dossier but those they are
    recused from; a juré with ``dossiers:`` on those it lists.  By hand: j1 (every
    dossier) rated D1 on B1 alone, is recused from D3: owes D2 and D4, D1 in part; j2
    (every dossier, no recusal) rated nothing of D1..D4 but D4 (B1, B2, I1); j3 lists D2
    and D4, is recused from D4: owes D2 alone.  So
    D2 is owed by j1, j2, j3 (0 of the 3 expected rated it), D4 by j1 (j2 rated it, j3 is
    recused: 1 of 2), D1 by j2 (j1 rated it: 1 of 2), D3 by j2 (j1 recused: 0 of 1)."""
    folder = make_call(
        tmp_path, "mini-scored",
        call={"assessors": [{"id": "j1", "role": "juré"}, {"id": "j2", "role": "juré"},
                            {"id": "j3", "role": "juré", "dossiers": ["D2", "D4"]}],
              "conflicts": [{"assessor": "j1", "dossier": "D3"},
                            {"assessor": "j3", "dossier": "D4"}]},
        dossiers=[{"id": f"D{i}"} for i in range(1, 5)],
        ratings=[("D1", "j1", "B1", 3), ("D4", "j2", "B1", 2), ("D4", "j2", "B2", 3),
                 ("D4", "j2", "I1", 1)])
    call = load_call(folder)
    missing = call.missing
    assert missing is not None
    assert missing.unrated == {"j1": ("D2", "D4"), "j2": ("D1", "D2", "D3"), "j3": ("D2",)}
    assert missing.in_part == {("j1", "D1"): ("B2", "I1")}
    assert [missing.jurors(d) for d in ("D1", "D2", "D3", "D4")] == [
        (1, 2), (0, 3), (0, 1), (1, 2)]
    # the pipeline's column: the same, by numpy for the call's own dossiers in its order,
    # one by one for any other list (a scenario's)
    assert missing.jurors_of(["D1", "D2", "D3", "D4"]) == [(1, 2), (0, 3), (0, 1), (1, 2)]
    assert missing.jurors_of(["D4", "D9", "D1"]) == [(1, 2), None, (1, 2)]
    # six dossiers owed whole, of the three criteria the jurors rate, and two cells of D1
    assert missing.cells == 6 * 3 + 2
    assert load_call(folder).missing == missing


def test_a_dossier_id_given_twice_is_owed_as_its_id(tmp_path: Path) -> None:
    """Two dossier files with the same id are an error (``duplicate-dossier``), said with the
    call's warnings: j1 rated D1 and D2 on every criterion, so no ``ratings-missing`` is
    said of the copy of D1 (it was, « j1 has not rated 1 dossier yet: D1 », when the cells
    owed were first counted by position: review of session 25)."""
    import pytest

    from isgrid.errors import CallError

    folder = make_call(
        tmp_path, "mini-scored", call={"assessors": [{"id": "j1", "role": "juré"}]},
        dossiers=[{"id": "D1"}, {"id": "D2"}],
        ratings=[(d, "j1", c, 3) for d in ("D1", "D2") for c in ("B1", "B2", "I1")])
    copy = folder / "dossiers" / "D1bis.yaml"
    copy.write_text((folder / "dossiers" / "D1.yaml").read_text("utf-8"), "utf-8")
    with pytest.raises(CallError) as caught:
        load_call(folder)
    said = [d.code for d in caught.value.diagnostics]
    assert "duplicate-dossier" in said and "ratings-missing" not in said, said
