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

What was recorded before isgrid wrote the scoring hash (a journal entry, a juror's
workbook, an audit record, the workspace's database) holds the whole grid's hash only.
For the grids isgrid ships, the table ``grids/scoring-hashes.json`` gives the scoring
hash of every whole hash a shipped grid has had in isgrid's history (written by
``tools/grid_hashes.py`` from the history of the grids, no old grid kept):
:func:`scores_as`, the one comparison, reads it for such a record, and, for a call's
grid that changes a shipped one by its ``set:`` (a hash of its own), the texts it keeps of
the past versions (:mod:`isgrid.grid.reworded`); a hash found neither way (a call's own
grid) is compared as a whole.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .dump import canonical_json, grid_dump
from .model import CALL_VERSION
from .reworded import PAST_HASHES_FILE, part_of_table, reworded_dump

if TYPE_CHECKING:
    from .load import LoadedGrid
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


def past_hashes() -> dict[str, dict[str, str]]:
    """The shipped table: by grid id, each whole hash a version of it had (the isgrid of
    that time's, :func:`isgrid.grid.dump.grid_hash`) and its scoring hash (this isgrid's);
    empty when the table is missing or unreadable (every old record is then compared as
    a whole, as before).  Read once with its other part (:func:`.reworded.past_table`)."""
    return part_of_table("grids")


def recorded_scoring(gid: str, sha256: str | None, scoring_sha256: str | None) -> str | None:
    """The scoring hash of a grid recorded as ``sha256`` and ``scoring_sha256``: the latter
    when recorded, else the one the shipped table knows of the grid ``gid``'s whole hash
    ``sha256``, else None."""
    if scoring_sha256 is not None:
        return scoring_sha256
    if sha256 is None:
        return None
    known = past_hashes().get(gid)
    return known.get(sha256) if isinstance(known, dict) else None


def scores_as(loaded: LoadedGrid, sha256: str | None, scoring_sha256: str | None = None,
              gid: str | None = None) -> bool:
    """Whether a grid recorded with the whole hash ``sha256`` (and ``scoring_sha256`` when
    the record holds it; ``gid``: its id, the loaded grid's when not given) scores as
    ``loaded``: the same whole hash, else the same scoring hash, recorded or known
    (:func:`recorded_scoring`), else ``loaded`` given back the texts of a past version of
    its shipped grid has that whole hash (:func:`_reworded_alike`).  False when none is
    known."""
    if sha256 is not None and sha256 == loaded.sha256:
        return True
    then = recorded_scoring(gid or loaded.grid.id, sha256, scoring_sha256)
    if then is not None or sha256 is None:
        return then is not None and then == loaded.scoring_sha256
    return _reworded_alike(loaded, sha256)


#: :func:`_reworded_alike` by (the grid's hash now, the recorded one): a journal's
#: thousand entries under one grid look it up once
_ALIKE: dict[tuple[str, str], bool] = {}


def _reworded_alike(loaded: LoadedGrid, sha256: str) -> bool:
    """Whether ``sha256`` is the hash of ``loaded`` (a call's grid that changes a shipped
    one) as it was when the shipped grid had the texts of a past version, and that grid
    scored as ``loaded`` does (:mod:`isgrid.grid.reworded`)."""
    key = (loaded.sha256, sha256)
    if key not in _ALIKE:
        if len(_ALIKE) > 256:
            _ALIKE.clear()
        then = reworded_dump(loaded, sha256, loaded.grid.ref.removesuffix(CALL_VERSION))
        _ALIKE[key] = then is not None and scoring_hash_of(then) == loaded.scoring_sha256
    return _ALIKE[key]


__all__ = ["PAST_HASHES_FILE", "past_hashes", "recorded_scoring", "scores_as",
           "scoring_dump", "scoring_hash", "scoring_hash_of"]
