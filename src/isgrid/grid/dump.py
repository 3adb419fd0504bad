"""A resolved grid as plain data, and its hash.

:func:`grid_dump` is the grid as plain data, :func:`canonical_json` its one byte form and
:func:`grid_hash` the hash of the whole grid (the result's ``grid.sha256``, a journal
entry's ``grid_sha256``); :mod:`isgrid.grid.scoring` hashes the same data without the
texts no rule reads.  Both read this module, and :mod:`isgrid.grid.load` keeps both
hashes of a loaded grid (:class:`isgrid.grid.load.LoadedGrid`).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Grid


def canonical_json(data: Any) -> bytes:
    """Canonical JSON: sorted keys, no whitespace, UTF-8, integral floats as ints."""

    def norm(x: Any) -> Any:
        if isinstance(x, float) and x.is_integer():
            return int(x)
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list):
            return [norm(v) for v in x]
        return x

    return json.dumps(
        norm(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def grid_hash(grid: Grid) -> str:
    return hashlib.sha256(canonical_json(grid_dump(grid))).hexdigest()


def grid_dump(grid: Grid) -> dict[str, Any]:
    """The resolved grid as plain data (aliases, only what was set)."""
    # exclude_defaults: writing out a default (na: true) does not change the grid.
    data = grid.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data.pop("$schema", None)
    return data


__all__ = ["canonical_json", "grid_dump", "grid_hash"]
