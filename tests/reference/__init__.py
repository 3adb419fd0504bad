"""A small, independent reference of DESIGN.md's scored arithmetic, ranking and budget walk.

Written from DESIGN.md ("Combining assessors", "Scored mode arithmetic", "Ranking,
ties, funding line, reserve", "Money") and the engine decisions recorded in the
issue, **without** importing anything from isgrid: plain Python over plain data,
so that a property test can compare the engine with it.  It is deliberately
naive (quadratic loops, no sorting tricks): obviously right beats fast here.

Its modules, along its seams: :mod:`.scoring` (assessors, the scored arithmetic,
ranking, the budget walk, :func:`score_call`, :func:`status`); :mod:`.decisions` (the
journal's stages, the effective decision, the granted amount, the walk over a freed
place); :mod:`.journal` (:func:`apply_journal`: the séance journal's decisions, freed
places and the tie at the line).  Each imports only the standard library and its
siblings: never isgrid.

The input is a plain dict (a "spec"):

``sections``
    list of ``{"id", "weight"}`` (weight None means 1), in grid order;
``criteria``
    list of ``{"id", "section", "weight", "lo", "hi", "floor"}`` for the criteria
    that count in the total (eliminatory criteria are *not* listed here);
``eliminatory``
    list of criterion ids on a yes/no scale (0 = non, 1 = oui);
``threshold``
    a number or None;
``aggregator``
    ``mean``, ``median`` or ``trimmed-mean``;
``missing``
    ``incomplete`` or ``renormalise``;
``ratings``
    ``{(dossier, assessor, criterion): value}`` where value is a number, the
    string ``"na"`` or None (an empty cell);
``consensus``
    ``{(dossier, criterion): value}``;
``dossiers``
    list of ``{"id", "facts": {...}}`` (facts read: amount_requested,
    eligible_costs, and whatever the tie-breaks name);
``tie_breaks``
    list of ``(kind, ref, order)`` with kind ``section``/``criterion``/``fact``;
``budget``
    a number or None;
``funding``
    None or ``{"rate", "cap"}`` (either may be None);
``rule``
    ``rank-order`` or ``skip``;
``reserve``
    how many dossiers go on the reserve list.
"""

from __future__ import annotations

from .decisions import journal_consensus
from .journal import apply_journal
from .scoring import score_call, status

__all__ = ["apply_journal", "journal_consensus", "score_call", "status"]
