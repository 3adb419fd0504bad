"""The distinct cells of a call (``pipeline._cell_groups``): grouped by a hash of their
statistics, checked exactly, and grouped by exact tuples when two cells share a hash."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

import isgrid.engine.pipeline as pipeline

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
    ids, keys = pipeline._cell_groups(_stats(), consensus_given=False)
    inf = float("-inf")
    full = (2.0, 2.5, inf, 4, 0, 1.0, 4.0, 3.0)
    empty = (inf, inf, inf, 0, 0, inf, inf, inf)
    with_na = (2.0, 2.5, inf, 4, 1, 1.0, 4.0, 3.0)
    assert _readable(ids, keys) == [[full, empty], [with_na, full], [full, empty]]
    assert len(keys) == 3 and len({g for row in ids for g in row}) == 3
    assert all(isinstance(k[3], int) and isinstance(k[4], int) for k in keys)


def test_a_shared_hash_falls_back_to_exact_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    want = _readable(*pipeline._cell_groups(_stats(), consensus_given=False))
    # every cell gets the same hash: the check finds different cells in one group
    monkeypatch.setattr(pipeline, "_mix", lambda h, column: np.zeros_like(h))
    ids, keys = pipeline._cell_groups(_stats(), consensus_given=False)
    assert _readable(ids, keys) == want
    assert len(keys) == 3
