"""The one rule for what a juror wrote under a déport.

A déport (a conflict of interest: call.yaml's ``conflicts``, or a row of
``conflicts/*.csv``, which the jurors' web workspace writes) may be declared after
the juror rated the dossier: after their workbook was sent (``isgrid sheets``), or
once their sheet was submitted online.  What they wrote on that dossier (a rating,
a comment, an overall opinion or amount) is then, wherever it comes from:

* **never counted**: the engine leaves those ratings out
  (:func:`isgrid.engine.aggregate.conflicted_rows`, over the same pairs), the
  opinions' reader leaves the opinion out (:mod:`isgrid.jury.opinions`);
* **never lost**: it stays where the juror wrote it: ``ratings/<juror>.csv`` and
  ``opinions/<juror>.csv`` are read with it, ``isgrid sheets import`` writes the
  workbook's rows like the others, the workspace exports the juror's sheet whole;
* **told**: a ``conflicted-rating`` warning at the place it was written (the file and
  line, or the workbook's sheet and cell), once per juror and dossier (at the first
  place), from :meth:`Deports.tell`, so that the loader and the import say the same.

Every reader asks :class:`Deports`: the call's loader (:mod:`isgrid.call.load`),
``isgrid sheets import`` (:mod:`isgrid.jury.reading`) and the opinions.  Who is
*given* a dossier is another rule (a déport is never assigned, nor put in a
workbook: :func:`isgrid.jury.common.dossiers_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..errors import Collector, Location, Message
from .model import Conflict


def deport_pairs(conflicts: Iterable[Conflict]) -> frozenset[tuple[str, str]]:
    """The (assessor, dossier) pairs of the call's déports."""
    return frozenset((c.assessor, c.dossier) for c in conflicts)


class Deports:
    """The call's déports, and the rule for what a juror wrote under one."""

    def __init__(self, conflicts: Iterable[Conflict]) -> None:
        self.pairs = deport_pairs(conflicts)
        self._told: set[tuple[str, str, str]] = set()

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def covers(self, assessor: str, dossier: str) -> bool:
        """Is ``assessor`` déporté from ``dossier``?  Then what they wrote on it is kept
        and never counts; :meth:`tell` says so."""
        return (assessor, dossier) in self.pairs

    def tell(self, assessor: str, dossier: str, where: Location, diags: Collector, *,
             what: Literal["ratings", "opinion"] = "ratings") -> None:
        """The ``conflicted-rating`` warning at ``where``, the first place ``assessor``
        wrote something on ``dossier``; nothing for the pair's later places."""
        key = (assessor, dossier, what)
        if key in self._told:
            return
        self._told.add(key)
        if what == "ratings":
            message = Message("{assessor} is conflicted on {dossier}; their ratings are excluded",
                              assessor=assessor, dossier=dossier)
        else:
            message = Message("{assessor} is conflicted on {dossier}; their opinion is excluded",
                              assessor=assessor, dossier=dossier)
        # the code's hint (diagnostic_codes): kept, never counted, the déport to remove if wrong
        diags.add("conflicted-rating", message, where, severity="warning")
