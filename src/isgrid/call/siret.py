"""The SIRET's rule, in one place: 14 digits whose check digit is right.

Read where a SIRET is typed (``meeting.attribuant.siret`` in call.yaml, refused at its
line by :class:`isgrid.call.meeting_models.Attribuant`) and where one is published (the SCDL
export's ``idBeneficiaire``, :mod:`isgrid.documents.opendata`): data.gouv.fr's validator
(Validata's ``french-siret-value``) refuses a row whose ``idAttribuant`` or
``idBeneficiaire`` fails it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import Collector, Location, Message

#: The help of ``meeting.attribuant.siret`` (its field's description).
GRANTOR_SIRET = ("The grantor's SIRET: 14 digits whose check digit is right (check it against "
                 "the INSEE's directory, annuaire-entreprises.data.gouv.fr).")


def siret_valid(siret: str) -> bool:
    """Whether 14 digits are a SIRET by its check digit: the Luhn sum, or, for La Poste's
    establishments (SIREN 356000000), the sum of the digits a multiple of 5."""
    digits = [int(c) for c in siret]
    total = 0
    for i, x in enumerate(reversed(digits)):
        x = x * 2 if i % 2 else x
        total += x - 9 if x > 9 else x
    if total % 10 == 0:  # La Poste's head office passes it too
        return True
    return siret.startswith("356000000") and sum(digits) % 5 == 0


def grantor_siret(v: str) -> str:
    """``meeting.attribuant.siret``, typed once by hand, by the same rule as the
    beneficiaries' (:func:`siret_valid`): a wrong check digit makes data.gouv.fr refuse every
    row of the SCDL export (``french-siret-value`` on idAttribuant); refused at its line."""
    if not siret_valid(v):
        raise ValueError(Message(
            "{siret} is not a SIRET: its check digit is wrong (a digit mistyped?); "
            "data.gouv.fr would refuse every row of the open-data export", siret=v))
    return v


#: The dossier fact that holds the beneficiary's SIRET when call.yaml does not name one
#: (``meeting.attribuant.beneficiary_id``'s default)
BENEFICIARY_FACT = "siret"


def beneficiary_fact(config: Any) -> str:
    """The fact of a dossier the open-data export publishes as ``idBeneficiaire``:
    ``meeting.attribuant.beneficiary_id``, else :data:`BENEFICIARY_FACT`."""
    meeting = getattr(config, "meeting", None)
    attribuant = getattr(meeting, "attribuant", None)
    return attribuant.beneficiary_id if attribuant is not None else BENEFICIARY_FACT


def siret_digits(value: Any) -> str:
    """A SIRET as published: its text without spaces (« 732 829 320 00075 », with
    ordinary, no-break or narrow spaces, is 73282932000075)."""
    return "".join(str(value).split())


def check_beneficiary_siret(fact: str, value: Any,
                            where: Location | Callable[[], Location],
                            diags: Collector) -> None:
    """A warning ``siret-invalid`` at ``where()`` when the beneficiary's SIRET is not 14
    digits or its check digit is wrong (:func:`siret_valid`, the rule the open-data export
    applies to ``idBeneficiaire``; ``where``: its place, or how to find it): said when the dossier is taken in and checked, not
    first at the export, after the vote.  An empty value says nothing."""
    if value is None or isinstance(value, bool):
        return
    digits = siret_digits(value)
    if not digits:
        return
    if len(digits) != 14 or not (digits.isascii() and digits.isdigit()):
        what = Message("{fact}: {siret} is not a SIRET (14 digits)", fact=fact,
                       siret=str(value))
    elif not siret_valid(digits):
        what = Message("{fact}: {siret} is not a SIRET: its check digit is wrong (a digit "
                       "mistyped?)", fact=fact, siret=str(value))
    else:
        return
    diags.add("siret-invalid", what, where if isinstance(where, Location) else where(),
              severity="warning",
              hint="Check it against the INSEE's directory (annuaire-entreprises.data.gouv.fr): "
              "the open-data export (isgrid export --format scdl-subventions) refuses it as "
              "idBeneficiaire.")
