"""The applicants' letters of a call, one at a time, each in work that does not grow with
the call.

A letter's context (:func:`isgrid.documents.build.build_context` with ``dossier``) is the
call's common part (the call, the grid, the laureates, the two ways a document's
metadata reads: proposition or decision) and the letter of one dossier
(:func:`isgrid.documents.letters.letter`).  :class:`LetterSet` makes the common part once;
each letter is then its dossier's own work: the builder's tables, the funding line, the
shareable comments' index, the places freed are worked out once for every letter
(:meth:`isgrid.documents.context.Builder.once`).  A call of 20,000 applicants was
quadratic: every letter built every dossier's line and every rating as an object.
"""

from __future__ import annotations

import copy
from typing import Any

from ..call.model import Call
from ..engine import Result
from . import dossier_models as dm
from . import models as m
from .context import Builder
from .letters import letter

#: The parts of a context a letter leaves empty (every kind's, filled by its own).
EMPTY_PARTS: dict[str, Any] = {
    "jury": [], "jury_count": {}, "deports": [], "eligibility": [], "ranking": [],
    "budget": None, "envelope": None, "agenda": [], "agenda_more": 0, "agreement": [],
    "agreement_note": None, "summary": {}, "fiches": [], "letter": None,
}


def laureates(b: Builder) -> list[dm.DossierLine]:
    """The dossiers proposed or granted funding in the selection the document states
    (:attr:`Result.current`), as the ranking's lines; without a selection, the dossiers
    selected."""
    result = b.result
    now = result.current
    if now is not None:
        return [b.line(result.dossier(i)) for i in now.selected]
    return [b.line(d) for d in result.dossiers if d.selected is True]


class LetterSet:
    """Every applicant's letter of one result, in one language, built one at a time
    (the module's docstring): :meth:`context` of a dossier is
    :func:`~isgrid.documents.build.build_context`'s for its letter."""

    def __init__(self, call: Call, result: Result, level: m.Level, lang: str) -> None:
        b = Builder(call, result, "feedback", level, lang)
        self.builder = b
        self.base = m.Context(meta=b.meta(), call=b.call_info(), grid=b.grid_info(),
                              laureates=laureates(b), **EMPTY_PARTS)
        self._meta: dict[bool, m.Meta] = {}

    def builder_for(self, dossier: str) -> Builder:
        """The builder of ``dossier``'s letter: the common one, decided as its dossier is
        (:meth:`Builder.decided_for`), sharing what the common one worked out once."""
        b = self.builder
        mine = copy.copy(b)
        mine.decided = b.decided_for(b.by_id[dossier])
        return mine

    def meta(self, decided: bool) -> m.Meta:
        """A letter's metadata: a proposition's or a decision's (made once each)."""
        if decided not in self._meta:
            b = copy.copy(self.builder)
            b.decided = decided
            self._meta[decided] = b.meta()
        return self._meta[decided]

    def letter(self, dossier: str) -> dm.Letter:
        """``dossier``'s letter (``KeyError`` for a dossier the result does not have)."""
        b = self.builder_for(dossier)
        return letter(b, b.by_id[dossier])

    def context(self, dossier: str) -> m.Context:
        """``dossier``'s letter in the context a template receives."""
        b = self.builder_for(dossier)
        return self.base.model_copy(update={"meta": self.meta(b.decided),
                                            "letter": letter(b, b.by_id[dossier])})
