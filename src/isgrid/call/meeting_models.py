"""The models of call.yaml's ``meeting`` block: the members, their interests and who left
the room, the vote, the grantor (``attribuant``), and the quorum's rule per dossier
(:meth:`Meeting.below_quorum`).  Validated with the rest of call.yaml
(:class:`isgrid.call.model.CallConfig`); :mod:`isgrid.call.meeting` reads the block."""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

from collections.abc import Collection, Iterable
from typing import Any, Literal, NamedTuple

from pydantic import Field, field_validator

from ..errors import Message, Quote
from ..grid.model import OptionalInteger
from .blocks import BlockModel, block_date
from .siret import GRANTOR_SIRET, grantor_siret


class Member(BlockModel):
    name: str = Field(min_length=1)
    role: str | None = None
    assessor: str | None = Field(None, description="The member's assessor id, if any.")
    present: bool = True
    voting: bool = Field(True, description="Counts for the quorum.")


class Interest(BlockModel):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)
    text: str | None = None


class LeftRoom(BlockModel):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)


class Vote(BlockModel):
    body: str = "Commission permanente"
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    reference: str | None = None
    convention_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")

    _d = field_validator("date", "convention_date", mode="before")(block_date)


class Attribuant(BlockModel):
    name: str = Field(min_length=1)
    siret: str = Field(pattern=r"^\d{14}$", description=GRANTOR_SIRET)
    nature: Literal["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
                    "aide en nature;aide en numéraire"] = "aide en numéraire"
    conditions_versement: str = Field("unique", min_length=1, max_length=256)
    dates_periode_versement: str | None = Field(
        None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$",
        description="The payment period, START/END (2026-05-01/2026-12-31, the end not "
                    "before the start) or one date.")
    id_rae: str | None = Field(None, max_length=5)
    notification_ue: bool = False
    beneficiary_name: str = "holder"
    beneficiary_id: str = "siret"
    beneficiary_rna: str = Field("rna", description="Dossier fact for rnaBeneficiaire.")
    objet: str = Field("title", description="Dossier fact for `objet` (default: its title).")
    convention_date: str = Field(
        "convention_date", pattern=r"^[^\d]",
        description="The name of the dossier fact for dateConvention, the date the grant "
                    "agreement was signed (a date for all of meeting.vote's grants goes in "
                    "meeting.vote.convention_date).")

    _d = field_validator("dates_periode_versement", mode="before")(block_date)
    _s = field_validator("siret")(grantor_siret)  # the beneficiaries' rule (call/siret.py)

    @field_validator("dates_periode_versement")
    @classmethod
    def _a_period(cls, v: str | None) -> str | None:
        """``START/END``: two dates, the end not before the start (the schema's pattern
        lets 2026-12-31/2026-05-01 and 2026-02-31 in, and the SCDL file published them)."""
        if v is None:
            return v
        from datetime import date

        days = []
        for part in v.split("/"):
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise ValueError(Message("{value} is not a date (YYYY-MM-DD)",
                                         value=Quote(part))) from None
        if len(days) == 2 and days[1] < days[0]:
            raise ValueError(Message(
                "the payment period ends ({end}) before it starts ({start})",
                start=days[0].isoformat(), end=days[1].isoformat()))
        return v

    @field_validator("convention_date", mode="before")
    @classmethod
    def _a_name(cls, v: Any) -> Any:
        """A date written here (where docs/calls.md lists the key) is said as what it is,
        not as a pattern's failure."""
        from ..grid.facts import iso_date

        if iso_date(v) is not None:
            raise ValueError(Message(
                "the name of the dossier fact that holds each grant's agreement date, not a "
                "date: one date for all of meeting.vote's grants goes in "
                "meeting.vote.convention_date"))
        return v


class ShortQuorum(NamedTuple):
    """A dossier deliberated below the meeting's quorum (:meth:`Meeting.below_quorum`)."""

    dossier: str
    present: int  # the members present who vote, less those out of the room
    out: list[Member]  # those out of the room for it


class Meeting(BlockModel):
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    quorum: OptionalInteger = Field(None, ge=1)
    members: list[Member] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    left_room: list[LeftRoom] = Field(default_factory=list)
    syntheses: dict[str, str] = Field(default_factory=dict)
    vote: Vote | None = None
    attribuant: Attribuant | None = None

    _d = field_validator("date", mode="before")(block_date)

    @property
    def present(self) -> list[Member]:
        return [m for m in self.members if m.present]

    @property
    def voting(self) -> list[Member]:
        """The members present who vote: those the quorum counts."""
        return [m for m in self.members if m.present and m.voting]

    @property
    def quorum_reached(self) -> bool | None:
        """Whether the meeting has its quorum when it opens (None without one);
        :meth:`below_quorum` says which dossiers were deliberated without it."""
        if self.quorum is None:
            return None
        return len(self.voting) >= self.quorum

    def out_of_room(self, dossier: str, recused: Collection[str] = ()) -> list[Member]:
        """The members present who vote but were out of the room while ``dossier`` was
        deliberated: its ``left_room`` entries (a member named by name or assessor id) and
        the members whose assessor id is in ``recused`` (call.yaml's ``conflicts`` for that
        dossier: a recused member leaves the room, as the séance view tells them)."""
        left = {x.member for x in self.left_room if x.dossier == dossier}
        return [m for m in self.voting
                if m.name in left or (m.assessor is not None
                                      and (m.assessor in left or m.assessor in recused))]

    def unknown_left(self) -> list[LeftRoom]:
        """The ``left_room`` entries naming no member (by name or assessor id): counted out
        of the room for nobody, so a quorum they would break reads reached."""
        known = {m.name for m in self.members} | {m.assessor for m in self.members
                                                   if m.assessor is not None}
        return [x for x in self.left_room if x.member not in known]

    def below_quorum(self, conflicts: Iterable[tuple[str, str]] = ()) -> list[ShortQuorum]:
        """The dossiers deliberated below the quorum, in id order: ``(dossier, members
        present for it, those out of the room)`` (:meth:`out_of_room`), for each dossier a
        member left the room for (``left_room``) or that ``conflicts`` (``(assessor,
        dossier)`` pairs: call.yaml's recusals) names.  Empty without a quorum.  The one
        rule of the quorum per dossier: the minutes, ``call check`` and the séance view."""
        if self.quorum is None:
            return []
        recused: dict[str, set[str]] = {}
        for assessor, dossier in conflicts:
            recused.setdefault(dossier, set()).add(assessor)
        for x in self.left_room:
            recused.setdefault(x.dossier, set())
        return [s for d in sorted(recused) if (s := self.short_for(d, recused[d])) is not None]

    def short_for(self, dossier: str, recused: Collection[str] = ()) -> ShortQuorum | None:
        """``dossier`` deliberated below the quorum, ``recused``: the assessor ids recused
        from it (:meth:`below_quorum`); None when it had its quorum, or there is none."""
        if self.quorum is None:
            return None
        gone = self.out_of_room(dossier, recused)
        present = len(self.voting) - len(gone)
        return ShortQuorum(dossier, present, gone) if present < self.quorum else None
