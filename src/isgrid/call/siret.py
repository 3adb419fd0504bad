"""The SIRET's rule, in one place: 14 digits whose check digit is right.

Read where a SIRET is typed (``meeting.attribuant.siret`` in call.yaml, refused at its
line by :class:`isgrid.call.meeting_models.Attribuant`) and where one is published (the SCDL
export's ``idBeneficiaire``, :mod:`isgrid.documents.opendata`): data.gouv.fr's validator
(Validata's ``french-siret-value``) refuses a row whose ``idAttribuant`` or
``idBeneficiaire`` fails it.
"""

from __future__ import annotations

from ..errors import Message

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
