"""``call.ratings.first_rows`` (each distinct key's first row, in the rows' order) and
``dossier_index`` (each dossier id's index, made once)."""

from __future__ import annotations

import numpy as np

from isgrid.call.ratings import first_rows


def test_first_rows_by_hand() -> None:
    # keys 5 3 5 1 3 7: 5 first at 0, 3 at 1, 1 at 3, 7 at 5
    assert first_rows(np.array([5, 3, 5, 1, 3, 7])).tolist() == [0, 1, 3, 5]
    assert first_rows(np.array([2, 2, 2])).tolist() == [0]
    assert first_rows(np.array([], dtype=np.int64)).tolist() == []


def test_first_rows_as_numpy_unique_on_random_keys() -> None:
    rng = np.random.default_rng(23)
    for n in (1, 2, 7, 1000):
        for high in (1, 3, 50, 10**12):
            keys = rng.integers(0, high, n)
            expected = np.sort(np.unique(keys, return_index=True)[1])
            assert first_rows(keys).tolist() == expected.tolist()


def test_dossier_index_made_once_for_the_list_it_reads() -> None:
    from types import SimpleNamespace

    from isgrid.call.ratings import RatingTable, dossier_index

    table = RatingTable(["D1", "D2", "D3"], ["C1"])
    first = table.dossier_index()
    assert first == {"D1": 0, "D2": 1, "D3": 2}
    assert table.dossier_index() is first and dossier_index(table) is first  # made once
    table.dossier_ids = ["D3", "D1"]  # another list: made again for it
    assert table.dossier_index() == {"D3": 0, "D1": 1}
    # a scenario's ratings (not a RatingTable): made from its ids
    assert dossier_index(SimpleNamespace(dossier_ids=["X", "Y"])) == {"X": 0, "Y": 1}


def test_the_recusals_rows_are_made_once_per_set_of_pairs_and_read_only() -> None:
    import pytest

    from isgrid.call.deports import conflicted_rows
    from isgrid.call.ratings import Part, RatingTable

    # five ratings: (assessor, dossier) = (0,0) (1,0) (0,1) (1,1) (0,0)
    table = RatingTable(["D1", "D2"], ["C1"], ["j1", "j2"])
    table.add(Part(dossier=np.array([0, 0, 1, 1, 0]), assessor=np.array([0, 1, 0, 1, 0]),
                   criterion=np.zeros(5, dtype=np.int64), value=np.ones(5),
                   na=np.zeros(5, dtype=bool), line=range(2, 7), file=0, comment=None))
    table.finish()
    # j2 recused from D1: its one rating there, row 1; j1 from D2: row 2
    rows = conflicted_rows(table, {(1, 0)})
    assert rows.tolist() == [False, True, False, False, False]
    assert conflicted_rows(table, {(1, 0)}) is rows  # made once for these pairs
    assert conflicted_rows(table, {(1, 0), (0, 1)}).tolist() == [False, True, True, False,
                                                                  False]
    with pytest.raises(ValueError):  # shared by the loader and the engine: never changed
        rows[0] = True
    table.finish()  # the columns made again: so are the rows
    assert conflicted_rows(table, {(1, 0)}) is not rows
    # the table's own cache, by key, for any array derived from its columns
    assert table.derived("k", lambda: np.arange(3)).tolist() == [0, 1, 2]
    assert table.derived("k", lambda: np.zeros(1)).tolist() == [0, 1, 2]
