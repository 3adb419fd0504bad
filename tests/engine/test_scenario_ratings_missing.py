"""A scenario's ratings say the ``ratings-missing`` flags as the call loaded with them would:
``score(call, Scenario(table=…))`` read the cells the jurés owe against the call's files
(a juré's rows left out of the scenario still counted as rated).

The example alsace-2016: j1, j2 and j3 are each assigned AL16-01…05, 07, 08
(``assessors[].dossiers``), not AL16-06; j2 is recused from AL16-01.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np

from isgrid import load_call, score
from isgrid.engine.scenario import Ratings, Scenario
from testpaths import EXAMPLES


def _without(table: Ratings, drop: set[tuple[str, str]]) -> Ratings:
    """``table`` without the rows of the (juré, dossier) pairs ``drop``."""
    a = np.asarray(table.assessor)
    d = np.asarray(table.dossier)
    keep = np.array([(table.assessor_ids[x], table.dossier_ids[y]) not in drop
                     for x, y in zip(a.tolist(), d.tolist(), strict=True)], dtype=bool)
    return Ratings(table.dossier_ids, table.criterion_ids, table.assessor_ids,
                   table.dossier[keep], table.assessor[keep], table.criterion[keep],
                   table.value[keep], table.na[keep])


def _flags(result: object) -> dict[str, list[str]]:
    return {d.id: [f for f in d.flags if f.startswith("ratings-missing")]
            for d in result.dossiers}  # type: ignore[attr-defined]


def _folder_without(tmp_path: Path, drop: set[tuple[str, str]]) -> Path:
    """The example as files, the rows of ``drop`` removed from its ratings files."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    for path in (folder / "ratings").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if tuple(x.split(",")[1::-1][:2])
                                not in drop), encoding="utf-8")
    return folder


def test_a_juror_left_out_of_the_scenario_has_not_rated(tmp_path: Path) -> None:
    call = load_call(EXAMPLES / "alsace-2016")
    assert all(not f for f in _flags(score(call)).values())  # every juré rated, as filed
    j1 = {("j1", d) for d in call.table.dossier_ids}
    flags = _flags(score(call, Scenario(table=_without(Ratings.of(call.table), j1))))
    # j1 expected on seven dossiers: two of three rated them; AL16-01, where j2 is
    # recused, one of two; AL16-06 had no juré of j1's expected on it
    assert flags["AL16-02"] == ["ratings-missing:2/3"]
    assert flags["AL16-01"] == ["ratings-missing:1/2"]
    assert flags["AL16-06"] == []
    assert len(flags) == 8 and sum(1 for f in flags.values() if f) == 7
    # as the call loaded with those files says
    assert flags == _flags(score(load_call(_folder_without(tmp_path, j1))))


def test_as_the_call_loaded_with_the_same_ratings_on_random_removals(tmp_path: Path) -> None:
    call = load_call(EXAMPLES / "alsace-2016")
    pairs = sorted({(call.table.assessor_ids[a], call.table.dossier_ids[d]) for a, d in zip(
        np.asarray(call.table.assessor).tolist(), np.asarray(call.table.dossier).tolist(),
        strict=True)})
    rng = random.Random(26)
    for k in range(6):
        drop = set(rng.sample(pairs, rng.randint(1, 8)))
        scenario = _flags(score(call, Scenario(table=_without(Ratings.of(call.table), drop))))
        filed = _flags(score(load_call(_folder_without(tmp_path / str(k), drop))))
        assert scenario == filed, sorted(drop)
        # the scenario's cells owed, read back: the same as the loaded call's
        loaded = load_call(_folder_without(tmp_path / f"{k}b", drop))
        assert call.missing is not None and loaded.missing is not None
        assert call.missing.for_ratings(_without(Ratings.of(call.table), drop)) \
            == loaded.missing


def test_the_calls_own_ratings_give_the_calls_cells_owed(tmp_path: Path) -> None:
    # j3 never rated AL16-03: the loaded call owes it; read again against the same table,
    # or the same ratings as new columns, nothing changes
    folder = _folder_without(tmp_path, {("j3", "AL16-03")})
    call = load_call(folder)
    assert call.missing is not None and call.missing.unrated == {"j3": ("AL16-03",)}
    assert call.missing.for_ratings(call.table) == call.missing
    assert call.missing.for_ratings(Ratings.of(call.table)) == call.missing
    # the rows in another order of dossiers: pointed at again, the same reading
    t = Ratings.of(call.table)
    order = list(reversed(t.dossier_ids))
    at = np.array([order.index(d) for d in t.dossier_ids])
    moved = Ratings(order, t.criterion_ids, t.assessor_ids, at[t.dossier], t.assessor,
                    t.criterion, t.value, t.na)
    assert call.missing.for_ratings(moved).unrated == {"j3": ("AL16-03",)}
