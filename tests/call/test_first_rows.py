"""``call.ratings.first_rows``: each distinct key's first row, in the rows' order."""

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
