"""What of a grid scores: its content without the words no rule reads.

A grid's hash (:func:`isgrid.grid.load.grid_hash`, the result's ``grid.sha256``) is the
hash of all its resolved content, its notes and labels included.  A journal entry records
the grid the séance judged with, and ``grid-changed`` (:mod:`isgrid.call.gridstamp`)
compares it with the grid the call is judged with now: a note reworded in a shipped grid
(small19: two ``note:`` texts of avise-mouves-2011) changed no total, rank nor status,
and must not say they may differ.  That comparison reads :func:`scoring_hash`, the hash
of the grid without the texts below, and only it; ``grid.sha256`` stays the whole grid's.

Left out (docs/result.md, "The grid's two hashes"), wherever they are in the grid:

* the grid's ``title``, ``description``, ``notes``, ``sources``, ``parameters`` (the
  provenance of its numbers) and ``source_criteria_count``;
* a section's ``label`` and ``description``;
* a criterion's ``label``, ``question``, ``guidance``, ``advice``, ``provenance``,
  ``dimension`` and ``secondary_dimensions`` (read by ``compare`` only);
* a scale's ``label``, ``description`` and ``provenance``, a level's ``description``
  (a level's ``label`` stays: a value may be written as its label);
* a fact's ``label`` and ``description`` (at any depth: ``items``, ``properties``);
* an eligibility rule's ``label`` and ``provenance``, a verdict part's ``label``.

Everything else stays: ids, version, mode, weights, ranking weights, floors, threshold,
``total``, scales' levels and values, ``counts_as``, facts' types and bounds, the rules,
the verdict, tie-breaks, the aggregator, a criterion's ``separate_condition`` (a name the
result keys by) and ``rated_by``.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .dump import canonical_json, grid_dump

if TYPE_CHECKING:
    from .model import Grid

#: the texts no rule reads, by where they are
_GRID = ("$schema", "title", "description", "notes", "sources", "parameters",
         "source_criteria_count")
_SECTION = ("label", "description")
_CRITERION = ("label", "question", "guidance", "advice", "provenance", "dimension",
              "secondary_dimensions")
_SCALE = ("label", "description", "provenance")
_LEVEL = ("description",)
_FACT = ("label", "description")
_RULE = ("label", "provenance")
_VERDICT = ("label",)


def _without(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


def _fact(spec: dict[str, Any]) -> dict[str, Any]:
    out = _without(spec, _FACT)
    if isinstance(out.get("items"), dict):
        out["items"] = _fact(out["items"])
    if isinstance(out.get("properties"), dict):
        out["properties"] = {k: _fact(v) for k, v in out["properties"].items()}
    return out


def _verdict(part: dict[str, Any]) -> dict[str, Any]:
    out = _without(part, _VERDICT)
    for key in ("all", "any", "of"):
        if isinstance(out.get(key), list):
            out[key] = [_verdict(p) for p in out[key]]
    return out


def scoring_dump(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (:func:`isgrid.grid.load.grid_dump`) without the texts no rule reads."""
    out = _without(data, _GRID)
    out["sections"] = [
        _without(s, _SECTION) | {"criteria": [_without(c, _CRITERION)
                                              for c in s.get("criteria", [])]}
        for s in data.get("sections", [])]
    if "scales" in out:
        out["scales"] = {k: _without(s, _SCALE) | {"levels": [
            _without(lv, _LEVEL) for lv in s.get("levels", [])]}
            for k, s in out["scales"].items()}
    if "facts" in out:
        out["facts"] = {k: _fact(v) for k, v in out["facts"].items()}
    if "eligibility" in out:
        out["eligibility"] = [_without(r, _RULE) for r in out["eligibility"]]
    if isinstance(out.get("verdict"), dict):
        out["verdict"] = _verdict(out["verdict"])
    return out


def scoring_hash_of(data: dict[str, Any]) -> str:
    """The scoring hash of a grid dumped as plain data (:func:`scoring_hash`)."""
    return hashlib.sha256(canonical_json(scoring_dump(data))).hexdigest()


def scoring_hash(grid: Grid) -> str:
    """The hash of what of ``grid`` scores (module docstring)."""
    return scoring_hash_of(grid_dump(grid))


__all__ = ["scoring_dump", "scoring_hash", "scoring_hash_of"]
