"""Who rates a criterion: one rule (:attr:`isgrid.grid.model.Criterion.rater`) for the
workbooks, their import, the workspace, the call's check and loading.

Found by a review: loading applied only the eliminatory half of the rule.  An instructor's
score of a jury criterion written by hand in ``ratings/i1.csv`` was accepted and counted in
the aggregate beside the jurors', while ``isgrid sheets import`` refused it
(``wrong-rater-role``) and ``sheets import --replace`` then dropped it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.errors import CallError

JURY = [{"id": "i1", "role": "instructeur"}, {"id": "j1", "role": "juré"},
        {"id": "j2", "role": "juré"}]
DOSSIER = {"id": "D1", "region": "Alsace", "partners": [
    {"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]}


@pytest.fixture(params=["arrow", "rows"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both readers of a ratings file: Arrow's (every size) and the row reader's (the
    default below ``ARROW_MIN_BYTES``)."""
    if request.param == "arrow":
        import isgrid.io.ratingsfile as ratingsfile

        monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)
    return str(request.param)


def _call(tmp_path: Path, i1_rows: list[tuple[str, str, str, object]]) -> Path:
    # ratings/i1.csv: the header (line 1), X1 (line 2), then ``i1_rows`` from line 3
    return make_call(tmp_path, "mini-scored", call={"assessors": JURY}, dossiers=[DOSSIER],
                     ratings=[("D1", "j1", "B1", 4), ("D1", "j2", "B1", 2),
                              ("D1", "i1", "X1", "oui"), *i1_rows])


def test_grid_rule() -> None:
    """mini-scored: X1 is eliminatory, ``rated_by: instructeur``; B1, B2 and I1 are scored."""
    from isgrid.grid.load import load_grid
    from testpaths import ROOT

    grid = load_grid(ROOT / "tests" / "fixtures" / "grids" / "mini-scored.yaml").grid
    assert [(c.id, c.rater) for c in grid.criteria()] == [
        ("B1", "juré"), ("B2", "juré"), ("I1", "juré"), ("X1", "instructeur")]
    assert [c.id for c in grid.criteria_rated_by("instructeur")] == ["X1"]
    assert [c.id for c in grid.criteria_rated_by("juré")] == ["B1", "B2", "I1"]
    # an eliminatory criterion without rated_by: anyone's
    free = grid.criterion("X1").model_copy(update={"rated_by": None})
    assert free.rater is None and free.rated_by_role("juré") and free.rated_by_role(None)


def test_an_instructors_score_is_refused_where_it_is_written(tmp_path: Path,
                                                             reader: str) -> None:
    """i1 scores B1 (0) beside j1 (4) and j2 (2): before, loading took the row and B1's
    mean was (4 + 2 + 0) / 3 = 2 instead of the jurors' 3.  Now the row is refused at its
    value's cell, ratings/i1.csv line 3 column 4, with the rule's hint."""
    folder = _call(tmp_path, [("D1", "i1", "B1", 0)])
    with pytest.raises(CallError) as caught:
        load_call(folder)
    [d] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert d.code == "wrong-rater-role"
    assert (Path(d.location.file).name, d.location.line, d.location.column) == ("i1.csv", 3, 4)
    # the roles in English words, with their article (it said « B1 is rated by the juré;
    # i1 is a instructeur »); in French « i1 est instructeur »
    assert str(d.message) == "B1 is rated by a jury member; i1 is an instructor"
    assert d.message.translated("fr") == "B1 est noté par le rôle juré\u202f; i1 est instructeur"
    assert d.effective_hint == (
        # the role in English words (it said « The jurors (juré) », call.yaml's id)
        "The criteria that are not eliminatory are rated by a jury member: i1's value would "
        "be counted beside the jurors'. Delete the row (a juror's value is written under the "
        "juror's own id).")


def test_a_juror_s_value_of_the_instructor_s_criterion_says_both_roles_in_english(
        tmp_path: Path, reader: str) -> None:
    """j1 answers X1 (the instructor's eligibility condition), ratings/j1.csv line 3: the
    message names both roles in English with their article, « an instructor », « a jury
    member » (it said « X1 is rated by the instructeur; j1 is a juré »), and in French
    « j1 est juré »."""
    folder = _call(tmp_path, [])
    with (folder / "ratings" / "j1.csv").open("a", encoding="utf-8") as f:
        f.write("D1,j1,X1,oui,\n")
    with pytest.raises(CallError) as caught:
        load_call(folder)
    [d] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert (d.code, Path(d.location.file).name, d.location.line) == (
        "wrong-rater-role", "j1.csv", 3)
    assert str(d.message) == "X1 is rated by an instructor; j1 is a jury member"
    assert d.message.translated("fr") == (
        "X1 est noté par le rôle instructeur\u202f; j1 est juré")


def test_the_jurors_mean_without_it(tmp_path: Path, reader: str) -> None:
    """The same call without the row loads: B1 is the jurors' (4 + 2) / 2 = 3; an empty
    cell of i1 for B1 gives no value and is not refused (as for an eliminatory one)."""
    from isgrid.engine import score

    folder = _call(tmp_path, [("D1", "i1", "B1", None)])
    call = load_call(folder)
    b1 = score(call).dossier("D1").criteria["B1"]
    assert (b1.value, b1.n) == (3, 2)


def test_a_call_without_jurors_is_told(tmp_path: Path) -> None:
    """A jury of instructors only: the scored criteria are the jurors' and none is declared
    (``role-missing``, at « assessors: », line 3 of call.yaml as make_call writes it, its
    first item on line 4), the hint proposing j1."""
    folder = make_call(tmp_path, "mini-scored", call={"assessors": [JURY[0]]},
                       dossiers=[DOSSIER], ratings=[("D1", "i1", "X1", "oui")])
    said = [(str(w.message), w.location.line, w.effective_hint)
            for w in load_call(folder).warnings if w.code == "role-missing"]
    assert said == [(
        "the grid's criteria B1, B2, I1 are rated by a jury member and the call declares none: "
        "their values stay unknown, and no dossier can be ranked", 4,
        "Declare one under `assessors:` in call.yaml ({id: j1, name: …, role: juré}), "
        f"then write their workbook: isgrid sheets {folder} -o fiches/ --assessor j1")]
