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
    convention_date: 2026-04-15    # SCDL dateConvention of its grants (else a dossier's fact)
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
    convention_date: convention_date  # dossier fact with its agreement's date
```

Every key is optional; unknown keys are errors (a misspelt ``quorum`` must not
pass silently).  Dates are ISO ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import CallError, Diagnostic, Location, Message, Quote
from .deports import deport_pairs

# The models live in meeting_models.py (validated when call.yaml is loaded);
# imported here under their old names.
from .meeting_models import Attribuant as Attribuant
from .meeting_models import Interest as Interest
from .meeting_models import LeftRoom as LeftRoom
from .meeting_models import Meeting as Meeting
from .meeting_models import Member as Member
from .meeting_models import Vote as Vote
from .model import Call
from .ratings import dossier_index


def load_meeting(call: Call) -> Meeting:
    """The call's ``meeting`` block (an empty Meeting when absent); raise on unknown dossiers."""
    meeting = call.config.meeting if call.config.meeting is not None else Meeting()
    file = str(call.folder / "call.yaml")
    ids = {d.id for d in call.dossiers}
    named = [x.dossier for x in meeting.interests] + [x.dossier for x in meeting.left_room]
    problems = [Diagnostic("unknown-dossier", Message("meeting names an unknown dossier {dossier}",
                                                      dossier=Quote(did)),
                           Location(file, key_path="meeting"))
                for did in named if did not in ids]
    if problems:
        raise CallError("the meeting block names unknown dossiers", problems)
    return meeting


@dataclass(frozen=True)
class RatedOutOfRoom:
    """A member who left the room for a dossier (``meeting.left_room``) without being
    recused from it (``conflicts``), whose ratings of it count: ``ratings`` of them, by
    their assessor id ``assessor``; ``interest``: the declaration of interest they made on
    it (its text, "" without one), None when they declared none."""

    member: str
    assessor: str
    dossier: str
    ratings: int
    interest: str | None


def rated_out_of_room(call: Call) -> list[RatedOutOfRoom]:
    """Each member who left the room for a dossier and still rates it: ``left_room`` counts
    for the quorum only, a recusal is a ``conflicts`` entry (docs/decisions.md §6), yet a
    member who declared an interest and left the room is, to a French administration,
    « déporté », and the minutes list her among the « déports » (review audit, finding 7).
    A rating counts as the engine counts it: a value, not « NE », not under a recusal."""
    meeting = call.config.meeting
    if meeting is None or not meeting.left_room:
        return []
    recused = deport_pairs(call.config.conflicts)
    table = call.table
    dossiers = dossier_index(table)
    assessors = {a: i for i, a in enumerate(table.assessor_ids)}
    counted = ~np.isnan(np.asarray(table.value, dtype=np.float64)) & ~np.asarray(table.na,
                                                                                dtype=bool)
    out: list[RatedOutOfRoom] = []
    seen: set[tuple[str, str]] = set()
    for x in meeting.left_room:
        member = next((m for m in meeting.members
                       if x.member in (m.name, m.assessor) and m.assessor is not None), None)
        if member is None or member.assessor is None or (member.name, x.dossier) in seen:
            continue
        seen.add((member.name, x.dossier))
        a, d = assessors.get(member.assessor), dossiers.get(x.dossier)
        if (member.assessor, x.dossier) in recused or a is None or d is None:
            continue
        n = int(np.count_nonzero(counted & (np.asarray(table.assessor) == a)
                                 & (np.asarray(table.dossier) == d)))
        if n:
            interest = next((i.text or "" for i in meeting.interests if i.dossier == x.dossier
                             and i.member in (member.name, member.assessor)), None)
            out.append(RatedOutOfRoom(member.name, member.assessor, x.dossier, n, interest))
    return out
