"""What decides a grid's outcome, and where each rule comes from.

A holder's verdict, a total's threshold, a floor or « present » rest on rules as much as on
criteria: the verdict rule (or, by default, which criteria are core), what counts as
« met » or « present », the threshold and the floors, the weights, the scales.  Many of
them are isgrid's choices where a source gives none (the CSESS lists its criteria « non
hiérarchisés », the Alsace call published no scoring scheme).  The grid files record it
under ``parameters`` (``verdict``, ``criteria.*.core``, ``counts_as``, ``threshold``,
``criteria.<id>.floor``, ``criteria.*.weight``, ``scales.<id>``); this module reads those
entries through :func:`isgrid.grid.provenance.parameter_status` (its path, else its
wildcard), never guesses, and says « inferred » for what nobody gave a provenance for
(:data:`isgrid.grid.provenance.UNSAID`), as everywhere else.

:func:`outcome_choices` lists them for the self-assessment's result and ``isgrid compare``;
:func:`criterion_origins` says, per criterion, sourced / reconstructed / inferred, or « the
call's own criterion » for one a grid extending another adds with no source (a call's
agency wrote it: not isgrid's wording).
"""

from __future__ import annotations

from typing import Any

from ..errors import GridError
from .load import LoadedGrid, load_grid
from .model import Grid, ProvenanceStatus
from .provenance import (
    CERTAINTY,
    UNSAID,
    covering,
    criterion_status,
    least_sure,
    parameter_status,
    shown_status,
)


def _entry(g: Grid, path: str) -> tuple[str | None, str | None]:
    """The note and the source of the ``parameters`` entry that covers ``path``."""
    if path in g.changed_without_provenance():
        return None, None
    for key in covering(path):
        if key in g.parameters:
            p = g.parameters[key]
            return p.note, p.source
    return None, None


def _choice(g: Grid, what: str, paths: list[str], status: ProvenanceStatus,
            **extra: Any) -> dict[str, Any]:
    notes: list[str] = []
    sources: list[str] = []
    for path in paths:
        note, source = _entry(g, path)
        if note and note not in notes:
            notes.append(note)
        if source and source not in sources:
            sources.append(source)
    return {"what": what, "status": status, "notes": notes, "source": ", ".join(sources) or None,
            **extra}


def _status(g: Grid, paths: list[str]) -> ProvenanceStatus:
    """The least sure of what the grid says of ``paths``; :data:`UNSAID` when it says
    nothing of any (a rule nobody gave a provenance for is never « sourced »)."""
    said = [parameter_status(g, p) for p in paths]
    if all(s is None for s in said):
        return UNSAID
    return least_sure(*said) if any(s is not None for s in said) else UNSAID


def outcome_choices(g: Grid) -> list[dict[str, Any]]:
    """The rules that decide ``g``'s outcome, each with its provenance status and the
    notes of the ``parameters`` entries that describe it, in the order a result reads
    them: the verdict rule or the core criteria, a condition shown apart, what counts as
    met / present, the threshold, the floors, the weights, the scales.

    Each item: ``what`` (``verdict``, ``core``, ``separate_condition``, ``counts_as``,
    ``threshold``, ``floor``, ``weights``, ``section_weights``, ``scale``), ``status``,
    ``notes`` (list), ``source`` and, for a floor its criterion ``id``, for a condition
    shown apart its ``criterion`` and ``label``, for a scale its ``scale`` id and
    ``label``."""
    mode = g.resolved_mode()
    scoring = [c for c in g.criteria() if not c.eliminatory]
    out: list[dict[str, Any]] = []
    if mode == "checklist":
        if g.verdict is not None:
            out.append(_choice(g, "verdict", ["verdict"], _status(g, ["verdict"])))
        else:
            core = [f"criteria.{c.id}.core" for c in scoring if c.core]
            if core:
                out.append(_choice(g, "core", core, _status(g, core)))
        for c in scoring:  # a condition shown apart, outside the verdict (loi ESS 15-II)
            if c.separate_condition is not None:
                path = f"criteria.{c.id}.separate_condition"
                out.append(_choice(g, "separate_condition", [path], _status(g, [path]),
                                   criterion=c.id, label=c.separate_condition))
    if mode in ("checklist", "profile"):
        out.append(_choice(g, "counts_as", ["counts_as"], _status(g, ["counts_as"])))
    if mode == "scored":
        if g.threshold is not None:
            out.append(_choice(g, "threshold", ["threshold"], _status(g, ["threshold"])))
        for c in scoring:
            if c.floor is not None:
                path = f"criteria.{c.id}.floor"
                out.append(_choice(g, "floor", [path], _status(g, [path]), id=c.id))
        # the criteria's weights in their section, then the sections' weights: two rules,
        # each with its own notes (one line read « poids 1 pour chaque critère … Poids 2
        # pour 2 critères … », the sections' notes strung after the criteria's)
        weights = [f"criteria.{c.id}.weight" for c in scoring if c.weight is not None
                   or parameter_status(g, f"criteria.{c.id}.weight") is not None]
        if weights:
            out.append(_choice(g, "weights", weights, _status(g, weights)))
        sections = [f"sections.{s.id}.weight" for s in g.sections if s.weight is not None
                    or parameter_status(g, f"sections.{s.id}.weight") is not None]
        if sections:
            out.append(_choice(g, "section_weights", sections, _status(g, sections)))
    used: list[str] = []
    for c in g.criteria():
        if c.scale not in used:
            used.append(c.scale)
    for sid in used:
        scale = g.scales[sid]
        path = f"scales.{sid}"
        said = parameter_status(g, path)
        own = shown_status(scale.provenance) if scale.provenance is not None else None
        status = said or own or UNSAID
        item = _choice(g, "scale", [path], status, scale=sid, label=scale.label or sid)
        if said is None and scale.provenance is not None and scale.provenance.note:
            item["notes"] = [scale.provenance.note]
        out.append(item)
    return out


def choice_counts(choices: list[dict[str, Any]]) -> dict[str, int]:
    """How many of ``choices`` are sourced, reconstructed, inferred."""
    counts: dict[str, int] = {s: 0 for s in CERTAINTY}
    for ch in choices:
        counts[ch["status"]] += 1
    return counts


def verdict_status(choices: list[dict[str, Any]]) -> ProvenanceStatus | None:
    """The provenance of a checklist's verdict: its rule's, or its core criteria's and
    the meaning of « met »'s (the least sure); None for a grid with no verdict."""
    parts = [ch["status"] for ch in choices if ch["what"] in ("verdict", "core", "counts_as")]
    if not any(ch["what"] in ("verdict", "core") for ch in choices):
        return None
    return least_sure(*parts)


#: How a criterion is marked: its provenance status, or « the call's own criterion ».
CALL_OWN = "call"


def criterion_origins(loaded: LoadedGrid) -> dict[str, str]:
    """Each criterion's provenance as shown to a holder: ``sourced``, ``reconstructed``,
    ``inferred``, or :data:`CALL_OWN` for an inferred criterion with no source that a grid
    extending another adds (the call's own criterion, as its agency wrote it: not a
    published grid's text, and not isgrid's wording either)."""
    g = loaded.grid
    parent_ids: set[str] | None = None
    if len(loaded.paths) > 1:
        try:
            parent_ids = {c.id for c in load_grid(loaded.paths[1]).grid.criteria()}
        except GridError:  # pragma: no cover - the grid loaded with it
            parent_ids = None
    out: dict[str, str] = {}
    for c in g.criteria():
        status = criterion_status(g, c)
        if (status == "inferred" and parent_ids is not None and c.id not in parent_ids
                and not (c.provenance.source or "").strip()):
            out[c.id] = CALL_OWN
        else:
            out[c.id] = status
    return out
