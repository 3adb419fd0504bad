"""The journal's consensus values, applied to the call before it is scored (stage 0 of
the pipeline: :func:`isgrid.engine.pipeline.score` and the analyses' batches read the call
:func:`with_journal` gives).

A consensus value recorded in the séance (``isgrid consensus set``) is parsed on its
criterion's scale like ``call.yaml``'s ``consensus`` and replaces it for the same cell; an
entry that no longer fits the call is an error, with its journal line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..call.journal import JOURNAL, Entry, in_effect
from ..call.model import Call, Consensus
from ..errors import CallError, Diagnostic, Location, Message, Quote
from ..grid.scales import parse_value


def journal_consensus(call: Call, entries: Sequence[Entry]) -> dict[tuple[str, str], Any]:
    """Consensus values recorded in the journal: (dossier, criterion) -> (value, reason).

    The latest entry for a cell wins.  Values are parsed on the criterion's
    scale (labels and decimal commas accepted), exactly like ``call.yaml``'s
    ``consensus``.  Raise :class:`CallError` when an entry no longer fits the
    call (unknown dossier or criterion, value off the scale).
    """
    g = call.grid.grid
    crits = {c.id: c for c in g.criteria()}
    ids = {d.id for d in call.dossiers}
    out: dict[tuple[str, str], Any] = {}
    problems: list[Diagnostic] = []
    where = str(call.folder / JOURNAL)
    for e in entries:
        loc = Location(where, line=e.seq)
        if e.kind == "purge":  # a purge concerns the whole call (dossier "*")
            continue
        if e.dossier not in ids:  # any other kind: a decision for no dossier is not ignored
            problems.append(Diagnostic("unknown-dossier",
                                       Message("the journal names an unknown dossier {dossier}",
                                               dossier=Quote(e.dossier)), loc))
            continue
        if e.kind != "consensus" or e.criterion is None:
            continue
        if e.criterion not in crits:
            problems.append(Diagnostic(
                "unknown-criterion", Message("the journal names an unknown criterion {criterion}",
                                             criterion=Quote(e.criterion)),
                loc))
            continue
        parsed = parse_value(e.value, g.scales[sid := crits[e.criterion].scale], sid)
        if parsed.error or parsed.value is None:
            problems.append(Diagnostic("bad-consensus",
                                       Message("consensus value: {value}",
                                               value=parsed.error or Message('no value')), loc))
            continue
        out[(e.dossier, e.criterion)] = (parsed.value, e.reason)
    if problems:
        raise CallError("the journal does not fit the call", problems)
    return out


def with_journal(call: Call, entries: Sequence[Entry]) -> Call:
    """A copy of ``call`` whose ``consensus`` holds the journal's values too.

    The journal's latest value replaces a ``call.yaml`` value for the same cell; a
    cancelled entry counts for nothing (:func:`~isgrid.call.journal.in_effect`).
    """
    entries = in_effect(entries)
    latest: dict[tuple[str, str], Entry] = {}
    journal_consensus(call, entries)  # raises when an entry does not fit
    for e in entries:
        if e.kind == "consensus" and e.criterion is not None:
            latest[(e.dossier, e.criterion)] = e
    if not latest:
        return call
    kept = [c for c in call.config.consensus if (c.dossier, c.criterion) not in latest]
    added = [Consensus(dossier=e.dossier, criterion=e.criterion or "",
                       value=e.value if e.value is not None else "", reason=e.reason, by=e.by)
             for e in sorted(latest.values(), key=lambda e: e.seq)]
    config = call.config.model_copy(update={"consensus": kept + added})
    return dataclasses.replace(call, config=config)
