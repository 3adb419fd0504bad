"""What a juror's dossier page reads of their sheet, and of the other jurors' sheets.

The page reads the draft once (:meth:`SheetReads.page`: its fields, values, boxes and
opinion, with the juror's row, the scoring state and the peers' sheets); after their own
submission, a juror may see the other jurors' submitted sheets when call.yaml says
``workspace: {peer_ratings: after_submission}`` (:meth:`SheetReads.peer_sheets`).
:class:`~isgrid.workspace.store.Workspace` is a :class:`SheetReads`; ``PeerSheet`` and
``SheetPage`` are importable from :mod:`.store` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from .access import Access, NotYours
from .db import Deport, Juror, Opinion, Rating
from .draft import stored_fields

if TYPE_CHECKING:
    from ..grid.model import Criterion


@dataclass(frozen=True)
class PeerSheet:
    """Another juror's submitted sheet on a dossier, as shown after one's own submission."""

    name: str
    values: dict[str, tuple[str, str]]  # criterion -> (value text, comment)
    opinion: tuple[str, str, str]  # (opinion, amount, overall comment)


@dataclass(frozen=True)
class SheetPage:
    """What a dossier's page shows of the juror's sheet, read at once (:meth:`Workspace.page`)."""

    fields: dict[str, str]  # every field of the draft as stored (:mod:`.draft`)
    values: dict[str, tuple[str, str]]  # criterion -> (value text, comment)
    opinion: tuple[str, str, str]  # (opinion, amount, overall comment)
    shared: set[str]  # the criteria whose comment may be shared with the applicant
    juror: Juror
    open_: bool  # scoring open (:meth:`Workspace.state`)
    deadline: float | None
    peers: list[PeerSheet]  # :meth:`Workspace.peer_sheets`


class SheetReads(Access):
    """A juror's sheet as their dossier's page shows it (see the module docstring)."""

    if TYPE_CHECKING:  # the workspace's own (store.py)
        def check_dossier(self, aid: str, did: str, s: Session | None = None) -> None: ...

        def criteria_of(self, aid: str) -> list[Criterion]: ...

        def assigned(self, aid: str) -> tuple[list[str], frozenset[str]]: ...

        def state(self, s: Session | None = None) -> tuple[bool, float | None]: ...

    def sheet(self, aid: str, did: str) -> tuple[dict[str, tuple[str, str]], tuple[str, str, str]]:
        """The juror's values and comments on ``did``, and (opinion, amount, comment)."""
        with self.tx() as s:
            self.check_dossier(aid, did, s)
            _, rows, op = stored_fields(s, aid, did, ())
        return _values_of(rows), _opinion_of(op)

    def shared(self, aid: str, did: str) -> set[str]:
        """The criteria of ``did`` whose comment the juror marked as shareable with the
        applicant (the box ticked, with or without a comment yet)."""
        with self.tx() as s:
            self.check_dossier(aid, did, s)
            return _shared_of(stored_fields(s, aid, did, ())[1])

    def page(self, aid: str, did: str) -> SheetPage:
        """What the page of ``did`` shows of the juror's sheet, in one transaction: access
        checked once, the draft read once (its fields, hence the page's bases, its values,
        boxes and opinion), with the juror's row, the scoring state and the peers' sheets.
        The page read the same draft three times and checked access four."""
        crits = [c.id for c in self.criteria_of(aid)]
        with self.tx() as s:
            self.check_dossier(aid, did, s)
            fields, rows, op = stored_fields(s, aid, did, crits)
            j = s.get(Juror, aid)
            if j is None:
                raise NotYours(aid)
            open_, deadline = self.state(s)
            peers = self._peers(s, aid, did, j)
        return SheetPage(fields, _values_of(rows), _opinion_of(op), _shared_of(rows), j,
                         open_, deadline, peers)

    def _blind(self) -> bool:
        """Scoring is blind: no juror sees another's sheet (:meth:`peer_sheets`)."""
        cfg = self.call.config.workspace
        return cfg is None or cfg.peer_ratings != "after_submission"

    def peer_sheets(self, aid: str, did: str) -> list[PeerSheet]:
        """The other jurors' submitted sheets on ``did``, when the juror may see them.

        Scoring is blind unless call.yaml says ``workspace: {peer_ratings:
        after_submission}``; then a juror whose own sheet is submitted sees, on each of
        their dossiers, the sheets other jurors have submitted for it (not those of jurors
        déportés from it, nor drafts). A sheet reopened by the secretariat is blind again.
        """
        if self._blind():
            return []
        with self.tx() as s:
            self.check_dossier(aid, did, s)
            return self._peers(s, aid, did, s.get(Juror, aid))

    def _peers(self, s: Session, aid: str, did: str, me: Juror | None) -> list[PeerSheet]:
        """:meth:`peer_sheets`, the juror's access to ``did`` checked, ``me`` their row."""
        if self._blind() or me is None or me.status != "submitted":
            return []
        out: list[PeerSheet] = []
        for other in self.call.assessors.values():
            if other.id == aid:
                continue
            j = s.get(Juror, other.id)
            if j is None or j.status != "submitted":
                continue
            # one of their dossiers they are not deported from, asked directly: building
            # each juror's list to look one dossier up made a page grow with the call
            if did not in self.assigned(other.id)[1] \
                    or s.get(Deport, (other.id, did)) is not None:
                continue
            _, rows, op = stored_fields(s, other.id, did, ())
            out.append(PeerSheet(other.name or other.id, _values_of(rows), _opinion_of(op)))
        return out


def _values_of(rows: dict[str, Rating]) -> dict[str, tuple[str, str]]:
    """criterion -> (value text, comment) of a draft's rows (:func:`.draft.stored_fields`)."""
    return {cid: (r.value, r.comment) for cid, r in rows.items()}


def _opinion_of(op: Opinion | None) -> tuple[str, str, str]:
    """(opinion, amount, overall comment) of a draft, empty without its row."""
    return (op.opinion, op.amount, op.comment) if op else ("", "", "")


def _shared_of(rows: dict[str, Rating]) -> set[str]:
    """The criteria whose box « à transmettre au porteur » is ticked in a draft's rows."""
    return {cid for cid, r in rows.items() if r.shareable}
