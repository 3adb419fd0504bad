"""The distinct cells of a call (``cellgroups.cell_groups``): grouped by a hash of their
statistics, checked exactly, and grouped by exact tuples when two cells share a hash."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

import isgrid.engine.cellgroups as cellgroups

NAN = float("nan")


def _stats() -> Any:
    # 3 dossiers x 2 criteria.  Worked out by hand: cells (0,0), (1,1) and (2,0) have
    # the same statistics (value 2, raw 2.5, 4 ratings, no n/a, min 1, max 4, spread 3);
    # (0,1) and (2,1) are both "no rating" (all missing, n = 0); (1,0) differs from
    # (0,0) only by one n/a.  So three distinct cells.
    value = np.array([[2.0, NAN], [2.0, 2.0], [2.0, NAN]])
    raw = np.array([[2.5, NAN], [2.5, 2.5], [2.5, NAN]])
    n = np.array([[4, 0], [4, 4], [4, 0]])
    na = np.array([[0, 0], [1, 0], [0, 0]])
    mn = np.array([[1.0, NAN], [1.0, 1.0], [1.0, NAN]])
    mx = np.array([[4.0, NAN], [4.0, 4.0], [4.0, NAN]])
    return SimpleNamespace(value=value, raw=raw, consensus=None, n=n, na=na, min=mn, max=mx)


def _readable(ids: list[list[int]], keys: list[tuple[Any, ...]]) -> list[list[tuple[Any, ...]]]:
    return [[keys[g] for g in row] for row in ids]


def test_cells_with_the_same_statistics_share_a_group() -> None:
    ids, keys = cellgroups.cell_groups(_stats(), consensus_given=False)
    inf = float("-inf")
    full = (2.0, 2.5, inf, 4, 0, 1.0, 4.0, 3.0)
    empty = (inf, inf, inf, 0, 0, inf, inf, inf)
    with_na = (2.0, 2.5, inf, 4, 1, 1.0, 4.0, 3.0)
    assert _readable(ids, keys) == [[full, empty], [with_na, full], [full, empty]]
    assert len(keys) == 3 and len({g for row in ids for g in row}) == 3
    assert all(isinstance(k[3], int) and isinstance(k[4], int) for k in keys)


def test_a_shared_hash_falls_back_to_exact_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    want = _readable(*cellgroups.cell_groups(_stats(), consensus_given=False))
    # every cell gets the same hash: the check finds different cells in one group
    monkeypatch.setattr(cellgroups, "_hashes",
                        lambda columns, n: np.zeros(n, dtype=np.uint64))
    ids, keys = cellgroups.cell_groups(_stats(), consensus_given=False)
    assert _readable(ids, keys) == want
    assert len(keys) == 3


def _first_seen_by_hand(h: list[int]) -> tuple[list[int], list[int]]:
    """Numbers given as values first appear, and each number's first position."""
    number: dict[int, int] = {}
    first: list[int] = []
    codes = []
    for i, x in enumerate(h):
        if x not in number:
            number[x] = len(number)
            first.append(i)
        codes.append(number[x])
    return codes, first


def test_first_seen_codes_by_hand() -> None:
    # worked out by hand: 7 first (0), 3 (1), 9 (2); first positions 0, 1, 3
    group, first = cellgroups.first_seen_codes(np.array([7, 3, 7, 9, 3, 9, 7], dtype=np.uint64))
    assert group.tolist() == [0, 1, 0, 2, 1, 2, 0]
    assert first.tolist() == [0, 1, 3]


@pytest.mark.parametrize("size", [1, 50, 1 << 16, (1 << 16) + 7])
def test_first_seen_codes_sorted_and_hashed_paths_agree(size: int) -> None:
    # below _HASHED_FROM the hashes are sorted, from it Arrow's hash table numbers them:
    # both must number as the plain loop does, whatever the values (some near 2**64)
    rng = np.random.default_rng(size)
    pool = rng.integers(0, 2**63, 300, dtype=np.uint64) * np.uint64(2)
    h = pool[rng.integers(0, len(pool), size)]
    group, first = cellgroups.first_seen_codes(h)
    want_codes, want_first = _first_seen_by_hand(h.tolist())
    assert group.tolist() == want_codes
    assert first.tolist() == want_first


def test_grouping_a_national_call_imports_neither_pandas_nor_pyarrow_compute() -> None:
    # pyarrow's array() and to_numpy() import pandas when it is installed (0.3 s): the
    # grouping hands Arrow buffers instead (a subprocess: pandas may be imported here)
    import subprocess
    import sys

    code = ("import sys, numpy as np; import isgrid.engine.cellgroups as p; "
            "p.first_seen_codes(np.arange(1 << 17, dtype=np.uint64) % np.uint64(97)); "
            "print('pandas' in sys.modules, 'pyarrow.compute' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    # nor pyarrow.compute, whose import (70 to 90 ms) costs more than the hashing saves
    assert out.stdout.split() == ["False", "False"]
