"""A shipped grid as an older isgrid shipped it, for a call that changes it by its ``set:``.

An entry an older isgrid recorded (the whole grid's hash only) under a call whose
``set:`` changes a shipped grid (version ``<version>+call``) holds the hash of that call's
grid, which no table of shipped grids can list.  When the shipped grid was since reworded
only (its notes, labels, sources: what of it scores the same), the table
``grids/scoring-hashes.json`` keeps, under ``wording``, the texts of each such past
version that differ from the version isgrid ships now (a *patch*, a few texts, not the
old grid): applied to the call's grid of now, it gives the call's grid as the older
isgrid had it, whose hash is compared with the entry's (:func:`reworded_dump`; the
comparison: :func:`isgrid.grid.scoring.scores_as`).  A patch that does not apply (the
call's ``set:`` rewrote the same text, or removed its criterion) gives another hash, and
the entry is told as before.

A patch is a list of ``[path, value]`` (the value the past version had there) or
``[path]`` (a key the past version did not have); a path's steps are a mapping's key, a
list's index, or ``{"id": …}``, the element of a list of elements with ids (sections,
criteria, rules) that has it, so that a criterion the call adds or removes moves none.
:func:`wording_patch` writes one (``tools/grid_hashes.py``), :func:`apply_patch` reads it.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from ..paths import grids_dir
from .dump import canonical_json, grid_dump

if TYPE_CHECKING:
    from .load import LoadedGrid

#: the shipped table (:mod:`isgrid.grid.scoring`), whose ``wording`` this module reads
PAST_HASHES_FILE = "scoring-hashes.json"

Patch = list[list[Any]]


def _ids(items: list[Any]) -> list[str] | None:
    """The ids of a list of elements that all have one, each once; else None."""
    ids = [x.get("id") if isinstance(x, dict) else None for x in items]
    if not ids or not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        return None
    return ids  # type: ignore[return-value]


def wording_patch(now: Any, then: Any, path: tuple[Any, ...] = ()) -> Patch:
    """What turns ``now`` (a grid's dump) into ``then`` (module docstring)."""
    if now == then:
        return []
    if isinstance(now, dict) and isinstance(then, dict):
        out: Patch = []
        for key in sorted(set(now) | set(then)):
            if key not in then:
                out.append([[*path, key]])
            elif key not in now:
                out.append([[*path, key], then[key]])
            else:
                out += wording_patch(now[key], then[key], (*path, key))
        return out
    if isinstance(now, list) and isinstance(then, list):
        ids = _ids(now)
        if ids is not None and ids == _ids(then):
            return [op for i, x in enumerate(now)
                    for op in wording_patch(x, then[i], (*path, {"id": ids[i]}))]
        if len(now) == len(then):
            return [op for i, x in enumerate(now) for op in wording_patch(x, then[i], (*path, i))]
    return [[list(path), then]]


def _step(node: Any, step: Any) -> tuple[bool, Any]:
    """(found, the child of ``node`` at ``step``)."""
    if isinstance(step, dict) and isinstance(node, list):
        found = [x for x in node if isinstance(x, dict) and x.get("id") == step.get("id")]
        return (True, found[0]) if len(found) == 1 else (False, None)
    if isinstance(step, str) and isinstance(node, dict) and step in node:
        return True, node[step]
    if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
        return True, node[step]
    return False, None


def apply_patch(data: dict[str, Any], patch: Patch) -> dict[str, Any] | None:
    """``data`` with ``patch`` applied (a copy); None when a path is not found in it."""
    out = copy.deepcopy(data)
    for op in patch:
        if not isinstance(op, list) or not op or not isinstance(op[0], list) or not op[0]:
            return None
        *steps, last = op[0]
        node: Any = out
        for step in steps:
            found, node = _step(node, step)
            if not found:
                return None
        if isinstance(last, dict):  # an element by its id: replaced
            if len(op) != 2 or not isinstance(node, list):
                return None
            at = [i for i, x in enumerate(node) if isinstance(x, dict)
                  and x.get("id") == last.get("id")]
            if len(at) != 1:
                return None
            node[at[0]] = op[1]
        elif isinstance(node, dict) and isinstance(last, str):
            if len(op) == 2:
                node[last] = op[1]
            elif node.pop(last, None) is None:
                return None
        elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node) \
                and len(op) == 2:
            node[last] = op[1]
        else:
            return None
    return out


@cache
def past_table() -> dict[str, Any]:
    """The shipped table of past hashes (:data:`PAST_HASHES_FILE`), read once for both its
    parts (``grids``: :func:`isgrid.grid.scoring.past_hashes`; ``wording``:
    :func:`past_wording`); empty when it is missing or unreadable."""
    try:
        data = json.loads((grids_dir() / PAST_HASHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def part_of_table(key: str) -> dict[str, Any]:
    """One part of :func:`past_table` (a mapping), empty when it is not one."""
    part = past_table().get(key)
    return part if isinstance(part, dict) else {}


def past_wording() -> dict[str, dict[str, Patch]]:
    """The table's patches: by the shipped grid's ``<id>@<version>``, each past whole hash
    of a version that scored as it does, and the texts that version had (module
    docstring); empty when the table is missing or holds none."""
    return part_of_table("wording")


def reworded_dump(loaded: LoadedGrid, sha256: str, ref: str) -> dict[str, Any] | None:
    """``loaded`` (the call's grid of now) as a call's grid was when the shipped grid ``ref``
    (``<id>@<version>``) had the texts of a past version, when that gives the whole hash
    ``sha256``; else None."""
    patches = past_wording().get(ref)
    if not isinstance(patches, dict) or not patches:
        return None
    now = grid_dump(loaded.grid)
    for patch in patches.values():
        then = apply_patch(now, patch) if isinstance(patch, list) else None
        if then is not None and hashlib.sha256(canonical_json(then)).hexdigest() == sha256:
            return then
    return None


__all__ = ["PAST_HASHES_FILE", "apply_patch", "part_of_table", "past_table", "past_wording",
           "reworded_dump",
           "wording_patch"]
