"""The ``meeting`` block of ``call.yaml``: the séance, the vote, and who grants the money.

```yaml
meeting:
  date: 2026-03-12
  place: Hôtel de Région, salle 2
  chair: Mme Martin                # présidente de séance
  secretary: M. Durand
  quorum: 4                        # members present needed to deliberate
  members:
    - {name: Mme Martin, role: présidente, assessor: j1}
    - {name: M. Roy, present: false}
  interests:                       # declarations of interest
    - {member: M. Petit, dossier: D3, text: administrateur de la structure}
  left_room:                       # who left the room for which dossier
    - {member: M. Petit, dossier: D3}
  syntheses: {D1: "..."}           # the committee's synthesis per dossier (read by reports)
  vote:                            # the commission permanente (or board)
    body: Commission permanente
    date: 2026-04-02
    reference: CP-2026-04-117      # référence de la délibération
    convention_date: 2026-04-15    # SCDL dateConvention (default: the vote's date)
  attribuant:                      # for the open-data export (SCDL Subventions)
    name: Région Exemple
    siret: "23350001600040"
    nature: aide en numéraire
    conditions_versement: unique
    dates_periode_versement: 2026-05-01/2026-12-31
    id_rae: null
    notification_ue: false
    beneficiary_name: holder       # dossier fact with the beneficiary's legal name
    beneficiary_id: siret          # dossier fact with the beneficiary's SIRET
```

Every key is optional; unknown keys are errors (a misspelt ``quorum`` must not
pass silently).  Dates are ISO ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .callmodel import Call
from .errors import CallError, Diagnostic, Location


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _date(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


class Member(_Strict):
    name: str = Field(min_length=1)
    role: str | None = None
    assessor: str | None = Field(None, description="The member's assessor id, if any.")
    present: bool = True
    voting: bool = Field(True, description="Counts for the quorum.")


class Interest(_Strict):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)
    text: str | None = None


class LeftRoom(_Strict):
    member: str = Field(min_length=1)
    dossier: str = Field(min_length=1)


class Vote(_Strict):
    body: str = "Commission permanente"
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    reference: str | None = None
    convention_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")

    _d = field_validator("date", "convention_date", mode="before")(_date)


class Attribuant(_Strict):
    name: str = Field(min_length=1)
    siret: str = Field(pattern=r"^\d{14}$")
    nature: Literal["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
                    "aide en nature;aide en numéraire"] = "aide en numéraire"
    conditions_versement: str = Field("unique", min_length=1, max_length=256)
    dates_periode_versement: str | None = Field(
        None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    id_rae: str | None = Field(None, max_length=5)
    notification_ue: bool = False
    beneficiary_name: str = "holder"
    beneficiary_id: str = "siret"
    objet: str = Field("title", description="Dossier fact for `objet` (default: its title).")

    _d = field_validator("dates_periode_versement", mode="before")(_date)


class Meeting(_Strict):
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    quorum: int | None = Field(None, ge=1)
    members: list[Member] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    left_room: list[LeftRoom] = Field(default_factory=list)
    syntheses: dict[str, str] = Field(default_factory=dict)
    vote: Vote | None = None
    attribuant: Attribuant | None = None

    _d = field_validator("date", mode="before")(_date)

    @property
    def present(self) -> list[Member]:
        return [m for m in self.members if m.present]

    @property
    def quorum_reached(self) -> bool | None:
        if self.quorum is None:
            return None
        return sum(1 for m in self.members if m.present and m.voting) >= self.quorum


def load_meeting(call: Call) -> Meeting:
    """The call's ``meeting`` block, validated (an empty Meeting when absent)."""
    raw = call.config.meeting or {}
    file = str(call.folder / "call.yaml")
    try:
        meeting = Meeting.model_validate(raw)
    except ValidationError as exc:
        diags = []
        for e in exc.errors():
            path = "meeting" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                       for p in e["loc"])
            diags.append(Diagnostic("call-invalid", f"{path}: {e['msg']}",
                                    Location(file, key_path=path)))
        raise CallError("the meeting block of call.yaml has errors", diags) from None
    ids = {d.id for d in call.dossiers}
    named = [x.dossier for x in meeting.interests] + [x.dossier for x in meeting.left_room]
    problems = [Diagnostic("unknown-dossier", f"meeting names an unknown dossier {did!r}",
                           Location(file, key_path="meeting"))
                for did in named if did not in ids]
    if problems:
        raise CallError("the meeting block names unknown dossiers", problems)
    return meeting
