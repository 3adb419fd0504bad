"""The ``call.yaml`` language and the in-memory call.

``title`` and ``grid`` are enough; every other key is optional and documented
in ``docs/calls.md``.  Unknown keys are errors, like in grids.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import Field, field_validator

from ..errors import Message
from ..grid.load import LoadedGrid
from ..grid.model import (
    AddItem,
    Aggregator,
    Id,
    Integer,
    Number,
    OptionalInteger,
    Role,
    Strict,
    TieBreak,
    canonical_role,
    typed_role,
)
from ..validation import Spoken, spoken_choices
from .blocks import (
    CalibrationConfig,
    ConstraintList,
    Dispositif,
    Intake,
    Letters,
    Retention,
    SensitivityConfig,
    WorkspaceConfig,
)
from .meeting_models import Meeting

if TYPE_CHECKING:
    from .expected import MissingCells
    from .journal import Entry


def known_zone(name: str) -> bool:
    """``name`` is a time zone of the tz database (``zoneinfo``: the system's, else the
    ``tzdata`` package, a dependency of isgrid)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class Assessor(Strict):
    """A member of the jury or a staff instructor."""

    id: Id
    name: str | None = None
    role: Annotated[Role, Spoken(typed_role)] = "juré"
    dossiers: list[str] | None = Field(
        None, description="The dossiers assigned to this assessor (optional)."
    )

    @field_validator("role", mode="before")
    @classmethod
    def _role_word(cls, v: object) -> object:
        """« juror », « instructor » (an English call's words) read as « juré »,
        « instructeur »: the loaded call keeps the canonical value.  Another value is
        refused with the words of the message's language (« 'instructor' or 'juror' »;
        pydantic's own refusal listed the French ones only)."""
        role = canonical_role(v)
        if role not in get_args(Role):
            raise ValueError(spoken_choices(get_args(Role), Spoken(typed_role)))
        return role


class Conflict(Strict):
    """A déport: this assessor must not rate or discuss this dossier."""

    assessor: Id
    dossier: str
    reason: str | None = None


class Consensus(Strict):
    """A committee value that replaces the aggregate of one criterion of one dossier."""

    dossier: str
    criterion: str
    value: Number | str
    reason: str = Field(min_length=1)
    by: str | None = None


class Funding(Strict):
    """Money rules: the proposed amount is min(requested, rate x eligible costs, cap)."""

    rate: Number | None = Field(None, gt=0, le=1, description="Maximum share of eligible costs.")
    cap: Number | None = Field(None, gt=0, description="Maximum amount per dossier.")
    minimum: Number | None = Field(None, ge=0, description="No grant below this amount.")
    partial: bool = Field(
        False, description="The dossier at the line may receive what is left (>= minimum)."
    )
    round: Number = Field(
        0.01, description="Computed amounts are rounded down to this step: 0.01 (cents, the "
        "default), 1 (whole euros) or 100 (hundreds).")

    @field_validator("round")
    @classmethod
    def _round_step(cls, v: float) -> float:
        if v not in (0.01, 1, 100):
            raise ValueError(Message("round is 0.01 (cents), 1 (whole euros) or 100 (hundreds)"))
        return v


class Selection(Strict):
    rule: Literal["rank-order", "skip"] = "rank-order"
    reserve: Integer = Field(0, ge=0, description="How many dossiers on the reserve list.")
    top: OptionalInteger = Field(None, ge=1, description="Select the K first (any mode).")
    shortlist: bool = Field(
        False, description="The selection is a présélection (a shortlist for hearings), no "
        "funding: the letters say « présélectionné pour l'audition » / « non présélectionné », "
        "with no amount and no funding line (docs/calls.md).")
    verdicts: list[Literal["caractérisé", "partiellement"]] | None = Field(
        None,
        description=(
            "Checklist: which verdicts can be ranked and selected "
            "(default: caractérisé and partiellement)."
        ),
    )


class DossierTable(Strict):
    """How the columns of dossiers.csv / dossiers.xlsx map to facts."""

    file: str | None = Field(None, description="Default: dossiers.csv or dossiers.xlsx.")
    columns: dict[str, str] = Field(
        default_factory=dict, description="Column header -> fact path (or id, title)."
    )


class CallConfig(Strict):
    schema_: str | None = Field(None, alias="$schema")

    @property
    def shortlist(self) -> bool:
        """The selection is a présélection (``selection.shortlist``): the one reading of it
        (:func:`isgrid.documents.stage.is_shortlist`, the ``shortlist-budget`` check)."""
        return self.selection is not None and self.selection.shortlist

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        """A time zone the system (or the ``tzdata`` package) knows, by its IANA name."""
        if not known_zone(v):
            raise ValueError(Message("not a time zone of the tz database: write its IANA "
                                     "name, such as Europe/Paris, America/Cayenne or "
                                     "Indian/Reunion"))
        return v

    title: str = Field(min_length=1)
    grid: str = Field(min_length=1, description="A shipped grid id (id@version) or a path.")
    lang: Literal["fr", "en"] = "fr"
    timezone: str = Field(
        "Europe/Paris", description="The time zone in which the call's dates and times are "
        "said and typed (an IANA name: Europe/Paris, America/Cayenne, Indian/Reunion).")
    description: str | None = None
    fictitious: bool | None = Field(None, description="The call's data is made up (examples).")
    set: dict[str, Any] | None = None
    add: list[AddItem] | None = None
    remove: list[Id] | None = None
    assessors: list[Assessor] | None = None
    conflicts: list[Conflict] = Field(default_factory=list)
    consensus: list[Consensus] = Field(default_factory=list)
    require_consensus: bool = Field(
        False, description="Every criterion of every dossier needs a consensus value (in "
        "call.yaml or the meeting's journal); a dossier without one is incomplete.")
    aggregator: Aggregator | None = None
    missing: Literal["incomplete", "renormalise"] = "incomplete"
    min_ratings: OptionalInteger = Field(None, ge=1)
    funding: Funding | None = None
    budget: Number | None = Field(None, ge=0)
    selection: Selection | None = None
    tie_breaks: list[TieBreak] | None = None
    dossier_table: DossierTable | None = None
    # The blocks read by one command each (models in blocks.py, meeting_models.py):
    constraints: ConstraintList | None = None
    sensitivity: SensitivityConfig | None = None
    calibration: CalibrationConfig | None = None
    meeting: Meeting | None = None
    letters: Letters | None = None
    intake: Intake | None = None
    retention: Retention | None = None
    workspace: WorkspaceConfig | None = None
    dispositif: Dispositif | None = None



@dataclass
class Rating:
    """One assessor's value for one criterion of one dossier."""

    dossier: str
    assessor: str
    criterion: str
    value: float | None  # None: missing (empty cell)
    na: bool
    comment: str
    file: str
    line: int | None
    shareable: bool = False  # the juror lets the letter quote the comment


@dataclass
class Dossier:
    id: str
    title: str
    facts: dict[str, Any]
    file: str
    summary: str | None = None
    narrative: str | None = None
    self_assessment: dict[str, Any] | None = None


@dataclass
class Call:
    """A loaded call: its config, resolved grid, dossiers, ratings, and what was found."""

    folder: Path
    config: CallConfig
    grid: LoadedGrid
    dossiers: list[Dossier]
    table: Any  # isgrid.call.ratings.RatingTable: the ratings, by column
    assessors: dict[str, Assessor]
    inputs: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    warnings: list[Any] = field(default_factory=list)
    # The séance journal's entries as read (and hashed) by load_call, so scoring uses the
    # very bytes recorded in ``inputs``; None for a Call built without load_call.
    journal: "tuple[Entry, ...] | None" = None
    # The cells the jurés were expected to fill and left empty (isgrid.call.expected,
    # MissingCells), read by load_call; None without declared assessors or load_call.
    missing: "MissingCells | None" = None

    @property
    def ratings(self) -> list[Rating]:
        """Every rating as an object (built on first use from the columns)."""
        rows: list[Rating] = self.table.rows
        return rows
