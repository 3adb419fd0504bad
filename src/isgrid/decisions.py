"""The journal as the documents and the CLI read it (a thin layer over the engine).

The journal's consensus values, decisions and withdrawals are a stage of the
engine (:mod:`isgrid.engine.decide`); :func:`score_with_decisions` is kept for
callers that read the result JSON as plain data: it is
``isgrid.engine.score(call, Scenario(journal=entries)).to_json()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .callmodel import Call
from .engine import Scenario, score
from .engine.decide import effective, journal_consensus, with_journal
from .journal import Entry

__all__ = ["effective", "journal_consensus", "score_with_decisions", "with_journal"]


def score_with_decisions(call: Call, entries: Sequence[Entry] | None = None) -> dict[str, Any]:
    """The result JSON of the whole pipeline (``entries``: None reads the call's journal)."""
    return score(call, Scenario(journal=entries)).to_json()
