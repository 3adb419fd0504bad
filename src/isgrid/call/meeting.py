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

from ..errors import CallError, Diagnostic, Location, Message

# The models live with the other call.yaml blocks (validated when call.yaml is loaded);
# imported here under their old names.
from .blocks import Attribuant as Attribuant
from .blocks import Interest as Interest
from .blocks import LeftRoom as LeftRoom
from .blocks import Meeting as Meeting
from .blocks import Member as Member
from .blocks import Vote as Vote
from .model import Call


def load_meeting(call: Call) -> Meeting:
    """The call's ``meeting`` block (an empty Meeting when absent); raise on unknown dossiers."""
    meeting = call.config.meeting if call.config.meeting is not None else Meeting()
    file = str(call.folder / "call.yaml")
    ids = {d.id for d in call.dossiers}
    named = [x.dossier for x in meeting.interests] + [x.dossier for x in meeting.left_room]
    problems = [Diagnostic("unknown-dossier", Message("meeting names an unknown dossier {dossier}",
                                                      dossier=repr(did)),
                           Location(file, key_path="meeting"))
                for did in named if did not in ids]
    if problems:
        raise CallError("the meeting block names unknown dossiers", problems)
    return meeting
